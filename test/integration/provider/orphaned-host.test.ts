/**
 * A provider process whose engine was killed exits by itself instead of waiting out its timeouts.
 * The provider runs in a child of a short-lived shell (standing in for the engine) and keeps itself
 * busy as a long wait would; once the shell is gone, the provider must be gone within seconds.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..", "..");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, limitMs: number): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

it("exits once the process that started it is gone", async () => {
  const provider = [
    "const p = require('./provider/lifecycle/provider');",
    "p.configure({ config: { get: () => undefined } }).then(() => { console.log(process.pid); setInterval(() => {}, 1000); });",
  ].join(" ");
  // The shell starts the provider in the background and exits when told to (a line on its stdin):
  // the provider is then re-parented, as when the engine is killed.
  const engine = spawn("sh", ["-c", `node -r ts-node/register/transpile-only -e "${provider}" & read line`], {
    cwd: ROOT, stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  engine.stdout.on("data", (chunk: Buffer) => { output += chunk.toString(); });
  expect(await waitUntil(() => /^\d+\n/.test(output), 30_000)).toBe(true);
  const pid = Number(output.trim());
  expect(alive(pid)).toBe(true);
  const exited = new Promise((resolve) => engine.once("exit", resolve));
  engine.stdin.end("go\n");
  await exited;
  const gone = await waitUntil(() => !alive(pid), 10_000);
  if (!gone) process.kill(pid, "SIGKILL"); // never leave it behind, even when the test fails
  expect(gone).toBe(true);
}, 60_000);
