/**
 * The world a model-based sequence runs in: a fresh simulator on loopback with zero state
 * durations, the provider pointed at it through the environment (as a user would), the emulated
 * engine, the simulator's control routes over HTTP for out-of-band changes, and everything the
 * provider printed.
 */
import { resetContext } from "../../../provider/lifecycle/runtime/context";
import { resetConfiguredSettings } from "../../../provider/lifecycle/runtime/settings";
import { resetPricePreview } from "../../../provider/lifecycle/prices/session";
import { startSimulator, type Durations, type RunningSimulator, type SimInstance } from "../../../simulator";
import { Engine } from "./engine";
import type { ViolationLabel } from "./invariants";

/** Every simulated state change happens at once. */
const ZERO_DURATIONS: Durations = {
  pendingMs: 0, deployingMs: 0, rebuildingMs: 0, stoppingMs: 0, bootingMs: 0, rebootMs: 0, recyclingMs: 0,
  releasingMs: 0, imagingMs: 0, bandwidthChangeMs: 0, recycleRetentionMs: 86_400_000,
};

/** Provider tuning: the shortest waits the settings accept. */
const TUNING: Record<string, string> = {
  ZENLAYER_VM_POLL_INTERVAL_MS: "20",
  ZENLAYER_VM_WAIT_MAX_INTERVAL_MS: "40",
  ZENLAYER_VM_TERMINATE_RETRY_BASE_MS: "50",
  ZENLAYER_VM_TERMINATE_RETRY_MAX_MS: "250",
  ZENLAYER_VM_PROGRESS_INTERVAL_MS: "10000",
  ZENLAYER_VM_API_RETRY_BASE_MS: "5",
  ZENLAYER_VM_API_RETRY_MAX_MS: "5",
  ZENLAYER_VM_SHOW_PRICES: "false",
};

/** The access key password of every model run: it must never be printed. */
export const ACCESS_KEY_PASSWORD = "model-Access-Secret-9x";

export const RECYCLED = new Set(["RECYCLING", "RECYCLE", "RELEASING"]);

/** Where the provider's console lines go while a sequence runs. */
let sink: string[] | undefined;
let restoreConsole: (() => void) | undefined;

/** Sends console.log / warn / error into the current world's lines (or drops them between worlds). */
export function captureConsole(): () => void {
  if (restoreConsole) return restoreConsole;
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const capture = (...args: unknown[]) => { sink?.push(args.map(String).join(" ")); };
  console.log = capture;
  console.warn = capture;
  console.error = capture;
  restoreConsole = () => {
    Object.assign(console, saved);
    restoreConsole = undefined;
  };
  return restoreConsole;
}

export class World {
  readonly engine = new Engine();
  readonly lines: string[] = [];
  /** Known open violations recorded without ending the sequence, with the step they happened at. */
  readonly noted: { label: ViolationLabel; message: string; step: number }[] = [];
  /** The step being run (1-based). */
  step = 0;
  /** Every violation ends the sequence, known open or not (example tests). */
  strict = false;
  private saved: Record<string, string | undefined> = {};

  private constructor(readonly sim: RunningSimulator, readonly sequence: number) {}

  static async start(sequence: number): Promise<World> {
    const sim = await startSimulator({ port: 0, host: "127.0.0.1", durations: ZERO_DURATIONS, accessKeyPassword: ACCESS_KEY_PASSWORD, seed: sequence });
    const world = new World(sim, sequence);
    const env: Record<string, string> = {
      ZENLAYERCLOUD_DOMAIN: sim.domain, ZENLAYERCLOUD_SCHEME: "http",
      ZENLAYERCLOUD_ACCESS_KEY_ID: sim.accessKeyId, ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: ACCESS_KEY_PASSWORD, ...TUNING,
    };
    for (const [key, value] of Object.entries(env)) {
      world.saved[key] = process.env[key];
      process.env[key] = value;
    }
    resetContext();
    resetConfiguredSettings();
    resetPricePreview();
    sink = world.lines;
    return world;
  }

  async stop(): Promise<void> {
    sink = undefined;
    await this.sim.stop();
    for (const [key, value] of Object.entries(this.saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetContext();
  }

  /** The owner tag value of resource `name` in this sequence. */
  ownerOf(name: string): string {
    return `model/seq-${this.sequence}/${name}`;
  }

  /** A control route over real HTTP (no signature): out-of-band changes and the simulator's view. */
  async control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.sim.url}/_sim${path}`, {
      // Every request but a GET must say JSON, even one without a body (the routes' guard against web pages).
      method, headers: method === "GET" ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = await response.json() as T;
    if (!response.ok) throw new Error(`control ${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json;
  }

  async instances(): Promise<SimInstance[]> {
    return (await this.control<{ instances: SimInstance[] }>("GET", "/instances")).instances;
  }

  /** Instances outside the recycle bin. */
  async live(): Promise<SimInstance[]> {
    return (await this.instances()).filter((i) => !RECYCLED.has(i.instanceStatus));
  }

  async instance(id: string): Promise<SimInstance | undefined> {
    return (await this.instances()).find((i) => i.instanceId === id);
  }
}

/** The owner tag's value on an instance, if any. */
export const ownerTagOf = (i: SimInstance): string | undefined => i.tags?.tags?.find((t) => t.key === "pulumi-owner")?.value ?? undefined;
