/**
 * The package as users get it: `npm pack` of the built clone, installed from the tarball into a
 * separate folder whose node_modules every e2e program links to. Done once per test run, before
 * the test files start (global-setup.ts), and reused while the tarball's content is unchanged.
 * The e2e test files run in parallel Jest workers: they only read the folder, whose path the
 * global set-up hands them in CONSUMER_ENV.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { run } from "./run";

/** The clone's root folder. */
export const REPO_ROOT = path.resolve(__dirname, "../../..");
/** Scratch space for the e2e tests (git-ignored). */
export const E2E_TMP = path.join(REPO_ROOT, ".tmp", "e2e");

const CONSUMER_DIR = path.join(E2E_TMP, "consumer");

/** Versions the consumer installs beside the tarball: the same as the clone's lockfile. */
function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json`);
  return version;
}

/** Packs the clone (which must be built) and returns the tarball's path. */
async function pack(): Promise<string> {
  if (!existsSync(path.join(REPO_ROOT, "dist", "sdk", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` (npm test does) before the e2e tests.");
  }
  const packDir = path.join(E2E_TMP, "pack");
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  await run("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: REPO_ROOT });
  const tarball = readdirSync(packDir).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack produced no tarball");
  return path.join(packDir, tarball);
}

/** The environment variable through which the global set-up hands the folder to the workers. */
export const CONSUMER_ENV = "ZENLAYER_VM_E2E_NODE_MODULES";

let ready: Promise<string> | undefined;

/**
 * Returns a node_modules folder holding the packed package, @pulumi/pulumi and ts-node, as a
 * user's program would have after `npm install pulumi-zenlayer-vm`: the one the global set-up
 * prepared, or (when this process is the first to ask) a fresh one.
 */
export function consumerNodeModules(): Promise<string> {
  const prepared = process.env[CONSUMER_ENV];
  if (prepared && existsSync(prepared)) return Promise.resolve(prepared);
  ready ??= pack().then((tarball) => installTarballs(CONSUMER_DIR, { "pulumi-zenlayer-vm": tarball }));
  return ready;
}

/**
 * `npm install` of the packages in `tarballs` (name → .tgz), with @pulumi/pulumi, TypeScript,
 * ts-node and @types/node at the clone's locked versions, into the folder `dir`, as a user's
 * program gets them. The folder is reused while the tarballs' content is unchanged. Returns its
 * node_modules.
 */
export async function installTarballs(dir: string, tarballs: Record<string, string>): Promise<string> {
  const hash = createHash("sha256");
  for (const [name, tarball] of Object.entries(tarballs).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(name).update(readFileSync(tarball));
  }
  const digest = hash.digest("hex");
  const stamp = path.join(dir, ".tarball-sha256");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) return path.join(dir, "node_modules");
  mkdirSync(dir, { recursive: true });
  // A file name per content: npm keys its cache and lockfile on the spec, and would otherwise
  // reinstall the previous tarball's content.
  for (const old of readdirSync(dir).filter((f) => f.endsWith(".tgz"))) rmSync(path.join(dir, old));
  const dependencies: Record<string, string> = {};
  for (const [name, tarball] of Object.entries(tarballs)) {
    const vendoredName = `${name.replace(/^@/, "").replace("/", "-")}-${digest.slice(0, 12)}.tgz`;
    writeFileSync(path.join(dir, vendoredName), readFileSync(tarball));
    dependencies[name] = `file:${vendoredName}`;
    rmSync(path.join(dir, "node_modules", name), { recursive: true, force: true });
  }
  for (const name of ["@pulumi/pulumi", "typescript", "ts-node", "@types/node"]) dependencies[name] = lockedVersion(name);
  const manifest = { name: `e2e-${path.basename(dir)}`, private: true, dependencies };
  writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: dir, timeoutMs: 600_000 });
  writeFileSync(stamp, digest);
  return path.join(dir, "node_modules");
}
