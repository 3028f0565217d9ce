/**
 * Instances made for a stack that its state does not hold ("orphans"), and what to do with them.
 *
 * An instance gets its stack's tag (constants.ts) when it is created. A `pulumi up` killed while
 * the instance was still being created never hands the id to the engine: the state keeps only a
 * pending create (which `pulumi destroy` leaves alone), the VM keeps running and billing. The next
 * `pulumi up` adopts it through its owner tag (create.ts), as long as the program still declares
 * the resource; otherwise it is found here: by `pulumi destroy` and `pulumi refresh` (a warning
 * on the first delete or read of the stack's instances, see reportOrphans) and by the
 * `zenlayer-vm orphans` command, which lists them and terminates them on request. A stack whose
 * only instance is the interrupted one has nothing for destroy or refresh to run this provider
 * for: there the engine's own warning about the pending create, and the command, remain.
 *
 * Instances created before the stack tag existed carry only the owner tag
 * `<project>/<stack>/<resource>`; they are recognised by that prefix unless the owner tag was
 * shortened inside it (a project and stack name of more than 50 characters together).
 */
import { isApiError } from "../../client";
import type { InstanceInfo, VmApi } from "../../client/types";
import { GONE, OWNER_TAG_KEY, RECYCLED_STATUSES } from "../constants";
import { type Ctx, ownersCreatedHere } from "../runtime/context";
import { readStackState, type StackState } from "../runtime/stack-state";
import { messageOf } from "../errors";
import { parseStackRef, stackRefText, type StackRef } from "../inputs/stack-ref";
import { formatDuration } from "../inputs/durations";
import { limitOf } from "../inputs/options";
import { fromApiTags, stackTagValue } from "../inputs/tags";
import { Progress } from "../runtime/progress";
import { waitForStatuses, type WaitArgs } from "../waits/waiters";
import { terminateWithRetry } from "./delete";

/** Most pages of 100 read when listing the provider's instances. */
const MAX_PAGES = 50;

/** An instance tagged for the stack that the stack's state does not hold. */
export interface Orphan {
  info: InstanceInfo;
  /** The resource it was created for (the owner tag's last part), when the tag names it. */
  resourceName?: string;
  /** The URN of the pending create the state keeps for that resource, if any. */
  pendingCreateUrn?: string;
}

/** Whether `info` was created for the stack `ref` (its stack tag, or the owner tag of older releases). */
export function isTaggedFor(info: InstanceInfo, ref: StackRef): boolean {
  const { owner, stack } = fromApiTags(info.tags);
  if (stack !== undefined) return stack === stackTagValue(ref.project, ref.stack);
  return owner !== undefined && owner.startsWith(`${ref.project}/${ref.stack}/`);
}

/** Instances created for the stack that are not in the recycle bin (whatever their state says). */
export async function liveStackInstances(api: VmApi, ref: StackRef): Promise<InstanceInfo[]> {
  let all: InstanceInfo[];
  try {
    all = await listInstances(api, true);
  } catch (e) {
    // A server that rejects the tag-key filter (a 4xx other than throttling): list everything.
    if (!isApiError(e) || e.retryable || e.httpStatus === undefined || e.httpStatus >= 500) throw e;
    all = await listInstances(api, false);
  }
  return all.filter((info) => !RECYCLED_STATUSES.has(info.instanceStatus) && isTaggedFor(info, ref));
}

async function listInstances(api: VmApi, provided: boolean): Promise<InstanceInfo[]> {
  const found: InstanceInfo[] = [];
  for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
    const page = await api.describeInstances({ ...(provided ? { tagKeys: [OWNER_TAG_KEY] } : {}), pageNum, pageSize: 100 });
    found.push(...page.dataSet);
    if (page.dataSet.length < 100 || pageNum * 100 >= page.totalCount) break;
  }
  return found;
}

/** The live instances of `live` that `state` does not hold, with the resource and pending create each belongs to. */
export function orphansAmong(live: readonly InstanceInfo[], state: StackState): Orphan[] {
  return live.filter((info) => !state.heldIds.has(info.instanceId)).map((info) => {
    const owner = fromApiTags(info.tags).owner;
    const pending = state.pendingCreates.find((p) => p.owner !== undefined && p.owner === owner);
    const resourceName = pending?.urn.split("::").at(-1) ?? owner?.split("/").slice(2).join("/");
    return { info, ...(resourceName ? { resourceName } : {}), ...(pending ? { pendingCreateUrn: pending.urn } : {}) };
  });
}

