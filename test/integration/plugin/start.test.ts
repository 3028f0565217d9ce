/**
 * The plugin as the engine starts it from the package (the built dist/), on the Node.js running
 * the tests: it prints its port and serves the provider protocol. `npm test` runs this layer on
 * Node 24 and on the oldest Node package.json engines allows, which is how that floor is proven for
 * the plugin run from source.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { grpc } from "../../../provider/plugin/grpc";

const { ResourceProviderClient } = require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof import("@pulumi/pulumi/proto/provider_grpc_pb");
const emptyPb = require("google-protobuf/google/protobuf/empty_pb") as typeof import("google-protobuf/google/protobuf/empty_pb");

const ROOT = path.resolve(__dirname, "../../..");
const MAIN = path.join(ROOT, "dist", "provider", "plugin", "main.js");
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

let plugin: ChildProcess | undefined;
afterEach(() => { plugin?.kill(); });

/** Starts the plugin with an engine address, as the engine does; resolves with the port it printed. */
function startPlugin(): Promise<number> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does) first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, "127.0.0.1:1"], { stdio: ["ignore", "pipe", "pipe"] });
    plugin = child;
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => { stderr += d; });
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d;
      const line = /^(\d+)\n/.exec(stdout);
      if (line) resolve(Number(line[1]));
    });
    child.on("exit", (code) => reject(new Error(`the plugin exited ${code} on Node.js ${process.versions.node} before printing a port:\n${stderr}`)));
  });
}

test(`the plugin starts on Node.js ${process.versions.node} and answers GetPluginInfo with the package's version`, async () => {
  const port = await startPlugin();
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  try {
    const version = await new Promise<string>((resolve, reject) => {
      client.getPluginInfo(new emptyPb.Empty(), (error, info) => (error ? reject(error) : resolve(info!.getVersion())));
    });
    expect(version).toBe(VERSION);
  } finally {
    client.close();
  }
});
