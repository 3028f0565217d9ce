import { AdaptiveSendRate, SLOW_START_STEP, START_RATE } from "../../../provider/client/adaptive-rate";
import { SendQueue, sharedSendQueue } from "../../../provider/client/send-queue";
import { VmClient } from "../../../provider/client";
import type { Transport } from "../../../provider/client/transport";

/**
 * Sends `count` requests through `bucket` from `startMs` as fast as it lets them go, each answered
 * at once (throttled when `throttledAt` says so); returns the send times.
 */
function sendBacklog(bucket: AdaptiveSendRate, startMs: number, count: number, throttledAt: (sentAtMs: number) => boolean = () => false): number[] {
  const sent: number[] = [];
  let now = startMs;
  for (let i = 0; i < count; i++) {
    const wait = bucket.waitMs(now);
    now += wait;
    bucket.take(now);
    sent.push(now);
    bucket.record(now, { throttled: throttledAt(now), sentAtMs: now });
  }
  return sent;
}

/**
 * A bucket that sent a backlog as fast as allowed until its slow start reached `rate` requests/s
 * (whatever its step), then met one throttle; returns it, the time and the rate before.
 */
function throttledAfterBacklog(rate: number): { bucket: AdaptiveSendRate; now: number; before: number } {
  const bucket = new AdaptiveSendRate();
  let now = 0;
  while (bucket.state.ratePerSecond < rate) {
    now += bucket.waitMs(now);
    bucket.take(now);
    bucket.record(now, { throttled: false, sentAtMs: now });
  }
  const before = bucket.state.ratePerSecond;
  now += 1;
  bucket.record(now, { throttled: true, sentAtMs: now });
  return { bucket, now, before };
}

describe("adaptive sending rate: slow start", () => {
  test("lets START_RATE requests go at once, then spaces the next at the start rate", () => {
    const bucket = new AdaptiveSendRate();
    for (let i = 0; i < START_RATE; i++) {
      expect(bucket.waitMs(1_000)).toBe(0);
      bucket.take(1_000);
    }
    expect(bucket.waitMs(1_000)).toBe(Math.ceil(1000 / START_RATE));
    expect(bucket.state).toMatchObject({ slowStart: true, ratePerSecond: START_RATE });
  });

  test("grows by SLOW_START_STEP per request accepted, not for a refused one", () => {
    const bucket = new AdaptiveSendRate();
    bucket.take(0);
    bucket.record(10, { throttled: false, sentAtMs: 0 });
    expect(bucket.state.ratePerSecond).toBe(START_RATE + SLOW_START_STEP);
    bucket.record(20, { throttled: true, sentAtMs: 0 });
    expect(bucket.state.ratePerSecond).toBeLessThan(START_RATE + SLOW_START_STEP);
  });

  test("a client that has been heard for a while meets its next burst with the rate it earned", () => {
    const bucket = new AdaptiveSendRate();
    // A status poll every half second for ten seconds, never waiting.
    for (let t = 0; t < 10_000; t += 500) {
      expect(bucket.waitMs(t)).toBe(0);
      bucket.take(t);
      bucket.record(t + 5, { throttled: false, sentAtMs: t });
    }
    // Then ten calls at once (a poll saw ten instances become deletable): none waits.
    const burst = sendBacklog(bucket, 10_000, 10);
    expect(burst.at(-1)).toBe(10_000);
  });

  test("a backlog with nothing refusing it is slowed only for its first moments: 10 leave within 2 s, 100 within 4.5 s", () => {
    const ten = sendBacklog(new AdaptiveSendRate(), 0, 10);
    const hundred = sendBacklog(new AdaptiveSendRate(), 0, 100);
    expect(ten.at(-1)!).toBeLessThan(2_000);
    expect(hundred.at(-1)!).toBeLessThan(4_500);
    // The rate doubles and doubles again: the second half of the hundred takes a fraction of the first.
    expect(hundred[99]! - hundred[49]!).toBeLessThan((hundred[49]! - hundred[0]!) / 2);
  });

  test("a sequential client waits only for its first few requests", () => {
    const bucket = new AdaptiveSendRate();
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 40; i++) {
      const wait = bucket.waitMs(now);
      waits.push(wait);
      now += wait;
      bucket.take(now);
      // Each request takes 100 ms to answer: the client never asks for more than 10 a second.
      now += 100;
      bucket.record(now, { throttled: false, sentAtMs: now - 100 });
    }
    expect(waits.slice(12).every((w) => w === 0)).toBe(true);
  });
});

