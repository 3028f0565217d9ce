/**
 * Concurrent stacks sharing one account's rate limit, through the real Pulumi CLI: S stacks of N
 * instances each (`pulumi up` started for all S at once, then `pulumi destroy` for all S at once)
 * against one simulator whose `rateLimit` fault answers 429 REQUEST_LIMIT_EXCEEDED with
 * Retry-After beyond R requests/s (the simulator's default burst). Printed per CLI action: API
 * calls, refused calls, calls per instance, share refused and wall time, beside the same S × N on
 * the same simulator without a rate limit (the calls the provider needs when nothing refuses).
 * Then lone stacks without a rate limit (1 × N for each --lone size), where the pacing must cost
 * next to nothing, beside the engine floor of the same N (no-op dynamic resources, as in
 * cli-figures.ts). Each run checks the outcome: every command succeeds, exactly S × N instances
 * live after `up`, none after `destroy`.
 *
 *   bash scripts/bench.sh scripts/bench/concurrent-stacks.ts [--stacks 5] [--instances 10]
 *     [--rate 10] [--lone 10,100 | --lone none]
 *
 * The figures are also written to bench/concurrent-stacks.json.
 *
 * Production tuning (no poll-interval override) and the simulator's default state durations
 * (seconds, as a real create takes longer still). Other work on the machine moves wall times:
 * the load average is printed beside them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createProgram, type TestStack } from "../../test/e2e/helpers/stack";
import { CONFIG_DRIVEN_PROGRAM } from "../../test/e2e/helpers/program";
import { imageFor, providerEnvFor } from "../../test/e2e/helpers/simulator";
import { startSimulator, type RunningSimulator } from "../../simulator";
import { noopProgram } from "./cli-figures";
import { printTable } from "./measure";
import type { SimStats } from "../../simulator/http/stats";

const OUT_DIR = path.resolve(__dirname, "../../bench");

/** Statuses of instances that are terminated (on their way out or in the recycle bin). */
const TERMINATED = new Set(["RECYCLING", "RECYCLE", "RELEASING"]);

interface Options { stacks: number; instances: number; rate: number; lone: number[] }

