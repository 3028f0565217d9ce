import type { SimulatorCore } from "./core";
import { parseFaultConfig, type FaultConfig } from "./faults/faults";
import type { SimStats } from "./http/stats";
import { buildRecord } from "./model/instance-factory";
import { applyPatch } from "./model/instance-patch";
import { toInstanceInfo, type InstanceInfo } from "./model/instance-record";
import { parseInstanceSpec } from "./model/instance-spec";
import { isInstanceStatus, planFrom, planHold, type InstanceStatus } from "./model/lifecycle";
import type { LiveInstance } from "./model/store";
import { apiError } from "./protocol/errors";
import { invalid, optBool, type Params } from "./protocol/params";

/** InstanceInfo plus the simulator-only commitment flag, as the control surface shows it. */
export type SimInstance = InstanceInfo & { commitment: boolean };

/**
 * The most create failures that may wait at once: far more than any test needs, and small enough
 * that a mistyped count cannot make every later create fail for good.
 */
export const MAX_QUEUED_CREATE_FAILURES = 1000;

/** A status hold: `status` for `durationMs`, then `then` (default: the status before the hold). */
export interface StatusHold { status: InstanceStatus; durationMs: number; then?: InstanceStatus }

/**
 * Out-of-band control for tests and demos: the same operations as the `/_sim` HTTP routes,
 * without signatures. Failures throw a SimulatorError (e.g. INVALID_INSTANCE_NOT_FOUND).
 */
export class SimulatorControl {
  constructor(private readonly core: SimulatorCore) {}

  private get now(): number {
    return this.core.options.clock();
  }

  private show(live: LiveInstance): SimInstance {
    return { ...toInstanceInfo(live.record, live.status), commitment: live.record.commitment };
  }

  private require(instanceId: string): LiveInstance {
    const live = this.core.store.get(instanceId, this.now);
    if (!live) throw apiError("INVALID_INSTANCE_NOT_FOUND", `The instance \`${instanceId}\` does not exist.`);
    return live;
  }

  // Saves and shows an instance after a control change.
  private commit(live: LiveInstance): SimInstance {
    const now = this.now;
    this.core.store.put(live.record, now);
    this.core.store.flush(now);
    return this.show(this.require(live.record.instanceId));
  }

  /** Every instance, in creation order (recycle-bin ones included). */
  listInstances(): SimInstance[] {
    return this.core.store.list(this.now).map((live) => this.show(live));
  }

  /** One instance, or undefined when unknown or gone. */
  getInstance(instanceId: string): SimInstance | undefined {
    const live = this.core.store.get(instanceId, this.now);
    return live && this.show(live);
  }

  /**
   * Adds an instance as if made in the console: CreateInstances-like fields (all optional, with
   * catalogue defaults; no password needed) plus `instanceStatus` (default RUNNING), `instanceId`
   * and `commitment`. A transitional status moves on by itself.
   */
  seedInstance(fields: Params = {}): SimInstance {
    const { instanceStatus = "RUNNING", instanceId, commitment: _c, ...rest } = fields;
    if (!isInstanceStatus(instanceStatus)) throw invalid("instanceStatus", "must be an instance status");
    if (instanceId !== undefined && (typeof instanceId !== "string" || !/^[A-Za-z0-9-]{1,64}$/.test(instanceId))) throw invalid("instanceId", "must be 1-64 letters, digits or `-`");
    if (typeof instanceId === "string" && this.core.store.has(instanceId)) throw invalid("instanceId", "is already taken");
    const commitment = optBool(fields, "commitment") ?? false;
    const spec = parseInstanceSpec(rest, "seed");
    const now = this.now;
    const timeline = planFrom(instanceStatus, now, this.core.options.durations);
    const record = buildRecord(spec, 0, timeline, this.core.store, now, instanceId as string | undefined);
    record.commitment = commitment;
    return this.commit({ record, status: instanceStatus });
  }

  /** Changes fields behind the provider's back (drift); see PATCHABLE_FIELDS. */
  patchInstance(instanceId: string, patch: Params): SimInstance {
    const live = this.require(instanceId);
    applyPatch(live.record, patch, this.now, this.core.options.durations);
    return this.commit(live);
  }

  /** Deletes an instance outright (it becomes not found); false when it did not exist. */
  removeInstance(instanceId: string): boolean {
    const existed = this.core.store.get(instanceId, this.now) !== undefined && this.core.store.remove(instanceId);
    this.core.store.flush(this.now);
    return existed;
  }

  /**
   * Puts an instance into a status for a while (as a console reinstall would), then into `then`
   * (default: the status it had before). Takes `{status, durationMs, then}` like the HTTP route,
   * or the same three values as positional arguments.
   */
  holdStatus(instanceId: string, hold: StatusHold): SimInstance;
  holdStatus(instanceId: string, status: InstanceStatus, durationMs: number, then?: InstanceStatus): SimInstance;
  holdStatus(instanceId: string, holdOrStatus: StatusHold | InstanceStatus, durationMs?: number, thenStatus?: InstanceStatus): SimInstance {
    const hold: StatusHold = typeof holdOrStatus === "object" && holdOrStatus !== null
      ? holdOrStatus
      : { status: holdOrStatus, durationMs: durationMs as number, ...(thenStatus ? { then: thenStatus } : {}) };
    const live = this.require(instanceId);
    if (!isInstanceStatus(hold.status)) throw invalid("status", "must be an instance status");
    if (!(typeof hold.durationMs === "number" && hold.durationMs >= 0 && Number.isFinite(hold.durationMs))) throw invalid("durationMs", "must be a number of ms ≥ 0");
    const then = hold.then ?? live.status;
    if (!isInstanceStatus(then)) throw invalid("then", "must be an instance status");
    live.record.timeline = planHold(hold.status, hold.durationMs, then, this.now, this.core.options.durations);
    return this.commit(live);
  }

  /** Sets or clears the pay-as-you-go commitment term (TerminateInstance then answers 403). */
  setCommitment(instanceId: string, enabled: boolean): SimInstance {
    if (typeof enabled !== "boolean") throw invalid("enabled", "must be true or false");
    const live = this.require(instanceId);
    live.record.commitment = enabled;
    return this.commit(live);
  }

  /** Replaces the fault configuration (`{}` clears it); returns it as applied. */
  setFaults(config: FaultConfig): FaultConfig {
    this.core.faults.configure(parseFaultConfig(config));
    return this.core.faults.current();
  }

  /** The current fault configuration. */
  getFaults(): FaultConfig {
    return this.core.faults.current();
  }

  /** Makes the next `count` instances created through the API end in CREATE_FAILED; returns how many are pending. */
  failNextCreates(count: unknown): number {
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > MAX_QUEUED_CREATE_FAILURES) {
      throw invalid("count", `must be an integer from 0 to ${MAX_QUEUED_CREATE_FAILURES}`);
    }
    if (this.core.createFailures.pending + count > MAX_QUEUED_CREATE_FAILURES) {
      throw invalid("count", `would queue more than ${MAX_QUEUED_CREATE_FAILURES} create failures (${this.core.createFailures.pending} are queued)`);
    }
    this.core.createFailures.pending += count;
    return this.core.createFailures.pending;
  }

  /** Request counts per action. */
  stats(): SimStats {
    return this.core.stats.snapshot();
  }

  /** Zeroes the request counts. */
  resetStats(): void {
    this.core.stats.reset();
  }
}
