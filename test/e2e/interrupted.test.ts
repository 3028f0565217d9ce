/**
 * An interrupted `pulumi up` (the CLI and its plugins killed while the instance is still being
 * created) cannot hand the new id to the engine. After `pulumi cancel` (which releases the state
 * lock a killed CLI leaves behind), the next `pulumi up` must find that instance through its
 * owner tag and adopt it: one VM, not two.
 */
import { spawn } from "node:child_process";
import { createProgram, type TestStack } from "./helpers/stack";
import { CONFIG_DRIVEN_PROGRAM } from "./helpers/program";
import { E2E_DURATIONS, imageFor, providerEnvFor } from "./helpers/simulator";
import { startSimulator } from "../../simulator";

jest.setTimeout(240_000);

let sim: Awaited<ReturnType<typeof startSimulator>>;
let stack: TestStack;

beforeAll(async () => {
  // A long PENDING state leaves time to kill the CLI while the create is waiting.
  sim = await startSimulator({ port: 0, durations: { ...E2E_DURATIONS, pendingMs: 6000 } });
  stack = await createProgram("interrupted", {
    program: CONFIG_DRIVEN_PROGRAM,
    env: providerEnvFor(sim),
  });
  await stack.setConfig("vmPassword", "Interrupted-Pw1!", true);
  await stack.setConfig("instances", JSON.stringify({ vm: { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A") } }));
});
afterAll(async () => {
  await stack?.dispose();
  await sim?.stop();
});

test("the next up adopts the instance an interrupted up created, instead of creating a second one", async () => {
  // Kill the whole process group (CLI, language host, provider) as a crash or a lost terminal would.
  const cli = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", stack.stackName], {
    cwd: stack.dir, env: stack.environment, detached: true, stdio: "ignore",
  });
  const deadline = Date.now() + 60_000;
  while (sim.control.listInstances().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  process.kill(-cli.pid!, "SIGKILL");
  const [leftover] = sim.control.listInstances();
  expect(leftover?.instanceStatus).toBe("PENDING");
  expect(await stack.instances()).toHaveLength(0);

  await stack.pulumi(["cancel", "--yes"]);
  const up = await stack.up();
  expect(up.output).toContain(`Adopting ${leftover!.instanceId}`);
  expect(sim.control.listInstances().map((i) => i.instanceId)).toEqual([leftover!.instanceId]);
  expect(sim.control.stats().requests.CreateInstances).toBe(1);
  expect((await stack.instances()).map((r) => r.id)).toEqual([leftover!.instanceId]);
  expect(sim.control.getInstance(leftover!.instanceId)?.instanceStatus).toBe("RUNNING");

  await stack.destroy();
  expect(["RECYCLING", "RECYCLE"]).toContain(sim.control.getInstance(leftover!.instanceId)?.instanceStatus);
});
