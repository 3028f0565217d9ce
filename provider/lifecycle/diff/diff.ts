/**
 * `diff`: which properties change and whether that replaces the instance. Pure; no network.
 *
 * `olds` are the old OUTPUTS (they carry every input as applied, see outputs.ts), `news` the new
 * inputs after check. Rules:
 * - in place: every input the API can change on a live instance (IN_PLACE_KEYS; the steps are in
 *   in-place/). `imageId` and `keyId` reinstall the OS in place: the system disk is rewritten, the
 *   id, addresses and data disks stay; `tags` go through the Resource Manager;
 * - replace: what no action changes on a live instance (REPLACE_KEYS): zone, charge types,
 *   subnet, disks;
 * - state only: `forceDelete` and `timeouts` are recorded by an update that calls no API (delete
 *   reads them from the stored outputs, so they must reach the state), never touching the VM;
 * - ignored: `adoptInstanceId` (only create reads it), `__owner`, `__resourceName`.
 * Optional inputs the API fills in (OPTIONAL_COMPUTED) are compared only when given, so a
 * key-only VM never diffs on `password` and an omitted `resourceGroupId` keeps the default group;
 * an adopted instance's tags only when declared.
 * A replacement is also announced in one line naming the inputs that force it, with both values
 * (replacementLine): the CLI's text preview marks a replaced resource but not which of its changed
 * fields forced that, and only the plugin protocol can say it per field (detailedPropertyDiff).
 * Whenever something is replaced, `deleteBeforeReplace` is true: the replacement carries the same
 * owner tag as the old instance (see constants.ts), a VM replacement loses its disks and IPs
 * anyway, and an explicit instanceName would otherwise exist twice.
 */
import type { DiffResult } from "@pulumi/pulumi/dynamic";
import { applyDefaults, DEFAULT_TIMEOUTS } from "../inputs/defaults";
import { withoutPrototypeKeys } from "../inputs/input-keys";
import { tagsEqual } from "../inputs/tags";
import { containsUnknown } from "../inputs/unknowns";

type Raw = Record<string, unknown>;

/** Changing any of these needs a new instance. */
export const REPLACE_KEYS = [
  "zoneId", "instanceChargeType", "instanceChargePrepaid", "internetChargeType", "subnetId", "systemDisk", "dataDisks",
] as const;

/** Changed in place by update (in-place/ holds one step per change). */
export const IN_PLACE_KEYS = [
  "instanceName", "resourceGroupId", "tags", "securityGroupId", "instanceType", "trafficPackageSize", "imageId", "keyId",
  "internetMaxBandwidthOut", "password", "powerState",
] as const;

/** Recorded in state without an API call. */
export const STATE_ONLY_KEYS = ["forceDelete", "timeouts"] as const;

/**
 * Optional inputs the API fills in when omitted (its defaults): omitting them later means "keep
 * what is there", not "change it".
 */
const OPTIONAL_COMPUTED: ReadonlySet<string> = new Set([
  "keyId", "subnetId", "securityGroupId", "resourceGroupId", "internetMaxBandwidthOut", "instanceName", "password",
]);

/** The full diff result. */
export function diffInstance(oldsRaw: Raw, newsRaw: Raw): DiffResult & { changed: string[] } {
  const olds = applyDefaults(withoutPrototypeKeys(oldsRaw ?? {}));
  const news = applyDefaults(withoutPrototypeKeys(newsRaw ?? {}));
  const replaces: string[] = [];
  const changed: string[] = [];
  for (const key of REPLACE_KEYS) {
    if (differs(key, olds, news)) replaces.push(key);
  }
  // A create that ended in CREATE_FAILED and was kept in state (read.ts) can only be replaced.
  if (olds.instanceStatus === "CREATE_FAILED") replaces.push("instanceStatus");
  for (const key of [...IN_PLACE_KEYS, ...STATE_ONLY_KEYS]) {
    if (differs(key, olds, news)) changed.push(key);
  }
  changed.unshift(...replaces);
  const result: DiffResult & { changed: string[] } = { changes: changed.length > 0, changed };
  if (replaces.length === 0) return result;
  return { ...result, replaces, deleteBeforeReplace: true };
}

