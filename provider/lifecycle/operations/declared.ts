/**
 * Which inputs the program declared, so that a refresh writes back those and only those.
 *
 * The stack's inputs are what the program declared (after check: defaults and the generated
 * name); the outputs add what the API filled in (the default resource group, the system disk's
 * id and category, …). A refresh must keep that split: if it returned the outputs as inputs, the
 * next preview would show every filled-in value as removed (`- resourceGroupId`) and the password
 * as added, around the one real change. So the refresh's inputs are the refreshed outputs at the
 * declared paths: unchanged where nothing drifted, the live value where something did.
 *
 * The plugin's Read receives the stack's inputs; the Node.js dynamic provider's read receives
 * only the outputs, so every operation records the declared paths in the outputs (names only,
 * never values: nothing secret is copied) under `__declared`, which the engine does not show.
 */
import { pruneUndefined } from "../inputs/prune";

type Raw = Record<string, unknown>;

/** The outputs key holding the declared paths. */
export const DECLARED_KEY = "__declared";

/** Engine bookkeeping, never an input of the instance. */
const NOT_INPUTS = new Set(["__provider", DECLARED_KEY]);

/**
 * The system disk's size and category are filled in by the API when not declared, so its declared
 * sub-fields are recorded one by one; every other input is recorded whole.
 */
const BY_FIELD = new Set(["systemDisk"]);

/** The paths (`zoneId`, `systemDisk.diskSize`) of the inputs in `inputs`. */
export function declaredPaths(inputs: Raw): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(inputs)) {
    if (NOT_INPUTS.has(key) || value === undefined || value === null) continue;
    if (BY_FIELD.has(key) && typeof value === "object" && !Array.isArray(value)) {
      for (const [field, sub] of Object.entries(value as Raw)) if (sub !== undefined && sub !== null) paths.push(`${key}.${field}`);
    } else {
      paths.push(key);
    }
  }
  return paths.sort();
}

/** The paths recorded in a set of outputs, or undefined when they hold none (written before the record existed). */
export function recordedPaths(outputs: Raw): string[] | undefined {
  const recorded = outputs[DECLARED_KEY];
  return Array.isArray(recorded) && recorded.every((p) => typeof p === "string") ? recorded : undefined;
}

/** `outputs` with `paths` recorded as the declared ones. */
export function recordingDeclared<T extends object>(outputs: T, paths: readonly string[]): T {
  return { ...outputs, [DECLARED_KEY]: [...paths] };
}

/** The values of `outputs` at `paths`: the inputs as the refreshed instance has them. */
export function valuesAt(outputs: Raw, paths: readonly string[]): Raw {
  const out: Raw = {};
  for (const path of paths) {
    const [key, field] = path.split(".", 2) as [string, string | undefined];
    if (field === undefined) {
      out[key] = outputs[key];
      continue;
    }
    const value = (outputs[key] as Raw | undefined)?.[field];
    if (value !== undefined) out[key] = { ...(out[key] as Raw | undefined), [field]: value };
  }
  return pruneUndefined(out);
}
