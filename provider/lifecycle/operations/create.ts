/**
 * `create`: one instance through CreateInstances, then wait until RUNNING within `timeouts.create`.
 *
 * - Before creating, instances carrying this resource's owner tag (constants.ts) are looked up:
 *   one left by an interrupted `up` whose immutable configuration matches is adopted (waited for,
 *   in-place differences applied) instead of creating a second VM; leftovers that do not match are
 *   terminated. Skipped for an owner this process has seen in state (context.ts), whose tagged
 *   instance may be the live one being replaced. The lookup is one listing of the stack's
 *   instances per process, shared by all its creates (see ownerInstances).
 * - The outputs come with the shared status poll that saw the instance RUNNING: while a new
 *   instance is waited for, that poll reads the details of the instances instead of their bare
 *   status, in the same one call (runtime/instance-reads.ts).
 * - `adoptInstanceId` adopts a console-made instance instead (adopt.ts), on the resource's first
 *   create only: a replacement creates a new instance like any other.
 * - CREATE_FAILED: the failed instance is deleted (as `delete` would, honouring forceDelete) and
 *   the create fails plainly: nothing is left billing and nothing stays in the stack; the next
 *   `up` tries again. If that cleanup fails, the instance is kept in the stack (below).
 * - Timeout or an error while waiting: the create fails as a partial failure (errors.ts) so the
 *   engine keeps the instance in state: the next `up` waits for it again (update), `destroy`
 *   deletes it. Nothing is orphaned.
 */
import type { CreateResult } from "@pulumi/pulumi/dynamic";
import { isApiError } from "../../client";
import type { CreateInstancesRequest, InstanceInfo } from "../../client/types";
import { findByOwner } from "../runtime/api";
import { adoptExplicit, adoptsOnCreate, applyDeclaredSettings, withoutAdoption } from "./adopt";
import { type Ctx, ownersCreatedHere } from "../runtime/context";
import { OWNER_TAG_KEY, RECYCLED_STATUSES } from "../constants";
import { deleteInstance, terminateWithRetry } from "./delete";
import { liveStackInstances } from "./orphans";
import { formatDuration } from "../inputs/durations";
import { LifecycleError, messageOf, redactedError } from "../errors";
import { partialFailure } from "./partial";
import type { InstanceInputs } from "../inputs/inputs";
import { describeMismatches, mismatches } from "../diff/matching";
import { normalizeInputs } from "../inputs/normalize";
import { limitOf } from "../inputs/options";
import { buildOutputs, type InstanceOutputs } from "./outputs";
import { Progress } from "../runtime/progress";
import { pruneUndefined } from "../inputs/prune";
import { parseStackRef, stackRefText, stackTagOf } from "../inputs/stack-ref";
import { fromApiTags, toApiTags } from "../inputs/tags";
import { waitUntilRunning, waitUntilStable, type WaitArgs } from "../waits/waiters";

