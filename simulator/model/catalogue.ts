/**
 * The fixed world the simulator offers: zones, instance types, images, resource groups, subnets,
 * security groups and key pairs. Exported so tests and demos can name real ids instead of
 * repeating literals. Ids follow the shapes in Zenlayer's documentation.
 */

/** A zone (DescribeZones), with the capabilities DescribeZones reports. */
export interface CatalogueZone {
  zoneId: string;
  zoneName: string;
  regionId: string;
  zoneIndex: number;
  supportSecurityGroup: boolean;
  /** `VPC` or `CLASSICS` (the classic network). */
  supportNetworkType: "VPC" | "CLASSICS";
  supportIpv6: boolean;
  supportCpuPassThrough: boolean;
  /** The zone's network line (2026-04-01 only). */
  networkLineType: "BGP" | "CN2" | "Cogent";
}
/** An instance type offered in every zone (DescribeZoneInstanceConfigInfos). */
export interface CatalogueInstanceType {
  instanceType: string;
  instanceTypeName: string;
  cpuCount: number;
  /** GB, as the API reports it. */
  memory: number;
  internetMaxBandwidthOutLimit: number;
  /** The CPU's base frequency, as the API words it. */
  frequency: string;
}
/** A public image (DescribeImages). */
export interface CatalogueImage {
  imageId: string;
  imageName: string;
  imageType: "PUBLIC_IMAGE" | "CUSTOM_IMAGE";
  osType: "linux" | "windows";
  category: "Ubuntu" | "Debian" | "CentOS" | "Windows";
  imageStatus: "AVAILABLE";
  /** GB; also the smallest system disk the image fits on. */
  imageSize: number;
  imageDescription: string;
  imageVersion: string;
  zoneIds: readonly string[];
}
/** A resource group. */
export interface CatalogueResourceGroup { resourceGroupId: string; resourceGroupName: string }
/** A subnet; instances created in it take private addresses from its CIDR. */
export interface CatalogueSubnet { subnetId: string; subnetName: string; zoneId: string; cidrBlock: string }

/** Zones: Seoul, Hong Kong, Frankfurt. */
export const ZONES: readonly CatalogueZone[] = [
  {
    zoneId: "SEL-A", zoneName: "Seoul A", regionId: "SEL", zoneIndex: 1,
    supportSecurityGroup: true, supportNetworkType: "VPC", supportIpv6: true, supportCpuPassThrough: false, networkLineType: "BGP",
  },
  {
    zoneId: "HKG-A", zoneName: "Hong Kong A", regionId: "HKG", zoneIndex: 2,
    supportSecurityGroup: true, supportNetworkType: "VPC", supportIpv6: true, supportCpuPassThrough: true, networkLineType: "CN2",
  },
  {
    zoneId: "FRA-A", zoneName: "Frankfurt A", regionId: "FRA", zoneIndex: 3,
    supportSecurityGroup: true, supportNetworkType: "VPC", supportIpv6: false, supportCpuPassThrough: false, networkLineType: "Cogent",
  },
];

/** Instance types, each offered in every zone. */
export const INSTANCE_TYPES: readonly CatalogueInstanceType[] = [
  { instanceType: "c.1c2g", instanceTypeName: "1 vCPU 2 GB", cpuCount: 1, memory: 2, internetMaxBandwidthOutLimit: 200, frequency: "2.5GHz" },
  { instanceType: "c.2c4g", instanceTypeName: "2 vCPU 4 GB", cpuCount: 2, memory: 4, internetMaxBandwidthOutLimit: 500, frequency: "2.5GHz" },
  { instanceType: "c.4c8g", instanceTypeName: "4 vCPU 8 GB", cpuCount: 4, memory: 8, internetMaxBandwidthOutLimit: 1000, frequency: "3.0GHz" },
];

const ALL_ZONES = ZONES.map((z) => z.zoneId);

