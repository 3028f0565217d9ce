/**
 * The callers waiting for the adaptive rate (adaptive-rate.ts), released one by one in the order
 * they came. A caller leaves at once while the bucket has a token and nobody waits ahead of it;
 * otherwise it joins the queue, and one loop sleeps until the next token and lets the head go.
 * Each release asks the bucket afresh, so a rate that grows (slow start, recovery) or a
 * Retry-After that arrives while callers wait applies to all of them at once, rather than to the
 * callers that come later.
 */
import { AdaptiveSendRate, type RateFeedback } from "./adaptive-rate";

/** The clock the queue waits with. */
export interface QueueClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** One queue per bucket; share it among every call that counts against the same limit. */
export class SendQueue {
  readonly #waiting: (() => void)[] = [];
  #releasing = false;

  constructor(readonly rate: AdaptiveSendRate) {}

  /** Callers waiting now. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Resolves when a request may leave. The releasing loop sleeps with the clock of the caller that
   * started it: every caller of one process shares one clock.
   */
  async acquire(clock: QueueClock): Promise<void> {
    if (this.#waiting.length === 0 && this.rate.waitMs(clock.now()) === 0) {
      this.rate.take(clock.now());
      return;
    }
    await new Promise<void>((resolve) => {
      this.#waiting.push(resolve);
      if (!this.#releasing) void this.#release(clock);
    });
  }

  /** Adjusts the rate after a response (see AdaptiveSendRate.record). */
  record(nowMs: number, feedback: RateFeedback): void {
    this.rate.record(nowMs, feedback);
  }

  async #release(clock: QueueClock): Promise<void> {
    this.#releasing = true;
    try {
      while (this.#waiting.length > 0) {
        const waitMs = this.rate.waitMs(clock.now());
        if (waitMs > 0) {
          await clock.sleep(waitMs);
          continue;
        }
        this.rate.take(clock.now());
        this.#waiting.shift()?.();
      }
    } catch {
      // A clock that cannot sleep must not strand the callers: let them go unpaced.
      for (const release of this.#waiting.splice(0)) release();
    } finally {
      this.#releasing = false;
    }
  }
}

const shared = new Map<string, SendQueue>();

/** The process-wide queue of one endpoint and access key: every client using them shares it. */
export function sharedSendQueue(endpoint: string, accessKeyId: string): SendQueue {
  const key = `${endpoint} ${accessKeyId}`;
  let queue = shared.get(key);
  if (!queue) {
    queue = new SendQueue(new AdaptiveSendRate());
    shared.set(key, queue);
  }
  return queue;
}
