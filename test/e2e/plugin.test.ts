/**
 * The `zenlayer` provider plugin through the real CLI and the Pulumi YAML language host, against
 * the simulator: examples/yaml as shipped (preview, up, an in-place change, destroy), `pulumi
 * import` of an instance made out of band (the generated program owns it: no diff, then changes
 * and a destroy while it is being reinstalled), and customTimeouts bounding a create.
 * The plugin is the packed package's bin, found on PATH; credentials come from provider config,
 * which must win over a wrong endpoint in the environment.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { consumerNodeModules, REPO_ROOT } from "./helpers/consumer";
import { run } from "./helpers/run";
import { configureStackFor, E2E_DURATIONS, holdUntilCalled, MUTATING_ACTIONS } from "./helpers/simulator";
import type { TestStack } from "./helpers/stack";
import { createYamlProgram } from "./helpers/yaml-program";
import { INSTANCE_TOKEN } from "../../provider/plugin/schema";
import { startSimulator } from "../../simulator";

jest.setTimeout(300_000);

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
const stacks: TestStack[] = [];
const VM_PASSWORD = "Yaml-Plugin-Pw1!";
const EXAMPLE = readFileSync(path.join(REPO_ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8");
const EMPTY_PROGRAM = "name: zenlayer-import\nruntime: yaml\nresources: {}\n";

/** A YAML program on a stack whose provider config points at `s` (the environment points elsewhere). */
async function yamlStack(name: string, s: Sim, program: string, options?: { pluginOnPath: boolean }): Promise<TestStack> {
  const stack = await createYamlProgram(name, program, {
    // Wrong on purpose: provider config must win over the environment.
    ZENLAYERCLOUD_DOMAIN: "127.0.0.1:9",
    ZENLAYERCLOUD_ACCESS_KEY_ID: "not-the-simulator",
  }, options);
  stacks.push(stack);
  await configureStackFor(stack, s);
  await stack.setConfig("zenlayer:pollIntervalMs", "200");
  return stack;
}

function mutatingCalls(s: Sim): number {
  const requests = s.control.stats().requests as Record<string, number | undefined>;
  return MUTATING_ACTIONS.reduce((sum, action) => sum + (requests[action] ?? 0), 0);
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, durations: E2E_DURATIONS });
});
afterAll(async () => {
  for (const stack of stacks) await stack.dispose();
  await sim?.stop();
});

/** The other lookups, as outputs of the example (getImage is in the example itself). */
const LOOKUP_OUTPUTS = `outputs:
  zones:
    fn::invoke:
      function: zenlayer:index:getZones
      arguments: {}
      return: zones
  smallestType:
    fn::invoke:
      function: zenlayer:index:getInstanceTypes
      arguments: { zoneId: HKG-A, minCpuCount: 2 }
      return: instanceTypes
  debianImages:
    fn::invoke:
      function: zenlayer:index:getImages
      arguments: { zoneId: HKG-A, nameRegex: "^debian" }
      return: images
`;

