/**
 * `bash scripts/bench.sh scripts/bench/scale.ts`: the provider at fleet size, each figure beside
 * its baseline from the same run.
 *
 *   - `pulumi up` + `pulumi destroy` of N instances through the real CLI, at zero simulated
 *     durations, beside the engine floor of the same N (the same CLI, backend and program shape
 *     with N no-op dynamic resources): time, CPU of the CLI's whole process tree, API calls per
 *     instance (the simulator's counts), and the dynamic provider process's peak RSS beside the
 *     no-op provider's;
 *   - a CPU profile of one up + destroy: the dynamic provider's CPU by category (signing, zod,
 *     JSON, HTTP, diff/check, prices, lookups, outputs, the Pulumi host) and the simulator's;
 *   - the simulator holding 1,000 instances: DescribeInstances paging, DescribeInstancesStatus for
 *     100 ids, a lookup by id and by owner tag, per call p50/p95 beside the same at 10 instances,
 *     and its heap and RSS beside an empty simulator.
 *
 * Options: --counts 100,200,500 (the fleet sizes; 0 for none), --profile 100 (the profiled
 * fleet; 0 for none), --sim 1000 (the simulator's fleet; 0 for none), --keep-profiles (leave the
 * .cpuprofile files under .tmp/e2e for a closer look), --no-cli (the simulator's figures only).
 * A quick run: `--counts 20 --profile 20 --sim 200`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import * as os from "node:os";
import * as path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createVmClient } from "../../provider/client";
import { OUTPUT_KEYS } from "../../sdk/instance";
import { OWNER_TAG_KEY } from "../../provider/lifecycle/constants";
import { startSimulator, type RunningSimulator } from "../../simulator";
import { CONFIG_DRIVEN_PROGRAM } from "../../test/e2e/helpers/program";
import { imageFor, providerEnvFor } from "../../test/e2e/helpers/simulator";
import { createProgram, type TestStack } from "../../test/e2e/helpers/stack";
import { E2E_TMP } from "../../test/e2e/helpers/consumer";
import { noopProgram, ZERO_DURATIONS } from "./cli-figures";
import { breakdown, PROVIDER_CATEGORIES, SIMULATOR_CATEGORIES, type Breakdown } from "./cpu-profile";
import { distribution, loadAverage, printTable, runSummary, timed, type Distribution } from "./measure";
import { reapedChildrenCpuMs, watchProcesses } from "./process-tree";

const OUT_DIR = path.resolve(__dirname, "../../bench");
/** The Pulumi CLI starts the dynamic provider as `node …/@pulumi/pulumi/cmd/dynamic-provider`. */
const DYNAMIC_PROVIDER = /cmd\/dynamic-provider/;
/** The language host runs the program as `node …/@pulumi/pulumi/cmd/run`. */
const PROGRAM = /cmd\/run\b/;
/** A fleet's command may take minutes on a busy machine. */
const COMMAND_TIMEOUT_MS = 30 * 60_000;

