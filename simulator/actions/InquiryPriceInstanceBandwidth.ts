import { EDITABLE_STATUSES, requireStatus } from "../model/guards";
import { bandwidthLimit } from "../model/instance-record";
import { quoteBandwidth } from "../pricing/pricing";
import { apiError } from "../protocol/errors";
import { reqInt, reqString } from "../protocol/params";
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
  const { limit, instanceType } = bandwidthLimit(record, ctx.now);
  if (target > limit) {
    throw apiError("INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM", `internetMaxBandwidthOut ${target} exceeds the ${limit} Mbps limit of ${instanceType}.`);
  }
  return { bandwidthPrice: quoteBandwidth({ ...record, internetMaxBandwidthOut: target }) };
};
