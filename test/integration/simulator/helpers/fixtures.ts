import { IMAGES, startSimulator, type RunningSimulator, type SimulatorOptions } from "../../../../simulator";
import { ok, type CallOptions, type Target } from "./zc-client";

/** A hand-moved clock, so state timing is asserted without sleeping. */
export class FakeClock {
  constructor(public nowMs = Date.UTC(2026, 0, 15, 12, 0, 0)) {}
  /** The clock function to hand to the simulator and the client. */
  readonly fn = (): number => this.nowMs;
  /** Moves time forward. */
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** Durations for tests: each state lasts a few ms of (fake or real) time. */
export const TEST_DURATIONS = {
  pendingMs: 100, deployingMs: 100, rebuildingMs: 100, stoppingMs: 100, bootingMs: 100, rebootMs: 100,
  recyclingMs: 100, releasingMs: 100, imagingMs: 100, bandwidthChangeMs: 100, recycleRetentionMs: 10_000,
};

/** The Ubuntu image of the catalogue. */
export const UBUNTU = IMAGES.find((i) => i.category === "Ubuntu")!.imageId;
/** The Windows image of the catalogue. */
export const WINDOWS = IMAGES.find((i) => i.osType === "windows")!.imageId;

/** A valid CreateInstances body; override what a test is about. */
export function createBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    zoneId: "SEL-A",
    instanceType: "c.1c2g",
    imageId: UBUNTU,
    instanceChargeType: "POSTPAID",
    internetChargeType: "ByBandwidth",
    password: "Passw0rd!x",
    instanceName: "web-1",
    ...overrides,
  };
}

const running: RunningSimulator[] = [];

/** Starts a simulator with test durations; `stopAll()` in afterEach stops it. */
export async function startTestSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ durations: TEST_DURATIONS, ...options });
  running.push(sim);
  return sim;
}

/** Stops every simulator started by {@link startTestSim}. */
export async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map((sim) => sim.stop()));
}

/** Creates one instance through the API and returns its id. */
export async function createOne(target: Target, overrides: Record<string, unknown> = {}, options: CallOptions = {}): Promise<string> {
  const response = await ok(target, "CreateInstances", createBody(overrides), options);
  return response.instanceIdSet[0] as string;
}
