/**
 * `npm run docs`: rewrites the table of the `Instance` inputs in README.md from
 * provider/lifecycle/inputs/input-docs.ts (see inputs-table.ts); the rest of the file is kept.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { withInputsTable } from "./inputs-table";

const README = path.resolve(__dirname, "../../README.md");
const before = readFileSync(README, "utf8");
const after = withInputsTable(before);
if (after === before) {
  console.log("README.md: the table of inputs is up to date");
} else {
  writeFileSync(README, after);
  console.log("README.md: the table of inputs was rewritten from provider/lifecycle/inputs/input-docs.ts");
}
