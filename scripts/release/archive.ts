/** The release's files: gzipped tarballs in the layout the engine unpacks, and their checksums. */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/**
 * Packs `files` (names inside `dir`) into the gzipped tarball `archive`, at its root, as the
 * engine expects, with neutral owners so the archive does not carry the build machine's users.
 */
export function tarGz(archive: string, dir: string, files: string[]): void {
  execFileSync("tar", ["-czf", archive, "--owner=0", "--group=0", "--numeric-owner", "-C", dir, ...files]);
}

/** Writes `checksums` in `sha256sum`'s format (`sha256sum -c` checks it) for `files` in `dir`. */
export function writeChecksums(checksums: string, dir: string, files: string[]): void {
  const lines = files.map((file) => `${createHash("sha256").update(readFileSync(path.join(dir, file))).digest("hex")}  ${file}\n`);
  writeFileSync(checksums, lines.join(""));
}
