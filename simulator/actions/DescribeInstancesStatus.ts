import { optStringArray, page } from "../protocol/params";
import { MAX_IDS, type ActionHandler } from "./context";

/** DescribeInstancesStatus: `{instanceId, instanceStatus}` per instance; all instances when no ids are given. */
export const DescribeInstancesStatus: ActionHandler = (params, ctx) => {
  const ids = optStringArray(params, "instanceIds", MAX_IDS);
  const found = ctx.store.list(ctx.now).filter((live) => !ids || ids.includes(live.record.instanceId));
  return page(found.map((live) => ({ instanceId: live.record.instanceId, instanceStatus: live.status })), params);
};
