/**
 * `npm run bench`: prints the figures the project tracks, measured against the in-process
 * simulator at production tuning (1 s shared status poll):
 *   1. the size of `__provider` (what Pulumi stores in every resource's state);
 *   2. the API calls of one create + delete at the simulator's default durations;
 *   3. delete reaction latency: from the instance becoming deletable to TerminateInstance
 *      succeeding, for lone deletes and for many deletes at once (which share one status poll).
 * Numbers, not pass/fail: the tests assert behaviour, this script reports performance.
 */
import * as pulumi from "@pulumi/pulumi";
import { InstanceProvider } from "../../provider";
import { createVmClient } from "../../provider/client";
import type { VmApi } from "../../provider/client/types";
import { createContext } from "../../provider/lifecycle/runtime/context";
import { deleteInstance } from "../../provider/lifecycle/operations/delete";
import { DEFAULT_TUNING } from "../../provider/lifecycle/runtime/settings";
import { IMAGES, startSimulator, type RunningSimulator } from "../../simulator";

const quiet = { info: () => undefined, warn: () => undefined };
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
const summary = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(s, 0.5)} ms, max ${s.at(-1)} ms (n=${s.length})`;
};

function pointProviderAt(sim: RunningSimulator): void {
  Object.assign(process.env, {
    ZENLAYERCLOUD_DOMAIN: sim.domain,
    ZENLAYERCLOUD_SCHEME: "http",
    ZENLAYERCLOUD_ACCESS_KEY_ID: sim.accessKeyId,
    ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: sim.accessKeyPassword,
  });
}

/** An API that records when TerminateInstance succeeded for each id. */
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

async function providerSize(): Promise<void> {
  const provider = new InstanceProvider();
  const { text } = await pulumi.runtime.serializeFunction(() => provider);
  console.log(`__provider size: ${Buffer.byteLength(text)} bytes`);
}

async function createDeleteCalls(): Promise<void> {
  const sim = await startSimulator({ port: 0 });
  pointProviderAt(sim);
  try {
    const provider = new InstanceProvider();
    const news = { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: IMAGES[0]!.imageId, password: "Bench-Passw0rd!", __owner: "bench/dev/vm", __resourceName: "vm" };
    const started = Date.now();
    const checked = await provider.check({}, news);
    const { id } = await provider.create(checked.inputs);
    const created = Date.now();
    const afterCreate = { ...sim.control.stats().requests };
    await provider.delete(id, {});
    const all = sim.control.stats().requests;
    const deleteCalls = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v - (afterCreate[k] ?? 0)] as const).filter(([, v]) => v > 0));
    const total = Object.values(all).reduce((a, b) => a + b, 0);
    console.log(`create (simulator defaults: 2 s PENDING + 3 s DEPLOYING) took ${created - started} ms; API calls: ${JSON.stringify(afterCreate)}`);
    console.log(`delete took ${Date.now() - created} ms; API calls: ${JSON.stringify(deleteCalls)}`);
    console.log(`create + delete of one instance: ${total} API calls`);
  } finally {
    await sim.stop();
  }
}

async function reactionLatency(parallel: number, rounds: number): Promise<void> {
  const sim = await startSimulator({ port: 0 });
  try {
    const successes = new Map<string, number>();
    const client = createVmClient({ domain: sim.domain, scheme: "http", accessKeyId: sim.accessKeyId, accessKeyPassword: sim.accessKeyPassword });
    const ctx = createContext({ api: recordingTerminate(client, successes), settings: { ...DEFAULT_TUNING }, log: quiet });
    const latencies: number[] = [];
    sim.control.resetStats();
    for (let round = 0; round < rounds; round++) {
      const deletableAt = new Map<string, number>();
      const ids = Array.from({ length: parallel }, () => {
        const { instanceId } = sim.control.seedInstance({});
        const hold = 500 + Math.floor(Math.random() * 2500);
        sim.control.holdStatus(instanceId, "DEPLOYING", hold, "RUNNING");
        deletableAt.set(instanceId, Date.now() + hold);
        return instanceId;
      });
      await Promise.all(ids.map((id) => deleteInstance(ctx, id, {})));
      for (const id of ids) latencies.push(successes.get(id)! - deletableAt.get(id)!);
    }
    const stats = sim.control.stats().requests;
    const deletes = parallel * rounds;
    console.log(
      `delete reaction latency, ${parallel === 1 ? "lone deletes" : `${parallel} deletes at once`} (pollIntervalMs=${DEFAULT_TUNING.pollIntervalMs}): ${summary(latencies)}; ` +
        `per delete: ${((stats.DescribeInstancesStatus ?? 0) / deletes).toFixed(2)} DescribeInstancesStatus, ${((stats.TerminateInstance ?? 0) / deletes).toFixed(2)} TerminateInstance`,
    );
  } finally {
    await sim.stop();
  }
}

async function main(): Promise<void> {
  console.log = ((log) => (...args: unknown[]) => {
    // The provider narrates its waits on console.log; keep only the benchmark's own lines.
    const line = args.map(String).join(" ");
    if (!line.startsWith("ins-")) log(line);
  })(console.log.bind(console));
  await providerSize();
  await createDeleteCalls();
  await reactionLatency(1, 8);
  await reactionLatency(20, 2);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
