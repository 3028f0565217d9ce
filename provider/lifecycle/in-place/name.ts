/** instanceName: ModifyInstancesAttribute, in any status; takes effect at once. */
import type { InPlaceStep } from "./step";

export const renameStep: InPlaceStep = {
  name: "instanceName",
  inputs: ["instanceName"],
  wanted: (current, desired) => desired.instanceName !== undefined && desired.instanceName !== current.instanceName,
  async apply({ ctx, id, desired, done }) {
    const name = desired.instanceName as string;
    await ctx.api.modifyInstancesAttribute({ instanceIds: [id], instanceName: name });
    done.applied.instanceName = name;
    ctx.log.info(`${id} renamed to ${name}`);
  },
};
