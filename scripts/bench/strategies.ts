/**
 * The baselines the benchmarks set beside the provider: waiting strategies written here, run
 * against the same simulator through the same API client, so that only the strategy differs.
 * Each takes the sleep it waits with, so that the poll-schedule bench can run it on simulated time.
 *
 * - perResource: every resource runs its own status poll at a fixed interval, and sends
 *   TerminateInstance once its own poll says it may succeed (what a provider without a shared poll
 *   does at equal reaction).
 * - terraform: waits the way Zenlayer's Terraform provider (0.2.x, terraform-plugin-sdk v2) does.
 *   Its waits are the SDK's state-change loop: a refresh, then a pause that starts at 100 ms and
 *   doubles, held at least at the wait's minimum and at most 10 s. Create: CreateInstances, a 10 s
 *   delay, then DescribeInstances with a 5 s minimum (reads at 10 s, 15 s, 25 s, then every 10 s),
 *   then a final read. Delete: TerminateInstance (refused while the instance is created or
 *   installed: the delete fails), then DescribeInstances with a 500 ms minimum (0, 0.5, 1.5,
 *   3.5, 7.5 s, …) until RECYCLE. With `refresh`, `terraform destroy` reads the instance first in
 *   that same 500 ms loop while it is still being created or installed, which is the only way the
 *   Terraform provider deletes an installing instance.
 */
import { setTimeout as realSleep } from "node:timers/promises";
import type { VmApi } from "../../provider/client/types";
import { isApiError } from "../../provider/client";

/** Statuses in which the Terraform provider's reads keep waiting (its "operating" statuses). */
const OPERATING = new Set(["PENDING", "DEPLOYING", "REBUILDING", "REBOOT", "STOPPING", "BOOTING", "RELEASING", "RECYCLING", "IMAGING"]);
const BUSY = new Set(["PENDING", "DEPLOYING", "REBUILDING"]);
const TERMINATED = new Set(["RECYCLING", "RECYCLE", "RELEASING", "NOT_FOUND"]);
const REFUSED_WHILE_CREATING = ["OPERATION_DENIED_INSTANCE_CREATING", "OPERATION_DENIED_INSTANCE_STATUS_INSTALLING"];

/**
 * The interval of the naive per-resource poller the fleet goals are set against: the provider's
 * own interval before its waits followed a growing schedule, so every run compares with the same
 * baseline.
 */
export const NAIVE_INTERVAL_MS = 500;

/** How a strategy pauses: real time by default, simulated time in the poll-schedule bench. */
export type Sleep = (ms: number) => Promise<unknown>;

/** The waits of one strategy. */
export interface Strategy {
  name: string;
  /** Deletes the instance; rejects when the strategy gives up. */
  deleteInstance(api: VmApi, id: string): Promise<void>;
  /** Waits until a just-created instance is RUNNING and reads its details. */
  waitUntilRunning(api: VmApi, id: string): Promise<void>;
}

async function statusOf(api: VmApi, id: string): Promise<string> {
  const { dataSet } = await api.describeInstancesStatus({ instanceIds: [id] });
  return dataSet.find((s) => s.instanceId === id)?.instanceStatus ?? "NOT_FOUND";
}

/** Polls the status of `id` until `done(status)`: the first poll after `firstDelayMs`, then every `intervalMs`. */
async function pollUntil(sleep: Sleep, api: VmApi, id: string, done: (status: string) => boolean, firstDelayMs: number, intervalMs: number): Promise<void> {
  await sleep(firstDelayMs);
  while (!done(await statusOf(api, id))) await sleep(intervalMs);
}

/** A status poll per resource at `intervalMs`. */
export function perResource(intervalMs: number, sleep: Sleep = realSleep): Strategy {
  return {
    name: `per-resource poll every ${intervalMs} ms`,
    async deleteInstance(api, id) {
      await pollUntil(sleep, api, id, (status) => !BUSY.has(status), 0, intervalMs);
      await api.terminateInstance({ instanceId: id });
      await pollUntil(sleep, api, id, (status) => TERMINATED.has(status), 0, intervalMs);
    },
    async waitUntilRunning(api, id) {
      await pollUntil(sleep, api, id, (status) => status === "RUNNING", intervalMs, intervalMs);
      await api.describeInstances({ instanceIds: [id] });
    },
  };
}

/** The most the SDK's state-change loop pauses between two refreshes. */
const STATE_CHANGE_MAX_PAUSE_MS = 10_000;

/**
 * The SDK's state-change loop: after `delayMs`, refresh until `refresh()` says done; the pause
 * starts at 100 ms and doubles, held within [minPauseMs, 10 s].
 */
async function stateChangeLoop(sleep: Sleep, refresh: () => Promise<boolean>, delayMs: number, minPauseMs: number): Promise<void> {
  await sleep(delayMs);
  let pause = 100;
  while (!(await refresh())) {
    pause *= 2;
    pause = pause < minPauseMs ? minPauseMs : Math.min(pause, STATE_CHANGE_MAX_PAUSE_MS);
    await sleep(pause);
  }
}

/** The Terraform provider's status read: DescribeInstances of one id (undefined when not found). */
async function readInstance(api: VmApi, id: string): Promise<string | undefined> {
  const { dataSet } = await api.describeInstances({ instanceIds: [id] });
  return dataSet.find((i) => i.instanceId === id)?.instanceStatus;
}

/** Zenlayer's Terraform provider's waits (see the module comment). */
export function terraform(options: { refresh?: boolean; sleep?: Sleep } = {}): Strategy {
  const sleep = options.sleep ?? realSleep;
  const refresh = options.refresh ?? false;
  return {
    name: `Terraform-style${refresh ? " with refresh" : ""}: state-change loop (create: 10 s, then 5 s, then every 10 s; delete: 0.5 s doubling to 10 s)`,
    async deleteInstance(api, id) {
      if (refresh) {
        await stateChangeLoop(sleep, async () => {
          const status = await readInstance(api, id);
          return status === undefined || !OPERATING.has(status);
        }, 0, 500);
      }
      try {
        await api.terminateInstance({ instanceId: id });
      } catch (e) {
        if (isApiError(e, ...REFUSED_WHILE_CREATING)) throw new Error(`${id}: TerminateInstance refused (${e.code}); the delete fails`);
        throw e;
      }
      await stateChangeLoop(sleep, async () => {
        const status = await readInstance(api, id);
        return status === undefined || status === "RECYCLE";
      }, 0, 500);
    },
    async waitUntilRunning(api, id) {
      await stateChangeLoop(sleep, async () => (await readInstance(api, id)) === "RUNNING", 10_000, 5_000);
      await api.describeInstances({ instanceIds: [id] });
    },
  };
}
