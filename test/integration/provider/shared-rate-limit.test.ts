import * as clientConfig from "../../../provider/client/config";
import { startHarness } from "./harness";

const COUNT = 10;
const LIMIT = { requestsPerSecond: 10, burst: 10 };

/** Creates then deletes COUNT instances at once on an account limited to LIMIT; the simulator's counts. */
async function createAndDeleteAll(): Promise<{ requests: number; throttled: number; perInstance: number }> {
  // Status polls a few times a second, as against a real account, rather than the harness's 20 ms.
  const h = await startHarness({ tuning: { ZENLAYER_VM_POLL_INTERVAL_MS: "250", ZENLAYER_VM_WAIT_MAX_INTERVAL_MS: "500" } });
  try {
    h.sim.control.setFaults({ rateLimit: LIMIT });
    h.sim.control.resetStats();
    const created = await Promise.all(Array.from({ length: COUNT }, () => h.createVm()));
    await Promise.all(created.map(({ id, outs }) => h.provider.delete(id, outs)));
    const instances = h.sim.control.listInstances();
    expect(instances).toHaveLength(COUNT);
    for (const vm of instances) expect(["RECYCLING", "RECYCLE"]).toContain(vm.instanceStatus);
    const stats = h.sim.control.stats();
    return {
      requests: stats.total, throttled: stats.faults.throttled,
      perInstance: stats.total / COUNT,
    };
  } finally {
    await h.stop();
  }
}

describe("concurrent creates and deletes sharing one account's rate limit", () => {
  afterEach(() => { jest.restoreAllMocks(); });

  it("all succeed with the adaptive rate paced by the account's refusals, beside the same run without it", async () => {
    const adaptive = await createAndDeleteAll();

    // The same run with every client's adaptive rate switched off: only the per-call retries remain.
    const resolve = clientConfig.resolveClientConfig;
    jest.spyOn(clientConfig, "resolveClientConfig").mockImplementation((options = {}, env) => resolve({ ...options, adaptiveRate: false }, env));
    const retriesOnly = await createAndDeleteAll();

    console.info(`${COUNT} creates + deletes at ${LIMIT.requestsPerSecond} requests/s: ` +
      `adaptive ${adaptive.perInstance.toFixed(1)} calls per instance, ${adaptive.throttled}/${adaptive.requests} refused; ` +
      `retries only ${retriesOnly.perInstance.toFixed(1)} calls per instance, ${retriesOnly.throttled}/${retriesOnly.requests} refused`);
    // The rate limit refused requests in both runs, and every create and delete still succeeded with the
    // shared adaptive rate in the way (createAndDeleteAll checks each instance is recycled). How
    // many requests it saves is a figure for the bench, not a bound: on a loaded machine the
    // opening burst, and the unpaced run, move with the machine.
    expect(retriesOnly.throttled).toBeGreaterThan(0);
    expect(adaptive.throttled).toBeGreaterThan(0);
  }, 120_000);
});