/** Creates (or adopts) the instance and returns its id and full outputs. */
export async function createInstance(ctx: Ctx, raw: Record<string, unknown>): Promise<CreateResult<InstanceOutputs>> {
  const createdBefore = typeof raw.__owner === "string" && ownersCreatedHere.has(raw.__owner);
  if (typeof raw.__owner === "string") ownersCreatedHere.add(raw.__owner);
  const adopting = adoptsOnCreate(ctx, raw);
  const inputs = normalizeInputs(adopting ? raw : withoutAdoption(raw), "generate", "Cannot create the instance");
  const secrets = [...ctx.secrets, inputs.password];
  const limit = limitOf(inputs, "create");
  const started = ctx.clock.now();
  const args: WaitArgs = {
    deadline: started + limit.ms, started, limitText: limit.text,
    progress: new Progress(ctx.log, ctx.clock, ctx.settings.progressIntervalMs),
  };
  if (adopting) return adoptExplicit(ctx, inputs, args, secrets);

  const owner = inputs.__owner;
  if (owner && !ctx.ownersInState.has(owner)) {
    const leftover = await reuseLeftover(ctx, inputs, owner, createdBefore, args, secrets).catch((e: unknown) => {
      if (e instanceof LifecycleError) throw e;
      throw redactedError(`Cannot create the instance: looking for instances left by an interrupted pulumi up failed: ${messageOf(e)}`, secrets);
    });
    if (leftover) {
      return finishAdoptedLeftover(ctx, leftover, inputs, args, secrets).catch(async (e: unknown) => {
        if (e instanceof LifecycleError) throw e;
        throw await partialFailure(ctx, leftover.instanceId, inputs, undefined,
          `Adopting ${leftover.instanceId} failed: ${messageOf(e)}. It is kept in the stack; run pulumi up again.`, secrets);
      });
    }
  }

  const id = await sendCreate(ctx, inputs, secrets);
  ctx.log.info(`${id} created (${inputs.instanceName}, ${inputs.instanceType} in ${inputs.zoneId}); waiting until RUNNING (up to ${limit.text})`);
  ctx.reads.awaitDetails(id);
  try {
    return await waitForNewInstance(ctx, id, inputs, args, secrets);
  } catch (e) {
    if (e instanceof LifecycleError) throw e;
    // The instance exists: whatever went wrong, keep it in the stack rather than orphan it.
    throw await partialFailure(ctx, id, inputs, undefined,
      `Waiting for ${id} to become RUNNING failed: ${messageOf(e)}. It is kept in the stack: the next pulumi up waits for it ` +
      `again, pulumi destroy deletes it.`, secrets);
  } finally {
    ctx.reads.forget(id);
  }
}

/** Waits until RUNNING and returns the outputs; CREATE_FAILED, vanishing and timeouts as described above. */
async function waitForNewInstance(
  ctx: Ctx, id: string, inputs: InstanceInputs, args: WaitArgs, secrets: readonly (string | undefined)[],
): Promise<CreateResult<InstanceOutputs>> {
  const outcome = await waitUntilRunning(ctx, id, args);
  if (outcome.kind === "running") {
    // CreateInstances always starts the instance: one declared STOPPED is stopped now.
    const info = inputs.powerState === "STOPPED" ? await ctx.reads.describe(id) : undefined;
    if (info) await applyDeclaredSettings(ctx, info, inputs, args, secrets, "It is kept in the stack; run pulumi up again.");
    return { id, outs: await describeOutputs(ctx, id, inputs, secrets) };
  }
  const elapsed = formatDuration(ctx.clock.now() - args.started);
  if (outcome.kind === "failed") return cleanUpFailed(ctx, id, inputs, elapsed, secrets);
  if (outcome.kind === "vanished") {
    throw redactedError(
      `${id} disappeared while being created (${outcome.status === "NOT_FOUND" ? "no longer listed" : outcome.status} after ${elapsed}); ` +
      `nothing is kept in the stack. Run pulumi up again to create a new instance.`, secrets);
  }
  const reason = `${id} did not reach RUNNING within ${ctx.frontEnd.timeoutOption("create")} = ${args.limitText} (${outcome.status ? `last status ${outcome.status}` : "no status observed yet"}` +
    `${outcome.lastError ? `; last status query failed: ${messageOf(outcome.lastError)}` : ""}). It is kept in the stack: the next ` +
    `pulumi up waits for it again and applies any changes, pulumi destroy deletes it.`;
  throw await partialFailure(ctx, id, inputs, outcome.status, reason, secrets);
}

/** CreateInstances for one instance, with the owner tag; returns the new id. */
async function sendCreate(ctx: Ctx, inputs: InstanceInputs, secrets: readonly (string | undefined)[]): Promise<string> {
  const request = createRequest(inputs);
  try {
    const response = await ctx.api.createInstances(request);
    const id = response.instanceIdSet[0];
    if (!id) throw new Error(`CreateInstances answered without an instance id (request id ${response.requestId})`);
    return id;
  } catch (e) {
    const ambiguous = isApiError(e) && e.ambiguous;
    throw redactedError(
      `Creating instance ${inputs.instanceName} (${inputs.instanceType} in ${inputs.zoneId}) failed: ${messageOf(e)}` +
      (ambiguous && inputs.__owner
        ? ` If the instance was created after all, the next pulumi up finds it by its ${OWNER_TAG_KEY} tag and adopts it instead of creating a second one.`
        : ""),
      secrets);
  }
}

