/**
 * Client options and their resolution. Configuration is read when a client is constructed, never
 * at import time, so a Pulumi program can set the environment (or pass explicit options taken from
 * Pulumi config) before the first call.
 */
import { setTimeout as delay } from "node:timers/promises";
import { ZenlayerConfigError } from "./errors";
import type { SendQueue } from "./send-queue";

/** Environment variables read by `resolveClientConfig` (same names as Zenlayer's own tools). */
export const ENV = {
  accessKeyId: "ZENLAYERCLOUD_ACCESS_KEY_ID",
  accessKeyPassword: "ZENLAYERCLOUD_ACCESS_KEY_PASSWORD",
  domain: "ZENLAYERCLOUD_DOMAIN",
  scheme: "ZENLAYERCLOUD_SCHEME",
} as const;

/** Production defaults; tests scale the delays down through options. */
export const DEFAULTS = {
  domain: "console.zenlayer.com",
  scheme: "https",
  apiVersion: "2023-03-13",
  requestClient: "pulumi-zenlayer-vm",
  requestTimeoutMs: 30_000,
  retry: { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 },
  // The slack exceeds the clock skew the API is expected to accept on signatures (a few
  // minutes), so a new instance is never ruled out because our clock runs ahead of the server's.
  reconcile: { probes: 4, delayMs: 1_500, createTimeSlackMs: 600_000 },
} as const;

/** Retry budget and backoff shape (see retry-policy.ts and backoff.ts). */
export interface RetryOptions {
  /** Total HTTP attempts per call, the first included. Default 8. */
  maxAttempts: number;
  /** First backoff ceiling; doubles per retry. Default 500. */
  baseDelayMs: number;
  /** Cap of the backoff ceiling. Default 20000. */
  maxDelayMs: number;
  /** Give up rather than sleep past this much total retry delay per call. Default: no limit. */
  maxTotalDelayMs?: number;
  /** A Retry-After longer than this ends the retries instead of being slept. Default 60000. */
  maxRetryAfterMs?: number;
}

/** How an ambiguous CreateInstances is reconciled by name (see create-reconcile.ts). */
export interface ReconcileOptions {
  /** DescribeInstances probes before concluding "not created". Default 4. */
  probes: number;
  /** Pause between probes, because a new instance may be listed only after a delay. Default 1500. */
  delayMs: number;
  /** Instances created this long before the first attempt still count (clock skew). Default 600000. */
  createTimeSlackMs: number;
}

/** Observability hooks: emitted before each retry sleep, and when a create was reconciled. */
export type ClientEvent =
  | { type: "retry"; action: string; attempt: number; delayMs: number; reason: string }
  | { type: "reconcile"; action: "CreateInstances"; instanceName?: string; found: string[] };

/** Everything a `VmClient` can be given; all optional, with env and defaults behind. */
export interface ClientOptions {
  accessKeyId?: string;
  accessKeyPassword?: string;
  /** Host, optionally with a port (`127.0.0.1:8787`). Default `console.zenlayer.com`. */
  domain?: string;
  /** `https` (default) or `http`, in any case: Zenlayer's Terraform provider spells them `HTTPS` / `HTTP`. */
  scheme?: string;
  apiVersion?: string;
  /** `X-ZC-Request-Client`. Default `pulumi-zenlayer-vm`. */
  requestClient?: string;
  requestTimeoutMs?: number;
  retry?: Partial<RetryOptions>;
  reconcile?: Partial<ReconcileOptions>;
  onEvent?: (event: ClientEvent) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Clock in milliseconds; signatures use `Math.floor(now() / 1000)`. */
  now?: () => number;
  /** Uniform in [0, 1); drives the backoff jitter. */
  random?: () => number;
  /** Environment to read instead of `process.env`. */
  env?: NodeJS.ProcessEnv;
  /**
   * Pace requests once the server throttles, with a rate shared by every client of the process
   * using the same endpoint and access key (see adaptive-rate.ts). Default true; false leaves only
   * the per-call retries.
   */
  adaptiveRate?: boolean;
  /**
   * The queue this client's calls wait in, with its adaptive rate (send-queue.ts); default: the
   * process-wide one of the endpoint and access key. A tool that models several processes in one
   * gives each its own.
   */
  sendQueue?: SendQueue;
}

/** Options after defaults, env and validation. `accessKeyPassword` is non-enumerable. */
export interface ResolvedClientConfig {
  accessKeyId: string;
  accessKeyPassword: string;
  domain: string;
  scheme: "http" | "https";
  /** `{scheme}://{domain}/api/v2/vm` */
  endpoint: string;
  apiVersion: string;
  requestClient: string;
  requestTimeoutMs: number;
  retry: RetryOptions & { maxRetryAfterMs: number };
  reconcile: ReconcileOptions;
  onEvent: (event: ClientEvent) => void;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  adaptiveRate: boolean;
}

