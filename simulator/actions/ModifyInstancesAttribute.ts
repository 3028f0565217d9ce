import { EDITABLE_STATUSES, requireStatus } from "../model/guards";
import { checkInstanceName } from "../model/rules";
import { reqString, reqStringArray } from "../protocol/params";
import { MAX_IDS, requireInstances, type ActionHandler } from "./context";

/** ModifyInstancesAttribute: renames instances (the only attribute it changes). */
export const ModifyInstancesAttribute: ActionHandler = (params, ctx) => {
  const ids = reqStringArray(params, "instanceIds", MAX_IDS);
  const instanceName = reqString(params, "instanceName", 1000);
  checkInstanceName(instanceName);
  const targets = requireInstances(ctx, ids);
  targets.forEach((live) => requireStatus(live, EDITABLE_STATUSES, "ModifyInstancesAttribute"));
  for (const { record } of targets) {
    record.instanceName = instanceName;
    ctx.store.put(record, ctx.now);
  }
  return {};
};
