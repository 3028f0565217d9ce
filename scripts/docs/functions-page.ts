/**
 * docs/reference/functions.md, written whole from the package schema the plugin serves
 * (provider/plugin/schema.ts): one section per function with its inputs and outputs, then the
 * object types they return, so the page names exactly what YAML `fn::invoke` and the generated
 * SDKs accept.
 */
import { packageSchema, type PropertySpec } from "../../provider/plugin/schema";

/** The page, relative to the repository's root. */
export const FUNCTIONS_PAGE = "docs/reference/functions.md";

interface FunctionSpec {
  description: string;
  inputs: { properties: Record<string, PropertySpec> };
  outputs: { properties: Record<string, PropertySpec>; required?: string[] };
}
interface TypeSpec { description?: string; properties: Record<string, PropertySpec>; required?: string[] }

/** `zenlayer:index:Image` → `Image`: the last part of a token or a `#/types/…` reference. */
const shortName = (token: string): string => token.slice(token.lastIndexOf(":") + 1);

/** A property's type as the page shows it: a link for an object type, `[]` for a list, `map of` for a map. */
function typeText(spec: PropertySpec): string {
  if (spec.$ref) return `[${shortName(spec.$ref)}](#${shortName(spec.$ref).toLowerCase()})`;
  if (spec.type === "array" && spec.items) return `${typeText(spec.items)}[]`;
  if (spec.type === "object" && spec.additionalProperties) return `map of ${typeText(spec.additionalProperties)}`;
  return spec.type ?? "any";
}

/** A table cell: a `|` would end it early, a line break would end the row. */
const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function propertiesTable(heading: string, properties: Record<string, PropertySpec>, required: ReadonlySet<string>): string {
  const rows = Object.entries(properties).map(([name, spec]) =>
    `| ${[`\`${name}\`${required.has(name) ? " (always set)" : ""}`, typeText(spec), spec.description ?? "—"].map(cell).join(" | ")} |`);
  return [`| ${heading} | type | description |`, "|---|---|---|", ...rows].join("\n");
}

/** The whole page. */
export function functionsPage(): string {
  const schema = packageSchema("0.0.0") as { functions: Record<string, FunctionSpec>; types: Record<string, TypeSpec> };
  const functions = Object.entries(schema.functions).map(([token, fn]) => [
    `## ${shortName(token)}`,
    `Token \`${token}\`. ${fn.description}`,
    Object.keys(fn.inputs.properties).length === 0 ? "No inputs." : propertiesTable("input", fn.inputs.properties, new Set()),
    propertiesTable("output", fn.outputs.properties, new Set(fn.outputs.required ?? [])),
  ].join("\n\n"));
  const returned = new Set(Object.values(schema.functions).flatMap((fn) => Object.values(fn.outputs.properties)
    .map((spec) => spec.$ref ?? spec.items?.$ref).filter((ref): ref is string => ref !== undefined).map(shortName)));
  const types = Object.entries(schema.types).filter(([token]) => returned.has(shortName(token))).map(([token, type]) => [
    `### ${shortName(token)}`,
    type.description ?? "",
    propertiesTable("property", type.properties, new Set(type.required ?? [])),
  ].filter((part) => part !== "").join("\n\n"));
  return [
    "# Functions",
    "<!-- generated from provider/plugin/schema.ts by `npm run docs`: edit the schema, not this page -->",
    "The lookups, by the token YAML's `fn::invoke` and the generated SDKs use. In TypeScript the package exports each " +
      "under the same name (`getImage`, …).",
    ...functions,
    "## Types",
    ...types,
  ].join("\n\n") + "\n";
}
