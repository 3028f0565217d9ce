/**
 * `npm run docs`: writes the generated reference pages: the table of the `Instance` inputs in
 * docs/reference/instance.md (from provider/lifecycle/inputs/input-docs.ts; the rest of that page is
 * kept) and the whole of docs/reference/functions.md (from provider/plugin/schema.ts).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { FUNCTIONS_PAGE, functionsPage } from "./functions-page";
import { INSTANCE_PAGE, withInputsTable } from "./inputs-table";

const root = path.resolve(__dirname, "../..");

function write(page: string, generate: (current: string) => string): void {
  const file = path.join(root, page);
  const before = existsSync(file) ? readFileSync(file, "utf8") : "";
  const after = generate(before);
  if (after === before) {
    console.log(`${page}: up to date`);
  } else {
    writeFileSync(file, after);
    console.log(`${page}: rewritten`);
  }
}

write(INSTANCE_PAGE, withInputsTable);
write(FUNCTIONS_PAGE, functionsPage);
