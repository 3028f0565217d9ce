/**
 * The API calls of one create + delete at the simulator's default state durations and production
 * tuning stay few. Timings are measured by `npm run bench`, not asserted here.
 */
import { DEFAULT_DURATIONS, type Durations } from "../../../simulator";
import { startHarness, type Harness } from "./harness";

describe("API calls at production tuning", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ durations: "simulator defaults", tuning: "production" });
  });
  afterEach(async () => { await h.stop(); });

  it("counts the API calls of one create and delete at the simulator's default durations", async () => {
    h.sim.control.resetStats();
    const { id, outs } = await h.createVm();
    const afterCreate = { ...h.sim.control.stats().requests };
    // As the engine calls it: with the stored outputs, whose RUNNING lets TerminateInstance go first.
    await h.provider.delete(id, outs);
    const all = h.sim.control.stats();
    const afterDelete = Object.fromEntries(Object.entries(all.requests).map(([k, v]) => [k, v - (afterCreate[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
    expect(afterCreate.CreateInstances).toBe(1);
    expect(afterDelete).toEqual({ TerminateInstance: 1, DescribeInstancesStatus: 1 });
    expect(all.total).toBeLessThan(20);
  }, 30_000);
});

describe("the first look at a new instance", () => {
  let h: Harness;
  afterEach(async () => { await h?.stop(); });

  it("is at once: an instance RUNNING right away is seen without waiting a poll interval, by one call that brings its outputs too", async () => {
    const instant = Object.fromEntries(Object.keys(DEFAULT_DURATIONS).map((key) => [key, 0])) as Partial<Durations>;
    // A 5 s interval: waiting one would take at least 4 s (the interval less its jitter).
    h = await startHarness({ durations: instant, tuning: { ZENLAYER_VM_POLL_INTERVAL_MS: "5000" } });
    h.sim.control.resetStats();
    const started = Date.now();
    await h.createVm();
    expect(Date.now() - started).toBeLessThan(2500);
    // The owner-tag lookup, then the poll: it reads the new instance's details, which are the outputs.
    const { requests } = h.sim.control.stats();
    expect(requests).toMatchObject({ CreateInstances: 1, DescribeInstances: 2 });
    expect(requests.DescribeInstancesStatus).toBeUndefined();
  }, 30_000);
});
