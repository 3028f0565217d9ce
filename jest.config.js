// Three layers, each its own Jest project:
//   unit         pure logic and mocked transports (fast)
//   integration  the client and the provider against the in-process simulator (real HTTP on loopback)
//   e2e          the real Pulumi CLI against the simulator, the package installed from a packed tarball
// tsconfig.json sets isolatedModules, so ts-jest compiles each file on its own without type
// checking it (about half the time of a run); `npm test` type-checks the whole project with tsc first.
const fs = require("node:fs");
const path = require("node:path");

const tsJest = ["ts-jest", { tsconfig: "tsconfig.json" }];

// got and part of its dependencies are ES modules only. Node >= 22.12 loads them through
// require(esm), so the provider runs on Node 22, but Jest's CommonJS runtime can require() an ES
// module only on Node >= 24.9. On older Node the tests compile those packages to CommonJS.
const [nodeMajor, nodeMinor] = process.versions.node.split(".").map(Number);
const jestRequiresEsm = nodeMajor > 24 || (nodeMajor === 24 && nodeMinor >= 9);

/** `name` and the packages it depends on, at any depth, that are ES modules (nested node_modules included). */
function esmOnlyPackages(name, from = __dirname, found = new Set(), seen = new Set()) {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "node_modules", name, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return found;
    dir = parent;
  }
  const root = path.join(dir, "node_modules", name);
  if (seen.has(root)) return found;
  seen.add(root);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  if (manifest.type === "module") found.add(name);
  for (const dependency of Object.keys(manifest.dependencies ?? {})) esmOnlyPackages(dependency, root, found, seen);
  return found;
}

const esmForOlderNode = jestRequiresEsm ? {} : {
  transform: {
    "^.+\\.ts$": tsJest,
    "^.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true, module: "commonjs", moduleResolution: "node10", target: "es2022", esModuleInterop: true, isolatedModules: true }, diagnostics: false }],
  },
  transformIgnorePatterns: [`^(?!.*/node_modules/(${[...esmOnlyPackages("got")].join("|")})/).*/node_modules/`],
};

const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: "node",
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  transform: { "^.+\\.ts$": tsJest },
  ...esmForOlderNode,
  // The provider loads its implementation by package path (see provider/index.ts); in tests that
  // path maps back to the TypeScript sources.
  moduleNameMapper: { "^pulumi-zenlayer-vm/dist/(.*)\\.js$": "<rootDir>/$1" },
  ...extra,
});
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    project("unit"),
    project("integration"),
    // The e2e files run in parallel workers (scripts/test.sh picks how many); the package they
    // install is packed once, before the workers start.
    project("e2e", { slowTestThreshold: 120, globalSetup: "<rootDir>/test/e2e/helpers/global-setup.ts" }),
  ],
};
