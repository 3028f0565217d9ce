/**
 * Backoff: capped exponential with FULL jitter, and Retry-After parsing. Pure functions (the
 * random source and the clock are parameters) so the bounds can be tested alone.
 */

/** Input of `computeBackoffDelay`. */
export interface BackoffInput {
  /** 1 for the first retry, 2 for the second, … */
  retry: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Uniform in [0, 1). */
  random: () => number;
  /** A floor, e.g. the server's Retry-After; the result is never below it. */
  minDelayMs?: number;
}

/**
 * Delay before retry number `retry`: uniform in [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))),
 * then raised to `minDelayMs`. Full jitter (rather than "half" or "equal" jitter) spreads out
 * many clients throttled at the same moment, e.g. 100 VMs created in parallel all hitting 429.
 * The cap applies to the exponential part only: a server-requested Retry-After is honoured whole.
 */
export function computeBackoffDelay(input: BackoffInput): number {
  const exponent = Math.max(0, Math.floor(input.retry) - 1);
  const ceiling = Math.max(0, Math.min(input.maxDelayMs, input.baseDelayMs * 2 ** exponent));
  // Clamp in case an injected random source strays outside [0, 1).
  const r = Math.min(Math.max(input.random(), 0), 1);
  const jittered = Math.min(Math.floor(r * ceiling), Math.max(0, ceiling - 1));
  return Math.max(jittered, Math.ceil(input.minDelayMs ?? 0));
}

/**
 * Parses a Retry-After header value — delta seconds (`"3"`) or an HTTP date — into milliseconds
 * from `nowMs`. Returns undefined when absent or unparseable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date) || !/[a-z]/i.test(text)) return undefined;
  return Math.max(0, date - nowMs);
}
