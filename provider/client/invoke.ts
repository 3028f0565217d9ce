/**
 * The call loop: serialize once, then attempt → interpret → classify → decide → back off, until
 * success or the budget runs out. Every attempt is counted; the final error carries the attempts.
 */
import type { z } from "zod";
import { computeBackoffDelay } from "./backoff";
import type { ClientEvent, ResolvedClientConfig } from "./config";
import { interpretResponse, type Interpreted } from "./envelope";
import { type AttemptRecord, ZenlayerApiError } from "./errors";
import {
  type AttemptFailure, type FailureClass, classifyFailure, decideRetry, describeFailure, isAmbiguousClass, isRetryableClass,
} from "./retry-policy";
import type { SendQueue } from "./send-queue";
import type { ApiService } from "./services";
import type { Transport } from "./transport";

/** API attempts per action since construction or the last reset. */
export interface ClientStats { attempts: Record<string, number>; total: number }

/** Counts every HTTP attempt, per action. */
export class CallStats {
  #attempts: Record<string, number> = {};
  #total = 0;
  /** Records one attempt of `action`. */
  count(action: string): void {
    this.#attempts[action] = (this.#attempts[action] ?? 0) + 1;
    this.#total += 1;
  }
  /** A copy, so callers cannot change the counters. */
  snapshot(): ClientStats {
    return { attempts: { ...this.#attempts }, total: this.#total };
  }
  /** Zeroes the counters. */
  reset(): void {
    this.#attempts = {};
    this.#total = 0;
  }
}

/** What the loop needs from its client; `sendQueue` paces the attempts at the adaptive rate. */
export interface InvokeContext { config: ResolvedClientConfig; transport: Transport; stats: CallStats; sendQueue?: SendQueue }

/** Resolution of an ambiguous failure: a result to return, a resend, or giving up with a hint. */
export type AmbiguityResolution<T> = { value: T } | { repeat: true } | { giveUp: string };

/** The parsed `response` object of an action, with its request id. */
export type Parsed<S extends z.ZodType> = z.output<S> & { requestId: string };

/** Per-call options; `R` is what a resolved ambiguity returns instead of a parsed response. */
export interface InvokeOptions<T> {
  /** Called when a non-idempotent action failed ambiguously; `repeat` is honoured only for retryable failures. */
  onAmbiguous?: (failure: AttemptFailure, cls: FailureClass) => Promise<AmbiguityResolution<T>>;
  /** Appended to the error when an ambiguous failure is not resolved: how to check what happened. */
  ambiguousHint?: string;
  /** The service the action belongs to; the VM API when absent. */
  service?: ApiService;
}

/** Calls `action` with `params` and parses the `response` object with `schema`. */
export async function invoke<S extends z.ZodType, R = never>(
  ctx: InvokeContext, action: string, params: object, schema: S, options: InvokeOptions<R> = {},
): Promise<Parsed<S> | R> {
  const { config } = ctx;
  // Serialized once: the same bytes are signed and sent on every attempt.
  const body = JSON.stringify(params);
  // The whole body first (a server echoing the request), then each password-like value in it.
  const secrets = [body, config.accessKeyPassword, ...collectSecrets(params)];
  const log: AttemptRecord[] = [];
  let totalDelayMs = 0;

  for (let attempt = 1; ; attempt++) {
    if (ctx.sendQueue) await ctx.sendQueue.acquire(config);
    const sentAtMs = config.now();
    ctx.stats.count(action);
    const outcome = await (options.service ? ctx.transport(action, body, options.service) : ctx.transport(action, body));
    const result: Interpreted<z.output<S>> = outcome.kind === "response"
      ? interpretResponse(outcome.response, schema, config.now(), secrets)
      : { ok: false, failure: { code: outcome.failure.code, apiMessage: outcome.failure.detail, errno: outcome.failure.errno, requestSent: outcome.failure.requestSent } };
    if (result.ok) {
      ctx.sendQueue?.record(config.now(), { throttled: false, sentAtMs });
      return result.value;
    }

    const failure = result.failure;
    const cls = classifyFailure(failure);
    // Only answers from the server say anything about its limit; a lost connection does not.
    if (outcome.kind === "response") {
      ctx.sendQueue?.record(config.now(), {
        throttled: cls === "THROTTLING", sentAtMs, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
      });
    }
    const record: AttemptRecord = { attempt, code: failure.code };
    if (failure.httpStatus !== undefined) record.httpStatus = failure.httpStatus;
    if (failure.requestId !== undefined) record.requestId = failure.requestId;
    log.push(record);
    const fail = (retryable: boolean, hint?: string) => new ZenlayerApiError({
      action, code: failure.code, apiMessage: failure.apiMessage, attempts: attempt, retryable,
      httpStatus: failure.httpStatus, requestId: failure.requestId, attemptLog: log, hint,
      ambiguous: isAmbiguousClass(cls),
    });

    let decision = decideRetry(action, cls);
    if (decision === "ambiguous") {
      const resolution = options.onAmbiguous ? await options.onAmbiguous(failure, cls) : undefined;
      if (resolution && "value" in resolution) return resolution.value;
      if (!resolution || !("repeat" in resolution) || !isRetryableClass(cls)) {
        const extra = resolution && "giveUp" in resolution ? ` ${resolution.giveUp}` : "";
        throw fail(false, `${options.ambiguousHint ?? AMBIGUOUS_HINT}${extra}`);
      }
      decision = "retry"; // reconciled: nothing was created, so sending again cannot duplicate
    }
    if (decision === "stop") throw fail(false);
    if (attempt >= config.retry.maxAttempts) throw fail(true);

    const { retry } = config;
    if (failure.retryAfterMs !== undefined && failure.retryAfterMs > retry.maxRetryAfterMs) {
      throw fail(true, `The server asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s before retrying, longer than retry.maxRetryAfterMs.`);
    }
    const delayMs = computeBackoffDelay({
      retry: attempt, baseDelayMs: retry.baseDelayMs, maxDelayMs: retry.maxDelayMs,
      random: config.random, minDelayMs: failure.retryAfterMs,
    });
    if (retry.maxTotalDelayMs !== undefined && totalDelayMs + delayMs > retry.maxTotalDelayMs) throw fail(true);
    record.delayMs = delayMs;
    emit(config, { type: "retry", action, attempt, delayMs, reason: describeFailure(failure) });
    await config.sleep(delayMs);
    totalDelayMs += delayMs;
  }
}

const AMBIGUOUS_HINT =
  "The action may have been carried out although no clear answer arrived; it was not repeated automatically.";

/** Calls the user's event hook; a throwing hook must not turn a successful call into a failure. */
export function emit(config: ResolvedClientConfig, event: ClientEvent): void {
  try {
    config.onEvent(event);
  } catch {
    // Observability only.
  }
}

/** Values of any `password`-like field in the request, to be masked in server messages. */
export function collectSecrets(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, out);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "string" && /password|secret/i.test(key)) out.push(item);
      else collectSecrets(item, out);
    }
  }
  return out;
}
