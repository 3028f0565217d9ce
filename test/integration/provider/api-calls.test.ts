/**
 * The API calls of one create + delete at the simulator's default state durations and production
 * tuning stay few. Timings are measured by `npm run bench`, not asserted here.
 */
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
