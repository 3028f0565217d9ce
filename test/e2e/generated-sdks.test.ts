/**
 * The SDKs `npm run gen-sdks` generates from the schema of the plugin in the packed package:
 *   Node.js  built with tsc, packed and npm-installed, then a TypeScript program declares an
 *            Instance through the real CLI and the plugin against the simulator: up, an in-place
 *            tag change, destroy.
 *   Go       the SDK compiles and passes `go vet`, and a Go program written against it runs under
 *            the Pulumi Go SDK's mocks (generated-sdks/go), which check what the engine would
 *            receive. Not through the CLI: no Go language host can be built here.
 *   Python   every generated file compiles (py_compile): syntax only, the `pulumi` Python
 *            package cannot be installed here.
 * Go, python3 and the CLI must exist: a missing one fails these tests, never skips them.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import * as path from "node:path";
import { consumerNodeModules, E2E_TMP, installTarballs, REPO_ROOT } from "./helpers/consumer";
import { run } from "./helpers/run";
import { startE2eSimulator } from "./helpers/simulator";
import { createProgram, type TestStack } from "./helpers/stack";
import { pulumiBinDir } from "./helpers/toolchain";
import { pluginBinDir } from "./helpers/yaml-program";
import { INSTANCE_TOKEN, PLUGIN_DOWNLOAD_URL } from "../../provider/plugin/schema";

jest.setTimeout(600_000);

const VM_PASSWORD = "Node-Sdk-Pw1!";
/** The Node.js SDK's package name and the Go SDK's module path (schema.ts `namespace`, `repository`). */
const NODE_SDK = "@zenlayer-vm/zenlayer";
const GO_SDK_PACKAGES = "github.com/zenlayer-vm/pulumi-zenlayer-vm/sdk/go/zenlayer/...";

let work: string;
let sdks: string;

/** Every file under `dir` whose name ends with `suffix`. */
function filesEndingWith(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(suffix)).map((f) => path.join(dir, f));
}

