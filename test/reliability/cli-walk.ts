/**
 * The model-based walk through the real Pulumi CLI: seeded random sequences of what a user and
 * the world do to a stack of two instances — `up` with changed inputs (several at once, in place
 * or replacing), `up` killed with SIGKILL at a random moment after its first change reached the
 * API (then `pulumi cancel`, `refresh` and `up` again, as a person would), `refresh`, out-of-band
 * stops and tag edits — each sequence ending in `destroy`. After every command that ran to its
 * end: every live instance carrying the stack's owner tag is held by exactly one resource of the
 * state (no orphan, no duplicate), every resource in state exists, and, after `up`, every instance
 * has the declared type, zone and bandwidth; after `destroy`, nothing of the stack is live; no
 * secret in any output. Returns the figures; asserting them is the caller's job.
 */
import { spawn } from "node:child_process";
import { INSTANCE_TYPES, startSimulator, type RunningSimulator, type SimInstance } from "../../simulator";
import { createRandom } from "../../simulator/faults/prng";
import { CONFIG_DRIVEN_PROGRAM } from "../e2e/helpers/program";
import { E2E_DURATIONS, imageFor, providerEnvFor } from "../e2e/helpers/simulator";
import { createProgram, type TestStack } from "../e2e/helpers/stack";
import { KNOWN_OPEN } from "./model/invariants";
import { RECYCLED } from "./model/world";

export interface CliWalkFigures {
  sequences: number;
  /** CLI commands run (kills, cancels and recoveries included). */
  commands: number;
  kills: { tried: number; landed: number };
  violations: string[];
  seconds: number;
}

const VM_PASSWORD = "WalkVm-Pw1!";
const ACCESS_KEY_PASSWORD = "walk-access-key-Secret-5d1c";
const NAMES = ["vm-a", "vm-b"];
const ZONES = ["SEL-A", "HKG-A"];
/** Types whose limits all allow the bandwidths below: the walk is about interruptions, not resize ordering. */
const TYPES = ["c.1c2g", "c.2c4g"];
const BANDWIDTHS = [1, 50, 150];

type Spec = { zoneId: string; instanceType: string; imageId: string; internetMaxBandwidthOut: number; tags?: Record<string, string> };

const ownerOf = (i: SimInstance) => i.tags?.tags?.find((t) => t.key === "pulumi-owner")?.value ?? "";

