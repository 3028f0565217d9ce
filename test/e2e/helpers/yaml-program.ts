/**
 * A Pulumi YAML program driven through the real CLI, using the `zenlayer` provider plugin as a
 * user gets it: the package installed from the packed tarball, whose `pulumi-resource-zenlayer`
 * bin the engine finds on PATH. The YAML language host must exist: a missing one fails the tests
 * (scripts/ensure-pulumi.sh builds it), never skips them.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { consumerNodeModules, E2E_TMP } from "./consumer";
import { initStack, type TestStack } from "./stack";
import { nodeBinDir, pulumiBinDir } from "./toolchain";

/** The CLI's folder, after checking that it also holds the YAML language host. */
export function yamlToolchainBinDir(): string {
  const bin = pulumiBinDir();
  const host = path.join(bin, "pulumi-language-yaml");
  if (!existsSync(host)) {
    throw new Error(`The Pulumi YAML language host is missing: ${host} does not exist. Run \`npm test\` (or bash scripts/ensure-pulumi.sh) to build it.`);
  }
  return bin;
}

/** The installed package's bin folder, holding the plugin executable. */
export async function pluginBinDir(): Promise<string> {
  const bin = path.join(await consumerNodeModules(), ".bin");
  if (!existsSync(path.join(bin, "pulumi-resource-zenlayer"))) {
    throw new Error(`The packed package installed no pulumi-resource-zenlayer in ${bin}: check package.json "bin".`);
  }
  return bin;
}

/**
 * Creates a folder with `pulumiYaml` as its Pulumi.yaml and a fresh stack in a private backend.
 * With `pluginOnPath: false` the engine finds no plugin until one is installed into the stack's
 * Pulumi home (`pulumi plugin install`).
 */
export async function createYamlProgram(
  name: string, pulumiYaml: string, extraEnv: Record<string, string> = {}, { pluginOnPath = true } = {},
): Promise<TestStack> {
  const cliBin = yamlToolchainBinDir();
  const pluginBin = pluginOnPath ? [await pluginBinDir()] : [];
  mkdirSync(path.join(E2E_TMP, "programs"), { recursive: true });
  const dir = mkdtempSync(path.join(E2E_TMP, "programs", `${name}-`));
  writeFileSync(path.join(dir, "Pulumi.yaml"), pulumiYaml);
  return initStack(dir, [nodeBinDir(), ...pluginBin, cliBin], extraEnv);
}
