import {
  DEFAULT_RESOURCE_GROUP, DEFAULT_SECURITY_GROUP_ID, DISK_CATEGORIES, INSTANCE_TYPES, IMAGES, INTERNET_CHARGE_TYPES,
  KEY_ID_PATTERN, MAX_DISK_SIZE_GB, SECURITY_GROUP_ID_PATTERN, ZONES,
  findImage, findInstanceType, findResourceGroup, findSubnet, findZone,
} from "./catalogue";
import { INSTANCE_NAME_RULE, NAME_SEQUENCE_RULE, NIC_NAME_RULE, REQUEST_LIMITS, type InternetChargeType } from "../../facts/rules";
import { apiError } from "../protocol/errors";
import {
  invalid, optEnum, optInt, optNumber, optObject, optString, reqEnum, reqInt, reqString, type Params,
} from "../protocol/params";
import { checkInstanceName, checkNicName, checkPassword, readTags, type Tag } from "./rules";

/** A validated CreateInstances request (or a control-route seed), ready to become records. */
export interface InstanceSpec {
  zoneId: string;
  instanceType: string;
  imageId: string;
  instanceChargeType: "POSTPAID" | "PREPAID";
  period: number | null;
  autoRenew: boolean;
  internetChargeType: InternetChargeType;
  internetMaxBandwidthOut: number;
  trafficPackageSize: number | null;
  /** The name as given: a `[begin_number,bits]` pattern in it is expanded per instance (nameForIndex). */
  instanceName: string;
  keyId: string | null;
  subnetId: string | null;
  resourceGroupId: string;
  securityGroupIds: string[];
  systemDisk: { diskSize: number; diskCategory: string };
  dataDisks: { diskSize: number; diskCategory: string; diskName?: string }[];
  instanceCount: number;
  tags: Tag[];
  /** The names of the public and the private network interface. */
  nic: NicNames;
}

/** The names of an instance's public (WAN) and private (LAN) network interfaces. */
export interface NicNames { wanName: string; lanName: string }

/** The settings an instance keeps exactly as they were requested (InstanceRecord stores them as they are). */
export type InstanceSettings = Pick<InstanceSpec,
  "zoneId" | "instanceName" | "instanceType" | "imageId" | "instanceChargeType" | "period" | "autoRenew" |
  "internetChargeType" | "internetMaxBandwidthOut" | "trafficPackageSize" | "subnetId" | "resourceGroupId" |
  "securityGroupIds" | "keyId" | "tags" | "nic">;

/** Zenlayer's documented default name when none is given. */
export const DEFAULT_INSTANCE_NAME = "instance";

/**
 * Validates a CreateInstances body in the order CreateInstances documents its parameters, so the first
 * problem reported is the one a reader of the docs expects. In `seed` mode (the control route that
 * plays "made in the console") every required field has a catalogue default and no login is needed.
 * In `quote` mode (InquiryPriceCreateInstance) the same rules apply, but no login is asked for:
 * a price inquiry carries neither password nor key.
 */
