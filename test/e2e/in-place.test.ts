/**
 * Changes that Zenlayer makes on a live instance, through the real Pulumi CLI: a tag, the image
 * (a reinstall) and the power state each preview as an update, never a replacement, and `up` keeps
 * the instance id and its public address without any CreateInstances or TerminateInstance. Then a
 * partial update failure, after which `pulumi refresh` and `pulumi destroy` both succeed.
 */
import { IMAGES } from "../../simulator/model/catalogue";
import { CONFIG_DRIVEN_PROGRAM, type ExportedInstance } from "./helpers/program";
import { imageFor, startE2eSimulator } from "./helpers/simulator";
import { createProgram, type TestStack } from "./helpers/stack";

jest.setTimeout(240_000);

const VM_PASSWORD = "E2e-Secret-Pw1!";
const OTHER_IMAGE = IMAGES.find((i) => i.imageName.startsWith("Debian"))!.imageId;
let sim: Awaited<ReturnType<typeof startE2eSimulator>>["sim"];
let stack: TestStack;
let first: ExportedInstance;

function webSpec(overrides: Record<string, unknown> = {}) {
  return { web: { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A"), tags: { team: "e2e" }, ...overrides } };
}
async function exported(): Promise<ExportedInstance> {
  return ((await stack.outputs()).instances as ExportedInstance[])[0]!;
}

/** Declares `spec`, checks that `preview --diff` shows an update of `property` (no replace), then runs `up`. */
async function changeInPlace(spec: Record<string, unknown>, property: string): Promise<string> {
  await stack.setConfig("instances", JSON.stringify(webSpec(spec)));
  const preview = await stack.previewJson();
  const step = preview.steps.find((s) => s.urn.endsWith("::web"))!;
  expect({ op: step.op, replaceReasons: step.replaceReasons }).toEqual({ op: "update", replaceReasons: undefined });
  const text = await stack.pulumi(["preview", "--diff"]);
  expect(text.output).toMatch(new RegExp(`~ ${property}`));
  expect(text.output).not.toMatch(/replace/);
  sim.control.resetStats();
  const up = await stack.up();
  const requests = sim.control.stats().requests;
  expect({ CreateInstances: requests.CreateInstances ?? 0, TerminateInstance: requests.TerminateInstance ?? 0 })
    .toEqual({ CreateInstances: 0, TerminateInstance: 0 });
  const after = await exported();
  expect({ id: after.id, ips: after.ips }).toEqual({ id: first.id, ips: first.ips });
  return up.output;
}

beforeAll(async () => {
  let providerEnv: Record<string, string>;
  ({ sim, providerEnv } = await startE2eSimulator());
  // Endpoint and credentials through the environment (lifecycle.test.ts covers stack config).
  stack = await createProgram("in-place", { program: CONFIG_DRIVEN_PROGRAM, env: providerEnv });
  await stack.setConfig("vmPassword", VM_PASSWORD, true);
  await stack.setConfig("instances", JSON.stringify(webSpec()));
  await stack.up();
  first = await exported();
});

afterAll(async () => {
  await stack?.dispose();
  await sim?.stop();
});

test("a tag change is an update through ModifyResourceTags; the owner tag stays", async () => {
  await changeInPlace({ tags: { team: "platform" } }, "tags");
  const tags = sim.control.getInstance(first.id)!.tags.tags;
  expect(tags.find((t) => t.key === "team")?.value).toBe("platform");
  expect(tags.some((t) => t.key === "pulumi-owner")).toBe(true);
});

test("an image change is an update that reinstalls the OS and says so", async () => {
  const output = await changeInPlace({ tags: { team: "platform" }, imageId: OTHER_IMAGE }, "imageId");
  expect(output).toContain(`${first.id}: reinstalling the operating system from image ${OTHER_IMAGE}`);
  expect(sim.control.getInstance(first.id)).toMatchObject({ imageId: OTHER_IMAGE, instanceStatus: "RUNNING" });
  expect(output).not.toContain(VM_PASSWORD);
});

test("a power state change is an update; a start out of band shows in refresh and up restores STOPPED", async () => {
  await changeInPlace({ tags: { team: "platform" }, imageId: OTHER_IMAGE, powerState: "STOPPED" }, "powerState");
  expect(sim.control.getInstance(first.id)?.instanceStatus).toBe("STOPPED");
  sim.control.patchInstance(first.id, { instanceStatus: "RUNNING" });
  await stack.refresh();
  const [inState] = await stack.instances();
  expect(inState?.outputs?.powerState).toBe("RUNNING");
  await stack.up();
  expect(sim.control.getInstance(first.id)?.instanceStatus).toBe("STOPPED");
  expect((await exported()).id).toBe(first.id);
});

test("a partial update failure leaves a stack that refresh and destroy handle", async () => {
  // Running again, then a rename that is applied and a bandwidth over the type's limit that is refused.
  await stack.setConfig("instances", JSON.stringify(webSpec({ tags: { team: "platform" }, imageId: OTHER_IMAGE, instanceName: "half-way", internetMaxBandwidthOut: 500 })));
  const failed = await stack.up(true);
  expect(failed.code).not.toBe(0);
  expect(failed.output).toMatch(/INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM/);
  expect(failed.output).toMatch(/applied before the failure: .*instanceName/);
  expect(sim.control.getInstance(first.id)?.instanceName).toBe("half-way");

  const refreshed = await stack.refresh(true);
  expect(refreshed.code).toBe(0);
  const destroyed = await stack.destroy(true);
  expect(destroyed.code).toBe(0);
  expect(await stack.instances()).toHaveLength(0);
  expect(["RECYCLING", "RECYCLE"]).toContain(sim.control.getInstance(first.id)?.instanceStatus);
});
