/**
 * The poll schedule every wait follows (poll-schedule.ts): the pure rule, then the shared poller
 * and an ordered change driven by it, all on a fake clock (jest's timers and Date).
 */
import { realClock, type Clock } from "../../../provider/lifecycle/runtime/clock";
import { createContext } from "../../../provider/lifecycle/runtime/context";
import { Progress } from "../../../provider/lifecycle/runtime/progress";
import { DEFAULT_TUNING } from "../../../provider/lifecycle/runtime/settings";
import { waitForOrderedChange } from "../../../provider/lifecycle/in-place/ordered-change";
import {
  baseInterval, JITTER, nextPollDelay, pollScheduleOf, WAITED_FRACTION, waitingSince, type PollSchedule,
} from "../../../provider/lifecycle/waits/poll-schedule";
import { StatusPoller } from "../../../provider/lifecycle/waits/status-poller";
import { FakeVmApi } from "./helpers/fake-api";

/** The production schedule: 1.5 s floor, 30 s cap. */
const schedule: PollSchedule = pollScheduleOf(DEFAULT_TUNING);
const quiet = { info: () => undefined, warn: () => undefined };

/** The real clock (faked by jest) drawing its jitter from `draws`, the last one repeated. */
function clockDrawing(...draws: number[]): Clock {
  let i = 0;
  return { ...realClock, random: () => draws[Math.min(i++, draws.length - 1)]! };
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe("the poll schedule", () => {
  it("holds the floor for the first seconds, then grows to 15 % of the time waited, up to the cap", () => {
    expect(WAITED_FRACTION).toBe(0.15);
    expect(baseInterval(schedule, 0)).toBe(1_500);
    expect(baseInterval(schedule, 9_999)).toBe(1_500);
    expect(baseInterval(schedule, 20_000)).toBe(3_000);
    expect(baseInterval(schedule, 60_000)).toBe(9_000);
    expect(baseInterval(schedule, 200_000)).toBe(30_000);
    expect(baseInterval(schedule, 90 * 60_000)).toBe(30_000);
  });

  it("grows monotonically with the time waited", () => {
    let previous = 0;
    for (let waited = 0; waited <= 600_000; waited += 250) {
      const interval = baseInterval(schedule, waited);
      expect(interval).toBeGreaterThanOrEqual(previous);
      previous = interval;
    }
  });

  it("jitters by ±10 % around the interval and never leaves the bounds", () => {
    expect(JITTER).toBe(0.1);
    expect(nextPollDelay(schedule, 100_000, 0.5)).toBe(15_000);
    expect(nextPollDelay(schedule, 100_000, 0)).toBe(13_500);
    expect(nextPollDelay(schedule, 100_000, 0.999999)).toBe(16_500);
    for (const waited of [0, 3_000, 6_000, 100_000, 180_000, 10 * 3_600_000]) {
      for (const random of [0, 0.25, 0.5, 0.75, 0.999999, -1, 2]) {
        const delay = nextPollDelay(schedule, waited, random);
        expect(delay).toBeGreaterThanOrEqual(schedule.floorMs);
        expect(delay).toBeLessThanOrEqual(schedule.capMs);
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
  });

  it("counts the time waited from the last change of status, not from the first observation", () => {
    expect(waitingSince(1_000, undefined, "PENDING", 5_000)).toBe(1_000);
    expect(waitingSince(1_000, "PENDING", "PENDING", 9_000)).toBe(1_000);
    expect(waitingSince(1_000, "PENDING", "DEPLOYING", 9_000)).toBe(9_000);
  });

  it("is described by the tuning knobs, the cap never below the floor", () => {
    expect(pollScheduleOf(DEFAULT_TUNING)).toEqual({ floorMs: 1_500, capMs: 30_000 });
    expect(pollScheduleOf({ pollIntervalMs: 2_000, waitMaxIntervalMs: 500 })).toEqual({ floorMs: 2_000, capMs: 2_000 });
  });
});

describe("waits on the schedule (fake clock)", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function poller(statuses: Map<string, string>, clock: Clock) {
    const polls: number[] = [];
    const source = async (ids: string[]) => {
      polls.push(Date.now());
      return new Map([...statuses].filter(([id]) => ids.includes(id)));
    };
    return { polls, poller: new StatusPoller(source, { clock, schedule }) };
  }

  it("polls a waiter in the same status at intervals that grow with the time it has waited", async () => {
    const statuses = new Map([["a", "DEPLOYING"]]);
    const { polls, poller: p } = poller(statuses, clockDrawing(0.5));
    const started = Date.now();
    void p.watch("a", { until: (s) => s === "RUNNING", deadline: started + 3_600_000, immediate: true });
    await jest.advanceTimersByTimeAsync(180_000);
    const at = polls.map((t) => t - started);
    // The floor for the first ten seconds, then each interval 15 % of the time waited.
    expect(at.slice(0, 8)).toEqual([0, 1_500, 3_000, 4_500, 6_000, 7_500, 9_000, 10_500]);
    for (const [i, gap] of gaps(at).entries()) expect(gap).toBe(Math.round(baseInterval(schedule, at[i]!)));
    expect(gaps(at).at(-1)!).toBeGreaterThan(20_000);
    // About 30 status reads for three minutes, against 360 at a fixed 500 ms.
    expect(polls.length).toBeGreaterThanOrEqual(25);
    expect(polls.length).toBeLessThanOrEqual(30);
    // Then the cap: two reads a minute.
    await jest.advanceTimersByTimeAsync(60_000);
    const before = polls.length;
    await jest.advanceTimersByTimeAsync(600_000);
    expect(polls.length - before).toBe(20);
  });

  it("falls back to the floor when the status changes, and grows again", async () => {
    const statuses = new Map([["a", "PENDING"]]);
    const { polls, poller: p } = poller(statuses, clockDrawing(0.5));
    const started = Date.now();
    const wait = p.watch("a", { until: (s) => s === "RUNNING", deadline: started + 3_600_000, immediate: true });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(gaps(polls).at(-1)!).toBeGreaterThanOrEqual(5_000);
    statuses.set("a", "DEPLOYING");
    const changed = Date.now();
    await jest.advanceTimersByTimeAsync(40_000);
    const after = gaps(polls.filter((t) => t > changed));
    expect(after.slice(0, 6)).toEqual([1_500, 1_500, 1_500, 1_500, 1_500, 1_500]);
    expect(after.at(-1)!).toBeGreaterThan(1_500);
    statuses.set("a", "RUNNING");
    await jest.advanceTimersByTimeAsync(30_000);
    await expect(wait).resolves.toMatchObject({ matched: true, status: "RUNNING" });
  });

  it("serves a new waiter at the floor without holding back one that has waited long", async () => {
    const statuses = new Map([["old", "DEPLOYING"], ["new", "DEPLOYING"]]);
    const { polls, poller: p } = poller(statuses, clockDrawing(0.5));
    const started = Date.now();
    void p.watch("old", { until: () => false, deadline: started + 3_600_000, immediate: true });
    await jest.advanceTimersByTimeAsync(120_000);
    const count = polls.length;
    void p.watch("new", { until: () => false, deadline: started + 3_600_000 });
    await jest.advanceTimersByTimeAsync(7_500);
    // The newcomer's floor sets the pace (the old waiter alone would wait 18 s); each poll observes both.
    const window = polls.slice(count);
    expect(window.length).toBeGreaterThanOrEqual(5);
    expect(window.length).toBeLessThanOrEqual(6);
    expect(gaps(window.slice(-5))).toEqual([1_500, 1_500, 1_500, 1_500]);
  });

  it("jitters each interval independently, within ±10 %", async () => {
    const statuses = new Map([["a", "DEPLOYING"]]);
    const draws = [0, 1 - 1e-9, 0.25, 0.75, 0, 1 - 1e-9];
    const { polls, poller: p } = poller(statuses, clockDrawing(0.5, ...Array.from({ length: 40 }, (_, i) => draws[i % draws.length]!)));
    const started = Date.now();
    void p.watch("a", { until: () => false, deadline: started + 3_600_000, immediate: true });
    await jest.advanceTimersByTimeAsync(120_000);
    const at = polls.map((t) => t - started);
    const ratios = gaps(at).map((gap, i) => gap / baseInterval(schedule, at[i]!)).filter((_, i) => at[i]! >= 12_000);
    expect(ratios.length).toBeGreaterThan(5);
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(0.9 - 1e-3);
    expect(Math.max(...ratios)).toBeLessThanOrEqual(1.1 + 1e-3);
    expect(Math.max(...ratios) - Math.min(...ratios)).toBeGreaterThan(0.15);
  });

  it("paces an ordered change by the same schedule, back to the floor when its state changes", async () => {
    const clock = clockDrawing(0.5);
    const ctx = createContext({ api: new FakeVmApi(), settings: { ...DEFAULT_TUNING }, clock, log: quiet });
    const started = Date.now();
    const reads: number[] = [];
    const read = async () => {
      const now = Date.now() - started;
      reads.push(now);
      if (now < 40_000) return { state: "Processing", inForce: false };
      if (now < 50_000) return { state: "Processing", inForce: true };
      return { state: "Enable", inForce: true };
    };
    const done = waitForOrderedChange(ctx, "ins-1", "bandwidth change", read, {
      started, deadline: started + 600_000, limitText: "10m", progress: new Progress(quiet, clock, 60_000),
    });
    await jest.advanceTimersByTimeAsync(120_000);
    await expect(done).resolves.toBe("enabled");
    const firstRise = reads.findIndex((t) => t >= 40_000);
    expect(gaps(reads.slice(0, 7))).toEqual([1_500, 1_500, 1_500, 1_500, 1_500, 1_500]);
    expect(reads[firstRise]! - reads[firstRise - 1]!).toBeGreaterThan(5_000);
    expect(reads[firstRise + 1]! - reads[firstRise]!).toBe(1_500);
  });
});
