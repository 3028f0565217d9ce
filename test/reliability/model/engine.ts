/**
 * The Pulumi engine's side of a deployment, as far as one resource type is concerned, driving the
 * lifecycle layer (provider/lifecycle/provider.ts) with exactly the calls the engine makes:
 *
 * - up, new resource: check({}, program) → create; a rejection carrying an id and properties
 *   (a partial failure) keeps the resource in state with initialization errors;
 * - up, resource in state: check(old inputs, program) → diff(id, old outputs, checked); no change
 *   and no initialization error ⇒ nothing; `replaces` (always deleteBeforeReplace here) ⇒
 *   check({}, program) again (the engine recomputes defaults for a replacement), delete the old
 *   instance, create the new one; otherwise update(id, old outputs, checked);
 * - up, resource in state but no longer in the program: delete;
 * - refresh: read(id, old outputs); an empty id drops the resource, otherwise the engine keeps the
 *   outputs and the inputs read returned;
 * - import-style read: read(id, {}) and the result kept as the resource's state;
 * - destroy: delete every resource in state; a rejection keeps it.
 *
 * Each command starts as a new provider process would: the owners seen in state are forgotten.
 * Everything the provider prints, and every error message, is collected for the secret check.
 */
import type { DiffResult } from "@pulumi/pulumi/dynamic";
import * as lifecycle from "../../../provider/lifecycle/provider";
import { diffInstance } from "../../../provider/lifecycle/diff/diff";
import { ownersInState } from "../../../provider/lifecycle/runtime/context";

export type Raw = Record<string, unknown>;

/** One resource in the emulated state file. */
export interface StateEntry {
  id: string;
  inputs: Raw;
  outputs: Raw;
  /** Kept by a partial failure: the engine updates it at the next up even without a diff. */
  initErrors: boolean;
}

/** What the engine did for one resource during an up. */
export type UpAction =
  | { kind: "same" }
  | { kind: "create"; id?: string; error?: string }
  | { kind: "update"; id: string; diff: DiffResult; changed: string[]; error?: string; outputs?: Raw }
  | { kind: "replace"; oldId: string; id?: string; diff: DiffResult; changed: string[]; error?: string }
  | { kind: "delete"; id: string; error?: string }
  | { kind: "check-failed"; error: string };

/** A partial failure as the provider host recognizes it: an id, the properties to keep and the reasons. */
function partialOf(e: unknown): { id: string; properties: Raw } | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const { id, properties, reasons } = e as { id?: unknown; properties?: unknown; reasons?: unknown };
  if (typeof id !== "string" || id === "" || typeof properties !== "object" || properties === null || !Array.isArray(reasons)) return undefined;
  return { id, properties: properties as Raw };
}

/**
 * What `preview --diff` prints for a dynamic resource: the provider returns no detailed diff, so
 * the engine lists every input whose stored value differs from the new one.
 */
export function inputKeysThatDiffer(stored: Raw, news: Raw): string[] {
  const keys = new Set([...Object.keys(stored), ...Object.keys(news)].filter((k) => k !== "__provider"));
  const text = (v: unknown): string => JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value);
  return [...keys].filter((k) => text(stored[k]) !== text(news[k]));
}

export const messageOfError = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The emulated engine: a state file and the calls of each command. */
export class Engine {
  readonly state = new Map<string, StateEntry>();
  /** Every error message the provider gave the engine. */
  readonly errors: string[] = [];

  /** A new provider process: nothing seen in state yet. */
  private startCommand(): void {
    ownersInState.clear();
  }

  private fail(e: unknown): string {
    const message = messageOfError(e);
    this.errors.push(message);
    return message;
  }

  /** `pulumi up` for `programs` (resource name → declared inputs); returns what happened to each resource. */
  async up(programs: ReadonlyMap<string, Raw>): Promise<Map<string, UpAction>> {
    this.startCommand();
    const actions = new Map<string, UpAction>();
    for (const [name, program] of programs) actions.set(name, await this.upOne(name, program));
    for (const [name, entry] of [...this.state]) {
      if (programs.has(name)) continue;
      actions.set(name, await this.deleteOne(name, entry));
    }
    return actions;
  }

