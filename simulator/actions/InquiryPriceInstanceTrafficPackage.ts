import { EDITABLE_STATUSES, requireStatus } from "../model/guards";
import { quoteTrafficPackage } from "../pricing/pricing";
import { apiError } from "../protocol/errors";
import { invalid, optNumber, reqString } from "../protocol/params";
import { requireInstance, type ActionHandler } from "./context";

/**
 * InquiryPriceInstanceTrafficPackage: what a traffic package of `trafficPackageSize` TB would cost
 * the instance. Only instances charged ByTrafficPackage have one.
 */
export const InquiryPriceInstanceTrafficPackage: ActionHandler = (params, ctx) => {
  const instanceId = reqString(params, "instanceId");
  const size = optNumber(params, "trafficPackageSize", 0, 1_000_000);
  if (size === undefined) throw apiError("MISSING_PARAMETER", "The parameter `trafficPackageSize` is required.");
  if (size <= 0) throw invalid("trafficPackageSize", "must be greater than 0");
  const live = requireInstance(ctx, instanceId);
  requireStatus(live, EDITABLE_STATUSES, "InquiryPriceInstanceTrafficPackage");
  const { record } = live;
  if (record.internetChargeType !== "ByTrafficPackage") {
    throw apiError("UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE", `Instance ${instanceId} is charged ${record.internetChargeType}; only ByTrafficPackage instances have a traffic package.`);
  }
  return { trafficPackagePrice: [quoteTrafficPackage(record, size)] };
};
