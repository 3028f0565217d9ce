/**
 * The response fields of every VM action of both API versions, typed as Zenlayer's Go SDK types
 * them. A field is written as `vm20230313` types it; one that only one version has says so
 * (`only`), as vm-versions.ts says of actions, and `responseFieldsOf` derives each version's
 * tables. The simulator must answer exactly this in each version (a contract test checks every
 * action of both against it) and the client reads a subset of the 2023-03-13 one;
 * simulator/README.md renders the same facts as a table, with the documentation's and the
 * client's view beside them.
 *
 * Conventions, all taken from the SDK's own types:
 * - `integer` is a Go `int`, `number` a Go `float64`: a JSON string is never accepted for either,
 *   and an `integer` never has a fraction.
 * - `nullable` marks the fields the SDK declares as pointers (`*int`, `*string`, `*float64`):
 *   `null` means "none". Every other field is never `null`.
 * - `optional` marks fields the simulator leaves out when there is no value, as the SDK's
 *   `omitempty` does; every other field is always present.
 * - `only` marks a field that one version has and the other does not.
 * - 2026-04-01 declares every scalar a pointer (vm-versions.ts): there, each may be `null`.
 * Plain data and pure functions.
 */
import { SCALARS_ARE_POINTERS, VERSION_ONLY_ACTIONS, VM_API_VERSIONS, type VmApiVersion } from "./vm-versions";

export type Scalar = "string" | "integer" | "number" | "boolean";
export type FieldType =
  | Scalar
  | { listOf: Scalar }
  | { object: FieldTable }
  | { listOfObjects: FieldTable };
export interface Field { type: FieldType; nullable?: true; optional?: true; only?: VmApiVersion }
export type FieldTable = Readonly<Record<string, Field>>;

const str: Field = { type: "string" };
const int: Field = { type: "integer" };
const bool: Field = { type: "boolean" };
const strList: Field = { type: { listOf: "string" } };
const nullable = (type: FieldType): Field => ({ type, nullable: true });
const optional = (type: FieldType): Field => ({ type, optional: true });
const in2026 = (field: Field): Field => ({ ...field, only: "2026-04-01" });
const paged = (item: FieldTable): FieldTable => ({ requestId: str, totalCount: int, dataSet: { type: { listOfObjects: item } } });
const ack: FieldTable = { requestId: str };

const SYSTEM_DISK: FieldTable = { diskId: str, diskSize: int, diskCategory: str };
/**
 * DataDisk. Not sent: the SDK's `portable` (not modelled), and 2026-04-01's `diskAmount` and
 * `diskPrice`, which its documentation reserves for the create request and the price inquiry.
 */
const DATA_DISK: FieldTable = { diskId: str, diskSize: int, diskCategory: str, diskName: optional("string") };

/** Tags as `{ tags: [{ key, value }] }` (`*Tags` of `*Tag`, whose key and value are `*string`). */
const TAGS: FieldTable = { tags: { type: { listOfObjects: { key: nullable("string"), value: nullable("string") } } } };

/** InstanceInfo. */
export const INSTANCE_INFO_FIELDS: FieldTable = {
  instanceId: str,
  zoneId: str,
  instanceName: str,
  instanceType: str,
  cpuCount: int,
  memory: int,
  imageId: str,
  imageName: str,
  instanceChargeType: str,
  internetChargeType: str,
  internetMaxBandwidthOut: int,
  period: nullable("integer"),
  publicIpAddresses: strList,
  publicIpv6Addresses: strList,
  privateIpAddresses: strList,
  subnetId: optional("string"),
  createTime: str,
  expiredTime: nullable("string"),
  resourceGroupId: str,
  resourceGroupName: str,
  instanceStatus: str,
  trafficPackageSize: nullable("number"),
  securityGroupIds: strList,
  systemDisk: { type: { object: SYSTEM_DISK } },
  dataDisks: { type: { listOfObjects: DATA_DISK } },
  autoRenew: bool,
  // A plain string in 2023-03-13 (which reads null as empty); 2026-04-01 documents it as possibly null.
  keyId: nullable("string"),
  nic: { type: { object: { wanName: str, lanName: str } } },
  tags: { type: { object: TAGS } },
};

