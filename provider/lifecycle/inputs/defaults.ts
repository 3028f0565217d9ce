/**
 * Input defaults, applied in `check` (so they are stored and diffed) and again in create/update
 * (so a direct caller that skips `check` gets the same behaviour).
 */

/** Default wait limits, the same as Zenlayer's own Terraform provider uses. */
export const DEFAULT_TIMEOUTS = { create: "90m", update: "90m", delete: "20m" } as const;

/** Defaults of the optional inputs that have one. */
export const INPUT_DEFAULTS = {
  instanceChargeType: "POSTPAID",
  internetChargeType: "ByBandwidth",
  forceDelete: false,
  powerState: "RUNNING",
} as const;

/**
 * `raw` with defaults filled in where the key is absent (never over an explicit or unknown value).
 * Returns a new object; `raw` is not modified.
 */
export function applyDefaults<T extends Record<string, unknown>>(raw: T): T & Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const [key, value] of Object.entries(INPUT_DEFAULTS)) {
    if (out[key] === undefined || out[key] === null) out[key] = value;
  }
  const timeouts = out.timeouts;
  if (timeouts === undefined || timeouts === null) {
    out.timeouts = { ...DEFAULT_TIMEOUTS };
  } else if (typeof timeouts === "object" && !Array.isArray(timeouts)) {
    const filled: Record<string, unknown> = { ...(timeouts as Record<string, unknown>) };
    for (const [key, value] of Object.entries(DEFAULT_TIMEOUTS)) {
      if (filled[key] === undefined || filled[key] === null) filled[key] = value;
    }
    out.timeouts = filled;
  }
  return out as T & Record<string, unknown>;
}