  private async upOne(name: string, program: Raw): Promise<UpAction> {
    const entry = this.state.get(name);
    const checked = await lifecycle.check(entry?.inputs ?? {}, program);
    if (checked.failures?.length) return { kind: "check-failed", error: this.fail(new Error(JSON.stringify(checked.failures))) };
    const news = checked.inputs as Raw;
    if (!entry) return this.createOne(name, news);
    const diff = await lifecycle.diff(entry.id, entry.outputs, news);
    const { changed } = diffInstance(entry.outputs, news);
    if (diff.replaces?.length) {
      const fresh = await lifecycle.check({}, program);
      if (fresh.failures?.length) return { kind: "check-failed", error: this.fail(new Error(JSON.stringify(fresh.failures))) };
      const removed = await this.deleteOne(name, entry);
      if (removed.error !== undefined) return { kind: "replace", oldId: entry.id, diff, changed, error: removed.error };
      const created = await this.createOne(name, fresh.inputs as Raw);
      return { kind: "replace", oldId: entry.id, id: created.id, diff, changed, ...(created.error !== undefined ? { error: created.error } : {}) };
    }
    if (!diff.changes && !entry.initErrors) return { kind: "same" };
    try {
      const { outs } = await lifecycle.update(entry.id, entry.outputs, news);
      this.state.set(name, { id: entry.id, inputs: news, outputs: outs as unknown as Raw, initErrors: false });
      return { kind: "update", id: entry.id, diff, changed, outputs: outs as unknown as Raw };
    } catch (e) {
      const partial = partialOf(e);
      if (partial) this.state.set(name, { id: entry.id, inputs: news, outputs: partial.properties, initErrors: true });
      return { kind: "update", id: entry.id, diff, changed, error: this.fail(e) };
    }
  }

  private async createOne(name: string, inputs: Raw): Promise<{ kind: "create"; id?: string; error?: string }> {
    try {
      const { id, outs } = await lifecycle.create(inputs);
      this.state.set(name, { id, inputs, outputs: outs as unknown as Raw, initErrors: false });
      return { kind: "create", id };
    } catch (e) {
      const partial = partialOf(e);
      if (partial) this.state.set(name, { id: partial.id, inputs, outputs: partial.properties, initErrors: true });
      return { kind: "create", ...(partial ? { id: partial.id } : {}), error: this.fail(e) };
    }
  }

  private async deleteOne(name: string, entry: StateEntry): Promise<{ kind: "delete"; id: string; error?: string }> {
    try {
      await lifecycle.delete(entry.id, entry.outputs);
      this.state.delete(name);
      return { kind: "delete", id: entry.id };
    } catch (e) {
      return { kind: "delete", id: entry.id, error: this.fail(e) };
    }
  }

  /** `pulumi refresh`: returns the read errors by resource name. */
  async refresh(): Promise<Map<string, string>> {
    this.startCommand();
    const errors = new Map<string, string>();
    for (const [name, entry] of [...this.state]) {
      try {
        const result = await lifecycle.read(entry.id, entry.outputs);
        if (!result.id) this.state.delete(name);
        else this.state.set(name, { ...entry, outputs: result.props as unknown as Raw, inputs: (result.inputs ?? entry.inputs) as Raw });
      } catch (e) {
        errors.set(name, this.fail(e));
      }
    }
    return errors;
  }

  /** An import-style read of `id` into resource `name`: what read returns becomes its state. */
  async importRead(name: string, id: string): Promise<{ inputs?: Raw; error?: string }> {
    this.startCommand();
    try {
      const result = await lifecycle.read(id, {});
      if (!result.id) return { error: this.fail(new Error(`read of ${id} found nothing`)) };
      this.state.set(name, { id: result.id, inputs: (result.inputs ?? {}) as Raw, outputs: result.props as unknown as Raw, initErrors: false });
      return { inputs: result.inputs as Raw };
    } catch (e) {
      return { error: this.fail(e) };
    }
  }

  /** `pulumi preview` of one resource: check and diff only; undefined when it is not in state. */
  async preview(name: string, program: Raw): Promise<{ diff: DiffResult; changed: string[]; displayed: string[] } | undefined> {
    this.startCommand();
    const entry = this.state.get(name);
    if (!entry) return undefined;
    const checked = await lifecycle.check(entry.inputs, program);
    const news = checked.inputs as Raw;
    return {
      diff: await lifecycle.diff(entry.id, entry.outputs, news),
      changed: diffInstance(entry.outputs, news).changed,
      displayed: inputKeysThatDiffer(entry.inputs, news),
    };
  }

  /** `pulumi destroy`: returns the delete errors by resource name. */
  async destroy(): Promise<Map<string, string>> {
    this.startCommand();
    const errors = new Map<string, string>();
    for (const [name, entry] of [...this.state]) {
      const result = await this.deleteOne(name, entry);
      if (result.error !== undefined) errors.set(name, result.error);
    }
    return errors;
  }
}
