/**
 * Property-based tests of `check` and `diff` (fast-check): generated inputs, hostile and valid,
 * go through the provider object exactly as the provider host calls it. Each property reports how
 * many inputs it tried and the first counterexample, if any, so that both the Jest suite (a short
 * run) and `npm run chaos` (a long one) can use them.
 */
import * as fc from "fast-check";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { InstanceProvider } from "../../provider";
import { UNKNOWN } from "../../provider/lifecycle/constants";
import { IN_PLACE_KEYS, REPLACE_KEYS } from "../../provider/lifecycle/diff/diff";
import { PROTOTYPE_KEYS } from "../../provider/lifecycle/inputs/input-keys";
import { PASSWORD_RULE } from "../../facts/rules";
import { inputSchema } from "../../provider/lifecycle/inputs/inputs";
import { formatPath } from "../../provider/lifecycle/inputs/unknowns";

type Raw = Record<string, unknown>;

/** The declared inputs, read from the schema (as check does). */
const SCHEMA_KEYS = Object.keys(inputSchema.shape);

/** An object with exactly these own entries, `__proto__` included as a plain key (as JSON.parse makes it). */
const objectOf = (entries: [string, unknown][]): Raw => Object.fromEntries(entries);

/** Values a hostile program can pass: any JSON, huge and odd numbers, long and odd strings, the preview sentinel. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0, -0, -1, 0.5, "", " ", UNKNOWN, "30d", "99999999999999999999d", "x".repeat(1_000_000)),
  fc.double(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.array(fc.constantFrom(UNKNOWN, null, {}, { diskSize: 1 }), { maxLength: 3 }),
);

/** Keys: the declared ones, near misses, prototype and host keys, and anything else. */
const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SCHEMA_KEYS, ...PROTOTYPE_KEYS, "__provider", "imageID", "instanceCount", "ZoneId", "toString", "hasOwnProperty"),
  fc.string({ maxLength: 12 }),
);

/** Arbitrary input objects, hostile at the top level and one level down. */
export const hostileInputs: fc.Arbitrary<Raw> = fc
  .array(fc.tuple(hostileKey, fc.oneof(hostileValue, fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 4 }).map(objectOf))), { maxLength: 12 })
  .map(objectOf);

const DURATION = fc.tuple(fc.integer({ min: 1, max: 500 }), fc.constantFrom("s", "m", "h", "d")).map(([n, unit]) => `${n}${unit}`)
  .filter((text) => !(text.endsWith("d") && Number.parseInt(text, 10) > 365));
const NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";
const nameOf = (chars: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((c) => c.join(""));

/** Passwords that meet the rule: one of each class, then allowed filler, shuffled by a seed. */
export const validPassword: fc.Arbitrary<string> = fc
  .tuple(nameOf("abcdefghijkmnpqrstuvwxyz", 1, 1), nameOf("ABCDEFGHJKLMNPQRSTUVWXYZ", 1, 1), nameOf("23456789", 1, 1),
    nameOf(PASSWORD_RULE.specials, 1, 1), nameOf(`abcdefXYZ789${PASSWORD_RULE.specials}`, 4, 12))
  .map((parts) => parts.join(""));

/** Inputs that satisfy every rule. */
export const validInputs: fc.Arbitrary<Raw> = fc.record({
  zoneId: fc.constantFrom("SEL-A", "HKG-A", "FRA-A"),
  instanceType: fc.constantFrom("c.1c2g", "c.2c4g"),
  imageId: nameOf("abcdef0123456789", 4, 20).map((s) => `img-${s}`),
  instanceName: fc.option(nameOf(NAME_CHARS, 1, 64), { nil: undefined }),
  password: validPassword,
  internetMaxBandwidthOut: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
  resourceGroupId: fc.option(nameOf("abcdef0123456789-", 1, 36), { nil: undefined }),
  tags: fc.option(fc.dictionary(nameOf(NAME_CHARS, 1, 10), fc.string({ minLength: 1, maxLength: 10 }), { maxKeys: 4 }), { nil: undefined }),
  forceDelete: fc.option(fc.boolean(), { nil: undefined }),
  timeouts: fc.option(fc.record({ create: DURATION, update: DURATION, delete: DURATION }, { requiredKeys: [] }), { nil: undefined }),
  systemDisk: fc.option(fc.record({ diskSize: fc.integer({ min: 20, max: 500 }) }), { nil: undefined }),
  __owner: fc.constant("proj/stack/vm"),
  __resourceName: fc.constant("vm"),
}, { requiredKeys: ["zoneId", "instanceType", "imageId", "password", "__owner", "__resourceName"] })
  .map((inputs) => Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined)));

