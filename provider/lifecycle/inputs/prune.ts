/**
 * The provider host converts results with protobuf's `Struct.fromJavaScript`, which throws on
 * `undefined` ("Unexpected struct type"): every object handed back to the engine goes through
 * `pruneUndefined` first.
 */

/** A deep copy without `undefined` object members (list elements that are undefined become null). */
export function pruneUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : pruneUndefined(item))) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = pruneUndefined(v);
    }
    return out as T;
  }
  return value;
}
