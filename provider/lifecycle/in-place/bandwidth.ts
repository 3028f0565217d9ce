/**
 * internetMaxBandwidthOut: ModifyInstanceBandwidth (RUNNING only), then DescribeInstanceInternetStatus
 * until the new bandwidth is in force or accepted for the next billing cycle.
 *
 * Zenlayer caps the bandwidth by the instance type (`internetMaxBandwidthOutLimit`): ModifyInstanceType
 * is refused while the bandwidth in force exceeds the new type's cap, and ModifyInstanceBandwidth
 * beyond the current type's cap. So the change runs on whichever side of a type change keeps every
 * intermediate state within the caps, and that side follows from the direction of the bandwidth
 * change alone, whatever the caps are: a LOWER bandwidth goes first (it is below today's value,
 * which fits today's type), a HIGHER one last (today's value is below it, and it fits the target
 * type). Any combination whose end state is valid therefore applies in one update.
 */
import { desiredPower, InPlaceError, type CurrentSettings, type InPlaceStep } from "./step";
import type { InstanceInputs } from "../inputs/inputs";
import { reportOrdered, waitForOrderedChange } from "./ordered-change";

/** Which side of the instance type change a bandwidth change runs on. */
export type BandwidthDirection = "lower" | "raise";

/** The direction of the declared change, or undefined when there is none. Unknown today counts as a raise. */
export function bandwidthDirection(current: CurrentSettings, desired: InstanceInputs): BandwidthDirection | undefined {
  const target = desired.internetMaxBandwidthOut;
  if (target === undefined || target === current.internetMaxBandwidthOut) return undefined;
  return current.internetMaxBandwidthOut !== undefined && target < current.internetMaxBandwidthOut ? "lower" : "raise";
}

function bandwidthStep(direction: BandwidthDirection): InPlaceStep {
  return {
    name: "internetMaxBandwidthOut",
    inputs: ["internetMaxBandwidthOut"],
    wanted: (current, desired) => bandwidthDirection(current, desired) === direction,
    async apply({ ctx, id, current, desired, args, done }) {
      const target = desired.internetMaxBandwidthOut as number;
      if (current.status !== "RUNNING") throw new InPlaceError(notRunningMessage(id, current.status, desired), done);
      await ctx.api.modifyInstanceBandwidth({ instanceId: id, internetMaxBandwidthOut: target });
      const outcome = await waitForOrderedChange(ctx, id, `bandwidth change to ${target} Mbps`, async () => {
        const s = await ctx.api.describeInstanceInternetStatus({ instanceId: id });
        const state = s.modifiedBandwidthStatus ?? undefined;
        const inForce = s.internetMaxBandwidthOut === target || (state === "Enable" && s.modifiedInternetMaxBandwidthOut === target);
        return { state, inForce };
      }, args);
      done.applied.internetMaxBandwidthOut = target;
      current.internetMaxBandwidthOut = target;
      if (outcome === "next-cycle") done.nextCycle.internetMaxBandwidthOut = target;
      reportOrdered(ctx, id, outcome, "bandwidth", `${target} Mbps`);
    },
  };
}

/** Before the instance type change. */
export const lowerBandwidthStep = bandwidthStep("lower");
/** After the instance type change (and after a reinstall, which leaves the instance RUNNING). */
export const raiseBandwidthStep = bandwidthStep("raise");

/**
 * Why the change cannot run now. An update starts the instance only when its diff changes the
 * power state (in-place.ts), so a running one that was stopped outside Pulumi stays stopped until
 * a refresh shows the stop and the preview the start.
 */
function notRunningMessage(id: string, status: string, desired: InstanceInputs): string {
  const head = `Updating ${id} (internetMaxBandwidthOut) needs a RUNNING instance (ModifyInstanceBandwidth), but it is ${status}.`;
  if (desiredPower(desired) === "STOPPED") {
    return `${head} Declare powerState "RUNNING" (or start it in the console), run pulumi up, then stop it again`;
  }
  return `${head} It was stopped outside Pulumi: run pulumi refresh (the preview then shows the start, powerState) and pulumi up`;
}
