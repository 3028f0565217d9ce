import { DEFAULT_RESOURCE_GROUP, findImage, findInstanceType, findResourceGroup } from "./catalogue";
import type { InstanceSettings } from "./instance-spec";
import { statusAt, type InstanceStatus, type Timeline } from "./lifecycle";
import type { Tag } from "./rules";

/** A disk attached to an instance. */
export interface DiskRecord { diskId: string; diskSize: number; diskCategory: string; diskName?: string }

/** A bandwidth change in progress or done (ModifyInstanceBandwidth is asynchronous). */
export interface BandwidthChange { from: number; to: number; doneAt: number }

/** An ordered change of another setting (traffic package, instance type), asynchronous as bandwidth is. */
export interface OrderedChange<T> { from: T; to: T; doneAt: number }

/**
 * What the simulator stores per instance. Catalogue-derived fields (cpu, memory, image name,
 * resource group name) are looked up when shown, so they can never disagree with the catalogue.
 * The password is never stored: the simulator only needs to know that one was valid.
 */
export interface InstanceRecord extends InstanceSettings {
  instanceId: string;
  /** Creation order, for stable listing. */
  seq: number;
  systemDisk: DiskRecord;
  dataDisks: DiskRecord[];
  privateIpAddresses: string[];
  publicIpAddresses: string[];
  createTime: string;
  expiredTime: string | null;
  /** Pay-as-you-go commitment term: TerminateInstance answers OPERATION_DENIED_POSTPAID_PROMISE. */
  commitment: boolean;
  timeline: Timeline;
  bandwidthChange: BandwidthChange | null;
  trafficPackageChange: OrderedChange<number | null> | null;
  instanceTypeChange: OrderedChange<string> | null;
}

/** `Processing` until an ordered change completes, then `Enable`; null without a change. */
export function changeStatus(change: { doneAt: number } | null, now: number): "Processing" | "Enable" | null {
  if (!change) return null;
  return now >= change.doneAt ? "Enable" : "Processing";
}

/**
 * Folds every ordered change that has completed by `now` into the field it changes, so that a
 * record's own fields always hold the values in force: a rule that reads `record.instanceType`
 * reads the type after a completed resize, never the one it replaced. The change itself stays on
 * record (its status reads `Enable`). The store settles every record it hands out; returns
 * whether a field moved.
 */
export function settleChanges(record: InstanceRecord, now: number): boolean {
  const done = <T>(change: OrderedChange<T> | null, current: T): change is OrderedChange<T> =>
    change !== null && now >= change.doneAt && current !== change.to;
  let moved = false;
  if (done(record.bandwidthChange, record.internetMaxBandwidthOut)) {
    record.internetMaxBandwidthOut = record.bandwidthChange.to;
    moved = true;
  }
  if (done(record.trafficPackageChange, record.trafficPackageSize)) {
    record.trafficPackageSize = record.trafficPackageChange.to;
    moved = true;
  }
  if (done(record.instanceTypeChange, record.instanceType)) {
    record.instanceType = record.instanceTypeChange.to;
    moved = true;
  }
  return moved;
}

/** The change of `record` still processing at `now`, or null. */
function pending<T>(change: OrderedChange<T> | null, now: number): OrderedChange<T> | null {
  return change && now < change.doneAt ? change : null;
}

/**
 * The most bandwidth a settled record may be given at `now`: the limit of its type in force, and,
 * while a type change is processing, of the type it is becoming too — so that neither a bandwidth
 * change nor the resize that completes after it leaves the instance above its type's limit.
 */
export function bandwidthLimit(record: InstanceRecord, now: number): { limit: number; instanceType: string } {
  const types = [record.instanceType, pending(record.instanceTypeChange, now)?.to].filter((t): t is string => t !== undefined);
  return types
    .map((instanceType) => ({ instanceType, limit: findInstanceType(instanceType)?.internetMaxBandwidthOutLimit ?? Number.MAX_SAFE_INTEGER }))
    .reduce((tightest, next) => (next.limit < tightest.limit ? next : tightest));
}

/**
 * The most bandwidth a settled record may reach at `now`: the value in force, or the target of a
 * bandwidth change still processing when that is higher. Another type must allow this much.
 */
export function bandwidthReach(record: InstanceRecord, now: number): number {
  return Math.max(record.internetMaxBandwidthOut, pending(record.bandwidthChange, now)?.to ?? 0);
}

/** Formats epoch ms the way Zenlayer does: ISO-8601 UTC without milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * InstanceInfo as DescribeInstances returns it, typed as Zenlayer's SDK types it (see
 * facts/response-fields.ts): `null` only where the SDK has a pointer (`keyId` is one in
 * 2026-04-01, documented as possibly null); a plain field with no value (`subnetId`) is left out.
 * The password is never part of it.
 */