describe("adaptive sending rate: after a throttle", () => {
  test("the first throttle ends the slow start and cuts the rate below what was accepted", () => {
    const { bucket, before } = throttledAfterBacklog(40);
    const { slowStart, ratePerSecond, measuredPerSecond } = bucket.state;
    expect(slowStart).toBe(false);
    expect(ratePerSecond).toBeCloseTo(Math.min(before, measuredPerSecond) * 0.7, 5);
  });

  test("a throttle before anything was accepted cuts from the bucket's own rate, not to the floor", () => {
    const bucket = new AdaptiveSendRate();
    bucket.take(0);
    bucket.record(5, { throttled: true, sentAtMs: 0 });
    expect(bucket.state.ratePerSecond).toBeCloseTo(START_RATE * 0.7, 5);
  });

  test("throttles of requests already in flight at a cut do not cut again; a later one does", () => {
    const { bucket, now } = throttledAfterBacklog(40);
    const afterFirst = bucket.state.ratePerSecond;
    for (let i = 0; i < 10; i++) bucket.record(now + 5, { throttled: true, sentAtMs: now - 1 });
    expect(bucket.state.ratePerSecond).toBeCloseTo(afterFirst, 5);
    bucket.record(now + 200, { throttled: true, sentAtMs: now + 100 });
    expect(bucket.state.ratePerSecond).toBeLessThan(afterFirst);
  });

  test("recovers over time: successes grow the rate back past the throttled one, never above twice what is accepted", () => {
    const { bucket, now } = throttledAfterBacklog(40);
    const cut = bucket.state.ratePerSecond;
    let t = now;
    const rates: number[] = [];
    for (let second = 0; second < 12; second++) {
      // Send as fast as the bucket lets through for one second.
      const end = t + 1000;
      while (t < end) {
        t += bucket.waitMs(t);
        bucket.take(t);
        bucket.record(t, { throttled: false, sentAtMs: t });
      }
      rates.push(bucket.state.ratePerSecond);
      expect(bucket.state.ratePerSecond).toBeLessThanOrEqual(2 * bucket.state.measuredPerSecond + 1e-9);
    }
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(rates[rates.length - 1]!).toBeGreaterThan(cut * 2);
  });

  test("honours Retry-After: nothing leaves before it", () => {
    const { bucket, now } = throttledAfterBacklog(40);
    bucket.record(now + 10, { throttled: true, retryAfterMs: 2_000, sentAtMs: now + 5 });
    expect(bucket.waitMs(now + 10)).toBeGreaterThanOrEqual(2_000);
    expect(bucket.waitMs(now + 2_010 + Math.ceil(1000 / bucket.state.ratePerSecond))).toBe(0);
  });

  test("never falls below half a request per second, so a throttled client keeps probing", () => {
    const bucket = new AdaptiveSendRate();
    for (let i = 0; i < 50; i++) bucket.record(i * 10, { throttled: true, sentAtMs: i * 10 });
    expect(bucket.state.ratePerSecond).toBe(0.5);
    bucket.take(500);
    expect(bucket.waitMs(500)).toBeLessThanOrEqual(2_000);
  });
});

/**
 * A fake clock with timers: `sleep` resolves when `run` has advanced the time to its end, so a
 * caller released by a sleep sees the time it was released at.
 */
function fakeClock(startMs = 1_000_000) {
  let now = startMs;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => { timers.push({ at: now + ms, resolve }); }),
    /** Runs every timer in time order until `work` settles. */
    async run<T>(work: Promise<T>): Promise<T> {
      let done = false;
      const result = work.finally(() => { done = true; });
      while (!done) {
        await settle();
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) continue;
        now = Math.max(now, next.at);
        next.resolve();
      }
      return result;
    },
  };
}

