/**
 * The README's table of the `Instance` inputs is generated from input-docs.ts (`npm run docs`):
 * it must be what the generator writes now, and the generator must touch nothing else.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { INPUT_DOCS } from "../../../provider/lifecycle/inputs/input-docs";
import { inputsTable, TABLE_END, TABLE_START, withInputsTable } from "../../../scripts/docs/inputs-table";

const README = join(__dirname, "..", "..", "..", "README.md");

test("README.md's table of inputs is what `npm run docs` writes from input-docs.ts", () => {
  const readme = readFileSync(README, "utf8");
  const generated = withInputsTable(readme);
  if (generated !== readme) {
    const current = readme.split("\n");
    const wanted = generated.split("\n");
    const line = wanted.findIndex((text, i) => text !== current[i]);
    throw new Error(
      "README.md's table of inputs differs from provider/lifecycle/inputs/input-docs.ts: run `npm run docs` and commit " +
      `README.md.\nfirst difference, line ${line + 1}:\n  README.md: ${current[line]}\n  generated: ${wanted[line]}`);
  }
});

test("the generator replaces only the text between the markers, and is stable", () => {
  const before = "# Title\n\nintro | with a pipe\n\n";
  const after = "\n\n## Next\n\ntext <!-- a comment -->\n";
  const readme = `${before}${TABLE_START}\n| stale | table |\n${TABLE_END}${after}`;
  const written = withInputsTable(readme);
  expect(written.startsWith(`${before}${TABLE_START}\n`)).toBe(true);
  expect(written.endsWith(`\n${TABLE_END}${after}`)).toBe(true);
  expect(written).toContain(inputsTable());
  expect(written).not.toContain("stale");
  expect(withInputsTable(written)).toBe(written);
});

test("the generator refuses a README without exactly one pair of markers", () => {
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
  expect(row("adoptInstanceId")).toContain("never touches the instance ([adoption](#existing-instances-adoption-instead-of-import))");
});
