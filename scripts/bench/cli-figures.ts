/**
 * The figures of `npm run bench` that go through the real Pulumi CLI, with the package installed
 * from its packed tarball as users get it (the e2e tests' helpers):
 *   - `pulumi up` + `pulumi destroy` of N instances against a simulator with zero state durations,
 *     beside the engine floor: the same CLI, backend and program shape with N no-op dynamic
 *     resources, so that the difference is what the provider adds;
 *   - `__provider` bytes per resource and the exported state of a stack of many instances.
 */
import { createProgram, type TestStack } from "../../test/e2e/helpers/stack";
import { CONFIG_DRIVEN_PROGRAM } from "../../test/e2e/helpers/program";
import { imageFor, providerEnvFor } from "../../test/e2e/helpers/simulator";
import { DEFAULT_DURATIONS, startSimulator, type Durations } from "../../simulator";
import { timed } from "./measure";

/** A program of `count` dynamic resources whose provider does nothing: the engine's own cost. */
export function noopProgram(count: number): string {
  return `
import * as pulumi from "@pulumi/pulumi";
const noop: pulumi.dynamic.ResourceProvider = {
  async create() { return { id: "noop", outs: {} }; },
  async delete() { return; },
};
class Noop extends pulumi.dynamic.Resource {
  constructor(name: string) { super(noop, name, {}, undefined, "bench", "Noop"); }
}
for (let i = 0; i < ${count}; i++) new Noop("noop-" + i);
`;
}

/** Timings of one up + destroy. */
export interface UpDestroy { upMs: number; destroyMs: number; totalMs: number }

async function upAndDestroy(stack: TestStack): Promise<UpDestroy> {
  const up = await timed(() => stack.up());
  const destroy = await timed(() => stack.destroy());
  return { upMs: up.ms, destroyMs: destroy.ms, totalMs: up.ms + destroy.ms };
}

/** What the CLI figures report. */
export interface CliFigures {
  instances: UpDestroy & { count: number };
  floor: UpDestroy & { count: number };
  state: { count: number; providerBytes: number; exportedBytes: number; bytesPerInstance: number };
}

const ZERO: Durations = Object.fromEntries(Object.keys(DEFAULT_DURATIONS).map((k) => [k, 0])) as unknown as Durations;

/** Runs both programs (instances first, then the floor, each once warmed up) and a state export of `stateCount` instances. */
export async function cliFigures(count: number, stateCount: number): Promise<CliFigures> {
  const sim = await startSimulator({ port: 0, durations: ZERO });
  const stacks: TestStack[] = [];
  try {
    // Production tuning: no poll-interval override.
    const { ZENLAYER_VM_POLL_INTERVAL_MS: _fast, ...env } = providerEnvFor(sim);
    const specs = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [
      `vm-${i}`, { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A") },
    ])));
    const vms = await createProgram("bench-instances", { program: CONFIG_DRIVEN_PROGRAM, env });
    stacks.push(vms);
    await vms.setConfig("vmPassword", "Bench-Passw0rd!", true);
    const floor = await createProgram("bench-floor", { program: noopProgram(count), env });
    stacks.push(floor);

    // One warm-up round each (the first run compiles the TypeScript program and fills caches).
    await vms.setConfig("instances", specs(1));
    await upAndDestroy(vms);
    await upAndDestroy(floor);

    await vms.setConfig("instances", specs(count));
    const instances = await upAndDestroy(vms);
    const engine = await upAndDestroy(floor);

    await vms.setConfig("instances", specs(stateCount));
    await vms.up();
    const exported = await vms.exportState();
    const resources = exported.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/zenlayer:Instance");
    const providerBytes = Math.max(...resources.map((r) => Buffer.byteLength(String(r.inputs?.__provider ?? ""), "utf8")));
    const exportedBytes = Buffer.byteLength(exported.text, "utf8");
    await vms.destroy();
    return {
      instances: { ...instances, count },
      floor: { ...engine, count },
      state: { count: resources.length, providerBytes, exportedBytes, bytesPerInstance: Math.round(exportedBytes / resources.length) },
    };
  } finally {
    for (const stack of stacks) await stack.dispose();
    await sim.stop();
  }
}
