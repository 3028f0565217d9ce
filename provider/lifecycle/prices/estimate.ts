/**
 * From an instance's inputs to a price inquiry, and from the API's `Price` objects to figures a
 * person can compare: one item per priced part (instance, bandwidth, disks, …), each with its list
 * and discounted amount per period. Pure; no network.
 */
import type { InquiryPriceCreateInstanceRequest, Price } from "../../client/price-types";
import type { DataDiskSpec, InstanceChargeType, InternetChargeType, SystemDiskSpec } from "../../client/types";
import { applyDefaults } from "../inputs/defaults";
import { withoutUnknowns } from "../inputs/unknowns";

type Raw = Record<string, unknown>;

/** The inputs that decide an instance's price (InquiryPriceCreateInstance's parameters). */
export const PRICED_KEYS = [
  "zoneId", "instanceType", "imageId", "instanceChargeType", "instanceChargePrepaid", "internetChargeType",
  "internetMaxBandwidthOut", "trafficPackageSize", "systemDisk", "dataDisks",
] as const;

/** One priced part. `list`/`discounted` are per `per` ("hour", "month", "3 months"). */
export interface PriceItem {
  item: string;
  list: number;
  discounted: number;
  per: string;
}
/** A part billed by usage in tiers: the first tier's price per unit of usage. */
export interface UsageItem { item: string; fromList: number; per: string }

/** What an instance (or a change) costs, as the API quoted it. Amounts are USD. */
export interface PriceEstimate {
  items: PriceItem[];
  usage: UsageItem[];
  /** The request ids of the inquiries behind it. */
  requestIds: string[];
}

/** The InquiryPriceCreateInstance request for these inputs, or the priced inputs not yet known. */
export function createInquiry(inputs: Raw): { request: InquiryPriceCreateInstanceRequest } | { unknown: string[] } {
  const priced: Raw = {};
  for (const key of PRICED_KEYS) if (inputs[key] !== undefined && inputs[key] !== null) priced[key] = inputs[key];
  const { value, unknownPaths } = withoutUnknowns(applyDefaults(priced));
  if (unknownPaths.length > 0) return { unknown: unknownPaths };
  const v = value as Raw;
  const period = (v.instanceChargePrepaid as Raw | undefined)?.period;
  const systemDisk = v.systemDisk as Raw | undefined;
  const request: InquiryPriceCreateInstanceRequest = {
    zoneId: String(v.zoneId),
    instanceType: String(v.instanceType),
    imageId: String(v.imageId),
    instanceChargeType: v.instanceChargeType as InstanceChargeType,
    internetChargeType: v.internetChargeType as InternetChargeType,
    ...(v.instanceChargeType === "PREPAID" && typeof period === "number" ? { instanceChargePrepaid: { period } } : {}),
    ...(typeof v.internetMaxBandwidthOut === "number" ? { internetMaxBandwidthOut: v.internetMaxBandwidthOut } : {}),
    ...(typeof v.trafficPackageSize === "number" ? { trafficPackageSize: v.trafficPackageSize } : {}),
    ...(systemDisk ? { systemDisk: diskSpec(systemDisk) as SystemDiskSpec } : {}),
    ...(Array.isArray(v.dataDisks) ? { dataDisks: (v.dataDisks as Raw[]).map((d) => diskSpec(d) as unknown as DataDiskSpec) } : {}),
  };
  return { request };
}

/** Only the fields a price depends on (outputs also carry disk ids). */
function diskSpec(disk: Raw): Raw {
  const out: Raw = {};
  for (const key of ["diskSize", "diskCategory"]) if (disk[key] !== undefined && disk[key] !== null) out[key] = disk[key];
  return out;
}

/** Months of a subscription in the inputs, or undefined for pay-as-you-go. */
export function subscriptionMonths(inputs: Raw): number | undefined {
  if (applyDefaults(inputs).instanceChargeType !== "PREPAID") return undefined;
  const period = (inputs.instanceChargePrepaid as Raw | undefined)?.period;
  return typeof period === "number" ? period : undefined;
}

/**
 * Reads one `Price`: a pay-as-you-go unit price per its charge unit, a subscription's price for
 * its period, or tiers billed by usage. A price without any usable figure yields nothing.
 */
export function readPrice(item: string, price: Price | undefined, months: number | undefined, usageUnit = "unit"): { items: PriceItem[]; usage: UsageItem[] } {
  const none = { items: [], usage: [] };
  if (!price) return none;
  if (price.originalPrice !== undefined) {
    const per = months === undefined ? "period" : months === 1 ? "month" : `${months} months`;
    return { items: [{ item, list: price.originalPrice, discounted: price.discountPrice ?? discounted(price.originalPrice, price.discount), per }], usage: [] };
  }
  const per = (price.chargeUnit ?? "hour").toLowerCase();
  if (price.unitPrice !== undefined) {
    return { items: [{ item, list: price.unitPrice, discounted: price.discountUnitPrice ?? discounted(price.unitPrice, price.discount), per }], usage: [] };
  }
  const first = price.stepPrices.find((step) => step.unitPrice !== undefined);
  if (first?.unitPrice !== undefined) return { items: [], usage: [{ item, fromList: first.unitPrice, per: `${usageUnit}/${per}` }] };
  return none;
}

/** `discount` is the percentage paid (Zenlayer: 80 means 20 % off); missing means none. */
function discounted(list: number, discount: number | undefined): number {
  return discount === undefined || discount <= 0 || discount > 100 ? list : (list * discount) / 100;
}

/** Combines item lists (an instance's parts) into one estimate. */
export function combine(requestIds: string[], parts: { items: PriceItem[]; usage: UsageItem[] }[]): PriceEstimate {
  return { items: parts.flatMap((p) => p.items), usage: parts.flatMap((p) => p.usage), requestIds };
}

/** Sums per period ("hour", "month", …), in the order the periods first appear. */
export function totals(items: readonly PriceItem[]): { per: string; list: number; discounted: number }[] {
  const byPer = new Map<string, { per: string; list: number; discounted: number }>();
  for (const item of items) {
    const sum = byPer.get(item.per) ?? { per: item.per, list: 0, discounted: 0 };
    sum.list += item.list;
    sum.discounted += item.discounted;
    byPer.set(item.per, sum);
  }
  return [...byPer.values()];
}

/** The estimate of an InquiryPriceCreateInstance answer, for inputs with `internetChargeType`. */
export function estimateCreate(
  res: { requestId: string; instancePrice?: Price; eipPrice?: Price; bandwidthPrice: Price[]; systemDiskPrice?: Price; dataDiskPrice?: Price },
  inputs: Raw,
): PriceEstimate {
  const months = subscriptionMonths(inputs);
  return combine([res.requestId], [
    readPrice("instance", res.instancePrice, months),
    ...res.bandwidthPrice.map((p) => readPrice(internetItem(inputs), p, months, "Mbps")),
    readPrice("public IP", res.eipPrice, months),
    readPrice("system disk", res.systemDiskPrice, months),
    readPrice("data disks", res.dataDiskPrice, months),
  ]);
}

/**
 * What the internet part is called for the inputs' internet charge type. Without
 * `trafficPackageSize` Zenlayer gives a traffic-package instance its free package (CreateInstances'
 * documentation), which is why its price may be 0: the line says so.
 */
export function internetItem(inputs: Raw): string {
  if (applyDefaults(inputs).internetChargeType !== "ByTrafficPackage") return "bandwidth";
  return typeof inputs.trafficPackageSize === "number" ? "traffic package" : "traffic package (Zenlayer's free size)";
}
