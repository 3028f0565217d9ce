/**
 * Model-based tests of the lifecycle layer (fast-check `fc.commands` + `fc.asyncModelRun`): random
 * sequences of what users and the world do to a stack of two instances — declare, change any
 * inputs (in place or replace-forcing, several at once), adopt, import, refresh, plain up,
 * out-of-band changes through the simulator's control routes, an up aborted midway by a fault or
 * a killed CLI, destroy — run through the emulated engine (engine.ts) against a fresh simulator
 * per sequence. The model records what should exist; after every step the invariants
 * (invariants.ts) are checked against the simulator and the emulated state:
 *
 * - every live instance is held by exactly one resource (no orphan, no duplicate), except a
 *   console-made one never adopted, and what an interrupted up left behind until the next up of
 *   its resource (which must take it over or remove it) or a destroy (which must remove it or name it);
 * - every resource in state exists, unless it was removed out of band or its step failed;
 * - an up of a valid program succeeds unless a fault was injected or its instance was removed out
 *   of band, and leaves every instance as declared (except out-of-band drift it had no way to see);
 * - diff shows what the program changed (and what a refresh saw drift), replaces exactly for the
 *   replace-forcing fields, and update does what diff decided: in place keeps the id and IPs and
 *   moves nothing diff did not show, a replacement gets a new id and retires the old one;
 * - after a refresh, the preview of the unchanged program shows exactly where the instance
 *   differs from the program;
 * - no password or access key in any printed line, error message, or state outside `password`.
 */
import * as fc from "fast-check";
import { INSTANCE_TYPES, IMAGES, RESOURCE_GROUPS, ZONES, type SimInstance } from "../../../simulator";
import { REPLACE_KEYS } from "../../../provider/lifecycle/diff/diff";
import type { Raw, UpAction } from "./engine";
import {
  knownOpenLabels, movedFields, observed, type ObservedField, same, secretHits, truthDiff, Violation, type ViolationLabel,
} from "./invariants";
import { ACCESS_KEY_PASSWORD, captureConsole, ownerTagOf, RECYCLED, World } from "./world";

const NAMES = ["a", "b"] as const;
type Name = (typeof NAMES)[number];

export const PASSWORDS = ["Model-Pw-1a!", "Model-Pw-2b@", "Model-Pw-3c#"] as const;
const SECRETS = [...PASSWORDS, ACCESS_KEY_PASSWORD];
const LINUX_IMAGES = IMAGES.filter((i) => i.osType === "linux").map((i) => i.imageId);
const limitOf = (type: unknown) => INSTANCE_TYPES.find((t) => t.instanceType === type)?.internetMaxBandwidthOutLimit ?? 1;

/** What should be true of one resource. */
interface ResourceModel {
  program?: Raw;
  origin: "created" | "adopted" | "imported";
  /** The program as last applied by a successful up (undefined: unknown, e.g. after an import). */
  applied?: Raw;
  /** Fields changed out of band that the provider has not seen yet (no refresh or update since). */
  unseenDrift: Set<ObservedField>;
  /** Fields changed out of band that the provider has seen but not yet put back. */
  seenDrift: Set<ObservedField>;
  /** Terminated or deleted out of band while in state. */
  ghost: boolean;
  /** Its last step reported a failure. */
  failed: boolean;
}

export interface Model {
  resources: Record<Name, ResourceModel>;
  /** Console-made instances nobody adopted. */
  unmanaged: Set<string>;
  /** Instances an interrupted up left behind: id → resource, and the count of output lines when it happened. */
  leftovers: Map<string, { name: Name; linesAt: number; errorsAt: number }>;
  /** The resources the emulated state holds (read back after every step, for the preconditions). */
  inState: Set<Name>;
}

const freshResource = (): ResourceModel => ({
  program: undefined, applied: undefined, origin: "created", unseenDrift: new Set(), seenDrift: new Set(), ghost: false, failed: false,
});
const newModel = (): Model => ({ resources: { a: freshResource(), b: freshResource() }, unmanaged: new Set(), leftovers: new Map(), inState: new Set() });

// ---------------------------------------------------------------------------------------------
// Programs

type Spec = Raw;

const specArb: fc.Arbitrary<Spec> = fc.record({
  zoneId: fc.constantFrom(...ZONES.map((z) => z.zoneId)),
  instanceType: fc.constantFrom(...INSTANCE_TYPES.map((t) => t.instanceType)),
  imageId: fc.constantFrom(...LINUX_IMAGES),
  internetMaxBandwidthOut: fc.constantFrom(1, 20, 150, 300, 800),
  instanceName: fc.constantFrom("web-1", "web.2", "db-main"),
  resourceGroupId: fc.constantFrom(...RESOURCE_GROUPS.map((g) => g.resourceGroupId)),
  tags: fc.constantFrom<Record<string, string>>({ env: "prod" }, { env: "dev", team: "core" }, {}),
  powerState: fc.constantFrom("RUNNING", "STOPPED"),
  systemDisk: fc.constantFrom({ diskSize: 20 }, { diskSize: 40 }),
  password: fc.constantFrom(...PASSWORDS),
}, { requiredKeys: ["zoneId", "instanceType", "imageId", "internetMaxBandwidthOut", "password"] });

