/**
 * Waiting for a state, as opposed to retrying a call: each wait registers with the shared status
 * poller (status-poller.ts), which observes it on the one poll schedule of the provider
 * (poll-schedule.ts), and ends on the first matching status or at its deadline, printing a
 * rate-limited progress line whenever the status changes.
 */
import type { Ctx } from "../runtime/context";
import { GONE, RECYCLED_STATUSES, TRANSITIONAL_STATUSES } from "../constants";
import { messageOf } from "../errors";
import { formatDuration } from "../inputs/durations";
import type { Progress } from "../runtime/progress";
import type { WatchResult } from "./status-poller";

/** Common arguments of a wait. */
export interface WaitArgs {
  /** Clock time at which the operation gives up. */
  deadline: number;
  /** Clock time at which the operation started (for "12s of 90m"). */
  started: number;
  /** The operation's limit as the user wrote it ("90m"). */
  limitText: string;
  progress: Progress;
  /** Observe at once instead of after the schedule's floor. */
  immediate?: boolean;
}

/** Waits for any status in `targets` (GONE included if listed), printing progress. */
export function waitForStatuses(ctx: Ctx, id: string, targets: ReadonlySet<string>, args: WaitArgs): Promise<WatchResult> {
  return ctx.poller.watch(id, {
    until: (status) => targets.has(status),
    deadline: args.deadline,
    immediate: args.immediate ?? false,
    onStatus: (status) => {
      if (targets.has(status)) return;
      const elapsed = formatDuration(ctx.clock.now() - args.started);
      args.progress.report(`${id} is ${status === GONE ? "not found" : status} (${elapsed} of ${args.limitText})`, status);
    },
  });
}

/** How a wait for RUNNING ended. */
export type RunningOutcome =
  | { kind: "running" }
  | { kind: "failed"; status: "CREATE_FAILED" }
  | { kind: "vanished"; status: string }
  | { kind: "timeout"; status?: string; lastError?: unknown };

/** Consecutive "not found" observations before a creating instance counts as vanished. */
const VANISHED_AFTER = 3;

/**
 * Waits until a new instance is RUNNING. CREATE_FAILED ends the wait at once; "not found" or the
 * recycle bin only after several observations in a row (a brand-new id may be listed late).
 * The first observation is at once (unless `args.immediate` is false), coalesced with the other
 * waits of the process: an instance that is already RUNNING, or failed at once, is seen within
 * milliseconds instead of one interval later, for every batch of creates the engine runs (8 at a
 * time by default); a slow create costs one more status call per batch. After that, the shared
 * schedule: the floor while PENDING is young, each change (PENDING to DEPLOYING) back to the
 * floor, and a long install read a few times a minute at most.
 */
export async function waitUntilRunning(ctx: Ctx, id: string, args: WaitArgs): Promise<RunningOutcome> {
  let goneStreak = 0;
  const done = new Set(["RUNNING", "CREATE_FAILED"]);
  const result = await ctx.poller.watch(id, {
    until: (status) => {
      goneStreak = status === GONE || RECYCLED_STATUSES.has(status) ? goneStreak + 1 : 0;
      return done.has(status) || goneStreak >= VANISHED_AFTER;
    },
    deadline: args.deadline,
    immediate: args.immediate ?? true,
    onStatus: (status) => {
      if (done.has(status)) return;
      const elapsed = formatDuration(ctx.clock.now() - args.started);
      args.progress.report(`${id} is ${status === GONE ? "not found yet" : status} (${elapsed} of ${args.limitText})`, status);
    },
  });
  if (!result.matched) return { kind: "timeout", status: result.status, lastError: result.lastError };
  if (result.status === "RUNNING") return { kind: "running" };
  if (result.status === "CREATE_FAILED") return { kind: "failed", status: "CREATE_FAILED" };
  return { kind: "vanished", status: result.status ?? GONE };
}

/** Statuses in which an instance accepts changes. */
export const STABLE_STATUSES: ReadonlySet<string> = new Set(["RUNNING", "STOPPED"]);

/**
 * Waits until the instance is RUNNING or STOPPED, or something that will not become either
 * (gone, recycled, CREATE_FAILED, or a status we do not know). Observes at once.
 */
export async function waitUntilStable(ctx: Ctx, id: string, args: WaitArgs): Promise<WatchResult> {
  const settles = (status: string) => !TRANSITIONAL_STATUSES.has(status);
  return ctx.poller.watch(id, {
    until: settles,
    deadline: args.deadline,
    immediate: true,
    onStatus: (status) => {
      if (settles(status)) return;
      const elapsed = formatDuration(ctx.clock.now() - args.started);
      args.progress.report(`${id} is ${status}; waiting for RUNNING or STOPPED (${elapsed} of ${args.limitText})`, status);
    },
  });
}

/**
 * What a wait that ran out saw last, for its message: the last status, or that none was read in
 * the time given (a limit shorter than one poll, or status queries that kept failing, whose last
 * error follows).
 */
export function lastSeen(result: { status?: string; lastError?: unknown }): string {
  const seen = result.status ? `last status ${result.status}` : "no status was read within the limit";
  return result.lastError ? `${seen}; last status query failed: ${messageOf(result.lastError)}` : seen;
}