test("examples/yaml: preview, up, an in-place bandwidth change, refresh and destroy, with secrets and no __provider in state", async () => {
  const withLookups = EXAMPLE.replace("outputs:\n", LOOKUP_OUTPUTS);
  expect(withLookups).not.toBe(EXAMPLE);
  const stack = await yamlStack("yaml-example", sim, withLookups);
  await stack.setConfig("vmPassword", VM_PASSWORD, true);

  sim.control.resetStats();
  const preview = await stack.previewJson();
  expect(preview.steps.filter((s) => s.op === "create" && s.urn.endsWith("zenlayer:index:Instance::web"))).toHaveLength(1);
  expect(mutatingCalls(sim)).toBe(0);
  expect(sim.control.stats().requests.DescribeImages).toBeGreaterThanOrEqual(1); // the getImage function ran

  const up = await stack.up();
  expect(up.output).toMatch(/ins-\S+ created \(web-[a-z0-9]{7}, c\.1c2g in HKG-A\); waiting until RUNNING \(up to 20m\)/);
  const out = await stack.outputs();
  expect(out.status).toBe("RUNNING");
  expect(out.imageName).toMatch(/^Ubuntu 22\.04/);
  expect((out.zones as { zoneId: string }[]).map((z) => z.zoneId)).toEqual(expect.arrayContaining(["HKG-A", "SEL-A"]));
  const types = out.smallestType as { zoneId: string; cpuCount: number }[];
  expect(types.length).toBeGreaterThan(0);
  expect(types.every((t) => t.zoneId === "HKG-A" && t.cpuCount >= 2)).toBe(true);
  expect(types.map((t) => t.cpuCount)).toEqual([...types.map((t) => t.cpuCount)].sort((a, b) => a - b));
  const debian = out.debianImages as { imageName: string }[];
  expect(debian.length).toBeGreaterThan(0);
  expect(debian.every((i) => /^debian/i.test(i.imageName))).toBe(true);
  const id = out.instanceId as string;
  expect(sim.control.getInstance(id)?.instanceStatus).toBe("RUNNING");
  expect(sim.control.getInstance(id)?.tags.tags).toEqual(expect.arrayContaining([
    { key: "pulumi-owner", value: "zenlayer-vm-yaml/e2e/web" }, { key: "app", value: "web" },
  ]));

  const state = await stack.exportState();
  const [vm] = await stack.instances(INSTANCE_TOKEN);
  expect(vm?.id).toBe(id);
  expect(JSON.stringify(vm)).not.toContain("__provider");
  expect(state.text).not.toContain(VM_PASSWORD);
  expect(state.text).not.toContain(sim.accessKeyPassword);
  expect(vm?.outputs?.password).toHaveProperty("ciphertext");
  expect(vm?.outputs).not.toHaveProperty("timeouts");

  await stack.setConfig("bandwidth", "5");
  const change = await stack.previewJson();
  const step = change.steps.find((s) => s.urn.endsWith("::web"));
  expect(step?.op).toBe("update");
  expect(step?.diffReasons).toEqual(["internetMaxBandwidthOut"]);
  await stack.up();
  expect(sim.control.getInstance(id)?.internetMaxBandwidthOut).toBe(5);
  expect((await stack.outputs()).instanceId).toBe(id);

  // Refresh reads the instance back through the plugin without inventing a difference.
  await stack.refresh();
  await stack.pulumi(["preview", "--expect-no-changes"]);

  const destroy = await stack.destroy();
  expect(destroy.output).toContain(`${id} is in Zenlayer's recycle bin`);
  expect(["RECYCLING", "RECYCLE"]).toContain(sim.control.getInstance(id)?.instanceStatus);
  expect(await stack.instances(INSTANCE_TOKEN)).toHaveLength(0);
});

