/**
 * The baselines `npm run bench` sets beside the provider: waiting strategies written here, run
 * against the same simulator through the same API client, so that only the strategy differs.
 *
 * - perResource: every resource runs its own status poll at the provider's interval, and sends
 *   TerminateInstance once its own poll says it may succeed (what a provider without a shared poll
 *   does at equal reaction).
 * - fixedDelay: waits the way Zenlayer's Terraform provider does: TerminateInstance at once (a
 *   refusal because the instance is being created or installed fails the delete), and a wait that
 *   first sleeps 10 s, then polls at least 5 s apart.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { VmApi } from "../../provider/client/types";
import { isApiError } from "../../provider/client";

const BUSY = new Set(["PENDING", "DEPLOYING", "REBUILDING"]);
const TERMINATED = new Set(["RECYCLING", "RECYCLE", "RELEASING", "NOT_FOUND"]);
const REFUSED_WHILE_CREATING = ["OPERATION_DENIED_INSTANCE_CREATING", "OPERATION_DENIED_INSTANCE_STATUS_INSTALLING"];

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
async function pollUntil(api: VmApi, id: string, done: (status: string) => boolean, firstDelayMs: number, intervalMs: number): Promise<void> {
  await sleep(firstDelayMs);
  while (!done(await statusOf(api, id))) await sleep(intervalMs);
}

/** A status poll per resource at `intervalMs`. */
export function perResource(intervalMs: number): Strategy {
  return {
    name: `per-resource poll every ${intervalMs} ms`,
    async deleteInstance(api, id) {
      await pollUntil(api, id, (status) => !BUSY.has(status), 0, intervalMs);
      await api.terminateInstance({ instanceId: id });
      await pollUntil(api, id, (status) => TERMINATED.has(status), 0, intervalMs);
    },
    async waitUntilRunning(api, id) {
      await pollUntil(api, id, (status) => status === "RUNNING", intervalMs, intervalMs);
      await api.describeInstances({ instanceIds: [id] });
    },
  };
}

/** Terraform-style: 10 s delay, then polls at least 5 s apart; a refused TerminateInstance fails. */
export function fixedDelay(delayMs = 10_000, minIntervalMs = 5_000): Strategy {
  return {
    name: `fixed delay ${delayMs / 1000} s, then every ${minIntervalMs / 1000} s`,
    async deleteInstance(api, id) {
      try {
        await api.terminateInstance({ instanceId: id });
      } catch (e) {
        if (isApiError(e, ...REFUSED_WHILE_CREATING)) throw new Error(`${id}: TerminateInstance refused (${e.code}); the delete fails`);
        throw e;
      }
      await pollUntil(api, id, (status) => TERMINATED.has(status), delayMs, minIntervalMs);
    },
    async waitUntilRunning(api, id) {
      await pollUntil(api, id, (status) => status === "RUNNING", delayMs, minIntervalMs);
      await api.describeInstances({ instanceIds: [id] });
    },
  };
}
