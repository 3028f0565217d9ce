import { requireStatus } from "../model/guards";
import { checkPassword } from "../model/rules";
import { reqString, reqStringArray } from "../protocol/params";
import { MAX_IDS, requireInstances, type ActionHandler } from "./context";

/**
 * ResetInstancesPassword: checks the password rules and the instances' status. The password is
 * not kept anywhere (the simulator has no guest OS to log into), so there is nothing to leak.
 */
export const ResetInstancesPassword: ActionHandler = (params, ctx) => {
  const ids = reqStringArray(params, "instanceIds", MAX_IDS);
  checkPassword(reqString(params, "password", 1000));
  const targets = requireInstances(ctx, ids);
  targets.forEach((live) => requireStatus(live, ["RUNNING", "STOPPED"], "ResetInstancesPassword"));
  return {};
};
