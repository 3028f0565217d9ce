/**
 * Duration strings (`"20m"`, `"90s"`, `"1h30m"`, `"500ms"`) as used by the `timeouts` input, and
 * the compact form used in progress lines (`1m12s`).
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;

/**
 * The longest `timeouts` value accepted, as written and in ms. Waits of any length up to it are
 * timed correctly (runtime/clock.ts chains timers past Node's 24.8-day limit); the bound keeps
 * absurd values (`"99999999999999d"`) from reaching the arithmetic at all.
 */
export const MAX_TIMEOUT = { text: "365d", ms: 365 * UNIT_MS.d! } as const;

/** Parses a duration string into milliseconds; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(PART)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  return Math.round(total);
}

/** `72_000` → `"1m12s"`, `4_000` → `"4s"`, `450` → `"450ms"`, `5_400_000` → `"1h30m"`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) ms = 0;
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  let seconds = Math.round(ms / 1_000);
  const hours = Math.floor(seconds / 3_600);
  seconds -= hours * 3_600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts = [hours ? `${hours}h` : "", minutes ? `${minutes}m` : "", seconds ? `${seconds}s` : ""];
  return parts.join("") || "0s";
}
