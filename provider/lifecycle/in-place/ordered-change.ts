/**
 * Waiting for an ordered change (bandwidth, traffic package, instance type): the API answers at
 * once with an order and reports progress as `Processing`, then `Enable` once the new value is in
 * force, or `WaitToEnable` when it takes effect at the next billing cycle. Polled on the provider's
 * poll schedule (poll-schedule.ts), within the update's limit.
 */
import { formatDuration } from "../inputs/durations";
import type { Ctx } from "../runtime/context";
import { nextPollDelay, pollScheduleOf, waitingSince } from "../waits/poll-schedule";
import type { WaitArgs } from "../waits/waiters";

/** One reading of the change's progress. */
export interface ChangeProgress {
  /** `Processing`, `Enable`, `WaitToEnable`, or undefined when no change is reported. */
  state?: string;
  /** The value currently in force equals the target. */
  inForce: boolean;
}

/** Polls `read` until the change is in force or accepted for the next billing cycle. */
export async function waitForOrderedChange(
  ctx: Ctx, id: string, what: string, read: () => Promise<ChangeProgress>, args: WaitArgs,
): Promise<"enabled" | "next-cycle"> {
  const schedule = pollScheduleOf(ctx.settings);
  let since = ctx.clock.now();
  let last: string | undefined;
  for (;;) {
    const { state, inForce } = await read();
    if (state === "WaitToEnable") return "next-cycle";
    if (inForce && state !== "Processing") return "enabled";
    const now = ctx.clock.now();
    if (now >= args.deadline) {
      throw new Error(
        `the ${what} was ordered but is still ${state ?? "not in force"} after ${formatDuration(now - args.started)} ` +
        `(limit ${args.limitText}); run pulumi refresh later to see whether it completed`);
    }
    args.progress.report(`${id}: ${what} is ${state ?? "pending"} (${formatDuration(now - args.started)} of ${args.limitText})`, `${what}:${state}`);
    const seen = `${state}:${inForce}`;
    since = waitingSince(since, last, seen, now);
    last = seen;
    await ctx.clock.sleep(Math.min(nextPollDelay(schedule, now - since, ctx.clock.random()), args.deadline - now));
  }
}

/** Logs the outcome and records a next-cycle value so the outputs show what was ordered. */
export function reportOrdered(ctx: Ctx, id: string, outcome: "enabled" | "next-cycle", what: string, value: string): void {
  if (outcome === "next-cycle") {
    ctx.log.info(`${id}: the ${what} change to ${value} was accepted and takes effect at the next billing cycle (WaitToEnable)`);
  } else {
    ctx.log.info(`${id}: ${what} is now ${value}`);
  }
}
