/**
 * Where the provider's connection and tuning come from: stack config given to `configure`
 * (`zenlayer:*` keys) wins over the environment, which wins over the defaults. Nothing here is
 * captured by the serialized provider: it is module state of the implementation, filled at run
 * time in the provider host (see provider/index.ts).
 */
import { ENV } from "../../client";

/** The tuning knobs, all in milliseconds. */
export interface Tuning {
  /**
   * Floor of the poll schedule (waits/poll-schedule.ts) that every wait follows: the interval
   * during the first seconds of each status, before it grows to 15 % of the time waited in it.
   * Default 1500: waits that just began, or whose status just changed, cost at most one status
   * call per 1.5 s for the whole process (one call serves every wait), and react within 1.5 s.
   */
  pollIntervalMs: number;
  /**
   * Cap of that schedule: the longest interval between two looks at a waiting instance. Default
   * 30000: a long install is seen within half a minute, at two status calls a minute.
   */
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

/** The connection part of the settings, named as the API client's options name them. */
export function connectionOf(settings: Connection): Connection {
  const { accessKeyId, accessKeyPassword, domain, scheme } = settings;
  return { accessKeyId, accessKeyPassword, domain, scheme };
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
  pollIntervalMs: 1_500,
  waitMaxIntervalMs: 30_000,
  terminateRetryBaseMs: 2_000,
  terminateRetryMaxMs: 15_000,
  progressIntervalMs: 15_000,
  apiRetryBaseMs: 500,
  apiRetryMaxMs: 20_000,
};

/**
 * Bounds of each tuning knob. The floors keep a mistyped value (0, 1) from turning a wait into a
 * request storm against the API (a zero TerminateInstance backoff sends hundreds of calls a
 * second); the ceiling keeps every delay within what one timer can hold and a person would wait.
 */
export const TUNING_BOUNDS: Record<keyof Tuning, { min: number; max: number }> = {
  pollIntervalMs: { min: 20, max: 3_600_000 },
  waitMaxIntervalMs: { min: 20, max: 3_600_000 },
  terminateRetryBaseMs: { min: 50, max: 3_600_000 },
  terminateRetryMaxMs: { min: 250, max: 3_600_000 },
  progressIntervalMs: { min: 100, max: 3_600_000 },
  apiRetryBaseMs: { min: 5, max: 3_600_000 },
  apiRetryMaxMs: { min: 5, max: 3_600_000 },
};

/** Stack config key and environment variable of each setting; the credentials' names are the client's. */
export const SETTING_SOURCES: Record<keyof Settings, { config: string; env: string }> = {
  accessKeyId: { config: "zenlayer:accessKeyId", env: ENV.accessKeyId },
  accessKeyPassword: { config: "zenlayer:accessKeyPassword", env: ENV.accessKeyPassword },
  domain: { config: "zenlayer:domain", env: ENV.domain },
  scheme: { config: "zenlayer:scheme", env: ENV.scheme },
  pollIntervalMs: { config: "zenlayer:pollIntervalMs", env: "ZENLAYER_VM_POLL_INTERVAL_MS" },
  waitMaxIntervalMs: { config: "zenlayer:waitMaxIntervalMs", env: "ZENLAYER_VM_WAIT_MAX_INTERVAL_MS" },
  terminateRetryBaseMs: { config: "zenlayer:terminateRetryBaseMs", env: "ZENLAYER_VM_TERMINATE_RETRY_BASE_MS" },
  terminateRetryMaxMs: { config: "zenlayer:terminateRetryMaxMs", env: "ZENLAYER_VM_TERMINATE_RETRY_MAX_MS" },
  progressIntervalMs: { config: "zenlayer:progressIntervalMs", env: "ZENLAYER_VM_PROGRESS_INTERVAL_MS" },
  apiRetryBaseMs: { config: "zenlayer:apiRetryBaseMs", env: "ZENLAYER_VM_API_RETRY_BASE_MS" },
  apiRetryMaxMs: { config: "zenlayer:apiRetryMaxMs", env: "ZENLAYER_VM_API_RETRY_MAX_MS" },
  showPrices: { config: "zenlayer:showPrices", env: "ZENLAYER_VM_SHOW_PRICES" },
};

/** The part of Pulumi's config object that we use: `get("zenlayer:…")`. */
export interface ConfigSource { get(key: string): string | undefined }

/** Setting values read from stack config, by setting name. */
export type ConfigValues = Partial<Record<keyof Settings, string>>;

/** The non-blank values `config` holds for the settings. */
export function readConfig(config: ConfigSource): ConfigValues {
  const values: ConfigValues = {};
  for (const [name, source] of Object.entries(SETTING_SOURCES) as [keyof Settings, { config: string }][]) {
    const value = config.get(source.config);
    if (value !== undefined && value !== null && String(value).trim() !== "") values[name] = String(value).trim();
  }
  return values;
}

/** One setting: stack config wins over the environment; undefined when neither has it. */
export function lookupSetting(name: keyof Settings, config: ConfigValues, env: NodeJS.ProcessEnv): string | undefined {
  const fromConfig = config[name];
  if (fromConfig !== undefined) return fromConfig;
  const fromEnv = env[SETTING_SOURCES[name].env]?.trim();
  return fromEnv ? fromEnv : undefined;
}

/** Stack config captured by `configure` (module state; empty until then). */
let configured: ConfigValues = {};

/** Records the stack config; called by `configure`. Secrets arrive unwrapped. */
export function configureSettings(config: ConfigSource): void {
  configured = readConfig(config);
}

/** Forgets the stack config (tests). */
export function resetConfiguredSettings(): void {
  configured = {};
}

/** A tuning value that is not a whole number within its knob's bounds: names the knob and both ways to set it. */
export class InvalidSettingError extends Error {
  constructor(readonly setting: keyof Tuning, value: string) {
    const { min, max } = TUNING_BOUNDS[setting];
    const { config, env } = SETTING_SOURCES[setting];
    super(
      `Invalid ${setting} "${value}" (stack config ${config} or environment ${env}): it must be a whole number of ` +
      `milliseconds from ${min} to ${max}. Fix or unset it; the default is ${DEFAULT_TUNING[setting]}.`);
    this.name = "InvalidSettingError";
  }
}

/** A setting's value now: stack config over the environment. */
const pickFrom = (env: NodeJS.ProcessEnv) => (name: keyof Settings): string | undefined => lookupSetting(name, configured, env);

/**
 * The connection settings now, and nothing else: lookups and price inquiries use only these, so a
 * mistyped tuning knob cannot fail them. The access key password is non-enumerable, so printing
 * or serializing the result cannot show it.
 */
export function resolveConnection(env: NodeJS.ProcessEnv = process.env): Connection {
  const pick = pickFrom(env);
  const connection: Connection = { accessKeyId: pick("accessKeyId"), domain: pick("domain"), scheme: pick("scheme") };
  Object.defineProperty(connection, "accessKeyPassword", { value: pick("accessKeyPassword"), enumerable: false });
  return connection;
}

/** What to print besides progress, read without any other setting (prices off reads nothing else). */
export function resolveDisplay(env: NodeJS.ProcessEnv = process.env): Display {
  return { showPrices: !/^(false|0|no|off)$/i.test(pickFrom(env)("showPrices") ?? "") };
}

/**
 * The tuning knobs now. Throws InvalidSettingError for a value outside its bounds (TUNING_BOUNDS)
 * rather than guessing what was meant; only the operations that wait or retry read them.
 */
export function resolveTuning(env: NodeJS.ProcessEnv = process.env): Tuning {
  const pick = pickFrom(env);
  const number = (name: keyof Tuning): number => {
    const text = pick(name);
    if (text === undefined) return DEFAULT_TUNING[name];
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    const { min, max } = TUNING_BOUNDS[name];
    if (!(value >= min && value <= max)) throw new InvalidSettingError(name, text);
    return value;
  };
  const tuning = {} as Tuning;
  for (const name of Object.keys(DEFAULT_TUNING) as (keyof Tuning)[]) tuning[name] = number(name);
  return tuning;
}

/** Every setting now: config over env over defaults (throws as resolveTuning does). */
export function resolveSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const connection = resolveConnection(env);
  const settings: Settings = { ...connection, ...resolveTuning(env), ...resolveDisplay(env) };
  Object.defineProperty(settings, "accessKeyPassword", { value: connection.accessKeyPassword, enumerable: false });
  return settings;
}
