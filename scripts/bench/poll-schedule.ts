/**
 * The poll schedule's figures (`npm run bench` runs it; alone: `bash scripts/bench.sh
 * scripts/bench/poll-schedule.ts`): API calls and reaction of lone waits, the provider's beside
 * Zenlayer's Terraform provider's waits and a per-resource poller every 500 ms (strategies.ts),
 * measured in the same run on the same simulator; then the curve of status reads against reaction
 * for installs from 5 s to 10 minutes, written to bench/poll-schedule.svg and
 * bench/poll-schedule.json.
 *
 * - Simulated time (simulated-time.ts) for the curve, the long installs and the create: exact
 *   figures, the real provider code, client and simulator over loopback HTTP, a 10-minute install
 *   in a moment. Each install length, and the create's 5 s, is measured at 33 lengths within
 *   ±10 % of it, because where a poll falls against the end of a wait decides a single reaction:
 *   the mean is the figure, the exact length and the worst one are printed beside it.
 * - Real time, over HTTP: a destroy during a 15 s install, a create at the simulator's default
 *   durations (2 s PENDING, 3 s DEPLOYING), and a fleet of 50 deleted at once while installing.
 *
 * Reaction: for a delete, from the moment the instance may be deleted to TerminateInstance
 * accepted; for a create, from RUNNING to the create's end (its outputs read). Numbers, not
 * pass/fail: the goal column says whether each figure meets its goal.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createVmClient } from "../../provider/client";
import { AdaptiveSendRate } from "../../provider/client/adaptive-rate";
import { SendQueue } from "../../provider/client/send-queue";
import type { VmApi } from "../../provider/client/types";
import { createInstance } from "../../provider/lifecycle/operations/create";
import { deleteInstance } from "../../provider/lifecycle/operations/delete";
import { realClock, type Clock } from "../../provider/lifecycle/runtime/clock";
import { createContext } from "../../provider/lifecycle/runtime/context";
import { DEFAULT_TUNING } from "../../provider/lifecycle/runtime/settings";
import { JITTER, pollScheduleOf, WAITED_FRACTION } from "../../provider/lifecycle/waits/poll-schedule";
import { DEFAULT_DURATIONS, IMAGES, startSimulator, type RunningSimulator } from "../../simulator";
import { createRandom } from "../../simulator/faults/prng";
import { curveChart, type CurveSeries } from "./chart";
import { LifecycleBench, type Outcome } from "./lifecycle-figures";
import { hideProviderNarration, printTable, runSummary, seededClock } from "./measure";
import { SimulatedTime } from "./simulated-time";
import { NAIVE_INTERVAL_MS, perResource, terraform } from "./strategies";

const SEED = "poll-schedule-1";
const OUT_DIR = path.resolve(__dirname, "../../bench");
/** Install lengths of the curve, in seconds. */
const INSTALLS_S = [5, 15, 60, 180, 600];
/**
 * Each install length is measured at these relative offsets (see the module comment): the exact
 * length first, then seeded draws within ±10 % (drawn, not on a grid, so that no strategy's fixed
 * interval lines up with them). One reaction is one draw from up to a whole interval, so the mean
 * needs a few dozen; the per-resource poller, whose reaction is at most its 500 ms, needs few.
 */
const SPREAD = [0, ...Array.from({ length: 32 }, ((random) => () => 0.2 * random() - 0.1)(createRandom(`${SEED}-spread`)))];
const SAMPLES: Record<"ours" | "terraform" | "naive", number> = { ours: SPREAD.length, terraform: SPREAD.length, naive: 5 };
/** Lone operations per strategy in each real-time figure. */
const REAL_REPEATS = 3;
const quiet = { info: () => undefined, warn: () => undefined };

type Who = "ours" | "terraform" | "naive";
const WHO: Who[] = ["ours", "terraform", "naive"];

/** Where time comes from: the real clock, or simulated time. */
interface Timebase {
  now(): number;
  sleep(ms: number): Promise<void>;
  clock(seed: string): Clock;
  /** The API as the timebase must see it (simulated time waits for calls in flight). */
  track(api: VmApi): VmApi;
}

const realTime: Timebase = { now: () => Date.now(), sleep: realClock.sleep, clock: seededClock, track: (api) => api };

/** One lone operation's figures. */
interface Run { statusCalls: number; calls: number; reactionMs: number }

const STATUS_READS = new Set(["describeInstancesStatus", "describeInstances"]);

/**
 * `api` counting its calls per method, and noting when CreateInstances was sent and TerminateInstance
 * accepted; `created` sees the id of each instance CreateInstances made, as soon as it answered.
 */