function option(name: string, fallback: number[]): number[] {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  return (process.argv[at + 1] ?? "").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

/** One command (up or destroy) of one stack. */
interface Command { ms: number; treeCpuMs: number; providerCpuMs: number; programCpuMs: number; providerPeakRssKb: number; calls: number }

/** Runs `pulumi <verb>` with the provider process watched, the tree's CPU and the simulator's calls counted. */
async function command(stack: TestStack, verb: "up" | "destroy", sim: RunningSimulator): Promise<Command> {
  sim.control.resetStats();
  const cpuBefore = reapedChildrenCpuMs();
  const watch = watchProcesses(new RegExp(`${DYNAMIC_PROVIDER.source}|${PROGRAM.source}`));
  const { ms } = await timed(() => stack.pulumi([verb, "--yes", "--skip-preview", "--diff"], { timeoutMs: COMMAND_TIMEOUT_MS }));
  const watched = watch.stop();
  const providers = watched.filter((p) => DYNAMIC_PROVIDER.test(p.command));
  return {
    ms,
    treeCpuMs: reapedChildrenCpuMs() - cpuBefore,
    providerCpuMs: providers.reduce((sum, p) => sum + p.cpuMs, 0),
    programCpuMs: watched.filter((p) => PROGRAM.test(p.command)).reduce((sum, p) => sum + p.cpuMs, 0),
    providerPeakRssKb: Math.max(0, ...providers.map((p) => p.peakRssKb)),
    calls: sim.control.stats().total,
  };
}

/** Up + destroy of one stack. */
interface Round { up: Command; destroy: Command }

async function round(stack: TestStack, sim: RunningSimulator): Promise<Round> {
  return { up: await command(stack, "up", sim), destroy: await command(stack, "destroy", sim) };
}

/**
 * The floor in the instances' shape: N no-op dynamic resources with the Instance's properties (its
 * output keys seeded, the same inputs, the password as a secret, the owner properties) and
 * outputs of an instance's size, exported as the instances' program exports them. Beside it, what
 * is left is the provider's own cost; beside the bare floor, also what the engine spends on a
 * resource of this many properties.
 */
function shapedNoopProgram(count: number): string {
  return `
import * as pulumi from "@pulumi/pulumi";
const OUTPUT_KEYS: string[] = ${JSON.stringify(OUTPUT_KEYS)};
const noop: pulumi.dynamic.ResourceProvider = {
  async create(inputs: any) {
    const id = "ins-" + inputs.__resourceName.padStart(20, "0");
    const outs = {
      ...inputs, __declared: Object.keys(inputs).sort(), instanceId: id, instanceStatus: "RUNNING", instanceName: inputs.__resourceName + "-abc1234",
      publicIpAddresses: ["192.0.2.10"], privateIpAddresses: ["10.101.0.10"], cpuCount: 1, memory: 2, imageName: "Ubuntu 22.04 LTS 64bit",
      createTime: new Date().toISOString().slice(0, 19) + "Z", systemDisk: { diskId: "disk-" + id.slice(4), diskSize: 20, diskCategory: "Standard NVMe SSD" },
      instanceChargeType: "POSTPAID", internetChargeType: "ByBandwidth", internetMaxBandwidthOut: 1, powerState: "RUNNING", forceDelete: false,
      resourceGroupId: "4c2b3d44-6a2e-4f5e-9b7a-0d1e2f3a4b5c", timeouts: { create: "90m", update: "90m", delete: "20m" },
    };
    return { id, outs };
  },
  async delete() { return; },
};
class ShapedNoop extends pulumi.dynamic.Resource {
  declare readonly instanceId: pulumi.Output<string>;
  declare readonly instanceName: pulumi.Output<string>;
  declare readonly instanceStatus: pulumi.Output<string>;
  declare readonly publicIpAddresses: pulumi.Output<string[]>;
  declare readonly internetMaxBandwidthOut: pulumi.Output<number>;
  declare readonly instanceType: pulumi.Output<string>;
  constructor(name: string, args: Record<string, unknown>, password: pulumi.Output<string> | undefined) {
    const project = pulumi.getProject();
    const stack = pulumi.getStack();
    super(noop, name, {
      ...Object.fromEntries(OUTPUT_KEYS.map((key) => [key, undefined])), ...args,
      password: password === undefined ? undefined : pulumi.secret(password),
      __owner: project + "/" + stack + "/" + name, __resourceName: name, __stack: "organization/" + project + "/" + stack,
    }, { additionalSecretOutputs: ["password"] }, "bench", "ShapedNoop");
  }
}
const config = new pulumi.Config();
const password = config.getSecret("vmPassword");
const vms = Array.from({ length: ${count} }, (_, i) => new ShapedNoop("vm-" + i, { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "${imageFor("SEL-A")}" }, password));
export const instances = pulumi.all(
  vms.map((vm) =>
    pulumi.all([vm.instanceId, vm.instanceName, vm.instanceStatus, vm.publicIpAddresses, vm.internetMaxBandwidthOut, vm.instanceType]).apply(
      ([id, name, status, ips, bandwidth, type]) => ({ id, name, status, ips, bandwidth, type }),
    ),
  ),
);
`;
}

const specs = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [
  `vm-${i}`, { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A") },
])));

