/**
 * Keys that are not inputs. An unknown key (`imageID`, `instanceCount`) is reported by `check`
 * with the nearest known name, because a JavaScript or YAML program can pass anything and a
 * silently ignored typo would create a different VM than the one meant. The known names come
 * from the input schema itself (inputs.ts), nested objects included, so a new input is known as
 * soon as the schema has it.
 *
 * Keys that name a prototype (`__proto__`, `constructor`, `prototype`) are dropped before
 * anything else looks at the inputs: copied with `out[key] = value`, `__proto__` would replace
 * the copy's prototype instead of adding a property.
 */
import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import type { Failure } from "./inputs";
import { formatPath } from "./unknowns";

/** Keys a JavaScript object copy would treat as its prototype chain. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** A deep copy of `value` without PROTOTYPE_KEYS at any depth (plain data only). */
export function withoutPrototypeKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutPrototypeKeys) as T;
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!PROTOTYPE_KEYS.has(key)) out[key] = withoutPrototypeKeys(item);
  }
  return out as T;
}

/** Keys the provider host adds to every resource's inputs. */
const HOST_KEYS: ReadonlySet<string> = new Set(["__provider"]);

/**
 * One failure per key of `value` that `schema` does not declare, at any depth of nested objects
 * and lists of objects (maps such as `tags` take any key). Values of the wrong type are left to
 * the schema's own messages.
 */
export function unknownKeyFailures(value: unknown, schema: z.ZodType, path: PropertyKey[] = []): Failure[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((item, i) => unknownKeyFailures(item, inner.element as z.ZodType, [...path, i]));
  }
  if (!(inner instanceof z.ZodObject) || value === null || typeof value !== "object" || Array.isArray(value)) return [];
  const shape = inner.shape as Record<string, z.ZodType>;
  const failures: Failure[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (path.length === 0 && HOST_KEYS.has(key)) continue;
    // Own keys only: `valueOf` or `toString` must not find Object.prototype's.
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (field) failures.push(...unknownKeyFailures(item, field, [...path, key]));
    else failures.push({ property: formatPath([...path, key]), reason: unknownKeyReason(key, Object.keys(shape), path) });
  }
  return failures;
}

/** `instanceID is not an input of Instance: did you mean instanceId?` (or the list of inputs). */
function unknownKeyReason(key: string, known: string[], path: PropertyKey[]): string {
  const visible = known.filter((name) => !name.startsWith("__"));
  const where = path.length === 0 ? "an input of Instance" : `a field of ${formatPath(path)}`;
  const suggestion = nearest(key, visible);
  const shown = formatPath([key]);
  return suggestion
    ? `${shown} is not ${where}: did you mean ${suggestion}?`
    : `${shown} is not ${where}; ${path.length === 0 ? "the inputs are" : "its fields are"} ${visible.join(", ")}`;
}

/** The known name closest to `key`, when it is close enough to be a typo (case ignored). */
export function nearest(key: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const lower = key.toLowerCase();
  const byLower = new Map(known.map((name) => [name.toLowerCase(), name]));
  const exact = byLower.get(lower);
  if (exact) return exact;
  const candidate = closest(lower, [...byLower.keys()]);
  // At most a third of the name may differ (two edits for short names): further away is a guess.
  return distance(lower, candidate) <= Math.max(2, Math.floor(key.length / 3)) ? byLower.get(candidate) : undefined;
}

/** The schema under `.optional()`/`.nullable()` wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
  return current;
}
