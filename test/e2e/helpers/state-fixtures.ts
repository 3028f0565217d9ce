/**
 * State written by released versions, kept so that every later version can prove it still serves
 * it: one folder per release under test/fixtures/state/<version>/, written by
 * scripts/record-state.sh and replayed by test/e2e/upgrade.test.ts. Both sides take the layout,
 * the programs and the stack's names from here.
 *
 *   fixture.json            the release, the CLI that wrote it, and the path rewrites on replay
 *   simulator-state.json    the simulator's state file: the instances the stacks own
 *   <front-end>/            one program per front-end: its files, the stack's config
 *                           (Pulumi.upgrade.yaml: the secrets' salt and the encrypted password)
 *                           and stack.json, the `pulumi stack export` of the stack
 *
 * The provider reaches the simulator through the ZENLAYERCLOUD_* environment, never stack config:
 * the simulator listens on a different port at each run, and an endpoint in config would be
 * recorded in the plugin's provider inputs.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./consumer";

/** Where the recorded releases live. */
export const STATE_FIXTURES_DIR = path.join(REPO_ROOT, "test", "fixtures", "state");
/** The stack every fixture program runs on (its name is part of every URN and of the owner tag). */
export const FIXTURE_STACK = "upgrade";
/** The stack config file beside each program. */
export const FIXTURE_STACK_CONFIG = `Pulumi.${FIXTURE_STACK}.yaml`;
/** The passphrase of the fixtures' secrets (throw-away state against a simulator). */
export const FIXTURE_PASSPHRASE = "zenlayer-vm-state-fixture";
/** The simulator state file's name in a fixture. */
export const SIMULATOR_STATE_FILE = "simulator-state.json";
/** The stack export's name in each front-end's folder. */
export const STACK_EXPORT_FILE = "stack.json";
/** The fixture's description. */
export const FIXTURE_MANIFEST = "fixture.json";

/** The two ways a program uses the provider. */
export type FrontEnd = "nodejs" | "yaml";
export const FRONT_ENDS: readonly FrontEnd[] = ["nodejs", "yaml"];

/** The Instance's type token in each front-end's state. */
export const INSTANCE_TYPES: Readonly<Record<FrontEnd, string>> = {
  nodejs: "pulumi-nodejs:dynamic/zenlayer:Instance",
  yaml: "zenlayer:index:Instance",
};

/**
 * A path the recorder found in a stack export and replaced with a placeholder; on replay the
 * placeholder becomes the replaying machine's path of the same thing.
 */
export interface PathRewrite { placeholder: string; meaning: "consumer node_modules" | "program folder" }

/** fixture.json. */
export interface FixtureManifest {
  version: string;
  pulumiCliVersion: string;
  nodeVersion: string;
  /** Placeholders the recorder put into the stack exports (empty when they held no path). */
  pathRewrites: PathRewrite[];
}

/** The placeholders for the machine paths a stack export may hold. */
export const PATH_PLACEHOLDERS: readonly PathRewrite[] = [
  { placeholder: "${CONSUMER_NODE_MODULES}", meaning: "consumer node_modules" },
  { placeholder: "${PROGRAM_DIR}", meaning: "program folder" },
];

/** The TypeScript program: one instance with a secret password, tags and a non-default bandwidth. */
const NODEJS_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { Instance } from "pulumi-zenlayer-vm";

const config = new pulumi.Config();
const vm = new Instance("kept", {
  zoneId: "SEL-A",
  instanceType: "c.1c2g",
  imageId: config.require("imageId"),
  password: config.requireSecret("vmPassword"),
  internetMaxBandwidthOut: 7,
  tags: { app: "upgrade", tier: "fixture" },
});

export const instanceId = vm.instanceId;
`;

const YAML_PROGRAM = `name: zenlayer-upgrade-yaml
runtime: yaml
config:
  vmPassword:
    type: string
    secret: true
  imageId:
    type: string
resources:
  kept:
    type: zenlayer:index:Instance
    properties:
      zoneId: SEL-A
      instanceType: c.1c2g
      imageId: \${imageId}
      password: \${vmPassword}
      internetMaxBandwidthOut: 7
      tags:
        app: upgrade
        tier: fixture
outputs:
  instanceId: \${kept.instanceId}
`;

/** The files of each front-end's program, by name (the recorder writes them, the fixture keeps them). */
export const FIXTURE_PROGRAMS: Readonly<Record<FrontEnd, Record<string, string>>> = {
  nodejs: {
    "Pulumi.yaml": "name: zenlayer-upgrade-nodejs\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n",
    "package.json": `${JSON.stringify({ name: "zenlayer-upgrade-nodejs", private: true, main: "index.ts" }, null, 2)}\n`,
    "tsconfig.json": `${JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true } }, null, 2)}\n`,
    "index.ts": NODEJS_PROGRAM,
  },
  yaml: { "Pulumi.yaml": YAML_PROGRAM },
};

/** The instance's password, set as a secret in the stack config both programs read. */
export const FIXTURE_VM_PASSWORD = "Fixture-Pw-1!";

/** The releases recorded under test/fixtures/state/, oldest first. */
export function recordedVersions(): string[] {
  if (!existsSync(STATE_FIXTURES_DIR)) return [];
  const numeric = (v: string) => v.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  return readdirSync(STATE_FIXTURES_DIR)
    .filter((v) => existsSync(path.join(STATE_FIXTURES_DIR, v, FIXTURE_MANIFEST)))
    .sort((a, b) => {
      const [x, y] = [numeric(a), numeric(b)];
      for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
      return 0;
    });
}

/** A recorded release's manifest. */
export function readManifest(version: string): FixtureManifest {
  return JSON.parse(readFileSync(path.join(STATE_FIXTURES_DIR, version, FIXTURE_MANIFEST), "utf8")) as FixtureManifest;
}

/** Replaces every occurrence of each machine path (longest first) with its placeholder. */
export function withPlaceholders(text: string, paths: Record<PathRewrite["meaning"], string>): { text: string; used: PathRewrite[] } {
  let result = text;
  const used: PathRewrite[] = [];
  const ordered = [...PATH_PLACEHOLDERS].sort((a, b) => paths[b.meaning].length - paths[a.meaning].length);
  for (const rewrite of ordered) {
    const machinePath = paths[rewrite.meaning];
    if (!result.includes(machinePath)) continue;
    result = result.split(machinePath).join(rewrite.placeholder);
    used.push(rewrite);
  }
  return { text: result, used };
}

/** Puts the replaying machine's paths where the recorder left placeholders. */
export function withMachinePaths(text: string, rewrites: readonly PathRewrite[], paths: Record<PathRewrite["meaning"], string>): string {
  let result = text;
  for (const rewrite of rewrites) result = result.split(rewrite.placeholder).join(paths[rewrite.meaning]);
  return result;
}
