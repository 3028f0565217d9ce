/**
 * internetMaxBandwidthOut: ModifyInstanceBandwidth (RUNNING only), then DescribeInstanceInternetStatus
 * until the new bandwidth is in force or accepted for the next billing cycle.
 */
import { InPlaceError, type InPlaceStep } from "./step";
import { reportOrdered, waitForOrderedChange } from "./ordered-change";

export const bandwidthStep: InPlaceStep = {
  name: "internetMaxBandwidthOut",
  wanted: (current, desired) =>
    desired.internetMaxBandwidthOut !== undefined && desired.internetMaxBandwidthOut !== current.internetMaxBandwidthOut,
  async apply({ ctx, id, current, desired, args, done }) {
    const target = desired.internetMaxBandwidthOut as number;
    if (current.status !== "RUNNING") {
      throw new InPlaceError(
        `Updating ${id} (internetMaxBandwidthOut) needs a RUNNING instance (ModifyInstanceBandwidth), but it is ` +
        `${current.status}. Declare powerState "RUNNING" (or start it in the console), run pulumi up, then stop it again.`, done);
    }
    await ctx.api.modifyInstanceBandwidth({ instanceId: id, internetMaxBandwidthOut: target });
    const outcome = await waitForOrderedChange(ctx, id, `bandwidth change to ${target} Mbps`, async () => {
      const s = await ctx.api.describeInstanceInternetStatus({ instanceId: id });
      const state = s.modifiedBandwidthStatus ?? undefined;
      const inForce = s.internetMaxBandwidthOut === target || (state === "Enable" && s.modifiedInternetMaxBandwidthOut === target);
      return { state, inForce };
    }, args);
    done.applied.internetMaxBandwidthOut = target;
    if (outcome === "next-cycle") done.nextCycle.internetMaxBandwidthOut = target;
    reportOrdered(ctx, id, outcome, "bandwidth", `${target} Mbps`);
  },
};