/** ImageInfo: every field a string, `imageSize` (GB) included. */
export const IMAGE_INFO_FIELDS: FieldTable = {
  imageId: str,
  imageName: str,
  imageType: str,
  imageSize: str,
  imageDescription: str,
  imageVersion: str,
  imageStatus: str,
  category: str,
  osType: str,
};

/** A price tier of usage-billed bandwidth (`StepPrice`: every field a `*float64`). */
const STEP_PRICE: FieldTable = {
  stepStart: nullable("number"), stepEnd: nullable("number"), unitPrice: nullable("number"), discountUnitPrice: nullable("number"),
};

/**
 * `Price` (2026-04-01: `PriceItem`): amounts are `*float64`, `chargeUnit` a `*string`. 2026-04-01
 * adds the unit of the amount, the price of usage beyond it and the price's category.
 */
const PRICE: FieldTable = {
  discount: nullable("number"),
  discountPrice: nullable("number"),
  originalPrice: nullable("number"),
  unitPrice: nullable("number"),
  discountUnitPrice: nullable("number"),
  chargeUnit: nullable("string"),
  amountUnit: in2026(nullable("string")),
  excessUnitPrice: in2026(nullable("number")),
  excessDiscountUnitPrice: in2026(nullable("number")),
  excessAmountUnit: in2026(nullable("string")),
  category: in2026(nullable("string")),
};
/**
 * A `Price` that may come in tiers: the SDK's `stepPrices` (a list of `*StepPrice`, left out
 * without tiers) is on every `Price`; only usage-billed bandwidth fills it, so the tables below
 * list it where it can carry a value.
 */
const TIERED_PRICE: FieldTable = { ...PRICE, stepPrices: optional({ listOfObjects: STEP_PRICE }) };
const price = (): Field => ({ type: { object: PRICE }, nullable: true });
const prices = (): Field => ({ type: { listOfObjects: TIERED_PRICE }, optional: true });

/** The price inquiries (InquiryPrice*), which share `Price`. */
export const PRICE_RESPONSE_FIELDS: Readonly<Record<string, FieldTable>> = {
  InquiryPriceCreateInstance: {
    requestId: str, instancePrice: price(), eipPrice: price(), bandwidthPrice: prices(), systemDiskPrice: price(), dataDiskPrice: price(),
    // One entry per kind of data disk asked for (`DataDisk` with its amount and their price).
    dataDiskPrices: in2026({ type: { listOfObjects: { diskSize: int, diskAmount: int, diskCategory: str, diskPrice: price() } } }),
  },
  InquiryPriceInstanceBandwidth: { requestId: str, bandwidthPrice: prices() },
  InquiryPriceInstanceTrafficPackage: { requestId: str, trafficPackagePrice: { type: { listOfObjects: PRICE }, optional: true } },
};

