/**
 * The reliability suite's runs through the real Pulumi CLI against a simulator on loopback:
 *
 * - faults: `up`, then `destroy`, of N instances while the simulator injects 10 % transient 5xx,
 *   429 bursts (8 requests/s, bursts of 6), 30 ms latency on every request, 5 % dropped
 *   connections and 5 % lost responses by default (a command that fails is run again, as a
 *   person would);
 * - kills: K SIGKILLs of `pulumi up` / `pulumi destroy` (alternating) at seeded random moments
 *   up to 2.5 s after the command's first change reached the API (creates take 3 s; before a
 *   destroy the instances are held in DEPLOYING for 12 s), each followed by `pulumi cancel`,
 *   `pulumi refresh` and the same command again;
 * - secrets: the instance password and the access key password (given as a secret stack config
 *   value) are looked for in every byte the runs produced: CLI output (error messages included),
 *   `pulumi stack export`, the backend's state files, the simulator's log and its state file.
 *
 * After every converged command it counts orphans (instances outside the recycle bin that the
 * stack does not hold), duplicates (more than one instance created for one resource), and
 * mismatches between the stack's state and the simulator. Returns the figures; asserting them is
 * the caller's job (a Jest test, or `npm run chaos` printing a table).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startSimulator, type RunningSimulator, type SimInstance } from "../../simulator";
import { createRandom } from "../../simulator/faults/prng";
import { CONFIG_DRIVEN_PROGRAM } from "../e2e/helpers/program";
import { E2E_DURATIONS, imageFor, providerEnvFor } from "../e2e/helpers/simulator";
import { createProgram, type TestStack } from "../e2e/helpers/stack";

/** How big a run is. */
export interface ChaosOptions {
  instances: number;
  kills: number;
  seed: number;
  /** Share of requests whose connection is dropped, and whose response is lost (default 0.05 each). */
  dropRate?: number;
  loseResponseRate?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** What a run measured. */
export interface ChaosFigures {
  instances: number;
  faults: { requests: number; throttled: number; errors: number; dropped: number; lostResponses: number; delayed: number; latencyMs: number };
  /** `up` / `destroy` runs needed under faults (1 each when nothing failed). */
  faultRuns: { up: number; destroy: number };
  /** The error lines of the runs under faults that failed (why they had to be run again). */
  faultErrors: string[];
  kills: { landed: number; commands: string[]; converged: number };
  orphans: number;
  duplicates: number;
  stateMismatches: number;
  leaks: { count: number; where: string[] };
  /** Bytes searched for secrets. */
  bytesSearched: number;
  seconds: number;
}

const RECYCLED = new Set(["RECYCLING", "RECYCLE", "RELEASING"]);
const VM_PASSWORD = "ChaosVm-Pw1!";
const ACCESS_KEY_PASSWORD = "chaos-access-key-Secret-7f3a";
const ZONES = ["SEL-A", "HKG-A", "FRA-A"];

const ownerOf = (i: SimInstance) => i.tags?.tags?.find((t) => t.key === "pulumi-owner")?.value ?? "";
const live = (sim: RunningSimulator) => sim.control.listInstances().filter((i) => !RECYCLED.has(i.instanceStatus));

/** Runs the faults, kills and secrets parts and returns the figures. */
export async function runCliChaos(options: ChaosOptions): Promise<ChaosFigures> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  // The simulator's own seeded generator: the same seed gives the same kill moments.
  const random = createRandom(`kills-${options.seed}`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "zenlayer-chaos-"));
  const simLog: string[] = [];
  const statePath = path.join(scratch, "simulator-state.json");
  const sim = await startSimulator({
    port: 0, host: "127.0.0.1", seed: options.seed, statePath, log: (line) => simLog.push(line),
    accessKeyPassword: ACCESS_KEY_PASSWORD,
    // Creates long enough that a kill can land while instances are still being created.
    durations: { ...E2E_DURATIONS, pendingMs: 1_500, deployingMs: 1_500 },
  });
  if (!sim.domain.startsWith("127.0.0.1:")) throw new Error(`the simulator must listen on loopback, not ${sim.domain}`);
  const { ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: _fromEnv, ...env } = providerEnvFor(sim);
  const stack = await createProgram("chaos", { program: CONFIG_DRIVEN_PROGRAM, env });
  const output: string[] = [];
  const figures: ChaosFigures = {
    instances: options.instances,
    faults: { requests: 0, throttled: 0, errors: 0, dropped: 0, lostResponses: 0, delayed: 0, latencyMs: 0 },
    faultRuns: { up: 0, destroy: 0 }, faultErrors: [],
    kills: { landed: 0, commands: [], converged: 0 },
    orphans: 0, duplicates: 0, stateMismatches: 0, leaks: { count: 0, where: [] }, bytesSearched: 0, seconds: 0,
  };
  try {
    await stack.setConfig("zenlayer:accessKeyPassword", ACCESS_KEY_PASSWORD, true);
    await stack.setConfig("vmPassword", VM_PASSWORD, true);
    const specs = Object.fromEntries(Array.from({ length: options.instances }, (_, i) => {
      const zoneId = ZONES[i % ZONES.length]!;
      return [`vm-${i}`, { zoneId, instanceType: "c.1c2g", imageId: imageFor(zoneId) }];
    }));
    await stack.setConfig("instances", JSON.stringify(specs));
    const owners = Object.keys(specs).map((name) => `chaos/${stack.stackName}/${name}`);
    const pulumi = async (args: string[], allowFailure = true) => {
      const result = await stack.pulumi(args, { allowFailure });
      output.push(result.output);
      return result;
    };
    const check = async (after: "up" | "destroy", before: Set<string>) => {
      const verdict = await verify(sim, stack, owners, after, before);
      figures.orphans += verdict.orphans;
      figures.duplicates += verdict.duplicates;
      figures.stateMismatches += verdict.mismatches;
      return verdict;
    };

    // Faults: ~10 % 5xx, 429 bursts, latency, dropped connections and lost responses, on every action.
    // The rate limit sits below what a process's slow start reaches in its first seconds, so that
    // every run meets 429s however few instances it has.
    const latencyMs = 30;
    sim.control.setFaults({
      errorRate: 0.1, dropRate: options.dropRate ?? 0.05, loseResponseRate: options.loseResponseRate ?? 0.05, latencyMs,
      rateLimit: { requestsPerSecond: 3, burst: 3 }, seed: options.seed,
    });
    sim.control.resetStats();
    for (const command of ["up", "destroy"] as const) {
      const before = new Set(sim.control.listInstances().map((i) => i.instanceId));
      for (let attempt = 1; attempt <= 4; attempt++) {
        figures.faultRuns[command]++;
        const result = await pulumi(command === "up" ? ["up", "--yes", "--skip-preview"] : ["destroy", "--yes", "--skip-preview"]);
        log(`faults: pulumi ${command} (run ${attempt}) exited ${result.code}`);
        if (result.code === 0) break;
        figures.faultErrors.push(...result.output.split("\n").filter((line) => /error:/i.test(line)).map((line) => line.trim()));
      }
      const verdict = await check(command, before);
      log(`faults: after ${command}: ${JSON.stringify(verdict)}`);
    }
    const stats = sim.control.stats();
    figures.faults = {
      requests: stats.total + stats.rejectedTotal, throttled: stats.faults.throttled, errors: stats.faults.errors,
      dropped: stats.faults.dropped, lostResponses: stats.faults.lostResponses, delayed: stats.total + stats.rejectedTotal, latencyMs,
    };
    sim.control.setFaults({});

    // Kills: alternate up and destroy, each killed at a seeded moment after its first change.
    for (let k = 0; k < options.kills; k++) {
      const command = k % 2 === 0 ? "up" : "destroy";
      const before = new Set(sim.control.listInstances().map((i) => i.instanceId));
      // As after a reinstall: the instances refuse TerminateInstance for a while, so a destroy
      // lasts long enough to be killed while it waits.
      // The hold starts now, several seconds before the CLI's first TerminateInstance.
      if (command === "destroy") for (const i of live(sim)) sim.control.holdStatus(i.instanceId, "DEPLOYING", 12_000, "RUNNING");
      const changesBefore = mutatingCalls(sim);
      const cli = spawn("pulumi", [command, "--yes", "--skip-preview", "--non-interactive", "--stack", stack.stackName], {
        cwd: stack.dir, env: stack.environment, detached: true, stdio: ["ignore", "pipe", "pipe"],
      });
      let cliOutput = "";
      cli.stdout.on("data", (d: Buffer) => { cliOutput += d; });
      cli.stderr.on("data", (d: Buffer) => { cliOutput += d; });
      const exited = new Promise<number | null>((resolve) => cli.on("close", resolve));
      let finished = false;
      void exited.then(() => { finished = true; });
      const deadline = Date.now() + 120_000;
      while (!finished && mutatingCalls(sim) === changesBefore && Date.now() < deadline) await pause(20);
      const delay = Math.round(random() * 2_500);
      const killAt = Date.now() + delay;
      while (!finished && Date.now() < killAt) await pause(10);
      const killed = !finished;
      if (killed) {
        process.kill(-cli.pid!, "SIGKILL");
        figures.kills.landed++;
      }
      await exited;
      output.push(cliOutput);
      figures.kills.commands.push(`${command} ${killed ? `killed ${delay} ms after its first change` : "finished before the kill"}`);
      await pulumi(["cancel", "--yes"]);
      await pulumi(["refresh", "--yes", "--skip-preview"]);
      const again = await pulumi([command, "--yes", "--skip-preview"]);
      const verdict = await check(command, before);
      if (again.code === 0 && verdict.orphans === 0 && verdict.duplicates === 0 && verdict.mismatches === 0) figures.kills.converged++;
      log(`kill ${k + 1}/${options.kills}: ${figures.kills.commands.at(-1)}; ${command} again exited ${again.code}; ${JSON.stringify(verdict)}`);
    }

    // Leave nothing behind, then look for the secrets everywhere.
    const final = await pulumi(["destroy", "--yes", "--skip-preview"]);
    if (final.code !== 0) figures.stateMismatches++;
    output.push((await stack.pulumi(["stack", "export"])).stdout);
    const haystacks: [string, string][] = [
      ["CLI output", output.join("\n")],
      ["simulator log", simLog.join("\n")],
      ["simulator state file", readFileSync(statePath, "utf8")],
      ...[...filesUnder(path.join(stack.dir, ".state")), path.join(stack.dir, `Pulumi.${stack.stackName}.yaml`)].map((file): [string, string] => [`backend ${path.basename(file)}`, readFileSync(file, "utf8")]),
    ];
    for (const [where, text] of haystacks) {
      figures.bytesSearched += Buffer.byteLength(text);
      for (const secret of [VM_PASSWORD, ACCESS_KEY_PASSWORD]) {
        for (const form of new Set([secret, Buffer.from(secret).toString("base64"), JSON.stringify(secret).slice(1, -1)])) {
          if (text.includes(form)) {
            figures.leaks.count++;
            figures.leaks.where.push(`${secret === VM_PASSWORD ? "instance password" : "access key password"} in ${where}`);
          }
        }
      }
    }
  } finally {
    await stack.dispose();
    await sim.stop();
    rmSync(scratch, { recursive: true, force: true });
    figures.seconds = Math.round((Date.now() - started) / 1000);
  }
  return figures;
}