/** Public images, each available in every zone. */
export const IMAGES: readonly CatalogueImage[] = [
  { imageId: "img-yKK4q6XybymPgfx7ynUUqC3N8", imageName: "Ubuntu 22.04 LTS 64bit", imageType: "PUBLIC_IMAGE", osType: "linux", category: "Ubuntu", imageStatus: "AVAILABLE", imageSize: 20, imageDescription: "Ubuntu 22.04 LTS (Jammy Jellyfish), 64-bit", imageVersion: "22.04", zoneIds: ALL_ZONES },
  { imageId: "img-Rn3sV8pLq2WxYt6ZbKc9dMf4H", imageName: "Ubuntu 20.04 LTS 64bit", imageType: "PUBLIC_IMAGE", osType: "linux", category: "Ubuntu", imageStatus: "AVAILABLE", imageSize: 20, imageDescription: "Ubuntu 20.04 LTS (Focal Fossa), 64-bit", imageVersion: "20.04", zoneIds: ALL_ZONES },
  { imageId: "img-Dq7bN2xKv5TzLm9PwRs3Yc8Ga", imageName: "Debian 12 64bit", imageType: "PUBLIC_IMAGE", osType: "linux", category: "Debian", imageStatus: "AVAILABLE", imageSize: 20, imageDescription: "Debian 12 (Bookworm), 64-bit", imageVersion: "12", zoneIds: ALL_ZONES },
  { imageId: "img-Ct4hJ8mWq1XsVb6NzKd2Rf7Le", imageName: "CentOS 7.9 64bit", imageType: "PUBLIC_IMAGE", osType: "linux", category: "CentOS", imageStatus: "AVAILABLE", imageSize: 20, imageDescription: "CentOS 7.9, 64-bit", imageVersion: "7.9", zoneIds: ALL_ZONES },
  { imageId: "img-Wn5gT9kPz3QyHc7MvBx4Ls2Ud", imageName: "Windows Server 2022 Datacenter 64bit", imageType: "PUBLIC_IMAGE", osType: "windows", category: "Windows", imageStatus: "AVAILABLE", imageSize: 40, imageDescription: "Windows Server 2022 Datacenter, 64-bit", imageVersion: "2022", zoneIds: ALL_ZONES },
];

/** The group an instance joins when CreateInstances names none. */
export const DEFAULT_RESOURCE_GROUP: CatalogueResourceGroup = {
  resourceGroupId: "4c2b3d44-6a2e-4f5e-9b7a-0d1e2f3a4b5c",
  resourceGroupName: "Default Resource Group",
};

/** Resource groups, the default first. */
export const RESOURCE_GROUPS: readonly CatalogueResourceGroup[] = [
  DEFAULT_RESOURCE_GROUP,
  { resourceGroupId: "7f1e9a20-3b4c-4d5e-8f6a-1b2c3d4e5f60", resourceGroupName: "production" },
  { resourceGroupId: "a3d5c7e9-1f2b-4c6d-8e0a-2b4c6d8e0f12", resourceGroupName: "staging" },
];

/** One subnet per zone. `subnetId` is optional in CreateInstances; without it the zone's default range is used. */
export const SUBNETS: readonly CatalogueSubnet[] = [
  { subnetId: "subnet-SELa8Kq2Lm4Np6Rs", subnetName: "sel-default", zoneId: "SEL-A", cidrBlock: "10.1.0.0/16" },
  { subnetId: "subnet-HKGb3Vt5Wx7Yz9Ac", subnetName: "hkg-default", zoneId: "HKG-A", cidrBlock: "10.2.0.0/16" },
  { subnetId: "subnet-FRAc6Df8Gh1Jk3Lm", subnetName: "fra-default", zoneId: "FRA-A", cidrBlock: "10.3.0.0/16" },
];

/** The security group echoed in `securityGroupIds` when CreateInstances names none. */
export const DEFAULT_SECURITY_GROUP_ID = "sg-default0000000001";

/** Security group ids are accepted when they match this shape (the simulator keeps no rules). */
export const SECURITY_GROUP_ID_PATTERN = /^sg-[A-Za-z0-9]{4,32}$/;

/** Key pair ids that exist for documentation; any id matching {@link KEY_ID_PATTERN} is accepted too. */
export const KNOWN_KEY_IDS: readonly string[] = ["key-YWD2QFOl", "key-Zx9Lm2Qp"];

/** The shape of a key pair id, as in Zenlayer's docs (`key-YWD2QFOl`). */
export const KEY_ID_PATTERN = /^key-[A-Za-z0-9]{8}$/;

/** System disk categories the simulator accepts; the first is the default. */
export const DISK_CATEGORIES: readonly string[] = ["Standard NVMe SSD", "Basic NVMe SSD"];

/** The largest disk, in GB, the simulator accepts. */
export const MAX_DISK_SIZE_GB = 2048;

/** The five internet charge types; every zone and type offers all of them. */
export { INTERNET_CHARGE_TYPES } from "../../facts/rules";

/** Looks up a zone by id. */
export function findZone(zoneId: string): CatalogueZone | undefined {
  return ZONES.find((z) => z.zoneId === zoneId);
}
/** Looks up an instance type by id. */
export function findInstanceType(instanceType: string): CatalogueInstanceType | undefined {
  return INSTANCE_TYPES.find((t) => t.instanceType === instanceType);
}
/** Looks up an image by id. */
export function findImage(imageId: string): CatalogueImage | undefined {
  return IMAGES.find((i) => i.imageId === imageId);
}
/** Looks up a resource group by id. */
export function findResourceGroup(resourceGroupId: string): CatalogueResourceGroup | undefined {
  return RESOURCE_GROUPS.find((g) => g.resourceGroupId === resourceGroupId);
}
/** Looks up a subnet by id. */
export function findSubnet(subnetId: string): CatalogueSubnet | undefined {
  return SUBNETS.find((s) => s.subnetId === subnetId);
}
