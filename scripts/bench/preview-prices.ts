/**
 * `npm run bench:prices`: what the price lines cost a preview, through the real Pulumi CLI.
 * A 20-instance stack against the simulator, `pulumi preview` with `zenlayer:showPrices` on and
 * off (alternating, several rounds), in three settings:
 *   - 20 equal instances (one inquiry serves them all);
 *   - 20 different instances (bandwidth 1..20 Mbps: 20 inquiries);
 *   - 20 different instances with 300 ms per price answer (a slow API: the 2 s budget caps it).
 * Prints the median wall time of each and the InquiryPrice* calls. Numbers, not pass/fail.
 */
import { createProgram, type TestStack } from "../../test/e2e/helpers/stack";
import { CONFIG_DRIVEN_PROGRAM } from "../../test/e2e/helpers/program";
import { imageFor, startE2eSimulator } from "../../test/e2e/helpers/simulator";

const INSTANCES = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;

function specs(distinct: boolean): string {
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

async function main(): Promise<void> {
  const { sim } = await startE2eSimulator();
  const stack = await createProgram("bench-prices", { program: CONFIG_DRIVEN_PROGRAM });
  try {
    await stack.setConfig("zenlayer:domain", sim.domain);
    await stack.setConfig("zenlayer:scheme", "http");
    await stack.setConfig("zenlayer:accessKeyId", sim.accessKeyId);
    await stack.setConfig("zenlayer:accessKeyPassword", sim.accessKeyPassword, true);
    await stack.setConfig("vmPassword", "Bench-Passw0rd!", true);
    const settings = [
      { name: "20 equal instances", distinct: false, latencyMs: 0 },
      { name: "20 different instances", distinct: true, latencyMs: 0 },
      { name: "20 different instances, 300 ms per price answer", distinct: true, latencyMs: 300 },
    ];
    for (const setting of settings) {
      await stack.setConfig("instances", specs(setting.distinct));
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
        `${setting.name}: preview ${off} ms with prices off, ${on} ms on (+${on - off} ms, median of ${ROUNDS}); ` +
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
