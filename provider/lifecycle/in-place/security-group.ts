/**
 * securityGroupId: AssociateSecurityGroupInstance with the declared group, then
 * UnAssociateSecurityGroupInstance from every other group (joining first, so the instance is never
 * without a group). Takes effect at once.
 */
import type { InPlaceStep } from "./step";

export const securityGroupStep: InPlaceStep = {
  name: "securityGroupId",
  inputs: ["securityGroupId"],
  wanted: (current, desired) => {
    if (desired.securityGroupId === undefined) return false;
    const groups = current.securityGroupIds ?? [];
    return groups.length !== 1 || groups[0] !== desired.securityGroupId;
  },
  async apply({ ctx, id, current, desired, done }) {
    const group = desired.securityGroupId as string;
    const groups = current.securityGroupIds ?? [];
    if (!groups.includes(group)) await ctx.api.associateSecurityGroupInstance({ securityGroupId: group, instanceId: id });
    for (const other of groups.filter((g) => g !== group)) {
      await ctx.api.unAssociateSecurityGroupInstance({ securityGroupId: other, instanceId: id });
    }
    done.applied.securityGroupId = group;
    ctx.log.info(`${id} is now in security group ${group}`);
  },
};
