/**
 * Start-up time of the `pulumi-resource-zenlayer` plugin: from spawning it (as the engine does,
 * with an engine address as its argument) to the port line on its standard output, which is how
 * long every `pulumi` command that uses the plugin waits for it. Uses the built dist/.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";

const MAIN = path.resolve(__dirname, "../../dist/provider/plugin/main.js");
const RUNS = 7;

function startOnce(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [MAIN, "127.0.0.1:1"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => { stderr += d; });
    child.stdout.once("data", (line: Buffer) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill();
      if (!/^\d+\s*$/.test(String(line))) reject(new Error(`expected a port, got ${String(line)}`));
      else resolve(Math.round(ms));
    });
    child.on("exit", (code) => { if (code !== null && code !== 0) reject(new Error(`plugin exited ${code}: ${stderr}`)); });
  });
}

async function main(): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await startOnce());
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`plugin start-up (spawn to port line): p50 ${sorted[Math.floor(sorted.length / 2)]} ms, ` +
    `min ${sorted[0]} ms, max ${sorted.at(-1)} ms (n=${RUNS})`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
