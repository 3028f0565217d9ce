/**
 * Bringing an existing (console-made) instance under management with `adoptInstanceId`, the
 * alternative to `pulumi import`, which cannot work for dynamic resources (pulumi/pulumi#16175).
 *
 * create then sends no CreateInstances: it reads the instance, fails with one line per property
 * when an input that adoption does not change disagrees with it (adoption never reinstalls or
 * resizes), waits for a stable state, applies the other differences (name, resource group,
 * bandwidth, power state, and the password when one is given) and returns
 * its id. From then on the instance is managed like any other: `pulumi destroy` deletes it (use
 * the `retainOnDelete` resource option to keep it). Later changes to `adoptInstanceId` do nothing.
 *
 * Only the first create of a resource adopts. A replacement (a replace-forcing change of an adopted
 * or imported instance) deletes the adopted instance first and then creates a new one, as for any
 * instance: adopting again would name the instance just retired.
 */
import type { CreateResult } from "@pulumi/pulumi/dynamic";
import type { InstanceInfo } from "../../client/types";
import { describeOne } from "../runtime/api";
import type { Ctx } from "../runtime/context";
import { RECYCLED_STATUSES } from "../constants";
import { formatDuration } from "../inputs/durations";
import { messageOf, redactedError } from "../errors";
import { partialFailure } from "./partial";
import { applyInPlace, currentSettingsOf, InPlaceError } from "../in-place/in-place";
import type { Failure, InstanceInputs } from "../inputs/inputs";
import { containsUnknown } from "../inputs/unknowns";
import { diffInstance } from "../diff/diff";
import { describeMismatches, mismatches } from "../diff/matching";
import { buildOutputs, type InstanceOutputs } from "./outputs";
import { waitUntilStable, type WaitArgs } from "../waits/waiters";

/**
 * Whether a create adopts `adoptInstanceId`: only when it is the resource's first create. A
 * resource this process has seen in state (Ctx.ownersInState) is being replaced.
 */
export function adoptsOnCreate(ctx: Ctx, raw: Record<string, unknown>): boolean {
  if (raw.adoptInstanceId === undefined || raw.adoptInstanceId === null) return false;
  return !(typeof raw.__owner === "string" && ctx.ownersInState.has(raw.__owner));
}

/** A replacement's inputs: `adoptInstanceId` has done its job (it named the instance just retired). */
export function withoutAdoption(raw: Record<string, unknown>): Record<string, unknown> {
  const { adoptInstanceId: _adopted, ...rest } = raw;
  return rest;
}

/**
 * The check failure that refuses a replacement of an adopted instance declaring no login
 * credential, before the engine deletes anything (in the preview too): adoption allows neither
 * password nor keyId, CreateInstances needs one, and the old instance goes first
 * (deleteBeforeReplace). `olds` are the stored inputs, empty for a resource not yet in state; a
 * replace-forcing value not known yet (preview) does not count.
 */
export function replacementCredentialFailures(olds: Record<string, unknown>, news: Record<string, unknown>): Failure[] {
  const declared = (key: string) => news[key] !== undefined && news[key] !== null;
  if (Object.keys(olds).length === 0 || !declared("adoptInstanceId") || declared("password") || declared("keyId")) return [];
  const replaces = (diffInstance(olds, news).replaces ?? []).filter((key) => !containsUnknown(news[key]));
  if (replaces.length === 0) return [];
  const named = olds.adoptInstanceId ?? news.adoptInstanceId;
  const id = typeof named === "string" ? named : "the adopted instance";
  return [{
    property: "password",
    reason: `replacing ${id} (${replaces.join(", ")} changed) creates a new instance, which needs a login credential: ` +
      `declare password or keyId (adoptInstanceId only names the instance the first create adopts)`,
  }];
}

/** create() with `adoptInstanceId`. */
export async function adoptExplicit(
  ctx: Ctx, inputs: InstanceInputs, args: WaitArgs, secrets: readonly (string | undefined)[],
): Promise<CreateResult<InstanceOutputs>> {
  const id = inputs.adoptInstanceId as string;
  let info;
  try {
    info = await describeOne(ctx.api, id);
  } catch (e) {
    throw redactedError(`Adopting ${id} failed: ${messageOf(e)}`, secrets);
  }
  if (!info) {
    throw redactedError(`Cannot adopt ${id}: DescribeInstances does not list it (wrong id, another account, or already released). Check adoptInstanceId.`, secrets);
  }
  if (RECYCLED_STATUSES.has(info.instanceStatus)) {
    throw redactedError(
      `Cannot adopt ${id}: it is in Zenlayer's recycle bin (${info.instanceStatus}). Restore it in the console first, then run pulumi up again.`, secrets);
  }
  if (info.instanceStatus === "CREATE_FAILED") {
    throw redactedError(`Cannot adopt ${id}: it is CREATE_FAILED. Delete it in the console and create a new instance instead.`, secrets);
  }
  const differences = mismatches(inputs, info, false);
  if (differences.length > 0) {
    throw redactedError(
      `Cannot adopt ${id}: properties that adoption does not change differ from the inputs: ${describeMismatches(differences)}. ` +
      `Change the inputs to match the instance (or remove adoptInstanceId to create a new instance).`, secrets);
  }
  const stable = await waitUntilStable(ctx, id, args).catch((e: unknown) => {
    throw redactedError(`Adopting ${id} failed while waiting for a stable state: ${messageOf(e)}`, secrets);
  });
  if (!stable.matched || (stable.status !== "RUNNING" && stable.status !== "STOPPED")) {
    throw redactedError(
      `Cannot adopt ${id}: it did not settle in RUNNING or STOPPED within ${ctx.frontEnd.timeoutOption("create")} = ${args.limitText} ` +
      `(last status ${stable.status ?? "unknown"}, after ${formatDuration(ctx.clock.now() - args.started)}). Run pulumi up again later.`, secrets);
  }
  const current = await applyDeclaredSettings(ctx, info, inputs, args, secrets, `${id} is adopted and kept in the stack; run pulumi up again.`);
  const after = (await describeOne(ctx.api, id)) ?? current;
  ctx.log.info(
    `Adopted ${id} (${after.instanceName}, ${after.instanceStatus}); Pulumi now manages it and pulumi destroy deletes it ` +
    `(set the retainOnDelete resource option to keep it)`);
  return { id, outs: buildOutputs(inputs, after) };
}

/**
 * Brings an existing instance's in-place settings (name, resource group, bandwidth, power state,
 * password when given) in line with the inputs, for an adopted instance of either kind. A failure keeps the
 * instance in the stack (partial state) with `keptNote` appended. Returns the instance as read
 * before the changes.
 */
export async function applyDeclaredSettings(
  ctx: Ctx, info: InstanceInfo, inputs: InstanceInputs, args: WaitArgs, secrets: readonly (string | undefined)[], keptNote: string,
): Promise<InstanceInfo> {
  const id = info.instanceId;
  const current = (await describeOne(ctx.api, id)) ?? info;
  try {
    await applyInPlace(ctx, id, currentSettingsOf(current), inputs, args, secrets);
  } catch (e) {
    const reason = e instanceof InPlaceError ? e.message : messageOf(e);
    throw await partialFailure(ctx, id, inputs, current.instanceStatus, `${reason} ${keptNote}`, secrets);
  }
  return current;
}