const REQUEST_CLIENT_PATTERN = /^[0-9a-zA-Z_ ,;.-]{1,128}$/;

/** Resolves options over env over defaults; throws ZenlayerConfigError on anything unusable. */
export function resolveClientConfig(options: ClientOptions = {}, env: NodeJS.ProcessEnv = options.env ?? process.env): ResolvedClientConfig {
  const pick = (explicit: string | undefined, name: string): string | undefined =>
    nonEmpty(explicit) ?? nonEmpty(env[name]);
  const accessKeyId = pick(options.accessKeyId, ENV.accessKeyId);
  const accessKeyPassword = pick(options.accessKeyPassword, ENV.accessKeyPassword);
  if (!accessKeyId || !accessKeyPassword) throw missingCredentials(!accessKeyId, !accessKeyPassword);

  const domain = pick(options.domain, ENV.domain) ?? DEFAULTS.domain;
  // A domain is a host[:port]; a scheme or path here would silently break the signed Host header.
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(domain)) {
    throw new ZenlayerConfigError(
      `Invalid Zenlayer domain "${domain}": expected a host name with an optional port, such as ` +
        `console.zenlayer.com or 127.0.0.1:8787 (set the scheme separately with ${ENV.scheme}).`);
  }
  const schemeText = pick(options.scheme, ENV.scheme) ?? DEFAULTS.scheme;
  const scheme = parseScheme(schemeText);
  if (!scheme) {
    throw new ZenlayerConfigError(`Invalid Zenlayer scheme "${schemeText}": use "https" (default) or "http", in any case (${ENV.scheme}).`);
  }
  const requestClient = options.requestClient ?? DEFAULTS.requestClient;
  if (!REQUEST_CLIENT_PATTERN.test(requestClient)) {
    throw new ZenlayerConfigError(`Invalid requestClient "${requestClient}": at most 128 of 0-9 a-z A-Z - _ space , ; .`);
  }
  const retry: ResolvedClientConfig["retry"] = { ...DEFAULTS.retry, ...stripUndefined(options.retry ?? {}) };
  const reconcile: ReconcileOptions = { ...DEFAULTS.reconcile, ...stripUndefined(options.reconcile ?? {}) };
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  checkNumber("retry.maxAttempts", retry.maxAttempts, 1, true);
  checkNumber("retry.baseDelayMs", retry.baseDelayMs, 0);
  checkNumber("retry.maxDelayMs", retry.maxDelayMs, 0);
  checkNumber("retry.maxRetryAfterMs", retry.maxRetryAfterMs, 0);
  if (retry.maxTotalDelayMs !== undefined) checkNumber("retry.maxTotalDelayMs", retry.maxTotalDelayMs, 0);
  checkNumber("reconcile.probes", reconcile.probes, 1, true);
  checkNumber("reconcile.delayMs", reconcile.delayMs, 0);
  checkNumber("reconcile.createTimeSlackMs", reconcile.createTimeSlackMs, 0);
  checkNumber("requestTimeoutMs", requestTimeoutMs, 1);

  const config = {
    accessKeyId, domain, scheme,
    endpoint: `${scheme}://${domain}/api/v2/vm`,
    apiVersion: options.apiVersion ?? DEFAULTS.apiVersion,
    requestClient, requestTimeoutMs, retry, reconcile,
    onEvent: options.onEvent ?? (() => undefined),
    sleep: options.sleep ?? ((ms: number) => delay(ms).then(() => undefined)),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    adaptiveRate: options.adaptiveRate ?? true,
  } as ResolvedClientConfig;
  // Non-enumerable so that logging or serializing the resolved config cannot print the secret.
  Object.defineProperty(config, "accessKeyPassword", { value: accessKeyPassword, enumerable: false });
  return config;
}

/**
 * `http` or `https` from any spelling of them (`HTTP` is what a shell set up for Zenlayer's
 * Terraform provider carries); undefined for anything else.
 */
function parseScheme(text: string): "http" | "https" | undefined {
  const lower = text.trim().toLowerCase();
  return lower === "http" || lower === "https" ? lower : undefined;
}

function missingCredentials(noId: boolean, noPassword: boolean): ZenlayerConfigError {
  const missing = [noId ? "access key id" : undefined, noPassword ? "access key password" : undefined]
    .filter(Boolean).join(" and ");
  return new ZenlayerConfigError(
    `Zenlayer credentials are missing (${missing}). Set the environment variables ` +
      `${ENV.accessKeyId} and ${ENV.accessKeyPassword}, or the Pulumi config keys ` +
      `zenlayer:accessKeyId and zenlayer:accessKeyPassword ` +
      `(pulumi config set --secret zenlayer:accessKeyPassword <password>).`);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkNumber(name: string, value: number, min: number, integer = false): void {
  if (typeof value !== "number" || Number.isNaN(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new ZenlayerConfigError(`Invalid client option ${name}: ${String(value)} (expected ${integer ? "an integer" : "a number"} >= ${min}).`);
  }
}