test("pulumi import of an instance made out of band writes a program that owns it: no diff, in-place changes, destroy while it is reinstalled", async () => {
  const made = sim.control.seedInstance({
    zoneId: "SEL-A", instanceType: "c.1c2g", instanceName: "made-by-hand", internetMaxBandwidthOut: 3,
  });
  const stack = await yamlStack("yaml-import", sim, EMPTY_PROGRAM);
  const generated = path.join(stack.dir, "imported.yaml");

  sim.control.resetStats();
  await stack.pulumi(["import", "zenlayer:index:Instance", "byhand", made.instanceId, "--yes", "--protect=false", "--out", generated]);
  expect(mutatingCalls(sim)).toBe(0);
  const text = readFileSync(generated, "utf8");
  expect(text).toContain(`adoptInstanceId: ${made.instanceId}`);
  expect(text).toContain("instanceName: made-by-hand");
  expect(text).toContain("zoneId: SEL-A");
  expect(text).toContain("internetMaxBandwidthOut: 3");
  expect(text).not.toMatch(/password|__owner|timeouts/);

  // The generated text is the program: with it, nothing changes.
  const program = `name: zenlayer-import\nruntime: yaml\n${text.slice(text.indexOf("resources:"))}`;
  writeFileSync(path.join(stack.dir, "Pulumi.yaml"), program);
  await stack.pulumi(["preview", "--expect-no-changes"]);
  const [imported] = await stack.instances(INSTANCE_TOKEN);
  expect(imported?.id).toBe(made.instanceId);

  // The stack owns it: a change is applied in place, to that instance.
  writeFileSync(path.join(stack.dir, "Pulumi.yaml"), program.replace("internetMaxBandwidthOut: 3", "internetMaxBandwidthOut: 4"));
  await stack.up();
  expect(sim.control.getInstance(made.instanceId)?.internetMaxBandwidthOut).toBe(4);
  expect(sim.control.stats().requests.CreateInstances ?? 0).toBe(0);

  // A console reinstall is under way until the first TerminateInstance has been refused, however
  // long the CLI takes to get there: destroy waits it out instead of failing.
  const [, destroy] = await Promise.all([
    holdUntilCalled(sim, made.instanceId, "DEPLOYING", "RUNNING", "TerminateInstance"), stack.destroy(),
  ]);
  expect(destroy.output).toMatch(new RegExp(`${made.instanceId} is DEPLOYING; TerminateInstance again as soon as it may succeed`));
  expect(sim.control.stats().rejected.TerminateInstance).toBeGreaterThanOrEqual(1);
  expect(["RECYCLING", "RECYCLE"]).toContain(sim.control.getInstance(made.instanceId)?.instanceStatus);
  expect(await stack.instances(INSTANCE_TOKEN)).toHaveLength(0);
});

test("customTimeouts bound the create: a slow instance fails the up on time and stays in the stack for destroy", async () => {
  const slow = await startSimulator({ port: 0, durations: { ...E2E_DURATIONS, pendingMs: 4000, deployingMs: 6000 } });
  try {
    const program = EXAMPLE.replace("create: 20m", "create: 1s");
    expect(program).not.toBe(EXAMPLE);
    const stack = await yamlStack("yaml-timeouts", slow, program);
    await stack.setConfig("vmPassword", VM_PASSWORD, true);
    const up = await stack.up(true);
    expect(up.code).not.toBe(0);
    const [kept] = await stack.instances(INSTANCE_TOKEN);
    expect(kept?.id).toMatch(/^ins-/);
    expect(up.output).toMatch(new RegExp(`${kept!.id} did not reach RUNNING within customTimeouts\\.create = 1s`));
    expect(slow.control.getInstance(kept!.id!)?.instanceStatus).toBe("PENDING");
    await stack.destroy();
    expect(await stack.instances(INSTANCE_TOKEN)).toHaveLength(0);
  } finally {
    await slow.stop();
  }
});

test("pulumi plugin install --file: the plugin installed from a folder holding the npm package runs examples/yaml without PATH", async () => {
  // The recipe of docs/installation-configuration.md: a folder where the package was npm-installed, plus a launcher at its root.
  const folder = path.dirname(await consumerNodeModules());
  writeFileSync(path.join(folder, "pulumi-resource-zenlayer"),
    '#!/bin/sh\nexec node "$(dirname "$0")/node_modules/pulumi-zenlayer-vm/dist/provider/plugin/main.js" "$@"\n', { mode: 0o755 });
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
  const stack = await yamlStack("yaml-installed", sim, EXAMPLE, { pluginOnPath: false });
  await stack.setConfig("vmPassword", VM_PASSWORD, true);
  const cli = { cwd: stack.dir, env: stack.environment };
  expect((await stack.pulumi(["preview"], { allowFailure: true })).code).not.toBe(0); // no plugin yet

  await run("pulumi", ["plugin", "install", "resource", "zenlayer", version, "--file", folder], cli);
  expect((await run("pulumi", ["plugin", "ls", "--json"], cli)).stdout).toContain(`"version": "${version}"`);
  const up = await stack.up();
  expect(up.output).not.toContain("from $PATH");
  const out = await stack.outputs();
  expect(out.status).toBe("RUNNING");
  await stack.destroy();
  expect(["RECYCLING", "RECYCLE"]).toContain(sim.control.getInstance(out.instanceId as string)?.instanceStatus);
});
