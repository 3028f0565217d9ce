/**
 * The typed surface of the Zenlayer VM API (API 2.0, `POST /api/v2/vm`) that this project uses.
 * Field names are the wire's own (camelCase), so Zenlayer's documentation carries over.
 * Responses list only the fields we read; unknown fields are tolerated by the schemas.
 */

// The API's enumerations are shared with the simulator (one definition of each fact).
export {
  INSTANCE_STATUSES, INTERNET_CHARGE_TYPES, type InstanceChargeType, type InstanceStatus, type InternetChargeType,
} from "../../facts/rules";
import type { InstanceChargeType, InternetChargeType } from "../../facts/rules";

export interface Tag { key: string; value?: string }
export interface TagWrapper { tags: Tag[] }
export interface SystemDiskSpec { diskSize?: number; diskCategory?: string }
export interface DataDiskSpec { diskSize: number; diskCategory?: string; diskName?: string }

export interface CreateInstancesRequest {
  zoneId: string;
  instanceType: string;
  imageId: string;
  instanceChargeType: InstanceChargeType;
  instanceChargePrepaid?: { period: number };
  internetChargeType: InternetChargeType;
  internetMaxBandwidthOut?: number;
  trafficPackageSize?: number;
  instanceName?: string;
  password?: string;
  keyId?: string;
  subnetId?: string;
  resourceGroupId?: string;
  systemDisk?: SystemDiskSpec;
  dataDisks?: DataDiskSpec[];
  securityGroupId?: string;
  instanceCount?: number;
  tags?: TagWrapper;
}
export interface CreateInstancesResponse { requestId: string; instanceIdSet: string[]; orderNumber?: string }

export interface InstanceInfo {
  instanceId: string;
  zoneId: string;
  instanceName: string;
  instanceType: string;
  cpuCount?: number;
  memory?: number;
  imageId?: string;
  imageName?: string;
  instanceChargeType?: string;
  internetChargeType?: string;
  internetMaxBandwidthOut?: number;
  period?: number | null;
  publicIpAddresses: string[];
  publicIpv6Addresses?: string[];
  privateIpAddresses: string[];
  subnetId?: string | null;
  createTime?: string;
  expiredTime?: string | null;
  resourceGroupId?: string;
  resourceGroupName?: string;
  instanceStatus: string; // an InstanceStatus, but unknown future values must not crash parsing
  trafficPackageSize?: number | null;
  securityGroupIds?: string[];
  systemDisk?: { diskId?: string; diskSize?: number; diskCategory?: string } | null;
  dataDisks?: { diskId?: string; diskSize?: number; diskCategory?: string; diskName?: string }[] | null;
  autoRenew?: boolean;
  keyId?: string | null;
  nic?: { wanName?: string; lanName?: string } | null;
  tags?: TagWrapper | null;
}

export interface DescribeInstancesRequest {
  instanceIds?: string[];
  zoneId?: string;
  instanceStatus?: string;
  instanceName?: string;
  resourceGroupId?: string;
  tagKeys?: string[];
  tags?: Tag[];
  pageNum?: number;
  pageSize?: number;
}
export interface PagedResponse<T> { requestId: string; totalCount: number; dataSet: T[] }
export interface InstanceStatusEntry { instanceId: string; instanceStatus: string }

export interface InternetStatus {
  requestId: string;
  instanceId: string;
  internetMaxBandwidthOut?: number;
  modifiedInternetMaxBandwidthOut?: number | null;
  /** `Processing` (change in progress), `Enable` (done), `WaitToEnable` (next billing cycle). */
  modifiedBandwidthStatus?: string | null;
  trafficPackageSize?: number | null;
  modifiedTrafficPackageSize?: number | null;
  /** As `modifiedBandwidthStatus`, for a traffic package change. */
  modifiedTrafficPackageStatus?: string | null;
}

/** Progress of an instance type change (DescribeInstanceTypeStatus). */
export interface InstanceTypeStatus {
  requestId: string;
  instanceId: string;
  instanceType?: string;
  modifiedInstanceType?: string;
  /** As `modifiedBandwidthStatus`: `Processing`, `Enable`, `WaitToEnable`. */
  modifiedInstanceTypeStatus?: string;
}