/** Runs `sequences` walks of 2 to 4 steps plus the final destroy. */
export async function runCliWalk(options: {
  sequences: number; seed: number; log?: (line: string) => void;
  /** Start every sequence with a killed up (the short run's way to be sure a kill is tried). */
  startKilled?: boolean;
}): Promise<CliWalkFigures> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const random = createRandom(`walk-${options.seed}`);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sim = await startSimulator({
    port: 0, host: "127.0.0.1", seed: options.seed, accessKeyPassword: ACCESS_KEY_PASSWORD,
    // Creates long enough that a kill can land while an instance is PENDING or DEPLOYING.
    durations: { ...E2E_DURATIONS, pendingMs: 1_000, deployingMs: 1_000 },
  });
  const figures: CliWalkFigures = { sequences: 0, commands: 0, kills: { tried: 0, landed: 0 }, violations: [], seconds: 0 };
  const { ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: _fromEnv, ...env } = providerEnvFor(sim);
  const stack = await createProgram("walk", { program: CONFIG_DRIVEN_PROGRAM, env });
  const output: string[] = [];
  try {
    await stack.setConfig("zenlayer:accessKeyPassword", ACCESS_KEY_PASSWORD, true);
    await stack.setConfig("vmPassword", VM_PASSWORD, true);
    const owners = NAMES.map((name) => `walk/${stack.stackName}/${name}`);
    const pulumi = async (args: string[]) => {
      figures.commands++;
      const result = await stack.pulumi(args, { allowFailure: true });
      output.push(result.output);
      return result;
    };
    const violation = (sequence: number, what: string) => {
      figures.violations.push(`sequence ${sequence}: ${what}`);
      log(`VIOLATION sequence ${sequence}: ${what}`);
    };
    const randomSpec = (): Spec => {
      const zoneId = pick(ZONES);
      const spec: Spec = { zoneId, instanceType: pick(TYPES), imageId: imageFor(zoneId), internetMaxBandwidthOut: pick(BANDWIDTHS) };
      if (random() < 0.5) spec.tags = { env: pick(["dev", "prod"]) };
      return spec;
    };

    for (let s = 1; s <= options.sequences; s++) {
      figures.sequences++;
      let specs: Record<string, Spec> = {};
      const trail: string[] = [];
      // An out-of-band change since the last up (a preview after refresh rightly shows it).
      let drifted = false;
      const steps = 2 + Math.floor(random() * 3);
      for (let step = 0; step < steps; step++) {
        const kind = step === 0 && options.startKilled ? "killed-up" : Object.keys(specs).length === 0 ? pick(["up", "killed-up"]) : pick(["up", "up", "killed-up", "refresh", "out-of-band"]);
        if (kind === "up" || kind === "killed-up") {
          // Change one or both resources (any input at once); each may be new.
          const next = { ...specs };
          for (const name of NAMES) if (random() < 0.6 || Object.keys(next).length === 0) next[name] = randomSpec();
          specs = next;
          await stack.setConfig("instances", JSON.stringify(specs));
        }
        trail.push(kind === "up" || kind === "killed-up" ? `${kind} ${JSON.stringify(specs)}` : kind);
        if (kind === "killed-up") {
          const killed = await killedUp(sim, stack, random);
          figures.commands++;
          figures.kills.tried++;
          if (killed.landed) figures.kills.landed++;
          output.push(killed.output);
          await pulumi(["cancel", "--yes"]);
          // Destroy right after the kill: what the killed up created must not be left running unmentioned.
          if (!KNOWN_OPEN.has("orphan-after-kill") && random() < 0.3) {
            trail.push("destroy right after the kill");
            break;
          }
          await pulumi(["refresh", "--yes", "--skip-preview"]);
        }
        if (kind === "refresh") {
          const result = await pulumi(["refresh", "--yes", "--skip-preview"]);
          if (result.code !== 0) violation(s, `refresh failed: ${lastError(result.output)} (${trail.join(" → ")})`);
          // Nothing changed since the last up: the unchanged program must preview no change.
          if (result.code === 0 && !drifted) {
            const preview = await pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
            if (preview.code !== 0) violation(s, `the unchanged program previews changes after refresh: ${lastError(preview.output)} (${trail.join(" → ")})`);
          }
          continue;
        }
        if (kind === "out-of-band") {
          const target = sim.control.listInstances().find((i) => owners.includes(ownerOf(i)) && i.instanceStatus === "RUNNING");
          if (target) {
            drifted = true;
            if (random() < 0.5) sim.control.patchInstance(target.instanceId, { instanceStatus: "STOPPED" });
            else sim.control.patchInstance(target.instanceId, { tags: { tags: [...(target.tags?.tags ?? []), { key: "oob", value: "1" }] } });
          }
          continue;
        }
        const result = await pulumi(["up", "--yes", "--skip-preview"]);
        drifted = false;
        if (result.code !== 0) {
          violation(s, `up failed: ${lastError(result.output)} (${trail.join(" → ")})`);
          continue;
        }
        for (const problem of await verify(sim, stack, owners, specs)) violation(s, `${problem} (${trail.join(" → ")})`);
      }
      const destroyed = await pulumi(["destroy", "--yes", "--skip-preview"]);
      if (destroyed.code !== 0) violation(s, `destroy failed: ${lastError(destroyed.output)} (${trail.join(" → ")})`);
      for (const problem of await verify(sim, stack, owners, {})) {
        // An instance the state never held is acceptable only when destroy named it (with what to do).
        const orphan = /^orphan (\S+)/.exec(problem)?.[1];
        if (orphan && destroyed.output.includes(orphan)) continue;
        violation(s, `after destroy: ${problem} (${trail.join(" → ")})`);
      }
      log(`sequence ${s}: ${trail.join(" → ")} → destroy`);
    }
    const text = output.join("\n");
    for (const secret of [VM_PASSWORD, ACCESS_KEY_PASSWORD]) {
      if (text.includes(secret)) figures.violations.push(`the CLI output holds the secret ${secret.slice(0, 4)}…`);
    }
  } finally {
    await stack.dispose();
    await sim.stop();
    figures.seconds = Math.round((Date.now() - started) / 1000);
  }
  return figures;
}

