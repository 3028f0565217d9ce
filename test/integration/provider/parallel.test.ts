import { startHarness, type Harness } from "./harness";

describe("parallel deletes", () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.stop(); });

  it("share one status poll instead of polling per instance", async () => {
    const count = 12;
    const ids = Array.from({ length: count }, (_, i) => {
      const { instanceId } = h.sim.control.seedInstance({});
      h.sim.control.holdStatus(instanceId, "DEPLOYING", 150 + i * 20, "RUNNING");
      return instanceId;
    });
    h.sim.control.resetStats();
    const started = Date.now();
    await Promise.all(ids.map((id) => h.provider.delete(id, {})));
    const elapsed = Date.now() - started;
    for (const id of ids) expect(["RECYCLING", "RECYCLE"]).toContain(h.sim.control.getInstance(id)?.instanceStatus);
    const polls = h.sim.control.stats().requests.DescribeInstancesStatus ?? 0;
    // Poll interval 20 ms: one poll per interval for everyone (plus a few immediate confirmations),
    // where a poll loop per instance would make about count × elapsed / 20.
    expect(polls).toBeLessThan(elapsed / 20 + 15);
    expect(polls).toBeLessThan((count * elapsed) / 20 / 4);
  });
});