export interface InstanceInfo {
  instanceId: string;
  zoneId: string;
  instanceName: string;
  instanceType: string;
  cpuCount: number;
  memory: number;
  imageId: string;
  imageName: string;
  instanceChargeType: "POSTPAID" | "PREPAID";
  internetChargeType: string;
  internetMaxBandwidthOut: number;
  period: number | null;
  publicIpAddresses: string[];
  publicIpv6Addresses: string[];
  privateIpAddresses: string[];
  subnetId?: string;
  createTime: string;
  expiredTime: string | null;
  resourceGroupId: string;
  resourceGroupName: string;
  instanceStatus: InstanceStatus;
  trafficPackageSize: number | null;
  securityGroupIds: string[];
  systemDisk: DiskRecord;
  dataDisks: DiskRecord[];
  autoRenew: boolean;
  keyId: string | null;
  nic: { wanName: string; lanName: string };
  tags: { tags: Tag[] };
}

/** The InstanceInfo of a settled instance (as the store hands it out); `status` is the status derived for this moment. */
export function toInstanceInfo(record: InstanceRecord, status: InstanceStatus): InstanceInfo {
  const instanceType = record.instanceType;
  const type = findInstanceType(instanceType);
  const image = findImage(record.imageId);
  const group = findResourceGroup(record.resourceGroupId) ?? DEFAULT_RESOURCE_GROUP;
  // The public address is assigned while the instance is being placed; none is shown before.
  const hidePublic = status === "PENDING" || status === "CREATE_FAILED";
  return {
    instanceId: record.instanceId,
    zoneId: record.zoneId,
    instanceName: record.instanceName,
    instanceType,
    // The catalogue references are checked whenever a record is made, patched or loaded.
    cpuCount: type?.cpuCount ?? 0,
    memory: type?.memory ?? 0,
    imageId: record.imageId,
    imageName: image?.imageName ?? "",
    instanceChargeType: record.instanceChargeType,
    internetChargeType: record.internetChargeType,
    internetMaxBandwidthOut: record.internetMaxBandwidthOut,
    period: record.period,
    publicIpAddresses: hidePublic ? [] : [...record.publicIpAddresses],
    publicIpv6Addresses: [],
    privateIpAddresses: [...record.privateIpAddresses],
    ...(record.subnetId !== null ? { subnetId: record.subnetId } : {}),
    createTime: record.createTime,
    expiredTime: record.expiredTime,
    resourceGroupId: group.resourceGroupId,
    resourceGroupName: group.resourceGroupName,
    instanceStatus: status,
    trafficPackageSize: record.trafficPackageSize,
    securityGroupIds: [...record.securityGroupIds],
    systemDisk: { ...record.systemDisk },
    dataDisks: record.dataDisks.map((d) => ({ ...d })),
    autoRenew: record.autoRenew,
    keyId: record.keyId,
    nic: { ...record.nic },
    tags: { tags: record.tags.map((t) => ({ ...t })) },
  };
}

/**
 * The answer of DescribeInstanceInternetStatus at `now`, for a settled record. The SDK types the modified values as
 * pointers (null when nothing changed) and the statuses as plain strings (left out then).
 */
export function toInternetStatus(record: InstanceRecord, now: number): Record<string, unknown> {
  const change = record.bandwidthChange;
  return {
    instanceId: record.instanceId,
    instanceName: record.instanceName,
    internetMaxBandwidthOut: record.internetMaxBandwidthOut,
    modifiedInternetMaxBandwidthOut: change ? change.to : null,
    ...(change ? { modifiedBandwidthStatus: changeStatus(change, now) } : {}),
    trafficPackageSize: record.trafficPackageSize,
    modifiedTrafficPackageSize: record.trafficPackageChange ? record.trafficPackageChange.to : null,
    ...(record.trafficPackageChange
      ? { modifiedTrafficPackageStatus: changeStatus(record.trafficPackageChange, now) }
      : {}),
  };
}

/** The answer of DescribeInstanceTypeStatus at `now` for a settled record: the modified fields only while a change is on record. */
export function toInstanceTypeStatus(record: InstanceRecord, now: number): Record<string, unknown> {
  const change = record.instanceTypeChange;
  return {
    instanceId: record.instanceId,
    instanceName: record.instanceName,
    instanceType: record.instanceType,
    ...(change ? { modifiedInstanceType: change.to, modifiedInstanceTypeStatus: changeStatus(change, now) } : {}),
  };
}

/** The status of `record` at `now` (null = gone). */
export function recordStatus(record: InstanceRecord, now: number): InstanceStatus | null {
  return statusAt(record.timeline, now);
}