/** New values, or null to stop declaring an optional input. */
const CHANGE_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  zoneId: fc.constantFrom(...ZONES.map((z) => z.zoneId)),
  instanceType: fc.constantFrom(...INSTANCE_TYPES.map((t) => t.instanceType)),
  imageId: fc.constantFrom(...LINUX_IMAGES),
  internetMaxBandwidthOut: fc.constantFrom(1, 20, 150, 300, 800),
  instanceName: fc.constantFrom("web-1", "web.2", "db-main", null),
  resourceGroupId: fc.constantFrom(...RESOURCE_GROUPS.map((g) => g.resourceGroupId), null),
  tags: fc.constantFrom<Record<string, string> | null>({ env: "prod" }, { env: "dev", team: "core" }, {}, null),
  powerState: fc.constantFrom("RUNNING", "STOPPED", null),
  systemDisk: fc.constantFrom({ diskSize: 20 }, { diskSize: 40 }),
  password: fc.constantFrom(...PASSWORDS),
};

/** A change of one to three inputs at once. */
const changeArb: fc.Arbitrary<Raw> = fc.uniqueArray(fc.constantFrom(...Object.keys(CHANGE_VALUES)), { minLength: 1, maxLength: 3 })
  .chain((keys) => fc.tuple(...keys.map((k) => CHANGE_VALUES[k]!)).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))));

/** The bandwidth is limited by the type: a program asking for more asks for the type's limit. */
function valid(program: Raw): Raw {
  const limit = limitOf(program.instanceType);
  return Number(program.internetMaxBandwidthOut) > limit ? { ...program, internetMaxBandwidthOut: limit } : program;
}

function withChange(program: Raw, change: Raw): Raw {
  const next: Raw = { ...program };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return valid(next);
}

const describeChange = (change: Raw) => Object.entries(change).map(([k, v]) => `${k}=${v === null ? "∅" : JSON.stringify(v)}`).join(" ");

// ---------------------------------------------------------------------------------------------
// Checks shared by the commands

/** Fails with `label`, or records it and ends the sequence when the label is known to be open. */
function violate(label: ViolationLabel, message: string): never {
  throw new Violation(label, message);
}

/**
 * A violation after which the model still describes the world (what a preview shows, an
 * instance left running): while its label is open it is recorded and the sequence goes on.
 */
function note(world: World, label: ViolationLabel, message: string): void {
  if (world.strict || !knownOpenLabels().has(label)) violate(label, message);
  world.noted.push({ label, message, step: world.step });
}

function programFor(world: World, name: Name, spec: Raw): Raw {
  return { ...spec, __owner: world.ownerOf(name), __resourceName: name };
}

function programs(model: Model): Map<string, Raw> {
  const out = new Map<string, Raw>();
  for (const name of NAMES) {
    const program = model.resources[name].program;
    if (program) out.set(name, program);
  }
  return out;
}

/** Inputs that, when no longer declared, keep what the instance has. */
const KEPT_WHEN_OMITTED = new Set(["instanceName", "resourceGroupId", "internetMaxBandwidthOut", "password", "systemDisk", "adoptInstanceId"]);

/** Keys whose declared value differs between two programs, as the user means them (defaults applied). */
function programChanges(before: Raw | undefined, after: Raw): Set<string> {
  const meant = (program: Raw | undefined, key: string) => {
    const value = program?.[key];
    if (key === "powerState") return value ?? "RUNNING";
    if (key === "tags" && program?.adoptInstanceId === undefined) return value ?? {};
    return value;
  };
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return new Set([...keys].filter((k) => !k.startsWith("__") && !(KEPT_WHEN_OMITTED.has(k) && after[k] === undefined) &&
    !same(meant(before, k), meant(after, k))));
}

