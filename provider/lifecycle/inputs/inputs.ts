/**
 * The resource's inputs: their type, their zod schema (CreateInstances' rules for each parameter)
 * and the cross-field rules. Field names are CreateInstances' own. The schema is also the list of
 * known inputs (input-keys.ts reports any other key).
 */
import { z } from "zod";
import { passwordProblems as apiPasswordProblems, tagProblem } from "../../../facts/rules";
import { INTERNET_CHARGE_TYPES } from "../../client/types";
import type { DataDiskSpec, InstanceChargeType, InternetChargeType, SystemDiskSpec } from "../../client/types";
import { MAX_TIMEOUT, parseDuration } from "./durations";
import { INSTANCE_NAME_MAX, isValidInstanceName } from "./naming";
import { RESERVED_TAG_KEYS } from "./tags";

/** Per-operation wait limits as duration strings (`"20m"`, `"1h30m"`). */
export interface Timeouts { create?: string; update?: string; delete?: string }

/** The inputs as the provider receives them (after the SDK resolved every `pulumi.Input`). */
export interface InstanceInputs {
  zoneId: string;
  instanceType: string;
  imageId: string;
  instanceName?: string;
  password?: string;
  keyId?: string;
  instanceChargeType?: InstanceChargeType;
  instanceChargePrepaid?: { period: number };
  internetChargeType?: InternetChargeType;
  internetMaxBandwidthOut?: number;
  trafficPackageSize?: number;
  subnetId?: string;
  resourceGroupId?: string;
  systemDisk?: SystemDiskSpec;
  dataDisks?: DataDiskSpec[];
  securityGroupId?: string;
  tags?: Record<string, string>;
  /** Whether the instance should be running; default RUNNING. */
  powerState?: PowerState;
  forceDelete?: boolean;
  timeouts?: Timeouts;
  adoptInstanceId?: string;
  /** `<project>/<stack>/<resource name>`, set by the SDK: the owner tag's value. */
  __owner?: string;
  /** The Pulumi resource name, set by the SDK: the base of the auto-generated instance name. */
  __resourceName?: string;
  /** `[<organization>/]<project>/<stack>`, set by the front-end: the stack tag and the orphans command name it. */
  __stack?: string;
}

/** The power states an instance can be declared in. */
export const POWER_STATES = ["RUNNING", "STOPPED"] as const;
export type PowerState = (typeof POWER_STATES)[number];

/**
 * What is wrong with a password (the API's rule, shared with the simulator), or undefined. Never
 * quotes the password itself: check failures are printed by the engine.
 */
export function passwordProblems(password: string): string | undefined {
  const problems = apiPasswordProblems(password);
  return problems.length ? `password must ${problems.join(", ")}` : undefined;
}

