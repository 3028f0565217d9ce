/**
 * The shared status poller on a fake clock (jest's timers and Date): every assertion on time is on
 * the fake clock, so a loaded machine cannot move it.
 */
import { realClock, type Clock } from "../../../provider/lifecycle/runtime/clock";
import { GONE } from "../../../provider/lifecycle/constants";
import { FOLLOW_UP_MS, IMMEDIATE_GAP_MS, StatusPoller } from "../../../provider/lifecycle/waits/status-poller";
import type { PollSchedule } from "../../../provider/lifecycle/waits/poll-schedule";

function source(statuses: Map<string, string>) {
  const calls: { ids: string[]; at: number }[] = [];
  const fn = async (ids: string[]) => {
    calls.push({ ids: [...ids], at: Date.now() });
    return new Map([...statuses].filter(([id]) => ids.includes(id)));
  };
  return { fn, calls };
}

/** The real clock (faked by jest) with a fixed jitter draw: 0.5 is no jitter at all. */
const steady: Clock = { ...realClock, random: () => 0.5 };
const flat = (ms: number): PollSchedule => ({ floorMs: ms, capMs: ms });

describe("the shared status poller", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("serves every waiter with one call per poll", async () => {
    const statuses = new Map([["a", "PENDING"], ["b", "PENDING"], ["c", "DEPLOYING"]]);
    const { fn, calls } = source(statuses);
    const poller = new StatusPoller(fn, { clock: steady, schedule: flat(10) });
    const waits = ["a", "b", "c"].map((id) => poller.watch(id, { until: (s) => s === "RUNNING", deadline: Date.now() + 2_000 }));
    await jest.advanceTimersByTimeAsync(35);
    for (const id of ["a", "b", "c"]) statuses.set(id, "RUNNING");
    await jest.advanceTimersByTimeAsync(10);
    const results = await Promise.all(waits);
    expect(results.every((r) => r.matched && r.status === "RUNNING")).toBe(true);
    expect(calls.every((c) => c.ids.length === 3)).toBe(true);
    expect(calls).toHaveLength(4);
  });

  it("observes first at firstDueAt when given, instead of one interval from now", async () => {
    const { fn, calls } = source(new Map([["a", "RUNNING"]]));
    const poller = new StatusPoller(fn, { clock: steady, schedule: flat(5_000) });
    const started = Date.now();
    const wait = poller.watch("a", { until: (s) => s === "RUNNING", deadline: started + 4_000, firstDueAt: started + 50 });
    await jest.advanceTimersByTimeAsync(50);
    await expect(wait).resolves.toMatchObject({ matched: true });
    expect(calls.map((c) => c.at - started)).toEqual([50]);
  });

  it("stops polling when nobody waits", async () => {
    const { fn, calls } = source(new Map([["a", "RUNNING"]]));
    const poller = new StatusPoller(fn, { clock: steady, schedule: flat(5) });
    const wait = poller.watch("a", { until: (s) => s === "RUNNING", deadline: Date.now() + 1_000 });
    await jest.advanceTimersByTimeAsync(5);
    await wait;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);
    expect(poller.waiting).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it("reports an id the API no longer lists as NOT_FOUND", async () => {
    const { fn } = source(new Map());
    const poller = new StatusPoller(fn, { clock: steady, schedule: flat(5) });
    const wait = poller.watch("x", { until: (s) => s === GONE, deadline: Date.now() + 1_000 });
    await jest.advanceTimersByTimeAsync(5);
    await expect(wait).resolves.toMatchObject({ matched: true, status: GONE });
  });

  it("ends a wait unmatched at its deadline with the last status seen", async () => {
    const { fn } = source(new Map([["a", "DEPLOYING"]]));
    const poller = new StatusPoller(fn, { clock: steady, schedule: flat(5) });
    const wait = poller.watch("a", { until: () => false, deadline: Date.now() + 40 });
    await jest.advanceTimersByTimeAsync(40);
    await expect(wait).resolves.toMatchObject({ matched: false, status: "DEPLOYING" });
  });

  it("keeps waiting through retryable poll errors and rejects waiters on fatal ones", async () => {
    let fail: Error | undefined = new Error("transient");
    const statuses = new Map([["a", "RUNNING"]]);
    const fn = async (ids: string[]) => {
      if (fail) throw fail;
      return new Map([...statuses].filter(([id]) => ids.includes(id)));
    };
    const errors: unknown[] = [];
    const poller = new StatusPoller(fn, { clock: steady, schedule: flat(5), isFatal: (e) => (e as Error).message === "fatal" });
    const wait = poller.watch("a", { until: (s) => s === "RUNNING", deadline: Date.now() + 1_000, onError: (e) => errors.push(e) });
    await jest.advanceTimersByTimeAsync(30);
    fail = undefined;
    await jest.advanceTimersByTimeAsync(200);
    await expect(wait).resolves.toMatchObject({ matched: true });
    expect(errors.length).toBeGreaterThan(0);

    fail = new Error("fatal");
    const fatal = poller.watch("a", { until: () => true, deadline: Date.now() + 1_000 });
    const settled = expect(fatal).rejects.toThrow("fatal");
    await jest.advanceTimersByTimeAsync(5);
    await settled;
  });

  it("observes at once for an immediate waiter", async () => {
    const { fn, calls } = source(new Map([["a", "RECYCLING"]]));
    const poller = new StatusPoller(fn, { clock: steady, schedule: flat(10_000) });
    const started = Date.now();
    const wait = poller.watch("a", { until: (s) => s === "RECYCLING", deadline: Date.now() + 5_000, immediate: true });
    await jest.advanceTimersByTimeAsync(0);
    await wait;
    expect(calls.map((c) => c.at - started)).toEqual([0]);
  });

  // The gap is IMMEDIATE_GAP_MS, or a quarter of the schedule's floor when that is shorter.
  it.each([
    { floorMs: 1_500, gapMs: IMMEDIATE_GAP_MS },
    { floorMs: 200, gapMs: 50 },
  ])("keeps $gapMs ms between polls for immediate waiters that arrive one after another (floor $floorMs ms)", async ({ floorMs, gapMs }) => {
    const { fn, calls } = source(new Map([["a", "RECYCLING"], ["b", "RECYCLING"]]));
    const poller = new StatusPoller(fn, { clock: steady, schedule: flat(floorMs) });
    const started = Date.now();
    const first = poller.watch("a", { until: (s) => s === "RECYCLING", deadline: started + 5_000, immediate: true });
    await jest.advanceTimersByTimeAsync(0);
    await first;
    const second = poller.watch("b", { until: (s) => s === "RECYCLING", deadline: started + 5_000, immediate: true });
    await jest.advanceTimersByTimeAsync(gapMs);
    await second;
    expect(calls.map((c) => c.at - started)).toEqual([0, gapMs]);
  });

  it("looks at the others again FOLLOW_UP_MS after a poll that ended a wait, and goes on while waits keep ending", async () => {
    const statuses = new Map([["a", "INSTALLING"], ["b", "INSTALLING"], ["c", "INSTALLING"]]);
    const { fn, calls } = source(statuses);
    const poller = new StatusPoller(fn, { clock: steady, schedule: flat(10_000) });
    const started = Date.now();
    const waits = ["a", "b", "c"].map((id) => poller.watch(id, { until: (s) => s === "RUNNING", deadline: started + 60_000, immediate: true }));
    await jest.advanceTimersByTimeAsync(0);
    statuses.set("a", "RUNNING");
    await jest.advanceTimersByTimeAsync(10_000); // the schedule's poll sees a: a follow-up for b and c
    statuses.set("b", "RUNNING");
    await jest.advanceTimersByTimeAsync(FOLLOW_UP_MS); // the follow-up sees b: another for c
    await jest.advanceTimersByTimeAsync(FOLLOW_UP_MS); // it sees nothing new: back to the schedule
    await jest.advanceTimersByTimeAsync(5_000);
    expect(calls.map((c) => c.at - started)).toEqual([0, 10_000, 10_000 + FOLLOW_UP_MS, 10_000 + 2 * FOLLOW_UP_MS]);
    statuses.set("c", "RUNNING");
    await jest.advanceTimersByTimeAsync(5_000);
    expect(calls.map((c) => c.at - started).at(-1)).toBe(20_000 + 2 * FOLLOW_UP_MS);
    expect((await Promise.all(waits)).every((r) => r.matched)).toBe(true);
  });

  it("costs a lone wait nothing: no follow-up once nobody waits, and none carried over to a later wait", async () => {
    const { fn, calls } = source(new Map([["a", "RUNNING"], ["b", "INSTALLING"]]));
    const poller = new StatusPoller(fn, { clock: steady, schedule: flat(10_000) });
    const started = Date.now();
    const first = poller.watch("a", { until: (s) => s === "RUNNING", deadline: started + 60_000, immediate: true });
    await jest.advanceTimersByTimeAsync(0);
    await first;
    void poller.watch("b", { until: (s) => s === "RUNNING", deadline: started + 60_000 });
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls.map((c) => c.at - started)).toEqual([0, 10_000]);
  });
});
