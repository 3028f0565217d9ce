/**
 * The package's main entry: the Instance resource, its provider, and the read-only lookups.
 */
export { Instance } from "./instance";
export type {
  DataDiskArgs, InstanceArgs, InstanceTimeouts, SystemDiskArgs, SystemDiskOutput,
} from "./instance";
export { InstanceProvider } from "../provider";
export * from "./lookups";
export type { PriceItem, UsageItem } from "../provider/lifecycle/prices/estimate";
