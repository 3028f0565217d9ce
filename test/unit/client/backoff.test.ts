import { computeBackoffDelay, parseRetryAfter } from "../../../provider/client";

const base = { baseDelayMs: 500, maxDelayMs: 20_000 };

describe("computeBackoffDelay", () => {
  test("doubles the ceiling per retry and caps it at maxDelayMs", () => {
    // random just below 1 gives the ceiling minus one: the top of the jitter range.
    const top = (retry: number) => computeBackoffDelay({ ...base, retry, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 60].map(top)).toEqual([499, 999, 1999, 3999, 7999, 15999, 19999, 19999, 19999, 19999]);
  });

  test("uses full jitter: random 0 gives no delay and 0.5 half the ceiling", () => {
    expect(computeBackoffDelay({ ...base, retry: 3, random: () => 0 })).toBe(0);
    expect(computeBackoffDelay({ ...base, retry: 3, random: () => 0.5 })).toBe(1000);
  });

  test("stays within [0, ceiling) for any random value, even out-of-range ones", () => {
    for (let i = 0; i < 2000; i++) {
      const retry = 1 + (i % 10);
      const ceiling = Math.min(20_000, 500 * 2 ** (retry - 1));
      const r = i % 50 === 0 ? 1.5 : i % 49 === 0 ? -1 : Math.random();
      const d = computeBackoffDelay({ ...base, retry, random: () => r });
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(ceiling);
    }
  });

  test("never goes below a Retry-After floor, even above the cap", () => {
    expect(computeBackoffDelay({ ...base, retry: 1, random: () => 0, minDelayMs: 3000 })).toBe(3000);
    expect(computeBackoffDelay({ ...base, retry: 9, random: () => 0.99, minDelayMs: 45_000 })).toBe(45_000);
    expect(computeBackoffDelay({ ...base, retry: 5, random: () => 0.9, minDelayMs: 10 })).toBe(7200);
  });

  test("gives 0 when both base and cap are 0 (tests that want no waiting)", () => {
    expect(computeBackoffDelay({ baseDelayMs: 0, maxDelayMs: 0, retry: 4, random: () => 0.7 })).toBe(0);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  test("reads delta seconds", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });
  test("reads an HTTP date relative to now, and a past date as 0", () => {
    expect(parseRetryAfter("Wed, 01 Jan 2025 12:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 11:00:00 GMT", now)).toBe(0);
  });
  test("ignores missing and unparseable values", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
  });
});