function counted(api: VmApi, now: () => number, created: (instanceId: string) => void = () => undefined) {
  const tally = { calls: new Map<string, number>(), createSentAt: NaN, terminatedAt: NaN };
  const wrapped = new Proxy(api, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const name = String(prop);
        tally.calls.set(name, (tally.calls.get(name) ?? 0) + 1);
        if (name === "createInstances") tally.createSentAt = now();
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (name === "terminateInstance") tally.terminatedAt = now();
        if (name === "createInstances") (result as { instanceIdSet: string[] }).instanceIdSet.forEach(created);
        return result;
      };
    },
  });
  const figures = (reactionMs: number): Run => ({
    statusCalls: [...tally.calls].filter(([name]) => STATUS_READS.has(name)).reduce((sum, [, n]) => sum + n, 0),
    calls: [...tally.calls.values()].reduce((sum, n) => sum + n, 0),
    reactionMs,
  });
  return { api: wrapped, tally, figures };
}

function client(sim: RunningSimulator, time: Timebase, seed: string): VmApi {
  const clock = time.clock(`${seed}-client`);
  return time.track(createVmClient({
    domain: sim.domain, scheme: "http", accessKeyId: sim.accessKeyId, accessKeyPassword: sim.accessKeyPassword,
    now: time.now, sleep: time.sleep, random: clock.random,
    // In real time, each client paces itself as the fresh process it stands for. On simulated time
    // it does not pace (the simulator has no rate limit here): a call held in the send queue would
    // wait for a timer while it counts as in flight, and that holds simulated time still.
    ...(time === realTime ? { sendQueue: new SendQueue(new AdaptiveSendRate()) } : { adaptiveRate: false }),
  }));
}

/** One lone delete of an instance that installs for `installMs`, each with its own client (and, for the provider, poller). */
async function destroyOnce(who: Who, sim: RunningSimulator, time: Timebase, installMs: number, seed: string): Promise<Run> {
  const { instanceId } = sim.control.seedInstance({});
  sim.control.holdStatus(instanceId, "DEPLOYING", installMs, "RUNNING");
  const deletableAt = time.now() + installMs;
  const { api, tally, figures } = counted(client(sim, time, seed), time.now);
  if (who === "ours") {
    const ctx = createContext({ api, settings: { ...DEFAULT_TUNING }, clock: time.clock(seed), log: quiet });
    await deleteInstance(ctx, instanceId, {});
  } else if (who === "terraform") {
    await terraform({ refresh: true, sleep: time.sleep }).deleteInstance(api, instanceId);
  } else {
    await perResource(NAIVE_INTERVAL_MS, time.sleep).deleteInstance(api, instanceId);
  }
  return figures(tally.terminatedAt - deletableAt);
}

const imageId = IMAGES.find((i) => i.zoneIds.includes("SEL-A"))!.imageId;
let created = 0;

/** The simulator's create: PENDING, then DEPLOYING, then RUNNING. */
const CREATE_MS = DEFAULT_DURATIONS.pendingMs + DEFAULT_DURATIONS.deployingMs;

/**
 * One lone create, then the wait until RUNNING and the outputs. The create lasts `createMs` (the
 * simulator's default unless told): its PENDING is held shorter or longer by the difference, so
 * both statuses of the create are still there, and a change of status to follow.
 */
async function createOnce(who: Who, sim: RunningSimulator, time: Timebase, seed: string, createMs = CREATE_MS): Promise<Run> {
  const pendingMs = DEFAULT_DURATIONS.pendingMs + createMs - CREATE_MS;
  const stretch = (instanceId: string) => {
    if (createMs !== CREATE_MS) sim.control.holdStatus(instanceId, "PENDING", pendingMs, "DEPLOYING");
  };
  const { api, tally, figures } = counted(client(sim, time, seed), time.now, stretch);
  const name = `poll-${++created}`;
  if (who === "ours") {
    const ctx = createContext({ api, settings: { ...DEFAULT_TUNING }, clock: time.clock(seed), log: quiet });
    await createInstance(ctx, {
      zoneId: "SEL-A", instanceType: "c.1c2g", imageId, password: "Bench-Passw0rd!", __owner: `bench/poll/${name}`, __resourceName: name,
    });
  } else {
    const { instanceIdSet: [id] } = await api.createInstances({
      zoneId: "SEL-A", instanceType: "c.1c2g", imageId, password: "Bench-Passw0rd!", instanceName: name, instanceCount: 1,
      instanceChargeType: "POSTPAID", internetChargeType: "ByBandwidth",
    });
    const strategy = who === "terraform" ? terraform({ sleep: time.sleep }) : perResource(NAIVE_INTERVAL_MS, time.sleep);
    await strategy.waitUntilRunning(api, id!);
  }
  return figures(time.now() - (tally.createSentAt + createMs));
}