/** The invariants that hold after every step. */
async function checkAlways(model: Model, world: World, step: { faulted: boolean }): Promise<void> {
  const live = await world.live();
  const all = await world.instances();
  const state = world.engine.state;
  if (step.faulted) {
    // What an interrupted create left behind (a lost answer): excused until the next up of its resource.
    for (const vm of live) {
      const held = [...state.values()].some((e) => e.id === vm.instanceId);
      const owner = ownerTagOf(vm);
      const name = NAMES.find((n) => world.ownerOf(n) === owner);
      if (!held && name && !model.leftovers.has(vm.instanceId)) {
        model.leftovers.set(vm.instanceId, { name, linesAt: world.lines.length, errorsAt: world.engine.errors.length });
      }
    }
  }
  for (const vm of live) {
    const holders = [...state.entries()].filter(([, e]) => e.id === vm.instanceId).map(([n]) => n);
    if (holders.length > 1) violate("duplicate", `${vm.instanceId} is held by ${holders.join(" and ")}`);
    if (holders.length === 0 && !model.unmanaged.has(vm.instanceId) && !model.leftovers.has(vm.instanceId)) {
      violate("orphan", `${vm.instanceId} (${vm.instanceStatus}, owner ${ownerTagOf(vm) ?? "none"}) is live but no resource holds it`);
    }
  }
  for (const [name, entry] of state) {
    const res = model.resources[name as Name];
    const vm = all.find((i) => i.instanceId === entry.id);
    if ((!vm || RECYCLED.has(vm.instanceStatus)) && !res.ghost && !res.failed) {
      violate("state-without-instance", `${name} holds ${entry.id}, which is ${vm?.instanceStatus ?? "gone"}`);
    }
  }
  const texts: [string, string][] = [
    ...world.lines.map((line, i): [string, string] => [`output line ${i + 1}`, line]),
    ...world.engine.errors.map((e, i): [string, string] => [`error ${i + 1}`, e]),
  ];
  for (const [name, entry] of state) {
    const { password: _o, ...outputs } = entry.outputs;
    const { password: _i, ...inputs } = entry.inputs;
    texts.push([`${name}'s outputs`, JSON.stringify(outputs)], [`${name}'s inputs`, JSON.stringify(inputs)]);
  }
  const hits = secretHits(texts, SECRETS);
  if (hits.length) violate("secret-leaked", hits.join("; "));
}

/** Runs `pulumi up` and checks what it did against the model. */
async function upAndCheck(model: Model, world: World, step: { faulted: boolean; label: string }): Promise<void> {
  const before = new Map<string, { vm?: SimInstance; initErrors: boolean }>();
  for (const [name, entry] of world.engine.state) before.set(name, { vm: await world.instance(entry.id), initErrors: entry.initErrors });
  const actions = await world.engine.up(programs(model));
  for (const [name, action] of actions) {
    const res = model.resources[name as Name];
    const prior = before.get(name);
    await checkAction(model, world, name as Name, res, action, prior, step.faulted);
  }
  // Leftovers of a resource whose up succeeded are no longer excused: it had to take them over or remove them.
  for (const [id, leftover] of [...model.leftovers]) {
    const res = model.resources[leftover.name];
    if (!step.faulted && res.program && !res.failed && actions.has(leftover.name)) model.leftovers.delete(id);
  }
}

