/**
 * input-docs.ts, the one source of the package schema's descriptions and of the table of inputs in
 * docs/reference/instance.md, against the code whose behaviour it describes: the input schema
 * (which inputs exist), diff (what a change does), the defaults, the enumerations and the API
 * actions.
 */
import { DEFAULT_TIMEOUTS, INPUT_DEFAULTS } from "../../../provider/lifecycle/inputs/defaults";
import { INPUT_DOCS } from "../../../provider/lifecycle/inputs/input-docs";
import { diffInstance, STATE_ONLY_KEYS } from "../../../provider/lifecycle/diff/diff";
import { ACTIONS, ZRM_ACTIONS } from "../../../simulator/actions";
import { inputJsonSchema, type JsonSchemaNode } from "../../../provider/plugin/schema";
import { inputPaths } from "./helpers/input-paths";

const topLevel = Object.entries(INPUT_DOCS).filter(([path]) => !path.includes("."));
const nested = Object.entries(INPUT_DOCS).filter(([path]) => path.includes("."));
const properties = inputJsonSchema().properties ?? {};

/** Two different values that satisfy the JSON Schema `node`. */
function twoValues(node: JsonSchemaNode): [unknown, unknown] {
  if (node.enum) return [node.enum[0], node.enum[1]];
  switch (node.type) {
    case "string": return ["a", "b"];
    case "integer":
    case "number": return [1, 2];
    case "boolean": return [false, true];
    case "array": {
      const [a, b] = twoValues(node.items ?? {});
      return [[a], [b]];
    }
    case "object": {
      if (!node.properties) {
        const [a, b] = twoValues(typeof node.additionalProperties === "object" ? node.additionalProperties : { type: "string" });
        return [{ key: a }, { key: b }];
      }
      const pairs = Object.entries(node.properties).map(([key, child]) => [key, twoValues(child)] as const);
      return [Object.fromEntries(pairs.map(([key, [a]]) => [key, a])), Object.fromEntries(pairs.map(([key, [, b]]) => [key, b]))];
    }
    default: throw new Error(`no sample values for ${JSON.stringify(node)}`);
  }
}

/** Every text of every entry, for the checks that read them all. */
const texts = Object.values(INPUT_DOCS).flatMap((doc) =>
  [doc.meaning, doc.constraint, doc.default, doc.change?.kind === "in place" ? doc.change.how : undefined].filter((t): t is string => !!t));

test("every input of the input schema, nested properties included, has an entry, and no entry names anything else", () => {
  expect(Object.keys(INPUT_DOCS).sort()).toEqual(inputPaths().sort());
});

test("each top-level input says what a change does; nested properties follow their input", () => {
  expect(topLevel.filter(([, doc]) => !doc.change).map(([path]) => path)).toEqual([]);
  expect(nested.filter(([, doc]) => doc.change || doc.internal).map(([path]) => path)).toEqual([]);
});

describe("what a change does is what diff decides", () => {
  // The rest of a plausible instance, the same before and after, so only the input under test differs.
  const base = { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", keyId: "key-1", __owner: "p/s/web", __resourceName: "web" };

  it.each(topLevel)("%s", (key, doc) => {
    const node = properties[key];
    if (!node) throw new Error(`${key} is not an input`);
    const [before, after] = twoValues(node);
    const result = diffInstance({ ...base, [key]: before }, { ...base, [key]: after });
    switch (doc.change?.kind) {
      case "replace":
        expect(result).toMatchObject({ changes: true, replaces: [key], deleteBeforeReplace: true });
        break;
      case "in place":
      case "recorded":
        expect(result).toMatchObject({ changes: true, changed: [key] });
        expect(result.replaces).toBeUndefined();
        break;
      case "never":
        expect(result.changes).toBe(false);
        break;
      default:
        throw new Error(`${key} says nothing about a change`);
    }
    // Recorded only: an update that calls no API (diff's state-only keys), as opposed to an in-place step.
    expect(doc.change?.kind === "recorded").toBe((STATE_ONLY_KEYS as readonly string[]).includes(key));
  });
});

test("the defaults the provider applies are the ones documented", () => {
  for (const [key, value] of Object.entries(INPUT_DEFAULTS)) expect([key, INPUT_DOCS[key]?.default]).toEqual([key, `\`${value}\``]);
  for (const [key, value] of Object.entries(DEFAULT_TIMEOUTS)) {
    expect([key, INPUT_DOCS[`timeouts.${key}`]?.default]).toEqual([key, `\`${value}\``]);
  }
  expect(INPUT_DOCS.timeouts?.default).toBe(Object.values(DEFAULT_TIMEOUTS).map((value) => `\`${value}\``).join(" / "));
});

test("an input with a fixed set of values names each of them", () => {
  const enumerated = Object.entries(properties).filter(([, node]) => node.enum);
  expect(enumerated.map(([key]) => key).sort()).toEqual(["instanceChargeType", "internetChargeType", "powerState"]);
  for (const [key, node] of enumerated) {
    const doc = INPUT_DOCS[key];
    const text = `${doc?.meaning} ${doc?.constraint ?? ""}`;
    for (const value of node.enum ?? []) expect([key, text]).toEqual([key, expect.stringContaining(`\`${String(value)}\``)]);
  }
});

test("every API action the docs name is one the API serves", () => {
  const outsideCode = texts.map((text) => text.replace(/``[^`]*``|`[^`]*`/g, ""));
  const named = new Set(outsideCode.flatMap((text) => text.match(/\b[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+\b/g) ?? []));
  expect([...named].filter((action) => !(action in ACTIONS) && !(action in ZRM_ACTIONS))).toEqual([]);
  expect([...named]).toEqual(expect.arrayContaining(["ModifyInstanceType", "ResetInstance", "UnAssociateSecurityGroupInstance", "ModifyResourceTags"]));
});