/** Several runs of one strategy summed up. */
interface Summary { n: number; statusCalls: number; calls: number; reactionMeanMs: number; reactionMaxMs: number; reactionP50Ms: number }

function summary(runs: Run[]): Summary {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const reactions = runs.map((r) => r.reactionMs).sort((a, b) => a - b);
  return {
    n: runs.length, statusCalls: mean(runs.map((r) => r.statusCalls)), calls: mean(runs.map((r) => r.calls)),
    reactionMeanMs: mean(reactions), reactionMaxMs: reactions.at(-1)!, reactionP50Ms: reactions[Math.ceil(reactions.length / 2) - 1]!,
  };
}

/** Runs `make(who, i)` for every strategy `times` times at once and sums up each strategy. */
async function side(times: number | Record<Who, number>, make: (who: Who, i: number) => Promise<Run>): Promise<Record<Who, { runs: Run[]; summary: Summary }>> {
  const count = (who: Who) => (typeof times === "number" ? times : times[who]);
  const runs = await Promise.all(WHO.map((who) => Promise.all(Array.from({ length: count(who) }, (_, i) => make(who, i)))));
  return Object.fromEntries(WHO.map((who, i) => [who, { runs: runs[i]!, summary: summary(runs[i]!) }])) as Record<Who, { runs: Run[]; summary: Summary }>;
}

/** One wait measured at the SPREAD lengths: the run at the exact length, and the summary of all. */
interface SpreadFigures { exact: Record<Who, Run>; spread: Record<Who, Summary> }

function spreadFigures(runs: Record<Who, { runs: Run[]; summary: Summary }>): SpreadFigures {
  return {
    exact: Object.fromEntries(WHO.map((who) => [who, runs[who].runs[0]!])) as Record<Who, Run>,
    spread: Object.fromEntries(WHO.map((who) => [who, runs[who].summary])) as Record<Who, Summary>,
  };
}

/** The curve and the long installs, on simulated time. */
async function simulatedFigures() {
  const time = new SimulatedTime(Date.now());
  const sim = await startSimulator({ port: 0, seed: SEED, clock: time.now });
  try {
    const installs: ({ installS: number } & SpreadFigures)[] = [];
    for (const installS of INSTALLS_S) {
      const runs = await time.run(side(SAMPLES, (who, i) =>
        destroyOnce(who, sim, time, Math.round(installS * 1000 * (1 + SPREAD[i]!)), `${SEED}-${installS}-${i}`)));
      installs.push({ installS, ...spreadFigures(runs) });
    }
    const creates = await time.run(side(SAMPLES, (who, i) =>
      createOnce(who, sim, time, `${SEED}-create-${i}`, Math.round(CREATE_MS * (1 + SPREAD[i]!)))));
    return { installs, create: spreadFigures(creates) };
  } finally {
    await sim.stop();
  }
}

/** The lone operations and the fleet, in real time over HTTP. */
async function realFigures() {
  const sim = await startSimulator({ port: 0, seed: SEED });
  try {
    const destroy15 = await side(REAL_REPEATS, (who, i) => destroyOnce(who, sim, realTime, 15_000, `${SEED}-real-15-${i}`));
    const create = await side(REAL_REPEATS, (who, i) => createOnce(who, sim, realTime, `${SEED}-real-create-${i}`));
    const bench = new LifecycleBench(sim, SEED);
    const fleet = {
      ours: await bench.deletes("provider", 50, false, [2000, 10000]),
      naive: await bench.deletes(perResource(NAIVE_INTERVAL_MS), 50, false, [2000, 10000]),
      terraform: await bench.deletes(terraform({ refresh: true }), 50, false, [2000, 10000]),
    };
    return { destroy15, create, fleet };
  } finally {
    await sim.stop();
  }
}

