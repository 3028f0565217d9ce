/**
 * instanceType: ModifyInstanceType (whose field is `instanceTypeId`), then DescribeInstanceTypeStatus
 * until the new type is in force (`Enable`) or accepted for the next billing cycle (`WaitToEnable`).
 * The instance keeps its id, addresses and disks.
 */
import type { InPlaceStep } from "./step";
import { reportOrdered, waitForOrderedChange } from "./ordered-change";

export const resizeStep: InPlaceStep = {
  name: "instanceType",
  inputs: ["instanceType"],
  wanted: (current, desired) => desired.instanceType !== current.instanceType,
  async apply({ ctx, id, desired, args, done }) {
    const target = desired.instanceType;
    await ctx.api.modifyInstanceType({ instanceId: id, instanceTypeId: target });
    const outcome = await waitForOrderedChange(ctx, id, `instance type change to ${target}`, async () => {
      const s = await ctx.api.describeInstanceTypeStatus({ instanceId: id });
      return { state: s.modifiedInstanceTypeStatus, inForce: s.instanceType === target };
    }, args);
    done.applied.instanceType = target;
    if (outcome === "next-cycle") done.nextCycle.instanceType = target;
    reportOrdered(ctx, id, outcome, "instance type", target);
  },
};
