/**
 * trafficPackageSize: ModifyInstanceTrafficPackage, then DescribeInstanceInternetStatus until the
 * new size is in force (`Enable`) or accepted for the next billing cycle (`WaitToEnable`).
 */
import type { InPlaceStep } from "./step";
import { reportOrdered, waitForOrderedChange } from "./ordered-change";

export const trafficPackageStep: InPlaceStep = {
  name: "trafficPackageSize",
  inputs: ["trafficPackageSize"],
  wanted: (current, desired) => desired.trafficPackageSize !== undefined && desired.trafficPackageSize !== current.trafficPackageSize,
  async apply({ ctx, id, desired, args, done }) {
    const target = desired.trafficPackageSize as number;
    await ctx.api.modifyInstanceTrafficPackage({ instanceId: id, trafficPackageSize: target });
    const outcome = await waitForOrderedChange(ctx, id, `traffic package change to ${target} TB`, async () => {
      const s = await ctx.api.describeInstanceInternetStatus({ instanceId: id });
      return { state: s.modifiedTrafficPackageStatus ?? undefined, inForce: s.trafficPackageSize === target };
    }, args);
    done.applied.trafficPackageSize = target;
    if (outcome === "next-cycle") done.nextCycle.trafficPackageSize = target;
    reportOrdered(ctx, id, outcome, "traffic package", `${target} TB`);
  },
};
