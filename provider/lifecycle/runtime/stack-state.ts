/**
 * What a stack's state holds, read through the Pulumi CLI (`pulumi stack export`): the ids of its
 * resources, and the creates an interrupted `pulumi up` left pending (the engine keeps those in
 * the state, with the resource's inputs but no id, until `pulumi refresh` clears or imports them).
 * The CLI is the one reader that works for every backend (Pulumi Cloud, a folder, a bucket) with
 * the user's own login and secrets configuration.
 */
import { execFile } from "node:child_process";
import type { StackRef } from "../inputs/stack-ref";

export interface StackState {
  /** Ids of every resource in the state. */
  heldIds: ReadonlySet<string>;
  /** Pending creates: the resource's URN and its owner tag value (`__owner` input), when it has one. */
  pendingCreates: readonly { urn: string; owner?: string }[];
}

/** How long the CLI may take to export a stack. */
const EXPORT_TIMEOUT_MS = 120_000;

/**
 * The state of `ref`. Without an organization the stack is looked up by name in the Pulumi
 * project of the working directory (where the engine runs a provider, and where a user runs
 * commands for the project).
 */
export async function readStackState(ref: StackRef, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<StackState> {
  const stack = ref.organization === undefined ? ref.stack : `${ref.organization}/${ref.project}/${ref.stack}`;
  const args = ["stack", "export", "--stack", stack, "--non-interactive"];
  const text = await new Promise<string>((resolve, reject) => {
    execFile("pulumi", args, { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 256 * 1024 * 1024, timeout: EXPORT_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error) {
          const detail = String(stderr).trim().split("\n").filter(Boolean).at(-1) ?? error.message;
          reject(new Error(`pulumi ${args.join(" ")} failed: ${detail}`));
        } else {
          resolve(String(stdout));
        }
      });
  });
  return parseExport(text);
}

/** The parts of `pulumi stack export` output this module reads. */
interface ExportedDeployment {
  deployment?: {
    resources?: { id?: string }[];
    pending_operations?: { type?: string; resource?: { urn?: string; inputs?: Record<string, unknown> } }[];
  };
}

/** Held ids and pending creates of an exported deployment (the CLI's JSON). */
export function parseExport(text: string): StackState {
  const exported = JSON.parse(text) as ExportedDeployment;
  const heldIds = new Set((exported.deployment?.resources ?? []).map((r) => r.id).filter((id): id is string => !!id));
  const pendingCreates = (exported.deployment?.pending_operations ?? [])
    .filter((op) => op.type === "creating" && typeof op.resource?.urn === "string")
    .map((op) => {
      const owner = op.resource?.inputs?.__owner;
      return typeof owner === "string" ? { urn: op.resource!.urn!, owner } : { urn: op.resource!.urn! };
    });
  return { heldIds, pendingCreates };
}
