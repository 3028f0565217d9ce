/**
 * Zenlayer's documented limits and enumerations, written once for both sides of the wire: the
 * provider checks inputs with them and the simulator enforces them. Plain data and pure
 * functions, no imports, so that neither side depends on the other.
 *
 * Where Zenlayer's own sources disagree, the comment says which one wins and why.
 */

/** Every status DescribeInstances can report. There is no DELETED: a released instance is not found. */
export const INSTANCE_STATUSES = [
  "PENDING", "DEPLOYING", "REBUILDING", "REBOOT", "RUNNING", "STOPPED", "BOOTING",
  "RELEASING", "STOPPING", "RECYCLE", "RECYCLING", "CREATE_FAILED", "IMAGING",
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export const INSTANCE_CHARGE_TYPES = ["POSTPAID", "PREPAID"] as const;
export type InstanceChargeType = (typeof INSTANCE_CHARGE_TYPES)[number];

export const INTERNET_CHARGE_TYPES = [
  "ByBandwidth", "ByTrafficPackage", "ByInstanceBandwidth95", "ByClusterBandwidth95", "BandwidthCluster",
] as const;
export type InternetChargeType = (typeof INTERNET_CHARGE_TYPES)[number];

/**
 * `osType` of an image. The SDK's 2023-03-13 comments spell them `Windows` / `Linux`; its
 * 2026-04-01 models and the Terraform provider say `windows` / `linux`. The lower-case spelling
 * is sent, and a reader compares without regard to case.
 */
export const OS_TYPES = ["linux", "windows"] as const;
export type OsType = (typeof OS_TYPES)[number];

/** True when two `osType` spellings name the same system (`Linux` and `linux` do). */
export function sameOsType(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Login password: length and the special characters (Zenlayer's ResetInstance page, backtick included). */
export const PASSWORD_RULE = {
  minLength: 8,
  maxLength: 16,
  specials: "!@#$%^&*~()-+=`",
} as const;

/**
 * Everything wrong with a password, each phrased to follow "must" ("be 8 to 16 characters long
 * (it has 5)"); empty when it is valid. Never quotes the password or any of its characters, so
 * the result can go into an error message.
 */
export function passwordProblems(password: string): string[] {
  const { minLength, maxLength, specials } = PASSWORD_RULE;
  const chars = [...password];
  const isSpecial = (ch: string) => specials.includes(ch);
  const problems: string[] = [];
  if (chars.length < minLength || chars.length > maxLength) problems.push(`be ${minLength} to ${maxLength} characters long (it has ${chars.length})`);
  if (!/[a-z]/.test(password)) problems.push("contain a lower-case letter");
  if (!/[A-Z]/.test(password)) problems.push("contain an upper-case letter");
  if (!/[0-9]/.test(password)) problems.push("contain a digit");
  if (!chars.some(isSpecial)) problems.push(`contain one of ${specials}`);
  if (chars.some((ch) => !/^[A-Za-z0-9]$/.test(ch) && !isSpecial(ch))) problems.push(`use only letters, digits and ${specials}`);
  return problems;
}

/** Instance names: 1 to 64 letters, digits, `-` and `.`. */
export const INSTANCE_NAME_RULE = {
  maxLength: 64,
  pattern: /^[A-Za-z0-9.-]{1,64}$/,
  /** Any character outside the rule's set (used to map other names onto it). */
  disallowedChar: /[^A-Za-z0-9.-]/,
} as const;

/**
 * The ordered-number pattern of an instance name given to several instances, `[begin_number,bits]`
 * (CreateInstances): the number starts at `begin` (0–99999, default 0) and is written with at least
 * `bits` digits (1–6, default 6), one more per instance. Zenlayer's example, `server_[3,3]` →
 * `server003`, `server004`, shows the underscore before the bracket taken as part of the pattern.
 */
export const NAME_SEQUENCE_RULE = {
  pattern: /_?\[(\d*),(\d*)\]/g,
  beginMax: 99_999,
  bitsMin: 1,
  bitsMax: 6,
  defaultBegin: 0,
  defaultBits: 6,
} as const;

/**
 * Network interface names (CreateInstances `nic`, ResetInstance `wanName` / `lanName`): 4 to 15
 * lower-case letters and digits, starting with a letter; `eth0` (public) and `eth1` (private)
 * by default.
 */
export const NIC_NAME_RULE = { pattern: /^[a-z][a-z0-9]{3,14}$/, defaultWanName: "eth0", defaultLanName: "eth1" } as const;

/**
 * Tags: key and value 1 to 64 characters (the Resource Manager's and the 2026-04-01 models'
 * limit; the 2023-03-13 comments say 128, the stricter, newer figure wins), at most 50 per
 * resource, keys unique.
 */
export const TAG_RULE = { keyMaxLength: 64, valueMaxLength: 64, maxTags: 50 } as const;

/**
 * What is wrong with one tag, phrased to follow "must"; undefined when it is valid. Without a
 * value only the key is checked (a filter by key alone).
 */
export function tagProblem(key: string, value?: string): string | undefined {
  if (key.length < 1 || key.length > TAG_RULE.keyMaxLength) return `have a key of 1 to ${TAG_RULE.keyMaxLength} characters`;
  if (value !== undefined && (value.length < 1 || value.length > TAG_RULE.valueMaxLength)) {
    return `have a value of 1 to ${TAG_RULE.valueMaxLength} characters (key "${key}")`;
  }
  return undefined;
}

/** Numeric limits of requests. */
export const REQUEST_LIMITS = {
  /** Ids per request (`instanceIds`, `imageIds`, `zoneIds`). */
  maxIds: 100,
  pageSizeDefault: 20,
  pageSizeMax: 1000,
  instanceCountMax: 100,
  /** `internetMaxBandwidthOut`, Mbps; the upper bound is the instance type's `internetMaxBandwidthOutLimit`. */
  bandwidthMin: 1,
  /** `instanceChargePrepaid.period`, months. */
  prepaidPeriodMin: 1,
  prepaidPeriodMax: 36,
  dataDisksMax: 10,
  /**
   * Tag keys, and tags, one DescribeInstances may filter by: 20 (2026-04-01's documentation;
   * 2023-03-13's names no limit, and the service behind both versions is one).
   */
  tagFiltersMax: 20,
} as const;
