import { findResourceGroup } from "../model/catalogue";
import { EDITABLE_STATUSES, requireStatus } from "../model/guards";
import { apiError } from "../protocol/errors";
import { reqString, reqStringArray } from "../protocol/params";
import { MAX_IDS, requireInstances, type ActionHandler } from "./context";

/** ModifyInstancesResourceGroup: moves instances to another resource group of the catalogue. */
export const ModifyInstancesResourceGroup: ActionHandler = (params, ctx) => {
  const ids = reqStringArray(params, "instanceIds", MAX_IDS);
  const resourceGroupId = reqString(params, "resourceGroupId");
  if (!findResourceGroup(resourceGroupId)) {
    throw apiError("INVALID_RESOURCE_GROUP_NOT_FOUND", `The resource group \`${resourceGroupId}\` is not found.`);
  }
  const targets = requireInstances(ctx, ids);
  targets.forEach((live) => requireStatus(live, EDITABLE_STATUSES, "ModifyInstancesResourceGroup"));
  for (const { record } of targets) {
    record.resourceGroupId = resourceGroupId;
    ctx.store.put(record, ctx.now);
  }
  return {};
};
