import { realClock } from "../../../provider/lifecycle/runtime/clock";
import { GONE } from "../../../provider/lifecycle/constants";
import { StatusPoller } from "../../../provider/lifecycle/waits/status-poller";

function source(statuses: Map<string, string>) {
  const calls: string[][] = [];
  const fn = async (ids: string[]) => {
    calls.push([...ids]);
    return new Map([...statuses].filter(([id]) => ids.includes(id)));
  };
  return { fn, calls };
}

describe("the shared status poller", () => {
  it("serves every waiter with one call per poll", async () => {
    const statuses = new Map([["a", "PENDING"], ["b", "PENDING"], ["c", "DEPLOYING"]]);
    const { fn, calls } = source(statuses);
    const poller = new StatusPoller(fn, { clock: realClock, intervalMs: 10 });
    const waits = ["a", "b", "c"].map((id) => poller.watch(id, { until: (s) => s === "RUNNING", deadline: Date.now() + 2_000 }));
    setTimeout(() => { for (const id of ["a", "b", "c"]) statuses.set(id, "RUNNING"); }, 35);
    const results = await Promise.all(waits);
    expect(results.every((r) => r.matched && r.status === "RUNNING")).toBe(true);
    expect(calls.every((ids) => ids.length === 3)).toBe(true);
    expect(calls.length).toBeLessThanOrEqual(6);
  });

  it("observes first at firstDueAt when given, instead of one interval from now", async () => {
    const { fn, calls } = source(new Map([["a", "RUNNING"]]));
    const poller = new StatusPoller(fn, { clock: realClock, intervalMs: 5_000 });
    const started = Date.now();
    const result = await poller.watch("a", { until: (s) => s === "RUNNING", deadline: started + 4_000, firstDueAt: started + 50 });
    expect(result.matched).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toHaveLength(1);
  });

  it("stops polling when nobody waits", async () => {
    const { fn, calls } = source(new Map([["a", "RUNNING"]]));
    const poller = new StatusPoller(fn, { clock: realClock, intervalMs: 5 });
    await poller.watch("a", { until: (s) => s === "RUNNING", deadline: Date.now() + 1_000 });
    const count = calls.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.length).toBe(count);
    expect(poller.waiting).toBe(0);
  });

  it("reports an id the API no longer lists as NOT_FOUND", async () => {
    const { fn } = source(new Map());
    const poller = new StatusPoller(fn, { clock: realClock, intervalMs: 5 });
    const result = await poller.watch("x", { until: (s) => s === GONE, deadline: Date.now() + 1_000 });
    expect(result).toMatchObject({ matched: true, status: GONE });
  });

  it("ends a wait unmatched at its deadline with the last status seen", async () => {
    const { fn } = source(new Map([["a", "DEPLOYING"]]));
    const poller = new StatusPoller(fn, { clock: realClock, intervalMs: 5 });
    const result = await poller.watch("a", { until: () => false, deadline: Date.now() + 40 });
    expect(result).toMatchObject({ matched: false, status: "DEPLOYING" });
  });

  it("grows the interval of a slow waiter while the status does not change", async () => {
    const { fn, calls } = source(new Map([["a", "DEPLOYING"]]));
    const poller = new StatusPoller(fn, { clock: realClock, intervalMs: 5 });
    await poller.watch("a", { until: () => false, deadline: Date.now() + 200, maxIntervalMs: 80 });
    // Fixed 5 ms would be ~40 polls; doubling to an 80 ms cap gives far fewer.
    expect(calls.length).toBeLessThan(12);
  });

  it("keeps waiting through retryable poll errors and rejects waiters on fatal ones", async () => {
    let fail: Error | undefined = new Error("transient");
    const statuses = new Map([["a", "RUNNING"]]);
    const fn = async (ids: string[]) => {
      if (fail) throw fail;
      return new Map([...statuses].filter(([id]) => ids.includes(id)));
    };
    const errors: unknown[] = [];
    const poller = new StatusPoller(fn, { clock: realClock, intervalMs: 5, isFatal: (e) => (e as Error).message === "fatal" });
    const wait = poller.watch("a", { until: (s) => s === "RUNNING", deadline: Date.now() + 1_000, onError: (e) => errors.push(e) });
    setTimeout(() => { fail = undefined; }, 30);
    await expect(wait).resolves.toMatchObject({ matched: true });
    expect(errors.length).toBeGreaterThan(0);

    fail = new Error("fatal");
    await expect(poller.watch("a", { until: () => true, deadline: Date.now() + 1_000 })).rejects.toThrow("fatal");
  });

  it("observes at once for an immediate waiter", async () => {
    const { fn, calls } = source(new Map([["a", "RECYCLING"]]));
    const poller = new StatusPoller(fn, { clock: realClock, intervalMs: 10_000 });
    const started = Date.now();
    await poller.watch("a", { until: (s) => s === "RECYCLING", deadline: Date.now() + 5_000, immediate: true });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls.length).toBe(1);
  });
});