/** The reinstall request: the image and, optionally, the login (one of password or keyId). */
export interface ResetInstanceRequest { instanceId: string; imageId: string; password?: string; keyId?: string }

/** A tag change on one resource in the Zenlayer Resource Manager (zrm). */
export interface ModifyResourceTagsRequest { resourceUuid: string; replaceTags?: Tag[]; deleteTagKeys?: string[] }

export interface ZoneInfo { zoneId: string; zoneName?: string }
export interface InstanceTypeQuota {
  zoneId: string;
  instanceType: string;
  cpuCount?: number;
  memory?: number;
  internetChargeTypes?: string[];
  internetMaxBandwidthOutLimit?: number;
  instanceTypeName?: string;
}
export interface ImageInfo {
  imageId: string;
  imageName: string;
  imageType?: string;
  /** `linux` or `windows`; Zenlayer's sources differ in case, so compare with `sameOsType`. */
  osType?: string;
  category?: string;
  imageStatus?: string;
  /** GB. Zenlayer's SDK sends it as a string (`"20"`); read as a number either way. */
  imageSize?: number;
}

/** What every action without output returns. */
export interface Ack { requestId: string }

/**
 * The operations the lifecycle needs. `VmClient` (vm-api.ts) implements it over HTTP; unit tests
 * may implement it in memory.
 */
export interface VmApi {
  createInstances(req: CreateInstancesRequest): Promise<CreateInstancesResponse>;
  describeInstances(req: DescribeInstancesRequest): Promise<PagedResponse<InstanceInfo>>;
  describeInstancesStatus(req: { instanceIds: string[]; pageNum?: number; pageSize?: number }): Promise<PagedResponse<InstanceStatusEntry>>;
  modifyInstancesAttribute(req: { instanceIds: string[]; instanceName: string }): Promise<Ack>;
  modifyInstancesResourceGroup(req: { instanceIds: string[]; resourceGroupId: string }): Promise<Ack>;
  modifyInstanceBandwidth(req: { instanceId: string; internetMaxBandwidthOut: number }): Promise<Ack & { orderNumber?: string }>;
  describeInstanceInternetStatus(req: { instanceId: string }): Promise<InternetStatus>;
  resetInstancesPassword(req: { instanceIds: string[]; password: string }): Promise<Ack>;
  startInstances(req: { instanceIds: string[] }): Promise<Ack>;
  stopInstances(req: { instanceIds: string[]; forceShutdown?: boolean }): Promise<Ack>;
  terminateInstance(req: { instanceId: string }): Promise<Ack>;
  releaseInstances(req: { instanceIds: string[] }): Promise<Ack>;
  resetInstance(req: ResetInstanceRequest): Promise<Ack>;
  modifyInstanceTrafficPackage(req: { instanceId: string; trafficPackageSize: number }): Promise<Ack & { orderNumber?: string }>;
  modifyInstanceType(req: { instanceId: string; instanceTypeId: string }): Promise<Ack & { orderNumber?: string }>;
  describeInstanceTypeStatus(req: { instanceId: string }): Promise<InstanceTypeStatus>;
  associateSecurityGroupInstance(req: { securityGroupId: string; instanceId: string }): Promise<Ack>;
  unAssociateSecurityGroupInstance(req: { securityGroupId: string; instanceId: string }): Promise<Ack>;
  /** Zenlayer Resource Manager (zrm), not the VM API. */
  modifyResourceTags(req: ModifyResourceTagsRequest): Promise<Ack>;
  /** Zenlayer Resource Manager (zrm), not the VM API. */
  describeResourceTags(req: { resourceUuid: string }): Promise<{ requestId: string; tags: Tag[] }>;
  describeZones(req: { zoneIds?: string[] }): Promise<{ requestId: string; zoneSet: ZoneInfo[] }>;
  describeZoneInstanceConfigInfos(req: { instanceChargeType: InstanceChargeType; zoneId?: string; instanceType?: string }): Promise<{ requestId: string; instanceTypeQuotaSet: InstanceTypeQuota[] }>;
  describeImages(req: { zoneId?: string; imageIds?: string[]; imageName?: string; osType?: string; pageNum?: number; pageSize?: number }): Promise<PagedResponse<ImageInfo>>;
}
