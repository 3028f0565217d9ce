/**
 * `delete`, in seven steps:
 *
 * 1. TerminateInstance.
 * 2. CREATING / INSTALLING ⇒ wait until the delete's limit (`timeouts.delete`, or customTimeouts
 *    with the plugin): TerminateInstance is sent when the shared status poll says the instance
 *    left PENDING/DEPLOYING/REBUILDING (within one interval of the poll schedule), with a capped, jittered
 *    fallback for when the poll cannot tell (terminateWithRetry).
 *    On timeout, fail with the time waited and the last status seen.
 * 3. INVALID_INSTANCE_NOT_FOUND ⇒ already deleted: success.
 * 4. RECYCLED / BEING_RECYCLE ⇒ already on its way out: success, then the forceDelete handling.
 * 5. Subscription (PREPAID) or commitment term ⇒ fail at once, saying why and what to do.
 * 6. Throttling and transient errors are retried by the client; anything else fails with its code
 *    and request id.
 * 7. Confirm RECYCLING / RECYCLE / gone. forceDelete ⇒ wait for RECYCLE, ReleaseInstances, wait
 *    until gone; a release failure is an error (Zenlayer's Terraform provider swallows it).
 * A throw keeps the resource in state, so `pulumi destroy` can simply be run again.
 */
import { isApiError } from "../../client";
import type { Ctx } from "../runtime/context";
import { BUSY_CREATING_STATUSES, GONE, NOT_FOUND_CODES, RECYCLED_STATUSES, TERMINATE_CODES } from "../constants";
import { formatDuration } from "../inputs/durations";
import { codeAndRequest, LifecycleError, messageOf, redactedError } from "../errors";
import { forceDeleteOf, type Limit, limitOf } from "../inputs/options";
import { Progress } from "../runtime/progress";
import { waitForStatuses, type WaitArgs } from "../waits/waiters";

type Props = Record<string, unknown>;
const asProps = (value: object): Props => value as Props;

/** How TerminateInstance ended. */
export type TerminateOutcome = "terminated" | "gone" | "recycled";

/** Deletes the instance `id` as described in the module comment. */
export async function deleteInstance(ctx: Ctx, id: string, propsIn: object = {}): Promise<void> {
  const props = asProps(propsIn);
  const secrets = [...ctx.secrets, props.password as string | undefined];
  try {
    await deleteSteps(ctx, id, props, secrets);
  } catch (e) {
    if (e instanceof LifecycleError) throw e;
    // E.g. a status read that failed for good (bad credentials) while waiting.
    throw redactedError(
      `Deleting ${id} failed: ${messageOf(e)}. The instance stays in the stack; run pulumi destroy again once the cause is fixed.`,
      secrets);
  }
}

async function deleteSteps(ctx: Ctx, id: string, props: Props, secrets: readonly (string | undefined)[]): Promise<void> {
  const limit = limitOf(props, "delete");
  const started = ctx.clock.now();
  const args: WaitArgs = {
    deadline: started + limit.ms, started, limitText: limit.text,
    progress: new Progress(ctx.log, ctx.clock, ctx.settings.progressIntervalMs),
  };
  const outcome = await terminateWithRetry(ctx, id, args, limit, props, secrets);
  if (outcome === "gone") {
    ctx.log.info(`${id} was already deleted (TerminateInstance: not found); nothing left to do`);
    return;
  }
  if (outcome === "recycled") ctx.log.info(`${id} was already in Zenlayer's recycle bin`);
  const status = await confirmTerminated(ctx, id, args, secrets);
  if (status === GONE) {
    ctx.log.info(`${id} is deleted (no longer listed)`);
    return;
  }
  if (!forceDeleteOf(props)) {
    ctx.log.info(
      `${id} is in Zenlayer's recycle bin (${status}): deleted as far as Zenlayer is concerned and no longer billed ` +
      `as running; it can be restored from the console for about 24 hours, then Zenlayer releases it. ` +
      `Set forceDelete: true to release instances at once.`);
    return;
  }
  await releaseFromRecycleBin(ctx, id, args, secrets);
}

/**
 * Steps 1–6: TerminateInstance, waiting out CREATING / INSTALLING. Exported for create, which
 * removes leftovers and failed instances the same way.
 *
 * TerminateInstance is only sent when it may succeed: unless the stored outputs say the instance
 * was RUNNING or STOPPED, the shared status poll (one call for every instance waited on) is asked
 * first, and while it reports PENDING / DEPLOYING / REBUILDING the delete waits for it to say
 * otherwise. A refused call is a wasted request against the account's rate limit, and a fleet being
 * destroyed while it installs would otherwise send one per instance per retry. The jittered,
 * doubling fallback delay (terminateRetryDelay) sends TerminateInstance anyway when the poll cannot
 * tell (its reads have kept failing for that long), and paces retries after a refusal the poll did
 * not predict. A poll that is merely slow is waited for: its client times out into an error.
 */
