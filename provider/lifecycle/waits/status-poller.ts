/**
 * One status poll for every instance being waited on in this process.
 *
 * The provider host keeps one provider per process for the whole deployment (see provider/index.ts),
 * and the engine runs many creates and deletes in parallel. Instead of one poll loop per resource,
 * waiters register here; a single DescribeInstancesStatus call (up to 100 ids per call) serves them
 * all, at the pace of the most urgent waiter, and stops when nobody waits. A create waiting for
 * RUNNING and a delete waiting for the instance to become deletable observe every `pollIntervalMs`,
 * so they react within a poll; other waits (updates) grow their interval up to
 * `waitMaxIntervalMs`. Timers only: no fixed sleeps.
 */
import { type Clock, setLongTimeout } from "../runtime/clock";
import { GONE } from "../constants";

/** Reads the status of each id; an id missing from the result is reported as GONE. */
export type StatusSource = (ids: string[]) => Promise<Map<string, string>>;

/** What a waiter wants. */
export interface WatchOptions {
  /** The wait ends (matched) on the first observed status for which this is true. */
  until: (status: string) => boolean;
  /** Clock time (ms) at which the wait ends unmatched. */
  deadline: number;
  /** First interval between observations; default: the poller's base interval. */
  minIntervalMs?: number;
  /** The interval doubles while the status stays the same, up to this; default: minIntervalMs. */
  maxIntervalMs?: number;
  /** Observe as soon as possible (coalesced with other waiters) rather than after one interval. */
  immediate?: boolean;
  /**
   * Clock time of the first observation, instead of one interval from now: a wait that takes over
   * from an earlier one on the same id keeps its cadence.
   */
  firstDueAt?: number;
  /** Ends the wait unmatched when aborted. */
  signal?: AbortSignal;
  /** Every observation, in order. */
  onStatus?: (status: string) => void;
  /** A poll failed with a retryable error; the wait goes on. */
  onError?: (error: unknown) => void;
}

/** How a wait ended. */
export interface WatchResult {
  matched: boolean;
  /** The last status observed, if any. */
  status?: string;
  /** The last poll error, if the last poll failed. */
  lastError?: unknown;
}

/** Poller options. */
export interface PollerOptions {
  clock: Clock;
  /** Base interval (ms). */
  intervalMs: number;
  /** Minimum gap between two polls, even for `immediate` requests. Default: a quarter of intervalMs. */
  minGapMs?: number;
  /** Cap of the pause after failed polls (doubling from intervalMs). Default 15000. */
  maxErrorBackoffMs?: number;
  /** A poll error for which waiting makes no sense (bad credentials, a bug): rejects every waiter. */
  isFatal?: (error: unknown) => boolean;
}

interface Waiter {
  id: string;
  options: WatchOptions;
  min: number;
  max: number;
  interval: number;
  due: number;
  last?: string;
  lastError?: unknown;
  cancelDeadline: () => void;
  resolve: (result: WatchResult) => void;
  reject: (error: unknown) => void;
}

/** The shared poller (see the module comment). */
export class StatusPoller {
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private inFlight = false;
  private lastPollAt = -Infinity;
  private errorStreak = 0;
  /** Number of polls made (each one call per 100 ids). */
  polls = 0;

  constructor(private readonly source: StatusSource, private readonly options: PollerOptions) {}

  /** Number of waits in progress. */
  get waiting(): number {
    return this.waiters.size;
  }

  /** Waits until `options.until(status)` or the deadline. Rejects only on a fatal poll error. */
  watch(id: string, options: WatchOptions): Promise<WatchResult> {
    return new Promise<WatchResult>((resolve, reject) => {
      const now = this.options.clock.now();
      const min = Math.max(1, options.minIntervalMs ?? this.options.intervalMs);
      const max = Math.max(min, options.maxIntervalMs ?? min);
      const waiter: Waiter = {
        id, options, min, max, interval: min,
        due: options.immediate ? now : Math.max(now, options.firstDueAt ?? now + min),
        // Chained: a deadline may lie weeks ahead, beyond what one timer can hold.
        cancelDeadline: setLongTimeout(() => this.settle(waiter, { matched: false }), options.deadline - now),
        resolve, reject,
      };
      this.waiters.add(waiter);
      options.signal?.addEventListener("abort", () => this.settle(waiter, { matched: false }), { once: true });
      if (options.signal?.aborted) this.settle(waiter, { matched: false });
      this.schedule();
    });
  }

  private settle(waiter: Waiter, result: WatchResult, error?: unknown): void {
    if (!this.waiters.delete(waiter)) return;
    waiter.cancelDeadline();
    if (error !== undefined) {
      waiter.reject(error);
      return;
    }
    const full: WatchResult = { ...result };
    if (full.status === undefined && waiter.last !== undefined) full.status = waiter.last;
    if (waiter.lastError !== undefined && !full.matched) full.lastError = waiter.lastError;
    waiter.resolve(full);
    if (this.waiters.size === 0) this.cancelTimer();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private schedule(): void {
    if (this.inFlight || this.waiters.size === 0) return;
    let due = Infinity;
    for (const waiter of this.waiters) due = Math.min(due, waiter.due);
    const gap = this.errorStreak > 0
      ? Math.min(this.options.maxErrorBackoffMs ?? 15_000, this.options.intervalMs * 2 ** (this.errorStreak - 1))
      : (this.options.minGapMs ?? this.options.intervalMs / 4);
    due = Math.max(due, this.lastPollAt + gap);
    if (this.timer && this.timerAt <= due) return;
    this.cancelTimer();
    this.timerAt = due;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, due - this.options.clock.now()));
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.timerAt = Infinity;
    const snapshot = [...this.waiters];
    if (snapshot.length === 0) return;
    this.inFlight = true;
    this.lastPollAt = this.options.clock.now();
    this.polls++;
    try {
      const statuses = await this.source([...new Set(snapshot.map((w) => w.id))]);
      this.errorStreak = 0;
      const now = this.options.clock.now();
      for (const waiter of snapshot) {
        if (!this.waiters.has(waiter)) continue;
        const status = statuses.get(waiter.id) ?? GONE;
        const changed = status !== waiter.last;
        waiter.last = status;
        waiter.lastError = undefined;
        safely(() => waiter.options.onStatus?.(status));
        if (waiter.options.until(status)) {
          this.settle(waiter, { matched: true, status });
          continue;
        }
        waiter.interval = changed ? waiter.min : Math.min(waiter.max, waiter.interval * 2);
        // Jitter (up to -20%) keeps processes that started together from polling in lockstep.
        waiter.due = now + Math.round(waiter.interval * (1 - 0.2 * this.options.clock.random()));
      }
    } catch (error) {
      if (this.options.isFatal?.(error)) {
        for (const waiter of snapshot) this.settle(waiter, { matched: false }, error);
      } else {
        this.errorStreak++;
        for (const waiter of snapshot) {
          if (!this.waiters.has(waiter)) continue;
          waiter.lastError = error;
          safely(() => waiter.options.onError?.(error));
        }
      }
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // A progress callback must never break the shared poll.
  }
}
