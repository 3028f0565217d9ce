/**
 * Records the state a release writes, for the upgrade test: packs the release's checkout (built
 * by scripts/record-state.sh), installs the tarball as a user does, starts the release's own
 * simulator with a state file, runs `pulumi up` of each front-end's fixture program against it,
 * and saves under test/fixtures/state/<version>/ each stack's export and config, the programs and
 * the simulator's state file (layout: test/e2e/helpers/state-fixtures.ts).
 *
 *   node -r ts-node/register/transpile-only scripts/record-state/record.ts <version> <release checkout>
 *
 * The files must hold nothing of this machine: any path found in an export becomes a placeholder
 * that the replay turns back into a path (fixture.json lists them), and the recorder fails when a
 * path is left anywhere.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { E2E_TMP, installTarballs, REPO_ROOT } from "../../test/e2e/helpers/consumer";
import { run } from "../../test/e2e/helpers/run";
import { E2E_DURATIONS, providerEnvFor } from "../../test/e2e/helpers/simulator";
import {
  FIXTURE_MANIFEST, FIXTURE_PASSPHRASE, FIXTURE_PROGRAMS, FIXTURE_STACK, FIXTURE_STACK_CONFIG, FIXTURE_VM_PASSWORD,
  FRONT_ENDS, STACK_EXPORT_FILE, SIMULATOR_STATE_FILE, STATE_FIXTURES_DIR, withPlaceholders,
  type FixtureManifest, type FrontEnd, type PathRewrite,
} from "../../test/e2e/helpers/state-fixtures";
import { yamlToolchainBinDir } from "../../test/e2e/helpers/yaml-program";
import { nodeBinDir, pulumiBinDir } from "../../test/e2e/helpers/toolchain";
import type { RunningSimulator, SimulatorOptions } from "../../simulator";

type StartSimulator = (options: SimulatorOptions) => Promise<RunningSimulator>;

function say(message: string): void {
  process.stderr.write(`[record-state] ${message}\n`);
}

/** `npm pack` of the (built) release checkout; returns the tarball. */
async function pack(releaseDir: string, into: string): Promise<string> {
  await run("npm", ["pack", "--silent", "--pack-destination", into], { cwd: releaseDir });
  const tarball = readdirSync(into).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack of ${releaseDir} produced no tarball`);
  return path.join(into, tarball);
}

/** The release's own catalogue's Ubuntu image in SEL-A (the zone of the fixture programs). */
function ubuntuImage(releaseDir: string): string {
  const { IMAGES } = require(path.join(releaseDir, "dist", "simulator", "catalogue.js")) as {
    IMAGES: { imageId: string; imageName: string; zoneIds: string[] }[];
  };
  const image = IMAGES.find((i) => i.imageName.startsWith("Ubuntu 22.04") && i.zoneIds.includes("SEL-A"));
  if (!image) throw new Error("the release's simulator catalogue has no Ubuntu 22.04 image in SEL-A");
  return image.imageId;
}

/** Runs the front-end's program up on a fresh stack; returns its folder. */
async function upProgram(frontEnd: FrontEnd, work: string, nodeModules: string, sim: RunningSimulator, imageId: string): Promise<string> {
  const dir = path.join(work, frontEnd);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(FIXTURE_PROGRAMS[frontEnd])) writeFileSync(path.join(dir, name), text);
  if (frontEnd === "nodejs") symlinkSync(nodeModules, path.join(dir, "node_modules"), "dir");
  const backend = path.join(work, `${frontEnd}-backend`);
  mkdirSync(backend);
  const pathDirs = frontEnd === "nodejs"
    ? [nodeBinDir(), pulumiBinDir()]
    : [nodeBinDir(), path.join(nodeModules, ".bin"), yamlToolchainBinDir()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...providerEnvFor(sim),
    PATH: [...pathDirs, process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: FIXTURE_PASSPHRASE,
    PULUMI_HOME: path.join(work, `${frontEnd}-home`),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    NODE_OPTIONS: "",
  };
  const pulumi = (args: string[]) => run("pulumi", [...args, "--non-interactive"], { cwd: dir, env });
  await pulumi(["stack", "init", FIXTURE_STACK]);
  await pulumi(["config", "set", "imageId", imageId]);
  await pulumi(["config", "set", "--secret", "vmPassword", FIXTURE_VM_PASSWORD]);
  say(`${frontEnd}: pulumi up`);
  await pulumi(["up", "--yes", "--skip-preview"]);
  const exported = await pulumi(["stack", "export"]);
  writeFileSync(path.join(dir, STACK_EXPORT_FILE), exported.stdout);
  return dir;
}

/** Fails when a file of the fixture still names a folder of this machine. */
function assertNoMachinePaths(fixtureDir: string, machinePaths: string[]): void {
  for (const entry of readdirSync(fixtureDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    const found = machinePaths.find((p) => text.includes(p));
    if (found) throw new Error(`${path.relative(REPO_ROOT, file)} names ${found}: a fixture must not hold machine paths`);
  }
}

async function main(): Promise<void> {
  const [version, releaseArg] = process.argv.slice(2);
  if (!version || !releaseArg) throw new Error("usage: record.ts <version> <release checkout>");
  const releaseDir = path.resolve(releaseArg);
  const manifestVersion = (JSON.parse(readFileSync(path.join(releaseDir, "package.json"), "utf8")) as { version: string }).version;
  if (manifestVersion !== version) throw new Error(`${releaseDir} is version ${manifestVersion}, not ${version}`);
  if (!existsSync(path.join(releaseDir, "dist", "simulator", "index.js"))) throw new Error(`${releaseDir} is not built (dist/ is missing)`);

  mkdirSync(E2E_TMP, { recursive: true });
  const work = mkdtempSync(path.join(E2E_TMP, `record-${version}-`));
  const tarball = await pack(releaseDir, work);
  say(`installing ${path.basename(tarball)} as a user does`);
  const nodeModules = await installTarballs(path.join(work, "consumer"), { "pulumi-zenlayer-vm": tarball });

  const { startSimulator } = require(path.join(releaseDir, "dist", "simulator", "index.js")) as { startSimulator: StartSimulator };
  const statePath = path.join(work, SIMULATOR_STATE_FILE);
  const sim = await startSimulator({ port: 0, durations: E2E_DURATIONS, statePath });
  const programDirs: Partial<Record<FrontEnd, string>> = {};
  try {
    const imageId = ubuntuImage(releaseDir);
    for (const frontEnd of FRONT_ENDS) programDirs[frontEnd] = await upProgram(frontEnd, work, nodeModules, sim, imageId);
  } finally {
    await sim.stop();
  }

  const fixtureDir = path.join(STATE_FIXTURES_DIR, version);
  rmSync(fixtureDir, { recursive: true, force: true });
  mkdirSync(fixtureDir, { recursive: true });
  cpSync(statePath, path.join(fixtureDir, SIMULATOR_STATE_FILE));
  const rewrites = new Map<string, PathRewrite>();
  for (const frontEnd of FRONT_ENDS) {
    const from = programDirs[frontEnd]!;
    const to = path.join(fixtureDir, frontEnd);
    mkdirSync(to);
    for (const name of [...Object.keys(FIXTURE_PROGRAMS[frontEnd]), FIXTURE_STACK_CONFIG]) cpSync(path.join(from, name), path.join(to, name));
    const exported = withPlaceholders(readFileSync(path.join(from, STACK_EXPORT_FILE), "utf8"), {
      "consumer node_modules": nodeModules, "program folder": from,
    });
    for (const used of exported.used) rewrites.set(used.placeholder, used);
    writeFileSync(path.join(to, STACK_EXPORT_FILE), exported.text);
  }
  const { stdout: cli } = await run("pulumi", ["version"], { cwd: work, env: { ...process.env, PATH: [pulumiBinDir(), process.env.PATH ?? ""].join(path.delimiter) } });
  const manifest: FixtureManifest = {
    version,
    pulumiCliVersion: cli.trim().replace(/^v/, ""),
    nodeVersion: process.versions.node,
    pathRewrites: [...rewrites.values()],
  };
  writeFileSync(path.join(fixtureDir, FIXTURE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  assertNoMachinePaths(fixtureDir, [work, releaseDir, REPO_ROOT, os.homedir(), os.tmpdir()].filter((p) => p.length > 1));
  rmSync(work, { recursive: true, force: true });
  say(`recorded ${path.relative(REPO_ROOT, fixtureDir)}${manifest.pathRewrites.length ? ` (paths rewritten: ${manifest.pathRewrites.map((r) => r.placeholder).join(", ")})` : ""}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[record-state] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
