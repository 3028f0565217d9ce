import { apiError } from "./errors";
import { invalid, type Params } from "./params";
import type { Tag } from "./instance-record";

/**
 * Special characters a password may use. CreateInstances documents `!@#$%^&*~()-+=`; Zenlayer's
 * ResetInstance page also lists the backtick, which is accepted too.
 */
export const PASSWORD_SPECIALS = "!@#$%^&*~()-+=`";

/** Why `password` breaks the documented rules, or undefined when it is fine. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8 || password.length > 16) return "must be 8 to 16 characters long";
  const allowed = /^[A-Za-z0-9]$/;
  for (const ch of password) {
    if (!allowed.test(ch) && !PASSWORD_SPECIALS.includes(ch)) return `may not contain \`${ch}\``;
  }
  if (!/[a-z]/.test(password)) return "must contain a lower-case letter";
  if (!/[A-Z]/.test(password)) return "must contain an upper-case letter";
  if (!/[0-9]/.test(password)) return "must contain a digit";
  if (![...password].some((ch) => PASSWORD_SPECIALS.includes(ch))) return `must contain one of ${PASSWORD_SPECIALS}`;
  return undefined;
}

/** Throws INVALID_PASSWORD_MALFORMED (the code of Zenlayer's ResetInstance page) when the password is bad. */
export function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  // The message never repeats the password itself.
  if (problem) throw apiError("INVALID_PASSWORD_MALFORMED", `The password ${problem}; it needs 8-16 characters with a lower-case letter, an upper-case letter, a digit and one of ${PASSWORD_SPECIALS}.`);
}

/** Instance names: up to 64 letters, digits, `-` and `.` (CreateInstances). */
export const INSTANCE_NAME_PATTERN = /^[A-Za-z0-9.-]{1,64}$/;

/** Throws INVALID_PARAMETER_VALUE when `name` is not a valid instance name. */
export function checkInstanceName(name: string, field = "instanceName"): void {
  if (!INSTANCE_NAME_PATTERN.test(name)) throw invalid(field, "must be 1-64 letters, digits, `-` or `.`");
}

/**
 * Reads tags given as `{tags:[{key,value}]}` (the API's shape) or a bare array (accepted for
 * convenience). Keys must be unique, 1-128 characters; values up to 256.
 */
export function readTags(params: Params, name = "tags"): Tag[] | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null) return undefined;
  const list = Array.isArray(raw) ? raw : typeof raw === "object" ? (raw as Params).tags ?? [] : undefined;
  if (!Array.isArray(list)) throw invalid(name, "must be {\"tags\":[{\"key\":...,\"value\":...}]}");
  if (list.length > 50) throw invalid(name, "may hold at most 50 tags");
  const tags: Tag[] = [];
  for (const item of list as unknown[]) {
    const entry = (item ?? {}) as Params;
    const key = entry.key;
    const value = entry.value ?? "";
    if (typeof key !== "string" || key.length < 1 || key.length > 128) throw invalid(name, "needs a key of 1-128 characters on every tag");
    if (typeof value !== "string" || value.length > 256) throw invalid(name, `has a bad value for key \`${key}\``);
    if (tags.some((t) => t.key === key)) throw invalid(name, `repeats the key \`${key}\``);
    tags.push({ key, value });
  }
  return tags;
}
