import { requireStatus } from "../model/guards";
import { apiError } from "../protocol/errors";
import { newOrderNumber } from "../protocol/ids";
import { optNumber, reqString } from "../protocol/params";
import { requireInstance, type ActionHandler } from "./context";

/**
 * ModifyInstanceTrafficPackage: a new traffic package size (TB, fractional) for an instance billed
 * ByTrafficPackage, RUNNING or STOPPED. Asynchronous like a bandwidth change: it takes effect
 * after `bandwidthChangeMs`; DescribeInstanceInternetStatus shows `Processing` until then.
 */
export const ModifyInstanceTrafficPackage: ActionHandler = (params, ctx) => {
  const instanceId = reqString(params, "instanceId");
  const target = optNumber(params, "trafficPackageSize", 0, 1_000_000);
  if (target === undefined || target <= 0) {
    throw apiError("INVALID_PARAMETER_VALUE", "The parameter `trafficPackageSize` must be a number of TB greater than 0.");
  }
  const live = requireInstance(ctx, instanceId);
  requireStatus(live, ["RUNNING", "STOPPED"], "ModifyInstanceTrafficPackage");
  const { record } = live;
  if (record.internetChargeType !== "ByTrafficPackage") {
    throw apiError("OPERATION_DENIED_INTERNET_CHARGE_TYPE",
      `Instance ${instanceId} is billed ${record.internetChargeType}; a traffic package applies only to ByTrafficPackage.`);
  }
  const change = record.trafficPackageChange;
  if (change && ctx.now < change.doneAt) {
    throw apiError("OPERATION_DENIED_TRAFFIC_PACKAGE_CHANGING", `A traffic package change of instance ${instanceId} to ${change.to} TB is still processing.`);
  }
  record.trafficPackageChange = { from: record.trafficPackageSize, to: target, doneAt: ctx.now + ctx.durations.bandwidthChangeMs };
  ctx.store.put(record, ctx.now);
  return { orderNumber: newOrderNumber() };
};
