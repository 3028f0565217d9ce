/**
 * A `pulumi up` killed while its new instance is still PENDING leaves that instance outside the
 * state (the engine keeps only a pending create, which `pulumi destroy` does not touch). It must
 * not go on running unmentioned: `pulumi refresh` and `pulumi destroy` name it with the command
 * that removes it, `zenlayer-vm orphans` lists it, and `--terminate` removes it, after which the
 * simulator holds no live instance of the stack.
 */
import { spawn } from "node:child_process";
import { readdirSync, readlinkSync } from "node:fs";
import * as path from "node:path";
import { consumerNodeModules } from "./helpers/consumer";
import { CONFIG_DRIVEN_PROGRAM } from "./helpers/program";
import { run } from "./helpers/run";
import { configureStackFor, E2E_DURATIONS, imageFor } from "./helpers/simulator";
import { createProgram, type TestStack } from "./helpers/stack";
import { startSimulator } from "../../simulator";

jest.setTimeout(300_000);

let sim: Awaited<ReturnType<typeof startSimulator>>;
let stack: TestStack;
const stacks: TestStack[] = [];
const PROJECT = "orphans";
const FULL_NAME = `organization/${PROJECT}/e2e`;

beforeAll(async () => {
  // A long PENDING state leaves time to kill the CLI while the create is waiting.
  sim = await startSimulator({ port: 0, durations: { ...E2E_DURATIONS, pendingMs: 6000 } });
  // Credentials only in stack config: the orphans command must read them from there too.
  stack = await createProgram(PROJECT, { program: CONFIG_DRIVEN_PROGRAM, env: { ZENLAYER_VM_POLL_INTERVAL_MS: "200" } });
  await configureStackFor(stack, sim);
  await stack.setConfig("vmPassword", "Orphan-Test-Pw1!", true);
});
afterAll(async () => {
  for (const each of [stack, ...stacks]) await each?.dispose();
  await sim?.stop();
});

