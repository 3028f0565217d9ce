/** What the benchmark measures with: percentiles, a recording API wrapper, a seeded clock. */
import * as os from "node:os";
import type { VmApi } from "../../provider/client/types";
import { realClock, type Clock } from "../../provider/lifecycle/runtime/clock";
import { createRandom } from "../../simulator/faults/prng";

/** p50 / p95 / max of a sample, in the sample's unit. */
export interface Distribution { p50: number; p95: number; max: number; n: number }

export function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN, n: sorted.length };
}

/**
 * When each instance was created (CreateInstances answered: the server creates it then, however
 * long the client's pacing held the request) and when TerminateInstance succeeded for it.
 */
export interface Timeline {
  createSent: Map<string, number>;
  terminated: Map<string, number>;
}

/** `api` with every CreateInstances answer time and TerminateInstance success time written to `timeline`. */
export function recording(api: VmApi, timeline: Timeline): VmApi {
  return new Proxy(api, {
    get(target, prop, receiver) {
      if (prop === "createInstances") {
        return async (req: Parameters<VmApi["createInstances"]>[0]) => {
          const result = await target.createInstances(req);
          const created = Date.now();
          for (const id of result.instanceIdSet) timeline.createSent.set(id, created);
          return result;
        };
      }
      if (prop === "terminateInstance") {
        return async (req: Parameters<VmApi["terminateInstance"]>[0]) => {
          const result = await target.terminateInstance(req);
          timeline.terminated.set(req.instanceId, Date.now());
          return result;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function newTimeline(): Timeline {
  return { createSent: new Map(), terminated: new Map() };
}

/** The real clock with a seeded jitter source, so that a run is repeatable up to network timing. */
export function seededClock(seed: number | string): Clock {
  return { ...realClock, random: createRandom(seed) };
}

/** A load average as the benchmarks print it: "1.0 / 1.4 / 1.5" (now, unless given). */
export function loadAverage(values: number[] = os.loadavg()): string {
  return values.map((l) => l.toFixed(1)).join(" / ");
}

/** A benchmark's closing line: the cores, the load average before (`loadBefore`) and now, and how long it ran. */
export function runSummary(loadBefore: number[], startedMs: number): string {
  return `${os.cpus().length} cores, load average ${loadAverage(loadBefore)} before and ${loadAverage()} after; ` +
    `${Math.round((Date.now() - startedMs) / 1000)} s.`;
}

/** The provider narrates its waits on console.log (lines that start with an instance id); keep only the benchmark's own lines. */
export function hideProviderNarration(): void {
  console.log = ((log) => (...args: unknown[]) => {
    const line = args.map(String).join(" ");
    if (!line.startsWith("ins-")) log(line);
  })(console.log.bind(console));
}

/** Prints `rows` (the first is the header) as a Markdown table, each column as wide as its widest cell. */
export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows.slice(1)) console.log(line(r));
}

/** Milliseconds `fn` took, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await fn();
  return { ms: Date.now() - started, value };
}