const s1 = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const calls = (x: { statusCalls: number; calls: number }) => `${fmt(x.calls)} calls (${fmt(x.statusCalls)} status)`;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const spreadText = (x: Summary) => `reaction mean ${s1(x.reactionMeanMs)}, worst ${s1(x.reactionMaxMs)}; ${calls(x)}`;
const exactText = (x: Run) => `reaction ${s1(x.reactionMs)}; ${calls(x)}`;
const realText = (x: Summary) => `reaction p50 ${s1(x.reactionP50Ms)}, max ${s1(x.reactionMaxMs)}; ${calls(x)}`;
const fleetText = (o: Outcome) =>
  `${o.calls.status + o.calls.describe} status, ${o.calls.total} calls; reaction p50 ${o.reaction ? s1(o.reaction.p50) : "—"}; ${o.failures}/${o.n} failed`;

interface Row { figure: string; ours: string; terraform: string; naive: string; goal: string; met?: boolean }

function printRows(rows: Row[]): void {
  const header: Row = { figure: "figure", ours: "this provider", terraform: "Terraform-style", naive: `per-resource poll every ${NAIVE_INTERVAL_MS} ms`, goal: "goal" };
  const cells = (r: Row) => [r.figure, r.ours, r.terraform, r.naive, `${r.goal}${r.met === undefined ? "" : r.met ? " ✓" : " ✗"}`];
  printTable([header, ...rows].map(cells));
}

