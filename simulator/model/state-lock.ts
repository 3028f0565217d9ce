import { StateFileError } from "./persistence";
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Who holds a state file, as written in its lock file. */
export interface LockHolder {
  pid: number;
  /** The holder's base URL once it listens (absent while it is still starting). */
  url?: string;
  since: string;
}

/** The lock file of a state file: beside it, so every simulator pointed at the file finds it. */
export function lockPathOf(statePath: string): string {
  return `${statePath}.lock`;
}

/** True while a process with `pid` exists (EPERM: it exists, owned by someone else). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    return Number.isInteger(holder.pid) && typeof holder.since === "string" ? (holder as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One simulator per state file. Two simulators on one file would each save their own memory over
 * the other's changes, so the second start is refused, naming the file and the holder. The lock is
 * a file created beside the state file with a hard link (atomic: it exists complete or not at all);
 * a lock whose holder process no longer exists (killed, crashed) is stale and taken over.
 */
export class StateFileLock {
  private constructor(private readonly path: string, private holder: LockHolder) {}

  /** Takes the lock of `statePath`, or throws a StateFileError naming the file and the live holder. */
  static acquire(statePath: string): StateFileLock {
    const path = lockPathOf(statePath);
    // Wall-clock time, not the simulator's (possibly injected) clock: it describes a process.
    const holder: LockHolder = { pid: process.pid, since: new Date().toISOString() };
    mkdirSync(dirname(path), { recursive: true });
    // Two attempts: the second follows the removal of a stale lock.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (StateFileLock.tryCreate(path, holder)) return new StateFileLock(path, holder);
      const current = readHolder(path);
      if (current && isRunning(current.pid)) {
        const who = current.pid === process.pid ? `this process (pid ${current.pid})` : `pid ${current.pid}`;
        throw new StateFileError(
          `The state file ${statePath} is in use by another zenlayer-sim: ${who}, ${current.url ? `listening on ${current.url}` : "still starting"}, since ${current.since}. ` +
          "Two simulators on one file would overwrite each other's changes: stop that one, or pass another state file " +
          `(should pid ${current.pid} not be a zenlayer-sim, its number was reused after the holder died: remove ${path}).`,
        );
      }
      // The holder is gone (or the lock is unreadable, which no simulator writes): stale.
      rmSync(path, { force: true });
    }
    throw new StateFileError(`Could not lock the state file ${statePath}: ${path} keeps reappearing; another simulator is starting on it.`);
  }

  // Writes the holder to a temporary file and links it into place: the link fails when a lock exists.
  private static tryCreate(path: string, holder: LockHolder): boolean {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(holder)}\n`, "utf8");
    try {
      linkSync(temporary, path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw new StateFileError(`Could not lock the state file (${path}): ${(error as Error).message}`);
    } finally {
      rmSync(temporary, { force: true });
    }
  }

  /** Adds the URL the holder listens on, so a refused second start can say where the first one is. */
  announce(url: string): void {
    this.holder = { ...this.holder, url };
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.holder)}\n`, "utf8");
    renameSync(temporary, this.path);
  }

  /** Gives the file up; a lock taken over by another process in the meantime is left alone. */
  release(): void {
    if (readHolder(this.path)?.pid === process.pid) rmSync(this.path, { force: true });
  }
}