export function parseInstanceSpec(params: Params, mode: "api" | "seed" | "quote"): InstanceSpec {
  const seed = mode === "seed";
  const zoneId = seed ? optString(params, "zoneId") ?? ZONES[0]!.zoneId : reqString(params, "zoneId");
  if (!findZone(zoneId)) throw apiError("INVALID_ZONE_NOT_FOUND", `The specified zoneId \`${zoneId}\` is not found.`);

  const instanceType = seed ? optString(params, "instanceType") ?? INSTANCE_TYPES[0]!.instanceType : reqString(params, "instanceType");
  const type = findInstanceType(instanceType);
  if (!type) throw apiError("INVALID_INSTANCE_TYPE_NOT_FOUND", `The instance type \`${instanceType}\` is not offered in ${zoneId}.`);

  const imageId = seed ? optString(params, "imageId") ?? IMAGES[0]!.imageId : reqString(params, "imageId");
  const image = findImage(imageId);
  if (!image || !image.zoneIds.includes(zoneId)) throw apiError("INVALID_IMAGE_NOT_FOUND", `The image \`${imageId}\` is not found in ${zoneId}.`);

  const chargeTypes = ["POSTPAID", "PREPAID"] as const;
  const instanceChargeType = seed ? optEnum(params, "instanceChargeType", chargeTypes) ?? "POSTPAID" : reqEnum(params, "instanceChargeType", chargeTypes);
  const prepaid = optObject(params, "instanceChargePrepaid");
  let period: number | null = null;
  let autoRenew = false;
  if (instanceChargeType === "PREPAID") {
    if (!prepaid) throw apiError("MISSING_PARAMETER", "The parameter `instanceChargePrepaid.period` is required when instanceChargeType is PREPAID.");
    period = reqInt(prepaid, "period", REQUEST_LIMITS.prepaidPeriodMin, REQUEST_LIMITS.prepaidPeriodMax);
    autoRenew = prepaid.autoRenew === true;
  }

  const internetChargeType = seed
    ? optEnum(params, "internetChargeType", INTERNET_CHARGE_TYPES) ?? "ByBandwidth"
    : reqEnum(params, "internetChargeType", INTERNET_CHARGE_TYPES);
  const internetMaxBandwidthOut = optInt(params, "internetMaxBandwidthOut", 1, Number.MAX_SAFE_INTEGER) ?? 1;
  if (internetMaxBandwidthOut > type.internetMaxBandwidthOutLimit) {
    throw apiError("INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM", `internetMaxBandwidthOut ${internetMaxBandwidthOut} exceeds the ${type.internetMaxBandwidthOutLimit} Mbps limit of ${instanceType}.`);
  }
  const packageSize = optNumber(params, "trafficPackageSize", 0, 1_000_000);
  if (packageSize && internetChargeType !== "ByTrafficPackage") throw invalid("trafficPackageSize", "is only valid with internetChargeType ByTrafficPackage");
  const trafficPackageSize = internetChargeType === "ByTrafficPackage" ? packageSize ?? 0 : null;

  const instanceName = optString(params, "instanceName", 1000) ?? DEFAULT_INSTANCE_NAME;
  checkNameSequences(instanceName);
  checkInstanceName(nameForIndex(instanceName, 0, 1));

  const password = optString(params, "password", 1000);
  const keyId = optString(params, "keyId") ?? null;
  if (password !== undefined && keyId !== null) throw invalid("password", "and `keyId` are exclusive: pass exactly one");
  if (mode === "api" && password === undefined && keyId === null) throw apiError("MISSING_PARAMETER", "Exactly one of `password` and `keyId` is required.");
  if (password !== undefined) checkPassword(password);
  if (keyId !== null && !KEY_ID_PATTERN.test(keyId)) throw invalid("keyId", "must look like `key-` followed by 8 letters or digits");
  if (keyId !== null && image.osType === "windows") throw invalid("keyId", "cannot be used with a Windows image (SSH key pairs are Linux-only)");

  const subnetId = optString(params, "subnetId") ?? null;
  if (subnetId !== null && findSubnet(subnetId)?.zoneId !== zoneId) throw apiError("INVALID_SUBNET_NOT_FOUND", `The subnet \`${subnetId}\` is not found in ${zoneId}.`);

  const resourceGroupId = optString(params, "resourceGroupId") ?? DEFAULT_RESOURCE_GROUP.resourceGroupId;
  if (!findResourceGroup(resourceGroupId)) throw apiError("INVALID_RESOURCE_GROUP_NOT_FOUND", `The resource group \`${resourceGroupId}\` is not found.`);

  const systemDisk = readSystemDisk(params, image.imageSize);
  const dataDisks = readDataDisks(params);

  const securityGroupId = optString(params, "securityGroupId") ?? DEFAULT_SECURITY_GROUP_ID;
  if (!SECURITY_GROUP_ID_PATTERN.test(securityGroupId)) throw invalid("securityGroupId", "must look like `sg-` followed by letters or digits");

  const instanceCount = seed ? 1 : optInt(params, "instanceCount", 1, REQUEST_LIMITS.instanceCountMax) ?? 1;
  // The last name has the most digits: if it fits, they all do.
  if (instanceCount > 1) checkInstanceName(nameForIndex(instanceName, instanceCount - 1, instanceCount));
  const tags = readTags(params) ?? [];
  const nic = readNic(params);
  readAcceptedNetworkAndTerm(params);
  return {
    zoneId, instanceType, imageId, instanceChargeType, period, autoRenew, internetChargeType, internetMaxBandwidthOut,
    trafficPackageSize, instanceName, keyId, subnetId, resourceGroupId, securityGroupIds: [securityGroupId], systemDisk,
    dataDisks, instanceCount, tags, nic,
  };
}

function readDisk(disk: Params, field: string, minSize: number): { diskSize: number; diskCategory: string } {
  const diskSize = optInt(disk, "diskSize", minSize, MAX_DISK_SIZE_GB);
  const diskCategory = optString(disk, "diskCategory") ?? DISK_CATEGORIES[0]!;
  if (!DISK_CATEGORIES.includes(diskCategory)) throw invalid(`${field}.diskCategory`, `must be one of ${DISK_CATEGORIES.join(", ")}`);
  return { diskSize: diskSize ?? minSize, diskCategory };
}

// The system disk defaults to, and may not be smaller than, the image size.
function readSystemDisk(params: Params, imageSize: number): { diskSize: number; diskCategory: string } {
  return readDisk(optObject(params, "systemDisk") ?? {}, "systemDisk", imageSize);
}