export async function terminateWithRetry(
  ctx: Ctx, id: string, args: WaitArgs, limit: Limit, propsIn: object, secrets: readonly (string | undefined)[],
): Promise<TerminateOutcome> {
  const props = asProps(propsIn);
  const { settings } = ctx;
  let refusals = 0;
  let fallbacks = 0;
  let lastStatus: string | undefined;
  let lastError: unknown;
  let ask = !(typeof props.instanceStatus === "string" && SETTLED_STATUSES.has(props.instanceStatus));
  let pollSaidDeletable = false;
  let lastObservedAt: number | undefined;
  for (;;) {
    if (ask) {
      const now = ctx.clock.now();
      if (now >= args.deadline) throw deleteTimeout(ctx, id, args, limit, refusals, lastStatus, lastError, secrets);
      const fallbackMs = terminateRetryDelay(++fallbacks, settings.terminateRetryBaseMs, settings.terminateRetryMaxMs, ctx.clock.random());
      if (pollSaidDeletable) {
        // Refused although the poll said it may succeed: the status and TerminateInstance disagree
        // for now, so the poll cannot pace the retry; the fallback delay does.
        await ctx.clock.sleep(Math.min(fallbackMs, args.deadline - now));
        pollSaidDeletable = false;
      } else {
        // One wait until the poll says it may succeed; it is given up for the fallback only once
        // the poll has kept failing for the fallback delay.
        const giveUp = new AbortController();
        let failingSince: number | undefined;
        const woke = await ctx.poller.watch(id, {
          until: (status) => !BUSY_CREATING_STATUSES.has(status),
          deadline: args.deadline,
          immediate: lastObservedAt === undefined,
          firstDueAt: lastObservedAt === undefined ? undefined : lastObservedAt + settings.pollIntervalMs,
          signal: giveUp.signal,
          onStatus: (status) => {
            lastObservedAt = ctx.clock.now();
            failingSince = undefined;
            if (!BUSY_CREATING_STATUSES.has(status)) return;
            lastStatus = status;
            args.progress.report(
              `${id} is ${status}; TerminateInstance ${refusals > 0 ? "again " : ""}as soon as it may succeed ` +
              `(${formatDuration(ctx.clock.now() - args.started)} of ${limit.text})`,
              status);
          },
          onError: () => {
            failingSince ??= ctx.clock.now();
            if (ctx.clock.now() - failingSince >= fallbackMs) giveUp.abort();
          },
        });
        if (!woke.matched && !giveUp.signal.aborted) continue;
        pollSaidDeletable = woke.matched;
      }
    }
    try {
      await ctx.api.terminateInstance({ instanceId: id });
      return "terminated";
    } catch (e) {
      if (isApiError(e, ...NOT_FOUND_CODES)) return "gone";
      if (isApiError(e, TERMINATE_CODES.recycled, TERMINATE_CODES.beingRecycled)) return "recycled";
      if (isApiError(e, TERMINATE_CODES.chargeType)) throw redactedError(prepaidMessage(ctx, id, e, props), secrets);
      if (isApiError(e, TERMINATE_CODES.promise)) throw redactedError(commitmentMessage(ctx, id, e, props), secrets);
      if (!isApiError(e, TERMINATE_CODES.creating, TERMINATE_CODES.installing)) {
        throw redactedError(
          `Deleting ${id} failed: ${messageOf(e)}. The instance stays in the stack; run pulumi destroy again once the cause is fixed.`,
          secrets);
      }
      refusals++;
      lastError = e;
      lastStatus ??= e.code === TERMINATE_CODES.creating ? "still being created" : "installing its OS";
      ask = true;
    }
  }
}

/** Stored statuses after which TerminateInstance is sent without asking the status poll first. */
const SETTLED_STATUSES: ReadonlySet<string> = new Set(["RUNNING", "STOPPED"]);

function deleteTimeout(
  ctx: Ctx, id: string, args: WaitArgs, limit: Limit, refusals: number, lastStatus: string | undefined, lastError: unknown,
  secrets: readonly (string | undefined)[],
): Error {
  const refused = refusals > 0
    ? `; TerminateInstance was refused ${refusals} time${refusals === 1 ? "" : "s"} (last answer ${codeAndRequest(lastError)})`
    : "";
  return redactedError(
    `Deleting ${id} timed out after ${formatDuration(ctx.clock.now() - args.started)} (${ctx.frontEnd.timeoutOption("delete")} = ${limit.text}): ` +
    `the instance is still being created or its OS installed, and TerminateInstance cannot succeed before that ends; ` +
    `last status seen: ${lastStatus ?? "none (the status could not be read)"}${refused}. ` +
    `The instance stays in the stack. Run pulumi destroy again once it is RUNNING, or raise ${ctx.frontEnd.timeoutOption("delete")} ` +
    `(a new value is used once pulumi up has recorded it).`,
    secrets);
}

/**
 * Delay before TerminateInstance retry number `retry` (1, 2, …): "equal jitter" over a doubling
 * ceiling capped at `maxMs`, so it never collapses to zero (the poll is the fast path).
 */
