import type { FaultConfig } from "./faults/faults";
import type { Durations } from "./model/lifecycle";
import { DEFAULT_ACCESS_KEY_PASSWORD, DEFAULT_CLI_PORT, type SimulatorOptions } from "./options";
import { parseArgs } from "node:util";

/** A command-line mistake: the CLI prints it with the usage and exits 2. */
export class CliUsageError extends Error {}

/** Flag → duration option, for every transitional state. */
export const DURATION_FLAGS: Readonly<Record<string, keyof Durations>> = {
  "pending-ms": "pendingMs",
  "deploying-ms": "deployingMs",
  "rebuilding-ms": "rebuildingMs",
  "stopping-ms": "stoppingMs",
  "booting-ms": "bootingMs",
  "reboot-ms": "rebootMs",
  "recycling-ms": "recyclingMs",
  "releasing-ms": "releasingMs",
  "imaging-ms": "imagingMs",
  "bandwidth-change-ms": "bandwidthChangeMs",
  "recycle-retention-ms": "recycleRetentionMs",
};

const STRING_FLAGS = [
  "port", "host", "access-key-id", "access-key-password", "state-file", "seed", "rate-limit-rps", "rate-limit-burst",
  "error-rate", "latency-ms", "drop-rate", "lose-response-rate", "fault-actions", "max-clock-skew-seconds",
  ...Object.keys(DURATION_FLAGS),
];

/** What the CLI will do; `warnings` are printed on stderr before it starts. */
export interface CliPlan { help: boolean; quiet: boolean; options: SimulatorOptions; warnings: string[] }

/** True for the loopback interfaces, the only ones nothing else on the network can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare) || /^::ffff:127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * A credential from its flag, else its environment variable. Given but empty is a usage error:
 * silently using the public default instead would leave the simulator open to anyone who read it.
 */
function credential(flag: string, flagValue: string | undefined, envName: string, env: NodeJS.ProcessEnv): string | undefined {
  if (flagValue !== undefined) {
    if (flagValue.trim() === "") throw new CliUsageError(`--${flag} must not be empty (leave it out to use the default)`);
    return flagValue;
  }
  const fromEnv = env[envName];
  if (fromEnv !== undefined && fromEnv.trim() === "") throw new CliUsageError(`${envName} is set but empty (unset it to use the default)`);
  return fromEnv;
}

