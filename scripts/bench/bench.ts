/**
 * `npm run bench`: every figure the project tracks, measured beside a baseline in the same process,
 * on the same loopback simulator, in the same run; then a table with the ratio, bench/results.json
 * and bench/chart.svg. Seeded instance timings and jitter; bounded in time.
 *
 * Baselines (strategies.ts): a per-resource poller every 500 ms (the provider's interval before its
 * waits followed a growing schedule, so the calls compare at a reaction at least as quick), and the
 * waits of Zenlayer's Terraform provider (its SDK's state-change loop: a create read 10 s after
 * CreateInstances, then 5 s later, then every 10 s; a refused TerminateInstance fails the delete).
 * The CLI figures (cli-figures.ts) set `pulumi up` + `destroy` beside the engine floor.
 *
 *   npm run bench                 everything (about 5 minutes on 2 busy cores)
 *   npm run bench -- --no-cli     the lifecycle figures only
 * Numbers, not pass/fail: the "goal" column says whether each figure meets its goal.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { InstanceProvider } from "../../provider";
import { DEFAULT_TUNING } from "../../provider/lifecycle/runtime/settings";
import { startSimulator } from "../../simulator";
import { barChart, type ChartRow } from "./chart";
import { hideProviderNarration, printTable, runSummary } from "./measure";
import { cliFigures, type CliFigures } from "./cli-figures";
import { LifecycleBench, strategies, type Outcome } from "./lifecycle-figures";
import { NAIVE_INTERVAL_MS } from "./strategies";

const SEED = "bench-1";
const TIME_LIMIT_MS = 20 * 60_000;
const OUT_DIR = path.resolve(__dirname, "../../bench");

/** One line of the table. */
interface Row { figure: string; ours: string; baseline: string; ratio: string; other: string; goal: string; met: boolean | undefined }

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "—" : `${Math.round(value)} ms`);
const pct = (ours: number, base: number) => (base > 0 ? `${((100 * ours) / base).toFixed(1)} %` : "—");
const times = (ours: number, base: number) => (base > 0 ? `${(ours / base).toFixed(2)}×` : "—");
const reaction = (o: Outcome) => (o.reaction ? `p50 ${ms(o.reaction.p50)}, p95 ${ms(o.reaction.p95)} (n=${o.reaction.n})` : "—");
const failed = (o: Outcome) => `${o.failures}/${o.n} failed`;

function printRows(rows: Row[]): void {
  const header: Row = { figure: "figure", ours: "this provider", baseline: "per-resource poller", ratio: "ratio", other: "Terraform-style poller", goal: "goal", met: undefined };
  const cells = (r: Row) => [r.figure, r.ours, r.baseline, r.ratio, r.other, `${r.goal}${r.met === undefined ? "" : r.met ? " ✓" : " ✗"}`];
  printTable([header, ...rows].map(cells));
}

