/**
 * Preview and `up` agree, through the real CLI, on both front-ends (the Node.js dynamic provider and
 * the `zenlayer` plugin from Pulumi YAML), against the simulator:
 * - a downsize with a lower bandwidth, and the reverse, apply in one `up`;
 * - after `pulumi refresh`, a tag change previews as the tags alone (no filled-in value shown as
 *   removed, no password shown as added), and the password stays secret in state;
 * - on an instance stopped outside Pulumi, a tag change previews as tags and `up` changes the
 *   tags only; after a refresh the preview shows the start and `up` starts it;
 * - a zoneId change previews as a replacement that names zoneId as the reason.
 * Each `up` is compared with its preview: the properties the preview shows changing map to the
 * mutating API calls the simulator saw, and nothing else was called.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { CONFIG_DRIVEN_PROGRAM } from "./helpers/program";
import { configureStackFor, E2E_DURATIONS, imageFor, MUTATING_ACTIONS, providerEnvFor } from "./helpers/simulator";
import { createProgram, type StateResource, type TestStack } from "./helpers/stack";
import { createYamlProgram } from "./helpers/yaml-program";
import { INSTANCE_TOKEN } from "../../provider/plugin/schema";
import { startSimulator } from "../../simulator";

jest.setTimeout(600_000);

type Sim = Awaited<ReturnType<typeof startSimulator>>;
type Spec = Record<string, unknown>;
const VM_PASSWORD = "Truth-Pw-e2e1!";

/** One front-end: how a test declares the instance `web` and where the state keeps it. */
interface FrontEnd {
  name: string;
  type: string;
  start(sim: Sim): Promise<TestStack>;
  declare(stack: TestStack, spec: Spec): Promise<void>;
}

const dynamicProvider: FrontEnd = {
  name: "the dynamic provider",
  type: "pulumi-nodejs:dynamic/zenlayer:Instance",
  async start(sim) {
    const stack = await createProgram("truth-dynamic", { program: CONFIG_DRIVEN_PROGRAM, env: providerEnvFor(sim) });
    await stack.setConfig("vmPassword", VM_PASSWORD, true);
    return stack;
  },
  declare: (stack, spec) => stack.setConfig("instances", JSON.stringify({ web: spec })),
};

/** A YAML program declaring `web` with `spec` (values written as JSON, which YAML reads). */
function yamlProgram(spec: Spec): string {
  const properties = Object.entries(spec).map(([key, value]) => `      ${key}: ${JSON.stringify(value)}`).join("\n");
  return `name: truth-yaml\nruntime: yaml\nconfig:\n  vmPassword:\n    type: string\n    secret: true\n` +
    `resources:\n  web:\n    type: ${INSTANCE_TOKEN}\n    properties:\n${properties}\n      password: \${vmPassword}\n`;
}

const plugin: FrontEnd = {
  name: "the plugin",
  type: INSTANCE_TOKEN,
  async start(sim) {
    const stack = await createYamlProgram("truth-yaml", yamlProgram({}));
    await configureStackFor(stack, sim);
    await stack.setConfig("zenlayer:pollIntervalMs", "200");
    await stack.setConfig("vmPassword", VM_PASSWORD, true);
    return stack;
  },
  async declare(stack, spec) {
    writeFileSync(path.join(stack.dir, "Pulumi.yaml"), yamlProgram(spec));
  },
};

/** The mutating calls each previewed property change stands for. */
const ACTIONS_OF: Record<string, string[]> = {
  tags: ["ModifyResourceTags"],
  powerState: ["StartInstances", "StopInstances"],
  instanceType: ["ModifyInstanceType"],
  internetMaxBandwidthOut: ["ModifyInstanceBandwidth"],
};

/** One step of `pulumi preview --json`, with the states the CLI compares. */
interface PreviewStep {
  op: string; urn: string; replaceReasons?: string[];
  detailedDiff?: Record<string, { kind: string }> | null;
  oldState?: { inputs?: Spec }; newState?: { inputs?: Spec };
}

/**
 * The properties the preview shows changing, as the CLI decides it: the provider's detailed diff
 * when it gives one (the plugin), otherwise every input whose old and new value differ.
 */
function previewedChanges(step: PreviewStep): string[] {
  if (step.detailedDiff) return Object.keys(step.detailedDiff).sort();
  const olds = step.oldState?.inputs ?? {};
  const news = step.newState?.inputs ?? {};
  return [...new Set([...Object.keys(olds), ...Object.keys(news)])]
    .filter((key) => !key.startsWith("__") && JSON.stringify(olds[key]) !== JSON.stringify(news[key])).sort();
}

