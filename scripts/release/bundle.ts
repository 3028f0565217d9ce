/**
 * The plugin as one JavaScript file: dist/provider/plugin/main.js and everything it imports,
 * npm packages included, so that it runs where only `node` (or nothing, once made a single
 * executable application) is present.
 */
import { build, type Plugin } from "esbuild";
import { isBuiltin } from "node:module";
import * as path from "node:path";

/**
 * provider/plugin/grpc.ts loads gRPC and protobuf through the program's @pulumi/pulumi at run
 * time, a lookup a bundler cannot follow. In the bundle the same modules are imported statically,
 * resolved from the @pulumi/pulumi the bundle holds, so the pairing that module guarantees stays.
 */
function pulumiRuntimeFromPulumi(): Plugin {
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return {
    name: "grpc-from-pulumi",
    setup(esbuild) {
      esbuild.onLoad({ filter: /[\\/]provider[\\/]plugin[\\/]grpc\.js$/ }, () => ({
        resolveDir: pulumiDir,
        loader: "js",
        contents: [
          'exports.grpc = require("@grpc/grpc-js");',
          'exports.structPb = require("google-protobuf/google/protobuf/struct_pb");',
          'exports.emptyPb = require("google-protobuf/google/protobuf/empty_pb");',
          'exports.anyPb = require("google-protobuf/google/protobuf/any_pb");',
        ].join("\n"),
      }));
    },
  };
}

/**
 * Bundles `entry` (a built .js file) into `outfile` as CommonJS for Node.js `nodeFloor` and up.
 * Fails when the bundle would still load a non-built-in module at run time: a single executable
 * application can only `require()` Node's own modules. (`require.resolve()` of a path loads
 * nothing; @pulumi/pulumi's package installer has one, on a path the plugin never takes.)
 */
export async function bundlePlugin(entry: string, outfile: string, nodeFloor: string): Promise<void> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: `node${nodeFloor}`,
    minify: true,
    legalComments: "none",
    logLevel: "silent",
    metafile: true,
    plugins: [pulumiRuntimeFromPulumi()],
    // Only named by require.resolve() in @pulumi/pulumi's package installer (see below).
    external: ["node-gyp/bin/node-gyp.js"],
  });
  const external = Object.values(result.metafile.outputs).flatMap((o) => o.imports)
    .filter((i) => i.external && i.kind !== "require-resolve" && !isBuiltin(i.path));
  if (external.length > 0) {
    throw new Error(`the bundle still requires ${external.map((i) => i.path).join(", ")} at run time`);
  }
  for (const warning of result.warnings) process.stderr.write(`[release] esbuild: ${warning.text}\n`);
}

