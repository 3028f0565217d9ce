import { findInstanceType } from "../catalogue";
import { apiError } from "../errors";
import { EDITABLE_STATUSES, requireStatus } from "../guards";
import { instanceTypeAt } from "../instance-record";
import { reqInt, reqString } from "../params";
import { quoteBandwidth } from "../pricing";
import { requireInstance, type ActionHandler } from "./context";

/**
 * InquiryPriceInstanceBandwidth: what the instance's bandwidth would cost at
 * `internetMaxBandwidthOut`, with its zone, charge type and internet charge type. The same limit
 * as ModifyInstanceBandwidth applies; instances in the recycle bin have no price.
 */
export const InquiryPriceInstanceBandwidth: ActionHandler = (params, ctx) => {
  const instanceId = reqString(params, "instanceId");
  const target = reqInt(params, "internetMaxBandwidthOut", 1, Number.MAX_SAFE_INTEGER);
  const live = requireInstance(ctx, instanceId);
  requireStatus(live, EDITABLE_STATUSES, "InquiryPriceInstanceBandwidth");
  const { record } = live;
  // The limit of the type in force: a completed type change counts even before anything folds it into the record.
  const type = instanceTypeAt(record, ctx.now);
  const limit = findInstanceType(type)?.internetMaxBandwidthOutLimit ?? Number.MAX_SAFE_INTEGER;
  if (target > limit) {
    throw apiError("INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM", `internetMaxBandwidthOut ${target} exceeds the ${limit} Mbps limit of ${type}.`);
  }
  return { bandwidthPrice: quoteBandwidth({ ...record, internetMaxBandwidthOut: target }) };
};