async function checkAction(
  model: Model, world: World, name: Name, res: ResourceModel, action: UpAction,
  prior: { vm?: SimInstance; initErrors: boolean } | undefined, faulted: boolean,
): Promise<void> {
  const program = res.program;
  const error = "error" in action ? action.error : undefined;
  if (action.kind === "delete") {
    if (error !== undefined && !faulted) violate("destroy-failed", `deleting ${name} (${action.id}) failed: ${error}`);
    if (error === undefined) Object.assign(res, freshResource(), { program: res.program });
    return;
  }
  if (!program) return;
  // Nothing to do for an unchanged program, though its instance is gone: only a refresh can tell.
  if (action.kind === "same" && res.ghost) return;
  if (action.kind === "check-failed") violate("up-failed", `check refused ${name}'s valid program: ${action.error}`);
  if (error !== undefined) {
    res.failed = true;
    if (faulted || (res.ghost && action.kind === "update")) return;
    const changes = programChanges(res.applied, program);
    const retiredAdoptee = program.adoptInstanceId !== undefined && res.applied !== undefined;
    if ((action.kind === "replace" && (res.origin === "adopted" || res.origin === "imported")) || (action.kind === "create" && retiredAdoptee)) {
      violate("adopt-or-import-replace", `replacing ${res.origin} ${name} (${action.kind === "replace" ? action.oldId : String(program.adoptInstanceId)}) failed: ${error}`);
    }
    if (action.kind === "update" && changes.has("instanceType") && changes.has("internetMaxBandwidthOut") && error.includes("INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM")) {
      violate("resize-bandwidth-order", `${name}: ${describeChange(Object.fromEntries([...changes].map((k) => [k, program[k]])))} failed: ${error}`);
    }
    // A program whose adoptInstanceId names an instance deleted or terminated since (the refresh
    // that dropped it said so) is not a valid program: the create refuses it, naming the id.
    if (action.kind === "create" && program.adoptInstanceId !== undefined && res.applied === undefined &&
      error.includes(`Cannot adopt ${String(program.adoptInstanceId)}`) && /does not list it|recycle bin/.test(error)) return;
    if (action.kind === "update" && error.includes("needs a RUNNING instance (ModifyInstanceBandwidth)")) {
      violate("bandwidth-while-stopped", `${name}: ${error}`);
    }
    violate("up-failed", `${action.kind} of ${name} failed without a fault: ${error}`);
  }
  const entry = world.engine.state.get(name);
  if (!entry) violate("up-failed", `${name} is not in state after a successful ${action.kind}`);
  const vm = await world.instance(entry.id);
  if (!vm || RECYCLED.has(vm.instanceStatus)) violate("state-without-instance", `${name}'s ${entry.id} is ${vm?.instanceStatus ?? "gone"} after ${action.kind}`);

  if ((action.kind === "update" || action.kind === "replace") && prior?.vm && !RECYCLED.has(prior.vm.instanceStatus)) {
    // What a truthful diff shows: where the instance (as the provider last saw it) differs from the program.
    const noted = new Set(action.changed);
    if (!res.failed && !prior.initErrors && !res.ghost) {
      const expected = truthDiff(prior.vm, program);
      const unseen = res.unseenDrift as Set<string>;
      const passwordChanged = programChanges(res.applied, program).has("password") || res.applied === undefined;
      const missed = [...expected].filter((k) => !noted.has(k) && !unseen.has(k));
      if (missed.length) violate("diff-missed-change", `${name}: the instance differs from the program in ${missed.join(", ")} but diff showed ${[...noted].join(", ") || "nothing"}`);
      const extra = [...noted].filter((k) => !expected.has(k as ObservedField) && !unseen.has(k) && !(k === "password" && passwordChanged));
      if (extra.length) violate("diff-noise", `${name}: diff showed ${extra.join(", ")}, in which the instance does not differ from the program`);
    }
    const replaceKeys = new Set<string>(REPLACE_KEYS);
    const forced = [...noted].filter((k) => replaceKeys.has(k));
    const replaces = action.diff.replaces ?? [];
    if (forced.some((k) => !replaces.includes(k)) || replaces.some((k) => !noted.has(k))) {
      violate("diff-missed-change", `${name}: diff changed ${[...noted].join(", ")} but marked ${replaces.join(", ") || "nothing"} as replacing`);
    }
  }
  if (action.kind === "update") {
    if (entry.id !== action.id) violate("in-place-moved", `${name} was updated in place but its id went ${action.id} → ${entry.id}`);
    const was = prior?.vm;
    if (was) {
      if (!same([...was.publicIpAddresses].sort(), [...vm.publicIpAddresses].sort())) {
        violate("in-place-moved", `${name} (${entry.id}) was updated in place but its public IPs changed`);
      }
      // A reinstall (imageId, keyId) ends in the power state the stack records: ResetInstance boots
      // the instance, and one declared STOPPED is stopped again. That is what the preview's
      // reinstall means, even for an instance stopped outside Pulumi.
      const reinstalled = action.changed.includes("imageId") || action.changed.includes("keyId");
      const recordedPower = (program.powerState as string | undefined) ?? "RUNNING";
      const moved = movedFields(was, vm).filter((f) => !action.changed.includes(f) &&
        !(f === "powerState" && reinstalled && observed(vm, "powerState") === recordedPower));
      if (moved.length && !prior.initErrors) {
        note(world, "update-beyond-diff", `${name} (${entry.id}): update changed ${moved.join(", ")} which its diff (${action.changed.join(", ")}) never showed`);
      }
    }
  }
  if (action.kind === "replace") {
    if (entry.id === action.oldId) violate("replace-kept-old", `${name} was replaced but kept its id ${entry.id}`);
    const old = await world.instance(action.oldId);
    if (old && !RECYCLED.has(old.instanceStatus)) violate("replace-kept-old", `${name}'s old instance ${action.oldId} is still ${old.instanceStatus} after its replacement`);
  }
  // Converged: the instance is as declared, except drift the provider had no way to see.
  const excused = action.kind === "create" || action.kind === "replace" ? new Set<ObservedField>() : new Set([...res.unseenDrift, ...(action.kind === "same" ? res.seenDrift : [])]);
  const off = [...truthDiff(vm, program)].filter((f) => !excused.has(f));
  if (off.length) violate("not-converged", `${name} (${entry.id}) after ${action.kind}: ${off.map((f) => `${f} is ${JSON.stringify(fieldOf(vm, f))}, declared ${JSON.stringify(program[f])}`).join("; ")}`);

  res.failed = false;
  if (action.kind !== "same") {
    res.applied = program;
    res.ghost = false;
    if (action.kind === "update") {
      // An update records only what its diff decided: drift it left alone stays where it was,
      // unseen until a refresh (or seen, when a refresh already showed it).
      for (const f of action.changed) {
        res.seenDrift.delete(f as ObservedField);
        res.unseenDrift.delete(f as ObservedField);
      }
    } else {
      res.seenDrift.clear();
      res.unseenDrift.clear();
    }
  }
}

const fieldOf = (vm: SimInstance, f: ObservedField) => (f === "tags" ? vm.tags : f === "powerState" ? vm.instanceStatus : (vm as unknown as Raw)[f]);

// ---------------------------------------------------------------------------------------------
// Commands