/** Orphans, duplicates and state mismatches after a converged `up` or `destroy`. */
async function verify(sim: RunningSimulator, stack: TestStack, owners: string[], after: "up" | "destroy", before: Set<string>) {
  const state = await stack.instances();
  const stateIds = new Set(state.map((r) => r.id));
  const running = live(sim);
  const runningIds = new Set(running.map((i) => i.instanceId));
  const orphans = running.filter((i) => !stateIds.has(i.instanceId)).length;
  const created = sim.control.listInstances().filter((i) => !before.has(i.instanceId));
  let duplicates = 0;
  for (const owner of owners) duplicates += Math.max(0, created.filter((i) => ownerOf(i) === owner).length - 1);
  const expected = after === "up" ? owners.length : 0;
  const mismatches = [...stateIds].filter((id) => !runningIds.has(id ?? "")).length +
    (runningIds.size === expected && stateIds.size === expected ? 0 : 1);
  return { orphans, duplicates, mismatches, live: runningIds.size, inState: stateIds.size };
}

/** Create, terminate and release calls the simulator has answered so far. */
function mutatingCalls(sim: RunningSimulator): number {
  const { requests } = sim.control.stats();
  return (requests.CreateInstances ?? 0) + (requests.TerminateInstance ?? 0) + (requests.ReleaseInstances ?? 0);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
