/**
 * Outputs: what DescribeInstances reports that users reference, plus every input as applied. The
 * engine hands these back as `olds` to diff, update, read and delete, so they must carry all
 * inputs (pulumi/pulumi#13983: whatever update leaves out is wiped).
 */
import type { InstanceInfo } from "../../client/types";
import type { InstanceInputs } from "../inputs/inputs";
import { pruneUndefined } from "../inputs/prune";
import { DECLARED_KEY } from "./declared";
import { fromApiTags } from "../inputs/tags";

/** The resource's outputs. */
export interface InstanceOutputs extends Omit<InstanceInputs, "systemDisk"> {
  instanceId: string;
  instanceStatus: string;
  /** Sorted (IPv4 numerically), so the order is stable from one refresh to the next. */
  publicIpAddresses: string[];
  privateIpAddresses: string[];
  cpuCount?: number;
  memory?: number;
  imageName?: string;
  createTime?: string;
  expiredTime?: string;
  systemDisk?: { diskId?: string; diskSize?: number; diskCategory?: string };
}

/** Keys that are outputs only (never inputs). */
export const COMPUTED_KEYS = [
  "instanceId", "instanceStatus", "publicIpAddresses", "privateIpAddresses", "cpuCount", "memory",
  "imageName", "createTime", "expiredTime",
] as const;

/**
 * Outputs from the API's view of the instance and the inputs as applied. Fields the API reports
 * (name, bandwidth, image, type, zone, resource group, subnet, key, tags, power state) come from the API, so a
 * later diff sees drift; the rest (password, disks as requested, options) from `applied`.
 */
export function buildOutputs(applied: InstanceInputs, info: InstanceInfo): InstanceOutputs {
  const api = fromApiTags(info.tags);
  const apiHasTags = info.tags !== undefined && info.tags !== null;
  const out: InstanceOutputs = {
    ...applied,
    zoneId: info.zoneId || applied.zoneId,
    instanceType: info.instanceType || applied.instanceType,
    imageId: info.imageId || applied.imageId,
    instanceName: info.instanceName ?? applied.instanceName,
    instanceChargeType: chargeType(info.instanceChargeType) ?? applied.instanceChargeType,
    internetChargeType: (info.internetChargeType as InstanceInputs["internetChargeType"]) || applied.internetChargeType,
    internetMaxBandwidthOut: info.internetMaxBandwidthOut ?? applied.internetMaxBandwidthOut,
    resourceGroupId: info.resourceGroupId || applied.resourceGroupId,
    subnetId: info.subnetId || applied.subnetId,
    keyId: info.keyId || applied.keyId,
    tags: apiHasTags ? nonEmptyOrUndefined(api.tags, applied.tags) : applied.tags,
    powerState: powerStateOf(info.instanceStatus) ?? applied.powerState,
    instanceId: info.instanceId,
    instanceStatus: info.instanceStatus,
    publicIpAddresses: sortIps(info.publicIpAddresses ?? []),
    privateIpAddresses: sortIps(info.privateIpAddresses ?? []),
    cpuCount: info.cpuCount,
    memory: info.memory,
    imageName: info.imageName,
    createTime: info.createTime,
    expiredTime: info.expiredTime ?? undefined,
    systemDisk: systemDisk(applied.systemDisk, info.systemDisk),
  };
  return pruneUndefined(out);
}

/** Inputs whose outputs buildOutputs takes from the API, so that a later diff sees their drift. */
export const API_REPORTED_INPUTS = [
  "zoneId", "instanceType", "imageId", "instanceName", "instanceChargeType", "internetChargeType", "internetMaxBandwidthOut",
  "resourceGroupId", "subnetId", "keyId", "tags", "powerState", "systemDisk",
] as const;

/**
 * `outs` with the stack's recorded value (`recorded`, the previous outputs) for each API-reported
 * input outside `decided`: an update records only what it changed, and a drift it did not act on
 * reaches the stack through refresh, which also shows it in the next preview. Every value is
 * taken from the API when `decided` is undefined.
 */
export function keepingRecorded(outs: InstanceOutputs, recorded: Record<string, unknown>, decided: ReadonlySet<string> | undefined): InstanceOutputs {
  if (decided === undefined) return outs;
  const kept: Record<string, unknown> = { ...outs };
  for (const key of API_REPORTED_INPUTS) {
    if (!decided.has(key)) kept[key] = recorded[key];
  }
  return pruneUndefined(kept) as unknown as InstanceOutputs;
}

/** The inputs implied by a set of outputs (for `read`'s `inputs`, so refresh causes no false diff). */
export function inputsFromOutputs(outputs: Partial<InstanceOutputs>): InstanceInputs {
  const inputs: Record<string, unknown> = { ...outputs };
  for (const key of COMPUTED_KEYS) delete inputs[key];
  delete inputs.__provider;
  delete inputs[DECLARED_KEY];
  if (outputs.systemDisk) {
    inputs.systemDisk = { diskSize: outputs.systemDisk.diskSize, diskCategory: outputs.systemDisk.diskCategory };
  }
  return pruneUndefined(inputs) as unknown as InstanceInputs;
}

/** RUNNING or STOPPED as reported, so a refresh shows an instance stopped outside Pulumi; undefined while in between. */
function powerStateOf(status: string): InstanceInputs["powerState"] | undefined {
  return status === "RUNNING" || status === "STOPPED" ? status : undefined;
}

function chargeType(value: string | undefined): InstanceInputs["instanceChargeType"] | undefined {
  return value === "POSTPAID" || value === "PREPAID" ? value : undefined;
}

function nonEmptyOrUndefined(tags: Record<string, string>, requested: Record<string, string> | undefined): Record<string, string> | undefined {
  // An empty tag list reads back as {} when the user asked for none: keep "none" as undefined.
  return Object.keys(tags).length === 0 && requested === undefined ? undefined : tags;
}

function systemDisk(requested: InstanceInputs["systemDisk"], reported: InstanceInfo["systemDisk"]): InstanceOutputs["systemDisk"] {
  if (!requested && !reported) return undefined;
  return {
    diskId: reported?.diskId,
    diskSize: reported?.diskSize ?? requested?.diskSize,
    diskCategory: reported?.diskCategory ?? requested?.diskCategory,
  };
}

/** IPv4 addresses in numeric order, then anything else (IPv6) in string order. */
export function sortIps(ips: readonly string[]): string[] {
  const key = (ip: string): string => {
    const parts = ip.split(".");
    if (parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p))) return `0${parts.map((p) => p.padStart(3, "0")).join(".")}`;
    return `1${ip}`;
  };
  return [...ips].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
