/**
 * The time a preview may spend waiting for price inquiries, in total. The engine calls `check` and
 * `diff` one resource after the other, so every wait adds to the preview's duration: the budget
 * counts the time during which at least one inquiry was pending, and gives each new inquiry only
 * what is left. Once it is spent, no more inquiries are started.
 */
import type { Clock } from "../runtime/clock";

/** Thrown when an inquiry did not answer in the time it was given. */
export class PriceTimeout extends Error {
  constructor(readonly waitedMs: number) {
    super(`no answer within ${waitedMs} ms`);
    this.name = "PriceTimeout";
  }
}

export class InquiryBudget {
  private spentMs = 0;
  private pending = 0;
  private busySince = 0;
  /**
   * Set when an inquiry's timer ran out: it was given all that was left, so nothing is left, even
   * when the clock reads a millisecond less than the timer waited (timers may fire that early).
   */
  private exhausted = false;

  constructor(private readonly totalMs: number, private readonly clock: Clock) {}

  /** Milliseconds still available. */
  remainingMs(): number {
    if (this.exhausted) return 0;
    const running = this.pending > 0 ? this.clock.now() - this.busySince : 0;
    return Math.max(0, this.totalMs - this.spentMs - running);
  }

  /**
   * Runs `inquiry` with the time that is left (passed to it, so its own request timeout can match)
   * and rejects with PriceTimeout when that runs out first. The inquiry is abandoned, not awaited.
   */
  async run<T>(inquiry: (timeoutMs: number) => Promise<T>): Promise<T> {
    const allowedMs = this.remainingMs();
    if (allowedMs <= 0) throw new PriceTimeout(0);
    this.start();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        inquiry(allowedMs),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            this.exhausted = true;
            reject(new PriceTimeout(allowedMs));
          }, allowedMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      this.stop();
    }
  }

  private start(): void {
    if (this.pending === 0) this.busySince = this.clock.now();
    this.pending += 1;
  }

  private stop(): void {
    this.pending -= 1;
    if (this.pending === 0) this.spentMs += this.clock.now() - this.busySince;
  }
}
