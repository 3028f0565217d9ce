import { findInstanceType } from "../catalogue";
import { apiError } from "../errors";
import { requireStatus } from "../guards";
import { newOrderNumber } from "../ids";
import { bandwidthAt, instanceTypeAt } from "../instance-record";
import { reqInt, reqString } from "../params";
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
  // The limit of the type in force: a completed type change counts even before anything folds it into the record.
  const type = instanceTypeAt(record, ctx.now);
  const limit = findInstanceType(type)?.internetMaxBandwidthOutLimit ?? Number.MAX_SAFE_INTEGER;
  if (target > limit) {
    throw apiError("INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM", `internetMaxBandwidthOut ${target} exceeds the ${limit} Mbps limit of ${type}.`);
  }
  const change = record.bandwidthChange;
  if (change && ctx.now < change.doneAt) {
    throw apiError("OPERATION_DENIED_BANDWIDTH_CHANGING", `A bandwidth change of instance ${instanceId} to ${change.to} Mbps is still processing.`);
  }
  // Fold a finished change into the base value before starting the next one.
  const current = bandwidthAt(record, ctx.now);
  record.internetMaxBandwidthOut = current;
  record.bandwidthChange = { from: current, to: target, doneAt: ctx.now + ctx.durations.bandwidthChangeMs };
  ctx.store.put(record, ctx.now);
  return { orderNumber: newOrderNumber() };
};
