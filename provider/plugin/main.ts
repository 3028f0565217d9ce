#!/usr/bin/env node
/**
 * `pulumi-resource-zenlayer`: the engine starts it (found on PATH, or installed with
 * `pulumi plugin install resource zenlayer <version> --file …`), passing the engine's address as
 * its last argument, and reads the port it serves on from the first line of standard output.
 */
// First: on an older Node, one line about the Node version instead of a failing import.
import "./require-supported-node";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { grpc } from "./grpc";
import { providerService, ResourceProviderService } from "./service";
import { engineAddressFrom } from "./translate";

/** The package's version: the plugin's, as `pulumi plugin ls` and the schema report it. */
function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === "pulumi-zenlayer-vm" && manifest.version) return manifest.version;
    }
  }
  throw new Error("cannot find the package.json of pulumi-zenlayer-vm above the plugin");
}

async function serve(args: string[]): Promise<void> {
  const engine = { address: engineAddressFrom(args) };
  // Messages up to the engine's own limit: a schema or a state of many instances can be large.
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(ResourceProviderService, providerService(packageVersion(), engine));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  process.stdout.write(`${port}\n`);
}

serve(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`pulumi-resource-zenlayer: cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
