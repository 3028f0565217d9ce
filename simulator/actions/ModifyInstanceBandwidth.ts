import { requireStatus } from "../model/guards";
import { bandwidthLimit } from "../model/instance-record";
import { apiError } from "../protocol/errors";
import { newOrderNumber } from "../protocol/ids";
import { reqInt, reqString } from "../protocol/params";
import { requireInstance, type ActionHandler } from "./context";

/**
 * ModifyInstanceBandwidth: only for RUNNING instances, and asynchronous — the new value takes
 * effect after `bandwidthChangeMs`; DescribeInstanceInternetStatus shows `Processing` until then.
 */
export const ModifyInstanceBandwidth: ActionHandler = (params, ctx) => {
  const instanceId = reqString(params, "instanceId");
  const target = reqInt(params, "internetMaxBandwidthOut", 1, Number.MAX_SAFE_INTEGER);
  const live = requireInstance(ctx, instanceId);
  requireStatus(live, ["RUNNING"], "ModifyInstanceBandwidth");
  const { record } = live;
  const { limit, instanceType } = bandwidthLimit(record, ctx.now);
  if (target > limit) {
    throw apiError("INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM", `internetMaxBandwidthOut ${target} exceeds the ${limit} Mbps limit of ${instanceType}.`);
  }
  const change = record.bandwidthChange;
  if (change && ctx.now < change.doneAt) {
    throw apiError("OPERATION_DENIED_BANDWIDTH_CHANGING", `A bandwidth change of instance ${instanceId} to ${change.to} Mbps is still processing.`);
  }
  record.bandwidthChange = { from: record.internetMaxBandwidthOut, to: target, doneAt: ctx.now + ctx.durations.bandwidthChangeMs };
  ctx.store.put(record, ctx.now);
  return { orderNumber: newOrderNumber() };
};
