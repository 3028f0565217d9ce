/**
 * Destroy in the situations where Zenlayer's own Terraform provider fails, through the real CLI:
 * an instance already gone, one still being created (partial state from a create timeout), a
 * prepaid one (a clear failure that keeps it in state), and an API that throttles and fails.
 * Credentials come from the ZENLAYERCLOUD_* environment (no configure()).
 */
import { createProgram, type TestStack } from "./helpers/stack";
import { CONFIG_DRIVEN_PROGRAM, type ExportedInstance } from "./helpers/program";
import { E2E_DURATIONS, holdUntilCalled, imageFor, providerEnvFor } from "./helpers/simulator";
import { startSimulator } from "../../simulator";

jest.setTimeout(240_000);

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
const stacks: TestStack[] = [];

async function stackWith(name: string, s: Sim, instances: Record<string, Record<string, unknown>>): Promise<TestStack> {
  const stack = await createProgram(name, { program: CONFIG_DRIVEN_PROGRAM, env: providerEnvFor(s) });
  stacks.push(stack);
  await stack.setConfig("vmPassword", "E2e-Delete-Pw1!", true);
  await stack.setConfig("instances", JSON.stringify(instances));
  return stack;
}

function vmSpec(overrides: Record<string, unknown> = {}) {
  return { zoneId: "HKG-A", instanceType: "c.1c2g", imageId: imageFor("HKG-A"), ...overrides };
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, durations: E2E_DURATIONS });
});
afterAll(async () => {
  for (const stack of stacks) await stack.dispose();
  await sim?.stop();
});

test("destroy succeeds when the instance was already removed out of band", async () => {
  const stack = await stackWith("gone", sim, { vm: vmSpec() });
  await stack.up();
  const [vm] = (await stack.outputs()).instances as ExportedInstance[];
  sim.control.removeInstance(vm!.id);
  const result = await stack.destroy();
  expect(result.output).toMatch(/already deleted/i);
  expect(await stack.instances()).toHaveLength(0);
});

test("a create timeout keeps the instance in state, and destroy waits out PENDING and DEPLOYING", async () => {
  const slow = await startSimulator({ port: 0, durations: { ...E2E_DURATIONS, pendingMs: 4000, deployingMs: 6000 } });
  try {
    const stack = await stackWith("slow", slow, { vm: vmSpec({ timeouts: { create: "1s" } }) });
    const up = await stack.up(true);
    expect(up.code).not.toBe(0);
    const [inState] = await stack.instances();
    expect(inState?.id).toMatch(/^ins-/);
    expect(up.output).toContain(inState!.id!);
    expect(slow.control.getInstance(inState!.id!)?.instanceStatus).toBe("PENDING");

    // Still installing when the destroy first reads its status, however long the CLI takes to get
    // there on a busy machine (the states above may have run out by now).
    slow.control.resetStats();
    const [, destroy] = await Promise.all([
      holdUntilCalled(slow, inState!.id!, "DEPLOYING", "RUNNING", "DescribeInstancesStatus"), stack.destroy(),
    ]);
    expect(destroy.output).toMatch(/is (PENDING|DEPLOYING)/);
    // The status poll said when TerminateInstance could succeed: not one call was refused.
    expect(slow.control.stats().requests.TerminateInstance).toBe(1);
    expect(slow.control.stats().rejectedTotal).toBe(0);
    expect(["RECYCLING", "RECYCLE"]).toContain(slow.control.getInstance(inState!.id!)?.instanceStatus);
    expect(await stack.instances()).toHaveLength(0);
  } finally {
    await slow.stop();
  }
});

test("destroy of a prepaid instance fails with advice and keeps it in state; following the advice leaves a clean stack", async () => {
  const stack = await stackWith("prepaid", sim, { vm: vmSpec({ instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 } }) });
  await stack.up();
  const [inState] = await stack.instances();
  const destroy = await stack.destroy(true);
  expect(destroy.code).not.toBe(0);
  expect(destroy.output).toContain(inState!.id!);
  expect(destroy.output).toContain("UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE");
  expect(destroy.output).toContain("pulumi state delete");
  expect(await stack.instances()).toHaveLength(1);

  await stack.pulumi(["state", "delete", inState!.urn, "--yes"]);
  expect(await stack.instances()).toHaveLength(0);
  await stack.destroy();
  expect(sim.control.getInstance(inState!.id!)?.instanceStatus).toBe("RUNNING");
});

test("destroy during a postpaid commitment fails at once with OPERATION_DENIED_POSTPAID_PROMISE", async () => {
  const stack = await stackWith("commitment", sim, { vm: vmSpec() });
  await stack.up();
  const [inState] = await stack.instances();
  sim.control.setCommitment(inState!.id!, true);
  const destroy = await stack.destroy(true);
  expect(destroy.code).not.toBe(0);
  expect(destroy.output).toContain("OPERATION_DENIED_POSTPAID_PROMISE");
  expect(await stack.instances()).toHaveLength(1);
  sim.control.setCommitment(inState!.id!, false);
  await stack.destroy();
  expect(await stack.instances()).toHaveLength(0);
});

test("transient 5xx and 429 throttling during up and destroy are ridden out", async () => {
  const flaky = await startSimulator({ port: 0, durations: E2E_DURATIONS, seed: 7 });
  try {
    const stack = await stackWith("flaky", flaky, { a: vmSpec(), b: vmSpec({ zoneId: "SEL-A", imageId: imageFor("SEL-A") }) });
    flaky.control.setFaults({ errorRate: 0.2, rateLimit: { requestsPerSecond: 4, burst: 4 } });
    await stack.up();
    const vms = (await stack.outputs()).instances as ExportedInstance[];
    expect(vms.map((v) => v.status)).toEqual(["RUNNING", "RUNNING"]);
    await stack.destroy();
    expect(await stack.instances()).toHaveLength(0);
    const stats = flaky.control.stats();
    expect(Object.values(stats.rejected ?? {}).reduce((a: number, b) => a + Number(b), 0)).toBeGreaterThan(0);
    expect(flaky.control.listInstances().filter((i) => i.instanceStatus === "RUNNING")).toHaveLength(0);
  } finally {
    await flaky.stop();
  }
});
