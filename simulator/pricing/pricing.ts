/**
 * The simulator's price list and the `Price` objects the InquiryPrice* actions answer with.
 *
 * Zenlayer publishes no price list through the API, so these figures are invented but shaped like
 * the real thing: a price per zone and instance type, per Mbps of bandwidth, per GB of disk and
 * per TB of traffic package; pay-as-you-go by the hour, subscriptions (PREPAID) by the month with a
 * discount that grows with the period. Every item is priced as asked: an instance, a disk of the
 * requested size, the requested bandwidth. Usage-billed bandwidth (95th percentile) is priced per
 * Mbps and month in tiers (`stepPrices`), because its amount is known only after the month.
 *
 * The wire shape (`Price`, `StepPrice`) follows Zenlayer's SDK: `discount` is the percentage paid
 * (90 = 10 % off); pay-as-you-go items fill `unitPrice`/`discountUnitPrice` and `chargeUnit`,
 * subscriptions fill `originalPrice`/`discountPrice` for the whole period. The fields 2026-04-01
 * adds (`amountUnit`, the `excess*` prices of usage beyond the amount, `category`) are on every
 * item; the VM API version of the request decides whether they are sent.
 */
import type { InstanceSpec } from "../model/instance-spec";

/**
 * A `Price` as the API sends it: an absent amount is `null` (the SDK's pointers); `stepPrices`, a
 * list in the SDK, is left out when there are no tiers.
 */
export interface WirePrice {
  discount: number;
  discountPrice: number | null;
  originalPrice: number | null;
  unitPrice: number | null;
  discountUnitPrice: number | null;
  chargeUnit: "HOUR" | "DAY" | "MONTH" | null;
  stepPrices?: WireStepPrice[];
  /** What the amount is counted in (`Mbps`, `TB`, `GB`); null for an item counted as one. */
  amountUnit: AmountUnit | null;
  /** The price list has no charge for usage beyond the amount: these stay null. */
  excessUnitPrice: null;
  excessDiscountUnitPrice: null;
  excessAmountUnit: null;
  /** `STANDARD` (the list price) rather than `CUSTOMIZED` (a price agreed for the account). */
  category: "STANDARD";
}
type AmountUnit = "Mbps" | "TB" | "GB";
/** One tier of a tiered price; `stepEnd` null marks the last tier. */
export interface WireStepPrice { stepStart: number; stepEnd: number | null; unitPrice: number; discountUnitPrice: number }

/** List price of an instance per hour, in USD, before the zone factor. */
export const INSTANCE_HOURLY_USD: Readonly<Record<string, number>> = { "c.1c2g": 0.018, "c.2c4g": 0.036, "c.4c8g": 0.072 };
/** Zones differ in price: a factor on every item. */
export const ZONE_PRICE_FACTOR: Readonly<Record<string, number>> = { "SEL-A": 1, "HKG-A": 1.2, "FRA-A": 0.9 };
/** Fixed bandwidth (ByBandwidth), per Mbps and hour. */
export const BANDWIDTH_MBPS_HOURLY_USD = 0.006;
/** Disks per GB and hour, by category. */
export const DISK_GB_HOURLY_USD: Readonly<Record<string, number>> = { "Standard NVMe SSD": 0.0001, "Basic NVMe SSD": 0.00007 };
/** Traffic packages (ByTrafficPackage), per TB and month. */
export const TRAFFIC_PACKAGE_TB_MONTHLY_USD = 4;
/** 95th-percentile bandwidth, per Mbps and month, in tiers. */
export const BANDWIDTH95_MBPS_MONTHLY_TIERS: readonly { stepStart: number; stepEnd: number | null; usd: number }[] = [
  { stepStart: 0, stepEnd: 100, usd: 1.5 },
  { stepStart: 100, stepEnd: null, usd: 1.2 },
];
/** Hours in a billing month. */
export const HOURS_PER_MONTH = 730;
/** The simulated account pays this percentage of the list price. */
export const ACCOUNT_DISCOUNT_PERCENT = 90;

/** The extra subscription discount (a factor on the account's percentage) for a period in months. */
export function subscriptionFactor(period: number): number {
  if (period >= 12) return 0.85;
  if (period >= 6) return 0.9;
  if (period >= 3) return 0.95;
  return 1;
}

/** List price of the instance's public IPv4 address per hour, in USD, before the zone factor. */
const PUBLIC_IP_HOURLY_USD = 0.002;

/** What decides a price: the priced parts of an instance. */
export type PricedSpec = Pick<InstanceSpec,
  "zoneId" | "instanceType" | "instanceChargeType" | "period" | "internetChargeType" | "internetMaxBandwidthOut" |
  "trafficPackageSize" | "systemDisk" | "dataDisks">;

/**
 * The answer of InquiryPriceCreateInstance for a validated spec: every item for all
 * `instanceCount` instances. `dataDiskPrices` prices each kind of data disk asked for (size and
 * category) with its amount; `dataDiskPrice` is their sum, null without data disks.
 */
