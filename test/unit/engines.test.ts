/**
 * The Node.js floors are stated in four places that must agree: package.json `engines` (and the
 * lockfile's copy), the table of the oldest Node each part runs on in the installation page, the
 * plugin's check at start, and the exact Node the test matrix runs the integration layer on (which is what proves
 * the floor). The tests themselves must run on a Node inside `engines`.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { isSupportedNode, PLUGIN_NODE_FLOOR, unsupportedNodeMessage } from "../../provider/plugin/node-version";

const ROOT = path.join(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const manifest = JSON.parse(read("package.json")) as { engines: { node: string } };
const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { engines?: { node?: string } }> };

/** The version in `>=x.y.z`. */
function engineFloor(range: string | undefined): string {
  const floor = /^>=(\d+\.\d+\.\d+)$/.exec(range ?? "");
  if (!floor) throw new Error(`engines.node should be ">=x.y.z", got ${String(range)}`);
  return floor[1]!;
}

/** The page that states the Node.js floors. */
const INSTALLATION_PAGE = "docs/installation-configuration.md";

/** The installation page's table row whose first cell starts with `part`: its "Oldest Node.js" cell. */
function statedFloor(part: string): string {
  const row = read(INSTALLATION_PAGE).split("\n").find((line) => line.startsWith(`| ${part}`));
  if (!row) throw new Error(`${INSTALLATION_PAGE} has no Node.js versions row for "${part}"`);
  return row.split("|").map((cell) => cell.trim()).filter(Boolean).at(-1)!;
}

test("package.json engines, its lockfile copy and the installation page's row for the package name the same floor", () => {
  const floor = engineFloor(manifest.engines.node);
  expect(lock.packages[""]?.engines?.node).toBe(manifest.engines.node);
  expect(statedFloor("the package")).toBe(floor);
});

test("the plugin's check at start and the installation page's row for the plugin run from source name the same floor", () => {
  expect(statedFloor("the plugin")).toBe(PLUGIN_NODE_FLOOR);
});

test("the test matrix runs the integration layer on exactly the oldest Node the installation page states", () => {
  const tested = /^NODE_LTS_VERSION="\$\{NODE_LTS_VERSION:-(\d+\.\d+\.\d+)\}"$/m.exec(read("scripts/test.sh"));
  expect(tested?.[1]).toBe(engineFloor(manifest.engines.node));
  expect(tested?.[1]).toBe(PLUGIN_NODE_FLOOR);
});

test.each([
  ["22.12.0", true], ["22.12.1", true], ["22.23.5", true], ["23.0.0", true], ["24.9.0", true], ["v24.21.0", true],
  ["22.11.0", false], ["20.19.0", false], ["18.20.8", false], ["21.7.3", false],
])("the plugin's check: Node %s supported → %s", (version, supported) => {
  expect(isSupportedNode(version)).toBe(supported);
});

test("the plugin's refusal is one line naming the Node found, its path and the floor", () => {
  const message = unsupportedNodeMessage("20.18.3", "/opt/node20/bin/node");
  expect(message).not.toContain("\n");
  expect(message).toContain("Node.js 20.18.3 (/opt/node20/bin/node)");
  expect(message).toContain(`>= ${PLUGIN_NODE_FLOOR}`);
});

test("the tests run on a Node.js inside package.json engines.node", () => {
  const [major, minor, patch] = engineFloor(manifest.engines.node).split(".").map(Number) as [number, number, number];
  const [haveMajor, haveMinor, havePatch] = process.versions.node.split(".").map(Number) as [number, number, number];
  expect(haveMajor * 1e6 + haveMinor * 1e3 + havePatch).toBeGreaterThanOrEqual(major * 1e6 + minor * 1e3 + patch);
});
