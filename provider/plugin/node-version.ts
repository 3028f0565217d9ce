/**
 * The oldest Node.js the plugin runs on when started from the npm package's source (a
 * self-contained build carries its own Node). 22.12 is the first 22.x that loads ES modules through
 * require() without a flag, which the HTTP client (got) needs; got and @pulumi/pulumi declare
 * Node >= 22. package.json `engines` and docs/installation-configuration.md state the same floor
 * (a unit test holds them equal).
 */
export const PLUGIN_NODE_FLOOR = "22.12.0";

function parts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, "").split(".").map((p) => Number.parseInt(p, 10) || 0);
  return [major, minor, patch];
}

/** True when `version` (e.g. process.versions.node) is at least the floor. */
export function isSupportedNode(version: string): boolean {
  const have = parts(version);
  const need = parts(PLUGIN_NODE_FLOOR);
  for (let i = 0; i < 3; i++) if (have[i] !== need[i]) return have[i]! > need[i]!;
  return true;
}

/** The one line the plugin prints before exiting on an older Node. */
export function unsupportedNodeMessage(version: string, nodePath: string): string {
  return `pulumi-resource-zenlayer: needs Node.js >= ${PLUGIN_NODE_FLOOR}, but it was started by Node.js ${version} (${nodePath}); put Node.js ${PLUGIN_NODE_FLOOR} or newer first on PATH and run the command again`;
}
