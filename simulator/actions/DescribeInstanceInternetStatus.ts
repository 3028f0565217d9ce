import { toInternetStatus } from "../model/instance-record";
import { reqString } from "../protocol/params";
import { requireInstance, type ActionHandler } from "./context";

/** DescribeInstanceInternetStatus: the bandwidth in force and the progress of the last change. */
export const DescribeInstanceInternetStatus: ActionHandler = (params, ctx) => {
  const live = requireInstance(ctx, reqString(params, "instanceId"));
  return toInternetStatus(live.record, ctx.now);
};