/** The environment of every program: the simulator, production tuning (no poll-interval override). */
function programEnv(sim: RunningSimulator, extraEnv: Record<string, string> = {}): Record<string, string> {
  const { ZENLAYER_VM_POLL_INTERVAL_MS: _fast, ...env } = providerEnvFor(sim);
  return { ...env, ...extraEnv };
}

/** The instances' program (or the shaped floor's, which takes the same password config). */
async function withPassword(name: string, program: string, env: Record<string, string>): Promise<TestStack> {
  const stack = await createProgram(name, { program, env });
  await stack.setConfig("vmPassword", "Bench-Passw0rd!", true);
  return stack;
}

async function sized(vms: TestStack, floor: TestStack, n: number): Promise<void> {
  await vms.setConfig("instances", specs(n));
  floor.writeProgram(noopProgram(n));
}

/** A fleet's figures: the instances' round beside the floor's and the shaped floor's. */
interface Fleet { n: number; ours: Round; floor: Round; shaped: Round }

async function fleets(counts: number[]): Promise<Fleet[]> {
  if (counts.length === 0) return [];
  const sim = await startSimulator({ port: 0, durations: ZERO_DURATIONS });
  const env = programEnv(sim);
  const stacks: TestStack[] = [];
  try {
    const vms = await withPassword("scale-instances", CONFIG_DRIVEN_PROGRAM, env);
    stacks.push(vms);
    const floor = await createProgram("scale-floor", { program: noopProgram(1), env });
    stacks.push(floor);
    const shaped = await withPassword("scale-shaped-floor", shapedNoopProgram(1), env);
    stacks.push(shaped);
    // One warm-up round each: the first run compiles the program and fills caches.
    await sized(vms, floor, 1);
    await round(vms, sim);
    await round(floor, sim);
    await round(shaped, sim);
    const results: Fleet[] = [];
    for (const n of counts) {
      console.error(`scale: up + destroy of ${n} instances, of ${n} no-op resources, of ${n} shaped no-op resources (load ${loadAverage()}) ...`);
      await sized(vms, floor, n);
      shaped.writeProgram(shapedNoopProgram(n));
      results.push({ n, ours: await round(vms, sim), floor: await round(floor, sim), shaped: await round(shaped, sim) });
    }
    return results;
  } finally {
    for (const stack of stacks) await stack.dispose();
    await sim.stop();
  }
}

/** The CPU profile of one up + destroy: the provider process's and the simulator's breakdowns. */
interface Profiled {
  n: number; provider: Breakdown; program: Breakdown | undefined; simulator: Breakdown;
  floorProvider: Breakdown | undefined; floorProgram: Breakdown | undefined;
}

