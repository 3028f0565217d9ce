/**
 * When to look again: the one poll schedule of every wait in the provider (the shared status poll,
 * ordered changes). The interval is a fixed fraction of the time the wait has already spent in
 * the status it last saw, bounded below and above, and jittered:
 *
 *   interval = clamp(WAITED_FRACTION × time in the current status, floor, cap) × (1 ± JITTER)
 *
 * Why these terms, from what a wait is for rather than from any instance's durations (Zenlayer
 * documents none; installs take seconds to many minutes):
 * - A fraction of the time already waited: a change is seen, on average, half an interval after it
 *   happened, so the extra wait stays a steady share of the wait itself, while the number of calls
 *   grows only with the logarithm of the wait, where a fixed interval costs calls in proportion to
 *   it. 15 % keeps that share at 7.5 % on average (15 % at worst): under the 8 % that 1.2 s is of
 *   a 15 s install, and within the 10 % asked of long installs, which then cost about 30 status
 *   reads for three minutes and 45 for ten.
 * - The floor (`pollIntervalMs`, default 1.5 s) holds for the first 10 s of each status: it bounds
 *   what waits cost while they are young, when every wait of a deployment starts together. One
 *   status call serves every wait of a process, so five stacks deployed at once on one account
 *   read statuses at most 3.3 times a second together, a third of an account limited to 10
 *   requests a second; and a quick step (an instance already RUNNING, a short PENDING) is still
 *   seen within a second and a half.
 * - The cap (`waitMaxIntervalMs`, default 30 s), reached after 200 s in one status, bounds the
 *   worst extra wait of long installs and of waits measured in hours; at it a process makes two
 *   status reads a minute, however many resources wait.
 * - A status change restarts the clock: the time spent in the new status is the best guess of how
 *   long it will last, so the interval falls back to the floor and grows again.
 * - Jitter (±10 %, within the bounds) keeps processes that started together (stacks deployed side
 *   by side on one account) from polling in lockstep, and keeps the phase of the polls from
 *   lining up with any particular duration.
 */
import type { Tuning } from "../runtime/settings";

/** Interval per time already waited in the current status: expected reaction half of it. */
export const WAITED_FRACTION = 0.15;

/** Relative jitter of every interval (uniform in ±JITTER, then held within the bounds). */
export const JITTER = 0.1;

/** The bounds of the schedule, in milliseconds. */
export interface PollSchedule {
  /** The shortest interval: the first seconds of each status. */
  floorMs: number;
  /** The longest interval. */
  capMs: number;
}

/** The schedule the tuning knobs describe (a cap below the floor counts as the floor). */
export function pollScheduleOf(tuning: Pick<Tuning, "pollIntervalMs" | "waitMaxIntervalMs">): PollSchedule {
  const floorMs = Math.max(1, tuning.pollIntervalMs);
  return { floorMs, capMs: Math.max(floorMs, tuning.waitMaxIntervalMs) };
}

/**
 * The start of the time waited in the current status, after an observation of `seen` at `nowMs`:
 * unchanged while the status stays `last`, restarted by a change (the first observation is no
 * change: the wait began in that status).
 */
export function waitingSince(since: number, last: string | undefined, seen: string, nowMs: number): number {
  return last !== undefined && seen !== last ? nowMs : since;
}

/** The interval before jitter, after `waitedMs` in the current status. */
export function baseInterval(schedule: PollSchedule, waitedMs: number): number {
  return Math.min(schedule.capMs, Math.max(schedule.floorMs, WAITED_FRACTION * Math.max(0, waitedMs)));
}

/**
 * The delay until the next look, after `waitedMs` in the current status; `random` is uniform in
 * [0, 1) (the clock's jitter source). Always within [floorMs, capMs], in whole milliseconds.
 */
export function nextPollDelay(schedule: PollSchedule, waitedMs: number, random: number): number {
  const jitter = 1 + JITTER * (2 * Math.min(Math.max(random, 0), 1) - 1);
  const delay = Math.round(baseInterval(schedule, waitedMs) * jitter);
  return Math.min(schedule.capMs, Math.max(schedule.floorMs, delay));
}
