/**
 * The implementation's module state: the settings (from configure and the environment), one API
 * client and one shared status poller per connection, and the owners known to be in state. The
 * provider host keeps this module loaded for the whole deployment, so every resource of a
 * deployment shares the poller (see status-poller.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { createVmClient, isApiError, type ClientEvent } from "../../client";
import type { VmApi } from "../../client/types";
import { type DetailsExchange, statusSource } from "./api";
import { realClock, type Clock } from "./clock";
import { InstanceReads } from "./instance-reads";
import { DYNAMIC_PROVIDER, type FrontEnd } from "../front-end";
import { formatDuration } from "../inputs/durations";
import { consoleLogger, type Logger, Progress, redactingLogger } from "./progress";
import { connectionOf, resolveSettings, type Settings } from "./settings";
import { pollScheduleOf } from "../waits/poll-schedule";
import { StatusPoller } from "../waits/status-poller";

/** Everything an operation needs. Unit tests build one around an in-memory VmApi. */
export interface Ctx {
  api: VmApi;
  poller: StatusPoller;
  /** Reads shared by the operations of the process: batched describes, lists loaded once (instance-reads.ts). */
  reads: InstanceReads;
  settings: Settings;
  clock: Clock;
  log: Logger;
  /** Strings that must never be printed (the access key password). */
  secrets: string[];
  /**
   * Owners (`__owner`) of resources this process has seen in state (check/diff/read/update got
   * them with stored properties). A create for such an owner is a replacement: it never adopts or
   * removes an instance by the owner tag (that may be the live instance being replaced
   * create-before-delete: `--replace`, `replaceOnChanges`), nor by `adoptInstanceId` (the instance
   * just retired).
   */
  ownersInState: Set<string>;
  /** The words of the front-end serving this operation, for messages (front-end.ts). */
  frontEnd: FrontEnd;
}

/** Owners seen in state by this process (module state, see Ctx.ownersInState). */
export const ownersInState = new Set<string>();

/**
 * Owners this process has run a create for. Their instances may not be in the state yet (the
 * engine records a create when it returns), so the orphan report (operations/orphans.ts) leaves
 * them out.
 */
export const ownersCreatedHere = new Set<string>();

/** A poller whose only fatal errors are the non-retryable ones (bad credentials, bugs). */
export function createPoller(api: VmApi, settings: Settings, clock: Clock, details?: DetailsExchange): StatusPoller {
  return new StatusPoller(statusSource(api, details), {
    clock,
    schedule: pollScheduleOf(settings),
    maxErrorBackoffMs: Math.max(settings.terminateRetryMaxMs, settings.pollIntervalMs),
    isFatal: (e) => !(isApiError(e) && e.retryable),
  });
}

/** Builds a context around a given API (tests, or callers with their own client). */
export function createContext(parts: {
  api: VmApi; settings?: Partial<Settings>; clock?: Clock; log?: Logger; poller?: StatusPoller; frontEnd?: FrontEnd;
}): Ctx {
  const settings = { ...resolveSettings({}), ...parts.settings } as Settings;
  const clock = parts.clock ?? realClock;
  const secrets = [settings.accessKeyPassword].filter((s): s is string => !!s);
  const reads = new InstanceReads(parts.api, clock);
  return {
    api: parts.api,
    poller: parts.poller ?? createPoller(parts.api, settings, clock, reads),
    reads,
    settings,
    clock,
    log: redactingLogger(parts.log ?? consoleLogger, secrets),
    secrets,
    ownersInState,
    frontEnd: parts.frontEnd ?? DYNAMIC_PROVIDER,
  };
}

let cached: { key: string; ctx: Ctx } | undefined;

/**
 * How a front-end serves one operation: where its lines go and the words its users know. A host
 * that can attach a line to the resource being worked on (a native provider plugin, through the
 * engine) runs each operation inside `withOperationHost`; without it, lines go to the console and
 * messages use the dynamic provider's words.
 */
export interface OperationHost {
  log: Logger;
  frontEnd: FrontEnd;
}

const operationHost = new AsyncLocalStorage<OperationHost>();

/** Runs `operation` with its lines sent to `host.log` (redacted like any other) and its messages in `host.frontEnd`'s words. */
export function withOperationHost<T>(host: OperationHost, operation: () => Promise<T>): Promise<T> {
  return operationHost.run(host, operation);
}

/**
 * Where a line of the running operation goes: its host's logger inside `withOperationHost`,
 * otherwise the console. Read at each line, so a long-lived object (the price preview) follows
 * whichever operation it is serving.
 */
export const operationLog: Logger = {
  info: (line) => (operationHost.getStore()?.log ?? consoleLogger).info(line),
  warn: (line) => (operationHost.getStore()?.log ?? consoleLogger).warn(line),
};

/**
 * The context for the current settings, built on first use and rebuilt when the connection or the
 * tuning changes. Throws the client's ZenlayerConfigError (an actionable message) when the
 * credentials are missing: only the operations that call the API get here, never check or diff.
 */
export function currentContext(): Ctx {
  const ctx = sharedContext();
  const host = operationHost.getStore();
  return host ? { ...ctx, log: redactingLogger(host.log, ctx.secrets), frontEnd: host.frontEnd } : ctx;
}

function sharedContext(): Ctx {
  const settings = resolveSettings();
  const key = JSON.stringify([
    settings.accessKeyId, settings.domain, settings.scheme,
    settings.accessKeyPassword ? createHash("sha256").update(settings.accessKeyPassword).digest("hex") : "",
    settings.pollIntervalMs, settings.waitMaxIntervalMs, settings.terminateRetryBaseMs, settings.terminateRetryMaxMs,
    settings.progressIntervalMs, settings.apiRetryBaseMs, settings.apiRetryMaxMs,
  ]);
  if (cached?.key === key) return cached.ctx;
  const secrets = [settings.accessKeyPassword].filter((s): s is string => !!s);
  const log = redactingLogger(consoleLogger, secrets);
  const throttleNotice = new Progress(log, realClock, settings.progressIntervalMs);
  const api = createVmClient({
    ...connectionOf(settings),
    retry: { baseDelayMs: settings.apiRetryBaseMs, maxDelayMs: settings.apiRetryMaxMs },
    onEvent: (event: ClientEvent) => {
      if (event.type === "retry") {
        throttleNotice.report(`Zenlayer API: ${event.action} got ${event.reason}; retrying in ${formatDuration(event.delayMs)}`, "retry");
      }
    },
  });
  const reads = new InstanceReads(api, realClock);
  const ctx: Ctx = {
    api, poller: createPoller(api, settings, realClock, reads), reads, settings, clock: realClock, log, secrets, ownersInState,
    frontEnd: DYNAMIC_PROVIDER,
  };
  cached = { key, ctx };
  return ctx;
}

/** Forgets the cached client and poller (tests). */
export function resetContext(): void {
  cached = undefined;
}
