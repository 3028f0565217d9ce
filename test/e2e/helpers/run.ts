/** A promise around child_process.spawn that captures output and can stream it for debugging. */
import { spawn } from "node:child_process";

/** What a finished command printed and how it ended. */
export interface RunResult { code: number; stdout: string; stderr: string; output: string }

/** Options for {@link run}. */
export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Resolve with the result instead of rejecting on a non-zero exit code. */
  allowFailure?: boolean;
  timeoutMs?: number;
}

/** Runs a command to completion; rejects (with everything it printed) on a non-zero exit unless allowed. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let output = "";
    const stream = process.env.E2E_VERBOSE === "1";
    child.stdout.on("data", (d: Buffer) => { stdout += d; output += d; if (stream) process.stdout.write(d); });
    child.stderr.on("data", (d: Buffer) => { stderr += d; output += d; if (stream) process.stderr.write(d); });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    child.on("error", (err) => { clearTimeout(timer); reject(err); });
    child.on("close", (code) => {
      clearTimeout(timer);
      const result = { code: code ?? -1, stdout, stderr, output };
      if (result.code !== 0 && !options.allowFailure) {
        reject(new Error(`${command} ${args.join(" ")} exited ${result.code} in ${options.cwd}\n${output}`));
      } else {
        resolve(result);
      }
    });
    child.stdin.end(options.input ?? "");
  });
}
