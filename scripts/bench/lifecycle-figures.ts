/**
 * The lifecycle figures of `npm run bench`: each one measures the provider's waits (the real
 * create/delete code with production tuning) and the baseline strategies (strategies.ts) on the
 * same in-process simulator, one after the other, with the same seeded instance timings.
 */
import { createVmClient } from "../../provider/client";
import { AdaptiveSendRate } from "../../provider/client/adaptive-rate";
import { SendQueue } from "../../provider/client/send-queue";
import type { VmApi } from "../../provider/client/types";
import { createInstance } from "../../provider/lifecycle/operations/create";
import { deleteInstance } from "../../provider/lifecycle/operations/delete";
import { createContext } from "../../provider/lifecycle/runtime/context";
import { DEFAULT_TUNING } from "../../provider/lifecycle/runtime/settings";
import { DEFAULT_DURATIONS, IMAGES, type RunningSimulator } from "../../simulator";
import { createRandom } from "../../simulator/faults/prng";
import { distribution, newTimeline, recording, seededClock, timed, type Distribution } from "./measure";
import { NAIVE_INTERVAL_MS, perResource, terraform, type Strategy } from "./strategies";

const quiet = { info: () => undefined, warn: () => undefined };

/** One strategy's result for a figure. */
export interface Outcome {
  reaction?: Distribution;
  failures: number;
  n: number;
  ms: number;
  /** `status`: DescribeInstancesStatus; `describe`: DescribeInstances (the Terraform-style strategy's status reads). */
  calls: { total: number; status: number; describe: number; terminate: number; rejected: number; throttled: number };
}

export class LifecycleBench {
  private readonly random;
  private owner = 0;

  constructor(private readonly sim: RunningSimulator, private readonly seed: string) {
    this.random = createRandom(seed);
  }

  /** A client standing for a process of its own: its own adaptive rate, which no other run has moved. */
  private client(): VmApi {
    return createVmClient({
      domain: this.sim.domain, scheme: "http", accessKeyId: this.sim.accessKeyId, accessKeyPassword: this.sim.accessKeyPassword,
      sendQueue: new SendQueue(new AdaptiveSendRate()),
    });
  }

  /** Instances held in DEPLOYING (installing) for a seeded time in [minMs, maxMs]; returns id → deletable time. */
  private installing(count: number, minMs: number, maxMs: number): Map<string, number> {
    const deletableAt = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const { instanceId } = this.sim.control.seedInstance({});
      const hold = Math.round(minMs + this.random() * (maxMs - minMs));
      this.sim.control.holdStatus(instanceId, "DEPLOYING", hold, "RUNNING");
      deletableAt.set(instanceId, Date.now() + hold);
    }
    return deletableAt;
  }

  private calls(): Outcome["calls"] {
    const stats = this.sim.control.stats();
    return {
      total: stats.total,
      status: stats.requests.DescribeInstancesStatus ?? 0,
      describe: stats.requests.DescribeInstances ?? 0,
      terminate: stats.requests.TerminateInstance ?? 0,
      rejected: stats.rejectedTotal,
      throttled: stats.faults.throttled,
    };
  }

  /**
   * Deletes `count` installing instances with `strategy`: all at once through one API client (and,
   * for the provider, one shared poller), or `lone` (each with its own client and poller).
   */
  async deletes(strategy: Strategy | "provider", count: number, lone: boolean, holdMs: [number, number]): Promise<Outcome> {
    const deletableAt = this.installing(count, holdMs[0], holdMs[1]);
    const timeline = newTimeline();
    const shared = recording(this.client(), timeline);
    const clock = seededClock(`${this.seed}-delete-${count}-${lone}`);
    const context = (api: VmApi) => createContext({ api, settings: { ...DEFAULT_TUNING }, clock, log: quiet });
    const sharedContext = context(shared);
    this.sim.control.resetStats();
    let failures = 0;
    const { ms } = await timed(() => Promise.all([...deletableAt.keys()].map(async (id) => {
      const api = lone ? recording(this.client(), timeline) : shared;
      try {
        if (strategy === "provider") await deleteInstance(lone ? context(api) : sharedContext, id, {});
        else await strategy.deleteInstance(api, id);
      } catch {
        failures++;
      }
    })));
    const reactions = [...timeline.terminated].map(([id, at]) => at - deletableAt.get(id)!);
    return { reaction: reactions.length ? distribution(reactions) : undefined, failures, n: count, ms, calls: this.calls() };
  }

  /** Creates `count` instances at once at the simulator's default durations and waits until RUNNING. */
  async creates(strategy: Strategy | "provider", count: number): Promise<Outcome> {
    const timeline = newTimeline();
    const api = recording(this.client(), timeline);
    const imageId = IMAGES.find((i) => i.zoneIds.includes("SEL-A"))!.imageId;
    const ctx = createContext({ api, settings: { ...DEFAULT_TUNING }, clock: seededClock(`${this.seed}-create`), log: quiet });
    const ready = new Map<string, number>();
    this.sim.control.resetStats();
    let failures = 0;
    const { ms } = await timed(() => Promise.all(Array.from({ length: count }, async () => {
      const name = `bench-${++this.owner}`;
      try {
        if (strategy === "provider") {
          const { id } = await createInstance(ctx, {
            zoneId: "SEL-A", instanceType: "c.1c2g", imageId, password: "Bench-Passw0rd!", __owner: `bench/run/${name}`, __resourceName: name,
          });
          ready.set(id, Date.now());
        } else {
          const { instanceIdSet: [id] } = await api.createInstances({
            zoneId: "SEL-A", instanceType: "c.1c2g", imageId, password: "Bench-Passw0rd!", instanceName: name, instanceCount: 1,
            instanceChargeType: "POSTPAID", internetChargeType: "ByBandwidth",
          });
          await strategy.waitUntilRunning(api, id!);
          ready.set(id!, Date.now());
        }
      } catch {
        failures++;
      }
    })));
    const provisioning = DEFAULT_DURATIONS.pendingMs + DEFAULT_DURATIONS.deployingMs;
    const reactions = [...ready].map(([id, at]) => at - (timeline.createSent.get(id)! + provisioning));
    return { reaction: distribution(reactions), failures, n: count, ms, calls: this.calls() };
  }
}

/** Every strategy, in table order: the provider first, then the baselines. */
export function strategies(): { provider: "provider"; perResource: Strategy; terraform: Strategy } {
  return { provider: "provider", perResource: perResource(NAIVE_INTERVAL_MS), terraform: terraform() };
}