export function terminateRetryDelay(retry: number, baseMs: number, maxMs: number, random: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (Math.min(Math.max(random, 0), 1) * ceiling) / 2);
}

/** Where an accepted TerminateInstance leads: the recycle bin, or gone. */
const TERMINATED: ReadonlySet<string> = new Set([...RECYCLED_STATUSES, GONE]);

/** Step 7: the instance reports RECYCLING, RECYCLE, RELEASING or is gone. Returns that status. */
async function confirmTerminated(ctx: Ctx, id: string, args: WaitArgs, secrets: readonly (string | undefined)[]): Promise<string> {
  const result = await waitForStatuses(ctx, id, TERMINATED, { ...args, immediate: true });
  if (result.matched && result.status) return result.status;
  throw redactedError(
    `TerminateInstance was accepted for ${id}, but it still reports ${result.status ?? "no status"} after ` +
    `${formatDuration(ctx.clock.now() - args.started)} (${ctx.frontEnd.timeoutOption("delete")} = ${args.limitText})` +
    `${result.lastError ? `; last status query failed: ${messageOf(result.lastError)}` : ""}. ` +
    `The instance stays in the stack; run pulumi destroy again.`,
    secrets);
}

/** forceDelete: wait for RECYCLE, ReleaseInstances, wait until gone. Not found at any step = done. */
async function releaseFromRecycleBin(ctx: Ctx, id: string, args: WaitArgs, secrets: readonly (string | undefined)[]): Promise<void> {
  const recycled = await waitForStatuses(ctx, id, new Set(["RECYCLE", "RELEASING", GONE]), { ...args, immediate: true });
  if (!recycled.matched) {
    throw redactedError(
      `${id} was terminated but did not reach the recycle bin (RECYCLE) within ${ctx.frontEnd.timeoutOption("delete")} = ${args.limitText} ` +
      `(last status ${recycled.status ?? "unknown"}), so it was not released. It stays in the stack; run pulumi destroy again.`,
      secrets);
  }
  let released = false;
  if (recycled.status === "RECYCLE") {
    try {
      await ctx.api.releaseInstances({ instanceIds: [id] });
      released = true;
    } catch (e) {
      if (!isApiError(e, ...NOT_FOUND_CODES)) {
        throw redactedError(
          `Releasing ${id} from the recycle bin failed: ${messageOf(e)}. The instance is terminated (in the recycle bin, ` +
          `no longer billed as running) but not released. It stays in the stack: run pulumi destroy again to retry, ` +
          `or release it in the Zenlayer console and run pulumi refresh.`,
          secrets);
      }
    }
  }
  const gone = await waitForStatuses(ctx, id, new Set([GONE]), { ...args, immediate: true });
  if (!gone.matched) {
    throw redactedError(
      `ReleaseInstances was accepted for ${id}, but it is still listed (${gone.status ?? "unknown"}) after ` +
      `${formatDuration(ctx.clock.now() - args.started)} (${ctx.frontEnd.timeoutOption("delete")} = ${args.limitText}). It stays in the stack; run pulumi destroy again.`,
      secrets);
  }
  ctx.log.info(released ? `${id} released from the recycle bin: gone for good` : `${id} is gone (no longer listed)`);
}

/**
 * `pulumi state delete` needs the URN; for a resource without a parent it is built from the
 * project and stack of `__owner`, the resource name and the front-end's type token.
 */
function stateDeleteAdvice(ctx: Ctx, props: Props): string {
  const owner = typeof props.__owner === "string" ? props.__owner : "";
  const [project, stack, ...rest] = owner.split("/");
  const name = typeof props.__resourceName === "string" && props.__resourceName !== "" ? props.__resourceName : rest.join("/");
  const urn = project && stack && name ? `urn:pulumi:${stack}::${project}::${ctx.frontEnd.typeToken}::${name}` : "<urn>";
  return `pulumi state delete '${urn}' (pulumi stack --show-urns lists the exact URN)`;
}

function prepaidMessage(ctx: Ctx, id: string, e: unknown, props: Props): string {
  const until = typeof props.expiredTime === "string" ? ` (it expires ${props.expiredTime})` : "";
  return `Cannot delete ${id}: it is a subscription (PREPAID) instance, and Zenlayer does not return a subscription ` +
    `before it expires (TerminateInstance: ${codeAndRequest(e)}). The instance stays in the stack and keeps running ` +
    `until it expires${until}. Either wait for the expiry and run pulumi destroy again, or stop managing it with ` +
    `Pulumi: ${stateDeleteAdvice(ctx, props)}.`;
}

function commitmentMessage(ctx: Ctx, id: string, e: unknown, props: Props): string {
  return `Cannot delete ${id}: it is a pay-as-you-go instance inside a commitment term, and Zenlayer refuses to ` +
    `return it before the commitment ends (TerminateInstance: ${codeAndRequest(e)}). The instance stays in the stack. ` +
    `Either wait for the end of the commitment and run pulumi destroy again, or stop managing it with Pulumi: ` +
    `${stateDeleteAdvice(ctx, props)}.`;
}

