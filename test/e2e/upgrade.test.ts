/**
 * Upgrades keep stacks working: for every release recorded under test/fixtures/state/ (see
 * helpers/state-fixtures.ts and scripts/record-state.sh), the state that release wrote is imported
 * into a fresh file backend, the simulator starts from a copy of the release's simulator state (so
 * the instances exist), and the CURRENT package drives the same program through the real CLI: the
 * TypeScript program through the dynamic provider (whose state names the implementation by its
 * package path), the YAML program through the `pulumi-resource-zenlayer` plugin. A preview plans
 * nothing, a refresh changes nothing, a second preview plans nothing, and destroy removes the
 * instance from Zenlayer.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { consumerNodeModules, E2E_TMP } from "./helpers/consumer";
import { E2E_DURATIONS, MUTATING_ACTIONS, providerEnvFor } from "./helpers/simulator";
import { initStack, type TestStack } from "./helpers/stack";
import {
  FIXTURE_PASSPHRASE, FIXTURE_STACK, FRONT_ENDS, INSTANCE_TYPES, readManifest, recordedVersions, SIMULATOR_STATE_FILE,
  STACK_EXPORT_FILE, STATE_FIXTURES_DIR, withMachinePaths, type FrontEnd,
} from "./helpers/state-fixtures";
import { pluginBinDir, yamlToolchainBinDir } from "./helpers/yaml-program";
import { nodeBinDir, pulumiBinDir } from "./helpers/toolchain";
import { startSimulator, type RunningSimulator } from "../../simulator";

jest.setTimeout(600_000);

const versions = recordedVersions();
/** Program folders and simulator scratch folders, removed when the file ends. */
const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

test("at least one release is recorded", () => {
  expect(versions).toContain("0.1.0");
});

/** The stack's steps that are not "same", as `op urn`. */
function changes(preview: { steps: { op: string; urn: string }[] }): string[] {
  return preview.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn}`);
}

async function untilGone(sim: RunningSimulator, instanceId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (let waitMs = 50; sim.control.getInstance(instanceId); waitMs = Math.min(waitMs * 2, 1000)) {
    if (Date.now() > deadline) throw new Error(`${instanceId} is still in the simulator (${sim.control.getInstance(instanceId)?.instanceStatus}) a minute after destroy`);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

/** The recorded program of `frontEnd` in a fresh folder, on a stack holding the recorded state. */
async function replayedStack(version: string, frontEnd: FrontEnd, sim: RunningSimulator): Promise<TestStack> {
  const recorded = path.join(STATE_FIXTURES_DIR, version, frontEnd);
  mkdirSync(path.join(E2E_TMP, "programs"), { recursive: true });
  const dir = mkdtempSync(path.join(E2E_TMP, "programs", `upgrade-${version}-${frontEnd}-`));
  scratchDirs.push(dir);
  for (const name of readdirSync(recorded).filter((f) => f !== STACK_EXPORT_FILE)) copyFileSync(path.join(recorded, name), path.join(dir, name));
  const nodeModules = await consumerNodeModules();
  const pathDirs = frontEnd === "nodejs"
    ? [nodeBinDir(), pulumiBinDir()]
    : [nodeBinDir(), await pluginBinDir(), yamlToolchainBinDir()];
  if (frontEnd === "nodejs") symlinkSync(nodeModules, path.join(dir, "node_modules"), "dir");
  const stack = await initStack(dir, pathDirs, {
    ...providerEnvFor(sim), PULUMI_CONFIG_PASSPHRASE: FIXTURE_PASSPHRASE, PULUMI_NODEJS_TRANSPILE_ONLY: "true",
  }, FIXTURE_STACK);
  const exported = withMachinePaths(readFileSync(path.join(recorded, STACK_EXPORT_FILE), "utf8"), readManifest(version).pathRewrites, {
    "consumer node_modules": nodeModules, "program folder": dir,
  });
  const exportFile = path.join(dir, ".recorded-state.json");
  writeFileSync(exportFile, exported);
  await stack.pulumi(["stack", "import", "--file", exportFile]);
  return stack;
}

function mutatingCalls(sim: RunningSimulator): string[] {
  const requests = sim.control.stats().requests as Record<string, number | undefined>;
  return MUTATING_ACTIONS.filter((action) => (requests[action] ?? 0) > 0);
}

describe.each(versions)("state written by %s", (version) => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    const scratch = mkdtempSync(path.join(E2E_TMP, `upgrade-sim-${version}-`));
    scratchDirs.push(scratch);
    const statePath = path.join(scratch, SIMULATOR_STATE_FILE);
    copyFileSync(path.join(STATE_FIXTURES_DIR, version, SIMULATOR_STATE_FILE), statePath);
    // A recycled instance leaves at once, so that destroy can be seen to empty the simulator.
    sim = await startSimulator({ port: 0, statePath, durations: { ...E2E_DURATIONS, recycleRetentionMs: 300 } });
  });
  afterAll(async () => { await sim?.stop(); });

  test.each(FRONT_ENDS)("%s: preview, refresh and preview plan nothing; destroy removes the instance", async (frontEnd) => {
    const stack = await replayedStack(version, frontEnd, sim);
    const [vm] = await stack.instances(INSTANCE_TYPES[frontEnd]);
    const id = vm?.id;
    expect(id).toMatch(/^ins-/);
    expect(sim.control.getInstance(id!)?.instanceStatus).toBe("RUNNING");

    sim.control.resetStats();
    expect(changes(await stack.previewJson())).toEqual([]);
    await stack.pulumi(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    expect(changes(await stack.previewJson())).toEqual([]);
    expect(mutatingCalls(sim)).toEqual([]);
    expect(sim.control.getInstance(id!)?.instanceStatus).toBe("RUNNING");

    const destroy = await stack.destroy();
    expect(destroy.code).toBe(0);
    expect(await stack.instances(INSTANCE_TYPES[frontEnd])).toHaveLength(0);
    await untilGone(sim, id!);
  });

  test("the simulator holds no instance once both stacks are destroyed", () => {
    expect(sim.control.listInstances().map((i) => `${i.instanceId} ${i.instanceStatus}`)).toEqual([]);
  });
});
