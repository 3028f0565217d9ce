/**
 * An in-memory VmApi for unit tests of the lifecycle logic: statuses are set by the test (or on a
 * timer), TerminateInstance answers as its documented error table says, and every call is recorded.
 */
import { ZenlayerApiError } from "../../../../provider/client";
import type { Ack, InstanceInfo, VmApi } from "../../../../provider/client/types";

let requestCounter = 0;

/** A ZenlayerApiError as the client would throw it. */
export function apiError(action: string, code: string, httpStatus = 403, retryable = false): ZenlayerApiError {
  requestCounter++;
  return new ZenlayerApiError({
    action, code, httpStatus, apiMessage: `simulated ${code}`, requestId: `TFAKE-${requestCounter}`, attempts: 1, retryable,
  });
}

/** One fake instance. */
export interface FakeInstance { info: InstanceInfo; prepaid?: boolean; commitment?: boolean }

/** The fake API. Unimplemented actions throw. */
export class FakeVmApi implements VmApi {
  readonly instances = new Map<string, FakeInstance>();
  readonly calls: { action: string; at: number; ok: boolean }[] = [];
  /** Overrides per action: return an error to throw it. */
  failures: Partial<Record<string, () => Error | undefined>> = {};

  add(id: string, status: string, extra: Partial<FakeInstance> = {}): FakeInstance {
    const instance: FakeInstance = {
      info: {
        instanceId: id, zoneId: "SEL-A", instanceName: id, instanceType: "c.1c2g", instanceStatus: status,
        publicIpAddresses: [], privateIpAddresses: [],
      },
      ...extra,
    };
    this.instances.set(id, instance);
    return instance;
  }

  setStatus(id: string, status: string | null): void {
    if (status === null) this.instances.delete(id);
    else (this.instances.get(id) as FakeInstance).info.instanceStatus = status;
  }

  count(action: string): number {
    return this.calls.filter((c) => c.action === action).length;
  }

  private record<T>(action: string, run: () => T): Promise<T> {
    const injected = this.failures[action]?.();
    if (injected) {
      this.calls.push({ action, at: Date.now(), ok: false });
      return Promise.reject(injected);
    }
    try {
      const value = run();
      this.calls.push({ action, at: Date.now(), ok: true });
      return Promise.resolve(value);
    } catch (e) {
      this.calls.push({ action, at: Date.now(), ok: false });
      return Promise.reject(e);
    }
  }

  terminateInstance(req: { instanceId: string }): Promise<Ack> {
    return this.record("TerminateInstance", () => {
      const instance = this.instances.get(req.instanceId);
      if (!instance) throw apiError("TerminateInstance", "INVALID_INSTANCE_NOT_FOUND", 404);
      const status = instance.info.instanceStatus;
      if (status === "RECYCLE") throw apiError("TerminateInstance", "OPERATION_DENIED_INSTANCE_RECYCLED");
      if (status === "RECYCLING" || status === "RELEASING") throw apiError("TerminateInstance", "UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE", 400);
      if (status === "PENDING") throw apiError("TerminateInstance", "OPERATION_DENIED_INSTANCE_CREATING");
      if (status === "DEPLOYING" || status === "REBUILDING") throw apiError("TerminateInstance", "OPERATION_DENIED_INSTANCE_STATUS_INSTALLING");
      if (instance.prepaid) throw apiError("TerminateInstance", "UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE", 400);
      if (instance.commitment) throw apiError("TerminateInstance", "OPERATION_DENIED_POSTPAID_PROMISE");
      instance.info.instanceStatus = "RECYCLE";
      return { requestId: "T-ok" };
    });
  }

  releaseInstances(req: { instanceIds: string[] }): Promise<Ack> {
    return this.record("ReleaseInstances", () => {
      for (const id of req.instanceIds) this.instances.delete(id);
      return { requestId: "T-ok" };
    });
  }

  describeInstancesStatus(req: { instanceIds: string[] }) {
    return this.record("DescribeInstancesStatus", () => {
      const dataSet = req.instanceIds.filter((id) => this.instances.has(id))
        .map((id) => ({ instanceId: id, instanceStatus: (this.instances.get(id) as FakeInstance).info.instanceStatus }));
      return { requestId: "T-ok", totalCount: dataSet.length, dataSet };
    });
  }

  describeInstances(req: { instanceIds?: string[] }) {
    return this.record("DescribeInstances", () => {
      const dataSet = [...this.instances.values()].map((i) => i.info).filter((i) => !req.instanceIds || req.instanceIds.includes(i.instanceId));
      return { requestId: "T-ok", totalCount: dataSet.length, dataSet: dataSet.map((i) => ({ ...i })) };
    });
  }

  createInstances(req: { instanceName?: string }) {
    return this.record("CreateInstances", () => {
      const id = `ins-new${this.instances.size + 1}`;
      this.add(id, "PENDING").info.instanceName = req.instanceName ?? id;
      return { requestId: "T-ok", instanceIdSet: [id] };
    });
  }
  modifyInstancesAttribute(): never { throw new Error("not in the fake"); }
  modifyInstancesResourceGroup(): never { throw new Error("not in the fake"); }
  modifyInstanceBandwidth(): never { throw new Error("not in the fake"); }
  describeInstanceInternetStatus(): never { throw new Error("not in the fake"); }
  resetInstancesPassword(): never { throw new Error("not in the fake"); }
  startInstances(): never { throw new Error("not in the fake"); }
  stopInstances(): never { throw new Error("not in the fake"); }
  resetInstance(): never { throw new Error("not in the fake"); }
  modifyInstanceTrafficPackage(): never { throw new Error("not in the fake"); }
  modifyInstanceType(): never { throw new Error("not in the fake"); }
  describeInstanceTypeStatus(): never { throw new Error("not in the fake"); }
  associateSecurityGroupInstance(): never { throw new Error("not in the fake"); }
  unAssociateSecurityGroupInstance(): never { throw new Error("not in the fake"); }
  modifyResourceTags(): never { throw new Error("not in the fake"); }
  describeResourceTags(): never { throw new Error("not in the fake"); }
  describeZones(): never { throw new Error("not in the fake"); }
  describeZoneInstanceConfigInfos(): never { throw new Error("not in the fake"); }
  describeImages(): never { throw new Error("not in the fake"); }
}

/** A logger that keeps the lines. */
export function captureLog(): { lines: string[]; log: { info(l: string): void; warn(l: string): void } } {
  const lines: string[] = [];
  return { lines, log: { info: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`) } };
}

/** Fast settings for unit tests. */
export const FAST = {
  pollIntervalMs: 10, waitMaxIntervalMs: 20, terminateRetryBaseMs: 40, terminateRetryMaxMs: 80, progressIntervalMs: 1_000,
};
