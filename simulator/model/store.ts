import { isoSeconds, recordStatus, settleChanges, type InstanceRecord } from "./instance-record";
import { compact } from "./lifecycle";
import type { InstanceStatus } from "./lifecycle";
import { StateFileError, loadState, saveState } from "./persistence";

/** A record together with the status it has at the moment it was read. */
export interface LiveInstance { record: InstanceRecord; status: InstanceStatus }

/**
 * Holds the instances. Reads derive each status from the clock, forget instances whose
 * timeline has ended (released, or auto-released from the recycle bin) and settle the ordered
 * changes that have completed, so every record handed out holds the values in force. Writes mark the store
 * dirty; `flush()` saves once per request, after the handler, when a `statePath` is set.
 */
export class InstanceStore {
  private readonly records = new Map<string, InstanceRecord>();
  private dirty = false;
  private closed = false;
  private nextSeq = 1;
  /** The message of the save failure last reported, so a persisting failure is reported once. */
  private failing: string | undefined;

  /** `warn` receives save failures and the recovery after one (never secrets: records hold none). */
  constructor(private readonly statePath?: string, private readonly warn: (line: string) => void = () => undefined) {
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
    if (settleChanges(record, now)) this.dirty = true;
    return { record, status };
  }

  /** Every live instance at `now`, in creation order. */
  list(now: number): LiveInstance[] {
    return this.inCreationOrder([...this.records.keys()], now);
  }

  /**
   * The live instances among `instanceIds` at `now`, each once, in creation order: a lookup per
   * id, so that reading a few instances costs the same however many the store holds.
   */
  getMany(instanceIds: readonly string[], now: number): LiveInstance[] {
    return this.inCreationOrder([...new Set(instanceIds)], now);
  }

  private inCreationOrder(instanceIds: readonly string[], now: number): LiveInstance[] {
    const live: LiveInstance[] = [];
    let ordered = true;
    for (const id of instanceIds) {
      const found = this.get(id, now);
      if (!found) continue;
      if (live.length > 0 && live[live.length - 1]!.record.seq > found.record.seq) ordered = false;
      live.push(found);
    }
    // Records are inserted in creation order, so the map's order usually is it already; a state
    // file written by hand, or ids asked for in another order, need the sort.
    return ordered ? live : live.sort((a, b) => a.record.seq - b.record.seq);
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

  /**
   * Saves the state file if anything changed since the last save. A failed save does not undo
   * what already happened in memory and does not throw: it is reported through `warn`, the store
   * stays dirty and the next flush tries again. Returns the failure, if any.
   */
  flush(now: number): Error | undefined {
    if (!this.dirty || !this.statePath || this.closed) return undefined;
    try {
      saveState(this.statePath, {
        format: "zenlayer-sim-state",
        version: 1,
        savedAt: isoSeconds(now),
        nextSeq: this.nextSeq,
        instances: [...this.records.values()],
      });
    } catch (thrown) {
      const error = new StateFileError(`Could not save the state file ${this.statePath}: ${(thrown as Error).message}`);
      if (this.failing !== error.message) {
        this.warn(`zenlayer-sim: ${error.message}. The simulator keeps running on its state in memory and saves again after the next change.`);
      }
      this.failing = error.message;
      return error;
    }
    if (this.failing !== undefined) this.warn(`zenlayer-sim: the state file ${this.statePath} is saved again.`);
    this.failing = undefined;
    this.dirty = false;
    return undefined;
  }

  /**
   * Saves a last time; later changes (a request still in flight at stop) are kept in memory only.
   * Throws when that save fails, so a stop never claims to have kept what it lost.
   */
  close(now: number): void {
    const failure = this.flush(now);
    this.closed = true;
    if (failure) throw failure;
  }
}
