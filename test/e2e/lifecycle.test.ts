/**
 * The whole life of a stack through the real Pulumi CLI against the simulator: preview, up,
 * in-place update, replacement, refresh with drift, secrets in state, destroy while installing.
 * The package is the packed tarball; credentials come from stack config (configure()).
 */
import { createProgram, type TestStack } from "./helpers/stack";
import { CONFIG_DRIVEN_PROGRAM, type ExportedInstance } from "./helpers/program";
import { configureStackFor, holdUntilCalled, imageFor, MUTATING_ACTIONS, startE2eSimulator } from "./helpers/simulator";

jest.setTimeout(240_000);

const VM_PASSWORD = "E2e-Secret-Pw1!";
let sim: Awaited<ReturnType<typeof startE2eSimulator>>["sim"];
let stack: TestStack;
const cliOutput: string[] = [];

function webSpec(overrides: Record<string, unknown> = {}) {
  return { web: { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A"), internetMaxBandwidthOut: 1, tags: { team: "e2e" }, ...overrides } };
}
/** A change no API action makes on a live instance (another zone): it can only be replaced. */
const REPLACED = { internetMaxBandwidthOut: 5, zoneId: "HKG-A" };
async function exported(): Promise<ExportedInstance> {
  const outputs = await stack.outputs();
  return (outputs.instances as ExportedInstance[])[0]!;
}
async function record<T extends { output: string }>(p: Promise<T>): Promise<T> {
  const result = await p;
  cliOutput.push(result.output);
  return result;
}

beforeAll(async () => {
  ({ sim } = await startE2eSimulator());
  stack = await createProgram("lifecycle", { program: CONFIG_DRIVEN_PROGRAM, env: { ZENLAYER_VM_POLL_INTERVAL_MS: "200" } });
  await configureStackFor(stack, sim);
  await stack.setConfig("vmPassword", VM_PASSWORD, true);
  await stack.setConfig("instances", JSON.stringify(webSpec()));
});

afterAll(async () => {
  await stack?.dispose();
  await sim?.stop();
});

test("preview of a new stack lists the creates and makes no mutating API call", async () => {
  sim.control.resetStats();
  const preview = await stack.previewJson();
  const creates = preview.steps.filter((s) => s.op === "create" && s.urn.endsWith("::web"));
  expect(creates).toHaveLength(1);
  const called = Object.keys(sim.control.stats().requests);
  expect(called.filter((action) => MUTATING_ACTIONS.includes(action))).toEqual([]);
});

test("up creates the instance and waits until it is RUNNING; a second preview shows no changes", async () => {
  await record(stack.up());
  const vm = await exported();
  expect(vm.id).toMatch(/^ins-/);
  expect(vm.status).toBe("RUNNING");
  expect(vm.ips.length).toBeGreaterThan(0);
  expect(sim.control.getInstance(vm.id)?.instanceStatus).toBe("RUNNING");

  const preview = await stack.previewJson();
  expect(preview.steps.filter((s) => s.op !== "same")).toEqual([]);
});

test("an in-place change previews as an update of that property and keeps the instance", async () => {
  const before = await exported();
  await stack.setConfig("instances", JSON.stringify(webSpec({ internetMaxBandwidthOut: 5 })));
  const preview = await stack.previewJson();
  const step = preview.steps.find((s) => s.urn.endsWith("::web"))!;
  expect(step.op).toBe("update");
  // The provider host forwards no per-property detail, so the CLI diffs the inputs itself: the
  // text of `preview --diff` names the property and its old and new values.
  const text = await record(stack.pulumi(["preview", "--diff"]));
  expect(text.output).toMatch(/~ internetMaxBandwidthOut\s*:\s*1 => 5/);
  expect(text.output).not.toMatch(/replace/);

  await record(stack.up());
  const after = await exported();
  expect(after.id).toBe(before.id);
  expect(after.bandwidth).toBe(5);
  expect(sim.control.getInstance(before.id)?.internetMaxBandwidthOut).toBe(5);
});

test("an immutable change previews and applies as a replacement, deleting the old instance first", async () => {
  const before = await exported();
  await stack.setConfig("instances", JSON.stringify(webSpec(REPLACED)));
  const preview = await stack.previewJson();
  const step = preview.steps.find((s) => s.urn.endsWith("::web"))!;
  expect(step.op).toBe("replace");
  expect(step.replaceReasons).toEqual(["zoneId"]);
  const text = await record(stack.pulumi(["preview", "--diff"]));
  expect(text.output).toMatch(/\+-pulumi-nodejs:dynamic\/zenlayer:Instance: \(replace\)/);
  expect(text.output).toMatch(/~ zoneId\s*:\s*"SEL-A" => "HKG-A"/);

  const up = await record(stack.up());
  // deleteBeforeReplace: the old instance is in the recycle bin before the replacement is created.
  const recycled = up.output.indexOf(`${before.id} is in Zenlayer's recycle bin`);
  const created = up.output.search(/ins-\w+ created \(/);
  expect(recycled).toBeGreaterThan(-1);
  expect(created).toBeGreaterThan(recycled);
  const after = await exported();
  expect(after.id).not.toBe(before.id);
  expect(sim.control.getInstance(after.id)?.zoneId).toBe("HKG-A");
  expect(["RECYCLING", "RECYCLE", undefined]).toContain(sim.control.getInstance(before.id)?.instanceStatus);
});

test("refresh picks up a rename made out of band; an auto-generated name follows it, a declared one is restored", async () => {
  const vm = await exported();
  sim.control.patchInstance(vm.id, { instanceName: "renamed-in-console" });
  await record(stack.refresh());
  const [inState] = await stack.instances();
  expect(inState?.outputs?.instanceName).toBe("renamed-in-console");
  // The program declares no name: the generated one is not a user's declaration, so the
  // console's rename stands and the next preview is clean.
  const clean = await stack.previewJson();
  expect(clean.steps.filter((s) => s.urn.endsWith("::web") && s.op !== "same")).toEqual([]);

  const declared = webSpec({ ...REPLACED, instanceName: "web-declared" });
  await stack.setConfig("instances", JSON.stringify(declared));
  await record(stack.up());
  expect(sim.control.getInstance(vm.id)?.instanceName).toBe("web-declared");

  sim.control.patchInstance(vm.id, { instanceName: "renamed-again" });
  await record(stack.refresh());
  const preview = await stack.previewJson();
  const step = preview.steps.find((s) => s.urn.endsWith("::web"));
  expect({ op: step?.op, replaceReasons: step?.replaceReasons }).toEqual({ op: "update", replaceReasons: undefined });
  await record(stack.up());
  expect(sim.control.getInstance(vm.id)?.instanceName).toBe("web-declared");
  expect((await exported()).id).toBe(vm.id);
});

test("neither the VM password nor the access key password appears in plaintext in state, __provider or CLI output", async () => {
  const { text, resources } = await stack.exportState();
  expect(text).not.toContain(VM_PASSWORD);
  expect(text).not.toContain(sim.accessKeyPassword);
  const instance = resources.find((r) => r.type === "pulumi-nodejs:dynamic/zenlayer:Instance")!;
  const provider = String(instance.inputs?.__provider ?? "");
  // Installed from the tarball, the package's implementation module is stored as a require() of its path.
  expect(provider).toContain('require("pulumi-zenlayer-vm/dist/provider/lifecycle/provider.js")');
  expect(Buffer.byteLength(provider, "utf8")).toBeLessThanOrEqual(2000);
  expect(provider).not.toContain(VM_PASSWORD);
  expect(provider).not.toContain(sim.accessKeyPassword);
  // The password is stored, but as a secret (ciphertext), in both inputs and outputs.
  expect(JSON.stringify(instance.outputs?.password)).toContain("4dabf18193072939515e22adb298388d");
  for (const output of cliOutput) {
    expect(output).not.toContain(VM_PASSWORD);
    expect(output).not.toContain(sim.accessKeyPassword);
  }
});

test("refresh drops an instance removed out of band, and up creates a new one", async () => {
  const vm = await exported();
  sim.control.removeInstance(vm.id);
  await record(stack.refresh());
  expect(await stack.instances()).toHaveLength(0);
  await record(stack.up());
  const again = await exported();
  expect(again.id).not.toBe(vm.id);
  expect(again.status).toBe("RUNNING");
});

test("destroy while the instance is installing again retries TerminateInstance until it is allowed", async () => {
  const vm = await exported();
  // Installing until the first TerminateInstance has been refused, however long the CLI takes to get there.
  sim.control.resetStats();
  const [, result] = await Promise.all([
    holdUntilCalled(sim, vm.id, "DEPLOYING", "RUNNING", "TerminateInstance"), record(stack.destroy()),
  ]);
  expect(result.output).toMatch(new RegExp(`${vm.id} is DEPLOYING`));
  expect(sim.control.stats().requests.TerminateInstance).toBeGreaterThanOrEqual(2);
  expect(["RECYCLING", "RECYCLE"]).toContain(sim.control.getInstance(vm.id)?.instanceStatus);
  expect(await stack.instances()).toHaveLength(0);
});
