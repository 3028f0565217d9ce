/**
 * One status poll for every instance being waited on in this process.
 *
 * The provider host keeps one provider per process for the whole deployment (see provider/index.ts),
 * and the engine runs many creates and deletes in parallel. Instead of one poll loop per resource,
 * waiters register here; a single status call (up to 100 ids per call: DescribeInstancesStatus, or
 * DescribeInstances when an operation awaits the details, see runtime/api.ts) serves them all, when
 * the most urgent waiter is due, and stops when nobody waits. Each waiter is due by the
 * poll schedule (poll-schedule.ts): an interval that grows with the time it has spent in the status
 * it last saw and falls back to the floor when that status changes. A poll made for one waiter
 * observes all of them, and each one's next due time counts from that observation. Timers of the
 * clock only: no fixed sleeps.
 */
import type { Clock } from "../runtime/clock";
import { GONE } from "../constants";
import { nextPollDelay, type PollSchedule, waitingSince } from "./poll-schedule";

/** Reads the status of each id; an id missing from the result is reported as GONE. */
export type StatusSource = (ids: string[]) => Promise<Map<string, string>>;

/** What a waiter wants. */
export interface WatchOptions {
  /** The wait ends (matched) on the first observed status for which this is true. */
  until: (status: string) => boolean;
  /** Clock time (ms) at which the wait ends unmatched. */
  deadline: number;
  /** Observe as soon as possible (coalesced with other waiters) rather than after the schedule's floor. */
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

/**
 * The shortest gap between two polls when waits ask to look at once (a new instance's first look,
 * a delete's confirmation after TerminateInstance): short, because the engine runs a few operations
 * at a time (8 on the 2-core machines measured) and each waits for its look, so at zero durations a
 * gap of g costs about g × N / 8 per command of N resources (1.5 s for 100 at 125 ms); yet long
 * enough that the waits starting in one burst share a poll.
 */
export const IMMEDIATE_GAP_MS = 100;

/**
 * How soon the others are looked at again after a poll ended some waits (matched). Instances of one
 * deployment change together (a fleet created or installed at once), so one that just became
 * ready says others are about to: while they keep becoming ready, the fleet is read every
 * FOLLOW_UP_MS instead of at the schedule's pace, and a lone wait, which has no others, pays
 * nothing. 50 deletes of instances that finish installing over 8 s: median reaction 0.1–0.3 s
 * instead of 0.35–0.85 s, for about twice the status calls, a few percent of a poll per resource.
 */
export const FOLLOW_UP_MS = 375;

/** Poller options. */
export interface PollerOptions {
  clock: Clock;
  /** When each waiter is due (poll-schedule.ts). */
  schedule: PollSchedule;
  /** Minimum gap between two polls, even for `immediate` requests. Default: IMMEDIATE_GAP_MS, at most a quarter of the schedule's floor. */
  minGapMs?: number;
  /** Cap of the pause after failed polls (doubling from the schedule's floor). Default 15000. */
  maxErrorBackoffMs?: number;
  /** A poll error for which waiting makes no sense (bad credentials, a bug): rejects every waiter. */
  isFatal?: (error: unknown) => boolean;
}

interface Waiter {
  id: string;
  options: WatchOptions;
  /** Clock time since which the waiter has seen the same status (or since it began): the schedule's "time waited". */
  since: number;
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
  /** Cancels the pending poll, if any. */
  private timer: (() => void) | undefined;
  private timerAt = Infinity;
  private inFlight = false;
  private lastPollAt = -Infinity;
  /** When the others are looked at again after a poll that ended some waits (FOLLOW_UP_MS). */
  private followUpAt = Infinity;
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
      const { clock, schedule } = this.options;
      const now = clock.now();
      const waiter: Waiter = {
        id, options, since: now,
        due: options.immediate ? now : Math.max(now, options.firstDueAt ?? now + nextPollDelay(schedule, 0, clock.random())),
        cancelDeadline: clock.setTimer(() => this.settle(waiter, { matched: false }), options.deadline - now),
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
    if (this.waiters.size === 0) {
      this.cancelTimer();
      this.followUpAt = Infinity;
    }
  }

  private cancelTimer(): void {
    this.timer?.();
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private schedule(): void {
    if (this.inFlight || this.waiters.size === 0) return;
    let due = this.followUpAt;
    for (const waiter of this.waiters) due = Math.min(due, waiter.due);
    const { floorMs } = this.options.schedule;
    const gap = this.errorStreak > 0
      ? Math.min(this.options.maxErrorBackoffMs ?? 15_000, floorMs * 2 ** (this.errorStreak - 1))
      : (this.options.minGapMs ?? Math.min(IMMEDIATE_GAP_MS, floorMs / 4));
    due = Math.max(due, this.lastPollAt + gap);
    if (this.timer && this.timerAt <= due) return;
    this.cancelTimer();
    this.timerAt = due;
    this.timer = this.options.clock.setTimer(() => void this.tick(), Math.max(0, due - this.options.clock.now()));
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.timerAt = Infinity;
    const snapshot = [...this.waiters];
    if (snapshot.length === 0) return;
    this.inFlight = true;
    this.lastPollAt = this.options.clock.now();
    this.followUpAt = Infinity;
    this.polls++;
    try {
      const statuses = await this.source([...new Set(snapshot.map((w) => w.id))]);
      this.errorStreak = 0;
      const now = this.options.clock.now();
      for (const waiter of snapshot) {
        if (!this.waiters.has(waiter)) continue;
        const status = statuses.get(waiter.id) ?? GONE;
        waiter.since = waitingSince(waiter.since, waiter.last, status, now);
        waiter.last = status;
        waiter.lastError = undefined;
        safely(() => waiter.options.onStatus?.(status));
        if (waiter.options.until(status)) {
          // Before settling: the last wait to end clears it again.
          this.followUpAt = now + FOLLOW_UP_MS;
          this.settle(waiter, { matched: true, status });
          continue;
        }
        waiter.due = now + nextPollDelay(this.options.schedule, now - waiter.since, this.options.clock.random());
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
