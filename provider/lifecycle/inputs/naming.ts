/**
 * Auto-naming: `<resource name>-<7 random [a-z0-9]>`, within the API's rule for instance names
 * (CreateInstances: at most 64 characters, letters, digits, `-` and `.`).
 */
import { randomInt } from "node:crypto";
import { INSTANCE_NAME_RULE } from "../../../facts/rules";

/** The API's instance-name rule, shared with the simulator. */
export const INSTANCE_NAME_PATTERN = INSTANCE_NAME_RULE.pattern;
export const INSTANCE_NAME_MAX = INSTANCE_NAME_RULE.maxLength;
/** Length of the random suffix of a generated name. */
export const NAME_SUFFIX_LENGTH = 7;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** True when `name` satisfies the API's rule. */
export function isValidInstanceName(name: string): boolean {
  return name.length >= 1 && name.length <= INSTANCE_NAME_MAX && INSTANCE_NAME_PATTERN.test(name);
}

/**
 * Maps a Pulumi resource name onto the allowed characters: others become `-`, runs of `-`
 * collapse, leading and trailing separators go, and the result leaves room for the suffix.
 */
export function sanitizeBaseName(resourceName: string | undefined): string {
  const cleaned = (resourceName ?? "")
    .replace(new RegExp(`${INSTANCE_NAME_RULE.disallowedChar.source}+`, "g"), "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+/, "")
    .slice(0, INSTANCE_NAME_MAX - NAME_SUFFIX_LENGTH - 1)
    .replace(/[-.]+$/, "");
  return cleaned || "instance";
}

/** A random suffix of 7 characters from [a-z0-9]. */
export function randomSuffix(random: (max: number) => number = randomInt): string {
  let out = "";
  for (let i = 0; i < NAME_SUFFIX_LENGTH; i++) out += ALPHABET[random(ALPHABET.length)];
  return out;
}

/** A fresh name for the resource called `resourceName`. */
export function autoName(resourceName: string | undefined, random?: (max: number) => number): string {
  return `${sanitizeBaseName(resourceName)}-${randomSuffix(random)}`;
}
