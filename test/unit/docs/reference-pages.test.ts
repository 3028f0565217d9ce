/**
 * The reference pages in docs/reference/ are generated (`npm run docs`): the table of the
 * `Instance` inputs from input-docs.ts, the functions page from the plugin's schema. Each must be
 * what the generator writes now, and the inputs table's generator must touch nothing else.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { INPUT_DOCS } from "../../../provider/lifecycle/inputs/input-docs";
import { FUNCTIONS } from "../../../provider/plugin/schema";
import { FUNCTIONS_PAGE, functionsPage } from "../../../scripts/docs/functions-page";
import { INSTANCE_PAGE, inputsTable, TABLE_END, TABLE_START, withInputsTable } from "../../../scripts/docs/inputs-table";

const ROOT = join(__dirname, "..", "..", "..");

/** Fails, naming the first line that differs, unless `page` holds what `generate` makes of it. */
function expectGenerated(page: string, generate: (current: string) => string, source: string): void {
  const text = readFileSync(join(ROOT, page), "utf8");
  const generated = generate(text);
  if (generated !== text) {
    const current = text.split("\n");
    const wanted = generated.split("\n");
    const line = wanted.findIndex((wantedLine, i) => wantedLine !== current[i]);
    throw new Error(
      `${page} differs from ${source}: run \`npm run docs\` and commit ${page}.\n` +
      `first difference, line ${line + 1}:\n  ${page}: ${current[line]}\n  generated: ${wanted[line]}`);
  }
}

test("the table of inputs in docs/reference/instance.md is what `npm run docs` writes from input-docs.ts", () => {
  expectGenerated(INSTANCE_PAGE, withInputsTable, "provider/lifecycle/inputs/input-docs.ts");
});

test("docs/reference/functions.md is what `npm run docs` writes from the plugin's schema", () => {
  expectGenerated(FUNCTIONS_PAGE, () => functionsPage(), "provider/plugin/schema.ts");
});

test("the functions page has a section per function of the schema, with each input and output", () => {
  const page = functionsPage();
  const sections = [...page.matchAll(/^## (\w+)$/gm)].map((match) => match[1]).filter((name) => name !== "Types");
  expect(sections).toEqual(Object.keys(FUNCTIONS));
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    const section = page.slice(page.indexOf(`## ${name}\n`)).split(/\n## /)[0] ?? "";
    expect(section).toContain(`Token \`zenlayer:index:${name}\`. ${fn.description}`);
    for (const input of Object.keys(fn.inputs)) expect(section).toMatch(new RegExp(`^\\| \`${input}\` \\|`, "m"));
    for (const output of Object.keys(fn.outputs)) expect(section).toContain(`| \`${output}\``);
  }
  expect(page).toContain("| `zones` (always set) | [Zone](#zone)[] |");
  expect(page).toMatch(/^### Zone$/m);
});

test("the generator replaces only the text between the markers, and is stable", () => {
  const before = "# Title\n\nintro | with a pipe\n\n";
  const after = "\n\n## Next\n\ntext <!-- a comment -->\n";
  const page = `${before}${TABLE_START}\n| stale | table |\n${TABLE_END}${after}`;
  const written = withInputsTable(page);
  expect(written.startsWith(`${before}${TABLE_START}\n`)).toBe(true);
  expect(written.endsWith(`\n${TABLE_END}${after}`)).toBe(true);
  expect(written).toContain(inputsTable());
  expect(written).not.toContain("stale");
  expect(withInputsTable(written)).toBe(written);
});

test("the generator refuses a page without exactly one pair of markers", () => {
  expect(() => withInputsTable("no markers")).toThrow(TABLE_START);
  expect(() => withInputsTable(`${TABLE_END}\n${TABLE_START}`)).toThrow(TABLE_START);
  expect(() => withInputsTable(`${TABLE_START}\n${TABLE_END}\n${TABLE_START}\n${TABLE_END}`)).toThrow(TABLE_START);
});

test("one row per input a program sets, required and secret inputs marked, nested properties shown", () => {
  const rows = inputsTable().split("\n").slice(2);
  const names = rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1]);
  const settable = Object.entries(INPUT_DOCS).filter(([path, doc]) => !path.includes(".") && !doc.internal).map(([path]) => path);
  expect(names).toEqual(settable);
  expect(names).not.toContain("__owner");
  const row = (name: string) => rows.find((r) => r.startsWith(`| \`${name}\``)) ?? "";
  expect(row("zoneId")).toBe("| `zoneId` (required) | — | **replace** |");
  expect(row("password")).toMatch(/^\| `password` \(secret; /);
  expect(row("instanceChargePrepaid")).toMatch(/^\| `instanceChargePrepaid` `\{ period \}` \(required with `PREPAID`; `period`: months/);
  expect(row("dataDisks")).toMatch(/^\| `dataDisks` `\[\{ diskSize, diskCategory, diskName \}\]`/);
  expect(row("forceDelete")).toBe("| `forceDelete` | `false` | recorded only |");
  expect(row("adoptInstanceId")).toContain(
    "never touches the instance ([adoption](../guides/adoption-and-import.md#existing-instances-adoption-instead-of-import))");
  expect(row("imageId")).toContain("([reinstall](../guides/in-place-changes.md#reinstall-caveat))");
});