async function lifecycleFigures(rows: Row[], chart: ChartRow[], results: Record<string, unknown>): Promise<void> {
  const sim = await startSimulator({ port: 0, seed: SEED });
  try {
    const bench = new LifecycleBench(sim, SEED);
    const s = strategies();
    const interval = `${NAIVE_INTERVAL_MS} ms`;

    // Lone deletes: each with its own client and poller, instances deletable 0.5–3 s later.
    const lone = {
      ours: await bench.deletes(s.provider, 30, true, [500, 3000]),
      perResource: await bench.deletes(s.perResource, 30, true, [500, 3000]),
      terraform: await bench.deletes(s.terraform, 30, true, [500, 3000]),
    };
    // A fleet of 50 deleted at once while it still installs (2–10 s), through one client.
    const fleet = {
      ours: await bench.deletes(s.provider, 50, false, [2000, 10000]),
      perResource: await bench.deletes(s.perResource, 50, false, [2000, 10000]),
      terraform: await bench.deletes(s.terraform, 50, false, [2000, 10000]),
    };
    // 30 creates at once, at the simulator's default durations (2 s PENDING + 3 s DEPLOYING).
    const create = {
      ours: await bench.creates(s.provider, 30),
      perResource: await bench.creates(s.perResource, 30),
      terraform: await bench.creates(s.terraform, 30),
    };
    // The same fleet under the simulator's 10 requests/s budget (429 + Retry-After beyond it), last:
    // the clients' adaptive rate, shared per endpoint and key by the whole process, stays slowed
    // after it and would pace any figure measured later on this simulator.
    sim.control.setFaults({ rateLimit: { requestsPerSecond: 10 } });
    const throttled = await bench.deletes(s.provider, 50, false, [2000, 10000]);
    sim.control.setFaults({});
    results.lifecycle = { pollIntervalMs: DEFAULT_TUNING.pollIntervalMs, waitMaxIntervalMs: DEFAULT_TUNING.waitMaxIntervalMs, lone, fleet, throttled, create };

    const reactionRow = (figure: string, o: { ours: Outcome; perResource: Outcome; terraform: Outcome }, goal: string, met: boolean, fixed: string): Row => ({
      figure, ours: reaction(o.ours), baseline: reaction(o.perResource),
      ratio: o.ours.reaction && o.perResource.reaction ? `p50 ${times(o.ours.reaction.p50, o.perResource.reaction.p50)}` : "—",
      other: fixed, goal, met,
    });
    // A lone wait reacts within one interval of the poll schedule (its floor, for a wait this short);
    // a fleet's waits share each poll, so a fleet reacts faster.
    const deleteGoal = (o: Outcome, p50Ms: number) => !!o.reaction && o.failures === 0 && o.reaction.p50 <= p50Ms;
    rows.push(reactionRow("delete reaction after deletable, lone", lone, `p50 ≤ ${DEFAULT_TUNING.pollIntervalMs} ms`, deleteGoal(lone.ours, DEFAULT_TUNING.pollIntervalMs), failed(lone.terraform)));
    rows.push(reactionRow("delete reaction after deletable, 50 at once", fleet, "p50 ≤ 500 ms", deleteGoal(fleet.ours, 500), failed(fleet.terraform)));
    rows.push(reactionRow("create reaction after RUNNING, 30 at once", create, "p50 ≤ 1000 ms", !!create.ours.reaction && create.ours.reaction.p50 <= 1000 && create.ours.failures === 0,
      create.terraform.reaction ? `p50 ${ms(create.terraform.reaction.p50)}` : failed(create.terraform)));
    const f = fleet.ours.calls;
    const b = fleet.perResource.calls;
    rows.push({
      figure: "destroy 50 installing: status polls", ours: `${f.status}`, baseline: `${b.status}`, ratio: pct(f.status, b.status),
      other: `${fleet.terraform.calls.status}`, goal: "≤ 10 %", met: f.status <= 0.1 * b.status,
    });
    rows.push({
      figure: "destroy 50 installing: all API calls", ours: `${f.total}`, baseline: `${b.total}`, ratio: pct(f.total, b.total),
      other: `${fleet.terraform.calls.total}`, goal: "≤ 30 %", met: f.total <= 0.3 * b.total,
    });
    rows.push({
      figure: "destroy 50 installing: TerminateInstance per delete", ours: (f.terminate / 50).toFixed(2), baseline: (b.terminate / 50).toFixed(2),
      ratio: times(f.terminate, b.terminate), other: `${(fleet.terraform.calls.terminate / 50).toFixed(2)} (${fleet.terraform.calls.rejected} refused)`,
      goal: "≤ 1.2", met: f.terminate / 50 <= 1.2,
    });
    rows.push({
      figure: "destroy 50 installing: time", ours: ms(fleet.ours.ms), baseline: ms(fleet.perResource.ms), ratio: times(fleet.ours.ms, fleet.perResource.ms),
      other: failed(fleet.terraform), goal: "—", met: undefined,
    });
    rows.push({
      figure: "same fleet at 10 requests/s (429 beyond)", ours: `${ms(throttled.ms)}, ${failed(throttled)}, ${throttled.calls.throttled} throttled`,
      baseline: `unthrottled: ${ms(fleet.ours.ms)}`, ratio: times(throttled.ms, fleet.ours.ms), other: "—",
      goal: "0 failed, ≤ 1.5×", met: throttled.failures === 0 && throttled.ms <= 1.5 * fleet.ours.ms,
    });

    const perResourceName = `per-resource poll every ${interval}`;
    chart.push(
      { figure: "delete reaction p50, lone", ours: lone.ours.reaction?.p50 ?? 0, baseline: lone.perResource.reaction?.p50 ?? 0, baselineName: perResourceName, unit: "ms" },
      { figure: "delete reaction p50, 50 at once", ours: fleet.ours.reaction?.p50 ?? 0, baseline: fleet.perResource.reaction?.p50 ?? 0, baselineName: perResourceName, unit: "ms" },
      { figure: "create reaction p50, 30 at once", ours: create.ours.reaction?.p50 ?? 0, baseline: create.terraform.reaction?.p50 ?? 0, baselineName: "Terraform-style: 10 s, 15 s, then every 10 s", unit: "ms" },
      { figure: "status polls, destroy of 50", ours: f.status, baseline: b.status, baselineName: perResourceName, unit: "calls" },
      { figure: "all API calls, destroy of 50", ours: f.total, baseline: b.total, baselineName: perResourceName, unit: "calls" },
      { figure: "time at 10 req/s, destroy of 50", ours: throttled.ms / 1000, baseline: fleet.ours.ms / 1000, baselineName: "the same fleet unthrottled", unit: "s" },
    );
  } finally {
    await sim.stop();
  }
}