type Cmd = fc.AsyncCommand<Model, World, false>;

class Declare implements Cmd {
  constructor(readonly name: Name, readonly spec: Spec) {}
  check = (m: Readonly<Model>) => !m.resources[this.name].program && !stateHas(m, this.name);
  async run(m: Model, w: World) {
    Object.assign(m.resources[this.name], freshResource(), { program: valid(programFor(w, this.name, this.spec)) });
    await upAndCheck(m, w, { faulted: false, label: this.toString() });
    await checkAlways(m, w, { faulted: false });
  }
  toString = () => `declare ${this.name} ${describeChange(valid(this.spec))}`;
}

/** The program before a change of a resource not declared yet: the change is made to this. */
const BASE_SPEC: Spec = { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: LINUX_IMAGES[0], internetMaxBandwidthOut: 1, password: PASSWORDS[0] };

/** The resource's program with `change` applied; a resource not declared yet is declared with it. */
function changedProgram(m: Model, w: World, name: Name, change: Raw): Raw {
  const res = m.resources[name];
  if (res.program) return withChange(res.program, change);
  Object.assign(res, freshResource());
  return withChange(programFor(w, name, BASE_SPEC), change);
}

class Change implements Cmd {
  constructor(readonly name: Name, readonly change: Raw) {}
  check = (m: Readonly<Model>) => m.resources[this.name].program !== undefined || !stateHas(m, this.name);
  async run(m: Model, w: World) {
    const res = m.resources[this.name];
    res.program = changedProgram(m, w, this.name, this.change);
    await upAndCheck(m, w, { faulted: false, label: this.toString() });
    await checkAlways(m, w, { faulted: false });
  }
  toString = () => `change ${this.name} ${describeChange(this.change)}`;
}

/** A console-made instance matching what adoption cannot change; adopted or imported by the caller. */
async function seedConsoleInstance(w: World, spec: Spec): Promise<string> {
  const vm = await w.control<SimInstance>("POST", "/instances", {
    zoneId: spec.zoneId, instanceType: spec.instanceType, imageId: spec.imageId, instanceName: "console-made",
    internetMaxBandwidthOut: 1, ...(spec.systemDisk ? { systemDisk: spec.systemDisk } : {}),
    // Adoption changes no tags: a program that declares some declares those the instance has.
    tags: { tags: Object.entries((spec.tags as Record<string, string> | undefined) ?? { origin: "console" }).map(([key, value]) => ({ key, value })) },
  });
  return vm.instanceId;
}

class Adopt implements Cmd {
  constructor(readonly name: Name, readonly spec: Spec) {}
  check = (m: Readonly<Model>) => !m.resources[this.name].program && !stateHas(m, this.name);
  async run(m: Model, w: World) {
    const id = await seedConsoleInstance(w, this.spec);
    m.unmanaged.add(id);
    Object.assign(m.resources[this.name], freshResource(), { origin: "adopted", program: valid({ ...programFor(w, this.name, this.spec), adoptInstanceId: id }) });
    await upAndCheck(m, w, { faulted: false, label: this.toString() });
    if ([...w.engine.state.values()].some((e) => e.id === id)) m.unmanaged.delete(id);
    await checkAlways(m, w, { faulted: false });
  }
  toString = () => `adopt a console-made instance as ${this.name} ${describeChange(valid(this.spec))}`;
}

class Import implements Cmd {
  constructor(readonly name: Name, readonly spec: Spec) {}
  check = (m: Readonly<Model>) => !m.resources[this.name].program && !stateHas(m, this.name);
  async run(m: Model, w: World) {
    const id = await seedConsoleInstance(w, this.spec);
    const read = await w.engine.importRead(this.name, id);
    if (read.error !== undefined) violate("refresh-failed", `importing ${id} failed: ${read.error}`);
    Object.assign(m.resources[this.name], freshResource(), { origin: "imported", program: valid(programFor(w, this.name, this.spec)) });
    await upAndCheck(m, w, { faulted: false, label: this.toString() });
    await checkAlways(m, w, { faulted: false });
  }
  toString = () => `import a console-made instance as ${this.name}, then up ${describeChange(valid(this.spec))}`;
}

class Up implements Cmd {
  check = (m: Readonly<Model>) => NAMES.some((n) => m.resources[n].program !== undefined);
  async run(m: Model, w: World) {
    await upAndCheck(m, w, { faulted: false, label: "up" });
    await checkAlways(m, w, { faulted: false });
  }
  toString = () => "up (program unchanged)";
}