async function main(): Promise<void> {
  hideProviderNarration();
  const started = Date.now();
  const loadBefore = os.loadavg();
  const schedule = { ...pollScheduleOf(DEFAULT_TUNING), waitedFraction: WAITED_FRACTION, jitter: JITTER };
  console.error("poll-schedule: simulated installs of 5 s to 10 min ...");
  const simulated = await simulatedFigures();
  console.error("poll-schedule: real time over HTTP (about a minute) ...");
  const real = await realFigures();

  const at = (installS: number) => simulated.installs.find((i) => i.installS === installS)!;
  const i15 = at(15);
  const i180 = at(180);
  const i600 = at(600);
  const rows: Row[] = [];
  const r15 = real.destroy15;
  rows.push({
    figure: `destroy during a 15 s install, real HTTP (${REAL_REPEATS} lone)`, ours: realText(r15.ours.summary), terraform: realText(r15.terraform.summary),
    naive: realText(r15.naive.summary), goal: "reaction ≤ 1.2 s, ≤ 16 calls",
    met: r15.ours.summary.reactionP50Ms <= 1200 && r15.ours.summary.calls <= 16,
  });
  rows.push({
    figure: "same, simulated: install of exactly 15 s", ours: exactText(i15.exact.ours), terraform: exactText(i15.exact.terraform),
    naive: exactText(i15.exact.naive), goal: "reaction ≤ 1.2 s, ≤ 16 calls", met: i15.exact.ours.reactionMs <= 1200 && i15.exact.ours.calls <= 16,
  });
  rows.push({
    figure: `same, simulated: ${SPREAD.length} installs within 13.5–16.5 s`, ours: spreadText(i15.spread.ours), terraform: spreadText(i15.spread.terraform),
    naive: spreadText(i15.spread.naive), goal: "mean reaction ≤ 1.2 s, ≤ 16 calls",
    met: i15.spread.ours.reactionMeanMs <= 1200 && i15.spread.ours.calls <= 16,
  });
  const rc = real.create;
  rows.push({
    figure: `create, 2 s + 3 s to RUNNING, real HTTP (${REAL_REPEATS} lone)`, ours: realText(rc.ours.summary), terraform: realText(rc.terraform.summary),
    naive: realText(rc.naive.summary), goal: "done ≤ 1 s after RUNNING, ≤ 8 calls",
    met: rc.ours.summary.reactionMaxMs <= 1000 && rc.ours.summary.calls <= 8,
  });
  const sc = simulated.create;
  rows.push({
    figure: `same, simulated: create of exactly ${CREATE_MS / 1000} s`, ours: exactText(sc.exact.ours), terraform: exactText(sc.exact.terraform),
    naive: exactText(sc.exact.naive), goal: "done ≤ 1 s after RUNNING, ≤ 8 calls", met: sc.exact.ours.reactionMs <= 1000 && sc.exact.ours.calls <= 8,
  });
  rows.push({
    figure: `same, simulated: ${SPREAD.length} creates within ${(0.9 * CREATE_MS / 1000).toFixed(1)}–${(1.1 * CREATE_MS / 1000).toFixed(1)} s`,
    ours: spreadText(sc.spread.ours), terraform: spreadText(sc.spread.terraform), naive: spreadText(sc.spread.naive),
    goal: "mean done ≤ 1 s after RUNNING, ≤ 8 calls", met: sc.spread.ours.reactionMeanMs <= 1000 && sc.spread.ours.calls <= 8,
  });
  const pctOf = (ms: number, installS: number) => `${((100 * ms) / (installS * 1000)).toFixed(1)} %`;
  const longText = (x: Summary, exact: Run, installS: number) =>
    `${fmt(x.statusCalls)} status calls; reaction mean ${s1(x.reactionMeanMs)} (${pctOf(x.reactionMeanMs, installS)}), worst ${pctOf(x.reactionMaxMs, installS)}, at exactly ${installS / 60} min ${s1(exact.reactionMs)}`;
  rows.push({
    figure: `destroy during a 3-minute install, simulated (${SPREAD.length} within 162–198 s)`, ours: longText(i180.spread.ours, i180.exact.ours, 180),
    terraform: longText(i180.spread.terraform, i180.exact.terraform, 180), naive: longText(i180.spread.naive, i180.exact.naive, 180),
    goal: "≤ 30 status calls, mean reaction ≤ 10 %",
    met: i180.spread.ours.statusCalls <= 30 && i180.spread.ours.reactionMeanMs <= 18_000,
  });
  rows.push({
    figure: `destroy during a 10-minute install, simulated (${SPREAD.length} within 9–11 min)`, ours: longText(i600.spread.ours, i600.exact.ours, 600),
    terraform: longText(i600.spread.terraform, i600.exact.terraform, 600), naive: longText(i600.spread.naive, i600.exact.naive, 600), goal: "—",
  });
  const { fleet } = real;
  rows.push({
    figure: "fleet: 50 deleted at once while installing 2–10 s, real HTTP", ours: fleetText(fleet.ours), terraform: fleetText(fleet.terraform),
    naive: fleetText(fleet.naive),
    goal: `status ≤ 10 % (${(100 * fleet.ours.calls.status / fleet.naive.calls.status).toFixed(1)} %), all ≤ 30 % (${(100 * fleet.ours.calls.total / fleet.naive.calls.total).toFixed(1)} %), p50 ≤ 0.5 s`,
    met: fleet.ours.calls.status <= 0.1 * fleet.naive.calls.status && fleet.ours.calls.total <= 0.3 * fleet.naive.calls.total &&
      !!fleet.ours.reaction && fleet.ours.reaction.p50 <= 500 && fleet.ours.failures === 0,
  });

  console.log(`Poll schedule: floor ${schedule.floorMs} ms, then ${fmt(100 * WAITED_FRACTION)} % of the time waited in the status, cap ${schedule.capMs} ms, jitter ±${100 * JITTER} %.`);
  printRows(rows);
  console.log(`\nThe curve (simulated; each install length measured at ${SPREAD.length} lengths within ±10 %, ${SAMPLES.naive} for the per-resource poller; mean status calls and mean reaction):`);
  console.log(["install", ...WHO.map((w) => `${w}: status calls / reaction`)].join(" | "));
  for (const i of simulated.installs) {
    console.log([`${i.installS} s`, ...WHO.map((w) => `${fmt(i.spread[w].statusCalls)} / ${s1(i.spread[w].reactionMeanMs)}`)].join(" | "));
  }
  const loadAfter = os.loadavg();
  console.log(`\n${runSummary(loadBefore, started)}`);

  const names: Record<Who, string> = {
    ours: "this provider (shared schedule)", terraform: "Terraform-style (with refresh)", naive: `per-resource every ${NAIVE_INTERVAL_MS} ms`,
  };
  const colors: Record<Who, string> = { ours: "#2b7bb9", terraform: "#d9822b", naive: "#999999" };
  const series: CurveSeries[] = WHO.map((who) => ({
    name: names[who], color: colors[who],
    points: simulated.installs.map((i) => ({ x: i.spread[who].statusCalls, y: i.spread[who].reactionMeanMs / 1000, label: `${i.installS} s` })),
  }));
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(path.join(OUT_DIR, "poll-schedule.svg"), curveChart(
    "Status reads against reaction for one destroy during an install",
    `status reads per delete (mean over ${SPREAD.length} install lengths within ±10 %)`, "reaction, s (mean)", series,
    "Lower left is better. Points: install length. Simulated time, real provider code, client and simulator; npm run bench."));
  writeFileSync(path.join(OUT_DIR, "poll-schedule.json"), JSON.stringify({
    seed: SEED, schedule, naiveIntervalMs: NAIVE_INTERVAL_MS, table: rows, simulated, real,
    machine: { cores: os.cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter, node: process.version },
    durationMs: Date.now() - started,
  }, null, 2) + "\n");
  console.log("written: bench/poll-schedule.json, bench/poll-schedule.svg");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
