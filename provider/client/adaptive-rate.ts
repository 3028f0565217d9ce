/**
 * Adaptive sending rate: a client-side token bucket whose rate follows the server's throttling, in
 * the manner of the AWS SDKs' "adaptive" retry mode, opened by a slow start as TCP opens a
 * connection.
 *
 * - Slow start: the bucket begins small (START_RATE requests/s, as many at once) and every request
 *   the server accepts adds SLOW_START_STEP requests/s, so a sender with work queued doubles its
 *   rate about every 0.35 s (ln 2 / SLOW_START_STEP), and a process that has been heard for a
 *   while (its status polls, say) meets its next burst with the rate those successes earned: the
 *   slow start holds back the opening of a process, when it knows nothing of the account, and
 *   little after. Several processes starting together on one account (a stack each) thus do not
 *   each fire their whole backlog at once, which the account's limit would refuse before any of
 *   them had heard of it.
 * - The first throttle ends the slow start; every throttle cuts the rate multiplicatively (once per
 *   episode: refusals of requests already in flight do not cut again) and its Retry-After holds
 *   every caller sharing the bucket, not just the one that was refused. Successes grow the rate
 *   back along a cubic curve (slowly near the rate that was throttled, faster away from it), capped
 *   at twice the rate the server accepted.
 *
 * Many processes can share one account's limit: each finds its share by backing off, and none
 * needs to know about the others. Pure state: the caller passes the time and does the waiting
 * (send-queue.ts), so the clock is the caller's and tests drive it.
 */

/** The rate a bucket starts at (requests/s), and how many requests it lets go at once at first. */
export const START_RATE = 2;
/**
 * Requests/s added for each request the server accepts (slow start). Two rather than TCP's one: a
 * lone process with a backlog (a hundred deletes) reaches 100 requests/s in about 2 s instead of
 * 4, while five processes starting together on a 10 requests/s account still see under a tenth
 * of their calls refused (`npm run bench:stacks`).
 */
export const SLOW_START_STEP = 2;
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
  /** True until the first throttle. */
  slowStart: boolean;
  /** Requests per second the bucket refills at. */
  ratePerSecond: number;
  /** Requests per second the server accepted, smoothed. */
  measuredPerSecond: number;
}

/** One bucket; share it among every call that counts against the same limit. */
export class AdaptiveSendRate {
  #slowStart = true;
  #rate = START_RATE;
  #capacity = Math.max(MIN_CAPACITY, START_RATE);
  #tokens = Math.max(MIN_CAPACITY, START_RATE);
  /** Unset until the first use: the bucket starts full whatever the caller's clock reads. */
  #refilledAtMs: number | undefined;
  /** No request leaves before this (a Retry-After). */
  #holdUntilMs = 0;
  /** The rate a throttle was met at, the top of the cubic curve. */
  #rateAtThrottle = 0;
  #lastCutAtMs = Number.NEGATIVE_INFINITY;
  #measured = 0;
  #intervalStartS: number | undefined;
  #acceptedInInterval = 0;

  /** Milliseconds until a request may leave, from `nowMs` (0: now); takes nothing. */
  waitMs(nowMs: number): number {
    this.#refill(nowMs);
    const held = Math.max(0, this.#holdUntilMs - nowMs);
    const short = Math.max(0, 1 - this.#tokens);
    return Math.ceil(held + (short / this.#rate) * 1000);
  }

  /** Takes the token of a request leaving at `nowMs` (after `waitMs` said 0). */
  take(nowMs: number): void {
    this.#refill(nowMs);
    this.#tokens -= 1;
  }

  /** Adjusts the rate after a response arrived at `nowMs`. */
  record(nowMs: number, feedback: RateFeedback): void {
    // The rate the server accepted: refused requests would inflate it and let the rate overshoot again.
    this.#measure(nowMs, feedback.throttled ? 0 : 1);
    if (feedback.throttled) {
      if (feedback.retryAfterMs !== undefined) this.#holdUntilMs = Math.max(this.#holdUntilMs, nowMs + feedback.retryAfterMs);
      // Requests already in flight when the rate was cut report the same congestion: one cut per episode.
      if (feedback.sentAtMs < this.#lastCutAtMs) return;
      const base = Math.min(this.#rate, this.#acceptedEstimate());
      this.#slowStart = false;
      this.#rateAtThrottle = base;
      this.#lastCutAtMs = nowMs;
      this.#setRate(nowMs, base * DECREASE_FACTOR);
      return;
    }
    if (this.#slowStart) {
      this.#setRate(nowMs, this.#rate + SLOW_START_STEP);
      return;
    }
    this.#setRate(nowMs, Math.min(this.#cubic(nowMs), 2 * this.#measured));
  }

  /**
   * The accepted rate at a throttle. A burst can meet it before any measuring interval has ended;
   * the requests accepted so far, taken as one second's worth, are then a cautious guess, far
   * closer to the limit than the floor (which would crawl back for seconds); with none accepted
   * yet, the bucket's own rate is all there is to go on.
   */
  #acceptedEstimate(): number {
    if (this.#measured > 0) return this.#measured;
    return this.#acceptedInInterval > 0 ? this.#acceptedInInterval : this.#rate;
  }

  /** The current figures. */
  get state(): SendRateState {
    return { slowStart: this.#slowStart, ratePerSecond: this.#rate, measuredPerSecond: this.#measured };
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
    this.#refilledAtMs ??= nowMs;
    const from = Math.max(this.#refilledAtMs, this.#holdUntilMs);
    const earnedS = Math.max(0, nowMs - from) / 1000;
    this.#tokens = Math.min(this.#capacity, this.#tokens + earnedS * this.#rate);
    this.#refilledAtMs = Math.max(this.#refilledAtMs, nowMs);
  }

  /** Smoothed accepted requests per second, counted over fixed intervals. */
  #measure(nowMs: number, accepted: number): void {
    const intervalS = Math.floor(nowMs / 1000 / MEASURE_INTERVAL_S) * MEASURE_INTERVAL_S;
    if (this.#intervalStartS === undefined) {
      this.#intervalStartS = intervalS;
    } else if (intervalS > this.#intervalStartS) {
      // The intervals since the last response count too: nothing accepted in them lowers the rate.
      const current = this.#acceptedInInterval / (intervalS - this.#intervalStartS);
      this.#measured = current * MEASURE_WEIGHT + this.#measured * (1 - MEASURE_WEIGHT);
      this.#acceptedInInterval = 0;
      this.#intervalStartS = intervalS;
    }
    this.#acceptedInInterval += accepted;
  }
}