describe.each([dynamicProvider, plugin])("through $name", (frontEnd) => {
  let sim: Sim;
  let stack: TestStack;
  let spec: Spec;

  /** The mutating actions the simulator saw since the last reset, with their counts. */
  function mutating(): Record<string, number> {
    const requests = sim.control.stats().requests as Record<string, number | undefined>;
    return Object.fromEntries(MUTATING_ACTIONS.filter((a) => (requests[a] ?? 0) > 0).map((a) => [a, requests[a]!]));
  }

  async function instance(): Promise<StateResource> {
    const [web] = (await stack.instances(frontEnd.type));
    if (!web?.id) throw new Error(`no ${frontEnd.type} in state`);
    return web;
  }

  /** `preview --diff --json`'s step for `web` (a resource without changes may have none). */
  async function preview(): Promise<PreviewStep> {
    const result = await stack.pulumi(["preview", "--diff", "--json"]);
    const step = (JSON.parse(result.stdout) as { steps: PreviewStep[] }).steps.find((s) => s.urn.endsWith("::web"));
    return step ?? { op: "same", urn: "web" };
  }

  /** Declares `changes`, previews, runs `up`, and checks that up called exactly what the preview showed. */
  async function change(changes: Spec, expected: string[]): Promise<{ step: PreviewStep; calls: Record<string, number> }> {
    spec = { ...spec, ...changes };
    await frontEnd.declare(stack, spec);
    const step = await preview();
    expect({ op: step.op, changes: previewedChanges(step) }).toEqual({ op: "update", changes: expected });
    sim.control.resetStats();
    await stack.up();
    const calls = mutating();
    expect(Object.keys(calls).every((action) => expected.some((key) => ACTIONS_OF[key]?.includes(action)))).toBe(true);
    expect(expected.every((key) => ACTIONS_OF[key]!.some((action) => calls[action] === 1))).toBe(true);
    expect(sim.control.stats().rejectedTotal).toBe(0);
    return { step, calls };
  }

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, durations: E2E_DURATIONS });
    stack = await frontEnd.start(sim);
    spec = { zoneId: "SEL-A", instanceType: "c.2c4g", internetMaxBandwidthOut: 300, imageId: imageFor("SEL-A"), tags: { team: "e2e" } };
    await frontEnd.declare(stack, spec);
    await stack.up();
  });
  afterAll(async () => {
    await stack?.dispose();
    await sim?.stop();
  });

  test("a downsize with a lower bandwidth applies in one up", async () => {
    const { calls } = await change({ instanceType: "c.1c2g", internetMaxBandwidthOut: 100 }, ["instanceType", "internetMaxBandwidthOut"]);
    expect(calls).toEqual({ ModifyInstanceBandwidth: 1, ModifyInstanceType: 1 });
    expect(sim.control.getInstance((await instance()).id!)).toMatchObject({ instanceType: "c.1c2g", internetMaxBandwidthOut: 100 });
  });

  test("an upsize with a higher bandwidth applies in one up", async () => {
    await change({ instanceType: "c.2c4g", internetMaxBandwidthOut: 300 }, ["instanceType", "internetMaxBandwidthOut"]);
    expect(sim.control.getInstance((await instance()).id!)).toMatchObject({ instanceType: "c.2c4g", internetMaxBandwidthOut: 300 });
  });

  test("after a refresh, a tag change previews as the tags alone and the password stays secret", async () => {
    await stack.refresh();
    const refreshed = await instance();
    expect(JSON.stringify(refreshed.inputs?.password)).toContain("ciphertext");
    expect(JSON.stringify(refreshed.outputs?.password)).toContain("ciphertext");
    expect((await stack.exportState()).text).not.toContain(VM_PASSWORD);
    expect(previewedChanges(await preview())).toEqual([]);

    spec = { ...spec, tags: { team: "platform" } };
    await frontEnd.declare(stack, spec);
    const text = (await stack.pulumi(["preview", "--diff"])).stdout;
    const marked = [...text.matchAll(/^\s+([-+~])\s+(\w+)\s*:\s/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(marked).toEqual(["~ tags", "~ team"]);
    await change({}, ["tags"]);
  });

  test("on an instance stopped outside Pulumi a tag change only changes the tags; refresh then shows the stop", async () => {
    const { id } = await instance();
    sim.control.patchInstance(id!, { instanceStatus: "STOPPED" });
    const { calls } = await change({ tags: { team: "ops" } }, ["tags"]);
    expect(calls).toEqual({ ModifyResourceTags: 1 });
    expect(sim.control.getInstance(id!)?.instanceStatus).toBe("STOPPED");

    await stack.refresh();
    const started = await change({}, ["powerState"]);
    expect(started.calls).toEqual({ StartInstances: 1 });
    expect(sim.control.getInstance(id!)?.instanceStatus).toBe("RUNNING");
  });

  test("a zoneId change previews as a replacement that names zoneId", async () => {
    await frontEnd.declare(stack, { ...spec, zoneId: "HKG-A", imageId: imageFor("HKG-A") });
    const step = await preview();
    expect({ op: step.op, replaceReasons: step.replaceReasons }).toEqual({ op: "replace", replaceReasons: ["zoneId"] });
    if (step.detailedDiff) expect(step.detailedDiff.zoneId?.kind).toBe("update-replace");
    const text = (await stack.pulumi(["preview", "--diff"])).output;
    expect(text).toContain('web: replaced, because zoneId "SEL-A" → "HKG-A" cannot change on a live instance');
    await frontEnd.declare(stack, spec);
  });
});
