import { apiError } from "../protocol/errors";
import { invalid, optBool, optEnum, optInt, optNumber, optString, optStringArray, type Params } from "../protocol/params";
import { INTERNET_CHARGE_TYPES, KEY_ID_PATTERN, findImage, findInstanceType, findResourceGroup } from "./catalogue";
import type { InstanceRecord } from "./instance-record";
import { isInstanceStatus, planFrom, type Durations } from "./lifecycle";
import { checkInstanceName, readTags } from "./rules";

/** Fields a drift patch may change (PATCH /_sim/instances/{id}), as the console or another tool would. */
export const PATCHABLE_FIELDS = [
  "instanceName", "instanceStatus", "internetMaxBandwidthOut", "trafficPackageSize", "imageId", "keyId",
  "resourceGroupId", "tags", "instanceType", "instanceChargeType", "internetChargeType",
  "publicIpAddresses", "privateIpAddresses", "securityGroupIds", "commitment",
] as const;

/**
 * Applies a drift patch to a record in place. A new `instanceStatus` is entered as if it had just
 * happened: a transitional status (e.g. STOPPING) then moves on by itself with the configured
 * durations. A new bandwidth takes effect at once and ends any change in progress.
 */
export function applyPatch(record: InstanceRecord, patch: Params, now: number, durations: Durations): void {
  const unknown = Object.keys(patch).filter((k) => !(PATCHABLE_FIELDS as readonly string[]).includes(k));
  if (unknown.length) throw invalid(unknown[0]!, `cannot be patched (patchable: ${PATCHABLE_FIELDS.join(", ")})`);
  const name = optString(patch, "instanceName", 1000);
  if (name !== undefined) checkInstanceName(name);
  const status = patch.instanceStatus;
  if (status !== undefined && !isInstanceStatus(status)) throw invalid("instanceStatus", "must be an instance status");
  const bandwidth = optInt(patch, "internetMaxBandwidthOut", 1, Number.MAX_SAFE_INTEGER);
  const imageId = optString(patch, "imageId");
  if (imageId !== undefined && !findImage(imageId)) throw apiError("INVALID_IMAGE_NOT_FOUND", `The image \`${imageId}\` is not found.`);
  const instanceType = optString(patch, "instanceType");
  if (instanceType !== undefined && !findInstanceType(instanceType)) throw apiError("INVALID_INSTANCE_TYPE_NOT_FOUND", `The instance type \`${instanceType}\` is not found.`);
  const group = optString(patch, "resourceGroupId");
  if (group !== undefined && !findResourceGroup(group)) throw apiError("INVALID_RESOURCE_GROUP_NOT_FOUND", `The resource group \`${group}\` is not found.`);
  if (typeof patch.keyId === "string" && !KEY_ID_PATTERN.test(patch.keyId)) throw invalid("keyId", "must look like `key-` followed by 8 letters or digits");
  const chargeType = patch.instanceChargeType;
  if (chargeType !== undefined && chargeType !== "POSTPAID" && chargeType !== "PREPAID") throw invalid("instanceChargeType", "must be POSTPAID or PREPAID");
  const tags = readTags(patch);
  const trafficPackageSize = optNumber(patch, "trafficPackageSize", 0, 1_000_000);
  const internetChargeType = optEnum(patch, "internetChargeType", INTERNET_CHARGE_TYPES);
  const publicIps = optStringArray(patch, "publicIpAddresses", 64);
  const privateIps = optStringArray(patch, "privateIpAddresses", 64);
  const securityGroupIds = optStringArray(patch, "securityGroupIds", 64);
  const commitment = optBool(patch, "commitment");

  // Everything is validated above; only now is the record touched.
  if (name !== undefined) record.instanceName = name;
  if (status !== undefined) record.timeline = planFrom(status, now, durations);
  if (bandwidth !== undefined) {
    record.internetMaxBandwidthOut = bandwidth;
    record.bandwidthChange = null;
  }
  if (imageId !== undefined) record.imageId = imageId;
  if (patch.keyId !== undefined) record.keyId = typeof patch.keyId === "string" ? patch.keyId : null;
  if (group !== undefined) record.resourceGroupId = group;
  if (tags !== undefined) record.tags = tags;
  if (instanceType !== undefined) {
    record.instanceType = instanceType;
    record.instanceTypeChange = null;
  }
  if (chargeType !== undefined) record.instanceChargeType = chargeType;
  if (patch.trafficPackageSize !== undefined) {
    record.trafficPackageSize = trafficPackageSize ?? null;
    record.trafficPackageChange = null;
  }
  if (internetChargeType !== undefined) record.internetChargeType = internetChargeType;
  if (publicIps !== undefined) record.publicIpAddresses = publicIps;
  if (privateIps !== undefined) record.privateIpAddresses = privateIps;
  if (securityGroupIds !== undefined) record.securityGroupIds = securityGroupIds;
  if (commitment !== undefined) record.commitment = commitment;
}
