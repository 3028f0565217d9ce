/**
 * The bench's own descendant processes as Linux reports them in /proc: which of them is the
 * dynamic provider (the Pulumi CLI starts it as `node …/cmd/dynamic-provider`), its peak resident
 * set (VmHWM) and CPU time, sampled while a command runs; and the CPU time of every finished
 * child, from this process's reaped-children counters.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/** One process's last sample. */
export interface ProcessSample { pid: number; command: string; peakRssKb: number; cpuMs: number }

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // exited between the listing and the read
  }
}

/** pid → parent pid for every process visible now. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    // The command name is in parentheses and may hold spaces: fields follow the last ")".
    const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields) map.set(Number(entry), Number(fields[1]));
  }
  return map;
}

function sample(pid: number): ProcessSample | undefined {
  const stat = read(`/proc/${pid}/stat`);
  const status = read(`/proc/${pid}/status`);
  const command = read(`/proc/${pid}/cmdline`)?.split("\0").join(" ").trim();
  if (!stat || !status || command === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the state field.
  const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  const peakRssKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { pid, command, peakRssKb, cpuMs };
}

/** Descendants of this process whose command line matches `pattern`, sampled now. */
export function descendantsMatching(pattern: RegExp): ProcessSample[] {
  const tree = parents();
  const isOurs = (pid: number): boolean => {
    for (let at = tree.get(pid); at !== undefined && at > 1; at = tree.get(at)) if (at === process.pid) return true;
    return false;
  };
  return [...tree.keys()].filter(isOurs).map(sample).filter((s): s is ProcessSample => !!s && pattern.test(s.command));
}

/**
 * Samples the matching descendants every `everyMs` until stopped; returns each process's last
 * sample (VmHWM never decreases; the CPU time misses at most the last interval). The whole
 * process table is read only while no matching process is known, or once a second, so that the
 * sampling itself costs little CPU beside what it measures.
 */
export function watchProcesses(pattern: RegExp, everyMs = 200): { stop: () => ProcessSample[] } {
  const last = new Map<number, ProcessSample>();
  let scannedAt = 0;
  const take = (full: boolean) => {
    const known = [...last.keys()].map(sample).filter((s): s is ProcessSample => !!s);
    for (const s of known) last.set(s.pid, s);
    if (full || known.length === 0 || Date.now() - scannedAt >= 1000) {
      scannedAt = Date.now();
      for (const s of descendantsMatching(pattern)) last.set(s.pid, s);
    }
  };
  take(true);
  const timer = setInterval(() => take(false), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take(true);
      return [...last.values()];
    },
  };
}

/** CPU milliseconds of this process's finished (reaped) children, their own reaped children included. */
export function reapedChildrenCpuMs(): number {
  const stat = read("/proc/self/stat")!;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // cutime and cstime are fields 16 and 17 of stat.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}
