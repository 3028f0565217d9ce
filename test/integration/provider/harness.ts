/**
 * The provider against the in-process simulator: starts a simulator with fast state durations,
 * points the provider at it through the ZENLAYERCLOUD_* variables (as a user or an acceptance
 * check would), scales every provider delay down through the ZENLAYER_VM_* variables, and
 * captures the provider's console output.
 */
import { InstanceProvider } from "../../../provider";
import { ownersInState, resetContext } from "../../../provider/lifecycle/runtime/context";
import { resetPricePreview } from "../../../provider/lifecycle/prices/session";
import { resetConfiguredSettings } from "../../../provider/lifecycle/runtime/settings";
import { IMAGES, startSimulator, type Durations, type RunningSimulator } from "../../../simulator";

/** A password for test instances: recognizable, so tests can assert it never appears in output. */
export const VM_PASSWORD = "Zx9!vmSecretPw";

/** Durations short enough for tests, long enough to observe each state. */
export const FAST_DURATIONS: Partial<Durations> = {
  pendingMs: 60, deployingMs: 120, recyclingMs: 60, releasingMs: 40, rebuildingMs: 60, stoppingMs: 40, bootingMs: 40,
  rebootMs: 40, imagingMs: 40, bandwidthChangeMs: 60,
};

/** Provider tuning for tests (milliseconds). */
export const FAST_TUNING: Record<string, string> = {
  ZENLAYER_VM_POLL_INTERVAL_MS: "20",
  ZENLAYER_VM_WAIT_MAX_INTERVAL_MS: "40",
  ZENLAYER_VM_TERMINATE_RETRY_BASE_MS: "80",
  ZENLAYER_VM_TERMINATE_RETRY_MAX_MS: "300",
  ZENLAYER_VM_PROGRESS_INTERVAL_MS: "10000",
  ZENLAYER_VM_API_RETRY_BASE_MS: "5",
  ZENLAYER_VM_API_RETRY_MAX_MS: "20",
};

export interface Harness {
  sim: RunningSimulator;
  provider: InstanceProvider;
  /** Every console line the provider printed. */
  lines: string[];
  /** Minimal valid inputs (password login), unique owner per call. */
  inputs(extra?: Record<string, unknown>): Record<string, unknown>;
  /** check() then create(); returns the id and outputs. */
  createVm(extra?: Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }>;
  stop(): Promise<void>;
}

let ownerCounter = 0;

/** Starts a simulator and wires the provider to it through the environment. */
export async function startHarness(options: {
  /** State durations over FAST_DURATIONS; "simulator defaults" for the simulator's own (seconds). */
  durations?: Partial<Durations> | "simulator defaults";
  /** ZENLAYER_VM_* variables over FAST_TUNING; "production" for none (the provider's defaults). */
  tuning?: Record<string, string> | "production";
} = {}): Promise<Harness> {
  const durations = options.durations === "simulator defaults" ? {} : { ...FAST_DURATIONS, ...options.durations };
  const sim = await startSimulator({ port: 0, durations });
  const tuning = options.tuning === "production" ? {} : { ...FAST_TUNING, ...options.tuning };
  const env: Record<string, string> = {
    ZENLAYERCLOUD_DOMAIN: sim.domain,
    // Upper case, as Zenlayer's Terraform provider requires it: the same shell must work for both.
    ZENLAYERCLOUD_SCHEME: "HTTP",
    ZENLAYERCLOUD_ACCESS_KEY_ID: sim.accessKeyId,
    ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: sim.accessKeyPassword,
    ...tuning,
  };
  const saved: Record<string, string | undefined> = {};
  for (const key of Object.keys(FAST_TUNING)) {
    saved[key] = process.env[key];
    delete process.env[key];
  }
  for (const [key, value] of Object.entries(env)) {
    saved[key] ??= process.env[key];
    process.env[key] = value;
  }
  resetContext();
  resetConfiguredSettings();
  resetPricePreview();
  const lines: string[] = [];
  const spy = jest.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  const provider = new InstanceProvider();
  const inputs = (extra: Record<string, unknown> = {}) => ({
    zoneId: "SEL-A", instanceType: "c.1c2g", imageId: IMAGES[0]!.imageId, password: VM_PASSWORD,
    __resourceName: "vm", __owner: `proj/test/vm-${++ownerCounter}-${Date.now()}`, ...extra,
  });
  return {
    sim, provider, lines, inputs,
    async createVm(extra = {}) {
      const checked = await provider.check({}, inputs(extra));
      if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
      const { id, outs } = await provider.create(checked.inputs);
      return { id, outs: outs as Record<string, unknown> };
    },
    async stop() {
      spy.mockRestore();
      await sim.stop();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      resetContext();
      // Stack config a test handed to configure() must not carry over to the next test.
      resetConfiguredSettings();
      resetPricePreview();
      ownersInState.clear();
    },
  };
}

/** The request `configure` receives, with stack config `values`. */
export const configureRequest = (values: Record<string, string>) => ({
  config: { get: (key: string) => values[key], require: (key: string) => values[key] as string },
});

/** Waits until `fn` is true (polling every 10 ms), or fails after `ms`. */
export async function eventually(fn: () => boolean, ms = 3_000): Promise<void> {
  const until = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > until) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
