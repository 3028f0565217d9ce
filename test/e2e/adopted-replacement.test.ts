/**
 * Replacing an instance the stack adopted (`adoptInstanceId` with the dynamic provider) or
 * imported (`pulumi import` with the plugin): a replace-forcing change creates a new VM and
 * retires the adopted one, exactly as for an instance the stack created. The preview shows the
 * replacement, and a replacement that could not log in to the new VM (no password or key pair
 * declared, which adoption allows) is refused by check, in the preview and in `up`, before
 * anything is deleted.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { CONFIG_DRIVEN_PROGRAM } from "./helpers/program";
import { configureStackFor, E2E_DURATIONS, imageFor, providerEnvFor } from "./helpers/simulator";
import { createProgram, type TestStack } from "./helpers/stack";
import { createYamlProgram } from "./helpers/yaml-program";
import { INSTANCE_TOKEN } from "../../provider/plugin/schema";
import { startSimulator } from "../../simulator";

jest.setTimeout(300_000);

let sim: Awaited<ReturnType<typeof startSimulator>>;
const stacks: TestStack[] = [];
const RECYCLED = ["RECYCLING", "RECYCLE"];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, durations: E2E_DURATIONS });
});
afterAll(async () => {
  for (const stack of stacks) await stack.dispose();
  await sim?.stop();
});

/** The non-trivial steps of a preview, as `op urn-suffix`. */
function planOf(preview: { steps: { op: string; urn: string }[] }): string[] {
  return preview.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").at(-1)}`);
}

test("dynamic provider: changing the zone of an adopted instance creates a new VM in the new zone and retires the adopted one", async () => {
  const adopted = sim.control.seedInstance({ zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A"), instanceName: "console-made" });
  const stack = await createProgram("adopt-replace", { program: CONFIG_DRIVEN_PROGRAM, env: providerEnvFor(sim) });
  stacks.push(stack);
  const spec = (zoneId: string) => JSON.stringify({ vm: { adoptInstanceId: adopted.instanceId, zoneId, instanceType: "c.1c2g", imageId: imageFor(zoneId) } });
  await stack.setConfig("instances", spec("SEL-A"));
  await stack.up();
  expect((await stack.instances()).map((r) => r.id)).toEqual([adopted.instanceId]);

  // Adopted without a login credential: a new VM could not be created, so nothing may be deleted.
  await stack.setConfig("instances", spec("HKG-A"));
  const refusedPreview = await stack.pulumi(["preview"], { allowFailure: true });
  expect(refusedPreview.code).not.toBe(0);
  expect(refusedPreview.output).toContain(`replacing ${adopted.instanceId} (zoneId changed) creates a new instance, which needs a login credential: declare password or keyId`);
  const refusedUp = await stack.up(true);
  expect(refusedUp.code).not.toBe(0);
  expect(sim.control.getInstance(adopted.instanceId)?.instanceStatus).toBe("RUNNING");
  expect((await stack.instances()).map((r) => r.id)).toEqual([adopted.instanceId]);

  await stack.setConfig("vmPassword", "Adopt-Replace-1!", true);
  expect(planOf(await stack.previewJson())).toEqual(["replace vm"]);
  sim.control.resetStats();
  await stack.up();
  const [replacement] = await stack.instances();
  expect(replacement?.id).toBeDefined();
  expect(replacement?.id).not.toBe(adopted.instanceId);
  expect(sim.control.getInstance(replacement!.id!)).toMatchObject({ zoneId: "HKG-A", instanceStatus: "RUNNING" });
  expect(RECYCLED).toContain(sim.control.getInstance(adopted.instanceId)?.instanceStatus);
  expect(sim.control.stats().requests.CreateInstances).toBe(1);

  // The replacement is an ordinary member of the stack: the unchanged program previews no change.
  await stack.pulumi(["preview", "--expect-no-changes"]);
  await stack.destroy();
  expect(RECYCLED).toContain(sim.control.getInstance(replacement!.id!)?.instanceStatus);
});

test("plugin: changing the zone of an imported instance creates a new VM in the new zone and retires the imported one", async () => {
  const made = sim.control.seedInstance({ zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A"), instanceName: "made-by-hand" });
  const stack = await createYamlProgram("yaml-import-replace", "name: zenlayer-import-replace\nruntime: yaml\nresources: {}\n");
  stacks.push(stack);
  await configureStackFor(stack, sim);
  await stack.setConfig("zenlayer:pollIntervalMs", "200");
  const generated = path.join(stack.dir, "imported.yaml");
  await stack.pulumi(["import", "zenlayer:index:Instance", "byhand", made.instanceId, "--yes", "--protect=false", "--out", generated]);
  const text = readFileSync(generated, "utf8");
  const program = `name: zenlayer-import-replace\nruntime: yaml\n${text.slice(text.indexOf("resources:"))}`;
  writeFileSync(path.join(stack.dir, "Pulumi.yaml"), program);
  await stack.pulumi(["preview", "--expect-no-changes"]);

  const moved = program.replace("zoneId: SEL-A", "zoneId: HKG-A").replace(`imageId: ${imageFor("SEL-A")}`, `imageId: ${imageFor("HKG-A")}`);
  expect(moved).not.toBe(program);
  writeFileSync(path.join(stack.dir, "Pulumi.yaml"), moved);
  const refused = await stack.up(true);
  expect(refused.code).not.toBe(0);
  expect(refused.output).toContain(`replacing ${made.instanceId} (zoneId changed) creates a new instance, which needs a login credential: declare password or keyId`);
  expect(sim.control.getInstance(made.instanceId)?.instanceStatus).toBe("RUNNING");

  const withPassword = moved.replace(/( +)zoneId: HKG-A/, "$1zoneId: HKG-A\n$1password: Import-Rep-1!");
  writeFileSync(path.join(stack.dir, "Pulumi.yaml"), withPassword);
  expect(planOf(await stack.previewJson())).toEqual(["replace byhand"]);
  sim.control.resetStats();
  await stack.up();
  const [replacement] = await stack.instances(INSTANCE_TOKEN);
  expect(replacement?.id).toBeDefined();
  expect(replacement?.id).not.toBe(made.instanceId);
  expect(sim.control.getInstance(replacement!.id!)).toMatchObject({ zoneId: "HKG-A", instanceStatus: "RUNNING" });
  expect(RECYCLED).toContain(sim.control.getInstance(made.instanceId)?.instanceStatus);
  expect(sim.control.stats().requests.CreateInstances).toBe(1);

  await stack.destroy();
  expect(RECYCLED).toContain(sim.control.getInstance(replacement!.id!)?.instanceStatus);
});
