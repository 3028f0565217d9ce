/**
 * `npm run chaos`: the reliability suite at full size, against a simulator on 127.0.0.1 only.
 *   1. fuzz: every property of test/reliability/fuzz.ts over CHAOS_FUZZ_RUNS (default 10,000)
 *      generated inputs, with the provider pointed at a live simulator that must see no request;
 *   2. the model-based suite (test/reliability/model/): CHAOS_SEQUENCES (500) random sequences of
 *      up to 12 steps through the lifecycle layer, every invariant checked after every step;
 *   3. faults, kills and secrets through the real CLI (test/reliability/cli-chaos.ts):
 *      CHAOS_INSTANCES (20) instances, CHAOS_KILLS (10) SIGKILLs;
 *   4. the model-based walk through the real CLI (test/reliability/cli-walk.ts): CHAOS_WALKS (10)
 *      sequences of ups (some SIGKILLed), refreshes and out-of-band changes, each ending in destroy.
 * Seeded by CHAOS_SEED (default 20261130): the same seed gives the same inputs, faults and kill
 * moments. Bounded: the CLI part gives up after CHAOS_TIMEOUT_S (1800) seconds. Prints a table and
 * exits 1 on any crash, orphan, duplicate, state mismatch, unconverged kill or leaked secret.
 */
import { startSimulator } from "../../simulator";
import { runCliChaos } from "../../test/reliability/cli-chaos";
import { runCliWalk } from "../../test/reliability/cli-walk";
import { runFuzz } from "../../test/reliability/fuzz";
import { runModel } from "../../test/reliability/model/model";

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${process.env[name]}`);
  return value;
};

async function main(): Promise<number> {
  const seed = int("CHAOS_SEED", 20261130);
  const fuzzRuns = int("CHAOS_FUZZ_RUNS", 10_000);
  const instances = int("CHAOS_INSTANCES", 20);
  const kills = int("CHAOS_KILLS", 10);
  const timeoutS = int("CHAOS_TIMEOUT_S", 1_800);
  const sequences = int("CHAOS_SEQUENCES", 500);
  const walks = int("CHAOS_WALKS", 10);
  const verbose = process.env.CHAOS_VERBOSE === "1";
  console.log(`reliability suite: seed ${seed}, ${fuzzRuns} inputs per property, ${instances} instances, ${kills} kills (loopback only)`);

  const fuzzStarted = Date.now();
  const sim = await startSimulator({ port: 0, host: "127.0.0.1" });
  Object.assign(process.env, {
    ZENLAYERCLOUD_DOMAIN: sim.domain, ZENLAYERCLOUD_SCHEME: "http",
    ZENLAYERCLOUD_ACCESS_KEY_ID: sim.accessKeyId, ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: sim.accessKeyPassword,
    // With price lines off, check and diff must make no API call at all.
    ZENLAYER_VM_SHOW_PRICES: "false",
  });
  const fuzz = await runFuzz({ numRuns: fuzzRuns, seed });
  const fuzzCalls = sim.control.stats().total;
  await sim.stop();
  const fuzzSeconds = Math.round((Date.now() - fuzzStarted) / 1000);
  for (const result of fuzz) if (result.failure) console.log(`FUZZ FAILURE in "${result.name}":\n${result.failure}`);

  const model = await runModel({ numRuns: sequences, seed, maxSteps: 12 });
  console.log(`model-based suite: seed ${seed}, ${model.sequences} sequences, ${model.steps} steps, ${model.violations.length} violations, ${model.seconds} s`);
  for (const v of model.violations) {
    console.log(`${v.known ? "known open" : "VIOLATION"} ${v.message}\n  ${v.sequence.map((step, i) => `${i + 1}. ${step}`).join("\n  ")}`);
  }

  const cli = await Promise.race([
    runCliChaos({ instances, kills, seed, log: verbose ? (line) => console.log(`  ${line}`) : undefined }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the CLI part took longer than ${timeoutS} s`)), timeoutS * 1000).unref()),
  ]);

  const walk = await runCliWalk({ sequences: walks, seed, log: verbose ? (line) => console.log(`  ${line}`) : undefined });
  for (const line of walk.violations) console.log(`CLI walk: ${line}`);

  const crashes = fuzz.filter((r) => r.failure).length;
  const rows: [string, string, boolean][] = [
    ["inputs fuzzed (check + diff)", `${fuzz.reduce((n, r) => n + r.inputs, 0)} over ${fuzz.length} properties`, true],
    ["property failures / crashes", String(crashes), crashes === 0],
    ["API calls made by check/diff", String(fuzzCalls), fuzzCalls === 0],
    ["faults injected", `${cli.faults.errors} 5xx, ${cli.faults.throttled} 429, ${cli.faults.dropped} dropped, ` +
      `${cli.faults.lostResponses} lost responses, ${cli.faults.delayed} requests delayed ${cli.faults.latencyMs} ms`, true],
    ["up / destroy runs under faults", `${cli.faultRuns.up} / ${cli.faultRuns.destroy} (${instances} instances)`, true],
    ["kills (SIGKILL)", `${cli.kills.landed} landed of ${kills}; ${cli.kills.converged} converged`, cli.kills.converged === kills],
    ["model: sequences / steps", `${model.sequences} / ${model.steps} (seed ${seed}, ${model.seconds} s)`, model.sequences >= sequences],
    ["model: violations (known open / new)", `${model.violations.filter((v) => v.known).length} / ${model.violations.filter((v) => !v.known).length}`,
      model.violations.every((v) => v.known)],
    ["CLI walk: sequences / commands / kills", `${walk.sequences} / ${walk.commands} / ${walk.kills.landed} landed of ${walk.kills.tried} (${walk.seconds} s)`, walk.sequences >= walks],
    ["CLI walk: violations", String(walk.violations.length), walk.violations.length === 0],
    ["orphans", String(cli.orphans), cli.orphans === 0],
    ["duplicates", String(cli.duplicates), cli.duplicates === 0],
    ["state vs simulator mismatches", String(cli.stateMismatches), cli.stateMismatches === 0],
    ["secrets leaked", `${cli.leaks.count} (${cli.bytesSearched} bytes searched)${cli.leaks.where.length ? `: ${cli.leaks.where.join("; ")}` : ""}`, cli.leaks.count === 0],
    ["time taken", `${fuzzSeconds + Math.round(model.seconds) + cli.seconds + walk.seconds} s (fuzz ${fuzzSeconds} s, model ${model.seconds} s, CLI ${cli.seconds} s, CLI walk ${walk.seconds} s)`, true],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`\n| ${"figure".padEnd(width)} | value |\n|${"-".repeat(width + 2)}|-------|`);
  for (const [name, value, ok] of rows) console.log(`| ${name.padEnd(width)} | ${value}${ok ? "" : "  <-- FAILED"} |`);
  for (const line of cli.kills.commands) console.log(`kill: ${line}`);
  for (const line of cli.faultErrors) console.log(`error under faults (the command was run again): ${line}`);
  return rows.every(([, , ok]) => ok) ? 0 : 1;
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
