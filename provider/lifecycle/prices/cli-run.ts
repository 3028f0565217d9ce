/**
 * Remembers, across provider processes, which price lines one Pulumi CLI command already printed.
 *
 * `pulumi up` previews, then updates, and the engine starts a new provider process for each phase
 * and runs `check`/`diff` again in the second, without saying which phase it is in (no preview
 * flag reaches a dynamic provider's check or diff). Both processes descend from the same CLI
 * process, while two separate commands (`pulumi preview`, then `pulumi up`) have different ones.
 * So a small file named after the CLI process (pid and start time, which a reused pid does not
 * share) records the lines of this command, and the update phase skips what its preview printed.
 *
 * The files live in a folder of the user's own under the temp folder (privateFolder): what a
 * person deploys is nobody else's business, and a folder another user made (or a link planted in
 * its place) is never used.
 *
 * Linux only (it reads /proc); elsewhere, or when anything here fails, nothing is remembered and
 * `pulumi up` prints a price line in both phases.
 */
import { appendFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** What PricePreview needs: lines of this CLI command by key. */
export interface RunMemory {
  has(key: string): boolean;
  add(key: string): void;
}

/** Launchers that may sit between the CLI and the provider (Pulumi's shell script does not exec). */
const SHELLS: ReadonlySet<string> = new Set(["sh", "bash", "dash", "zsh", "ash", "busybox"]);
/** Files of commands older than this are removed. */
const KEEP_MS = 24 * 3600_000;

/**
 * The memory of the CLI command that started this process, in `dir` (default: the user's private
 * folder under the temp folder).
 * The search for the CLI starts at `parentPid`: this process's parent, which tests replace.
 * The file is found on first use, so a provider process that prints no price line (prices off,
 * nothing to price) never walks the process table or cleans the folder.
 */
export function cliRunMemory(dir = defaultFolder(), parentPid = process.ppid): RunMemory {
  let file: string | null | undefined;
  const located = (): string | null => {
    if (file === undefined) file = memoryFile(dir, parentPid);
    return file;
  };
  return {
    has: (key) => {
      const found = located();
      if (found === null) return false;
      try {
        return readFileSync(found, "utf8").split("\n").includes(oneLine(key));
      } catch {
        return false;
      }
    },
    add: (key) => {
      const found = located();
      if (found === null) return;
      try {
        appendFileSync(found, `${oneLine(key)}\n`, { mode: 0o600 });
      } catch {
        // Remembering is a nicety: at worst the line is printed again by the update phase.
      }
    },
  };
}

/** The file of the CLI command above `parentPid` in `dir`; null when there is none (no /proc, no CLI found). */
function memoryFile(dir: string, parentPid: number): string | null {
  try {
    const cli = cliProcess(parentPid);
    if (!cli || !privateFolder(dir)) return null;
    removeOld(dir);
    return path.join(dir, `${cli.pid}-${cli.startTicks}.txt`);
  } catch {
    return null;
  }
}

/** `pulumi-zenlayer-vm-<uid>` under the temp folder: one per user, so no user reads another's. */
export function defaultFolder(): string {
  return path.join(tmpdir(), `pulumi-zenlayer-vm-${process.getuid?.() ?? "user"}`);
}

/**
 * Makes `dir` (mode 0700) unless it exists, then uses it only if it is a real folder (not a link)
 * owned by this user and closed to everyone else: a name in a shared temp folder can be taken by
 * someone else first.
 */
function privateFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") return false;
  }
  const stat = lstatSync(dir);
  const owner = process.getuid?.();
  return stat.isDirectory() && (owner === undefined || stat.uid === owner) && (stat.mode & 0o077) === 0;
}

/** The nearest ancestor that is not a shell, with its start time from /proc/<pid>/stat. */
function cliProcess(pid: number): { pid: number; startTicks: string } | undefined {
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    const stat = readStat(pid);
    if (!stat) return undefined;
    if (!SHELLS.has(stat.comm)) return { pid, startTicks: stat.startTicks };
    pid = stat.ppid;
  }
  return undefined;
}

/** `comm`, parent and start time of a process (fields 2, 4 and 22; comm may contain spaces). */
function readStat(pid: number): { comm: string; ppid: number; startTicks: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const open = text.indexOf("(");
    const close = text.lastIndexOf(")");
    const rest = text.slice(close + 2).split(" ");
    const ppid = Number(rest[1]);
    const startTicks = rest[19];
    if (open < 0 || close < 0 || !Number.isInteger(ppid) || !startTicks) return undefined;
    return { comm: text.slice(open + 1, close), ppid, startTicks };
  } catch {
    return undefined;
  }
}

function removeOld(dir: string): void {
  const cutoff = Date.now() - KEEP_MS;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (statSync(file).mtimeMs < cutoff) rmSync(file, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

function oneLine(key: string): string {
  return key.replace(/[\r\n]+/g, " ");
}
