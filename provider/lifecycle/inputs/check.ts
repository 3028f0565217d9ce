/**
 * `check`: validation with one failure per offending property (unknown keys included), defaults,
 * and auto-naming. Makes no network call and never fails for credentials (those are checked by
 * the operations that need the API). Values unknown during preview pass through untouched; keys
 * naming a prototype are dropped (input-keys.ts).
 */
import type { CheckFailure, CheckResult } from "@pulumi/pulumi/dynamic";
import { applyDefaults } from "./defaults";
import { unknownKeyFailures, withoutPrototypeKeys } from "./input-keys";
import { crossFieldFailures, inputSchema } from "./inputs";
import { autoName, isValidInstanceName } from "./naming";
import { ownerTagValue } from "./owner";
import { pruneUndefined } from "./prune";
import { formatPath, isUnderAny, isUnknown, withoutUnknowns } from "./unknowns";

type Raw = Record<string, unknown>;

/** Validates `news` (olds = the previous inputs, or empty for a new or replacing resource). */
export function checkInputs(olds: Raw | undefined, news: Raw): CheckResult {
  const raw: Raw = news && typeof news === "object" ? withoutPrototypeKeys(news) : {};
  // Only here, not in validate: the operations validate stored outputs too, which hold more keys.
  const failures = [...unknownKeyFailures(raw, inputSchema), ...validate(raw)];
  const named = withInstanceName(withoutPrototypeKeys(olds ?? {}), raw);
  return { inputs: pruneUndefined(applyDefaults(withOwnerTagValue(named))), failures };
}

/** `__owner` as the instance is tagged with it (owner.ts). */
function withOwnerTagValue(news: Raw): Raw {
  const identity = news.__owner;
  return typeof identity === "string" && !isUnknown(identity) ? { ...news, __owner: ownerTagValue(identity) } : news;
}

/**
 * All failures, one per property path (the first reason when a path has several). `raw` must be
 * free of prototype keys (withoutPrototypeKeys).
 */
export function validate(raw: Raw): CheckFailure[] {
  const { value, unknownPaths } = withoutUnknowns(raw);
  const cleaned = value as Raw;
  const failures: CheckFailure[] = [];
  const seen = new Set<string>();
  const add = (property: string, reason: string) => {
    if (seen.has(property) || isUnderAny(property, unknownPaths)) return;
    seen.add(property);
    failures.push({ property, reason });
  };
  const parsed = inputSchema.safeParse(cleaned);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(formatPath(issue.path) || "(inputs)", issue.message);
  }
  const has = (key: string) => cleaned[key] !== undefined || unknownPaths.includes(key);
  const known = (key: string) => cleaned[key] !== undefined && !unknownPaths.includes(key);
  for (const f of crossFieldFailures(cleaned, has, known)) add(f.property, f.reason);
  return failures;
}

/**
 * Keeps an explicit name; otherwise reuses the previous name (so an update does not rename);
 * otherwise generates one from the resource name. With `adoptInstanceId` and no name, the adopted
 * instance keeps its current name (create reads it), so nothing is generated.
 */
function withInstanceName(olds: Raw, news: Raw): Raw {
  if (news.instanceName !== undefined && news.instanceName !== null) return news;
  if (news.adoptInstanceId !== undefined && news.adoptInstanceId !== null) return news;
  const previous = olds.instanceName;
  if (typeof previous === "string" && !isUnknown(previous) && isValidInstanceName(previous)) {
    return { ...news, instanceName: previous };
  }
  const base = typeof news.__resourceName === "string" && !isUnknown(news.__resourceName) ? news.__resourceName : undefined;
  return { ...news, instanceName: autoName(base) };
}