// Each entry stands for `diskAmount` identical disks (2026-04-01; one when absent).
function readDataDisks(params: Params): InstanceSpec["dataDisks"] {
  const raw = params.dataDisks;
  if (raw === undefined || raw === null) return [];
  const tooMany = () => invalid("dataDisks", `must be an array of at most ${REQUEST_LIMITS.dataDisksMax} disks`);
  if (!Array.isArray(raw) || raw.length > REQUEST_LIMITS.dataDisksMax) throw tooMany();
  const disks = raw.flatMap((item: unknown, i) => {
    if (typeof item !== "object" || item === null) throw invalid(`dataDisks[${i}]`, "must be an object");
    const disk = item as Params;
    if (disk.diskSize === undefined) throw apiError("MISSING_PARAMETER", `The parameter \`dataDisks[${i}].diskSize\` is required.`);
    const name = optString(disk, "diskName", 64);
    const amount = optInt(disk, "diskAmount", 1, REQUEST_LIMITS.dataDisksMax) ?? 1;
    const read = { ...readDisk(disk, `dataDisks[${i}]`, 20), ...(name ? { diskName: name } : {}) };
    return Array.from({ length: amount }, () => ({ ...read }));
  });
  if (disks.length > REQUEST_LIMITS.dataDisksMax) throw tooMany();
  return disks;
}

/**
 * 2026-04-01's `cidrBlockId` and `startCidrIpv4` (the account's CIDR address block the public
 * address is taken from, and where in it to start) and `instanceChargePostpaid.period` (a
 * pay-as-you-go term): checked, then accepted without effect, as the README says: the simulator's
 * public addresses come from the documentation ranges, and it bills no term.
 */
function readAcceptedNetworkAndTerm(params: Params): void {
  const cidrBlockId = optString(params, "cidrBlockId");
  if (optString(params, "startCidrIpv4") !== undefined && cidrBlockId === undefined) throw invalid("startCidrIpv4", "needs `cidrBlockId`");
  const postpaid = optObject(params, "instanceChargePostpaid");
  if (postpaid) optInt(postpaid, "period", 1, Number.MAX_SAFE_INTEGER);
}

// `nic.wanName` / `nic.lanName`, each optional with its default.
function readNic(params: Params): NicNames {
  const nic = optObject(params, "nic") ?? {};
  const wanName = optString(nic, "wanName") ?? NIC_NAME_RULE.defaultWanName;
  const lanName = optString(nic, "lanName") ?? NIC_NAME_RULE.defaultLanName;
  checkNicName(wanName, "nic.wanName");
  checkNicName(lanName, "nic.lanName");
  if (wanName === lanName) throw invalid("nic.lanName", `must differ from nic.wanName (both are \`${wanName}\`)`);
  return { wanName, lanName };
}

/** True when `name` holds at least one `[begin_number,bits]` pattern. */
function hasNameSequence(name: string): boolean {
  return name.search(NAME_SEQUENCE_RULE.pattern) >= 0;
}

/** Refuses a `[begin_number,bits]` pattern whose numbers are out of Zenlayer's ranges. */
function checkNameSequences(name: string): void {
  for (const [pattern, begin, bits] of name.matchAll(NAME_SEQUENCE_RULE.pattern)) {
    const { beginMax, bitsMin, bitsMax } = NAME_SEQUENCE_RULE;
    if (begin && Number(begin) > beginMax) throw invalid("instanceName", `has the pattern \`${pattern}\`, whose begin_number must be 0-${beginMax}`);
    if (bits && (Number(bits) < bitsMin || Number(bits) > bitsMax)) throw invalid("instanceName", `has the pattern \`${pattern}\`, whose bits must be ${bitsMin}-${bitsMax}`);
  }
}

/**
 * The name of instance `index` of `count`. A `[begin_number,bits]` pattern (Zenlayer's ordered
 * number) becomes `begin + index` with at least `bits` digits, in every instance, one or several.
 * Without a pattern one instance keeps the name, and several get `-1`, `-2`, … appended (the base
 * shortened if needed to stay within 64 characters), so names stay unique.
 */
export function nameForIndex(name: string, index: number, count: number): string {
  if (hasNameSequence(name)) {
    const { defaultBegin, defaultBits } = NAME_SEQUENCE_RULE;
    return name.replace(NAME_SEQUENCE_RULE.pattern, (_pattern, begin: string, bits: string) =>
      String((begin ? Number(begin) : defaultBegin) + index).padStart(bits ? Number(bits) : defaultBits, "0"));
  }
  if (count === 1) return name;
  const suffix = `-${index + 1}`;
  return `${name.slice(0, INSTANCE_NAME_RULE.maxLength - suffix.length)}${suffix}`;
}
