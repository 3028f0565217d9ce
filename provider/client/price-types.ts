/**
 * The price inquiry actions of the VM API (InquiryPriceCreateInstance, InquiryPriceInstanceBandwidth,
 * InquiryPriceInstanceTrafficPackage): requests and parsed answers. Field names are the wire's own.
 *
 * A `Price` (Zenlayer's SDK, vm20230313): `discount` is the percentage paid (80 = 20 % off);
 * pay-as-you-go items carry `unitPrice` / `discountUnitPrice` per `chargeUnit` (`HOUR`, `DAY` or
 * `MONTH`; other values are passed on as they come); subscriptions carry `originalPrice` /
 * `discountPrice` for the period; tiered prices carry `stepPrices` instead of a unit price.
 */
import type { CreateInstancesRequest } from "./types";

export interface StepPrice { stepStart?: number; stepEnd?: number; unitPrice?: number; discountUnitPrice?: number }
export interface Price {
  discount?: number;
  discountPrice?: number;
  originalPrice?: number;
  unitPrice?: number;
  discountUnitPrice?: number;
  chargeUnit?: string;
  stepPrices: StepPrice[];
}

/** CreateInstances' priced parameters: no login, name, network or tags. */
export type InquiryPriceCreateInstanceRequest = Pick<CreateInstancesRequest,
  "zoneId" | "instanceType" | "imageId" | "instanceChargeType" | "instanceChargePrepaid" | "internetChargeType" |
  "internetMaxBandwidthOut" | "trafficPackageSize" | "systemDisk" | "dataDisks">;
export interface InquiryPriceCreateInstanceResponse {
  requestId: string;
  instancePrice?: Price;
  eipPrice?: Price;
  bandwidthPrice: Price[];
  systemDiskPrice?: Price;
  dataDiskPrice?: Price;
}

/** The price actions; `VmClient` implements them over HTTP, tests may in memory. */
export interface PriceApi {
  inquiryPriceCreateInstance(req: InquiryPriceCreateInstanceRequest): Promise<InquiryPriceCreateInstanceResponse>;
  inquiryPriceInstanceBandwidth(req: { instanceId: string; internetMaxBandwidthOut: number }): Promise<{ requestId: string; bandwidthPrice: Price[] }>;
  inquiryPriceInstanceTrafficPackage(req: { instanceId: string; trafficPackageSize: number }): Promise<{ requestId: string; trafficPackagePrice: Price[] }>;
}
