/**
 * Where CPU time goes, from V8 `.cpuprofile` files: each sample is charged to the first frame,
 * from the leaf up, that a category names (so JSON.parse inside the response envelope counts as
 * the envelope's, zod inside it as zod's), and the categories are summed per process.
 */
import { readFileSync } from "node:fs";

/** The parts of a V8 CPU profile read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** A category: a name and whether a frame belongs to it. */
export interface Category { name: string; matches: (url: string, fn: string) => boolean }

const file = (pattern: RegExp) => (url: string) => pattern.test(url);

/** The provider process's categories, most specific first. */
export const PROVIDER_CATEGORIES: Category[] = [
  { name: "signing (HMAC, SHA-256)", matches: file(/client\/sign\.js$/) },
  { name: "schema parsing (zod)", matches: file(/node_modules\/zod\//) },
  { name: "response envelope + JSON", matches: file(/client\/(envelope|invoke|errors)\.js$/) },
  { name: "HTTP client (got, node:http, sockets)", matches: file(/node_modules\/(got|@sindresorhus|cacheable-lookup|cacheable-request|http2-wrapper|responselike|lowercase-keys|decompress-response|mimic-response|form-data-encoder|p-cancelable|@szmarczak|keyv|@keyv|defer-to-connect|byte-counter|chunk-data|normalize-url|get-stream|type-fest|is-stream)\/|client\/transport\.js$|^node:(_http|http|net|dns|tls|zlib)/) },
  { name: "rate limiter", matches: file(/client\/adaptive-rate\.js$/) },
  { name: "prices", matches: file(/lifecycle\/prices\//) },
  { name: "owner-tag / adopt / orphan lookups", matches: (url, fn) => /operations\/(adopt|orphans)\.js$/.test(url) || /findByOwner|listOwned/.test(fn) },
  { name: "check / diff / inputs", matches: file(/lifecycle\/(diff|inputs|in-place)\//) },
  { name: "outputs / declared paths", matches: file(/operations\/(outputs|declared|partial)\.js$/) },
  { name: "waits + status poller", matches: file(/lifecycle\/waits\/|runtime\/api\.js$/) },
  { name: "other provider code", matches: file(/pulumi-zenlayer-vm\/dist\//) },
  { name: "gRPC + protobuf", matches: file(/node_modules\/(@grpc|google-protobuf|protobufjs|@protobufjs)\//) },
  { name: "Pulumi host (serialize props, closures)", matches: file(/node_modules\/@pulumi\//) },
  { name: "module loading / compile", matches: file(/^node:internal\/(modules|vm)|node_modules\/(typescript|ts-node)\//) },
];

/** The simulator's categories (the bench process: the simulator plus the harness, which mostly waits). */
export const SIMULATOR_CATEGORIES: Category[] = [
  { name: "store + model (list, status, settle)", matches: file(/simulator\/model\//) },
  { name: "actions (filters, paging, shapes)", matches: file(/simulator\/(actions|protocol|pricing)\//) },
  { name: "signature check", matches: file(/simulator\/http\/(signature|auth)\.ts$/) },
  { name: "request handling + JSON", matches: file(/simulator\/(http|faults)\//) },
  { name: "node:http, sockets", matches: file(/^node:(_http|http|net|internal\/(http|stream|streams|net))/) },
  { name: "bench harness", matches: file(/scripts\/bench\/|test\/e2e\/helpers\//) },
];

/** Milliseconds per category, plus the totals. */
export interface Breakdown { totalMs: number; busyMs: number; byCategory: Record<string, number>; topFunctions: { name: string; ms: number }[] }

/** The breakdown of one profile by `categories` (idle excluded from `busyMs`). */
export function breakdown(profilePath: string, categories: Category[]): Breakdown {
  const profile = JSON.parse(readFileSync(profilePath, "utf8")) as CpuProfile;
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const categoryOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = categoryOf.get(id);
    if (known) return known;
    const leaf = byId.get(id)!.callFrame;
    let name: string | undefined;
    if (leaf.functionName === "(garbage collector)") name = "garbage collection";
    else if (leaf.functionName === "(idle)") name = "(idle)";
    else if (leaf.functionName === "(program)") name = "(program: native, unattributed)";
    for (let at: number | undefined = id; !name && at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      name = categories.find((c) => c.matches(frame.url, frame.functionName))?.name;
    }
    name ??= /^node:/.test(leaf.url) ? "node internals (timers, streams, events)" : "other";
    categoryOf.set(id, name);
    return name;
  };
  const byCategory: Record<string, number> = {};
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const category = classify(id);
    byCategory[category] = (byCategory[category] ?? 0) + ms;
    if (category === "(idle)") return;
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*node_modules\//, "").replace(/^.*\/dist\//, "").replace(/^.*\/(simulator|scripts)\//, "$1/")}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  });
  const topFunctions = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([name, ms]) => ({ name, ms }));
  return { totalMs, busyMs: totalMs - (byCategory["(idle)"] ?? 0), byCategory, topFunctions };
}
