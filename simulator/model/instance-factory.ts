import { newDiskId, newInstanceId } from "../protocol/ids";
import { isoSeconds, type InstanceRecord } from "./instance-record";
import { nameForIndex, type InstanceSpec } from "./instance-spec";
import type { Timeline } from "./lifecycle";
import { allocatePrivateIp, allocatePublicIp } from "./network";
import type { InstanceStore } from "./store";

/** Adds `months` calendar months (UTC), for a prepaid instance's expiry. */
function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

/**
 * Builds the record of instance `index` of a spec. Addresses are allocated now (the private one
 * is shown at once, the public one from DEPLOYING on) and kept in stable, ordered lists.
 */
export function buildRecord(
  spec: InstanceSpec,
  index: number,
  timeline: Timeline,
  store: InstanceStore,
  now: number,
  instanceId: string = newInstanceId(),
): InstanceRecord {
  const takenPrivate = new Set<string>();
  const takenPublic = new Set<string>();
  for (const { record } of store.list(now)) {
    record.privateIpAddresses.forEach((ip) => takenPrivate.add(ip));
    record.publicIpAddresses.forEach((ip) => takenPublic.add(ip));
  }
  return {
    instanceId,
    seq: store.takeSeq(),
    zoneId: spec.zoneId,
    instanceName: nameForIndex(spec.instanceName, index, spec.instanceCount),
    instanceType: spec.instanceType,
    imageId: spec.imageId,
    instanceChargeType: spec.instanceChargeType,
    period: spec.period,
    autoRenew: spec.autoRenew,
    internetChargeType: spec.internetChargeType,
    internetMaxBandwidthOut: spec.internetMaxBandwidthOut,
    trafficPackageSize: spec.trafficPackageSize,
    subnetId: spec.subnetId,
    resourceGroupId: spec.resourceGroupId,
    securityGroupIds: [...spec.securityGroupIds],
    keyId: spec.keyId,
    systemDisk: { diskId: newDiskId(), ...spec.systemDisk },
    dataDisks: spec.dataDisks.map((d) => ({ diskId: newDiskId(), ...d })),
    privateIpAddresses: [allocatePrivateIp(spec.zoneId, spec.subnetId, takenPrivate)],
    publicIpAddresses: [allocatePublicIp(takenPublic)],
    tags: spec.tags.map((t) => ({ ...t })),
    nic: { ...spec.nic },
    createTime: isoSeconds(now),
    expiredTime: spec.period !== null ? isoSeconds(addMonths(now, spec.period)) : null,
    commitment: false,
    timeline,
    bandwidthChange: null,
    trafficPackageChange: null,
    instanceTypeChange: null,
  };
}