/** `pulumi up`, SIGKILLed at a random moment up to 2 s after its first CreateInstances or TerminateInstance. */
async function killedUp(sim: RunningSimulator, stack: TestStack, random: () => number): Promise<{ landed: boolean; output: string }> {
  const mutating = () => {
    const { requests } = sim.control.stats();
    return (requests.CreateInstances ?? 0) + (requests.TerminateInstance ?? 0) + (requests.ModifyInstanceType ?? 0);
  };
  const before = mutating();
  const cli = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", stack.stackName], {
    cwd: stack.dir, env: stack.environment, detached: true, stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  cli.stdout.on("data", (d: Buffer) => { output += d; });
  cli.stderr.on("data", (d: Buffer) => { output += d; });
  let finished = false;
  const exited = new Promise<void>((resolve) => cli.on("close", () => { finished = true; resolve(); }));
  const deadline = Date.now() + 120_000;
  while (!finished && mutating() === before && Date.now() < deadline) await pause(20);
  const killAt = Date.now() + Math.round(random() * 2_000);
  while (!finished && Date.now() < killAt) await pause(10);
  const landed = !finished;
  if (landed) process.kill(-cli.pid!, "SIGKILL");
  await exited;
  return { landed, output };
}

/** Orphans, duplicates, missing instances and instances unlike their spec. */
async function verify(sim: RunningSimulator, stack: TestStack, owners: string[], specs: Record<string, Spec>): Promise<string[]> {
  const problems: string[] = [];
  const state = await stack.instances();
  const live = sim.control.listInstances().filter((i) => !RECYCLED.has(i.instanceStatus) && owners.includes(ownerOf(i)));
  const held = new Map(state.map((r) => [r.id ?? "", r]));
  for (const vm of live) if (!held.has(vm.instanceId)) problems.push(`orphan ${vm.instanceId} (${vm.instanceStatus}, ${ownerOf(vm)})`);
  for (const owner of owners) {
    const mine = live.filter((i) => ownerOf(i) === owner);
    if (mine.length > 1) problems.push(`duplicate: ${mine.length} live instances for ${owner}`);
  }
  for (const resource of state) {
    const vm = live.find((i) => i.instanceId === resource.id);
    if (!vm) {
      problems.push(`state holds ${resource.id}, which is not live`);
      continue;
    }
    const name = resource.urn.split("::").pop() ?? "";
    const spec = specs[name];
    if (!spec) continue;
    const limit = INSTANCE_TYPES.find((t) => t.instanceType === spec.instanceType)?.internetMaxBandwidthOutLimit ?? 0;
    if (vm.zoneId !== spec.zoneId || vm.instanceType !== spec.instanceType || vm.internetMaxBandwidthOut !== Math.min(spec.internetMaxBandwidthOut, limit)) {
      problems.push(`${name} (${vm.instanceId}) is ${vm.zoneId}/${vm.instanceType}/${vm.internetMaxBandwidthOut} Mbps, declared ${spec.zoneId}/${spec.instanceType}/${spec.internetMaxBandwidthOut} Mbps`);
    }
  }
  if (Object.keys(specs).length !== state.length) problems.push(`${state.length} resources in state, ${Object.keys(specs).length} declared`);
  return problems;
}

function lastError(output: string): string {
  return output.split("\n").filter((line) => /error:/i.test(line)).map((line) => line.trim()).slice(-1)[0] ?? output.trim().split("\n").slice(-1)[0] ?? "";
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
