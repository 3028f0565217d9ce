import { AdaptiveSendRate, sharedSendRate } from "../../../provider/client/adaptive-rate";
import { VmClient } from "../../../provider/client";
import type { Transport } from "../../../provider/client/transport";

/** Sends `count` requests through `bucket` from `startMs`, each answered at once; returns the send times. */
function sendAll(bucket: AdaptiveSendRate, startMs: number, count: number, throttledAt: (sentAtMs: number) => boolean = () => false): number[] {
  const sent: number[] = [];
  let now = startMs;
  for (let i = 0; i < count; i++) {
    now += bucket.reserve(now);
    sent.push(now);
    bucket.record(now, { throttled: throttledAt(now), sentAtMs: now });
  }
  return sent;
}

/** A bucket that sent `perSecond` requests a second for `seconds`, then met one throttle; returns it and the time. */
function throttledAfterSteadyTraffic(perSecond: number, seconds: number): { bucket: AdaptiveSendRate; now: number } {
  const bucket = new AdaptiveSendRate();
  let now = 0;
  for (let i = 0; i < perSecond * seconds; i++) {
    now = Math.round((i * 1000) / perSecond);
    expect(bucket.reserve(now)).toBe(0);
    bucket.record(now, { throttled: false, sentAtMs: now });
  }
  now += 1;
  bucket.record(now, { throttled: true, sentAtMs: now });
  return { bucket, now };
}

