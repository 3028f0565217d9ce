/**
 * Reads of instances that the operations of one process share, so that a fleet costs a few calls
 * rather than one per instance against the account's rate limit:
 * - `describe`: one instance's details. Those of an id announced with `awaitDetails` come with the
 *   shared status poll that ends its wait (the poll reads them instead of the bare status, see
 *   DetailsExchange); otherwise the ids asked for in the same turn of the event loop go out as one
 *   DescribeInstances of up to 100 ids.
 * - `listing`: a list the process needs once (the instances made for a stack, say), loaded by the
 *   first caller and handed to every later one; a load that failed is tried again by the next.
 */
import type { InstanceInfo, VmApi } from "../../client/types";
import { describeMany, type DetailsExchange, STATUS_BATCH } from "./api";
import type { Clock } from "./clock";

/**
 * How old details read by a poll may be and still answer `describe`. The poll that ends a wait
 * answers within the same turn of the event loop; anything older is read afresh.
 */
const POLLED_DETAILS_MAX_AGE_MS = 1_000;

interface Asked { id: string; resolve: (info: InstanceInfo | undefined) => void; reject: (error: unknown) => void }

export class InstanceReads implements DetailsExchange {
  #asked: Asked[] = [];
  #flushQueued = false;
  readonly #listings = new Map<string, Promise<InstanceInfo[]>>();
  readonly #awaited = new Set<string>();
  readonly #polled = new Map<string, { info: InstanceInfo; atMs: number }>();

  constructor(private readonly api: VmApi, private readonly clock: Clock) {}

  /** `id`'s details will be asked for when its wait ends: the polls that watch it read them. */
  awaitDetails(id: string): void {
    this.#awaited.add(id);
  }

  /** No longer waiting for `id`'s details (its operation ended). */
  forget(id: string): void {
    this.#awaited.delete(id);
    this.#polled.delete(id);
  }

  wants(ids: readonly string[]): boolean {
    return ids.some((id) => this.#awaited.has(id));
  }

  offer(infos: readonly InstanceInfo[]): void {
    const atMs = this.clock.now();
    for (const info of infos) if (this.#awaited.has(info.instanceId)) this.#polled.set(info.instanceId, { info, atMs });
  }

  /** The instance with this id, or undefined when the API does not list it (as describeOne). */
  describe(id: string): Promise<InstanceInfo | undefined> {
    const polled = this.#polled.get(id);
    this.forget(id);
    if (polled && this.clock.now() - polled.atMs <= POLLED_DETAILS_MAX_AGE_MS) return Promise.resolve(polled.info);
    return new Promise((resolve, reject) => {
      this.#asked.push({ id, resolve, reject });
      if (this.#flushQueued) return;
      this.#flushQueued = true;
      // After the current turn: callers woken together by one status poll reach here one by one.
      setImmediate(() => void this.#flush());
    });
  }

  /** The list under `key`, loaded once per process by `load` (again after a failed load). */
  listing(key: string, load: () => Promise<InstanceInfo[]>): Promise<InstanceInfo[]> {
    let pending = this.#listings.get(key);
    if (!pending) {
      pending = load();
      this.#listings.set(key, pending);
      pending.catch(() => this.#listings.delete(key));
    }
    return pending;
  }

  async #flush(): Promise<void> {
    const asked = this.#asked;
    this.#asked = [];
    this.#flushQueued = false;
    const ids = [...new Set(asked.map((a) => a.id))];
    for (let i = 0; i < ids.length; i += STATUS_BATCH) {
      const batch = ids.slice(i, i + STATUS_BATCH);
      const waiting = asked.filter((a) => batch.includes(a.id));
      try {
        const found = await this.#read(batch);
        for (const a of waiting) a.resolve(found.get(a.id));
      } catch (error) {
        for (const a of waiting) a.reject(error);
      }
    }
  }

  /** One call for the batch (describeMany). */
  async #read(ids: string[]): Promise<Map<string, InstanceInfo>> {
    return new Map((await describeMany(this.api, ids)).map((info) => [info.instanceId, info]));
  }
}
