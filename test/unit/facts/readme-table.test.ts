import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RESPONSE_FIELDS, describeField, flattenFields } from "../../../facts/response-fields";

/** The rows of the "Responses" table in simulator/README.md as `action field` → SDK type. */
function readmeResponseTypes(): Map<string, string> {
  const text = readFileSync(join(__dirname, "..", "..", "..", "simulator", "README.md"), "utf8");
  const section = text.split("### Responses")[1]?.split("\n### ")[0] ?? "";
  const rows = new Map<string, string>();
  for (const line of section.split("\n")) {
    if (!line.startsWith("| ") || line.startsWith("| action") || line.startsWith("|---")) continue;
    // Cells are split on unescaped pipes; `string\|null` is one cell.
    const cells = line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
    const [action, field, sdk] = cells;
    rows.set(`${action} ${field?.replace(/`/g, "")}`, sdk ?? "");
  }
  return rows;
}

describe("the fidelity table in simulator/README.md", () => {
  const rows = readmeResponseTypes();
  const expected = new Map(Object.entries(RESPONSE_FIELDS).flatMap(([action, table]) =>
    flattenFields(table).map(({ path, field }) => [`${action} ${path}`, describeField(field)] as const)));

  it("lists every response field of facts/response-fields.ts with the SDK's type, and no other", () => {
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(expected));
  });

  it("states how many response fields it covers", () => {
    const text = readFileSync(join(__dirname, "..", "..", "..", "simulator", "README.md"), "utf8");
    expect(text).toContain(`${expected.size} response fields`);
  });
});