async function providerFigures(rows: Row[], chart: ChartRow[], results: Record<string, unknown>, cli: CliFigures | undefined): Promise<void> {
  // The baseline: the lazy class Pulumi serializes where the package is not under node_modules.
  const { text } = await pulumi.runtime.serializeFunction(() => new InstanceProvider());
  const shimBytes = Buffer.byteLength(text, "utf8");
  results.provider = { shimBytes, cli };
  if (!cli) {
    rows.push({ figure: "__provider bytes per resource", ours: "— (--no-cli)", baseline: `${shimBytes} (lazy class)`, ratio: "—", other: "—", goal: "≤ 2000", met: undefined });
    return;
  }
  const { instances, floor, state } = cli;
  rows.push({
    figure: `pulumi up + destroy, ${instances.count} instances at zero delays`, ours: `${ms(instances.totalMs)} (up ${ms(instances.upMs)})`,
    baseline: `engine floor, ${floor.count} no-op: ${ms(floor.totalMs)}`, ratio: times(instances.totalMs, floor.totalMs), other: "—",
    goal: "≤ 1.5×", met: instances.totalMs <= 1.5 * floor.totalMs,
  });
  rows.push({
    figure: `__provider bytes per resource (state of ${state.count})`, ours: `${state.providerBytes}`, baseline: `${shimBytes} (lazy class)`,
    ratio: pct(state.providerBytes, shimBytes), other: `exported state: ${state.bytesPerInstance} bytes per instance`, goal: "≤ 2000", met: state.providerBytes <= 2000,
  });
  chart.push(
    { figure: `up + destroy of ${instances.count} instances`, ours: instances.totalMs / 1000, baseline: floor.totalMs / 1000, baselineName: `engine floor: ${floor.count} no-op resources`, unit: "s" },
    { figure: "__provider per resource", ours: state.providerBytes, baseline: shimBytes, baselineName: "the lazy class (a linked checkout)", unit: "bytes" },
  );
}

async function main(): Promise<void> {
  const withCli = !process.argv.includes("--no-cli");
  const limit = setTimeout(() => {
    console.error(`bench: still running after ${TIME_LIMIT_MS / 60_000} minutes; giving up`);
    process.exit(1);
  }, TIME_LIMIT_MS);
  limit.unref();
  hideProviderNarration();

  const started = Date.now();
  const loadBefore = os.loadavg();
  const rows: Row[] = [];
  const chart: ChartRow[] = [];
  const results: Record<string, unknown> = { seed: SEED };
  console.error("bench: lifecycle figures (about 2 minutes) ...");
  await lifecycleFigures(rows, chart, results);
  let cli: CliFigures | undefined;
  if (withCli) {
    console.error("bench: pulumi up + destroy through the real CLI, beside the engine floor (a few minutes) ...");
    cli = await cliFigures(20, 100);
  }
  await providerFigures(rows, chart, results, cli);
  results.machine = { cores: os.cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg(), node: process.version };
  results.table = rows;
  results.durationMs = Date.now() - started;

  printRows(rows);
  console.log(`\n${runSummary(loadBefore, started)}`);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(path.join(OUT_DIR, "results.json"), JSON.stringify(results, null, 2) + "\n");
  writeFileSync(path.join(OUT_DIR, "chart.svg"), barChart("pulumi-zenlayer-vm beside its baselines (npm run bench)", chart));
  console.log(`written: bench/results.json, bench/chart.svg`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
