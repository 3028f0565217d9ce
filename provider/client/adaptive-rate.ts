/**
 * Adaptive sending rate: a client-side token bucket whose rate follows the server's throttling, in
 * the manner of the AWS SDKs' "adaptive" retry mode. Until the first throttle nothing waits; a
 * throttle cuts the rate multiplicatively and starts the bucket; successes grow the rate back along
 * a cubic curve (slowly near the rate that was throttled, faster away from it), capped at twice the
 * rate the server accepted. A Retry-After holds every caller sharing the bucket, not just the one
 * that was refused.
 *
 * Many processes (one per stack) can share one account's limit: each finds its share by backing
 * off, and none needs to know about the others. Pure state: the caller passes the time and does the
 * waiting, so the clock is the caller's and tests drive it.
 */

/** The fraction of the rate kept on a throttle. */
const DECREASE_FACTOR = 0.7;
/** How fast the cubic curve climbs back (requests/s per s³). */
const GROWTH_SCALE = 0.4;
/** Never slower than this (requests/s), so a long-throttled client still probes for capacity. */
const MIN_RATE = 0.5;
/** Burst allowance never below one request. */
const MIN_CAPACITY = 1;
/** Weight of the newest interval in the measured sending rate. */
const MEASURE_WEIGHT = 0.8;
/** Length of a measuring interval (s). */
const MEASURE_INTERVAL_S = 0.5;

/** What `record` needs to know about one response. */
export interface RateFeedback {
  /** Refused as throttled (429 / REQUEST_LIMIT_EXCEEDED). */
  throttled: boolean;
  /** The server's Retry-After, in ms. */
  retryAfterMs?: number;
  /** When the request was sent (ms); throttles of requests sent before the last cut do not cut again. */
  sentAtMs: number;
}

/** A read-only view, for messages and tests. */
export interface SendRateState {
  /** False until the first throttle: no request has waited yet. */
  active: boolean;
  /** Requests per second the bucket refills at (0 while inactive). */
  ratePerSecond: number;
  /** Requests per second the server accepted, smoothed. */
  measuredPerSecond: number;
}

/** One bucket; share it among every call that counts against the same limit. */
export class AdaptiveSendRate {
  #active = false;
  #rate = 0;
  #capacity = 0;
  #tokens = 0;
  #refilledAtMs = 0;
  /** No request leaves before this (a Retry-After). */
  #holdUntilMs = 0;
  /** The rate a throttle was met at, the top of the cubic curve. */
  #rateAtThrottle = 0;
  #lastCutAtMs = Number.NEGATIVE_INFINITY;
  #measured = 0;
  #intervalStartS: number | undefined;
  #sentInInterval = 0;

  /**
   * Takes a token for a request to be sent at `nowMs` and returns how long to wait first (ms).
   * Always 0 before the first throttle. Waiting callers are spaced by reservation: each takes its
   * token now, possibly into debt, so a crowd leaves one by one rather than together.
   */
  reserve(nowMs: number): number {
    if (!this.#active) return 0;
    this.#refill(nowMs);
    this.#tokens -= 1;
    const held = Math.max(0, this.#holdUntilMs - nowMs);
    const debtMs = this.#tokens < 0 ? (-this.#tokens / this.#rate) * 1000 : 0;
    return Math.ceil(held + debtMs);
  }

  /** Adjusts the rate after a response arrived at `nowMs`. */
  record(nowMs: number, feedback: RateFeedback): void {
    // The rate the server accepted: refused requests would inflate it and let the rate overshoot again.
    this.#measure(nowMs, feedback.throttled ? 0 : 1);
    if (feedback.throttled) {
      if (feedback.retryAfterMs !== undefined) this.#holdUntilMs = Math.max(this.#holdUntilMs, nowMs + feedback.retryAfterMs);
      // Requests already in flight when the rate was cut report the same congestion: one cut per episode.
      if (feedback.sentAtMs < this.#lastCutAtMs) return;
      this.#refill(nowMs);
      const base = this.#active ? Math.min(this.#measured, this.#rate) : this.#firstEstimate();
      this.#rateAtThrottle = base;
      this.#lastCutAtMs = nowMs;
      if (!this.#active) {
        this.#active = true;
        this.#refilledAtMs = nowMs;
      }
      this.#setRate(nowMs, base * DECREASE_FACTOR);
      return;
    }
    if (!this.#active) return;
    this.#setRate(nowMs, Math.min(this.#cubic(nowMs), 2 * this.#measured));
  }

  /**
   * The accepted rate at the first throttle. A burst can meet it before any measuring interval has
   * ended; the requests accepted so far, taken as one second's worth, are then a cautious guess,
   * far closer to the limit than the floor (which would crawl back for seconds).
   */
  #firstEstimate(): number {
    return this.#measured > 0 ? this.#measured : this.#sentInInterval;
  }

  /** The current figures. */
  get state(): SendRateState {
    return { active: this.#active, ratePerSecond: this.#active ? this.#rate : 0, measuredPerSecond: this.#measured };
  }

  /** The rate the cubic curve gives `nowMs` after the last cut: equal to the cut rate at the cut, back to the throttled rate after `k` seconds. */
  #cubic(nowMs: number): number {
    const k = Math.cbrt((this.#rateAtThrottle * (1 - DECREASE_FACTOR)) / GROWTH_SCALE);
    const t = Math.max(0, nowMs - this.#lastCutAtMs) / 1000;
    return GROWTH_SCALE * (t - k) ** 3 + this.#rateAtThrottle;
  }

  #setRate(nowMs: number, rate: number): void {
    this.#refill(nowMs);
    this.#rate = Math.max(MIN_RATE, rate);
    this.#capacity = Math.max(MIN_CAPACITY, this.#rate);
    this.#tokens = Math.min(this.#tokens, this.#capacity);
  }

  /** Adds the tokens earned since the last refill; nothing is earned while held by a Retry-After. */
  #refill(nowMs: number): void {
    const from = Math.max(this.#refilledAtMs, this.#holdUntilMs);
    const earnedS = Math.max(0, nowMs - from) / 1000;
    this.#tokens = Math.min(this.#capacity, this.#tokens + earnedS * this.#rate);
    this.#refilledAtMs = Math.max(this.#refilledAtMs, nowMs);
  }

  /** Smoothed accepted requests per second, counted over fixed intervals. */
  #measure(nowMs: number, accepted: number): void {
    const intervalS = Math.floor(nowMs / 1000 / MEASURE_INTERVAL_S) * MEASURE_INTERVAL_S;
    this.#sentInInterval += accepted;
    if (this.#intervalStartS === undefined) {
      this.#intervalStartS = intervalS;
    } else if (intervalS > this.#intervalStartS) {
      const current = this.#sentInInterval / (intervalS - this.#intervalStartS);
      this.#measured = current * MEASURE_WEIGHT + this.#measured * (1 - MEASURE_WEIGHT);
      this.#sentInInterval = 0;
      this.#intervalStartS = intervalS;
    }
  }
}

const shared = new Map<string, AdaptiveSendRate>();

/** The process-wide bucket of one endpoint and access key: every client using them shares it. */
export function sharedSendRate(endpoint: string, accessKeyId: string): AdaptiveSendRate {
  const key = `${endpoint} ${accessKeyId}`;
  let bucket = shared.get(key);
  if (!bucket) {
    bucket = new AdaptiveSendRate();
    shared.set(key, bucket);
  }
  return bucket;
}
