import { TRANSIENT_CODES, type ErrorCode } from "../protocol/codes";
import { invalid, type Params } from "../protocol/params";
import { createRandom, type Random } from "./prng";
import { TokenBucket } from "./rate-limiter";

/**
 * Injected faults. Whether the action ran, per fault:
 * - `rateLimit`: 429 REQUEST_LIMIT_EXCEEDED with Retry-After — the action did NOT run.
 * - `errorRate`: a transient 5xx (SERVICE_TEMPORARY_UNAVAILABLE, INTERNAL_SERVER_ERROR,
 *   REQUEST_TIMED_OUT in rotation) — the action did NOT run.
 * - `latencyMs`: a delay before the action — it runs normally afterwards.
 * - `dropRate`: the connection is destroyed without a response — the action did NOT run.
 * - `loseResponseRate`: the action RAN (and its effects are saved), then the connection is
 *   destroyed — the ambiguous outcome of a create whose reply never arrived.
 */
export interface FaultConfig {
  rateLimit?: { requestsPerSecond: number; burst?: number };
  errorRate?: number;
  latencyMs?: number;
  dropRate?: number;
  loseResponseRate?: number;
  /** Restricts every fault to these actions; all actions when absent. */
  actions?: string[];
  /** Reseeds the fault generator; defaults to the simulator seed. Applying a config always reseeds. */
  seed?: number | string;
}

/** What the fault layer decided for one request, before the action. */
export type FaultDecision =
  | { kind: "none"; loseResponse: boolean }
  | { kind: "throttle"; retryAfterSeconds: number }
  | { kind: "drop" }
  | { kind: "error"; code: ErrorCode };

function rate(input: Params, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) throw invalid(name, "must be a number from 0 to 1");
  return value;
}

/** Validates a fault configuration from JSON; `{}` means no faults. */
export function parseFaultConfig(input: unknown): FaultConfig {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw invalid("faults", "must be a JSON object");
  const raw = input as Params;
  const known = ["rateLimit", "errorRate", "latencyMs", "dropRate", "loseResponseRate", "actions", "seed"];
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  if (unknown.length) throw invalid(unknown[0]!, `is not a fault setting (known: ${known.join(", ")})`);
  const config: FaultConfig = {};
  if (raw.rateLimit !== undefined && raw.rateLimit !== null) {
    const rl = raw.rateLimit as Params;
    const rps = rl.requestsPerSecond;
    const burst = rl.burst ?? Math.max(1, Math.ceil(Number(rps)));
    if (typeof rps !== "number" || !(rps > 0)) throw invalid("rateLimit.requestsPerSecond", "must be a positive number");
    if (typeof burst !== "number" || !(burst >= 1)) throw invalid("rateLimit.burst", "must be a number of at least 1");
    config.rateLimit = { requestsPerSecond: rps, burst };
  }
  for (const name of ["errorRate", "dropRate", "loseResponseRate"] as const) {
    const value = rate(raw, name);
    if (value !== undefined) config[name] = value;
  }
  if (raw.latencyMs !== undefined && raw.latencyMs !== null) {
    if (typeof raw.latencyMs !== "number" || !(raw.latencyMs >= 0 && raw.latencyMs <= 600_000)) throw invalid("latencyMs", "must be 0 to 600000");
    config.latencyMs = raw.latencyMs;
  }
  if (raw.actions !== undefined && raw.actions !== null) {
    if (!Array.isArray(raw.actions) || raw.actions.some((a) => typeof a !== "string")) throw invalid("actions", "must be an array of action names");
    config.actions = [...(raw.actions as string[])];
  }
  if (raw.seed !== undefined && raw.seed !== null) {
    if (typeof raw.seed !== "number" && typeof raw.seed !== "string") throw invalid("seed", "must be a number or a string");
    config.seed = raw.seed;
  }
  return config;
}

/** Decides faults per request from a seeded generator: same seed + same requests ⇒ same faults. */
export class FaultInjector {
  private config: FaultConfig = {};
  private random: Random;
  private bucket: TokenBucket | undefined;
  private errorTurn = 0;

  constructor(private readonly defaultSeed: number | string, private readonly clock: () => number) {
    this.random = createRandom(defaultSeed);
  }

  /** Replaces the configuration (already validated), reseeds and refills the bucket. */
  configure(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.random = createRandom(config.seed ?? this.defaultSeed);
    this.errorTurn = 0;
    const rl = config.rateLimit;
    this.bucket = rl ? new TokenBucket(rl.requestsPerSecond, rl.burst ?? 1, this.clock()) : undefined;
  }

  /** The current configuration. */
  current(): FaultConfig {
    return structuredClone(this.config);
  }

  /** True when faults apply to `action`. */
  applies(action: string): boolean {
    return !this.config.actions || this.config.actions.includes(action);
  }

  /** Milliseconds to wait before handling `action`. */
  latencyFor(action: string): number {
    return this.applies(action) ? this.config.latencyMs ?? 0 : 0;
  }

  /**
   * The fault, if any, for a request to `action`. Three numbers are drawn per faultable
   * request whatever the outcome, so one fault's rate does not shift another's sequence.
   */
  before(action: string): FaultDecision {
    if (!this.applies(action)) return { kind: "none", loseResponse: false };
    const [dropDraw, errorDraw, loseDraw] = [this.random(), this.random(), this.random()];
    const wait = this.bucket?.take(this.clock()) ?? 0;
    if (wait > 0) return { kind: "throttle", retryAfterSeconds: wait };
    if (dropDraw < (this.config.dropRate ?? 0)) return { kind: "drop" };
    if (errorDraw < (this.config.errorRate ?? 0)) {
      const code = TRANSIENT_CODES[this.errorTurn++ % TRANSIENT_CODES.length]!;
      return { kind: "error", code };
    }
    // Decided now, applied after the action has run.
    return { kind: "none", loseResponse: loseDraw < (this.config.loseResponseRate ?? 0) };
  }
}