class Refresh implements Cmd {
  check = () => true;
  async run(m: Model, w: World) {
    const errors = await w.engine.refresh();
    for (const [name, error] of errors) violate("refresh-failed", `refreshing ${name} failed: ${error}`);
    for (const name of NAMES) {
      const res = m.resources[name];
      const entry = w.engine.state.get(name);
      if (!entry) {
        if (res.ghost) Object.assign(res, freshResource(), { program: res.program });
        continue;
      }
      for (const f of res.unseenDrift) res.seenDrift.add(f);
      res.unseenDrift.clear();
      if (!res.program || res.failed) continue;
      const vm = await w.instance(entry.id);
      const preview = await w.engine.preview(name, res.program);
      if (!vm || !preview) continue;
      const truth = truthDiff(vm, res.program);
      const shown = new Set(preview.changed.filter((k) => k !== "timeouts" && k !== "forceDelete"));
      const noise = [...shown].filter((k) => !truth.has(k as ObservedField));
      if (noise.length) note(w, "refresh-noise", `after refresh, ${name}'s unchanged program previews ${noise.join(", ")}, which the instance does not differ in`);
      const displayed = preview.displayed.filter((k) => !truth.has(k as ObservedField));
      if (displayed.length) note(w, "refresh-noise", `after refresh, preview --diff of ${name}'s unchanged program lists ${displayed.join(", ")}, in which the instance does not differ from the program`);
      const missed = [...truth].filter((k) => !shown.has(k));
      if (missed.length) violate("refresh-missed-drift", `after refresh, ${name}'s preview hides that ${missed.join(", ")} differ`);
    }
    await checkAlways(m, w, { faulted: false });
  }
  toString = () => "refresh";
}

const OUT_OF_BAND = ["stop", "terminate", "delete", "tag", "resize", "reinstall"] as const;
type OutOfBandKind = (typeof OUT_OF_BAND)[number];