/** One property: a name that says what must hold, and a check that throws on a counterexample. */
export interface FuzzProperty {
  name: string;
  run(provider: InstanceProvider, options: { numRuns: number; seed: number }): Promise<number>;
}

/** Runs `predicate` over `arb`; returns the number of inputs tried, throws fast-check's report on failure. */
async function runProperty<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, options: { numRuns: number; seed: number }): Promise<number> {
  let tried = 0;
  await fc.assert(fc.asyncProperty(arb, async (value) => { tried++; await predicate(value); }), { ...options, endOnFailure: true });
  return tried;
}

function fail(message: string): never {
  throw new Error(message);
}

const ROOTS = new Set(SCHEMA_KEYS);
const namesOneOf = (property: string, keys: string[]) => keys.some((key) => {
  const root = formatPath([key]);
  return property === root || property.startsWith(`${root}.`) || property.startsWith(`${root}[`);
});

/** The properties, in the order they are reported. */
export const FUZZ_PROPERTIES: FuzzProperty[] = [
  {
    name: "check never throws and returns inputs the provider host can encode",
    run: (provider, options) => runProperty(hostileInputs, async (news) => {
      const result = await provider.check({}, news);
      structproto.Struct.fromJavaScript(result.inputs as never);
      if (!Array.isArray(result.failures ?? [])) fail("failures is not a list");
    }, options),
  },
  {
    name: "every check failure names an input property and says why",
    run: (provider, options) => runProperty(hostileInputs, async (news) => {
      for (const f of (await provider.check({}, news)).failures ?? []) {
        if (typeof f.property !== "string" || f.property === "") fail(`a failure without a property: ${JSON.stringify(f)}`);
        if (typeof f.reason !== "string" || f.reason === "") fail(`a failure without a reason: ${f.property}`);
        if (!namesOneOf(f.property, [...Object.keys(news), ...ROOTS])) fail(`failure ${f.property} names no input`);
      }
    }, options),
  },
  {
    name: "check failures never quote the password",
    run: (provider, options) => runProperty(fc.tuple(hostileInputs, fc.string({ minLength: 1, maxLength: 30 })), async ([news, tail]) => {
      const password = `Pw-${tail}`;
      for (const f of (await provider.check({}, { ...news, password })).failures ?? []) {
        if (f.reason.includes(password)) fail(`failure ${f.property} quotes the password`);
      }
    }, options),
  },
  {
    name: "valid inputs pass check, and checking the result again changes nothing",
    run: (provider, options) => runProperty(validInputs, async (news) => {
      const first = await provider.check({}, news);
      if (first.failures?.length) fail(`valid inputs refused: ${JSON.stringify(first.failures)}`);
      const second = await provider.check(first.inputs as Raw, first.inputs as Raw);
      if (second.failures?.length) fail(`checked inputs refused: ${JSON.stringify(second.failures)}`);
      if (JSON.stringify(second.inputs) !== JSON.stringify(first.inputs)) fail("a second check changed the inputs");
    }, options),
  },
  {
    name: "an unknown key is refused by its own name",
    run: (provider, options) => runProperty(
      fc.tuple(validInputs, fc.string({ minLength: 1, maxLength: 16 }).filter((k) => !ROOTS.has(k) && !PROTOTYPE_KEYS.has(k) && k !== "__provider"), hostileValue),
      async ([news, key, value]) => {
        const failures = (await provider.check({}, objectOf([...Object.entries(news), [key, value]]))).failures ?? [];
        const named = formatPath([key]);
        if (!failures.some((f) => f.property === named && f.reason.startsWith(`${named} is not an input of Instance`))) {
          fail(`unknown key ${JSON.stringify(key)} not refused by name: ${JSON.stringify(failures)}`);
        }
      }, options),
  },
  {
    name: "prototype keys change neither the verdict nor any prototype",
    run: (provider, options) => runProperty(fc.tuple(validInputs, fc.subarray([...PROTOTYPE_KEYS], { minLength: 1 }), hostileValue), async ([news, keys, value]) => {
      const hostile = objectOf([...Object.entries(news), ...keys.map((k): [string, unknown] => [k, value])]);
      const result = await provider.check({}, hostile);
      if (result.failures?.length) fail(`prototype keys caused failures: ${JSON.stringify(result.failures)}`);
      if (Object.getPrototypeOf(result.inputs) !== Object.prototype) fail("the checked inputs have a foreign prototype");
      if (keys.some((k) => Object.hasOwn(result.inputs as object, k))) fail("a prototype key reached the stored inputs");
      if (Object.keys(Object.prototype).length > 0) fail("Object.prototype was polluted");
    }, options),
  },
  {
    name: "diff never throws and its answer is consistent",
    run: (provider, options) => runProperty(fc.tuple(hostileInputs, hostileInputs), async ([olds, news]) => {
      const result = await provider.diff("ins-fuzz", olds, news);
      const replaces = result.replaces ?? [];
      const allowed = new Set<string>([...REPLACE_KEYS, "instanceStatus"]);
      if (typeof result.changes !== "boolean") fail("changes is not a boolean");
      if (replaces.some((k) => !allowed.has(k))) fail(`replaces an unexpected key: ${replaces.join(", ")}`);
      if (replaces.length > 0 && (!result.changes || result.deleteBeforeReplace !== true)) fail("a replacement without changes or deleteBeforeReplace");
    }, options),
  },
  {
    name: "diff of checked inputs against themselves is empty",
    run: (provider, options) => runProperty(validInputs, async (news) => {
      const checked = (await provider.check({}, news)).inputs as Raw;
      const result = await provider.diff("ins-fuzz", checked, checked);
      if (result.changes) fail(`no change reported as ${JSON.stringify(result)}`);
    }, options),
  },
  {
    name: "diff updates in place what can change in place and replaces the rest",
    run: (provider, options) => runProperty(
      fc.tuple(validInputs, fc.constantFrom(...IN_PLACE_KEYS.filter((k) => k !== "password"), "zoneId", "instanceType", "imageId")),
      async ([news, key]) => {
        const olds = (await provider.check({}, news)).inputs as Raw;
        const changedValue = key === "internetMaxBandwidthOut" ? Number(olds[key] ?? 1) + 1 : `${String(olds[key] ?? "x")}-2`;
        const next = (await provider.check(olds, { ...news, [key]: changedValue })).inputs as Raw;
        const result = await provider.diff("ins-fuzz", olds, next);
        const inPlace = (IN_PLACE_KEYS as readonly string[]).includes(key);
        if (!result.changes) fail(`a change of ${key} was not seen`);
        if (inPlace && result.replaces?.length) fail(`${key} replaced instead of updated in place`);
        if (!inPlace && !result.replaces?.includes(key)) fail(`${key} not replaced`);
      }, options),
  },
];

/** Runs every property; returns per-property counts and failures (never throws). */
export async function runFuzz(options: { numRuns: number; seed: number }): Promise<{ name: string; inputs: number; failure?: string }[]> {
  const provider = new InstanceProvider();
  const results: { name: string; inputs: number; failure?: string }[] = [];
  for (const property of FUZZ_PROPERTIES) {
    try {
      results.push({ name: property.name, inputs: await property.run(provider, options) });
    } catch (e) {
      results.push({ name: property.name, inputs: options.numRuns, failure: e instanceof Error ? e.message : String(e) });
    }
  }
  return results;
}
