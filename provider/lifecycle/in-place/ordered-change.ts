/**
 * Waiting for an ordered change (bandwidth, traffic package, instance type): the API answers at
 * once with an order and reports progress as `Processing`, then `Enable` once the new value is in
 * force, or `WaitToEnable` when it takes effect at the next billing cycle. Polled with a growing,
 * jittered interval within the update's limit.
 */
import { formatDuration } from "../inputs/durations";
import type { Ctx } from "../runtime/context";
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
  let interval = ctx.settings.pollIntervalMs;
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
    const pause = Math.round(interval * (1 - 0.2 * ctx.clock.random()));
    await ctx.clock.sleep(Math.min(pause, args.deadline - now));
    interval = Math.min(interval * 2, Math.max(ctx.settings.pollIntervalMs, ctx.settings.waitMaxIntervalMs));
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