class OutOfBand implements Cmd {
  constructor(readonly name: Name, readonly kind: OutOfBandKind, readonly pick: number) {}
  check = (m: Readonly<Model>) => stateHas(m, this.name) && !m.resources[this.name].ghost;
  async run(m: Model, w: World) {
    const entry = w.engine.state.get(this.name);
    const res = m.resources[this.name];
    const vm = entry && await w.instance(entry.id);
    if (!entry || !vm || RECYCLED.has(vm.instanceStatus)) return;
    const path = `/instances/${vm.instanceId}`;
    const drift = (field: ObservedField) => res.unseenDrift.add(field);
    switch (this.kind) {
      case "stop":
        if (vm.instanceStatus !== "RUNNING") return;
        await w.control("PATCH", path, { instanceStatus: "STOPPED" });
        drift("powerState");
        break;
      case "terminate":
        await w.control("PATCH", path, { instanceStatus: "RECYCLING" });
        res.ghost = true;
        break;
      case "delete":
        await w.control("DELETE", path);
        res.ghost = true;
        break;
      case "tag":
        await w.control("PATCH", path, { tags: { tags: [...(vm.tags?.tags ?? []).filter((t) => t.key !== "oob"), { key: "oob", value: `v${this.pick}` }] } });
        drift("tags");
        break;
      case "resize": {
        const types = INSTANCE_TYPES.filter((t) => t.instanceType !== vm.instanceType && t.internetMaxBandwidthOutLimit >= vm.internetMaxBandwidthOut);
        if (!types.length) return;
        await w.control("PATCH", path, { instanceType: types[this.pick % types.length]!.instanceType });
        drift("instanceType");
        break;
      }
      case "reinstall": {
        const images = LINUX_IMAGES.filter((i) => i !== vm.imageId);
        await w.control("PATCH", path, { imageId: images[this.pick % images.length] });
        drift("imageId");
        break;
      }
    }
    await checkAlways(m, w, { faulted: false });
  }
  toString = () => `out of band: ${this.kind} ${this.name}'s instance${this.kind === "tag" || this.kind === "resize" || this.kind === "reinstall" ? ` (#${this.pick})` : ""}`;
}

/**
 * Actions whose failure aborts an up midway. Status reads are left alone (a wait would only time
 * out), and so is CreateInstances: a failed create is reconciled by name for seconds per attempt;
 * AbortedDeclare covers the create.
 */
const FAULTABLE = ["TerminateInstance", "ModifyInstanceType", "ModifyInstanceBandwidth", "ModifyResourceTags",
  "StartInstances", "StopInstances", "ResetInstance", "ModifyInstancesAttribute", "ResetInstancesPassword"] as const;

class AbortedChange implements Cmd {
  constructor(readonly name: Name, readonly change: Raw, readonly action: (typeof FAULTABLE)[number]) {}
  check = (m: Readonly<Model>) => m.resources[this.name].program !== undefined || !stateHas(m, this.name);
  async run(m: Model, w: World) {
    const res = m.resources[this.name];
    res.program = changedProgram(m, w, this.name, this.change);
    await w.control("PUT", "/faults", { errorRate: 1, actions: [this.action] });
    try {
      await upAndCheck(m, w, { faulted: true, label: this.toString() });
    } finally {
      await w.control("PUT", "/faults", {});
    }
    await checkAlways(m, w, { faulted: true });
  }
  toString = () => `change ${this.name} ${describeChange(this.change)} while every ${this.action} fails`;
}

const CREATE_FAULTS = ["create-failed", "lost-response"] as const;

class AbortedDeclare implements Cmd {
  constructor(readonly name: Name, readonly spec: Spec, readonly fault: (typeof CREATE_FAULTS)[number]) {}
  check = (m: Readonly<Model>) => !m.resources[this.name].program && !stateHas(m, this.name);
  async run(m: Model, w: World) {
    Object.assign(m.resources[this.name], freshResource(), { program: valid(programFor(w, this.name, this.spec)) });
    if (this.fault === "create-failed") await w.control("POST", "/create-failures", { count: 1 });
    else await w.control("PUT", "/faults", { loseResponseRate: 1, actions: ["CreateInstances"] });
    try {
      await upAndCheck(m, w, { faulted: true, label: this.toString() });
    } finally {
      await w.control("PUT", "/faults", {});
    }
    await checkAlways(m, w, { faulted: true });
  }
  toString = () => `declare ${this.name} ${describeChange(valid(this.spec))} while ${this.fault === "create-failed" ? "the create fails (CREATE_FAILED)" : "CreateInstances' answer is lost"}`;
}

/** `pulumi up` killed right after CreateInstances: the instance exists with the owner tag, the state knows nothing. */
class KilledUp implements Cmd {
  constructor(readonly name: Name, readonly spec: Spec) {}
  check = (m: Readonly<Model>) => !m.resources[this.name].program && !stateHas(m, this.name);
  async run(m: Model, w: World) {
    const program = valid(programFor(w, this.name, this.spec));
    const vm = await w.control<SimInstance>("POST", "/instances", {
      zoneId: program.zoneId, instanceType: program.instanceType, imageId: program.imageId,
      internetMaxBandwidthOut: program.internetMaxBandwidthOut, instanceStatus: "PENDING",
      ...(program.systemDisk ? { systemDisk: program.systemDisk } : {}),
      tags: { tags: [{ key: "pulumi-owner", value: w.ownerOf(this.name) }] },
    });
    Object.assign(m.resources[this.name], freshResource(), { program });
    m.leftovers.set(vm.instanceId, { name: this.name, linesAt: w.lines.length, errorsAt: w.engine.errors.length });
    await checkAlways(m, w, { faulted: false });
  }
  toString = () => `up of a new ${this.name} ${describeChange(valid(this.spec))} killed after CreateInstances`;
}

class Destroy implements Cmd {
  check = (m: Readonly<Model>) => NAMES.some((n) => m.resources[n].program !== undefined) || m.leftovers.size > 0;
  async run(m: Model, w: World) {
    const errors = await w.engine.destroy();
    for (const [name, error] of errors) violate("destroy-failed", `deleting ${name} failed: ${error}`);
    for (const name of NAMES) Object.assign(m.resources[name], freshResource(), { program: undefined });
    const live = new Set((await w.live()).map((i) => i.instanceId));
    for (const [id, leftover] of [...m.leftovers]) {
      if (!live.has(id)) {
        m.leftovers.delete(id);
        continue;
      }
      const named = [...w.lines.slice(leftover.linesAt), ...w.engine.errors.slice(leftover.errorsAt)].some((line) => line.includes(id));
      if (!named) note(w, "orphan-after-kill", `${id}, left by an interrupted up of ${leftover.name}, is still running after destroy and nothing named it`);
      m.leftovers.delete(id);
      m.unmanaged.add(id);
    }
    await checkAlways(m, w, { faulted: false });
  }
  toString = () => "destroy";
}

const stateHas = (m: Readonly<Model>, name: Name) => m.inState.has(name);

// ---------------------------------------------------------------------------------------------
// The runner

/** The steps by name, for example tests that replay one sequence. */
export const STEPS = {
  declare: (name: Name, spec: Spec) => new Declare(name, spec),
  change: (name: Name, change: Raw) => new Change(name, change),
  adopt: (name: Name, spec: Spec) => new Adopt(name, spec),
  import: (name: Name, spec: Spec) => new Import(name, spec),
  up: () => new Up(),
  refresh: () => new Refresh(),
  outOfBand: (name: Name, kind: OutOfBandKind, pick = 0) => new OutOfBand(name, kind, pick),
  abortedChange: (name: Name, change: Raw, action: (typeof FAULTABLE)[number]) => new AbortedChange(name, change, action),
  abortedDeclare: (name: Name, spec: Spec, fault: (typeof CREATE_FAULTS)[number]) => new AbortedDeclare(name, spec, fault),
  killedUp: (name: Name, spec: Spec) => new KilledUp(name, spec),
  destroy: () => new Destroy(),
};

/**
 * Runs one sequence in a fresh world, checking every invariant after every step; throws the first
 * Violation. A step whose precondition does not hold fails the sequence (a mistyped example).
 */
export async function runSequence(steps: Cmd[]): Promise<void> {
  const restore = captureConsole();
  const world = await World.start(0);
  world.strict = true;
  const model = newModel();
  try {
    for (const step of steps) {
      if (!step.check(model)) throw new Error(`the step "${step.toString()}" does not apply here`);
      try {
        await step.run(model, world);
      } finally {
        model.inState = new Set([...world.engine.state.keys()] as Name[]);
      }
    }
  } finally {
    await world.stop();
    restore();
  }
}

const nameArb = fc.constantFrom<Name>(...NAMES);

export const COMMANDS: fc.Arbitrary<Cmd>[] = [
  fc.tuple(nameArb, specArb).map(([n, s]) => new Declare(n, s)),
  fc.tuple(nameArb, changeArb).map(([n, c]) => new Change(n, c)),
  fc.tuple(nameArb, changeArb).map(([n, c]) => new Change(n, c)),
  fc.tuple(nameArb, specArb).map(([n, s]) => new Adopt(n, s)),
  fc.tuple(nameArb, specArb).map(([n, s]) => new Import(n, s)),
  fc.constant(new Up()),
  fc.constant(new Refresh()),
  fc.tuple(nameArb, fc.constantFrom(...OUT_OF_BAND), fc.nat({ max: 3 })).map(([n, k, p]) => new OutOfBand(n, k, p)),
  fc.tuple(nameArb, changeArb, fc.constantFrom(...FAULTABLE)).map(([n, c, a]) => new AbortedChange(n, c, a)),
  fc.tuple(nameArb, specArb, fc.constantFrom(...CREATE_FAULTS)).map(([n, s, f]) => new AbortedDeclare(n, s, f)),
  fc.tuple(nameArb, specArb).map(([n, s]) => new KilledUp(n, s)),
  fc.constant(new Destroy()),
];

export interface ModelViolation { label: ViolationLabel; known: boolean; message: string; sequence: string[] }

export interface ModelFigures {
  seed: number;
  sequences: number;
  steps: number;
  /** Violations of labels in KNOWN_OPEN (each ended its sequence), then at most one other (shrunk). */
  violations: ModelViolation[];
  seconds: number;
}

/** Runs `numRuns` sequences of at most `maxSteps` steps; never throws for a violation, returns it. */
export async function runModel(options: {
  numRuns: number; seed: number; maxSteps?: number;
  /** A line per known-open violation. */
  log?: (line: string) => void;
  /** A line per step, as it starts. */
  trace?: (line: string) => void;
}): Promise<ModelFigures> {
  const started = Date.now();
  const known = knownOpenLabels();
  const figures: ModelFigures = { seed: options.seed, sequences: 0, steps: 0, violations: [], seconds: 0 };
  const restore = captureConsole();
  let sequence = 0;
  // The last failing run: once shrinking ends, the smallest counterexample found.
  let lastFailure: { message: string; sequence: string[]; label?: ViolationLabel } | undefined;
  try {
    const property = fc.asyncProperty(fc.commands(COMMANDS, { maxCommands: options.maxSteps ?? 12, size: "max" }), async (cmds) => {
      const world = await World.start(++sequence);
      const ran: string[] = [];
      figures.sequences++;
      const counted = [...cmds].map((cmd) => ({
        check: (m: Readonly<Model>) => cmd.check(m),
        run: async (m: Model, w: World) => {
          ran.push(cmd.toString());
          w.step = ran.length;
          figures.steps++;
          options.trace?.(`#${sequence}.${ran.length} ${cmd.toString()}`);
          try {
            await cmd.run(m, w);
          } finally {
            m.inState = new Set([...w.engine.state.keys()] as Name[]);
          }
        },
        toString: () => cmd.toString(),
      }));
      try {
        await fc.asyncModelRun(() => ({ model: newModel(), real: world }), counted);
      } catch (e) {
        if (e instanceof Violation && known.has(e.label)) {
          figures.violations.push({ label: e.label, known: true, message: e.message, sequence: [...ran] });
          options.log?.(`known open ${e.label}: ${ran.join(" → ")}`);
          return;
        }
        lastFailure = { message: e instanceof Error ? e.message : String(e), sequence: [...ran], label: e instanceof Violation ? e.label : undefined };
        throw e;
      } finally {
        for (const noted of world.noted) {
          figures.violations.push({ label: noted.label, known: true, message: `[${noted.label}] ${noted.message}`, sequence: ran.slice(0, noted.step) });
        }
        await world.stop();
      }
    });
    const result = await fc.check(property, { numRuns: options.numRuns, seed: options.seed, endOnFailure: false });
    if (result.failed) {
      const failure = lastFailure ?? { message: String(result.errorInstance), sequence: [] };
      figures.violations.push({ label: failure.label ?? "crash", known: false, message: failure.message, sequence: failure.sequence });
    }
  } finally {
    restore();
  }
  figures.seconds = Math.round((Date.now() - started) / 100) / 10;
  return figures;
}