describe("adaptive sending rate", () => {
  test("never delays a client that has not been throttled, however fast it sends", () => {
    const bucket = new AdaptiveSendRate();
    const sent = sendAll(bucket, 0, 1_000);
    expect(sent[sent.length - 1]).toBe(0);
    expect(bucket.state.active).toBe(false);
  });

  test("after a throttle the rate drops below what was sent and requests are spaced by it", () => {
    const { bucket, now } = throttledAfterSteadyTraffic(20, 3);
    const { active, ratePerSecond, measuredPerSecond } = bucket.state;
    expect(active).toBe(true);
    expect(measuredPerSecond).toBeGreaterThan(15);
    expect(ratePerSecond).toBeCloseTo(measuredPerSecond * 0.7, 5);
    // A crowd of 30 arriving together leaves one by one, at about the new rate.
    const waits = Array.from({ length: 30 }, () => bucket.reserve(now));
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    const spanS = (waits[29]! - waits[0]!) / 1000;
    expect(29 / spanS).toBeGreaterThan(ratePerSecond * 0.9);
    expect(29 / spanS).toBeLessThan(ratePerSecond * 1.1);
  });

  test("throttles of requests already in flight at a cut do not cut again; a later one does", () => {
    const { bucket, now } = throttledAfterSteadyTraffic(20, 3);
    const afterFirst = bucket.state.ratePerSecond;
    for (let i = 0; i < 10; i++) bucket.record(now + 5, { throttled: true, sentAtMs: now - 1 });
    expect(bucket.state.ratePerSecond).toBeCloseTo(afterFirst, 5);
    bucket.record(now + 200, { throttled: true, sentAtMs: now + 100 });
    expect(bucket.state.ratePerSecond).toBeLessThan(afterFirst);
  });

  test("recovers over time: successes grow the rate back past the throttled one, never above twice what is sent", () => {
    const { bucket, now } = throttledAfterSteadyTraffic(20, 3);
    const cut = bucket.state.ratePerSecond;
    let t = now;
    const rates: number[] = [];
    for (let second = 0; second < 12; second++) {
      // Send as fast as the bucket lets through for one second.
      const end = t + 1000;
      while (t < end) {
        t += bucket.reserve(t);
        bucket.record(t, { throttled: false, sentAtMs: t });
      }
      rates.push(bucket.state.ratePerSecond);
      expect(bucket.state.ratePerSecond).toBeLessThanOrEqual(2 * bucket.state.measuredPerSecond + 1e-9);
    }
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(rates[0]!).toBeLessThan(20);
    expect(rates[rates.length - 1]!).toBeGreaterThan(cut * 2);
  });

  test("honours Retry-After: nobody sharing the bucket leaves before it, then they leave spaced", () => {
    const { bucket, now } = throttledAfterSteadyTraffic(20, 3);
    bucket.record(now + 10, { throttled: true, retryAfterMs: 2_000, sentAtMs: now + 5 });
    const waits = Array.from({ length: 5 }, () => bucket.reserve(now + 10));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(2_000);
    const gaps = waits.slice(1).map((w, i) => w - waits[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(Math.floor(1000 / bucket.state.ratePerSecond));
  });

  test("never falls below half a request per second, so a throttled client keeps probing", () => {
    const bucket = new AdaptiveSendRate();
    for (let i = 0; i < 50; i++) bucket.record(i * 10, { throttled: true, sentAtMs: i * 10 });
    expect(bucket.state.ratePerSecond).toBe(0.5);
    expect(bucket.reserve(500)).toBeLessThanOrEqual(2_000);
  });

  test("is one per endpoint and access key in the process", () => {
    expect(sharedSendRate("http://a/api/v2/vm", "k1")).toBe(sharedSendRate("http://a/api/v2/vm", "k1"));
    expect(sharedSendRate("http://a/api/v2/vm", "k1")).not.toBe(sharedSendRate("http://a/api/v2/vm", "k2"));
    expect(sharedSendRate("http://a/api/v2/vm", "k1")).not.toBe(sharedSendRate("http://b/api/v2/vm", "k1"));
  });
});

describe("the client's calls share the adaptive rate", () => {
  let keyCounter = 0;
  /** Two clients of one account on a fake clock; the transport refuses the actions in `refuse` once each. */
  function setup(refuse: Set<string>, retryAfter?: string) {
    const clock = { ms: 1_000_000 };
    const sleeps: number[] = [];
    const sent: Array<{ action: string; atMs: number }> = [];
    const transport: Transport = async (action) => {
      sent.push({ action, atMs: clock.ms });
      if (refuse.delete(action)) {
        return { kind: "response", response: {
          status: 429, contentType: "application/json", ...(retryAfter ? { retryAfter } : {}),
          bodyText: JSON.stringify({ requestId: "r-429", code: "REQUEST_LIMIT_EXCEEDED", message: "slow down" }),
        } };
      }
      return { kind: "response", response: {
        status: 200, contentType: "application/json",
        bodyText: JSON.stringify({ requestId: "r-ok", response: { requestId: "r-ok", totalCount: 0, dataSet: [] } }),
      } };
    };
    const accessKeyId = `AKID-adaptive-${++keyCounter}`;
    const make = () => new VmClient({
      accessKeyId, accessKeyPassword: "pw-not-shown", domain: "api.example", scheme: "https", env: {},
      now: () => clock.ms, random: () => 0,
      sleep: async (ms) => { sleeps.push(ms); clock.ms += ms; },
      retry: { baseDelayMs: 100, maxDelayMs: 1_000 },
    }, transport);
    return { clock, sleeps, sent, first: make(), second: make() };
  }

  test("no wait at all while nothing is throttled", async () => {
    const { sleeps, first, second } = setup(new Set());
    for (let i = 0; i < 20; i++) await Promise.all([first.describeInstances({}), second.describeZones({})]);
    expect(sleeps).toEqual([]);
  });

  test("a throttle met by one client, with its Retry-After, holds the other client's next request too", async () => {
    const { clock, sleeps, sent, first, second } = setup(new Set(["DescribeInstances"]), "3");
    const start = clock.ms;
    await first.describeInstances({});
    // The refused call slept its Retry-After (3 s) and went again.
    expect(sleeps[0]).toBe(3_000);
    await second.describeZones({});
    const zones = sent.find((s) => s.action === "DescribeZones")!;
    expect(zones.atMs - start).toBeGreaterThanOrEqual(3_000);
    // After the throttle the calls are paced: further sends are spaced, not back to back.
    const before = sleeps.length;
    for (let i = 0; i < 5; i++) await second.describeZones({});
    expect(sleeps.length).toBeGreaterThan(before);
  });

  test("adaptiveRate: false leaves only the per-call retry delay", async () => {
    const sleeps: number[] = [];
    const off = new VmClient({
      accessKeyId: "AKID-off", accessKeyPassword: "pw", domain: "api.example", env: {}, adaptiveRate: false,
      now: () => 0, random: () => 0, sleep: async (ms) => { sleeps.push(ms); },
    }, async () => ({ kind: "response", response: { status: 429, retryAfter: "1", contentType: "application/json", bodyText: JSON.stringify({ requestId: "r", code: "REQUEST_LIMIT_EXCEEDED", message: "x" }) } }));
    await expect(off.describeZones({})).rejects.toThrow(/REQUEST_LIMIT_EXCEEDED/);
    // maxAttempts 8: seven retry delays of the Retry-After each, and no pacing wait between them.
    expect(sleeps).toEqual(Array.from({ length: 7 }, () => 1_000));
  });
});