/** "x is required" when absent, otherwise the type message. */
const typeError = (field: string, expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is required` : `${field} must be ${expected}`;
const nonEmpty = (field: string) => z.string({ error: typeError(field, "a string") }).trim().min(1, `${field} must not be empty`);
/** Whole numbers from `min`; zod's int() also refuses numbers beyond 2^53, which are whole but too large. */
const positiveInt = (field: string, min = 1) =>
  z.number({ error: typeError(field, "a number") })
    .int({ error: (issue) => (issue.code === "too_big" ? `${field} is too large` : `${field} must be a whole number`) })
    .min(min, `${field} must be at least ${min}`);
const duration = (field: string) =>
  z.string({ error: `${field} must be a duration string such as "20m"` }).superRefine((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) ctx.addIssue({ code: "custom", message: `${field} must be a positive duration such as "90s", "20m" or "1h30m"` });
    else if (ms > MAX_TIMEOUT.ms) ctx.addIssue({ code: "custom", message: `${field} must be at most ${MAX_TIMEOUT.text}` });
  });

/** Shape and per-field rules; cross-field rules are in `crossFieldFailures`, unknown keys in input-keys.ts. */
export const inputSchema = z.object({
  zoneId: nonEmpty("zoneId"),
  instanceType: nonEmpty("instanceType"),
  imageId: nonEmpty("imageId"),
  instanceName: z.string({ error: "instanceName must be a string" }).refine(
    isValidInstanceName,
    `instanceName must be 1 to ${INSTANCE_NAME_MAX} characters of letters, digits, "-" and "."`,
  ).optional(),
  password: z.string({ error: "password must be a string" }).superRefine((value, ctx) => {
    const problem = passwordProblems(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }).optional(),
  keyId: nonEmpty("keyId").optional(),
  instanceChargeType: z.enum(["POSTPAID", "PREPAID"], { error: 'instanceChargeType must be "POSTPAID" or "PREPAID"' }).optional(),
  instanceChargePrepaid: z.object({ period: positiveInt("instanceChargePrepaid.period") }, {
    error: "instanceChargePrepaid must be an object such as { period: 1 } (months)",
  }).optional(),
  internetChargeType: z.enum(INTERNET_CHARGE_TYPES, {
    error: `internetChargeType must be one of ${INTERNET_CHARGE_TYPES.join(", ")}`,
  }).optional(),
  internetMaxBandwidthOut: positiveInt("internetMaxBandwidthOut").optional(),
  trafficPackageSize: z.number({ error: "trafficPackageSize must be a number (TB)" }).positive("trafficPackageSize must be greater than 0").optional(),
  subnetId: nonEmpty("subnetId").optional(),
  resourceGroupId: nonEmpty("resourceGroupId").optional(),
  systemDisk: z.object({
    diskSize: positiveInt("systemDisk.diskSize").optional(),
    diskCategory: nonEmpty("systemDisk.diskCategory").optional(),
  }, { error: "systemDisk must be an object such as { diskSize: 40 }" }).optional(),
  dataDisks: z.array(z.object({
    diskSize: positiveInt("dataDisks[].diskSize"),
    diskCategory: nonEmpty("dataDisks[].diskCategory").optional(),
    diskName: nonEmpty("dataDisks[].diskName").optional(),
  }, { error: "each data disk must be an object such as { diskSize: 100 }" }), {
    error: "dataDisks must be a list",
  }).optional(),
  securityGroupId: nonEmpty("securityGroupId").optional(),
  tags: z.record(z.string(), z.string({ error: "tag values must be strings" }), { error: "tags must be a map of strings" })
    .superRefine((tags, ctx) => {
      for (const [key, value] of Object.entries(tags)) {
        // Zenlayer's limits on keys and values, shared with the simulator.
        const problem = key.trim() === "" ? "have non-empty keys" : tagProblem(key, value);
        if (problem) ctx.addIssue({ code: "custom", message: `tags must ${problem}` });
        if (RESERVED_TAG_KEYS.includes(key)) {
          ctx.addIssue({ code: "custom", message: `the tag "${key}" is reserved: the provider sets it to find its own instances` });
        }
      }
    }).optional(),
  powerState: z.enum(POWER_STATES, { error: 'powerState must be "RUNNING" or "STOPPED"' }).optional(),
  forceDelete: z.boolean({ error: "forceDelete must be true or false" }).optional(),
  timeouts: z.object({
    create: duration("timeouts.create").optional(),
    update: duration("timeouts.update").optional(),
    delete: duration("timeouts.delete").optional(),
  }, { error: 'timeouts must be an object such as { create: "30m", delete: "20m" }' }).optional(),
  adoptInstanceId: nonEmpty("adoptInstanceId").optional(),
  __owner: z.string().optional(),
  __resourceName: z.string().optional(),
  __stack: z.string().optional(),
});

/** One check failure: the property path and why. */
export interface Failure { property: string; reason: string }

/**
 * Rules across fields (the API's: password XOR keyId, PREPAID needs a period, a traffic package
 * only with ByTrafficPackage). `has(key)` is true for a known value and also for an unknown one:
 * an unknown value may turn out to satisfy the rule, so it never causes a failure.
 */
export function crossFieldFailures(values: Record<string, unknown>, has: (key: string) => boolean, known: (key: string) => boolean): Failure[] {
  const failures: Failure[] = [];
  const adopting = has("adoptInstanceId");
  if (known("password") && known("keyId")) {
    failures.push({ property: "keyId", reason: "set either password or keyId, not both (the API accepts one login credential)" });
  } else if (!has("password") && !has("keyId") && !adopting) {
    failures.push({ property: "password", reason: "set password or keyId: the instance needs a login credential" });
  }
  const chargeType = values.instanceChargeType ?? "POSTPAID";
  if (known("instanceChargeType") || !has("instanceChargeType")) {
    if (chargeType === "PREPAID" && !has("instanceChargePrepaid")) {
      failures.push({ property: "instanceChargePrepaid", reason: 'PREPAID instances need instanceChargePrepaid: { period: <months> }' });
    }
    if (chargeType === "POSTPAID" && known("instanceChargePrepaid")) {
      failures.push({ property: "instanceChargePrepaid", reason: "instanceChargePrepaid applies only when instanceChargeType is PREPAID" });
    }
  }
  const internetChargeType = values.internetChargeType ?? "ByBandwidth";
  if ((known("internetChargeType") || !has("internetChargeType")) && known("trafficPackageSize") && internetChargeType !== "ByTrafficPackage") {
    failures.push({ property: "trafficPackageSize", reason: "trafficPackageSize applies only when internetChargeType is ByTrafficPackage" });
  }
  return failures;
}
