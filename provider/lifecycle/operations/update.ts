/**
 * `update`: the in-place changes (in-place.ts) on an instance that is RUNNING or STOPPED, within
 * `timeouts.update`; returns the FULL outputs (whatever update leaves out is wiped,
 * pulumi/pulumi#13983). Also the repair path after a partial create: the engine calls update on a
 * resource kept with initialization errors, and this waits for it to settle first.
 * `forceDelete` / `timeouts` changes land here too and need no API call besides the reads.
 *
 * It does what diff decided and nothing else (diff.ts decides, in-place.ts carries out), so
 * `pulumi up` does what its preview showed: a setting changed outside Pulumi that the diff did
 * not see is neither undone nor recorded here (its outputs keep the stack's value); `pulumi
 * refresh` records it and the next preview shows it. An update after an unfinished create (the
 * stack recorded neither RUNNING nor STOPPED) applies every difference instead: that create never
 * got to apply them.
 */
import type { UpdateResult } from "@pulumi/pulumi/dynamic";
import type { InstanceInfo } from "../../client/types";
import { describeOne } from "../runtime/api";
import type { Ctx } from "../runtime/context";
import { GONE, RECYCLED_STATUSES } from "../constants";
import { diffInstance } from "../diff/diff";
import { formatDuration } from "../inputs/durations";
import { messageOf, PartialFailure, redact, redactedError } from "../errors";
import { type AppliedChanges, applyInPlace, currentSettingsOf, InPlaceError } from "../in-place/in-place";
import type { InstanceInputs } from "../inputs/inputs";
import { normalizeInputs } from "../inputs/normalize";
import { limitOf } from "../inputs/options";
import { buildOutputs, inputsFromOutputs, type InstanceOutputs, keepingRecorded } from "./outputs";
import { Progress } from "../runtime/progress";
import { lastSeen, waitUntilStable, type WaitArgs } from "../waits/waiters";

type Raw = Record<string, unknown>;

/** Updates instance `id` from `olds` (old outputs) to `newsRaw` (new inputs). */
export async function updateInstance(ctx: Ctx, id: string, olds: Raw, newsRaw: Raw): Promise<UpdateResult<InstanceOutputs>> {
  const news = normalizeInputs({ ...newsRaw, instanceName: newsRaw.instanceName ?? olds.instanceName }, "keep", `Cannot update ${id}`);
  const secrets = [...ctx.secrets, news.password, olds.password as string | undefined];
  const limit = limitOf(news, "update");
  const started = ctx.clock.now();
  const args: WaitArgs = {
    deadline: started + limit.ms, started, limitText: limit.text,
    progress: new Progress(ctx.log, ctx.clock, ctx.settings.progressIntervalMs),
  };
  const stable = await waitUntilStable(ctx, id, args).catch((e: unknown) => {
    throw redactedError(`Updating ${id} failed while reading its status: ${messageOf(e)}. Nothing was changed; run pulumi up again.`, secrets);
  });
  const status = stable.status;
  if (status === GONE || (status && RECYCLED_STATUSES.has(status))) {
    throw redactedError(
      `Cannot update ${id}: it ${status === GONE ? "no longer exists" : `is in Zenlayer's recycle bin (${status})`}. ` +
      `Run pulumi refresh to drop it from the stack; the next pulumi up then creates a new instance.`, secrets);
  }
  if (status === "CREATE_FAILED") {
    throw redactedError(
      `Cannot update ${id}: it is CREATE_FAILED. Run pulumi refresh and then pulumi up (which replaces it), or pulumi destroy.`, secrets);
  }
  if (!stable.matched || (status !== "RUNNING" && status !== "STOPPED")) {
    throw redactedError(
      `Cannot update ${id}: it did not settle in RUNNING or STOPPED within ${ctx.frontEnd.timeoutOption("update")} = ${limit.text} ` +
      `(${lastSeen(stable)} after ${formatDuration(ctx.clock.now() - started)}). Run pulumi up again later.`, secrets);
  }
  const current = await describeOne(ctx.api, id);
  if (!current) throw redactedError(`Cannot update ${id}: it is no longer listed. Run pulumi refresh to drop it from the stack.`, secrets);
  const oldInputs = inputsFromOutputs(olds as Partial<InstanceOutputs>);
  const decided = olds.instanceStatus === "RUNNING" || olds.instanceStatus === "STOPPED" ? new Set(diffInstance(olds, newsRaw).changed) : undefined;
  const outputsOf = (inputs: InstanceInputs, info: InstanceInfo) => keepingRecorded(buildOutputs(inputs, info), olds, decided);
  let done: AppliedChanges;
  try {
    // The password is kept for a reinstall of an instance that logs in with one.
    done = await applyInPlace(
      ctx, id, currentSettingsOf(current, oldInputs.password), { ...news, password: news.password ?? oldInputs.password }, args, secrets, decided);
  } catch (e) {
    if (!(e instanceof InPlaceError)) throw redactedError(`Updating ${id} failed: ${messageOf(e)}`, secrets);
    const appliedSome = Object.keys(e.done.applied).length > 0;
    const message = redact(`${e.message}${appliedSome ? ` (applied before the failure: ${Object.keys(e.done.applied).join(", ")})` : " (nothing was applied)"}. Run pulumi up again to retry.`, secrets);
    if (!appliedSome) throw new Error(message);
    // Record what did change, so the state does not claim the old values.
    const partialInputs = { ...oldInputs, ...e.done.applied } as InstanceInputs;
    const info = await describeOne(ctx.api, id).catch(() => undefined);
    throw new PartialFailure(message, id, { ...outputsOf(partialInputs, info ?? current) }, [message]);
  }
  // Some changes (a password reset) may briefly move the instance; report the settled state.
  if (Object.keys(done.applied).length > 0) await waitUntilStable(ctx, id, args);
  const info = (await describeOne(ctx.api, id)) ?? current;
  const applied: InstanceInputs = { ...oldInputs, ...news, password: news.password ?? oldInputs.password };
  const outs = outputsOf(applied, info);
  // Ordered for the next billing cycle: record what was ordered, so the next diff does not order it again.
  return { outs: { ...outs, ...done.nextCycle } };
}
