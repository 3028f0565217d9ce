import type { FaultConfig } from "./faults/faults";
import { DEFAULT_DURATIONS, type Durations } from "./model/lifecycle";

/** An access key pair the simulator accepts. */
export interface Credential { accessKeyId: string; accessKeyPassword: string }

/** Options of {@link startSimulator}; every field is optional. */
export interface SimulatorOptions {
  /** Interface to listen on. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Port; 0 (the in-process default) picks a free one. The CLI defaults to 8787. */
  port?: number;
  /** The main access key id. Default `sim-access-key-id`. */
  accessKeyId?: string;
  /** Its password (the HMAC key). Default `sim-access-key-password`. */
  accessKeyPassword?: string;
  /** More accepted key pairs, beside the main one. */
  credentials?: Credential[];
  /** Durations of the transitional states, in ms; missing ones take {@link DEFAULT_DURATIONS}. */
  durations?: Partial<Durations>;
  /** Faults active from the start. */
  faults?: FaultConfig;
  /** Seed of the fault generator. Default 1. */
  seed?: number | string;
  /** JSON file the instances are saved to after every change and loaded from at start. */
  statePath?: string;
  /** One line per API request: `true` logs to stderr, a function receives each line. Never includes secrets. */
  log?: boolean | ((line: string) => void);
  /** The clock, epoch ms; inject one to make timing and signature checks deterministic. Default Date.now. */
  clock?: () => number;
  /** Allowed distance between X-ZC-Timestamp and the clock, in seconds. Default 300. */
  maxClockSkewSeconds?: number;
}

/** Default access key id. */
export const DEFAULT_ACCESS_KEY_ID = "sim-access-key-id";
/** Default access key password. */
export const DEFAULT_ACCESS_KEY_PASSWORD = "sim-access-key-password";
/** Default interface. */
export const DEFAULT_HOST = "127.0.0.1";
/** Default port of the CLI (in-process starts default to 0, a free port). */
export const DEFAULT_CLI_PORT = 8787;
/** Default fault seed. */
export const DEFAULT_SEED = 1;
/** Default allowed clock skew: 5 minutes. */
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;

/** Options with every default filled in and checked. */
export interface ResolvedOptions {
  host: string;
  port: number;
  accessKeyId: string;
  accessKeyPassword: string;
  credentials: Map<string, string>;
  durations: Durations;
  faults: FaultConfig;
  seed: number | string;
  statePath: string | undefined;
  log: ((line: string) => void) | undefined;
  /** Problems the simulator must not keep quiet (a failed state save): `log` when given, else stderr, even with `--quiet`. */
  warn: (line: string) => void;
  clock: () => number;
  maxClockSkewSeconds: number;
}

/** Fills defaults and rejects impossible values with a plain Error (a programming or CLI mistake). */
export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const durations: Durations = { ...DEFAULT_DURATIONS };
  for (const [name, value] of Object.entries(options.durations ?? {})) {
    if (!(name in DEFAULT_DURATIONS)) throw new Error(`Unknown duration "${name}"`);
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new Error(`Duration ${name} must be a finite number of ms ≥ 0`);
    durations[name as keyof Durations] = value;
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Port must be 0-65535, got ${port}`);
  const accessKeyId = options.accessKeyId ?? DEFAULT_ACCESS_KEY_ID;
  const accessKeyPassword = options.accessKeyPassword ?? DEFAULT_ACCESS_KEY_PASSWORD;
  if (!accessKeyId || !accessKeyPassword) throw new Error("The access key id and password must not be empty");
  const credentials = new Map<string, string>([[accessKeyId, accessKeyPassword]]);
  for (const extra of options.credentials ?? []) credentials.set(extra.accessKeyId, extra.accessKeyPassword);
  const maxClockSkewSeconds = options.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
  if (!(maxClockSkewSeconds >= 0)) throw new Error("maxClockSkewSeconds must be ≥ 0");
  const log = options.log === true ? (line: string) => process.stderr.write(`${line}\n`) : options.log || undefined;
  return {
    host: options.host ?? DEFAULT_HOST,
    port,
    accessKeyId,
    accessKeyPassword,
    credentials,
    durations,
    faults: options.faults ?? {},
    seed: options.seed ?? DEFAULT_SEED,
    statePath: options.statePath,
    log,
    warn: typeof options.log === "function" ? options.log : (line: string) => process.stderr.write(`${line}\n`),
    clock: options.clock ?? Date.now,
    maxClockSkewSeconds,
  };
}
