import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { InstanceRecord } from "./instance-record";

/** The file format of `statePath`. Timelines hold absolute times, so pending transitions resume. */
export interface PersistedState {
  format: "zenlayer-sim-state";
  version: 1;
  savedAt: string;
  nextSeq: number;
  instances: InstanceRecord[];
}

/** Reads the state file; `undefined` when it does not exist yet. A corrupt file is an error, never silently dropped. */
export function loadState(path: string): PersistedState | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<PersistedState>;
  if (parsed.format !== "zenlayer-sim-state" || parsed.version !== 1 || !Array.isArray(parsed.instances)) {
    throw new Error(`${path} is not a zenlayer-sim state file (format/version mismatch)`);
  }
  return parsed as PersistedState;
}

/**
 * Writes the state atomically: a temporary file beside the target, then a rename, so a crash
 * mid-write leaves either the old file or the new one, never half of one.
 */
export function saveState(path: string, state: PersistedState): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, "utf8");
  renameSync(temporary, path);
}
