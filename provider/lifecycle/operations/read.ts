/**
 * `read` (refresh, and the read-only lookup through the `id` resource option).
 *
 * - Not listed, RECYCLING, RECYCLE or RELEASING ⇒ gone: returns an empty id so refresh drops it,
 *   with a warning when it sits in the recycle bin (restorable from the console for about a day).
 * - CREATE_FAILED ⇒ kept, with that status: an instance that failed may still be billed, so it
 *   stays in the stack until `pulumi destroy` deletes it or the next `pulumi up` replaces it
 *   (diff.ts replaces a CREATE_FAILED instance). Dropping it would orphan it.
 * - Otherwise the current outputs, and the inputs they imply, so refresh shows drift (name,
 *   bandwidth, image, type, resource group, tags) and causes no false diff. The password, never
 *   returned by the API, is kept from state in the outputs.
 */
import type { ReadResult } from "@pulumi/pulumi/dynamic";
import { describeOne } from "../runtime/api";
import type { Ctx } from "../runtime/context";
import { RECYCLED_STATUSES } from "../constants";
import { messageOf, redactedError } from "../errors";
import { buildOutputs, inputsFromOutputs, type InstanceOutputs } from "./outputs";

/** Reads instance `id`; `props` are the outputs in state (empty for a lookup). */
export async function readInstance(ctx: Ctx, id: string, props: Record<string, unknown> = {}): Promise<ReadResult> {
  const secrets = [...ctx.secrets, props.password as string | undefined];
  let info;
  try {
    info = await describeOne(ctx.api, id);
  } catch (e) {
    throw redactedError(`Reading ${id} failed: ${messageOf(e)}`, secrets);
  }
  if (!info) {
    ctx.log.warn(`${id} no longer exists in Zenlayer (deleted outside Pulumi); it is removed from the stack`);
    return { id: "" };
  }
  if (RECYCLED_STATUSES.has(info.instanceStatus)) {
    ctx.log.warn(
      `${id} is in Zenlayer's recycle bin (${info.instanceStatus}): it was terminated outside Pulumi and is removed from ` +
      `the stack. It can be restored from the Zenlayer console for about 24 hours; after restoring it, bring it back with ` +
      `adoptInstanceId: "${id}".`);
    return { id: "" };
  }
  if (info.instanceStatus === "CREATE_FAILED") {
    ctx.log.warn(`${id} is CREATE_FAILED; it stays in the stack so that pulumi destroy deletes it (the next pulumi up replaces it)`);
  }
  const applied = inputsFromOutputs(props as Partial<InstanceOutputs>);
  const outs = buildOutputs(applied, info);
  // The password stays out of the returned inputs: the host cannot mark it secret there, and diff
  // reads it from the outputs (which the SDK's additionalSecretOutputs keeps secret).
  const { password: _password, ...inputs } = inputsFromOutputs(outs);
  return { id, props: outs, inputs };
}
