import { SimulatorControl } from "./control";
import type { SimulatorCore } from "./core";
import { FaultInjector, parseFaultConfig } from "./faults/faults";
import { API_PATH, createSimulatorServer } from "./http/server";
import { StatsCounter } from "./http/stats";
import { StateFileLock } from "./model/state-lock";
import { InstanceStore } from "./model/store";
import { resolveOptions, type ResolvedOptions, type SimulatorOptions } from "./options";
import type { AddressInfo } from "node:net";

/** A simulator listening on loopback. */
export interface RunningSimulator {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The API endpoint: `url` + `/api/v2/vm`. */
  apiUrl: string;
  /** Host and port, as ZENLAYERCLOUD_DOMAIN expects them (`127.0.0.1:8787`). */
  domain: string;
  /** Always `http` (ZENLAYERCLOUD_SCHEME). */
  scheme: "http";
  /** The port actually bound (useful with port 0). */
  port: number;
  /** The main access key id the simulator accepts. */
  accessKeyId: string;
  /** Its password; sign requests with it. */
  accessKeyPassword: string;
  /** Out-of-band control, the in-process twin of the `/_sim` routes. */
  control: SimulatorControl;
  /** Stops listening, closes open connections and saves the state. */
  stop(): Promise<void>;
}

/** The simulator's parts, listening on `resolved.host` / `resolved.port`. */
async function listen(resolved: ResolvedOptions) {
  const faults = new FaultInjector(resolved.seed, resolved.clock);
  faults.configure(parseFaultConfig(resolved.faults));
  const core: SimulatorCore = {
    options: resolved,
    store: new InstanceStore(resolved.statePath, resolved.warn),
    faults,
    stats: new StatsCounter(),
    createFailures: { pending: 0 },
  };
  const control = new SimulatorControl(core);
  const server = createSimulatorServer(core, control);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { core, control, server };
}

/** Starts the Zenlayer VM API simulator and resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveOptions(options);
  // Taken before the state file is read, and held until the last save at stop.
  const lock = resolved.statePath ? StateFileLock.acquire(resolved.statePath) : undefined;
  let parts: Awaited<ReturnType<typeof listen>>;
  try {
    parts = await listen(resolved);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const { core, control, server } = parts;
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  const domain = `${hostInUrl}:${port}`;
  const url = `http://${domain}`;
  lock?.announce(url);
  let stopped: Promise<void> | undefined;
  return {
    url,
    apiUrl: `${url}${API_PATH}`,
    domain,
    scheme: "http",
    port,
    accessKeyId: resolved.accessKeyId,
    accessKeyPassword: resolved.accessKeyPassword,
    control,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => core.store.close(resolved.clock())).finally(() => lock?.release());
      return stopped;
    },
  };
}

// The public surface beside startSimulator: control and data types, defaults, error codes and
// the catalogue, so tests and demos never repeat ids or codes as literals.
export { SimulatorControl, type SimInstance, type StatusHold } from "./control";
export type { FaultConfig } from "./faults/faults";
export type { SimStats } from "./http/stats";
export type { InstanceInfo } from "./model/instance-record";
export type { Tag } from "./model/rules";
export { INSTANCE_STATUSES, DEFAULT_DURATIONS, type Durations, type InstanceStatus } from "./model/lifecycle";
export {
  DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_PASSWORD, DEFAULT_CLI_PORT, DEFAULT_HOST, DEFAULT_MAX_CLOCK_SKEW_SECONDS,
  DEFAULT_SEED, type Credential, type SimulatorOptions,
} from "./options";
export { ERROR_CODES, type ErrorCode } from "./protocol/codes";
export { SimulatorError } from "./protocol/errors";
export { ACTION_NAMES } from "./actions";
export { SUPPORTED_VERSIONS } from "./http/api-handler";
export { vmActionNames } from "./http/services";
export { API_PATH } from "./http/server";
export * as catalogue from "./model/catalogue";
export * as pricing from "./pricing/pricing";
export {
  ZONES, INSTANCE_TYPES, IMAGES, RESOURCE_GROUPS, DEFAULT_RESOURCE_GROUP, SUBNETS, KNOWN_KEY_IDS, KEY_ID_PATTERN,
  DEFAULT_SECURITY_GROUP_ID, INTERNET_CHARGE_TYPES,
} from "./model/catalogue";
