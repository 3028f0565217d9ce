/**
 * `npm run bench:prices`: what the price lines cost a preview of a 20-instance stack, in three
 * settings: 20 equal instances (one inquiry serves them all); 20 different ones (bandwidth
 * 1..20 Mbps: 20 inquiries); 20 different ones with 300 ms per price answer (a slow API, which
 * the 2 s budget caps).
 *   1. The time the engine waits for the provider's `check` calls, prices on vs off: the engine
 *      calls them one after the other, so their sum is exactly what the prices add to a preview.
 *      Measured in process, the provider's `check` as the CLI would call it.
 *   2. `pulumi preview` through the real CLI, on vs off (median wall time). On a busy machine this
 *      is dominated by noise; part 1 is the figure to compare.
 * Numbers, not pass/fail.
 */
import { check } from "../../provider/lifecycle/provider";
import { resetPricePreview } from "../../provider/lifecycle/prices/session";
import type { RunningSimulator } from "../../simulator";
import { createProgram, type TestStack } from "../../test/e2e/helpers/stack";
import { CONFIG_DRIVEN_PROGRAM } from "../../test/e2e/helpers/program";
import { configureStackFor, imageFor, startE2eSimulator } from "../../test/e2e/helpers/simulator";

const INSTANCES = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;

function specsJson(distinct: boolean): string {
  const entries = Array.from({ length: INSTANCES }, (_, i) => [`vm-${i}`, {
    zoneId: "SEL-A", instanceType: "c.1c2g", imageId: imageFor("SEL-A"), internetMaxBandwidthOut: distinct ? i + 1 : 1,
  }]);
  return JSON.stringify(Object.fromEntries(entries));
}

async function timedPreview(stack: TestStack): Promise<{ ms: number; output: string }> {
  const started = Date.now();
  const result = await stack.pulumi(["preview"]);
  return { ms: Date.now() - started, output: result.output };
}

const SETTINGS = [
  { name: "20 equal instances", distinct: false, latencyMs: 0 },
  { name: "20 different instances", distinct: true, latencyMs: 0 },
  { name: "20 different instances, 300 ms per price answer", distinct: true, latencyMs: 300 },
];

/** Sum of 20 `check` calls in a fresh price session (as in a new provider process). */
async function checkTime(sim: RunningSimulator, distinct: boolean, prices: boolean): Promise<number> {
  Object.assign(process.env, {
    ZENLAYERCLOUD_DOMAIN: sim.domain, ZENLAYERCLOUD_SCHEME: "http",
    ZENLAYERCLOUD_ACCESS_KEY_ID: sim.accessKeyId, ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: sim.accessKeyPassword,
    ZENLAYER_VM_SHOW_PRICES: String(prices),
  });
  // The implementation from source, so that resetting its module state starts a fresh session
  // (InstanceProvider would load the built copy, a separate module).
  resetPricePreview();
  const specs = JSON.parse(specsJson(distinct)) as Record<string, Record<string, unknown>>;
  const started = process.hrtime.bigint();
  for (const [name, spec] of Object.entries(specs)) {
    await check({}, { ...spec, password: "Bench-Passw0rd!", __resourceName: name, __owner: `bench/${Date.now()}/${name}` });
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function inProcess(sim: RunningSimulator): Promise<void> {
  const log = console.log;
  console.log = () => undefined; // the price lines themselves
  const results: string[] = [];
  try {
    for (const setting of SETTINGS) {
      sim.control.setFaults(setting.latencyMs ? { latencyMs: setting.latencyMs, actions: ["InquiryPriceCreateInstance"] } : {});
      const times: Record<"on" | "off", number[]> = { on: [], off: [] };
      for (let round = 0; round < ROUNDS; round++) {
        times.off.push(await checkTime(sim, setting.distinct, false));
        times.on.push(await checkTime(sim, setting.distinct, true));
      }
      const on = median(times.on);
      const off = median(times.off);
      results.push(`${setting.name}: 20 checks take ${off.toFixed(1)} ms with prices off, ${on.toFixed(1)} ms on (+${(on - off).toFixed(1)} ms, median of ${ROUNDS})`);
    }
  } finally {
    console.log = log;
    sim.control.setFaults({});
  }
  for (const line of results) console.log(line);
}

async function main(): Promise<void> {
  const { sim } = await startE2eSimulator();
  await inProcess(sim);
  const stack = await createProgram("bench-prices", { program: CONFIG_DRIVEN_PROGRAM });
  try {
    await configureStackFor(stack, sim);
    await stack.setConfig("vmPassword", "Bench-Passw0rd!", true);
    for (const setting of SETTINGS) {
      await stack.setConfig("instances", specsJson(setting.distinct));
      sim.control.setFaults(setting.latencyMs ? { latencyMs: setting.latencyMs, actions: ["InquiryPriceCreateInstance"] } : {});
      const times: Record<"on" | "off", number[]> = { on: [], off: [] };
      let calls = 0;
      let lines = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const mode of ["off", "on"] as const) {
          await stack.setConfig("zenlayer:showPrices", mode === "on" ? "true" : "false");
          sim.control.resetStats();
          const { ms, output } = await timedPreview(stack);
          times[mode].push(ms);
          if (mode === "on") {
            calls = sim.control.stats().requests.InquiryPriceCreateInstance ?? 0;
            lines = new Set(output.split("\n").map((l) => l.trim()).filter((l) => /^vm-\d+: (≈|no price estimate)/.test(l))).size;
          }
        }
      }
      const on = median(times.on);
      const off = median(times.off);
      console.log(
        `${setting.name}, pulumi preview: ${off} ms with prices off, ${on} ms on (+${on - off} ms, median of ${ROUNDS}); ` +
          `${calls} InquiryPriceCreateInstance calls, ${lines} resources with a price line or note`,
      );
    }
  } finally {
    await stack.dispose();
    await sim.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
