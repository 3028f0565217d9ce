import { MAX_TIMER_MS, realClock, setLongTimeout } from "../../../provider/lifecycle/runtime/clock";
import { StatusPoller } from "../../../provider/lifecycle/waits/status-poller";

const DAY = 86_400_000;

describe("timers longer than one Node.js timer can hold", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("fires a 30-day timer after 30 days, not at once", () => {
    const fired = jest.fn();
    setLongTimeout(fired, 30 * DAY);
    jest.advanceTimersByTime(MAX_TIMER_MS);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(30 * DAY - MAX_TIMER_MS - 1);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it("cancels a chained timer in any of its links", () => {
    const fired = jest.fn();
    const cancel = setLongTimeout(fired, 60 * DAY);
    jest.advanceTimersByTime(40 * DAY);
    cancel();
    jest.advanceTimersByTime(40 * DAY);
    expect(fired).not.toHaveBeenCalled();
  });

  it("sleeps 30 days on the real clock without resolving early", async () => {
    let done = false;
    void realClock.sleep(30 * DAY).then(() => { done = true; });
    await jest.advanceTimersByTimeAsync(29 * DAY);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(DAY);
    expect(done).toBe(true);
  });

  it("keeps a status wait with a 30-day deadline going instead of timing it out at once", async () => {
    const statuses = new Map([["ins-1", "DEPLOYING"]]);
    const poller = new StatusPoller(async () => statuses, { clock: { ...realClock, random: () => 0.5 }, schedule: { floorMs: 1_000, capMs: 60_000 } });
    let result: unknown;
    void poller.watch("ins-1", { until: (s) => s === "RUNNING", deadline: Date.now() + 30 * DAY }).then((r) => { result = r; });
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(result).toBeUndefined();
    statuses.set("ins-1", "RUNNING");
    await jest.advanceTimersByTimeAsync(60_000);
    expect(result).toEqual({ matched: true, status: "RUNNING" });
  });
});
