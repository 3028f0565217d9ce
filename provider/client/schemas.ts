/**
 * zod schemas for the response envelopes and the fields we read. Objects are loose (unknown fields
 * pass through, so new API versions do not break us) and null is read as absent wherever the API
 * may send it. Anything else unexpected becomes an INVALID_RESPONSE failure, never a crash deep
 * inside the lifecycle.
 */
import { z } from "zod";

/** Optional string; `null` is read as absent. */
const optStr = z.string().nullish().transform((v) => v ?? undefined);
/** Optional number; `null` is read as absent. */
const optNum = z.number().nullish().transform((v) => v ?? undefined);
/**
 * Optional number that may arrive as a numeric string: Zenlayer's SDK and Terraform provider type
 * some sizes as strings (`imageSize: "20"`) where the documentation shows numbers. A string that
 * is not a number is read as absent rather than failing the whole response: nothing depends on it.
 */
const optNumOrNumericString = z.union([z.number(), z.string()]).nullish().transform((v) => {
  if (typeof v === "number") return v;
  const parsed = typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
});
/** String list; `null` or missing is an empty list. */
const strList = z.array(z.string()).nullish().transform((v) => v ?? []);
/** Optional loose object; `null` is read as absent. */
const optObj = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape).nullish().transform((v) => v ?? undefined);

const tagWrapper = optObj({
  tags: z.array(z.looseObject({ key: z.string(), value: optStr })).nullish().transform((v) => v ?? []),
});
const disk = z.looseObject({ diskId: optStr, diskSize: optNum, diskCategory: optStr, diskName: optStr });

/** `{requestId, code, message}` — the error envelope of every failed call. */
export const errorEnvelopeSchema = z.looseObject({ requestId: optStr, code: z.string().min(1), message: optStr });
/** `{requestId, response: {requestId, …}}` — the success envelope; `response` is checked per action. */
export const successEnvelopeSchema = z.looseObject({ requestId: optStr, response: z.looseObject({ requestId: optStr }) });

/** Every action's response object carries its request id. */
const withRequestId = <T extends z.ZodRawShape>(shape: T) => z.looseObject({ requestId: optStr, ...shape });
const paged = <T extends z.ZodType>(item: T) => withRequestId({
  totalCount: optNum,
  dataSet: z.array(item).nullish().transform((v) => v ?? []),
});

/** InstanceInfo as DescribeInstances returns it; only id, status, zone and type are strictly required. */
export const instanceInfoSchema = z.looseObject({
  instanceId: z.string().min(1),
  zoneId: z.string(),
  instanceName: z.string().nullish().transform((v) => v ?? ""),
  instanceType: z.string(),
  cpuCount: optNum,
  memory: optNum,
  imageId: optStr,
  imageName: optStr,
  instanceChargeType: optStr,
  internetChargeType: optStr,
  internetMaxBandwidthOut: optNum,
  period: optNum,
  publicIpAddresses: strList,
  publicIpv6Addresses: strList,
  privateIpAddresses: strList,
  subnetId: optStr,
  createTime: optStr,
  expiredTime: optStr,
  resourceGroupId: optStr,
  resourceGroupName: optStr,
  instanceStatus: z.string().min(1),
  trafficPackageSize: optNum,
  securityGroupIds: strList,
  systemDisk: optObj(disk.shape),
  dataDisks: z.array(disk).nullish().transform((v) => v ?? undefined),
  autoRenew: z.boolean().nullish().transform((v) => v ?? undefined),
  keyId: optStr,
  nic: optObj({ wanName: optStr, lanName: optStr }),
  tags: tagWrapper,
});

/** Response schemas per action (the object inside `response`). */
export const responseSchemas = {
  CreateInstances: withRequestId({ instanceIdSet: z.array(z.string().min(1)), orderNumber: optStr }),
  DescribeInstances: paged(instanceInfoSchema),
  DescribeInstancesStatus: paged(z.looseObject({ instanceId: z.string().min(1), instanceStatus: z.string().min(1) })),
  Ack: withRequestId({}),
  ModifyInstanceBandwidth: withRequestId({ orderNumber: optStr }),
  DescribeInstanceInternetStatus: withRequestId({
    instanceId: optStr,
    internetMaxBandwidthOut: optNum,
    modifiedInternetMaxBandwidthOut: optNum,
    modifiedBandwidthStatus: optStr,
    trafficPackageSize: optNum,
    modifiedTrafficPackageSize: optNum,
    modifiedTrafficPackageStatus: optStr,
  }),
  /** ModifyInstanceTrafficPackage and ModifyInstanceType place an order, as a bandwidth change does. */
  Order: withRequestId({ orderNumber: optStr }),
  DescribeInstanceTypeStatus: withRequestId({
    instanceId: optStr,
    instanceType: optStr,
    modifiedInstanceType: optStr,
    modifiedInstanceTypeStatus: optStr,
  }),
  DescribeResourceTags: withRequestId({
    totalCount: optNum,
    dataSet: z.array(z.looseObject({ key: z.string().min(1), value: optStr })).nullish().transform((v) => v ?? []),
  }),
  DescribeZones: withRequestId({
    zoneSet: z.array(z.looseObject({ zoneId: z.string().min(1), zoneName: optStr })).nullish().transform((v) => v ?? []),
  }),
  DescribeZoneInstanceConfigInfos: withRequestId({
    instanceTypeQuotaSet: z.array(z.looseObject({
      zoneId: z.string(),
      instanceType: z.string(),
      cpuCount: optNum,
      memory: optNum,
      internetChargeTypes: strList,
      internetMaxBandwidthOutLimit: optNum,
      instanceTypeName: optStr,
    })).nullish().transform((v) => v ?? []),
  }),
  DescribeImages: paged(z.looseObject({
    imageId: z.string().min(1),
    imageName: z.string().nullish().transform((v) => v ?? ""),
    imageType: optStr,
    osType: optStr,
    category: optStr,
    imageStatus: optStr,
    imageSize: optNumOrNumericString,
  })),
} as const;

/** "dataSet.0.instanceId: Invalid input: expected string, received undefined; …" (at most 3 issues). */
export function summarizeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)";
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : "";
  return issues.join("; ") + more;
}