function parseOptions(argv: string[]): Options {
  const options: Options = { stacks: 5, instances: 10, rate: 10, lone: [10, 100] };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    const number = () => {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${argv[i]} needs a positive number, got ${value ?? "nothing"}`);
      i++;
      return n;
    };
    switch (argv[i]) {
      case "--stacks": options.stacks = Math.round(number()); break;
      case "--instances": options.instances = Math.round(number()); break;
      case "--rate": options.rate = number(); break;
      case "--lone":
        options.lone = value === "none" ? [] : (value ?? "").split(",").map((v) => Math.round(Number(v)));
        if (options.lone.some((n) => !(n > 0))) throw new Error(`--lone takes sizes such as 10,100 or none, got ${value ?? "nothing"}`);
        i++;
        break;
      default: throw new Error(`unknown option ${argv[i]} (known: --stacks, --instances, --rate, --lone)`);
    }
  }
  return options;
}

/** What the simulator saw during one CLI action of every stack. */
interface ActionFigures {
  calls: number;
  refused: number;
  wallMs: number;
  /** Calls per API action, with the refused ones in brackets. */
  byAction: Record<string, { calls: number; refused: number }>;
}

interface RunFigures { label: string; stacks: number; instances: number; up: ActionFigures; destroy: ActionFigures; loadAvg: number }

function figuresOf(stats: SimStats, wallMs: number): ActionFigures {
  const byAction: ActionFigures["byAction"] = {};
  for (const [action, calls] of Object.entries(stats.requests)) {
    byAction[action] = { calls, refused: stats.rejected[action] ?? 0 };
  }
  // Only throttles count as refused: the run makes no call the API could refuse otherwise.
  return { calls: stats.total, refused: stats.faults.throttled, wallMs, byAction };
}

/** Runs `action` on every stack at once and returns what the simulator saw meanwhile. */
async function allAtOnce(sim: RunningSimulator, stacks: TestStack[], action: (s: TestStack) => Promise<unknown>): Promise<ActionFigures> {
  sim.control.resetStats();
  const started = Date.now();
  await Promise.all(stacks.map(action));
  return figuresOf(sim.control.stats(), Date.now() - started);
}

function liveInstances(sim: RunningSimulator): number {
  return sim.control.listInstances().filter((i) => !TERMINATED.has(i.instanceStatus)).length;
}

/** One run: `count` stacks of `size` instances, up then destroy, each all at once. */
async function runStacks(
  sim: RunningSimulator, label: string, count: number, size: number, extraEnv: Record<string, string> = {},
): Promise<RunFigures> {
  // Production tuning: no poll-interval override.
  const { ZENLAYER_VM_POLL_INTERVAL_MS: _fast, ...env } = { ...providerEnvFor(sim), ...extraEnv };
  const specs = JSON.stringify(Object.fromEntries(Array.from({ length: size }, (_, i) => [
    `vm-${i}`, { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A") },
  ])));
  const stacks: TestStack[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const stack = await createProgram(`stacks-${i}`, { program: CONFIG_DRIVEN_PROGRAM, env });
      stacks.push(stack);
      await stack.setConfig("vmPassword", "Bench-Passw0rd!", true);
      await stack.setConfig("instances", specs);
    }
    const before = liveInstances(sim);
    const up = await allAtOnce(sim, stacks, (s) => s.up());
    const live = liveInstances(sim) - before;
    if (live !== count * size) throw new Error(`${label}: ${live} instances live after pulumi up, expected ${count * size}`);
    const loadAvg = os.loadavg()[0]!;
    const destroy = await allAtOnce(sim, stacks, (s) => s.destroy());
    const left = liveInstances(sim) - before;
    if (left !== 0) throw new Error(`${label}: ${left} instances still live after pulumi destroy`);
    return { label, stacks: count, instances: size, up, destroy, loadAvg };
  } finally {
    for (const stack of stacks) await stack.dispose();
  }
}

/** `pulumi up` + `destroy` of `size` no-op dynamic resources: what the engine costs by itself. */
async function engineFloor(sim: RunningSimulator, size: number): Promise<{ upMs: number; destroyMs: number }> {
  const stack = await createProgram("stacks-floor", { program: noopProgram(size), env: providerEnvFor(sim) });
  try {
    let started = Date.now();
    await stack.up();
    const upMs = Date.now() - started;
    started = Date.now();
    await stack.destroy();
    return { upMs, destroyMs: Date.now() - started };
  } finally {
    await stack.dispose();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const share = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : "—");

function printRuns(title: string, runs: RunFigures[]): void {
  console.log(`\n${title}`);
  const header = ["run", "action", "calls", "refused", "calls/instance", "refused %", "wall time", "load avg"];
  const rows: string[][] = [];
  for (const run of runs) {
    const n = run.stacks * run.instances;
    const total: ActionFigures = {
      calls: run.up.calls + run.destroy.calls, refused: run.up.refused + run.destroy.refused,
      wallMs: run.up.wallMs + run.destroy.wallMs, byAction: {},
    };
    for (const [name, f] of [["up", run.up], ["destroy", run.destroy], ["up + destroy", total]] as const) {
      rows.push([
        run.label, name, `${f.calls}`, `${f.refused}`, (f.calls / n).toFixed(2), share(f.refused, f.calls), seconds(f.wallMs),
        run.loadAvg.toFixed(2),
      ]);
    }
  }
  printTable([header, ...rows]);
  for (const run of runs) {
    const n = run.stacks * run.instances;
    for (const [name, f] of [["up", run.up], ["destroy", run.destroy]] as const) {
      const parts = Object.entries(f.byAction).sort(([a], [b]) => a.localeCompare(b))
        .map(([action, c]) => `${action} ${c.calls}${c.refused ? ` (${c.refused} refused)` : ""} = ${(c.calls / n).toFixed(2)}/instance`);
      console.log(`  ${run.label}, ${name}: ${parts.join("; ")}`);
    }
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { stacks, instances, rate } = options;
  console.log(`concurrent stacks: ${stacks} × ${instances} instances at ${rate} requests/s; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const sim = await startSimulator({ port: 0 });
  try {
    sim.control.setFaults({ rateLimit: { requestsPerSecond: rate } });
    const limited = await runStacks(sim, `${stacks}×${instances} at ${rate}/s`, stacks, instances);
    sim.control.setFaults({});
    const unlimited = await runStacks(sim, `${stacks}×${instances} unlimited`, stacks, instances);
    printRuns(`${stacks} stacks × ${instances} instances, started together (goal at ${rate}/s: ≤ 6 calls per instance, ≤ 10 % refused)`,
      [limited, unlimited]);

    const lone: RunFigures[] = [];
    const floors: { instances: number; upMs: number; destroyMs: number }[] = [];
    for (const size of options.lone) {
      lone.push(await runStacks(sim, `1×${size} unlimited`, 1, size));
      floors.push({ instances: size, ...await engineFloor(sim, size) });
    }
    if (lone.length > 0) {
      printRuns("lone stacks without a rate limit", lone);
      const text = floors.map((f) => `1×${f.instances}: up ${seconds(f.upMs)}, destroy ${seconds(f.destroyMs)}, up + destroy ${seconds(f.upMs + f.destroyMs)}`);
      console.log(`  engine floor (no-op dynamic resources, same run): ${text.join("; ")}`);
    }
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, "concurrent-stacks.json"),
      `${JSON.stringify({ options, loadAverage: os.loadavg(), concurrent: [limited, unlimited], lone, floors }, null, 2)}\n`);
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
