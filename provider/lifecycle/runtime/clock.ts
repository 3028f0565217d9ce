/**
 * Time as a dependency: every wait in the lifecycle goes through a `Clock`, so unit tests can
 * replace sleeping and reading the time.
 */
import { setTimeout as delay } from "node:timers/promises";

/** The time source and sleeper used by waits and backoff. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds (immediately for 0 or less). */
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1): the jitter source. */
  random(): number;
}

/** The real clock. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms > 0 ? delay(ms).then(() => undefined) : Promise.resolve()),
  random: () => Math.random(),
};