/** The CreateInstances request for `inputs` (one instance, user tags plus the owner and stack tags). */
export function createRequest(inputs: InstanceInputs): CreateInstancesRequest {
  return pruneUndefined({
    zoneId: inputs.zoneId,
    instanceType: inputs.instanceType,
    imageId: inputs.imageId,
    instanceChargeType: inputs.instanceChargeType ?? "POSTPAID",
    instanceChargePrepaid: inputs.instanceChargeType === "PREPAID" ? inputs.instanceChargePrepaid : undefined,
    internetChargeType: inputs.internetChargeType ?? "ByBandwidth",
    internetMaxBandwidthOut: inputs.internetMaxBandwidthOut,
    trafficPackageSize: inputs.trafficPackageSize,
    instanceName: inputs.instanceName,
    password: inputs.password,
    keyId: inputs.keyId,
    subnetId: inputs.subnetId,
    resourceGroupId: inputs.resourceGroupId,
    systemDisk: inputs.systemDisk,
    dataDisks: inputs.dataDisks,
    securityGroupId: inputs.securityGroupId,
    instanceCount: 1,
    tags: toApiTags(inputs.tags, inputs.__owner, stackTagOf(inputs.__stack)),
  });
}

/**
 * Instances with this owner tag that are not in the recycle bin: the first that matches the inputs
 * (and did not fail) is returned for adoption; the others are terminated.
 */
async function reuseLeftover(
  ctx: Ctx, inputs: InstanceInputs, owner: string, createdBefore: boolean, args: WaitArgs, secrets: readonly (string | undefined)[],
): Promise<InstanceInfo | undefined> {
  const candidates = (await ownerInstances(ctx, inputs, owner, createdBefore))
    .filter((info) => !RECYCLED_STATUSES.has(info.instanceStatus))
    .sort((a, b) => (b.createTime ?? "").localeCompare(a.createTime ?? ""));
  let chosen: InstanceInfo | undefined;
  for (const info of candidates) {
    const differences = mismatches(inputs, info, true);
    if (!chosen && info.instanceStatus !== "CREATE_FAILED" && differences.length === 0) {
      chosen = info;
      continue;
    }
    const why = chosen ? "another matching instance is being adopted"
      : info.instanceStatus === "CREATE_FAILED" ? "it is CREATE_FAILED" : `its configuration differs (${describeMismatches(differences)})`;
    ctx.log.info(`${info.instanceId} carries this resource's owner tag (left by an interrupted pulumi up) but ${why}; terminating it`);
    // Bounded by the create limit: this is part of the create.
    const limit = { ms: args.deadline - args.started, text: args.limitText };
    const outcome = await terminateWithRetry(ctx, info.instanceId, args, limit, inputs, secrets);
    ctx.log.info(`${info.instanceId}: ${outcome === "gone" ? "already gone" : "terminated (recycle bin)"}`);
  }
  if (chosen) {
    ctx.log.info(
      `Adopting ${chosen.instanceId} (${chosen.instanceStatus}), created for this resource by an earlier pulumi up that was ` +
      `interrupted, instead of creating a second instance`);
  }
  return chosen;
}

/**
 * The instances tagged for `owner`. An instance left by an interrupted `up` exists before this
 * process creates anything for the stack (the engine lets one deployment run on a stack at a
 * time), so the first create of each owner here reads it from one listing of the stack's
 * instances that every create of the process shares, taken by the first of them: a stack of N
 * instances costs one DescribeInstances (per 100 tagged instances of the account) instead of N.
 * An owner this process already ran a create for may have an instance from that attempt, which
 * the listing predates: it, and inputs without a stack, are looked up by the owner tag itself.
 */
