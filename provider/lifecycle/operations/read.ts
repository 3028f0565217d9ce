/**
 * `read` (refresh, and the read-only lookup through the `id` resource option).
 *
 * - Not listed, RECYCLING, RECYCLE or RELEASING ⇒ gone: returns an empty id so refresh drops it,
 *   with a warning when it sits in the recycle bin (restorable from the console for about a day).
 * - CREATE_FAILED ⇒ kept, with that status: an instance that failed may still be billed, so it
 *   stays in the stack until `pulumi destroy` deletes it or the next `pulumi up` replaces it
 *   (diff.ts replaces a CREATE_FAILED instance). Dropping it would orphan it.
 * - Otherwise the current outputs, and as inputs the declared ones (declared.ts) with the values
 *   the instance has now: unchanged where nothing drifted, the live value where something did
 *   (name, bandwidth, image, type, resource group, tags, power state). So the preview after a
 *   refresh shows exactly the drift the next `pulumi up` undoes, and a one-field change of the
 *   program previews as that field only. The password, never returned by the API, is kept from
 *   state (the engine keeps it secret, as it was). A lookup by id (no state) returns the inputs
 *   the outputs imply; state written before the declared paths were recorded keeps its inputs.
 */
import type { ReadResult } from "@pulumi/pulumi/dynamic";
import { describeOne } from "../runtime/api";
import type { Ctx } from "../runtime/context";
import { RECYCLED_STATUSES } from "../constants";
import { messageOf, redactedError } from "../errors";
import { valuesAt } from "./declared";
import { buildOutputs, inputsFromOutputs, type InstanceOutputs } from "./outputs";

/**
 * Reads instance `id`; `props` are the outputs in state (empty for a lookup), `declared` the paths
 * of the declared inputs (declared.ts; undefined when not known), `declaredValues` the stack's
 * inputs when the caller has them.
 */
export async function readInstance(
  ctx: Ctx, id: string, props: Record<string, unknown> = {}, declared?: readonly string[], declaredValues: Record<string, unknown> = {},
): Promise<ReadResult> {
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
  // A declared input the instance reports nothing for (tags of an instance whose tags were never
  // read) keeps its declared value, when the caller has the values.
  if (declared) return { id, props: outs, inputs: { ...declaredValues, ...valuesAt({ ...outs }, declared) } };
  // Outputs in state always carry the instance id; a lookup's props (the engine's, or none) never do.
  if (props.instanceId !== undefined) return { id, props: outs };
  // A lookup: the inputs the outputs imply, without the password (none is known).
  const { password: _password, ...inputs } = inputsFromOutputs(outs);
  return { id, props: outs, inputs };
}
