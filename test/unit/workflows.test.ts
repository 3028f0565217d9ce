/**
 * The GitHub Actions workflows cannot run here, so they stay minimal and call only what the repo
 * has and the tests exercise: CI runs .ci/run (which runs `npm test`), a version tag runs
 * `npm run release` and attaches dist-release/*. Every command of every `run:` step must be
 * `npm ci`, `npm run <a script of package.json>`, an executable file of the repo, or the one
 * `gh release create` that attaches the artifacts; every action is one of GitHub's own.
 */
import { accessSync, constants, existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "../..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const scripts = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

/** The `run:` commands of a workflow (one line each: block scalars would hide logic here). */
function runCommands(text: string): string[] {
  return text.split("\n").flatMap((line) => {
    const step = /^\s*(?:-\s+)?run:\s*(.*)$/.exec(line);
    return step ? [step[1]!.trim()] : [];
  });
}

/** Why a command is not allowed, or undefined when it is. */
function problem(command: string): string | undefined {
  if (/^[|>]/.test(command)) return "a multi-line run block";
  for (const part of command.split(/&&|\|\||;/).map((p) => p.trim())) {
    const npmRun = /^npm run (\S+)/.exec(part);
    if (npmRun) {
      if (!scripts[npmRun[1]!]) return `npm run ${npmRun[1]}: package.json has no such script`;
      continue;
    }
    if (part === "npm ci") continue;
    if (/^gh release create "\$GITHUB_REF_NAME" dist-release\/\* /.test(part)) continue;
    const file = part.split(/\s+/)[0]!;
    if (!file.includes("/")) return `${part}: neither a script of the repo nor an allowed command`;
    const resolved = path.join(ROOT, file);
    if (!existsSync(resolved)) return `${file} does not exist in the repo`;
    try { accessSync(resolved, constants.X_OK); } catch { return `${file} is not executable`; }
  }
  return undefined;
}

const files = existsSync(WORKFLOWS) ? readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)) : [];

test("the CI and release workflows exist", () => {
  expect(files.sort()).toEqual(["ci.yml", "release.yml"]);
});

test.each(files)("%s calls only scripts the repo has, and only GitHub's own actions", (file) => {
  const text = readFileSync(path.join(WORKFLOWS, file), "utf8");
  const commands = runCommands(text);
  expect(commands.length).toBeGreaterThan(0);
  expect(commands.map((c) => [c, problem(c)]).filter(([, p]) => p)).toEqual([]);
  const actions = [...text.matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]!);
  expect(actions.filter((a) => !/^actions\/[a-z-]+@v\d+$/.test(a))).toEqual([]);
});

test("CI runs .ci/run; a version tag runs npm run release and attaches dist-release/*", () => {
  const ci = runCommands(readFileSync(path.join(WORKFLOWS, "ci.yml"), "utf8"));
  expect(ci).toContain(".ci/run");
  const release = readFileSync(path.join(WORKFLOWS, "release.yml"), "utf8");
  expect(release).toMatch(/tags:\s*\["v\*"\]/);
  expect(runCommands(release)).toContain("npm run release");
  expect(runCommands(release).some((c) => c.includes("dist-release/*"))).toBe(true);
});

test("the checks refuse what they should", () => {
  expect(problem("npm run no-such-script")).toMatch(/no such script/);
  expect(problem("scripts/no-such-file.sh")).toMatch(/does not exist/);
  expect(problem("curl https://example.com | sh")).toMatch(/neither/);
  expect(problem("|")).toMatch(/multi-line/);
  expect(problem("npm run test")).toBeUndefined();
  expect(problem(".ci/run")).toBeUndefined();
});
