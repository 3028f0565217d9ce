import { INSTANCE_NAME_RULE, NIC_NAME_RULE, PASSWORD_RULE, TAG_RULE, passwordProblems, tagProblem } from "../../facts/rules";
import { apiError } from "../protocol/errors";
import { invalid, type Params } from "../protocol/params";

/** A tag as the API spells it. */
export interface Tag { key: string; value: string }

/** Throws INVALID_PASSWORD_MALFORMED (the code of Zenlayer's ResetInstance page) when the password is bad. */
export function checkPassword(password: string): void {
  const problems = passwordProblems(password);
  // The message never repeats the password itself.
  if (problems.length) {
    const { minLength, maxLength, specials } = PASSWORD_RULE;
    throw apiError("INVALID_PASSWORD_MALFORMED", `The password must ${problems.join(", ")}; it needs ${minLength}-${maxLength} characters with a lower-case letter, an upper-case letter, a digit and one of ${specials}.`);
  }
}

/** Throws INVALID_PARAMETER_VALUE when `name` is not a valid instance name. */
export function checkInstanceName(name: string, field = "instanceName"): void {
  if (!INSTANCE_NAME_RULE.pattern.test(name)) throw invalid(field, `must be 1-${INSTANCE_NAME_RULE.maxLength} letters, digits, \`-\` or \`.\``);
}

/** Throws INVALID_PARAMETER_VALUE when `name` is not a valid network interface name. */
export function checkNicName(name: string, field: string): void {
  if (!NIC_NAME_RULE.pattern.test(name)) throw invalid(field, "must be 4-15 lower-case letters and digits, starting with a letter");
}

/**
 * Reads tags given as `{tags:[{key,value}]}` (the API's shape) or a bare array (the shape of
 * DescribeInstances' filter). Keys must be unique; key and value within the documented lengths.
 * `allowEmptyValues` is for filters, where an empty value matches any value of the key.
 */
export function readTags(params: Params, name = "tags", allowEmptyValues = false): Tag[] | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null) return undefined;
  const list = Array.isArray(raw) ? raw : typeof raw === "object" ? (raw as Params).tags ?? [] : undefined;
  if (!Array.isArray(list)) throw invalid(name, "must be {\"tags\":[{\"key\":...,\"value\":...}]}");
  if (list.length > TAG_RULE.maxTags) throw invalid(name, `may hold at most ${TAG_RULE.maxTags} tags`);
  const tags: Tag[] = [];
  for (const item of list as unknown[]) {
    const entry = (item ?? {}) as Params;
    const key = entry.key;
    const value = entry.value ?? "";
    if (typeof key !== "string" || typeof value !== "string") throw invalid(name, "needs a string key and value on every tag");
    const problem = tagProblem(key, allowEmptyValues && value === "" ? undefined : value);
    if (problem) throw invalid(name, `must ${problem} on every tag`);
    if (tags.some((t) => t.key === key)) throw invalid(name, `repeats the key \`${key}\``);
    tags.push({ key, value });
  }
  return tags;
}
