/**
 * Figures for the record, at production tuning (1 s status poll): delete reaction latency (from
 * the instance becoming deletable to TerminateInstance succeeding) and the API calls of one
 * create + delete at the simulator's default state durations. Printed with console.info.
 */
import { createVmClient } from "../../../provider/client";
import type { VmApi } from "../../../provider/client/types";
import { createContext } from "../../../provider/lifecycle/context";
import { deleteInstance } from "../../../provider/lifecycle/delete";
import { DEFAULT_TUNING } from "../../../provider/lifecycle/settings";
import { startHarness, type Harness } from "./harness";

/** Wraps an API to record when TerminateInstance succeeded for each id. */
function recordingTerminate(api: VmApi, successes: Map<string, number>): VmApi {
  return new Proxy(api, {
    get(target, prop, receiver) {
      if (prop === "terminateInstance") {
        return async (req: { instanceId: string }) => {
          const result = await target.terminateInstance(req);
          successes.set(req.instanceId, Date.now());
          return result;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] as number;

describe("measurements at production tuning", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ durations: "simulator defaults", tuning: "production" });
  });
  afterEach(async () => { await h.stop(); });

  it("reacts to an instance becoming deletable within about one poll interval (delete reaction latency)", async () => {
    const successes = new Map<string, number>();
    const client = createVmClient({ domain: h.sim.domain, scheme: "http", accessKeyId: h.sim.accessKeyId, accessKeyPassword: h.sim.accessKeyPassword });
    const ctx = createContext({ api: recordingTerminate(client, successes), settings: { ...DEFAULT_TUNING }, log: { info: () => undefined, warn: () => undefined } });
    const runs = 8;
    const deletableAt = new Map<string, number>();
    const ids = Array.from({ length: runs }, (_, i) => {
      const { instanceId } = h.sim.control.seedInstance({});
      const hold = 700 + i * 230;
      h.sim.control.holdStatus(instanceId, "DEPLOYING", hold, "RUNNING");
      deletableAt.set(instanceId, Date.now() + hold);
      return instanceId;
    });
    h.sim.control.resetStats();
    await Promise.all(ids.map((id) => deleteInstance(ctx, id, {})));
    const latencies = ids.map((id) => (successes.get(id) as number) - (deletableAt.get(id) as number)).sort((a, b) => a - b);
    const p50 = percentile(latencies, 0.5);
    const max = latencies.at(-1) as number;
    console.info(
      `delete reaction latency over ${runs} deletes at pollIntervalMs=${DEFAULT_TUNING.pollIntervalMs}: ` +
      `p50 ${p50} ms, max ${max} ms (all: ${latencies.join(", ")}); DescribeInstancesStatus calls: ` +
      `${h.sim.control.stats().requests.DescribeInstancesStatus}, TerminateInstance calls: ${h.sim.control.stats().requests.TerminateInstance}`);
    expect(max).toBeLessThan(DEFAULT_TUNING.pollIntervalMs + 600);
  });

  it("reacts within about one poll interval for a lone delete (no neighbours sharing the poll)", async () => {
    const successes = new Map<string, number>();
    const client = createVmClient({ domain: h.sim.domain, scheme: "http", accessKeyId: h.sim.accessKeyId, accessKeyPassword: h.sim.accessKeyPassword });
    const ctx = createContext({ api: recordingTerminate(client, successes), settings: { ...DEFAULT_TUNING }, log: { info: () => undefined, warn: () => undefined } });
    const latencies: number[] = [];
    for (const hold of [400, 650, 900, 1_150]) {
      const { instanceId } = h.sim.control.seedInstance({});
      h.sim.control.holdStatus(instanceId, "DEPLOYING", hold, "RUNNING");
      const deletable = Date.now() + hold;
      await deleteInstance(ctx, instanceId, {});
      latencies.push((successes.get(instanceId) as number) - deletable);
    }
    latencies.sort((a, b) => a - b);
    console.info(`lone delete reaction latency at pollIntervalMs=${DEFAULT_TUNING.pollIntervalMs}: p50 ${percentile(latencies, 0.5)} ms, max ${latencies.at(-1)} ms (all: ${latencies.join(", ")})`);
    expect(latencies.at(-1) as number).toBeLessThan(DEFAULT_TUNING.pollIntervalMs + 600);
  }, 20_000);

  it("counts the API calls of one create and delete at the simulator's default durations", async () => {
    h.sim.control.resetStats();
    const { id } = await h.createVm();
    const afterCreate = { ...h.sim.control.stats().requests };
    await h.provider.delete(id, {});
    const all = h.sim.control.stats();
    const afterDelete = Object.fromEntries(Object.entries(all.requests).map(([k, v]) => [k, v - (afterCreate[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
    console.info(`API calls, create: ${JSON.stringify(afterCreate)}; delete: ${JSON.stringify(afterDelete)}; total ${all.total}`);
    expect(afterCreate.CreateInstances).toBe(1);
    expect(afterDelete).toEqual({ TerminateInstance: 1, DescribeInstancesStatus: 1 });
    expect(all.total).toBeLessThan(20);
  }, 30_000);
});