beforeAll(async () => {
  mkdirSync(E2E_TMP, { recursive: true });
  work = mkdtempSync(path.join(E2E_TMP, "generated-sdks-"));
  sdks = path.join(work, "sdks");
  const plugin = path.join(await pluginBinDir(), "pulumi-resource-zenlayer");
  const env = { ...process.env, PATH: [pulumiBinDir(), process.env.PATH ?? ""].join(path.delimiter) };
  const generated = await run("bash", [path.join(REPO_ROOT, "scripts", "gen-sdks.sh"), "--plugin", plugin, "--out", sdks], { cwd: REPO_ROOT, env, timeoutMs: 600_000 });
  for (const language of ["go", "nodejs", "python"]) expect(generated.stdout).toContain(`${language}: `);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test("each SDK hands the engine the schema's pluginDownloadURL, so a program's first run installs the plugin", () => {
  for (const [language, suffix] of [["nodejs", ".ts"], ["go", ".go"], ["python", ".py"]] as const) {
    const naming = filesEndingWith(path.join(sdks, language), suffix).filter((f) => readFileSync(f, "utf8").includes(PLUGIN_DOWNLOAD_URL));
    expect({ language, naming: naming.length > 0 }).toEqual({ language, naming: true });
  }
});

describe("Node.js SDK", () => {
  let stack: TestStack | undefined;
  let sim: Awaited<ReturnType<typeof startE2eSimulator>>["sim"] | undefined;
  afterAll(async () => {
    await stack?.dispose();
    await sim?.stop();
  });

  /** Builds the generated package as its publisher would (tsc, then `npm pack` of the output) and returns the tarball. */
  async function buildAndPack(): Promise<string> {
    const sdk = path.join(sdks, "nodejs");
    // Its build dependencies (TypeScript, @types/node, @pulumi/pulumi) at the clone's locked versions.
    symlinkSync(await consumerNodeModules(), path.join(sdk, "node_modules"), "dir");
    await run(process.execPath, [path.join(sdk, "node_modules", "typescript", "bin", "tsc"), "-p", sdk], { cwd: sdk });
    const bin = path.join(sdk, "bin");
    for (const file of ["package.json", "README.md"]) cpSync(path.join(sdk, file), path.join(bin, file));
    await run("npm", ["pack", "--silent", "--pack-destination", work, bin], { cwd: work });
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error("npm pack of the Node.js SDK produced no tarball");
    return path.join(work, tarball);
  }

  test("a TypeScript program using it creates an Instance through the plugin, changes a tag in place and destroys it", async () => {
    const nodeModules = await installTarballs(path.join(E2E_TMP, "generated-sdk-consumer"), { [NODE_SDK]: await buildAndPack() });
    let providerEnv: Record<string, string>;
    ({ sim, providerEnv } = await startE2eSimulator());
    stack = await createProgram("node-sdk", {
      // Type-checked, as a user's program is: the generated typings must accept it.
      typeCheck: true,
      nodeModules,
      pathDirs: [await pluginBinDir()],
      env: providerEnv,
      program: `
import * as pulumi from "@pulumi/pulumi";
import * as zenlayer from "${NODE_SDK}";

const config = new pulumi.Config();
const ubuntu = zenlayer.getImageOutput({ zoneId: "HKG-A", nameRegex: "^ubuntu 22" });
const web = new zenlayer.Instance("web", {
  zoneId: "HKG-A",
  instanceType: "c.1c2g",
  imageId: ubuntu.imageId,
  password: config.requireSecret("vmPassword"),
  internetMaxBandwidthOut: 1,
  tags: { app: config.require("app") },
});
export const instanceId = web.instanceId;
export const instanceStatus = web.instanceStatus;
export const imageName = web.imageName;
`,
    });
    await stack.setConfig("vmPassword", VM_PASSWORD, true);
    await stack.setConfig("app", "web");

    await stack.up();
    const out = await stack.outputs();
    const id = out.instanceId as string;
    expect(id).toMatch(/^ins-/);
    expect(out.instanceStatus).toBe("RUNNING");
    expect(out.imageName).toMatch(/^Ubuntu 22\.04/);
    expect(sim.control.getInstance(id)?.instanceStatus).toBe("RUNNING");
    expect(sim.control.getInstance(id)?.tags.tags).toEqual(expect.arrayContaining([{ key: "app", value: "web" }]));
    const state = await stack.exportState();
    expect(state.text).not.toContain(VM_PASSWORD);
    const [vm] = await stack.instances(INSTANCE_TOKEN);
    expect(vm?.id).toBe(id);
    expect(vm?.outputs?.password).toHaveProperty("ciphertext");

    await stack.setConfig("app", "api");
    const preview = await stack.previewJson();
    const step = preview.steps.find((s) => s.urn.endsWith("zenlayer:index:Instance::web"));
    expect({ op: step?.op, diffReasons: step?.diffReasons }).toEqual({ op: "update", diffReasons: ["tags"] });
    sim.control.resetStats();
    await stack.up();
    expect(sim.control.stats().requests.CreateInstances ?? 0).toBe(0);
    expect((await stack.outputs()).instanceId).toBe(id);
    expect(sim.control.getInstance(id)?.tags.tags).toEqual(expect.arrayContaining([{ key: "app", value: "api" }]));

    const destroy = await stack.destroy();
    expect(destroy.output).toContain(`${id} is in Zenlayer's recycle bin`);
    expect(["RECYCLING", "RECYCLE"]).toContain(sim.control.getInstance(id)?.instanceStatus);
    expect(await stack.instances(INSTANCE_TOKEN)).toHaveLength(0);
  });
});

describe("Go SDK", () => {
  test("compiles, passes go vet, and registers an Instance with its inputs and a secret password under the Pulumi Go SDK's mocks", async () => {
    // This module's go.mod replaces the SDK's module path with ../sdks/go.
    const consumer = path.join(work, "go");
    cpSync(path.join(REPO_ROOT, "test", "e2e", "generated-sdks", "go"), consumer, { recursive: true });
    // The CLI's build flags (scripts/ensure-pulumi.sh), so Go reuses the Pulumi SDK packages it compiled then.
    const env = { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly -trimpath" };
    const go = (args: string[]) => run("go", args, { cwd: consumer, env, timeoutMs: 600_000 });
    await go(["build", GO_SDK_PACKAGES]);
    await go(["vet", "./...", GO_SDK_PACKAGES]);
    const tested = await go(["test", "-count=1", "-vet=off", "-v", "./..."]);
    for (const name of ["TestInstanceRegistersItsInputsWithThePasswordSecret", "TestInstanceRefusesAMissingRequiredInput", "TestConfigGettersReadTheProvidersKeys"]) {
      expect(tested.stdout).toContain(`--- PASS: ${name}`);
    }
  });
});

describe("Python SDK", () => {
  test("every generated file compiles (syntax only: the pulumi Python package is not installable here)", async () => {
    const python = path.join(sdks, "python");
    const files = filesEndingWith(python, ".py");
    expect(files.map((f) => path.relative(python, f))).toEqual(expect.arrayContaining([
      "setup.py", path.join("zenlayer_vm_zenlayer", "__init__.py"), path.join("zenlayer_vm_zenlayer", "instance.py"),
    ]));
    await run("python3", ["-m", "py_compile", ...files], { cwd: python });
  });
});
