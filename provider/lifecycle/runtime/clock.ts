/**
 * Time as a dependency: every wait in the lifecycle goes through a `Clock`, so unit tests and the
 * benchmark can replace sleeping, timers and reading the time. Timers here accept any delay: Node's setTimeout fires a
 * delay above 2^31 - 1 ms (about 24.8 days) after 1 ms instead, so longer ones are chained.
 */

/** The longest delay one Node.js timer can hold. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The time source and sleeper used by waits and backoff. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds (immediately for 0 or less). */
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1): the jitter source. */
  random(): number;
  /** Calls `fn` once after `ms` milliseconds, however long (a deadline may lie weeks ahead); returns the function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

/**
 * Calls `fn` once after `ms` milliseconds, however long that is (chained timers of at most
 * MAX_TIMER_MS each; an infinite delay never fires). Returns the function that cancels it.
 */
export function setLongTimeout(fn: () => void, ms: number): () => void {
  let handle: ReturnType<typeof setTimeout>;
  const arm = (remaining: number) => {
    const step = Math.min(remaining, MAX_TIMER_MS);
    handle = setTimeout(() => (remaining > step ? arm(remaining - step) : fn()), step);
  };
  arm(ms > 0 ? ms : 0);
  return () => clearTimeout(handle);
}

/** The real clock. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms > 0 ? new Promise<void>((resolve) => setLongTimeout(resolve, ms)) : Promise.resolve()),
  random: () => Math.random(),
  setTimer: setLongTimeout,
};
