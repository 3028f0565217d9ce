import { SECURITY_GROUP_ID_PATTERN } from "../model/catalogue";
import { EDITABLE_STATUSES, requireStatus } from "../model/guards";
import { apiError } from "../protocol/errors";
import { reqString, type Params } from "../protocol/params";
import { requireInstance, type ActionContext, type ActionHandler } from "./context";

/** The instance and the group of a security-group request, both checked. */
function target(params: Params, ctx: ActionContext, action: string) {
  const securityGroupId = reqString(params, "securityGroupId");
  const live = requireInstance(ctx, reqString(params, "instanceId"));
  if (!SECURITY_GROUP_ID_PATTERN.test(securityGroupId)) {
    throw apiError("INVALID_SECURITY_GROUP_NOT_FOUND", `The security group \`${securityGroupId}\` is not found.`);
  }
  requireStatus(live, EDITABLE_STATUSES, action);
  return { record: live.record, securityGroupId };
}

/** AssociateSecurityGroupInstance: adds the instance to a security group (again: no change). */
export const AssociateSecurityGroupInstance: ActionHandler = (params, ctx) => {
  const { record, securityGroupId } = target(params, ctx, "AssociateSecurityGroupInstance");
  if (!record.securityGroupIds.includes(securityGroupId)) record.securityGroupIds = [...record.securityGroupIds, securityGroupId];
  ctx.store.put(record, ctx.now);
  return {};
};

/**
 * UnAssociateSecurityGroupInstance: removes the instance from a group (not a member: no change).
 * An instance keeps at least one group, so removing the last one is refused.
 */
export const UnAssociateSecurityGroupInstance: ActionHandler = (params, ctx) => {
  const { record, securityGroupId } = target(params, ctx, "UnAssociateSecurityGroupInstance");
  if (!record.securityGroupIds.includes(securityGroupId)) return {};
  if (record.securityGroupIds.length === 1) {
    throw apiError("OPERATION_DENIED_LAST_SECURITY_GROUP",
      `Instance ${record.instanceId} must stay in at least one security group; associate another one first.`);
  }
  record.securityGroupIds = record.securityGroupIds.filter((id) => id !== securityGroupId);
  ctx.store.put(record, ctx.now);
  return {};
};
