/**
 * The runnable examples under examples/, exactly as shipped (their index.ts), against the
 * simulator, with the package installed from the packed tarball.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { createProgram, type TestStack } from "./helpers/stack";
import { REPO_ROOT } from "./helpers/consumer";
import { imageFor, startE2eSimulator } from "./helpers/simulator";

jest.setTimeout(240_000);

let sim: Awaited<ReturnType<typeof startE2eSimulator>>["sim"];
let providerEnv: Record<string, string>;
const stacks: TestStack[] = [];

async function example(name: string): Promise<TestStack> {
  const program = readFileSync(path.join(REPO_ROOT, "examples", name, "index.ts"), "utf8");
  const stack = await createProgram(`example-${name}`, { program, env: providerEnv, typeCheck: true });
  stacks.push(stack);
  return stack;
}

beforeAll(async () => {
  ({ sim, providerEnv } = await startE2eSimulator());
});
afterAll(async () => {
  for (const stack of stacks) await stack.dispose();
  await sim?.stop();
});

test("examples/basic creates one instance with its outputs and destroys it", async () => {
  const stack = await example("basic");
  await stack.setConfig("imageId", imageFor("SEL-A"));
  await stack.setConfig("vmPassword", "Basic-Example-1!", true);
  await stack.up();
  const out = await stack.outputs();
  expect(out.status).toBe("RUNNING");
  expect(out.instanceId).toMatch(/^ins-/);
  expect(out.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  expect(out.cpuCount).toBe(1);
  expect(out.imageName).toMatch(/^Ubuntu/);
  expect(out.systemDiskId).toBeTruthy();
  await stack.destroy();
  expect(["RECYCLING", "RECYCLE"]).toContain(sim.control.getInstance(String(out.instanceId))?.instanceStatus);
});

test("examples/fleet chooses images and instance types through lookups in every zone", async () => {
  const stack = await example("fleet");
  await stack.setConfig("vmPassword", "Fleet-Example-1!", true);
  await stack.setConfig("zones", JSON.stringify(["SEL-A", "HKG-A"]));
  await stack.up();
  const fleet = (await stack.outputs()).fleet as { id: string; zone: string; type: string }[];
  expect(fleet.map((vm) => vm.zone).sort()).toEqual(["HKG-A", "SEL-A"]);
  expect(fleet.every((vm) => vm.type === "c.2c4g")).toBe(true);
  await stack.destroy();
  expect(await stack.instances()).toHaveLength(0);
});

test("examples/adopt reads one existing instance and brings another under management without creating", async () => {
  const observed = sim.control.seedInstance({ zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A"), instanceName: "console-observed" });
  const existing = sim.control.seedInstance({ zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A"), instanceName: "console-made" });
  const stack = await example("adopt");
  await stack.setConfig("observedInstanceId", observed.instanceId);
  await stack.setConfig("adoptInstanceId", existing.instanceId);
  await stack.setConfig("zoneId", "SEL-A");
  await stack.setConfig("instanceType", "c.1c2g");
  await stack.setConfig("imageId", imageFor("SEL-A"));
  await stack.setConfig("instanceName", "console-made");
  sim.control.resetStats();
  await stack.up();
  const out = await stack.outputs();
  expect(out.observedName).toBe("console-observed");
  expect(out.adoptedId).toBe(existing.instanceId);
  expect(sim.control.stats().requests.CreateInstances ?? 0).toBe(0);

  const preview = await stack.previewJson();
  expect(preview.steps.filter((s) => s.op !== "same" && s.op !== "read")).toEqual([]);

  await stack.destroy();
  expect(["RECYCLING", "RECYCLE"]).toContain(sim.control.getInstance(existing.instanceId)?.instanceStatus);
  expect(sim.control.getInstance(observed.instanceId)?.instanceStatus).toBe("RUNNING");
});