async function profiled(n: number): Promise<Profiled | undefined> {
  if (n === 0) return undefined;
  mkdirSync(E2E_TMP, { recursive: true });
  const dir = mkdtempSync(path.join(E2E_TMP, "cpu-profiles-"));
  const sim = await startSimulator({ port: 0, durations: ZERO_DURATIONS });
  const ours = path.join(dir, "instances");
  const noop = path.join(dir, "floor");
  // The engine stops a provider with SIGINT (then SIGKILL): exiting on it lets V8 write the profile.
  const exitOnSignal = path.join(dir, "exit-on-signal.js");
  writeFileSync(exitOnSignal, `for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => process.exit(0));\n`);
  const profiling = (to: string) => ({ NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${to} --require=${exitOnSignal}` });
  const session = new Session();
  session.connect();
  const stacks: TestStack[] = [];
  try {
    const vms = await withPassword("scale-instances", CONFIG_DRIVEN_PROGRAM, programEnv(sim, profiling(ours)));
    stacks.push(vms);
    const floor = await createProgram("scale-floor", { program: noopProgram(1), env: programEnv(sim, profiling(noop)) });
    stacks.push(floor);
    await sized(vms, floor, n);
    console.error(`scale: a CPU profile of up + destroy of ${n} instances (load ${loadAverage()}) ...`);
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
    await round(vms, sim);
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(path.join(dir, "simulator.cpuprofile"), JSON.stringify(profile));
    await round(floor, sim);
    const provider = pick(ours, "pulumi-zenlayer-vm/dist/provider");
    const program = pick(ours, "index.ts");
    if (provider.length === 0) throw new Error(`no profile of the dynamic provider process in ${ours}`);
    const floorProvider = pick(noop, "cmd/dynamic-provider");
    const floorProgram = pick(noop, "index.ts");
    return {
      n,
      provider: merged(provider, PROVIDER_CATEGORIES),
      program: program.length > 0 ? merged(program, PROVIDER_CATEGORIES) : undefined,
      simulator: breakdown(path.join(dir, "simulator.cpuprofile"), SIMULATOR_CATEGORIES),
      floorProvider: floorProvider.length > 0 ? merged(floorProvider, PROVIDER_CATEGORIES) : undefined,
      floorProgram: floorProgram.length > 0 ? merged(floorProgram, PROVIDER_CATEGORIES) : undefined,
    };
  } finally {
    session.disconnect();
    for (const stack of stacks) await stack.dispose();
    await sim.stop();
    if (process.argv.includes("--keep-profiles")) console.error(`scale: the CPU profiles are in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** The profiles in `dir` (one per process) that mention `marker`, excluding the program's when looking for the provider. */
function pick(dir: string, marker: string): string[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
  return files.filter((f) => {
    const text = readFileSync(f, "utf8");
    const isProvider = text.includes("cmd/dynamic-provider");
    return marker === "index.ts" ? !isProvider && text.includes(marker) : isProvider && text.includes(marker);
  });
}

/** One breakdown for several profiles of the same role (one per command). */
function merged(files: string[], categories: typeof PROVIDER_CATEGORIES): Breakdown {
  const parts = files.map((f) => breakdown(f, categories));
  const byCategory: Record<string, number> = {};
  const fns = new Map<string, number>();
  for (const p of parts) {
    for (const [k, v] of Object.entries(p.byCategory)) byCategory[k] = (byCategory[k] ?? 0) + v;
    for (const f of p.topFunctions) fns.set(f.name, (fns.get(f.name) ?? 0) + f.ms);
  }
  return {
    totalMs: parts.reduce((s, p) => s + p.totalMs, 0),
    busyMs: parts.reduce((s, p) => s + p.busyMs, 0),
    byCategory,
    topFunctions: [...fns].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([name, ms]) => ({ name, ms })),
  };
}

/** Per-call latencies of the simulator's reads at one fleet size. */
interface SimReads { instances: number; pageAll100: Distribution; pageAll20: Distribution; status100: Distribution; byId: Distribution; byOwnerTag: Distribution }

const gc = (() => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

function memory(): { heapKb: number; rssKb: number } {
  gc();
  const m = process.memoryUsage();
  return { heapKb: Math.round(m.heapUsed / 1024), rssKb: Math.round(m.rss / 1024) };
}

async function latency(call: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function simulatorReads(count: number, calls: number): Promise<SimReads> {
  const sim = await startSimulator({ port: 0, durations: ZERO_DURATIONS });
  try {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(sim.control.seedInstance({ instanceName: `fleet-${i}`, tags: { tags: [{ key: OWNER_TAG_KEY, value: `bench/scale/vm-${i}` }] } }).instanceId);
    }
    const api = createVmClient({ domain: sim.domain, scheme: "http", accessKeyId: sim.accessKeyId, accessKeyPassword: sim.accessKeyPassword, adaptiveRate: false });
    const sample = async (call: (i: number) => Promise<unknown>): Promise<Distribution> => {
      const ms: number[] = [];
      for (let i = 0; i < calls; i++) ms.push(await latency(() => call(i)));
      return distribution(ms);
    };
    // Every page of a walk through the whole fleet, each page one call.
    const pages = async (size: number): Promise<Distribution> => {
      const ms: number[] = [];
      for (let walk = 0; ms.length < calls; walk++) {
        for (let pageNum = 1; pageNum <= Math.ceil(count / size); pageNum++) {
          ms.push(await latency(() => api.describeInstances({ pageNum, pageSize: size })));
        }
      }
      return distribution(ms);
    };
    const hundred = ids.slice(-100);
    return {
      instances: count,
      pageAll100: await pages(100),
      pageAll20: await pages(20),
      status100: await sample(() => api.describeInstancesStatus({ instanceIds: hundred, pageSize: 100 })),
      byId: await sample((i) => api.describeInstances({ instanceIds: [ids[(i * 7919) % ids.length]!], pageSize: 10 })),
      byOwnerTag: await sample((i) => api.describeInstances({ tags: [{ key: OWNER_TAG_KEY, value: `bench/scale/vm-${(i * 7919) % count}` }], pageSize: 100 })),
    };
  } finally {
    await sim.stop();
  }
}

/** The simulator's memory with `count` instances beside an empty one (same process, after a GC). */
async function simulatorMemory(count: number): Promise<{ empty: { heapKb: number; rssKb: number }; full: { heapKb: number; rssKb: number } }> {
  const sim = await startSimulator({ port: 0, durations: ZERO_DURATIONS });
  try {
    const empty = memory();
    for (let i = 0; i < count; i++) {
      sim.control.seedInstance({ instanceName: `fleet-${i}`, tags: { tags: [{ key: OWNER_TAG_KEY, value: `bench/scale/vm-${i}` }] } });
    }
    sim.control.listInstances();
    return { empty, full: memory() };
  } finally {
    await sim.stop();
  }
}

function printFleets(results: Fleet[]): void {
  if (results.length === 0) return;
  console.log("\npulumi up + destroy at zero simulated durations, beside the engine floor (N no-op dynamic resources) and the shaped floor " +
    "(N no-op dynamic resources with the Instance's properties and outputs):");
  const total = (r: Round) => r.up.ms + r.destroy.ms;
  const cpu = (r: Round) => r.up.treeCpuMs + r.destroy.treeCpuMs;
  const providerCpu = (r: Round) => r.up.providerCpuMs + r.destroy.providerCpuMs;
  const programCpu = (r: Round) => r.up.programCpuMs + r.destroy.programCpuMs;
  const split = (r: Round) => `${seconds(providerCpu(r))} / ${seconds(programCpu(r))} / ${seconds(cpu(r) - providerCpu(r) - programCpu(r))}`;
  const peak = (r: Round) => Math.max(r.up.providerPeakRssKb, r.destroy.providerPeakRssKb);
  printTable([
    ["N", "instances: up + destroy", "engine floor", "ratio", "shaped floor", "ratio", "API calls / instance (up + destroy)", "provider peak RSS (ours / floor's)"],
    ...results.map(({ n, ours, floor, shaped }) => [
      String(n),
      `${seconds(total(ours))} (up ${seconds(ours.up.ms)})`,
      `${seconds(total(floor))} (up ${seconds(floor.up.ms)})`,
      `${(total(ours) / total(floor)).toFixed(2)}×`,
      `${seconds(total(shaped))} (up ${seconds(shaped.up.ms)})`,
      `${(total(ours) / total(shaped)).toFixed(2)}×`,
      `${((ours.up.calls + ours.destroy.calls) / n).toFixed(2)} (${(ours.up.calls / n).toFixed(2)} + ${(ours.destroy.calls / n).toFixed(2)})`,
      `${mb(peak(ours))} / ${mb(peak(floor))}`,
    ]),
  ]);
  console.log("\nCPU of the CLI's whole process tree (reaped children), split into the dynamic provider / the program / the rest " +
    "(the engine: CLI and language host); provider and program sampled from /proc every 200 ms, so slightly low:");
  printTable([
    ["N", "instances", "engine floor", "shaped floor"],
    ...results.map(({ n, ours, floor, shaped }) => [
      String(n),
      `${seconds(cpu(ours))}: ${split(ours)}`,
      `${seconds(cpu(floor))}: ${split(floor)}`,
      `${seconds(cpu(shaped))}: ${split(shaped)}`,
    ]),
  ]);
}

function printProfile(p: Profiled | undefined): void {
  if (!p) return;
  console.log(`\nCPU profile of up + destroy of ${p.n} instances (ms of CPU, and per instance):`);
  const show = (title: string, b: Breakdown | undefined) => {
    if (!b) return;
    console.log(`  ${title}: ${Math.round(b.busyMs)} ms busy (${(b.busyMs / p.n).toFixed(1)} ms per instance) of ${Math.round(b.totalMs)} ms profiled`);
    for (const [name, ms] of Object.entries(b.byCategory).filter(([k]) => k !== "(idle)").sort((a, b) => b[1] - a[1])) {
      console.log(`    ${name.padEnd(44)} ${String(Math.round(ms)).padStart(6)} ms  ${(ms / p.n).toFixed(2).padStart(6)} ms/instance  ${((100 * ms) / b.busyMs).toFixed(1).padStart(5)} %`);
    }
    console.log(`    hottest functions: ${b.topFunctions.slice(0, 8).map((f) => `${f.name} ${Math.round(f.ms)} ms`).join("; ")}`);
  };
  show("dynamic provider process", p.provider);
  show("no-op provider process (the floor's, same N)", p.floorProvider);
  show("program process (language host: the Instance resources)", p.program);
  show("program process of the floor (no-op resources)", p.floorProgram);
  show("simulator (in the bench process)", p.simulator);
}

function printSimulator(full: SimReads | undefined, small: SimReads | undefined, mem: Awaited<ReturnType<typeof simulatorMemory>> | undefined): void {
  if (!full || !small || !mem) return;
  console.log(`\nThe simulator at ${full.instances} instances beside ${small.instances} (per call over loopback HTTP, signed, p50 / p95):`);
  const f = (d: Distribution) => `${d.p50.toFixed(1)} / ${d.p95.toFixed(1)} ms`;
  printTable([
    ["read", `${full.instances} instances`, `${small.instances} instances`],
    ["DescribeInstances: a page of 100, paging through all", f(full.pageAll100), f(small.pageAll100)],
    ["DescribeInstances: a page of 20, paging through all", f(full.pageAll20), f(small.pageAll20)],
    ["DescribeInstancesStatus: 100 ids", f(full.status100), f(small.status100)],
    ["DescribeInstances: one id", f(full.byId), f(small.byId)],
    ["DescribeInstances: by owner tag", f(full.byOwnerTag), f(small.byOwnerTag)],
  ]);
  const mb1 = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
  console.log(`  simulator memory with ${full.instances} instances (the bench process, after a GC): heap ${mb1(mem.full.heapKb)} beside ` +
    `${mb1(mem.empty.heapKb)} empty (${((mem.full.heapKb - mem.empty.heapKb) / full.instances).toFixed(2)} KB per instance), ` +
    `RSS ${mb1(mem.full.rssKb)} beside ${mb1(mem.empty.rssKb)}`);
}

async function main(): Promise<void> {
  const cli = !process.argv.includes("--no-cli");
  const counts = option("counts", cli ? [100, 200, 500] : []);
  const [profileCount = 0] = option("profile", cli ? [100] : []);
  const [simCount = 0] = option("sim", [1000]);
  const started = Date.now();
  const loadBefore = os.loadavg();
  console.error(`scale: ${os.cpus().length} cores, load average ${loadAverage(loadBefore)}`);

  const simFull = simCount > 0 ? await simulatorReads(simCount, 100) : undefined;
  const simSmall = simCount > 0 ? await simulatorReads(10, 100) : undefined;
  const mem = simCount > 0 ? await simulatorMemory(simCount) : undefined;
  const profile = await profiled(profileCount);
  const results = await fleets(counts);

  printFleets(results);
  printProfile(profile);
  printSimulator(simFull, simSmall, mem);
  console.log(`\n${runSummary(loadBefore, started)}`);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(path.join(OUT_DIR, "scale.json"), JSON.stringify({
    machine: { cores: os.cpus().length, loadBefore: loadAverage(loadBefore), loadAfter: loadAverage(), node: process.version },
    fleets: results, profile, simulator: { full: simFull, small: simSmall, memory: mem },
  }, null, 2) + "\n");
  console.log("written: bench/scale.json");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
