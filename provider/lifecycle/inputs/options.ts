/**
 * Per-resource options read from inputs or stored outputs: the wait limits (`timeouts`) and the
 * recycle-bin policy (`forceDelete`). `customTimeouts` never reach a dynamic provider, so these
 * inputs are what bounds every wait.
 */
import { DEFAULT_TIMEOUTS } from "./defaults";
import { parseDuration } from "./durations";

/** One operation's limit: milliseconds and the text the user wrote. */
export interface Limit { ms: number; text: string }

/** The limit of `operation` from `timeouts` (falling back to the default on a bad value). */
export function limitOf(props: object | undefined, operation: keyof typeof DEFAULT_TIMEOUTS): Limit {
  const timeouts = (props as { timeouts?: Record<string, unknown> } | undefined)?.timeouts;
  const text = typeof timeouts?.[operation] === "string" ? (timeouts[operation] as string) : DEFAULT_TIMEOUTS[operation];
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) return { ms: parseDuration(DEFAULT_TIMEOUTS[operation]) as number, text: DEFAULT_TIMEOUTS[operation] };
  return { ms, text };
}

/** Whether delete also releases the instance from the recycle bin. */
export function forceDeleteOf(props: object | undefined): boolean {
  return (props as { forceDelete?: unknown } | undefined)?.forceDelete === true;
}