describe("the send queue", () => {
  test("callers leave in the order they came, spaced by the rate", async () => {
    const clock = fakeClock();
    const queue = new SendQueue(new AdaptiveSendRate());
    const left: Array<{ i: number; at: number }> = [];
    await clock.run(Promise.all(Array.from({ length: 6 }, (_, i) => queue.acquire(clock).then(() => left.push({ i, at: clock.now() })))));
    expect(left.map((l) => l.i)).toEqual([0, 1, 2, 3, 4, 5]);
    // Nothing answered, so the rate stays: START_RATE at once, then one per 1/START_RATE s.
    expect(left.map((l) => l.at - 1_000_000)).toEqual(
      Array.from({ length: 6 }, (_, k) => Math.max(0, Math.ceil(((k + 1 - START_RATE) * 1000) / START_RATE))));
  });

  test("a rate that grows while callers wait speeds up those already queued", async () => {
    const clock = fakeClock();
    const queue = new SendQueue(new AdaptiveSendRate());
    const count = 30;
    // Each caller's request is answered at once and accepted: the slow start grows the rate.
    await clock.run(Promise.all(Array.from({ length: count }, async () => {
      await queue.acquire(clock);
      queue.record(clock.now(), { throttled: false, sentAtMs: clock.now() });
    })));
    const atStartRate = ((count - START_RATE) * 1000) / START_RATE;
    expect(clock.now() - 1_000_000).toBeLessThan(atStartRate / 3);
  });

  test("a Retry-After recorded while callers wait holds every one of them", async () => {
    const clock = fakeClock();
    const queue = new SendQueue(new AdaptiveSendRate());
    for (let i = 0; i < START_RATE; i++) await queue.acquire(clock);
    const left: number[] = [];
    const waiting = Promise.all(Array.from({ length: 4 }, () => queue.acquire(clock).then(() => left.push(clock.now()))));
    queue.record(clock.now(), { throttled: true, retryAfterMs: 3_000, sentAtMs: clock.now() });
    await clock.run(waiting);
    expect(Math.min(...left) - 1_000_000).toBeGreaterThanOrEqual(3_000);
  });

  test("is one per endpoint and access key in the process", () => {
    expect(sharedSendQueue("http://a/api/v2/vm", "k1")).toBe(sharedSendQueue("http://a/api/v2/vm", "k1"));
    expect(sharedSendQueue("http://a/api/v2/vm", "k1")).not.toBe(sharedSendQueue("http://a/api/v2/vm", "k2"));
    expect(sharedSendQueue("http://a/api/v2/vm", "k1")).not.toBe(sharedSendQueue("http://b/api/v2/vm", "k1"));
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
      // Each answer takes 50 ms, as on a network.
      clock.ms += 50;
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

  test("while nothing is throttled, only the slow start's first moments wait", async () => {
    const { clock, sleeps, first, second } = setup(new Set());
    const start = clock.ms;
    for (let i = 0; i < 20; i++) await Promise.all([first.describeInstances({}), second.describeZones({})]);
    expect(sleeps.length).toBeGreaterThan(0);
    const early = sleeps.length;
    for (let i = 0; i < 20; i++) await Promise.all([first.describeInstances({}), second.describeZones({})]);
    expect(sleeps.length).toBe(early);
    // The slow start climbs from START_RATE to the 20 calls a second asked for in a few seconds.
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(3_000);
    expect(clock.ms - start).toBeLessThan(40 * 2 * 50 + 3_000);
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

  test("a client given its own send queue is not held by a throttle the process's queue met", async () => {
    const clock = { ms: 5_000_000 };
    const sleeps: number[] = [];
    const make = (sendQueue?: SendQueue) => new VmClient({
      accessKeyId: "AKID-apart", accessKeyPassword: "pw", domain: "api.example", scheme: "https", env: {},
      now: () => clock.ms, sleep: async (ms) => { sleeps.push(ms); clock.ms += ms; },
      ...(sendQueue ? { sendQueue } : {}),
    }, async () => ({ kind: "response", response: {
      status: 200, contentType: "application/json", bodyText: JSON.stringify({ requestId: "r", response: { requestId: "r", zoneSet: [] } }),
    } }));
    sharedSendQueue("https://api.example/api/v2/vm", "AKID-apart")
      .record(clock.ms, { throttled: true, retryAfterMs: 3_000, sentAtMs: clock.ms });
    await make(new SendQueue(new AdaptiveSendRate())).describeZones({});
    expect(sleeps).toEqual([]);
    await make().describeZones({});
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3_000);
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
