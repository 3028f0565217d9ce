/**
 * The typed surface of the Zenlayer VM API (API 2.0, `POST /api/v2/vm`) that this project uses.
 * Field names are the wire's own (camelCase), so Zenlayer's documentation carries over.
 * Responses list only the fields we read; unknown fields are tolerated by the schemas.
 */

/** Every status DescribeInstances can report. There is no DELETED: a deleted instance is not listed. */
export const INSTANCE_STATUSES = [
  "PENDING", "DEPLOYING", "REBUILDING", "REBOOT", "RUNNING", "STOPPED", "BOOTING",
  "RELEASING", "STOPPING", "RECYCLE", "RECYCLING", "CREATE_FAILED", "IMAGING",
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export type InstanceChargeType = "POSTPAID" | "PREPAID";
export const INTERNET_CHARGE_TYPES = [
  "ByBandwidth", "ByTrafficPackage", "ByInstanceBandwidth95", "ByClusterBandwidth95", "BandwidthCluster",
] as const;
export type InternetChargeType = (typeof INTERNET_CHARGE_TYPES)[number];

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
}

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
  osType?: string;
  category?: string;
  imageStatus?: string;
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
  describeZones(req: { zoneIds?: string[] }): Promise<{ requestId: string; zoneSet: ZoneInfo[] }>;
  describeZoneInstanceConfigInfos(req: { instanceChargeType: InstanceChargeType; zoneId?: string; instanceType?: string }): Promise<{ requestId: string; instanceTypeQuotaSet: InstanceTypeQuota[] }>;
  describeImages(req: { zoneId?: string; imageIds?: string[]; imageName?: string; osType?: string; pageNum?: number; pageSize?: number }): Promise<PagedResponse<ImageInfo>>;
}
