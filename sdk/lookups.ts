/**
 * Read-only lookups for Pulumi programs: zones, instance types and images, so that a program can
 * choose them by properties instead of hard-coding ids, and the price of an instance. They run in
 * the program (during preview too) and call only Describe* and InquiryPrice* actions. Dynamic providers cannot serve invokes, so these are plain
 * async functions that use the same client and the same credentials as the provider: stack config
 * `zenlayer:*` first, then the `ZENLAYERCLOUD_*` environment variables.
 */
import * as pulumi from "@pulumi/pulumi";
import { createVmClient, type ClientOptions } from "../provider/client";
import type { InquiryPriceCreateInstanceRequest } from "../provider/client/price-types";
import type { ImageInfo, InstanceChargeType, InstanceTypeQuota, InternetChargeType, ZoneInfo } from "../provider/client/types";
import { createInquiry, estimateCreate, totals, type PriceItem, type UsageItem } from "../provider/lifecycle/prices/estimate";
import { formatEstimate } from "../provider/lifecycle/prices/format";
import { lookupSetting, readConfig } from "../provider/lifecycle/runtime/settings";

/** Endpoint and credentials for a lookup; unset fields come from stack config, then the environment. */
export type LookupOptions = Pick<ClientOptions, "accessKeyId" | "accessKeyPassword" | "domain" | "scheme">;

function client(options: LookupOptions = {}) {
  // runtime.getConfig reads the raw value (secrets decrypted) without wrapping it in an Output:
  // a lookup needs the plain credential to sign its request, and never returns or logs it.
  const fromStack = readConfig({ get: (key) => pulumi.runtime.getConfig(key) });
  const setting = (name: keyof LookupOptions) => options[name] ?? lookupSetting(name, fromStack, process.env);
  return createVmClient({
    accessKeyId: setting("accessKeyId"),
    accessKeyPassword: setting("accessKeyPassword"),
    domain: setting("domain"),
    // The client accepts http or https in any case and rejects anything else, naming the setting.
    scheme: setting("scheme"),
  });
}

/** Zones available to the account (DescribeZones), optionally restricted to some ids. */
export async function getZones(args: { zoneIds?: string[] } = {}, options?: LookupOptions): Promise<ZoneInfo[]> {
  const { zoneSet } = await client(options).describeZones(args.zoneIds ? { zoneIds: args.zoneIds } : {});
  return zoneSet;
}

/** Filters for {@link getInstanceTypes}. */
export interface InstanceTypeFilter {
  zoneId?: string;
  instanceChargeType?: InstanceChargeType;
  minCpuCount?: number;
  /** Minimum memory in GB. */
  minMemory?: number;
}

/**
 * Instance types sellable in a zone (DescribeZoneInstanceConfigInfos), smallest first (by CPU,
 * then memory), so `(await getInstanceTypes({ zoneId, minCpuCount: 2 }))[0]` is the cheapest fit.
 */
export async function getInstanceTypes(filter: InstanceTypeFilter = {}, options?: LookupOptions): Promise<InstanceTypeQuota[]> {
  const { instanceTypeQuotaSet } = await client(options).describeZoneInstanceConfigInfos({
    instanceChargeType: filter.instanceChargeType ?? "POSTPAID",
    ...(filter.zoneId ? { zoneId: filter.zoneId } : {}),
  });
  return instanceTypeQuotaSet
    .filter((t) => (t.cpuCount ?? 0) >= (filter.minCpuCount ?? 0) && (t.memory ?? 0) >= (filter.minMemory ?? 0))
    .sort((a, b) => (a.cpuCount ?? 0) - (b.cpuCount ?? 0) || (a.memory ?? 0) - (b.memory ?? 0));
}

/** Filters for {@link getImages}; `nameRegex` is matched against `imageName`. */
export interface ImageFilter {
  zoneId?: string;
  osType?: string;
  category?: string;
  nameRegex?: string | RegExp;
}

/** Images (DescribeImages, every page) matching the filter, in the API's order. */
export async function getImages(filter: ImageFilter = {}, options?: LookupOptions): Promise<ImageInfo[]> {
  const api = client(options);
  const images: ImageInfo[] = [];
  for (let pageNum = 1; ; pageNum++) {
    const page = await api.describeImages({
      ...(filter.zoneId ? { zoneId: filter.zoneId } : {}),
      // Lower case, as Zenlayer's Terraform provider sends it (its SDK's comments say `Linux`).
      ...(filter.osType ? { osType: filter.osType.toLowerCase() } : {}),
      pageNum,
      pageSize: 100,
    });
    images.push(...page.dataSet);
    if (page.dataSet.length === 0 || images.length >= page.totalCount) break;
  }
  const nameRegex = filter.nameRegex === undefined ? undefined : new RegExp(filter.nameRegex, "i");
  return images.filter(
    (image) =>
      (!nameRegex || nameRegex.test(image.imageName)) &&
      (!filter.category || image.category?.toLowerCase() === filter.category.toLowerCase()),
  );
}

/** The single image matching the filter: the first in the API's order; an error naming the filter when none does. */
export async function getImage(filter: ImageFilter, options?: LookupOptions): Promise<ImageInfo> {
  const [image] = await getImages(filter, options);
  if (!image) {
    throw new Error(`No Zenlayer image matches ${JSON.stringify({ ...filter, nameRegex: filter.nameRegex?.toString() })}; list them with getImages({ zoneId }).`);
  }
  return image;
}

/** The priced inputs of an Instance, as plain values; defaults as for Instance (POSTPAID, ByBandwidth). */
export type PriceArgs = Omit<InquiryPriceCreateInstanceRequest, "instanceChargeType" | "internetChargeType"> & {
  instanceChargeType?: InstanceChargeType;
  internetChargeType?: InternetChargeType;
};

/** What an instance would cost (InquiryPriceCreateInstance), in USD. */
export interface PriceQuote {
  /** One entry per priced part (instance, bandwidth or traffic package, public IP, disks). */
  items: PriceItem[];
  /** Parts billed by usage in tiers (95th-percentile bandwidth): the first tier's price. */
  usage: UsageItem[];
  /** Sums of `items` per period ("hour" for pay-as-you-go, "3 months" for a 3-month subscription). */
  totals: { per: string; list: number; discounted: number }[];
  currency: "USD";
  /** The line `pulumi preview` prints for such an instance. */
  summary: string;
  requestId: string;
}

/**
 * The price of an instance with these inputs, for a stack output or a policy:
 * `getPrice({ zoneId: "SEL-A", instanceType: "c.1c2g", imageId })` → `totals[0]` is the hourly
 * list and discounted price. Throws the API's error (with action, code and request id).
 */
export async function getPrice(args: PriceArgs, options?: LookupOptions): Promise<PriceQuote> {
  const inquiry = createInquiry({ ...args });
  if ("unknown" in inquiry) throw new Error(`getPrice needs known values (${inquiry.unknown.join(", ")} are not known yet).`);
  const res = await client(options).inquiryPriceCreateInstance(inquiry.request);
  const estimate = estimateCreate(res, { ...inquiry.request });
  return {
    items: estimate.items, usage: estimate.usage, totals: totals(estimate.items), currency: "USD",
    summary: formatEstimate(estimate), requestId: res.requestId,
  };
}
