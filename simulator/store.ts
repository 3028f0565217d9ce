import { compact } from "./lifecycle";
import { isoSeconds, recordStatus, type InstanceRecord } from "./instance-record";
import type { InstanceStatus } from "./lifecycle";
import { loadState, saveState } from "./persistence";

/** A record together with the status it has at the moment it was read. */
export interface LiveInstance { record: InstanceRecord; status: InstanceStatus }

/**
 * Holds the instances. Reads derive each status from the clock and forget instances whose
 * timeline has ended (released, or auto-released from the recycle bin). Writes mark the store
 * dirty; `flush()` saves once per request, after the handler, when a `statePath` is set.
 */
export class InstanceStore {
  private readonly records = new Map<string, InstanceRecord>();
  private dirty = false;
  private closed = false;
  private nextSeq = 1;

  constructor(private readonly statePath?: string) {
    const state = statePath ? loadState(statePath) : undefined;
    if (!state) return;
    for (const record of state.instances) this.records.set(record.instanceId, record);
    this.nextSeq = Math.max(state.nextSeq, ...state.instances.map((r) => r.seq + 1), 1);
  }

  /** The instance with `instanceId` as it is at `now`, or undefined when unknown or gone. */
  get(instanceId: string, now: number): LiveInstance | undefined {
    const record = this.records.get(instanceId);
    if (!record) return undefined;
    const status = recordStatus(record, now);
    if (status === null) {
      this.records.delete(instanceId);
      this.dirty = true;
      return undefined;
    }
    return { record, status };
  }

  /** Every live instance at `now`, in creation order. */
  list(now: number): LiveInstance[] {
    const live: LiveInstance[] = [];
    for (const id of [...this.records.keys()]) {
      const found = this.get(id, now);
      if (found) live.push(found);
    }
    return live.sort((a, b) => a.record.seq - b.record.seq);
  }

  /** True when an id is taken (even by an instance that is on its way out). */
  has(instanceId: string): boolean {
    return this.records.has(instanceId);
  }

  /** A sequence number for a new record. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  /** Inserts or replaces a record (compacting its timeline) and marks the store dirty. */
  put(record: InstanceRecord, now: number): void {
    record.timeline = compact(record.timeline, now);
    this.records.set(record.instanceId, record);
    this.dirty = true;
  }

  /** Removes a record; returns whether it existed. */
  remove(instanceId: string): boolean {
    const existed = this.records.delete(instanceId);
    if (existed) this.dirty = true;
    return existed;
  }

  /** Saves the state file if anything changed since the last save. */
  flush(now: number): void {
    if (!this.dirty || !this.statePath || this.closed) return;
    saveState(this.statePath, {
      format: "zenlayer-sim-state",
      version: 1,
      savedAt: isoSeconds(now),
      nextSeq: this.nextSeq,
      instances: [...this.records.values()],
    });
    this.dirty = false;
  }

  /** Saves a last time; later changes (a request still in flight at stop) are kept in memory only. */
  close(now: number): void {
    this.flush(now);
    this.closed = true;
  }
}
