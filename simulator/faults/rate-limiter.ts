/**
 * A token bucket on the simulator clock: `burst` requests at once, refilled at
 * `requestsPerSecond`. Driven by the injected clock, so throttling is deterministic in tests.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly requestsPerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes a token; returns 0 when allowed, else the whole seconds until one is available (≥ 1). */
  take(now: number): number {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.requestsPerSecond);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.requestsPerSecond));
  }
}
