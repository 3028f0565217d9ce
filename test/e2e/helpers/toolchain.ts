/**
 * Finds the Pulumi CLI the e2e tests drive. It must exist: a missing CLI fails the tests (it is
 * installed by scripts/ensure-pulumi.sh, which `npm test` runs first); it never skips them.
 */
import { existsSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The pinned CLI version (scripts/env.sh exports the same). */
export const PULUMI_CLI_VERSION = process.env.PULUMI_CLI_VERSION ?? "3.274.1";

/** The folder holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`. */
export function pulumiBinDir(): string {
  const root = process.env.PULUMI_ROOT ?? path.join(process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi"), "versions", PULUMI_CLI_VERSION);
  const bin = path.join(root, "bin");
  for (const tool of ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) {
    if (!existsSync(path.join(bin, tool))) {
      throw new Error(`The Pulumi CLI is missing: ${path.join(bin, tool)} does not exist. Run \`npm test\` (or bash scripts/ensure-pulumi.sh) to install it.`);
    }
  }
  return bin;
}

/** The folder of the Node.js running the tests (Node 24), put first on the CLI's PATH. */
export function nodeBinDir(): string {
  return path.dirname(process.execPath);
}
