import { toInstanceTypeStatus } from "../model/instance-record";
import { reqString } from "../protocol/params";
import { requireInstance, type ActionHandler } from "./context";

/** DescribeInstanceTypeStatus: the type in force and the progress of the last type change. */
export const DescribeInstanceTypeStatus: ActionHandler = (params, ctx) => {
  const live = requireInstance(ctx, reqString(params, "instanceId"));
  return toInstanceTypeStatus(live.record, ctx.now);
};