/** The command that lists (and with `--terminate` removes) the orphans of `ref`. */
export function orphansCommand(ref: StackRef, terminate = false): string {
  const stack = ref.organization === undefined
    ? '"$(pulumi stack --show-name --fully-qualify-stack-names)"'
    : stackRefText(ref);
  return `zenlayer-vm orphans --stack ${stack}${terminate ? " --terminate" : ""}`;
}

/** One line about an orphan: what it is, why it is outside the state, and the ways out. */
export function describeOrphan(orphan: Orphan, ref: StackRef): string {
  const { info } = orphan;
  const what = `${info.instanceId} (${info.instanceStatus}, ${info.instanceName}${info.createTime ? `, created ${info.createTime}` : ""}` +
    `${orphan.resourceName ? `, for resource ${orphan.resourceName}` : ""})`;
  const pending = orphan.pendingCreateUrn
    ? ` The state keeps a pending create for ${orphan.pendingCreateUrn}: an interrupted pulumi up created this instance.`
    : "";
  const adopt = orphan.resourceName
    ? `to keep it, run pulumi up with resource ${orphan.resourceName} still in the program (it adopts the instance by its ` +
      `${OWNER_TAG_KEY} tag) or declare it with adoptInstanceId: "${info.instanceId}"`
    : `to keep it, declare it with adoptInstanceId: "${info.instanceId}"`;
  return `${what} is tagged for stack ${ref.project}/${ref.stack} but is not in its state; it is billed until it is terminated.${pending} ` +
    `To terminate it: ${orphansCommand(ref, true)}; ${adopt}.`;
}

/** What the recycle bin means, said wherever instances are terminated outside a stack. */
export const RECYCLE_BIN_NOTE =
  "A terminated instance rests in Zenlayer's recycle bin: no longer billed as running, restorable from the console " +
  "for about 24 hours, then released by Zenlayer.";

/** Stacks this process has already looked at (destroy reports once per stack, not once per instance). */
const reported = new Set<string>();

/**
 * After a delete or a read of one of the stack's instances: instances tagged for the same stack
 * that its state does not hold, each named with the command that removes it and the way to keep
 * it. Once per stack and process; never fails the operation (a failed check becomes a warning
 * naming the command that repeats it). Reads the state through the Pulumi CLI only when such an
 * instance may exist (a live tagged instance other than `knownId`).
 */
export async function reportOrphans(ctx: Ctx, knownId: string, props: Record<string, unknown>): Promise<void> {
  const ref = parseStackRef(props.__stack);
  if (!ref || reported.has(stackRefText(ref))) return;
  reported.add(stackRefText(ref));
  try {
    const others = (await liveStackInstances(ctx.api, ref)).filter((info) => {
      const owner = fromApiTags(info.tags).owner;
      return info.instanceId !== knownId && !(owner !== undefined && ownersCreatedHere.has(owner));
    });
    if (others.length === 0) return;
    const state = await readStackState(ref);
    for (const orphan of orphansAmong(others, state)) ctx.log.warn(describeOrphan(orphan, ref));
  } catch (e) {
    ctx.log.warn(
      `Could not check for instances of stack ${ref.project}/${ref.stack} that its state does not hold: ${messageOf(e)}. ` +
      `${orphansCommand(ref)} lists them.`);
  }
}

/** How terminating an orphan ended: in the recycle bin, or already gone. */
export type OrphanOutcome = "recycle bin" | "gone";

/**
 * TerminateInstance for an orphan, as delete sends it: an instance still being created or
 * installed (PENDING, DEPLOYING, REBUILDING) is waited out within the default delete limit, and
 * the result is confirmed (the recycle bin, or gone).
 */
export async function terminateOrphan(ctx: Ctx, id: string): Promise<OrphanOutcome> {
  const limit = limitOf({}, "delete");
  const started = ctx.clock.now();
  const args: WaitArgs = {
    deadline: started + limit.ms, started, limitText: limit.text,
    progress: new Progress(ctx.log, ctx.clock, ctx.settings.progressIntervalMs),
  };
  const outcome = await terminateWithRetry(ctx, id, args, limit, {}, ctx.secrets);
  if (outcome === "gone") return "gone";
  const settled = await waitForStatuses(ctx, id, new Set([...RECYCLED_STATUSES, GONE]), { ...args, immediate: true });
  if (!settled.matched) {
    throw new Error(
      `TerminateInstance was accepted for ${id}, but it still reports ${settled.status ?? "no status"} after ` +
      `${formatDuration(ctx.clock.now() - started)}; run the command again.`);
  }
  return settled.status === GONE ? "gone" : "recycle bin";
}
