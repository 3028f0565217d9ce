/**
 * Preview's unknown values (see constants.ts `UNKNOWN`): finding them anywhere in an input tree.
 * An `Output` that is not yet known reaches the provider as the sentinel string, whole objects and
 * list elements included.
 */
import { UNKNOWN } from "../constants";

/** True when `value` is the unknown sentinel itself. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when `value` is, or contains at any depth, the unknown sentinel. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * A property path as Pulumi prints it: `systemDisk.diskSize`, `dataDisks[0].diskSize`; a key that
 * is empty or holds `.`, `[`, `]` or `"` is quoted (`tags["a.b"]`, `[""]`) so the path stays readable.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string" && !/^[^.[\]"]+$/.test(part)) out += `[${JSON.stringify(part)}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/**
 * A copy of `value` with every unknown leaf removed (object keys deleted, list elements set to
 * undefined), and the paths where they were. Validation runs on the copy and drops failures at
 * or below those paths, so a value known only at `up` time is never reported as invalid.
 */
export function withoutUnknowns(value: unknown, path: PropertyKey[] = []): { value: unknown; unknownPaths: string[] } {
  const unknownPaths: string[] = [];
  const walk = (v: unknown, p: PropertyKey[]): unknown => {
    if (v === UNKNOWN) {
      unknownPaths.push(formatPath(p));
      return undefined;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...p, i]));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const cleaned = walk(item, [...p, k]);
        if (cleaned !== undefined) out[k] = cleaned;
      }
      return out;
    }
    return v;
  };
  return { value: walk(value, path), unknownPaths };
}

/** True when `path` is one of `roots` or lies below one of them. */
export function isUnderAny(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`));
}
