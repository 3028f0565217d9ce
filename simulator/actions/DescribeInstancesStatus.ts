import { optStringArray, page } from "../protocol/params";
import { MAX_IDS, type ActionHandler } from "./context";

/** DescribeInstancesStatus: `{instanceId, instanceStatus}` per instance; all instances when no ids are given. */
export const DescribeInstancesStatus: ActionHandler = (params, ctx) => {
  const ids = optStringArray(params, "instanceIds", MAX_IDS);
  const found = ids ? ctx.store.getMany(ids, ctx.now) : ctx.store.list(ctx.now);
  const { totalCount, dataSet } = page(found, params);
  return { totalCount, dataSet: dataSet.map((live) => ({ instanceId: live.record.instanceId, instanceStatus: live.status })) };
};
