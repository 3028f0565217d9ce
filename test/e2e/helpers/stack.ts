/**
 * A Pulumi program in its own folder with its own file backend, driven through the real CLI.
 * Each e2e test gets a fresh one; `dispose()` destroys what is left and removes the folder.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { consumerNodeModules, E2E_TMP } from "./consumer";
import { run, type RunResult } from "./run";
import { nodeBinDir, pulumiBinDir } from "./toolchain";

/** The passphrase of the e2e stacks' secrets provider (local, throw-away state). */
export const PASSPHRASE = "e2e-passphrase";

/** Options for {@link createProgram}. */
export interface ProgramOptions {
  /** Contents of index.ts: a TypeScript Pulumi program importing from "pulumi-zenlayer-vm". */
  program: string;
  /** Extra environment for every CLI call (e.g. ZENLAYERCLOUD_* or ZENLAYER_VM_* knobs). */
  env?: Record<string, string>;
  stackName?: string;
  /**
   * Type-check index.ts on every CLI run, as ts-node does by default for a user's program
   * (about 2 s of CPU per preview or up). Off for the tests' own generated programs, whose types
   * say nothing new after the first check; on for the examples, which are what users copy.
   */
  typeCheck?: boolean;
  /** The node_modules folder the program links to; default the packed package's (consumer.ts). */
  nodeModules?: string;
  /** Folders put on the CLI's PATH before the CLI's own (e.g. one holding a provider plugin). */
  pathDirs?: string[];
}

/** A program folder plus a stack in a private file backend. */
export class TestStack {
  constructor(readonly dir: string, readonly stackName: string, private readonly env: NodeJS.ProcessEnv) {}

  /** The environment every CLI call of this stack runs with (for commands the test spawns itself). */
  get environment(): NodeJS.ProcessEnv {
    return this.env;
  }

  /** Runs `pulumi <args>` in the program folder on this stack. */
  pulumi(args: string[], options: { allowFailure?: boolean; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
    return run("pulumi", [...args, "--non-interactive", "--stack", this.stackName], { cwd: this.dir, env: this.env, ...options });
  }

  /** Sets a stack config value (as a secret when asked). */
  async setConfig(key: string, value: string, secret = false): Promise<void> {
    await this.pulumi(["config", "set", key, value, ...(secret ? ["--secret"] : [])]);
  }

  /** Replaces index.ts (the next preview/up sees the new program). */
  writeProgram(source: string): void {
    writeFileSync(path.join(this.dir, "index.ts"), source);
  }

  /** `pulumi preview --json`: the steps the engine plans. */
  async previewJson(): Promise<PreviewJson> {
    const result = await this.pulumi(["preview", "--json", "--diff"]);
    return JSON.parse(result.stdout) as PreviewJson;
  }

  up(allowFailure = false): Promise<RunResult> { return this.pulumi(["up", "--yes", "--skip-preview", "--diff"], { allowFailure }); }
  refresh(allowFailure = false): Promise<RunResult> { return this.pulumi(["refresh", "--yes", "--skip-preview"], { allowFailure }); }
  destroy(allowFailure = false): Promise<RunResult> { return this.pulumi(["destroy", "--yes", "--skip-preview"], { allowFailure }); }

  /** The stack's outputs, secrets revealed. */
  async outputs(): Promise<Record<string, unknown>> {
    const result = await this.pulumi(["stack", "output", "--json", "--show-secrets"]);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  /** The exported state, as stored (secrets stay encrypted). */
  async exportState(): Promise<{ text: string; resources: StateResource[] }> {
    const result = await this.pulumi(["stack", "export"]);
    const parsed = JSON.parse(result.stdout) as { deployment: { resources?: StateResource[] } };
    return { text: result.stdout, resources: parsed.deployment.resources ?? [] };
  }

  /**
   * The Instance resources in the state: the dynamic provider's by default, or those of another
   * type (the plugin's `zenlayer:index:Instance`).
   */
  async instances(type = "pulumi-nodejs:dynamic/zenlayer:Instance"): Promise<StateResource[]> {
    return (await this.exportState()).resources.filter((r) => r.type === type);
  }

  /** Destroys whatever is left (best effort) and removes the folder. */
  async dispose(): Promise<void> {
    await this.destroy(true).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One resource of `pulumi stack export`. */
export interface StateResource { urn: string; type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }

/** The parts of `pulumi preview --json` the tests read. */
export interface PreviewJson {
  steps: { op: string; urn: string; diffReasons?: string[]; replaceReasons?: string[]; detailedDiff?: Record<string, { kind: string }> }[];
  changeSummary: Record<string, number>;
}

/** Creates a program folder linked to the packed package and a fresh stack in a private backend. */
export async function createProgram(name: string, options: ProgramOptions): Promise<TestStack> {
  const nodeModules = options.nodeModules ?? await consumerNodeModules();
  mkdirSync(path.join(E2E_TMP, "programs"), { recursive: true });
  const dir = mkdtempSync(path.join(E2E_TMP, "programs", `${name}-`));
  symlinkSync(nodeModules, path.join(dir, "node_modules"), "dir");
  writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true, main: "index.ts" }));
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true } }),
  );
  writeFileSync(path.join(dir, "index.ts"), options.program);
  const env: Record<string, string> = { PULUMI_NODEJS_TRANSPILE_ONLY: options.typeCheck ? "false" : "true", ...options.env };
  return initStack(dir, [nodeBinDir(), ...(options.pathDirs ?? []), pulumiBinDir()], env, options.stackName);
}

/**
 * A fresh stack for the program in `dir`, in a private file backend and Pulumi home, with
 * `pathDirs` first on the CLI's PATH and `extraEnv` on top.
 */
export async function initStack(dir: string, pathDirs: string[], extraEnv: Record<string, string> = {}, stackName = "e2e"): Promise<TestStack> {
  const backend = path.join(dir, ".state");
  mkdirSync(backend);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [...pathDirs, process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: path.join(dir, ".pulumi-home"),
    NODE_OPTIONS: "",
    ...extraEnv,
  };
  const stack = new TestStack(dir, stackName, env);
  await run("pulumi", ["stack", "init", stack.stackName, "--non-interactive"], { cwd: dir, env });
  return stack;
}
