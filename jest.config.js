// Three layers, each its own Jest project:
//   unit         pure logic and mocked transports (fast)
//   integration  the client and the provider against the in-process simulator (real HTTP on loopback)
//   e2e          the real Pulumi CLI against the simulator, the package installed from a packed tarball
// ts-jest's TS151002 warning (module node20 without isolatedModules) is informational: the
// compiled output is the same CommonJS either way.
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { ignoreCodes: [151002] } }];
const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: "node",
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  transform: { "^.+\\.ts$": tsJest },
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