const spec = (names: string[]) =>
  JSON.stringify(Object.fromEntries(names.map((name) => [name, { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A") }])));

async function zenlayerVm(args: string[], on = stack) {
  const bin = path.join(await consumerNodeModules(), ".bin", "zenlayer-vm");
  return run(bin, args, { cwd: on.dir, env: on.environment });
}

/** Runs `pulumi up` on `on` and kills its whole process group (CLI, language host, provider) once a new instance exists. */
async function killUpWhileCreating(on: TestStack, known: readonly string[]) {
  const cli = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", on.stackName], {
    cwd: on.dir, env: on.environment, detached: true, stdio: "ignore",
  });
  const deadline = Date.now() + 60_000;
  const created = () => sim.control.listInstances().find((i) => !known.includes(i.instanceId));
  for (let wait = 50; !created() && Date.now() < deadline; wait = Math.min(wait * 2, 400)) await new Promise((r) => setTimeout(r, wait));
  process.kill(-cli.pid!, "SIGKILL");
  endLeftoversIn(on.dir);
  await on.pulumi(["cancel", "--yes"]);
  return created();
}

/**
 * Ends what the kill did not reach: the engine starts the language host in a process group of its
 * own, and that host outlives its engine, so it is found by its working directory, the program's.
 */
function endLeftoversIn(dir: string): void {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`) === dir) process.kill(Number(pid), "SIGKILL");
    } catch {
      // Gone meanwhile, or not readable: not one of this test's processes.
    }
  }
}

test("destroy names the instance an interrupted up left outside the state; zenlayer-vm orphans lists and terminates it", async () => {
  await stack.setConfig("instances", spec(["kept"]));
  await stack.up();
  const [kept] = sim.control.listInstances();

  // Killed while the second VM is PENDING.
  await stack.setConfig("instances", spec(["kept", "late"]));
  const late = await killUpWhileCreating(stack, [kept!.instanceId]);
  expect(late?.instanceStatus).toBe("PENDING");
  expect((await stack.instances()).map((r) => r.id)).toEqual([kept!.instanceId]);

  // The next operation names it: a refresh (which keeps the pending create when non-interactive)...
  const refresh = await stack.refresh();
  expect(refresh.output).toContain(`warning: ${late!.instanceId} (`);
  expect(refresh.output).toContain(`zenlayer-vm orphans --stack ${FULL_NAME} --terminate`);
  expect(refresh.output).not.toContain(`warning: ${kept!.instanceId} (`);

  // ...and the destroy, which deletes only what the state holds.
  const destroy = await stack.destroy();
  expect(destroy.output).toContain(`${late!.instanceId} (`);
  expect(destroy.output).toContain(`is tagged for stack ${PROJECT}/e2e but is not in its state`);
  expect(destroy.output).toContain(`zenlayer-vm orphans --stack ${FULL_NAME} --terminate`);
  expect(["RECYCLING", "RECYCLE"]).toContain(sim.control.getInstance(kept!.instanceId)?.instanceStatus);
  expect(sim.control.getInstance(late!.instanceId)?.instanceStatus).not.toMatch(/^RECYCL/);

  const listed = await zenlayerVm(["orphans", "--stack", FULL_NAME]);
  expect(listed.stdout).toContain(`1 instance of stack ${FULL_NAME} outside its state:`);
  expect(listed.stdout).toContain(`- ${late!.instanceId} (`);
  expect(listed.stdout).toContain(`The state keeps a pending create for urn:pulumi:e2e::${PROJECT}::pulumi-nodejs:dynamic/zenlayer:Instance::late`);
  expect(listed.stdout).not.toContain(kept!.instanceId);
  expect(sim.control.getInstance(late!.instanceId)?.instanceStatus).not.toMatch(/^RECYCL/);

  const terminated = await zenlayerVm(["orphans", "--stack", FULL_NAME, "--terminate"]);
  expect(terminated.stdout).toContain(`${late!.instanceId}: terminated (in Zenlayer's recycle bin)`);
  expect(terminated.stdout).toContain("restorable from the console for about 24 hours");
  expect(terminated.stdout).toContain(`pulumi refresh --clear-pending-creates --stack ${FULL_NAME}`);
  const live = sim.control.listInstances().filter((i) => !["RECYCLING", "RECYCLE"].includes(i.instanceStatus));
  expect(live).toEqual([]);

  const after = await zenlayerVm(["orphans", "--stack", FULL_NAME]);
  expect(after.stdout).toContain(`No instance of stack ${FULL_NAME} is outside its state`);

  // The engine keeps the pending create until told otherwise; the command the output names drops it.
  expect(JSON.parse((await stack.pulumi(["stack", "export"])).stdout).deployment.pending_operations).toHaveLength(1);
  await stack.pulumi(["refresh", "--clear-pending-creates", "--yes"]);
  expect(JSON.parse((await stack.pulumi(["stack", "export"])).stdout).deployment.pending_operations ?? []).toEqual([]);
  // What the command line printed for a front-end that does not know the organization resolves to this name.
  expect((await stack.pulumi(["stack", "--show-name", "--fully-qualify-stack-names"])).stdout.trim()).toBe(FULL_NAME);
});

test("when the interrupted instance was the stack's only one, destroy runs nothing of the provider; zenlayer-vm orphans still finds it", async () => {
  const alone = await createProgram("orphans-alone", { program: CONFIG_DRIVEN_PROGRAM, env: { ZENLAYER_VM_POLL_INTERVAL_MS: "200" } });
  stacks.push(alone);
  await configureStackFor(alone, sim);
  await alone.setConfig("vmPassword", "Orphan-Test-Pw1!", true);
  await alone.setConfig("instances", spec(["only"]));
  const only = await killUpWhileCreating(alone, sim.control.listInstances().map((i) => i.instanceId));
  expect(only?.instanceStatus).toBe("PENDING");

  // The engine's own warning about the pending create is all destroy says, and the VM stays.
  const destroy = await alone.destroy();
  expect(destroy.output).toContain("urn:pulumi:e2e::orphans-alone::pulumi-nodejs:dynamic/zenlayer:Instance::only, interrupted while creating");
  expect(destroy.output).not.toContain(only!.instanceId);
  expect(sim.control.getInstance(only!.instanceId)?.instanceStatus).not.toMatch(/^RECYCL/);

  const terminated = await zenlayerVm(["orphans", "--stack", "organization/orphans-alone/e2e", "--terminate"], alone);
  expect(terminated.stdout).toContain(`- ${only!.instanceId} (`);
  expect(terminated.stdout).toContain(`${only!.instanceId}: terminated (in Zenlayer's recycle bin)`);
  expect(["RECYCLING", "RECYCLE"]).toContain(sim.control.getInstance(only!.instanceId)?.instanceStatus);
});
