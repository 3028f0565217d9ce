/**
 * Where the provider's connection and tuning come from: stack config given to `configure`
 * (`zenlayer:*` keys) wins over the environment, which wins over the defaults. Nothing here is
 * captured by the serialized provider: it is module state of the implementation, filled at run
 * time in the provider host (see provider/index.ts).
 */

/** The tuning knobs, all in milliseconds. */
export interface Tuning {
  /**
   * Period of the shared status poll while a delete waits for an instance to become deletable,
   * and the first interval of every other wait. Default 1000.
   */
  pollIntervalMs: number;
  /** Cap of the growing interval of waits that are not latency-critical (create, update). Default 5000. */
  waitMaxIntervalMs: number;
  /** First delay of the fallback TerminateInstance retry; doubles with full jitter. Default 2000. */
  terminateRetryBaseMs: number;
  /** Cap of that delay. Default 15000. */
  terminateRetryMaxMs: number;
  /** At most one progress line per operation per this period (status changes always print). Default 15000. */
  progressIntervalMs: number;
  /** First backoff of the API client's retries (throttling, transient errors). Default 500. */
  apiRetryBaseMs: number;
  /** Cap of that backoff. Default 20000. */
  apiRetryMaxMs: number;
}

/** Connection settings; any may be missing until an operation needs the API. */
export interface Connection {
  accessKeyId?: string;
  accessKeyPassword?: string;
  domain?: string;
  scheme?: string;
}

/** What the provider prints besides progress. */
export interface Display {
  /**
   * Price estimates in previews (InquiryPrice* actions, bounded in time). On unless set to
   * `false`, `0`, `no` or `off`.
   */
  showPrices: boolean;
}

export type Settings = Connection & Tuning & Display;

/** Production defaults. */
export const DEFAULT_TUNING: Tuning = {
  pollIntervalMs: 1_000,
  waitMaxIntervalMs: 5_000,
  terminateRetryBaseMs: 2_000,
  terminateRetryMaxMs: 15_000,
  progressIntervalMs: 15_000,
  apiRetryBaseMs: 500,
  apiRetryMaxMs: 20_000,
};

/** Stack config key (after `zenlayer:`) and environment variable of each setting. */
export const SETTING_SOURCES: Record<keyof Settings, { config: string; env: string }> = {
  accessKeyId: { config: "zenlayer:accessKeyId", env: "ZENLAYERCLOUD_ACCESS_KEY_ID" },
  accessKeyPassword: { config: "zenlayer:accessKeyPassword", env: "ZENLAYERCLOUD_ACCESS_KEY_PASSWORD" },
  domain: { config: "zenlayer:domain", env: "ZENLAYERCLOUD_DOMAIN" },
  scheme: { config: "zenlayer:scheme", env: "ZENLAYERCLOUD_SCHEME" },
  pollIntervalMs: { config: "zenlayer:pollIntervalMs", env: "ZENLAYER_VM_POLL_INTERVAL_MS" },
  waitMaxIntervalMs: { config: "zenlayer:waitMaxIntervalMs", env: "ZENLAYER_VM_WAIT_MAX_INTERVAL_MS" },
  terminateRetryBaseMs: { config: "zenlayer:terminateRetryBaseMs", env: "ZENLAYER_VM_TERMINATE_RETRY_BASE_MS" },
  terminateRetryMaxMs: { config: "zenlayer:terminateRetryMaxMs", env: "ZENLAYER_VM_TERMINATE_RETRY_MAX_MS" },
  progressIntervalMs: { config: "zenlayer:progressIntervalMs", env: "ZENLAYER_VM_PROGRESS_INTERVAL_MS" },
  apiRetryBaseMs: { config: "zenlayer:apiRetryBaseMs", env: "ZENLAYER_VM_API_RETRY_BASE_MS" },
  apiRetryMaxMs: { config: "zenlayer:apiRetryMaxMs", env: "ZENLAYER_VM_API_RETRY_MAX_MS" },
  showPrices: { config: "zenlayer:showPrices", env: "ZENLAYER_VM_SHOW_PRICES" },
};

/** The part of Pulumi's config object `configure` receives that we use. */
export interface ConfigSource { get(key: string): string | undefined }

/** Stack config captured by `configure` (module state; empty until then). */
let configured: Partial<Record<keyof Settings, string>> = {};

/** Records the stack config; called by `configure`. Secrets arrive unwrapped. */
export function configureSettings(config: ConfigSource): void {
  const next: Partial<Record<keyof Settings, string>> = {};
  for (const [name, source] of Object.entries(SETTING_SOURCES) as [keyof Settings, { config: string }][]) {
    const value = config.get(source.config);
    if (value !== undefined && value !== null && String(value).trim() !== "") next[name] = String(value).trim();
  }
  configured = next;
}

/** Forgets the stack config (tests). */
export function resetConfiguredSettings(): void {
  configured = {};
}

/** The effective settings now: config over env over defaults. Invalid numbers fall back to defaults. */
export function resolveSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const pick = (name: keyof Settings): string | undefined => {
    const fromConfig = configured[name];
    if (fromConfig !== undefined) return fromConfig;
    const fromEnv = env[SETTING_SOURCES[name].env]?.trim();
    return fromEnv ? fromEnv : undefined;
  };
  const number = (name: keyof Tuning): number => {
    const text = pick(name);
    const value = text === undefined ? NaN : Number(text);
    return Number.isFinite(value) && value >= 0 ? value : DEFAULT_TUNING[name];
  };
  const settings: Settings = {
    accessKeyId: pick("accessKeyId"),
    domain: pick("domain"),
    scheme: pick("scheme"),
    pollIntervalMs: number("pollIntervalMs"),
    waitMaxIntervalMs: number("waitMaxIntervalMs"),
    terminateRetryBaseMs: number("terminateRetryBaseMs"),
    terminateRetryMaxMs: number("terminateRetryMaxMs"),
    progressIntervalMs: number("progressIntervalMs"),
    apiRetryBaseMs: number("apiRetryBaseMs"),
    apiRetryMaxMs: number("apiRetryMaxMs"),
    showPrices: !/^(false|0|no|off)$/i.test(pick("showPrices") ?? ""),
  };
  // Non-enumerable, so printing or serializing the settings cannot show it.
  Object.defineProperty(settings, "accessKeyPassword", { value: pick("accessKeyPassword"), enumerable: false });
  return settings;
}
