/**
 * The table of the `Instance` inputs in docs/reference/instance.md, written from input-docs.ts (the
 * source of the package schema's descriptions too), and that page with the table put between its
 * markers.
 * Whether an input is required comes from the input schema, whether it is a secret from the
 * package schema's list, so neither is stated twice.
 */
import { type InputDoc, INPUT_DOCS } from "../../provider/lifecycle/inputs/input-docs";
import { inputJsonSchema, SECRET_INPUTS } from "../../provider/plugin/schema";

export const TABLE_START = "<!-- generated: instance inputs (npm run docs) -->";
export const TABLE_END = "<!-- end of generated -->";

/** A nested property of an input: `key.name`, or `key[].name` in a list. */
interface Field { name: string; doc: InputDoc; inList: boolean }

/** The nested properties of the input `key`. */
function fieldsOf(key: string): Field[] {
  return Object.entries(INPUT_DOCS).flatMap(([path, doc]): Field[] => {
    if (path.startsWith(`${key}.`)) return [{ name: path.slice(key.length + 1), doc, inList: false }];
    if (path.startsWith(`${key}[].`)) return [{ name: path.slice(key.length + 3), doc, inList: true }];
    return [];
  });
}

/** `name`, its shape when it has nested properties, and its notes: required, secret, limits. */
function inputCell(key: string, doc: InputDoc, required: boolean): string {
  const fields = fieldsOf(key);
  const names = `{ ${fields.map((field) => field.name).join(", ")} }`;
  const shape = fields.length === 0 ? "" : ` \`${fields.some((field) => field.inList) ? `[${names}]` : names}\``;
  const notes = [
    ...(required ? ["required"] : []),
    ...(SECRET_INPUTS.has(key) ? ["secret"] : []),
    ...(doc.constraint ? [doc.constraint] : []),
    ...fields.flatMap((field) => (field.doc.constraint ? [`\`${field.name}\`: ${field.doc.constraint}`] : [])),
  ];
  return `\`${key}\`${shape}${notes.length ? ` (${notes.join("; ")})` : ""}`;
}

function changeCell(doc: InputDoc): string {
  const see = doc.seeAlso ? ` (${doc.seeAlso})` : "";
  switch (doc.change?.kind) {
    case "replace": return `**replace**${see}`;
    case "in place": return `in place: ${doc.change.how}${see}`;
    case "recorded": return `recorded only${see}`;
    case "never": return `never touches the instance${see}`;
    case undefined: throw new Error("every top-level input needs a `change` in input-docs.ts");
  }
}

/** A table cell: a `|` would end it early. */
const cell = (text: string): string => text.replace(/\|/g, "\\|");

/** The Markdown table, one row per top-level input a program can set, in input-docs.ts's order. */
export function inputsTable(): string {
  const required = new Set(inputJsonSchema().required ?? []);
  const rows = Object.entries(INPUT_DOCS)
    .filter(([path, doc]) => !path.includes(".") && !doc.internal)
    .map(([key, doc]) => `| ${[inputCell(key, doc, required.has(key)), doc.default ?? "—", changeCell(doc)].map(cell).join(" | ")} |`);
  return ["| input | default | on change |", "|---|---|---|", ...rows].join("\n");
}

/** The page that holds the table, relative to the repository's root. */
export const INSTANCE_PAGE = "docs/reference/instance.md";

/** `page` with the table between its markers replaced by `inputsTable()`; every other byte stays. */
export function withInputsTable(page: string): string {
  const start = page.indexOf(TABLE_START);
  const end = page.indexOf(TABLE_END);
  if (start < 0 || end < start || page.indexOf(TABLE_START, start + 1) >= 0 || page.indexOf(TABLE_END, end + 1) >= 0) {
    throw new Error(`${INSTANCE_PAGE} must hold "${TABLE_START}" once, followed once by "${TABLE_END}"`);
  }
  return `${page.slice(0, start + TABLE_START.length)}\n\n${inputsTable()}\n\n${page.slice(end)}`;
}