/** Whether `key` changes between the old outputs and the new inputs. */
export function differs(key: string, olds: Raw, news: Raw): boolean {
  const next = news[key];
  const prev = olds[key];
  if (containsUnknown(next)) return true;
  if (OPTIONAL_COMPUTED.has(key) && (next === undefined || next === null)) return false;
  // An adopted instance's tags are managed only when declared.
  if (key === "tags" && (next === undefined || next === null) && news.adoptInstanceId !== undefined) return false;
  switch (key) {
    case "tags":
      return !tagsEqual(prev as Record<string, string> | undefined, next as Record<string, string> | undefined);
    case "systemDisk":
      return systemDiskDiffers(prev as Raw | undefined, next as Raw | undefined);
    case "dataDisks":
      return !sameJson(normalizeDisks(prev), normalizeDisks(next));
    case "instanceChargePrepaid":
      return periodOf(prev) !== periodOf(next);
    case "timeouts":
      return !sameJson({ ...DEFAULT_TIMEOUTS, ...(prev as Raw) }, { ...DEFAULT_TIMEOUTS, ...(next as Raw) });
    default:
      return !sameJson(prev ?? null, next ?? null);
  }
}

/** Only the sub-fields the user specified are compared (the API reports its defaults for the rest). */
function systemDiskDiffers(prev: Raw | undefined, next: Raw | undefined): boolean {
  if (!next) return false;
  for (const field of ["diskSize", "diskCategory"]) {
    if (next[field] !== undefined && next[field] !== null && next[field] !== prev?.[field]) return true;
  }
  return false;
}

function normalizeDisks(value: unknown): unknown[] {
  if (!Array.isArray(value)) return [];
  return value.map((d: Raw) => ({ diskSize: d?.diskSize ?? null, diskCategory: d?.diskCategory ?? null, diskName: d?.diskName ?? null }));
}

function periodOf(value: unknown): number | null {
  const period = (value as Raw | undefined)?.period;
  return typeof period === "number" ? period : null;
}

/** Structural equality with object keys in any order. */
function sameJson(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The line announcing a replacement: which inputs force it, each with the old and the new value
 * (none of them is secret: zone, charge types, subnet, disks).
 */
export function replacementLine(name: string, olds: Raw, news: Raw, replaces: readonly string[]): string {
  const reasons = replaces.map((key) => key === "instanceStatus"
    ? "the instance is CREATE_FAILED"
    : `${key} ${JSON.stringify(olds[key] ?? null)} → ${JSON.stringify(news[key] ?? null)}`);
  return `${name}: replaced, because ${reasons.join(", ")} cannot change on a live instance: ` +
    "it is deleted, then a new instance is created (new id and addresses)";
}

/** How one changed property changes: added, updated or deleted, and whether that forces a replacement. */
export type PropertyChange = "add" | "update" | "delete" | "add-replace" | "update-replace" | "delete-replace";

/** Each changed property (diffInstance's `changed`) with how it changes, old values from the outputs. */
export function detailedPropertyDiff(oldsRaw: Raw, newsRaw: Raw): Record<string, PropertyChange> {
  const olds = applyDefaults(withoutPrototypeKeys(oldsRaw ?? {}));
  const news = applyDefaults(withoutPrototypeKeys(newsRaw ?? {}));
  const { changed, replaces } = diffInstance(oldsRaw, newsRaw);
  const out: Record<string, PropertyChange> = {};
  for (const key of changed) {
    const kind = olds[key] === undefined || olds[key] === null ? "add" : news[key] === undefined || news[key] === null ? "delete" : "update";
    out[key] = replaces?.includes(key) ? `${kind}-replace` : kind;
  }
  return out;
}
