/**
 * `npm run release [-- --platforms linux-amd64,host] [--out DIR]`: writes into dist-release/
 * (or DIR) the npm tarball, one `pulumi-resource-zenlayer-v<version>-<os>-<arch>.tar.gz` per
 * platform (every platform unless --platforms names some; `host` is this machine's) and
 * checksums.txt. Needs the built package (`npm run release` builds it first).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { tarGz, writeChecksums } from "./archive";
import { bundlePlugin } from "./bundle";
import { launcher, preparationBlob, singleExecutable } from "./executable";
import { hostPlatform, pluginArchiveName, platformId, selectPlatforms } from "./platforms";

const ROOT = path.resolve(__dirname, "../..");
export const CHECKSUMS = "checksums.txt";

interface Manifest { name: string; version: string; engines?: { node?: string } }

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

/** The oldest Node.js the package supports, from package.json's engines (e.g. ">=22.12.0"). */
function nodeFloor(manifest: Manifest): string {
  const floor = /(\d+)\.(\d+)\.(\d+)/.exec(manifest.engines?.node ?? "");
  if (!floor) throw new Error(`package.json's engines.node (${manifest.engines?.node ?? "missing"}) names no x.y.z version`);
  return floor[0];
}

const megabytes = (file: string): string => `${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`;

async function release(args: string[]): Promise<void> {
  const unknown = args.filter((a, i) => a.startsWith("--") ? !["--platforms", "--out"].includes(a) : !["--platforms", "--out"].includes(args[i - 1] ?? ""));
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown.join(" ")}; usage: npm run release [-- --platforms linux-amd64,host] [--out DIR]`);
  const platforms = selectPlatforms(option(args, "--platforms"));
  const out = path.resolve(option(args, "--out") ?? path.join(ROOT, "dist-release"));
  const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Manifest;
  const entry = path.join(ROOT, "dist", "provider", "plugin", "main.js");
  if (!existsSync(entry)) throw new Error(`${path.relative(ROOT, entry)} is missing: run \`npm run build\` first (\`npm run release\` does)`);

  const started = Date.now();
  const step = (what: string): boolean => process.stderr.write(`[release] ${((Date.now() - started) / 1000).toFixed(1)}s ${what}\n`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(path.join(out, ".work-"));
  try {
    step("npm pack");
    execFileSync("npm", ["pack", "--silent", "--pack-destination", out], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });

    step("bundling the plugin");
    const floor = nodeFloor(manifest);
    const bundle = path.join(work, "plugin.js");
    await bundlePlugin(entry, bundle, floor);

    const blobs = new Map<boolean, string>();
    for (const platform of platforms) {
      step(`${platformId(platform)}: ${platform.kind}`);
      const stage = path.join(work, platformId(platform));
      mkdirSync(stage);
      // The plugin reads its version from the package.json above it, as it does when installed from npm.
      writeFileSync(path.join(stage, "package.json"), `${JSON.stringify({ name: manifest.name, version: manifest.version }, null, 2)}\n`);
      copyFileSync(path.join(ROOT, "LICENSE"), path.join(stage, "LICENSE"));
      if (platform.kind === "single-executable") {
        const withCodeCache = platform === hostPlatform();
        const blob = blobs.get(withCodeCache) ?? preparationBlob(bundle, work, withCodeCache);
        blobs.set(withCodeCache, blob);
        singleExecutable(platform, blob, process.versions.node, stage);
      } else {
        launcher(platform, bundle, floor, stage);
      }
      tarGz(path.join(out, pluginArchiveName(manifest.version, platform)), stage, readdirSync(stage).sort());
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const files = readdirSync(out).filter((f) => !f.startsWith(".")).sort();
  writeChecksums(path.join(out, CHECKSUMS), out, files);
  step("done");
  for (const file of files) process.stdout.write(`${megabytes(path.join(out, file)).padStart(9)}  ${path.relative(process.cwd(), path.join(out, file))}\n`);
  process.stdout.write(`built in ${((Date.now() - started) / 1000).toFixed(1)}s with Node.js ${process.versions.node}\n`);
}

release(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`[release] failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
