import { CliUsageError, DURATION_FLAGS, parseCliArgs } from "../../../simulator/cli-args";
import { DEFAULT_DURATIONS } from "../../../simulator/model/lifecycle";

describe("zenlayer-sim command line", () => {
  it("defaults to port 8787 and nothing else", () => {
    expect(parseCliArgs([])).toEqual({ help: false, quiet: false, options: { port: 8787 }, warnings: [] });
  });

  it("reads credentials, state file, seed and every duration flag", () => {
    const args = ["--port", "0", "--host", "127.0.0.1", "--access-key-id", "me", "--access-key-password", "pw", "--state-file", "s.json", "--seed", "9"];
    for (const flag of Object.keys(DURATION_FLAGS)) args.push(`--${flag}`, "5");
    const { options } = parseCliArgs(args);
    expect(options).toMatchObject({ port: 0, host: "127.0.0.1", accessKeyId: "me", accessKeyPassword: "pw", statePath: "s.json", seed: 9 });
    expect(Object.keys(options.durations!).sort()).toEqual(Object.keys(DEFAULT_DURATIONS).sort());
  });

  it("takes the access key password from ZENLAYER_SIM_ACCESS_KEY_PASSWORD", () => {
    expect(parseCliArgs([], { ZENLAYER_SIM_ACCESS_KEY_PASSWORD: "from-env" }).options.accessKeyPassword).toBe("from-env");
    expect(parseCliArgs(["--access-key-password", "flag"], { ZENLAYER_SIM_ACCESS_KEY_PASSWORD: "env" }).options.accessKeyPassword).toBe("flag");
  });

  it.each([
    [["--access-key-password", ""], {}, /--access-key-password must not be empty/],
    [["--access-key-password", "  "], {}, /--access-key-password must not be empty/],
    [["--access-key-id", ""], {}, /--access-key-id must not be empty/],
    [[], { ZENLAYER_SIM_ACCESS_KEY_PASSWORD: "" }, /ZENLAYER_SIM_ACCESS_KEY_PASSWORD is set but empty/],
  ])("refuses an empty credential instead of falling back to the public default: %j %j", (args, env, message) => {
    expect(() => parseCliArgs(args, env)).toThrow(CliUsageError);
    expect(() => parseCliArgs(args, env)).toThrow(message);
  });

  it.each(["0.0.0.0", "192.168.1.5", "::", "example.test"])("warns that --host %s exposes the public default password", (host) => {
    const [warning] = parseCliArgs(["--host", host]).warnings;
    expect(warning).toContain(`--host ${host} is reachable from other machines`);
    expect(warning).toContain("default access key password \"sim-access-key-password\" is public");
    expect(parseCliArgs(["--host", host, "--access-key-password", "own-s3cret"]).warnings[0]).not.toContain("is public");
    expect(parseCliArgs(["--host", host, "--access-key-password", "own-s3cret"]).warnings[0]).not.toContain("own-s3cret");
  });

  it.each(["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"])("does not warn for the loopback host %s", (host) => {
    expect(parseCliArgs(["--host", host]).warnings).toEqual([]);
  });

  it("builds the fault configuration from the fault flags", () => {
    const { options } = parseCliArgs([
      "--rate-limit-rps", "5", "--rate-limit-burst", "2", "--error-rate", "0.1", "--latency-ms", "20",
      "--drop-rate", "0.05", "--lose-response-rate", "0.02", "--fault-actions", "CreateInstances, TerminateInstance",
    ]);
    expect(options.faults).toEqual({
      rateLimit: { requestsPerSecond: 5, burst: 2 }, errorRate: 0.1, latencyMs: 20, dropRate: 0.05, loseResponseRate: 0.02,
      actions: ["CreateInstances", "TerminateInstance"],
    });
  });

  it("rejects unknown flags and bad numbers with a usage error", () => {
    expect(() => parseCliArgs(["--bogus"])).toThrow(CliUsageError);
    expect(() => parseCliArgs(["--port", "http"])).toThrow(/--port/);
    expect(() => parseCliArgs(["--error-rate", "1.5"])).toThrow(/--error-rate/);
  });

  it("recognises --help and --quiet", () => {
    expect(parseCliArgs(["-h", "--quiet"])).toMatchObject({ help: true, quiet: true });
  });
});
