/**
 * The in-place changes, each through its action, in a safe order: name
 * (ModifyInstancesAttribute), resource group (ModifyInstancesResourceGroup), bandwidth
 * (ModifyInstanceBandwidth, then DescribeInstanceInternetStatus until the change is in force),
 * password (ResetInstancesPassword). Cheap, reversible metadata first; the billing change and the
 * credential change last. Used by update, and by create when it adopts an instance.
 */
import type { Ctx } from "../runtime/context";
import { formatDuration } from "../inputs/durations";
import { messageOf, redactedError } from "../errors";
import type { InstanceInputs } from "../inputs/inputs";
import type { WaitArgs } from "../waits/waiters";

/** What the instance has now (name, group and bandwidth from the API; password from state). */
export interface CurrentSettings {
  status: string;
  instanceName?: string;
  resourceGroupId?: string;
  internetMaxBandwidthOut?: number;
  password?: string;
}

/** What was done: the applied values and notes worth printing. */
export interface AppliedChanges {
  applied: Partial<InstanceInputs>;
  /** A bandwidth change accepted for the next billing cycle (WaitToEnable). */
  bandwidthPending?: number;
}

/** Error of one in-place step, with what had been applied before it. */
export class InPlaceError extends Error {
  constructor(message: string, readonly done: AppliedChanges) {
    super(message);
  }
}

/** Applies every difference between `current` and `desired`; throws InPlaceError on the first failure. */
export async function applyInPlace(
  ctx: Ctx, id: string, current: CurrentSettings, desired: InstanceInputs, args: WaitArgs, secrets: readonly (string | undefined)[],
): Promise<AppliedChanges> {
  const done: AppliedChanges = { applied: {} };
  const step = async (what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (e) {
      throw new InPlaceError(
        redactedError(`Updating ${id} (${what}) failed: ${messageOf(e)}`, secrets).message, done);
    }
  };
  if (desired.instanceName !== undefined && desired.instanceName !== current.instanceName) {
    const name = desired.instanceName;
    await step("instanceName", async () => {
      await ctx.api.modifyInstancesAttribute({ instanceIds: [id], instanceName: name });
      done.applied.instanceName = name;
      ctx.log.info(`${id} renamed to ${name}`);
    });
  }
  if (desired.resourceGroupId !== undefined && desired.resourceGroupId !== current.resourceGroupId) {
    const group = desired.resourceGroupId;
    await step("resourceGroupId", async () => {
      await ctx.api.modifyInstancesResourceGroup({ instanceIds: [id], resourceGroupId: group });
      done.applied.resourceGroupId = group;
      ctx.log.info(`${id} moved to resource group ${group}`);
    });
  }
  if (desired.internetMaxBandwidthOut !== undefined && desired.internetMaxBandwidthOut !== current.internetMaxBandwidthOut) {
    const target = desired.internetMaxBandwidthOut;
    if (current.status !== "RUNNING") {
      throw new InPlaceError(
        `Updating ${id} (internetMaxBandwidthOut) needs a RUNNING instance (ModifyInstanceBandwidth), but it is ` +
        `${current.status}. Start it in the console, then run pulumi up again.`, done);
    }
    await step("internetMaxBandwidthOut", async () => {
      await ctx.api.modifyInstanceBandwidth({ instanceId: id, internetMaxBandwidthOut: target });
      const result = await waitForBandwidth(ctx, id, target, args);
      done.applied.internetMaxBandwidthOut = target;
      if (result === "next-cycle") {
        done.bandwidthPending = target;
        ctx.log.info(`${id}: the bandwidth change to ${target} Mbps was accepted and takes effect at the next billing cycle (WaitToEnable)`);
      } else {
        ctx.log.info(`${id}: bandwidth is now ${target} Mbps`);
      }
    });
  }
  if (desired.password !== undefined && desired.password !== current.password) {
    const password = desired.password;
    await step("password", async () => {
      await ctx.api.resetInstancesPassword({ instanceIds: [id], password });
      done.applied.password = password;
      ctx.log.info(`${id}: password reset`);
    });
  }
  return done;
}

/**
 * Polls DescribeInstanceInternetStatus (growing, jittered interval) until the new bandwidth is in
 * force (`Enable` / no pending change, with the new value) or accepted for the next billing cycle
 * (`WaitToEnable`).
 */
export async function waitForBandwidth(ctx: Ctx, id: string, target: number, args: WaitArgs): Promise<"enabled" | "next-cycle"> {
  let interval = ctx.settings.pollIntervalMs;
  for (;;) {
    const s = await ctx.api.describeInstanceInternetStatus({ instanceId: id });
    const state = s.modifiedBandwidthStatus ?? undefined;
    if (state === "WaitToEnable") return "next-cycle";
    if (state !== "Processing" && s.internetMaxBandwidthOut === target) return "enabled";
    if (state === "Enable" && s.modifiedInternetMaxBandwidthOut === target) return "enabled";
    const now = ctx.clock.now();
    if (now >= args.deadline) {
      throw new Error(
        `the bandwidth change to ${target} Mbps was ordered but is still ${state ?? "not in force"} after ` +
        `${formatDuration(now - args.started)} (limit ${args.limitText}); run pulumi refresh later to see whether it completed`);
    }
    args.progress.report(
      `${id}: bandwidth change to ${target} Mbps is ${state ?? "pending"} (${formatDuration(now - args.started)} of ${args.limitText})`,
      `bandwidth:${state}`);
    const pause = Math.round(interval * (1 - 0.2 * ctx.clock.random()));
    await ctx.clock.sleep(Math.min(pause, args.deadline - now));
    interval = Math.min(interval * 2, Math.max(ctx.settings.pollIntervalMs, ctx.settings.waitMaxIntervalMs));
  }
}