async function ownerInstances(ctx: Ctx, inputs: InstanceInputs, owner: string, createdBefore: boolean): Promise<InstanceInfo[]> {
  const ref = parseStackRef(inputs.__stack);
  if (!ref || createdBefore) return findByOwner(ctx.api, owner);
  const stackInstances = await ctx.reads.listing(`stack ${stackRefText(ref)}`, () => liveStackInstances(ctx.api, ref));
  return stackInstances.filter((info) => fromApiTags(info.tags).owner === owner);
}

/** Waits for an adopted leftover, applies in-place differences, returns it. */
async function finishAdoptedLeftover(
  ctx: Ctx, info: InstanceInfo, inputs: InstanceInputs, args: WaitArgs, secrets: readonly (string | undefined)[],
): Promise<CreateResult<InstanceOutputs>> {
  const id = info.instanceId;
  const stable = await waitUntilStable(ctx, id, args);
  if (stable.status === "CREATE_FAILED") {
    return cleanUpFailed(ctx, id, inputs, formatDuration(ctx.clock.now() - args.started), secrets);
  }
  if (!stable.matched || (stable.status !== "RUNNING" && stable.status !== "STOPPED")) {
    const reason = `${id} (adopted from an interrupted pulumi up) did not become RUNNING within ${ctx.frontEnd.timeoutOption("create")} = ${args.limitText} ` +
      `(last status ${stable.status ?? "unknown"}). It is kept in the stack: the next pulumi up waits for it again.`;
    throw await partialFailure(ctx, id, inputs, stable.status, reason, secrets);
  }
  // The password it was created with is unknown here (an earlier program run): set it when given.
  await applyDeclaredSettings(ctx, info, inputs, args, secrets, "The instance is kept in the stack; run pulumi up again.");
  return { id, outs: await describeOutputs(ctx, id, inputs, secrets) };
}

/** Outputs from a fresh DescribeInstances; a failure here still keeps the instance (partial). */
async function describeOutputs(
  ctx: Ctx, id: string, inputs: InstanceInputs, secrets: readonly (string | undefined)[],
): Promise<InstanceOutputs> {
  let info: InstanceInfo | undefined;
  try {
    info = await ctx.reads.describe(id);
  } catch (e) {
    throw await partialFailure(ctx, id, inputs, "RUNNING",
      `${id} is RUNNING but reading its details failed: ${messageOf(e)}. It is kept in the stack; run pulumi refresh or pulumi up.`, secrets);
  }
  if (!info) {
    throw redactedError(`${id} was RUNNING but is no longer listed by DescribeInstances; nothing is kept in the stack. Run pulumi up again.`, secrets);
  }
  return buildOutputs(inputs, info);
}

/** CREATE_FAILED: delete the failed instance and fail plainly; if that fails, keep it (partial). */
async function cleanUpFailed(
  ctx: Ctx, id: string, inputs: InstanceInputs, elapsed: string, secrets: readonly (string | undefined)[],
): Promise<never> {
  ctx.log.info(`${id} reached CREATE_FAILED after ${elapsed}; deleting the failed instance`);
  try {
    await deleteInstance(ctx, id, inputs);
  } catch (e) {
    const reason = `${id} failed to deploy (CREATE_FAILED after ${elapsed}), and deleting it failed too: ${messageOf(e)} ` +
      `It is kept in the stack so that pulumi destroy, or the next pulumi up (which replaces it), removes it.`;
    throw await partialFailure(ctx, id, inputs, "CREATE_FAILED", reason, secrets);
  }
  throw redactedError(
    `${id} failed to deploy: Zenlayer reported CREATE_FAILED after ${elapsed}. The failed instance was deleted, so nothing ` +
    `is left running or in the stack. Check that image ${inputs.imageId} and type ${inputs.instanceType} are offered in ` +
    `${inputs.zoneId} and that the account has quota, then run pulumi up again.`, secrets);
}
