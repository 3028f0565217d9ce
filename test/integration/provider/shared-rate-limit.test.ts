import { startHarness, type Harness } from "./harness";

const COUNT = 10;
const LIMIT = { requestsPerSecond: 10, burst: 10 };
const TERMINATED = new Set(["RECYCLING", "RECYCLE"]);

/** Status polls a few times a second, as against a real account, rather than the harness's 20 ms. */
const REALISTIC_POLLS = { ZENLAYER_VM_POLL_INTERVAL_MS: "250", ZENLAYER_VM_WAIT_MAX_INTERVAL_MS: "500" };

/** Creates COUNT instances of one stack at once, then deletes them at once; returns the ids. */
async function createAndDeleteAll(h: Harness, stack: string): Promise<string[]> {
  const created = await Promise.all(Array.from({ length: COUNT }, (_, i) => h.createVm({ __stack: stack, __owner: `${stack}/vm-${i}` })));
  await Promise.all(created.map(({ id, outs }) => h.provider.delete(id, outs)));
  return created.map((c) => c.id);
}

/** Every instance the simulator holds: the ids given, each terminated, none other (no duplicate, no orphan). */
function expectExactlyTerminated(h: Harness, ids: string[]): void {
  const instances = h.sim.control.listInstances();
  expect(instances.map((i) => i.instanceId).sort()).toEqual([...ids].sort());
  for (const vm of instances) expect(TERMINATED).toContain(vm.instanceStatus);
}

describe("concurrent creates and deletes sharing one account's rate limit", () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness({ tuning: REALISTIC_POLLS }); });
  afterEach(async () => { await h.stop(); });

  it("every create and delete succeeds, with no duplicate and nothing left running", async () => {
    h.sim.control.setFaults({ rateLimit: LIMIT });
    h.sim.control.resetStats();
    const ids = await createAndDeleteAll(h, "proj/limited");
    expect(new Set(ids).size).toBe(COUNT);
    expectExactlyTerminated(h, ids);
    const stats = h.sim.control.stats();
    expect(stats.requests.CreateInstances! - (stats.rejected.CreateInstances ?? 0)).toBe(COUNT);
    console.info(`${COUNT} creates + deletes at ${LIMIT.requestsPerSecond} requests/s: ` +
      `${(stats.total / COUNT).toFixed(1)} calls per instance, ${stats.faults.throttled}/${stats.total} refused`);
  }, 120_000);

  it("creates whose answers are lost while the account throttles are reconciled, never sent twice", async () => {
    // Every CreateInstances that gets through runs, but its answer never arrives: each create must
    // find its instance by name rather than send again, while the limit refuses other calls.
    h.sim.control.setFaults({ rateLimit: LIMIT, loseResponseRate: 1, actions: ["CreateInstances"] });
    h.sim.control.resetStats();
    const created = await Promise.all(Array.from({ length: COUNT }, (_, i) =>
      h.createVm({ __stack: "proj/lost", __owner: `proj/lost/vm-${i}`, instanceName: `lost-${i}` })));
    const ids = created.map((c) => c.id);
    expect(new Set(ids).size).toBe(COUNT);
    const stats = h.sim.control.stats();
    expect(stats.faults.lostResponses).toBe(COUNT);
    expect(h.sim.control.listInstances().map((i) => i.instanceId).sort()).toEqual([...ids].sort());
    h.sim.control.setFaults({ rateLimit: LIMIT });
    await Promise.all(created.map(({ id, outs }) => h.provider.delete(id, outs)));
    expectExactlyTerminated(h, ids);
  }, 120_000);
});
