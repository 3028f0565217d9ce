/**
 * The same scenarios through both front-ends, the Node.js dynamic provider (a TypeScript program)
 * and the `zenlayer` plugin (a Pulumi YAML program), through the real CLI against one simulator:
 * a resource name long enough to push the owner tag past Zenlayer's 64 characters, `zenlayer:scheme
 * HTTP` with a getImage lookup, a price line in the preview (with a tuning knob out of range, which
 * only the operations that wait may refuse), a create timeout, and the `pulumi state delete` advice
 * for a subscription that cannot be deleted. Each front-end must reach the same outcome, told in
 * its own words: its type token, and how its users set a wait limit.
 */
import { ownerTagValue } from "../../provider/lifecycle/inputs/owner";
import { INSTANCE_TOKEN } from "../../provider/plugin/schema";
import { startSimulator, type RunningSimulator } from "../../simulator";
import { configureStackFor, E2E_DURATIONS } from "./helpers/simulator";
import { createProgram, type TestStack } from "./helpers/stack";
import { createYamlProgram } from "./helpers/yaml-program";

jest.setTimeout(400_000);

/** 69 characters: `<project>/e2e/<name>` is well past 64 with either project name. */
const LONG_NAME = "a-resource-name-long-enough-to-push-the-owner-tag-past-its-64-limit-x";
const VM_PASSWORD = "Parity-Vm-Pw1!";

/** A front-end under test: how to make its program, and the words its users read. */
interface FrontEndCase {
  name: string;
  project: string;
  typeToken: string;
  /** How a person sets the create limit with this front-end, as messages must name it. */
  createLimit: string;
  program(): Promise<TestStack>;
}

const DYNAMIC_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { getImage, Instance } from "pulumi-zenlayer-vm";

const password = new pulumi.Config().requireSecret("vmPassword");
const imageId = pulumi.output(getImage({ zoneId: "SEL-A", nameRegex: "^ubuntu 22" })).apply((image) => image.imageId);
new Instance("${LONG_NAME}", {
  zoneId: "SEL-A", instanceType: "c.1c2g", imageId, password,
  instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 },
});
new Instance("slow", { zoneId: "SEL-A", instanceType: "c.1c2g", imageId, password, timeouts: { create: "1s" } });
`;

const YAML_PROGRAM = `name: parity-yaml
runtime: yaml
config:
  vmPassword:
    type: string
    secret: true
variables:
  ubuntu:
    fn::invoke:
      function: zenlayer:index:getImage
      arguments: { zoneId: SEL-A, nameRegex: "^ubuntu 22" }
resources:
  ${LONG_NAME}:
    type: zenlayer:index:Instance
    properties:
      zoneId: SEL-A
      instanceType: c.1c2g
      imageId: \${ubuntu.imageId}
      password: \${vmPassword}
      instanceChargeType: PREPAID
      instanceChargePrepaid: { period: 1 }
  slow:
    type: zenlayer:index:Instance
    properties:
      zoneId: SEL-A
      instanceType: c.1c2g
      imageId: \${ubuntu.imageId}
      password: \${vmPassword}
    options:
      customTimeouts:
        create: 1s
`;

let sim: RunningSimulator;
const stacks: TestStack[] = [];

const FRONT_ENDS: FrontEndCase[] = [
  {
    name: "the dynamic provider",
    project: "parity-dynamic",
    typeToken: "pulumi-nodejs:dynamic/zenlayer:Instance",
    createLimit: "timeouts.create",
    program: () => createProgram("parity-dynamic", { program: DYNAMIC_PROGRAM }),
  },
  {
    name: "the plugin",
    project: "parity-yaml",
    typeToken: INSTANCE_TOKEN,
    createLimit: "customTimeouts.create",
    program: () => createYamlProgram("parity-yaml", YAML_PROGRAM),
  },
];

beforeAll(async () => {
  // Slow enough that a 1 s create limit runs out before RUNNING on any machine.
  sim = await startSimulator({ port: 0, durations: { ...E2E_DURATIONS, pendingMs: 4000, deployingMs: 6000 } });
});
afterAll(async () => {
  for (const stack of stacks) await stack.dispose();
  await sim?.stop();
});

describe.each(FRONT_ENDS)("$name", (frontEnd) => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await frontEnd.program();
    stacks.push(stack);
    await configureStackFor(stack, sim);
    // Upper case, as Zenlayer's Terraform provider spells it: both the lookup and the resource must connect.
    await stack.setConfig("zenlayer:scheme", "HTTP");
    await stack.setConfig("vmPassword", VM_PASSWORD, true);
  });

  test("the preview prices both instances, a knob out of range notwithstanding, and only the operation that waits refuses the knob", async () => {
    await stack.setConfig("zenlayer:pollIntervalMs", "0");
    sim.control.resetStats();
    const preview = await stack.pulumi(["preview"]);
    expect(preview.output).toMatch(new RegExp(`${LONG_NAME}: ≈ [0-9.]+ USD/month instance`));
    expect(preview.output).toMatch(/slow: ≈ [0-9.]+ USD\/hour instance/);
    expect(preview.output).not.toMatch(/InvalidSetting|pollIntervalMs/);
    expect(sim.control.stats().requests.DescribeImages).toBeGreaterThanOrEqual(1);

    const up = await stack.up(true);
    expect(up.code).not.toBe(0);
    expect(up.output).toContain(
      'Cannot create the instance: Invalid pollIntervalMs "0" (stack config zenlayer:pollIntervalMs or environment ' +
      "ZENLAYER_VM_POLL_INTERVAL_MS): it must be a whole number of milliseconds from 20 to 3600000.");
    expect(up.output).not.toMatch(/^\s+at .*settings\.(ts|js)/m);
    expect(sim.control.stats().requests.CreateInstances ?? 0).toBe(0);
    await stack.setConfig("zenlayer:pollIntervalMs", "200");
  });

  test("a long resource name gets a 64-character owner tag; a create past its limit says how this front-end sets it", async () => {
    const up = await stack.up(true);
    expect(up.code).not.toBe(0);
    expect(up.output).toMatch(new RegExp(`ins-\\S+ did not reach RUNNING within ${frontEnd.createLimit.replace(".", "\\.")} = 1s`));
    const long = (await stack.instances(frontEnd.typeToken)).find((r) => r.urn.endsWith(`::${LONG_NAME}`));
    expect(long?.id).toMatch(/^ins-/);
    const owner = sim.control.getInstance(long!.id!)?.tags.tags.find((t) => t.key === "pulumi-owner")?.value;
    expect(owner).toBe(ownerTagValue(`${frontEnd.project}/e2e/${LONG_NAME}`));
    expect(owner).toHaveLength(64);
  });

  test("a subscription that cannot be deleted names this front-end's URN, and the advised command works", async () => {
    const destroy = await stack.destroy(true);
    expect(destroy.code).not.toBe(0);
    const urn = `urn:pulumi:e2e::${frontEnd.project}::${frontEnd.typeToken}::${LONG_NAME}`;
    expect(destroy.output).toContain(`pulumi state delete '${urn}'`);
    await stack.pulumi(["state", "delete", urn, "--yes"]);
    expect(await stack.instances(frontEnd.typeToken)).toHaveLength(0);
  });
});
