import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { callApi, ok, waitFor } from "./helpers/zc-client";
import { createBody } from "./helpers/fixtures";

// Runs the CLI from its TypeScript source through ts-node (a dev dependency), so the test needs
// no prior build and cannot pass against a stale dist/.
const ROOT = join(__dirname, "..", "..", "..");
let child: ChildProcess | undefined;
const started: ChildProcess[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).filter((c) => c.exitCode === null && c.signalCode === null).map((c) => {
    const exited = new Promise((resolve) => c.once("exit", resolve));
    c.kill("SIGTERM");
    return exited;
  }));
  child = undefined;
});

/** Starts the CLI (it becomes `child`); resolves with the first stdout line once it listens. */
function startCli(args: string[], env: Record<string, string> = {}): Promise<{ line: string; stderr: () => string; process: ChildProcess }> {
  const proc = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", join(ROOT, "simulator", "cli.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  started.push(proc);
  let stdout = "";
  let stderr = "";
  proc.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL line within 15 s; stderr: ${stderr}`)), 15_000);
    proc.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) {
        clearTimeout(timer);
        resolve({ line: stdout.split("\n")[0]!, stderr: () => stderr, process: proc });
      }
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}; stderr: ${stderr}`));
    });
  });
}

const DEFAULT_KEYS = { accessKeyId: "sim-access-key-id", accessKeyPassword: "sim-access-key-password" };
/** Fast states, so a test through the real process waits milliseconds, not seconds. */
const FAST = ["--pending-ms", "20", "--deploying-ms", "20", "--stopping-ms", "20", "--booting-ms", "20", "--bandwidth-change-ms", "50"];

/** The base URL in the line the CLI prints once listening. */
function urlOf(line: string): string {
  const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
  if (!url) throw new Error(`no URL in "${line}"`);
  return url;
}

/** Sends SIGTERM to the running CLI and resolves with its exit code. */
async function terminate(): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child!.once("exit", resolve));
  child!.kill("SIGTERM");
  return exited;
}

describe("zenlayer-sim CLI", () => {
  it("prints one line with the base URL on --port 0, serves the API, logs to stderr and stops on SIGTERM", async () => {
    const { line, stderr } = await startCli(["--port", "0", "--access-key-id", "cli-key"], { ZENLAYER_SIM_ACCESS_KEY_PASSWORD: "cli-secret" });
    const url = /^zenlayer-sim listening on (http:\/\/127\.0\.0\.1:\d+) \(API at \/api\/v2\/vm, control at \/_sim\)$/.exec(line)?.[1];
    expect(url).toBeDefined();
    const reply = await callApi({ url: url!, accessKeyId: "cli-key", accessKeyPassword: "cli-secret" }, "DescribeZones", {});
    expect(reply.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child!.once("exit", resolve));
    child!.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr()).toContain("DescribeZones 200");
    expect(stderr()).not.toContain("cli-secret");
  }, 30_000);

  it("exits 2 with a usage error on an empty --access-key-password instead of using the public default", async () => {
    await expect(startCli(["--port", "0", "--access-key-password", ""])).rejects.toThrow(/exited 2; stderr: zenlayer-sim: --access-key-password must not be empty/);
  }, 30_000);

  it("tells on stderr, and keeps telling with --quiet, when the state file cannot be saved", async () => {
    const { mkdtempSync, mkdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "zenlayer-sim-cli-"));
    const statePath = join(dir, "state.json");
    try {
      const { line, stderr } = await startCli(["--port", "0", "--quiet", "--state-file", statePath]);
      // A directory where the file should go: the save after the create fails.
      mkdirSync(statePath);
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!;
      const reply = await callApi({ url, accessKeyId: "sim-access-key-id", accessKeyPassword: "sim-access-key-password" }, "CreateInstances", {
        zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-yKK4q6XybymPgfx7ynUUqC3N8", instanceChargeType: "POSTPAID",
        internetChargeType: "ByBandwidth", password: "Passw0rd!x",
      });
      expect(reply.status).toBe(200);
      expect(stderr()).toContain(`Could not save the state file ${statePath}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("keeps a completed resize across SIGTERM and a restart on the same state file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zenlayer-sim-cli-"));
    const state = ["--state-file", join(dir, "state.json")];
    try {
      const first = { url: urlOf((await startCli(["--port", "0", "--quiet", ...FAST, ...state])).line), ...DEFAULT_KEYS };
      const instanceId = (await ok(first, "CreateInstances", createBody())).instanceIdSet[0];
      const describe = async (target: typeof first) => (await ok(target, "DescribeInstances", { instanceIds: [instanceId] })).dataSet[0];
      await waitFor(() => describe(first), (i) => i.instanceStatus === "RUNNING");
      await ok(first, "ModifyInstanceType", { instanceId, instanceTypeId: "c.2c4g" });
      await waitFor(() => ok(first, "DescribeInstanceTypeStatus", { instanceId }), (s) => s.modifiedInstanceTypeStatus === "Enable");
      expect(await describe(first)).toMatchObject({ instanceType: "c.2c4g", cpuCount: 2 });
      expect(await terminate()).toBe(0);

      const second = { url: urlOf((await startCli(["--port", "0", "--quiet", ...FAST, ...state])).line), ...DEFAULT_KEYS };
      expect(await describe(second)).toMatchObject({ instanceType: "c.2c4g", cpuCount: 2, memory: 4 });
      expect(await ok(second, "DescribeInstanceTypeStatus", { instanceId })).toMatchObject({ instanceType: "c.2c4g", modifiedInstanceTypeStatus: "Enable" });
      // The limit is the new type's (500 Mbps), not the old one's (200 Mbps).
      expect((await callApi(second, "ModifyInstanceBandwidth", { instanceId, internetMaxBandwidthOut: 300 })).status).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("refuses a second simulator on a state file in use, naming the file and the holder, and takes over the lock of a killed one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zenlayer-sim-cli-"));
    const statePath = join(dir, "state.json");
    const state = ["--state-file", statePath];
    try {
      const a = await startCli(["--port", "0", "--quiet", ...FAST, ...state]);
      const first = { url: urlOf(a.line), ...DEFAULT_KEYS };
      const kept = (await ok(first, "CreateInstances", createBody({ instanceName: "kept" }))).instanceIdSet[0];

      const refused = startCli(["--port", "0", "--quiet", ...state]);
      await expect(refused).rejects.toThrow(/exited 1/);
      const message = await refused.catch((error: Error) => error.message);
      expect(message).toContain(`The state file ${statePath} is in use by another zenlayer-sim`);
      expect(message).toContain(`pid ${a.process.pid}, listening on ${first.url}`);
      // The holder goes on serving, with nothing lost.
      const second = (await ok(first, "CreateInstances", createBody({ instanceName: "also-kept" }))).instanceIdSet[0];

      const killed = new Promise((resolve) => a.process.once("exit", resolve));
      a.process.kill("SIGKILL");
      await killed;
      const b = { url: urlOf((await startCli(["--port", "0", "--quiet", ...FAST, ...state])).line), ...DEFAULT_KEYS };
      const names = (await ok(b, "DescribeInstances", {})).dataSet.map((i: { instanceId: string; instanceName: string }) => [i.instanceId, i.instanceName]);
      expect(names).toEqual([[kept, "kept"], [second, "also-kept"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