function number(flag: string, text: string, min: number, max: number, integer = false): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new CliUsageError(`--${flag} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/**
 * Turns argv (without `node cli.js`) and the environment into simulator options. The access
 * key password may come from ZENLAYER_SIM_ACCESS_KEY_PASSWORD so it need not be on the command line.
 */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliPlan {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(STRING_FLAGS.map((name) => [name, { type: "string" as const }])),
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const text = (name: string) => (typeof v[name] === "string" ? (v[name] as string) : undefined);
  const options: SimulatorOptions = { port: DEFAULT_CLI_PORT };
  if (text("port") !== undefined) options.port = number("port", text("port")!, 0, 65535, true);
  if (text("host") !== undefined) options.host = text("host");
  const keyId = credential("access-key-id", text("access-key-id"), "ZENLAYER_SIM_ACCESS_KEY_ID", env);
  const keyPassword = credential("access-key-password", text("access-key-password"), "ZENLAYER_SIM_ACCESS_KEY_PASSWORD", env);
  if (keyId !== undefined) options.accessKeyId = keyId;
  if (keyPassword !== undefined) options.accessKeyPassword = keyPassword;
  const warnings: string[] = [];
  if (options.host !== undefined && !isLoopbackHost(options.host)) {
    const publicPassword = (keyPassword ?? DEFAULT_ACCESS_KEY_PASSWORD) === DEFAULT_ACCESS_KEY_PASSWORD;
    warnings.push(`--host ${options.host} is reachable from other machines: the control routes under /_sim need no signature` +
      (publicPassword ? `, and the default access key password "${DEFAULT_ACCESS_KEY_PASSWORD}" is public (set --access-key-password or ZENLAYER_SIM_ACCESS_KEY_PASSWORD)` : "") +
      ". Use 127.0.0.1 unless other machines must reach it.");
  }
  if (text("state-file") !== undefined) options.statePath = text("state-file");
  if (text("seed") !== undefined) options.seed = /^\d+$/.test(text("seed")!) ? Number(text("seed")) : text("seed")!;
  if (text("max-clock-skew-seconds") !== undefined) options.maxClockSkewSeconds = number("max-clock-skew-seconds", text("max-clock-skew-seconds")!, 0, 1e9);

  const durations: Partial<Durations> = {};
  for (const [flag, key] of Object.entries(DURATION_FLAGS)) {
    const given = text(flag);
    if (given !== undefined) durations[key] = number(flag, given, 0, 1e12);
  }
  if (Object.keys(durations).length) options.durations = durations;

  const faults: FaultConfig = {};
  const rps = text("rate-limit-rps");
  const burst = text("rate-limit-burst");
  if (burst !== undefined && rps === undefined) throw new CliUsageError("--rate-limit-burst needs --rate-limit-rps");
  if (rps !== undefined) {
    faults.rateLimit = { requestsPerSecond: number("rate-limit-rps", rps, 0.001, 1e6) };
    if (burst !== undefined) faults.rateLimit.burst = number("rate-limit-burst", burst, 1, 1e6);
  }
  for (const [flag, key] of [["error-rate", "errorRate"], ["drop-rate", "dropRate"], ["lose-response-rate", "loseResponseRate"]] as const) {
    const given = text(flag);
    if (given !== undefined) faults[key] = number(flag, given, 0, 1);
  }
  if (text("latency-ms") !== undefined) faults.latencyMs = number("latency-ms", text("latency-ms")!, 0, 600_000);
  if (text("fault-actions") !== undefined) faults.actions = text("fault-actions")!.split(",").map((a) => a.trim()).filter(Boolean);
  if (Object.keys(faults).length) options.faults = faults;

  return { help: v.help === true, quiet: v.quiet === true, options, warnings };
}

/** The --help text. */
export const USAGE = `Usage: zenlayer-sim [options]

Local simulator of the Zenlayer Cloud VM API (POST /api/v2/vm), with control routes under /_sim.

  --port <n>                    port to listen on; 0 picks a free one (default ${DEFAULT_CLI_PORT})
  --host <addr>                 interface (default 127.0.0.1)
  --access-key-id <id>          accepted access key id (default sim-access-key-id, env ZENLAYER_SIM_ACCESS_KEY_ID)
  --access-key-password <pw>    its password (default sim-access-key-password, env ZENLAYER_SIM_ACCESS_KEY_PASSWORD)
  --state-file <path>           save instances here after every change; load them at start
  --seed <n|text>               seed of the fault generator (default 1)
  --max-clock-skew-seconds <n>  allowed X-ZC-Timestamp skew (default 300)
Durations in ms (defaults): --pending-ms 2000, --deploying-ms 3000, --rebuilding-ms 3000,
  --stopping-ms 2000, --booting-ms 2000, --reboot-ms 2000, --recycling-ms 2000, --releasing-ms 1000,
  --imaging-ms 3000, --bandwidth-change-ms 2000, --recycle-retention-ms 86400000
Faults (off by default):
  --rate-limit-rps <n> [--rate-limit-burst <n>]   token bucket; 429 REQUEST_LIMIT_EXCEEDED + Retry-After
  --error-rate <0..1>           transient 5xx before the action (the action does not run)
  --latency-ms <n>              delay before every action
  --drop-rate <0..1>            close the connection before the action (the action does not run)
  --lose-response-rate <0..1>   run the action, then close the connection (ambiguous outcome)
  --fault-actions <A,B,...>     apply faults only to these actions
  -q, --quiet                   no request log on stderr
  -h, --help                    this text
`;
