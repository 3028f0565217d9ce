/**
 * The plugin's executable for one platform: a Node.js single executable application (the
 * bundle's preparation blob injected into that platform's `node`), or, where one cannot be made
 * here, the bundle beside a launcher script that runs it with the Node.js on PATH.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { nodeBinaryFor } from "./node-runtime";
import { executableName, type Platform } from "./platforms";

/**
 * Runs a tool whose output is shown only when it fails: postject prints warnings about ELF note
 * sections it leaves untouched on every successful injection.
 */
function quietly(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${path.basename(args[0] ?? command)} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
}

/** The fuse Node.js checks to know that a blob was injected (the single executable applications docs). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/**
 * Makes the preparation blob of `bundle` with the Node.js running this script, the version whose
 * binaries the release downloads. The code cache is V8's compiled code for this machine only, so
 * it goes into the host platform's executable alone (it shortens the plugin's start).
 */
export function preparationBlob(bundle: string, workDir: string, withCodeCache: boolean): string {
  const name = withCodeCache ? "sea-code-cache" : "sea-portable";
  const blob = path.join(workDir, `${name}.blob`);
  const config = path.join(workDir, `${name}.json`);
  writeFileSync(config, JSON.stringify({
    main: bundle,
    output: blob,
    disableExperimentalSEAWarning: true,
    useSnapshot: false,
    useCodeCache: withCodeCache,
  }));
  quietly(process.execPath, ["--experimental-sea-config", config]);
  return blob;
}

/** Writes `platform`'s single executable application into `dir`; returns its path. */
export function singleExecutable(platform: Platform, blob: string, nodeVersion: string, dir: string): string {
  const target = path.join(dir, executableName(platform));
  copyFileSync(nodeBinaryFor(platform, nodeVersion), target);
  chmodSync(target, 0o755);
  const postject = path.join(path.dirname(require.resolve("postject")), "cli.js");
  quietly(process.execPath, [postject, target, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE]);
  // Binaries of other platforms cannot be run here; the flipped fuse shows that Node.js will
  // find the injected application when they start.
  if (!readFileSync(target).includes(`${SEA_FUSE}:1`)) throw new Error(`${target}: postject left the fuse ${SEA_FUSE} unflipped`);
  return target;
}

/** The bundle's file name beside a launcher. */
export const BUNDLE_NAME = "pulumi-resource-zenlayer.js";

/**
 * Writes the bundle and a POSIX launcher into `dir`: the launcher names the Node.js it needs
 * (`nodeFloor` or newer) in one line when none is on PATH or it is older.
 */
export function launcher(platform: Platform, bundle: string, nodeFloor: string, dir: string): string {
  copyFileSync(bundle, path.join(dir, BUNDLE_NAME));
  const target = path.join(dir, executableName(platform));
  const [major, minor, patch] = nodeFloor.split(".").map(Number);
  const need = `pulumi-resource-zenlayer needs Node.js >= ${nodeFloor} on PATH`;
  writeFileSync(target, `#!/bin/sh
# Runs the bundled zenlayer plugin with the Node.js on PATH; this platform has no self-contained
# executable (see "Release artifacts" in docs/guides/development.md).
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1; then
  echo "${need}; none was found. Install it from https://nodejs.org and retry." >&2
  exit 1
fi
if ! node -e 'const [a,b,c]=process.versions.node.split(".").map(Number);process.exit(a>${major}||(a===${major}&&(b>${minor}||(b===${minor}&&c>=${patch})))?0:1)'; then
  echo "${need}; found $(node --version). Install a newer one from https://nodejs.org and retry." >&2
  exit 1
fi
exec node "$here/${BUNDLE_NAME}" "$@"
`);
  chmodSync(target, 0o755);
  return target;
}
