/**
 * The plugin as the engine installs it by itself: the release archives (`scripts/release.sh`, for
 * this machine's platform only, to stay fast) served over HTTP on loopback, and a Pulumi YAML
 * program whose resource options name the plugin's `version` and `pluginDownloadURL`. The real
 * CLI runs with an empty PULUMI_HOME, automatic plugin acquisition on and no Node.js on PATH, so
 * the plugin it downloads must run by itself; `up` creates the instance on the simulator and
 * `destroy` removes it. The release failing fails the test.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { E2E_TMP, REPO_ROOT } from "./helpers/consumer";
import { run } from "./helpers/run";
import { configureStackFor, E2E_DURATIONS, imageFor } from "./helpers/simulator";
import { initStack, type TestStack } from "./helpers/stack";
import { yamlToolchainBinDir } from "./helpers/yaml-program";
import { hostPlatform, pluginArchiveName } from "../../scripts/release/platforms";
import { INSTANCE_TOKEN } from "../../provider/plugin/schema";
import { startSimulator } from "../../simulator";

jest.setTimeout(600_000);

const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
const RELEASE_DIR = path.join(E2E_TMP, "dist-release");
const VM_PASSWORD = "Download-Pw1!";

let sim: Awaited<ReturnType<typeof startSimulator>>;
let server: Server;
let serverUrl: string;
/** The path of every request the server received, in order. */
const requests: string[] = [];
let stack: TestStack | undefined;

/** Serves the files of `dir` by name (nothing else), recording each request's path. */
function serveFolder(dir: string): Promise<Server> {
  const files = new Set(readdirSync(dir));
  const listening = createServer((request, response) => {
    const requested = request.url ?? "";
    requests.push(requested);
    const name = decodeURIComponent(requested.replace(/^\/+/, ""));
    if (request.method !== "GET" || !files.has(name)) {
      response.writeHead(404).end();
      return;
    }
    // The engine checks the length it receives against Content-Length, as a release host sends it.
    const body = readFileSync(path.join(dir, name));
    response.writeHead(200, { "content-type": "application/gzip", "content-length": body.length }).end(body);
  });
  return new Promise((resolve) => listening.listen(0, "127.0.0.1", () => resolve(listening)));
}

/** PATH without any folder that holds a `node`: the CLI's own folder and the system's other tools. */
function pathWithoutNode(): string {
  const dirs = [yamlToolchainBinDir(), ...(process.env.PATH ?? "").split(path.delimiter)]
    .filter((dir) => dir !== "" && !existsSync(path.join(dir, "node")));
  return [...new Set(dirs)].join(path.delimiter);
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, durations: E2E_DURATIONS });
  await run("bash", [path.join(REPO_ROOT, "scripts", "release.sh"), "--platforms", "host", "--out", RELEASE_DIR], { cwd: REPO_ROOT, timeoutMs: 600_000 });
  server = await serveFolder(RELEASE_DIR);
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await stack?.dispose();
  await new Promise((resolve) => server?.close(resolve));
  await sim?.stop();
});

test("a YAML program with version and pluginDownloadURL gets the plugin from the release server and runs up and destroy with no Node.js on PATH", async () => {
  const platform = hostPlatform();
  if (!platform) throw new Error(`no release platform for ${process.platform}-${process.arch}`);
  const archive = pluginArchiveName(VERSION, platform);
  expect(readdirSync(RELEASE_DIR)).toEqual(expect.arrayContaining([archive, "checksums.txt", `pulumi-zenlayer-vm-${VERSION}.tgz`]));

  const pluginOptions = `{ version: "${VERSION}", pluginDownloadURL: "${serverUrl}/" }`;
  const program = `name: zenlayer-download
runtime: yaml
config:
  vmPassword:
    type: string
    secret: true
variables:
  zones:
    fn::invoke:
      function: zenlayer:index:getZones
      arguments: {}
      options: ${pluginOptions}
      return: zones
resources:
  web:
    type: zenlayer:index:Instance
    properties:
      zoneId: HKG-A
      instanceType: c.1c2g
      imageId: ${imageFor("HKG-A")}
      password: \${vmPassword}
    options: ${pluginOptions}
outputs:
  instanceId: \${web.instanceId}
  zones: \${zones}
`;
  mkdirSync(path.join(E2E_TMP, "programs"), { recursive: true });
  const dir = mkdtempSync(path.join(E2E_TMP, "programs", "plugin-download-"));
  writeFileSync(path.join(dir, "Pulumi.yaml"), program);
  const PATH = pathWithoutNode();
  stack = await initStack(dir, [], { PATH, PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false", ZENLAYER_VM_POLL_INTERVAL_MS: "200" });
  const env = stack.environment;
  expect(env.PATH).toBe(PATH);
  const nodeLookup = spawnSync("/bin/sh", ["-c", "command -v node"], { env, encoding: "utf8" });
  expect({ found: nodeLookup.status === 0, printed: nodeLookup.stdout }).toEqual({ found: false, printed: "" });
  const pulumiHome = env.PULUMI_HOME ?? "";
  expect(existsSync(path.join(pulumiHome, "plugins"))).toBe(false);

  await configureStackFor(stack, sim);
  await stack.setConfig("vmPassword", VM_PASSWORD, true);
  await stack.up();

  // The engine asked for exactly the archive the release names, and installed it.
  expect(requests.filter((r) => r.endsWith(".tar.gz"))).toEqual([`/${archive}`]);
  const plugins = JSON.parse((await run("pulumi", ["plugin", "ls", "--json"], { cwd: dir, env })).stdout) as { name: string; kind: string; version: string }[];
  expect(plugins).toEqual([expect.objectContaining({ name: "zenlayer", kind: "resource", version: VERSION })]);

  const outputs = await stack.outputs();
  expect((outputs.zones as { zoneId: string }[]).map((z) => z.zoneId)).toEqual(expect.arrayContaining(["HKG-A"]));
  const id = outputs.instanceId as string;
  expect(sim.control.getInstance(id)?.instanceStatus).toBe("RUNNING");
  expect((await stack.instances(INSTANCE_TOKEN)).map((r) => r.id)).toEqual([id]);

  await stack.destroy();
  expect(["RECYCLING", "RECYCLE", undefined]).toContain(sim.control.getInstance(id)?.instanceStatus);
  expect(await stack.instances(INSTANCE_TOKEN)).toEqual([]);
});
