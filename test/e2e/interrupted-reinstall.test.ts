/**
 * A reinstall interrupted after StopInstances (the CLI and its plugins killed while the instance is
 * stopping) must not leave the VM stopped for good: after `pulumi cancel`, the next `pulumi up`
 * finds it STOPPED, resets it to the declared image without a second stop, and it runs again with
 * the same id and address.
 */
import { spawn } from "node:child_process";
import { startSimulator } from "../../simulator";
import { IMAGES } from "../../simulator/model/catalogue";
import { CONFIG_DRIVEN_PROGRAM, type ExportedInstance } from "./helpers/program";
import { E2E_DURATIONS, imageFor, providerEnvFor } from "./helpers/simulator";
import { createProgram, type TestStack } from "./helpers/stack";

jest.setTimeout(240_000);

const OTHER_IMAGE = IMAGES.find((i) => i.imageName.startsWith("Debian"))!.imageId;
let sim: Awaited<ReturnType<typeof startSimulator>>;
let stack: TestStack;

const spec = (imageId: string) => JSON.stringify({ vm: { zoneId: "SEL-A", instanceType: "c.1c2g", imageId } });

beforeAll(async () => {
  // A long STOPPING state leaves time to kill the CLI between StopInstances and ResetInstance.
  sim = await startSimulator({ port: 0, durations: { ...E2E_DURATIONS, stoppingMs: 6000 } });
  stack = await createProgram("interrupted-reinstall", { program: CONFIG_DRIVEN_PROGRAM, env: providerEnvFor(sim) });
  await stack.setConfig("vmPassword", "Interrupted-Pw1!", true);
  await stack.setConfig("instances", spec(imageFor("SEL-A")));
  await stack.up();
});
afterAll(async () => {
  await stack?.dispose();
  await sim?.stop();
});

test("the next up finishes a reinstall whose up was killed after StopInstances", async () => {
  const [before] = (await stack.outputs()).instances as ExportedInstance[];
  await stack.setConfig("instances", spec(OTHER_IMAGE));
  sim.control.resetStats();
  const cli = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", stack.stackName], {
    cwd: stack.dir, env: stack.environment, detached: true, stdio: "ignore",
  });
  const deadline = Date.now() + 60_000;
  while ((sim.control.stats().requests.StopInstances ?? 0) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  // Kill the whole process group (CLI, language host, provider) as a crash or a lost terminal would.
  process.kill(-cli.pid!, "SIGKILL");
  expect(sim.control.getInstance(before!.id)?.instanceStatus).toBe("STOPPING");
  expect(sim.control.stats().requests.ResetInstance ?? 0).toBe(0);

  await stack.pulumi(["cancel", "--yes"]);
  await stack.up();
  const [after] = (await stack.outputs()).instances as ExportedInstance[];
  expect({ id: after!.id, ips: after!.ips, status: after!.status }).toEqual({ id: before!.id, ips: before!.ips, status: "RUNNING" });
  expect(sim.control.getInstance(before!.id)).toMatchObject({ imageId: OTHER_IMAGE, instanceStatus: "RUNNING" });
  const requests = sim.control.stats().requests;
  expect({ stops: requests.StopInstances, resets: requests.ResetInstance, creates: requests.CreateInstances ?? 0, terminates: requests.TerminateInstance ?? 0 })
    .toEqual({ stops: 1, resets: 1, creates: 0, terminates: 0 });
});
