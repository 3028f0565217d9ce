/**
 * The in-place changes an update applies (and an adoption, to bring an existing instance in line
 * with its inputs). Each step is its own module in this folder; this one only orders them, runs
 * the ones that are wanted and records what was applied:
 *
 *  1. power on (power.ts), when the inputs want a stopped instance RUNNING, so the steps that need
 *     a running instance can follow;
 *  2. metadata, at once and reversible: name, resource group, tags (Resource Manager), security group;
 *  3. a LOWER bandwidth, then the orders waited until in force: instance type (resize.ts), traffic
 *     package, then a HIGHER bandwidth: the type caps the bandwidth, and this order keeps every
 *     intermediate state within the caps whatever they are (bandwidth.ts). The traffic package
 *     has no cap tied to the type, so it may run on either side;
 *  4. the reinstall for a new image or key pair (stop, ResetInstance, wait RUNNING);
 *  5. the password (skipped when the reinstall already set it);
 *  6. power off (power.ts), last, when the inputs want the instance STOPPED.
 *
 * An update does what its diff decided and nothing else (`decided`: the inputs diff found
 * changed), so `pulumi up` does what `pulumi preview` showed: a setting that drifted outside
 * Pulumi and that the diff did not see (the stack learns of it from `pulumi refresh`, whose
 * preview then shows it) is left as it is; an instance stopped outside Pulumi is not started by
 * a tag change. Without `decided` (an adoption, or an update repairing an unfinished create)
 * every difference is applied.
 *
 * Whether a step is wanted is decided just before it runs, from the settings the earlier steps
 * left behind (a reinstall brings the instance up and sets the password). The first failure stops
 * the run with an InPlaceError that lists the steps applied before it.
 */
import { messageOf, redactedError } from "../errors";
import type { InstanceInputs } from "../inputs/inputs";
import type { Ctx } from "../runtime/context";
import type { WaitArgs } from "../waits/waiters";
import { lowerBandwidthStep, raiseBandwidthStep } from "./bandwidth";
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
  lowerBandwidthStep, resizeStep, trafficPackageStep,
  reinstallStep,
  raiseBandwidthStep, passwordStep,
  stopStep,
];

/**
 * The steps that would run for `current` → `desired`, judged before any of them runs (no API
 * call); `decided` as for applyInPlace.
 */
export function planInPlace(current: CurrentSettings, desired: InstanceInputs, decided?: ReadonlySet<string>): string[] {
  return IN_PLACE_STEPS.filter((step) => allowed(step, decided, current, current) && step.wanted(current, desired)).map((step) => step.name);
}

/**
 * Applies the differences between `current` and `desired` that `decided` (the inputs the diff
 * found changed; every input when undefined) covers; throws InPlaceError on the first failure.
 */
export async function applyInPlace(
  ctx: Ctx, id: string, current: CurrentSettings, desired: InstanceInputs, args: WaitArgs, secrets: readonly (string | undefined)[],
  decided?: ReadonlySet<string>,
): Promise<AppliedChanges> {
  const done: AppliedChanges = { applied: {}, steps: [], nextCycle: {} };
  const live: CurrentSettings = { ...current };
  for (const step of IN_PLACE_STEPS) {
    if (!allowed(step, decided, current, live) || !step.wanted(live, desired)) continue;
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

/**
 * Whether `step` may run: its inputs are among those the diff decided (every step may when
 * `decided` is undefined). A power step may also run to bring back the declared power state after
 * a step of this run moved it (a reinstall ends RUNNING): the update then leaves the instance as
 * the stack records it, never as a drift the diff did not see.
 */
function allowed(step: InPlaceStep, decided: ReadonlySet<string> | undefined, found: CurrentSettings, live: CurrentSettings): boolean {
  if (decided === undefined || step.inputs.some((input) => decided.has(input))) return true;
  return step.inputs.includes("powerState") && live.status !== found.status;
}
