/**
 * The instance state machine (the statuses DescribeInstances reports), expressed as data.
 *
 * An instance's future is stored as a timeline: timed phases (absolute epoch-ms deadlines)
 * followed by a resting status, or `null` for "gone". The current status is derived from the
 * clock whenever it is read, so no timers run, the result is deterministic under an injected
 * clock, and a timeline saved to disk resumes exactly where it was after a restart.
 */

import { INSTANCE_STATUSES, type InstanceStatus } from "../../facts/rules";

export { INSTANCE_STATUSES, type InstanceStatus };

/** How long each transitional state lasts, in milliseconds. */
export interface Durations {
  pendingMs: number;
  deployingMs: number;
  rebuildingMs: number;
  stoppingMs: number;
  bootingMs: number;
  rebootMs: number;
  recyclingMs: number;
  releasingMs: number;
  imagingMs: number;
  bandwidthChangeMs: number;
  /** How long an instance stays in the recycle bin (RECYCLE) before it is released for good. */
  recycleRetentionMs: number;
}

/** Demo-friendly defaults: a few seconds per state, 24 h in the recycle bin. */
export const DEFAULT_DURATIONS: Readonly<Durations> = {
  pendingMs: 2000,
  deployingMs: 3000,
  rebuildingMs: 3000,
  stoppingMs: 2000,
  bootingMs: 2000,
  rebootMs: 2000,
  recyclingMs: 2000,
  releasingMs: 1000,
  imagingMs: 3000,
  bandwidthChangeMs: 2000,
  recycleRetentionMs: 24 * 60 * 60 * 1000,
};

/** A status held until an absolute time (epoch ms). */
export interface Phase { status: InstanceStatus; until: number }

/** Timed phases, then a resting status (`null` = the instance is released and gone). */
export interface Timeline { phases: Phase[]; rest: InstanceStatus | null }

/** Where each transitional status goes by itself, and which duration it takes. */
const NATURAL_NEXT: Partial<Record<InstanceStatus, { after: keyof Durations; next: InstanceStatus | null }>> = {
  PENDING: { after: "pendingMs", next: "DEPLOYING" },
  DEPLOYING: { after: "deployingMs", next: "RUNNING" },
  REBUILDING: { after: "rebuildingMs", next: "RUNNING" },
  STOPPING: { after: "stoppingMs", next: "STOPPED" },
  BOOTING: { after: "bootingMs", next: "RUNNING" },
  REBOOT: { after: "rebootMs", next: "RUNNING" },
  IMAGING: { after: "imagingMs", next: "STOPPED" },
  RECYCLING: { after: "recyclingMs", next: "RECYCLE" },
  RECYCLE: { after: "recycleRetentionMs", next: null },
  RELEASING: { after: "releasingMs", next: null },
};

/** True when the status moves on by itself (everything except RUNNING, STOPPED, CREATE_FAILED). */
export function isTransitional(status: InstanceStatus): boolean {
  return NATURAL_NEXT[status] !== undefined;
}

/**
 * The timeline of an instance entering `status` at `start` and then following the natural
 * transitions. `detours` replaces a step, e.g. `{ PENDING: "CREATE_FAILED" }` for a failed create.
 */
export function planFrom(
  status: InstanceStatus,
  start: number,
  durations: Durations,
  detours: Partial<Record<InstanceStatus, InstanceStatus | null>> = {},
): Timeline {
  const phases: Phase[] = [];
  let current: InstanceStatus | null = status;
  let at = start;
  // A status appears at most once per plan, which also rules out loops.
  while (current !== null && !phases.some((p) => p.status === current)) {
    const step: { after: keyof Durations; next: InstanceStatus | null } | undefined = NATURAL_NEXT[current];
    if (!step) return { phases, rest: current };
    at += durations[step.after];
    phases.push({ status: current, until: at });
    current = current in detours ? (detours[current] ?? null) : step.next;
  }
  return { phases, rest: current };
}

/** Holds `status` for `durationMs`, then continues as if `then` had just been entered. */
export function planHold(
  status: InstanceStatus,
  durationMs: number,
  then: InstanceStatus,
  start: number,
  durations: Durations,
): Timeline {
  const after = planFrom(then, start + durationMs, durations);
  return { phases: [{ status, until: start + durationMs }, ...after.phases], rest: after.rest };
}

/** The status at `now`, or `null` when the instance is gone. */
export function statusAt(timeline: Timeline, now: number): InstanceStatus | null {
  for (const phase of timeline.phases) if (now < phase.until) return phase.status;
  return timeline.rest;
}

/** Drops the phases that are over, so saved state stays small. */
export function compact(timeline: Timeline, now: number): Timeline {
  return { phases: timeline.phases.filter((p) => now < p.until), rest: timeline.rest };
}

/** True when `value` names a status. */
export function isInstanceStatus(value: unknown): value is InstanceStatus {
  return typeof value === "string" && (INSTANCE_STATUSES as readonly string[]).includes(value);
}
