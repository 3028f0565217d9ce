/** resourceGroupId: ModifyInstancesResourceGroup, in any status; takes effect at once. */
import type { InPlaceStep } from "./step";

export const resourceGroupStep: InPlaceStep = {
  name: "resourceGroupId",
  inputs: ["resourceGroupId"],
  wanted: (current, desired) => desired.resourceGroupId !== undefined && desired.resourceGroupId !== current.resourceGroupId,
  async apply({ ctx, id, desired, done }) {
    const group = desired.resourceGroupId as string;
    await ctx.api.modifyInstancesResourceGroup({ instanceIds: [id], resourceGroupId: group });
    done.applied.resourceGroupId = group;
    ctx.log.info(`${id} moved to resource group ${group}`);
  },
};
