/**
 * What every in-place step shares: the instance as it is now, what a step records when it has
 * applied its change, and the error that says which steps were applied before a failure.
 */
import type { InstanceInfo } from "../../client/types";
import type { InstanceInputs } from "../inputs/inputs";
import { fromApiTags } from "../inputs/tags";
import type { Ctx } from "../runtime/context";
import type { WaitArgs } from "../waits/waiters";

/** The instance as the API reports it now (the password from state: the API never returns it). */
export interface CurrentSettings {
  /** Kept up to date by the steps that move the instance (power, reinstall). */
  status: string;
  instanceName?: string;
  resourceGroupId?: string;
  internetMaxBandwidthOut?: number;
  password?: string;
  imageId?: string;
  keyId?: string;
  instanceType?: string;
  trafficPackageSize?: number;
  securityGroupIds?: string[];
  /** The user's tags (the owner tag left out); undefined when the API reported none at all. */
  tags?: Record<string, string>;
}

/** The settings of `info`, with the password known from state. */
export function currentSettingsOf(info: InstanceInfo, password?: string): CurrentSettings {
  return {
    status: info.instanceStatus,
    instanceName: info.instanceName,
    resourceGroupId: info.resourceGroupId,
    internetMaxBandwidthOut: info.internetMaxBandwidthOut,
    password,
    imageId: info.imageId,
    keyId: info.keyId ?? undefined,
    instanceType: info.instanceType,
    trafficPackageSize: info.trafficPackageSize ?? undefined,
    securityGroupIds: info.securityGroupIds,
    tags: info.tags === undefined || info.tags === null ? undefined : fromApiTags(info.tags).tags,
  };
}

/** What was done: the applied values, in order, and the changes accepted for the next billing cycle. */
export interface AppliedChanges {
  applied: Partial<InstanceInputs>;
  /** Steps applied, in the order they ran (for messages). */
  steps: string[];
  /** Values ordered but in force only from the next billing cycle (`WaitToEnable`): kept as outputs. */
  nextCycle: Partial<InstanceInputs>;
}

/** Error of one in-place step, with what had been applied before it. */
export class InPlaceError extends Error {
  constructor(message: string, readonly done: AppliedChanges) {
    super(message);
  }
}

/** What a step runs with. */
export interface StepRun {
  ctx: Ctx;
  id: string;
  current: CurrentSettings;
  desired: InstanceInputs;
  args: WaitArgs;
  done: AppliedChanges;
}

/**
 * One change an update can make without replacing the instance. `wanted` decides from the current
 * settings and the inputs alone (no API call); `apply` makes the change, waits until it is in
 * force and records it in `run.done.applied`.
 */
export interface InPlaceStep {
  /** The input it changes, as named in messages ("instanceName", "imageId/keyId", …). */
  name: string;
  /** The inputs whose change (as diff decides it) this step carries out. */
  inputs: readonly string[];
  wanted(current: CurrentSettings, desired: InstanceInputs): boolean;
  apply(run: StepRun): Promise<void>;
}

/** The power state the inputs ask for (RUNNING unless declared otherwise). */
export function desiredPower(desired: InstanceInputs): "RUNNING" | "STOPPED" {
  return desired.powerState ?? "RUNNING";
}
