import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RESPONSE_FIELDS, RESPONSE_FIELDS_BY_VERSION, describeField, flattenFields } from "../../../facts/response-fields";
import { VM_API_VERSIONS } from "../../../facts/vm-versions";

const README = join(__dirname, "..", "..", "..", "simulator", "README.md");

/** The rows of the "Responses" table in simulator/README.md as `action field` → the SDK type in each version. */
function readmeResponseTypes(): Map<string, string[]> {
  const section = readFileSync(README, "utf8").split("### Responses")[1]?.split("\n### ")[0] ?? "";
  const rows = new Map<string, string[]>();
  for (const line of section.split("\n")) {
    if (!line.startsWith("| ") || line.startsWith("| action") || line.startsWith("|---")) continue;
    // Cells are split on unescaped pipes; `string\|null` is one cell.
    const cells = line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
    const [action, field, ...types] = cells;
    rows.set(`${action} ${field?.replace(/`/g, "")}`, types.slice(0, VM_API_VERSIONS.length));
  }
  return rows;
}

/** The SDK type of every response field in each version, `—` where a version does not have it. */
function expectedTypes(): Map<string, string[]> {
  return new Map(Object.entries(RESPONSE_FIELDS).flatMap(([action, table]) => flattenFields(table).map(({ path }) => [
    `${action} ${path}`,
    VM_API_VERSIONS.map((version) => {
      const versionTable = RESPONSE_FIELDS_BY_VERSION[version][action];
      const field = versionTable && flattenFields(versionTable).find((entry) => entry.path === path)?.field;
      return field ? describeField(field) : "—";
    }),
  ] as const)));
}

describe("the fidelity table in simulator/README.md", () => {
  const rows = readmeResponseTypes();
  const expected = expectedTypes();

  it("has a column per VM API version, in order", () => {
    const header = readFileSync(README, "utf8").split("### Responses")[1]!.split("\n").find((line) => line.startsWith("| action"))!;
    expect(header).toContain(VM_API_VERSIONS.map((version) => `SDK ${version}`).join(" | "));
  });

  it("lists every response field of facts/response-fields.ts with each version's SDK type, and no other", () => {
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(expected));
  });

  it("states how many response fields it covers", () => {
    expect(readFileSync(README, "utf8")).toContain(`${expected.size} response fields`);
  });
});