/** The object inside `response`, per action. */
export const RESPONSE_FIELDS: Readonly<Record<string, FieldTable>> = {
  CreateInstances: {
    requestId: nullable("string"),
    instanceIdSet: strList,
    orderNumber: nullable("string"),
    // Each new instance with the ids of the data disks created with it (`DiskWithInstance`).
    instances: in2026({ type: { listOfObjects: { instanceId: str, diskIdSet: strList } } }),
  },
  DescribeInstances: paged(INSTANCE_INFO_FIELDS),
  DescribeInstancesStatus: paged({ instanceId: str, instanceStatus: str }),
  ModifyInstancesAttribute: ack,
  ModifyInstancesResourceGroup: ack,
  ModifyInstanceBandwidth: { requestId: str, orderNumber: str },
  DescribeInstanceInternetStatus: {
    requestId: str,
    instanceId: str,
    instanceName: str,
    internetMaxBandwidthOut: nullable("integer"),
    modifiedInternetMaxBandwidthOut: nullable("integer"),
    modifiedBandwidthStatus: optional("string"),
    trafficPackageSize: nullable("number"),
    modifiedTrafficPackageSize: nullable("number"),
    modifiedTrafficPackageStatus: optional("string"),
  },
  ModifyInstanceTrafficPackage: { requestId: str, orderNumber: str },
  ModifyInstanceType: { requestId: str, orderNumber: str },
  DescribeInstanceTypeStatus: {
    requestId: str,
    instanceId: str,
    instanceName: str,
    instanceType: str,
    modifiedInstanceType: optional("string"),
    modifiedInstanceTypeStatus: optional("string"),
  },
  AssociateSecurityGroupInstance: ack,
  UnAssociateSecurityGroupInstance: ack,
  ResetInstancesPassword: ack,
  StartInstances: ack,
  StopInstances: ack,
  RebootInstances: ack,
  ResetInstance: ack,
  TerminateInstance: ack,
  ReleaseInstances: ack,
  DescribeZones: {
    requestId: str,
    zoneSet: {
      type: {
        listOfObjects: {
          zoneId: str,
          zoneName: str,
          supportSecurityGroup: bool,
          supportNetworkType: str,
          supportIpv6: bool,
          supportCpuPassThrough: bool,
          networkLineType: in2026(str),
        },
      },
    },
  },
  DescribeZoneInstanceConfigInfos: {
    requestId: str,
    instanceTypeQuotaSet: {
      type: {
        listOfObjects: {
          zoneId: str,
          instanceType: str,
          instanceTypeName: str,
          cpuCount: int,
          memory: int,
          internetChargeTypes: strList,
          internetMaxBandwidthOutLimit: int,
          frequency: str,
        },
      },
    },
  },
  DescribeImages: paged(IMAGE_INFO_FIELDS),
  ...PRICE_RESPONSE_FIELDS,
  DescribeVncUrl: { requestId: str, url: str },
};

/** The response tables of one version: its actions, only its fields, each typed as its SDK types it. */
export function responseFieldsOf(version: VmApiVersion): Readonly<Record<string, FieldTable>> {
  return Object.fromEntries(Object.entries(RESPONSE_FIELDS)
    .filter(([action]) => (VERSION_ONLY_ACTIONS[action] ?? version) === version)
    .map(([action, table]) => [action, tableOf(version, table)]));
}

/** Every version's response tables, by version. */
export const RESPONSE_FIELDS_BY_VERSION: Readonly<Record<VmApiVersion, Readonly<Record<string, FieldTable>>>> =
  Object.fromEntries(VM_API_VERSIONS.map((version) => [version, responseFieldsOf(version)])) as Record<VmApiVersion, Record<string, FieldTable>>;

function tableOf(version: VmApiVersion, table: FieldTable): FieldTable {
  return Object.fromEntries(Object.entries(table)
    .filter(([, field]) => (field.only ?? version) === version)
    .map(([name, field]) => [name, fieldOf(version, field)]));
}

function fieldOf(version: VmApiVersion, { only: _only, ...field }: Field): Field {
  const { type } = field;
  if (typeof type === "string") return SCALARS_ARE_POINTERS[version] ? { ...field, nullable: true } : field;
  if ("object" in type) return { ...field, type: { object: tableOf(version, type.object) } };
  if ("listOfObjects" in type) return { ...field, type: { listOfObjects: tableOf(version, type.listOfObjects) } };
  return field;
}

/** The error envelope (`common.ErrorResponse`). */
export const ERROR_FIELDS: FieldTable = { requestId: str, code: str, message: str };

/** Every field of a table, nested ones as dotted paths (`dataSet[].systemDisk.diskSize`), with its type. */
export function flattenFields(table: FieldTable, prefix = ""): { path: string; field: Field }[] {
  return Object.entries(table).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const { type } = field;
    if (typeof type === "object" && "object" in type) return [{ path, field }, ...flattenFields(type.object, `${path}.`)];
    if (typeof type === "object" && "listOfObjects" in type) return [{ path, field }, ...flattenFields(type.listOfObjects, `${path}[].`)];
    return [{ path, field }];
  });
}

/** `string`, `integer`, `string[]`, `object`, `object[]`, with `\|null` or `?` as the field allows. */
export function describeField(field: Field): string {
  const { type } = field;
  const base = typeof type === "string" ? type
    : "listOf" in type ? `${type.listOf}[]`
      : "object" in type ? "object" : "object[]";
  return `${base}${field.nullable ? "|null" : ""}${field.optional ? "?" : ""}`;
}
