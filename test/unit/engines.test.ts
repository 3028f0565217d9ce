/**
 * package.json declares the supported Node.js range; the test commands must run on a Node inside
 * it (scripts/ensure-node.sh installs Node 24 when the system's is older).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

test("the tests run on a Node.js inside package.json engines.node", () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as { engines: { node: string } };
  const minimum = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(manifest.engines.node);
  expect(minimum).not.toBeNull();
  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  const [wantMajor, wantMinor] = [Number(minimum![1]), Number(minimum![2])];
  expect(major > wantMajor || (major === wantMajor && minor >= wantMinor)).toBe(true);
});
