import { findInstanceType } from "../model/catalogue";
import { requireStatus } from "../model/guards";
import { bandwidthReach } from "../model/instance-record";
import { apiError } from "../protocol/errors";
import { newOrderNumber } from "../protocol/ids";
import { reqString } from "../protocol/params";
import { requireInstance, type ActionHandler } from "./context";

/**
 * ModifyInstanceType: another instance type (the field is `instanceTypeId`) for a RUNNING or
 * STOPPED instance. Asynchronous: DescribeInstanceTypeStatus shows `Processing` for
 * `bandwidthChangeMs`, then `Enable`, and DescribeInstances reports the new type, cpu and memory.
 * The instance keeps its id, addresses and disks.
 */
export const ModifyInstanceType: ActionHandler = (params, ctx) => {
  const instanceId = reqString(params, "instanceId");
  const instanceTypeId = reqString(params, "instanceTypeId");
  const live = requireInstance(ctx, instanceId);
  const type = findInstanceType(instanceTypeId);
  if (!type) throw apiError("INVALID_INSTANCE_TYPE_NOT_FOUND", `The instance type \`${instanceTypeId}\` is not offered in ${live.record.zoneId}.`);
  requireStatus(live, ["RUNNING", "STOPPED"], "ModifyInstanceType");
  const { record } = live;
  const change = record.instanceTypeChange;
  if (change && ctx.now < change.doneAt) {
    throw apiError("OPERATION_DENIED_INSTANCE_TYPE_CHANGING", `A change of instance ${instanceId} to ${change.to} is still processing.`);
  }
  if (bandwidthReach(record, ctx.now) > type.internetMaxBandwidthOutLimit) {
    throw apiError("INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM",
      `${instanceTypeId} allows at most ${type.internetMaxBandwidthOutLimit} Mbps; lower the bandwidth of ${instanceId} first.`);
  }
  record.instanceTypeChange = { from: record.instanceType, to: instanceTypeId, doneAt: ctx.now + ctx.durations.bandwidthChangeMs };
  ctx.store.put(record, ctx.now);
  return { orderNumber: newOrderNumber() };
};
