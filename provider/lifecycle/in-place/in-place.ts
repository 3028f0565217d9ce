/**
 * The in-place changes an update applies (and an adoption, to bring an existing instance in line
 * with its inputs). Each step is its own module in this folder; this one only orders them, runs
 * the ones that are wanted and records what was applied:
 *
 *  1. power on (power.ts), when the inputs want a stopped instance RUNNING, so the steps that need
 *     a running instance can follow;
 *  2. metadata, at once and reversible: name, resource group, tags (Resource Manager), security group;
 *  3. orders, waited until in force: instance type (resize.ts), traffic package;
 *  4. the reinstall for a new image or key pair (stop, ResetInstance, wait RUNNING);
 *  5. bandwidth (needs RUNNING), then the password (skipped when the reinstall already set it);
 *  6. power off (power.ts), last, when the inputs want the instance STOPPED.
 *
 * Whether a step is wanted is decided just before it runs, from the settings the earlier steps
 * left behind (a reinstall brings the instance up and sets the password). The first failure stops
 * the run with an InPlaceError that lists the steps applied before it.
 */
import { messageOf, redactedError } from "../errors";
import type { InstanceInputs } from "../inputs/inputs";
import type { Ctx } from "../runtime/context";
import type { WaitArgs } from "../waits/waiters";
import { bandwidthStep } from "./bandwidth";
import { renameStep } from "./name";
import { passwordStep } from "./password";
import { startStep, stopStep } from "./power";
import { reinstallStep } from "./reinstall";
import { resizeStep } from "./resize";
import { resourceGroupStep } from "./resource-group";
import { securityGroupStep } from "./security-group";
import { type AppliedChanges, type CurrentSettings, InPlaceError, type InPlaceStep } from "./step";
import { tagsStep } from "./tags";
import { trafficPackageStep } from "./traffic-package";

export { type AppliedChanges, type CurrentSettings, currentSettingsOf, InPlaceError } from "./step";

/** Every in-place step, in the order they run. */
export const IN_PLACE_STEPS: readonly InPlaceStep[] = [
  startStep,
  renameStep, resourceGroupStep, tagsStep, securityGroupStep,
  resizeStep, trafficPackageStep,
  reinstallStep,
  bandwidthStep, passwordStep,
  stopStep,
];

/** The steps that would run for `current` → `desired`, judged before any of them runs (no API call). */
export function planInPlace(current: CurrentSettings, desired: InstanceInputs): string[] {
  return IN_PLACE_STEPS.filter((step) => step.wanted(current, desired)).map((step) => step.name);
}

/** Applies every difference between `current` and `desired`; throws InPlaceError on the first failure. */
export async function applyInPlace(
  ctx: Ctx, id: string, current: CurrentSettings, desired: InstanceInputs, args: WaitArgs, secrets: readonly (string | undefined)[],
): Promise<AppliedChanges> {
  const done: AppliedChanges = { applied: {}, steps: [], nextCycle: {} };
  const live: CurrentSettings = { ...current };
  for (const step of IN_PLACE_STEPS) {
    if (!step.wanted(live, desired)) continue;
    try {
      await step.apply({ ctx, id, current: live, desired, args, done });
    } catch (e) {
      const message = e instanceof InPlaceError ? e.message : `Updating ${id} (${step.name}) failed: ${messageOf(e)}`;
      throw new InPlaceError(redactedError(message, secrets).message, done);
    }
    done.steps.push(step.name);
  }
  return done;
}