export function quoteCreate(spec: PricedSpec & Pick<InstanceSpec, "instanceCount">): Record<string, unknown> {
  const factor = ZONE_PRICE_FACTOR[spec.zoneId] ?? 1;
  const count = spec.instanceCount;
  const diskHourly = (d: { diskSize: number; diskCategory: string }) => d.diskSize * (DISK_GB_HOURLY_USD[d.diskCategory] ?? 0) * factor * count;
  const diskKinds = new Map<string, { diskSize: number; diskCategory: string; diskAmount: number }>();
  for (const { diskSize, diskCategory } of spec.dataDisks) {
    const key = `${diskSize} ${diskCategory}`;
    const kind = diskKinds.get(key) ?? { diskSize, diskCategory, diskAmount: 0 };
    diskKinds.set(key, { ...kind, diskAmount: kind.diskAmount + 1 });
  }
  return {
    instancePrice: hourlyItem(spec, (INSTANCE_HOURLY_USD[spec.instanceType] ?? 0) * factor * count, null),
    eipPrice: hourlyItem(spec, PUBLIC_IP_HOURLY_USD * factor * count, null),
    bandwidthPrice: quoteBandwidth(spec, count),
    systemDiskPrice: hourlyItem(spec, diskHourly(spec.systemDisk), "GB"),
    dataDiskPrice: spec.dataDisks.length === 0 ? null : hourlyItem(spec, spec.dataDisks.reduce((sum, d) => sum + diskHourly(d), 0), "GB"),
    dataDiskPrices: [...diskKinds.values()].map((kind) => ({ ...kind, diskPrice: hourlyItem(spec, diskHourly(kind) * kind.diskAmount, "GB") })),
  };
}

/**
 * The `bandwidthPrice` list for the spec's internet charge type and bandwidth, for `count`
 * instances. Tiers are prices per Mbps, the same for any number of instances.
 */
export function quoteBandwidth(spec: PricedSpec, count = 1): WirePrice[] {
  const factor = ZONE_PRICE_FACTOR[spec.zoneId] ?? 1;
  switch (spec.internetChargeType) {
    case "ByBandwidth":
      return [hourlyItem(spec, spec.internetMaxBandwidthOut * BANDWIDTH_MBPS_HOURLY_USD * factor * count, "Mbps")];
    case "ByTrafficPackage":
      return [quoteTrafficPackage(spec, (spec.trafficPackageSize ?? 0) * count)];
    default:
      // Billed on the month's 95th percentile, whatever the instance's own charge type.
      return [{
        discount: ACCOUNT_DISCOUNT_PERCENT, discountPrice: null, originalPrice: null, unitPrice: null, discountUnitPrice: null,
        chargeUnit: "MONTH", ...listed("Mbps"),
        stepPrices: BANDWIDTH95_MBPS_MONTHLY_TIERS.map((tier) => ({
          stepStart: tier.stepStart, stepEnd: tier.stepEnd,
          unitPrice: round(tier.usd * factor), discountUnitPrice: round(tier.usd * factor * ACCOUNT_DISCOUNT_PERCENT / 100),
        })),
      }];
  }
}

/** The price of a traffic package of `sizeTb` for the spec's zone and charge type. */
export function quoteTrafficPackage(spec: Pick<PricedSpec, "zoneId" | "instanceChargeType" | "period">, sizeTb: number): WirePrice {
  const monthly = sizeTb * TRAFFIC_PACKAGE_TB_MONTHLY_USD * (ZONE_PRICE_FACTOR[spec.zoneId] ?? 1);
  if (spec.instanceChargeType === "PREPAID") return prepaidItem(spec.period ?? 1, monthly, "TB");
  return {
    discount: ACCOUNT_DISCOUNT_PERCENT, discountPrice: null, originalPrice: null,
    unitPrice: round(monthly), discountUnitPrice: round(monthly * ACCOUNT_DISCOUNT_PERCENT / 100), chargeUnit: "MONTH",
    ...listed("TB"),
  };
}

/** The fields every item of the price list shares: its unit, no excess price, the list price. */
function listed(amountUnit: AmountUnit | null): Pick<WirePrice, "amountUnit" | "excessUnitPrice" | "excessDiscountUnitPrice" | "excessAmountUnit" | "category"> {
  return { amountUnit, excessUnitPrice: null, excessDiscountUnitPrice: null, excessAmountUnit: null, category: "STANDARD" };
}

/** An item listed per hour: per hour for pay-as-you-go, for the whole period for a subscription. */
function hourlyItem(spec: Pick<PricedSpec, "instanceChargeType" | "period">, hourly: number, amountUnit: AmountUnit | null): WirePrice {
  if (spec.instanceChargeType === "PREPAID") return prepaidItem(spec.period ?? 1, hourly * HOURS_PER_MONTH, amountUnit);
  return {
    discount: ACCOUNT_DISCOUNT_PERCENT, discountPrice: null, originalPrice: null,
    unitPrice: round(hourly), discountUnitPrice: round(hourly * ACCOUNT_DISCOUNT_PERCENT / 100), chargeUnit: "HOUR",
    ...listed(amountUnit),
  };
}

function prepaidItem(period: number, monthly: number, amountUnit: AmountUnit | null): WirePrice {
  const discount = round(ACCOUNT_DISCOUNT_PERCENT * subscriptionFactor(period));
  const original = monthly * period;
  return {
    discount, originalPrice: round(original), discountPrice: round(original * discount / 100),
    unitPrice: null, discountUnitPrice: null, chargeUnit: null, ...listed(amountUnit),
  };
}

/** Six decimals: what a price list shows, without binary floating-point tails. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
