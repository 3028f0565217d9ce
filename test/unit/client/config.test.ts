import { inspect } from "node:util";
import { createVmClient, DEFAULTS, resolveClientConfig, VmClient, ZenlayerConfigError } from "../../../provider/client";

const ENV_CREDS = { ZENLAYERCLOUD_ACCESS_KEY_ID: "env-id", ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: "env-password-123" };

describe("resolveClientConfig", () => {
  test("reads credentials, domain and scheme from the environment", () => {
    const c = resolveClientConfig({}, { ...ENV_CREDS, ZENLAYERCLOUD_DOMAIN: "127.0.0.1:8787", ZENLAYERCLOUD_SCHEME: "http" });
    expect(c.accessKeyId).toBe("env-id");
    expect(c.accessKeyPassword).toBe("env-password-123");
    expect(c.domain).toBe("127.0.0.1:8787");
    expect(c.endpoint).toBe("http://127.0.0.1:8787/api/v2/vm");
  });

  test.each(["HTTP", "Http", "http", " http "])("accepts the scheme %j, as Zenlayer's Terraform provider spells it", (scheme) => {
    const fromEnv = resolveClientConfig({}, { ...ENV_CREDS, ZENLAYERCLOUD_DOMAIN: "127.0.0.1:8787", ZENLAYERCLOUD_SCHEME: scheme });
    const fromOption = resolveClientConfig({ scheme, domain: "127.0.0.1:8787" }, ENV_CREDS);
    expect([fromEnv.scheme, fromEnv.endpoint]).toEqual(["http", "http://127.0.0.1:8787/api/v2/vm"]);
    expect(fromOption.endpoint).toBe("http://127.0.0.1:8787/api/v2/vm");
    expect(resolveClientConfig({}, { ...ENV_CREDS, ZENLAYERCLOUD_SCHEME: scheme.replace(/p/gi, "PS") }).scheme).toBe("https");
  });

  test("lets explicit options override the environment", () => {
    const c = resolveClientConfig(
      { accessKeyId: "opt-id", accessKeyPassword: "opt-password", domain: "api.example.test", scheme: "https" },
      { ...ENV_CREDS, ZENLAYERCLOUD_DOMAIN: "127.0.0.1:8787", ZENLAYERCLOUD_SCHEME: "http" });
    expect([c.accessKeyId, c.accessKeyPassword, c.endpoint]).toEqual(["opt-id", "opt-password", "https://api.example.test/api/v2/vm"]);
  });

  test("defaults to https://console.zenlayer.com, version 2023-03-13 and the production retry budget", () => {
    const c = resolveClientConfig({}, ENV_CREDS);
    expect(c.endpoint).toBe("https://console.zenlayer.com/api/v2/vm");
    expect(c.apiVersion).toBe("2023-03-13");
    expect(c.requestClient).toBe("pulumi-zenlayer-vm");
    expect(c.requestTimeoutMs).toBe(30_000);
    expect(c.retry).toEqual({ maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 });
    expect(c.reconcile).toEqual(DEFAULTS.reconcile);
  });

  test("merges partial retry options over the defaults", () => {
    const c = resolveClientConfig({ retry: { maxAttempts: 2, maxTotalDelayMs: 5000, baseDelayMs: undefined } }, ENV_CREDS);
    expect(c.retry).toEqual({ maxAttempts: 2, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000, maxTotalDelayMs: 5000 });
  });

  test("reads options.env when no env argument is given, and never process.env then", () => {
    const c = resolveClientConfig({ env: ENV_CREDS });
    expect(c.accessKeyId).toBe("env-id");
  });

  test("names the environment variables and Pulumi config keys to set when credentials are missing", () => {
    const attempt = () => resolveClientConfig({}, { ZENLAYERCLOUD_ACCESS_KEY_ID: "  " });
    expect(attempt).toThrow(ZenlayerConfigError);
    expect(attempt).toThrow(/access key id and access key password/);
    for (const name of ["ZENLAYERCLOUD_ACCESS_KEY_ID", "ZENLAYERCLOUD_ACCESS_KEY_PASSWORD", "zenlayer:accessKeyId", "zenlayer:accessKeyPassword"]) {
      expect(attempt).toThrow(name);
    }
  });

  test("reports only the missing half of the credentials, without echoing the other half", () => {
    try {
      resolveClientConfig({}, { ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: "only-the-password" });
      throw new Error("expected a ZenlayerConfigError");
    } catch (e) {
      expect(e).toBeInstanceOf(ZenlayerConfigError);
      expect((e as Error).message).toMatch(/\(access key id\)/);
      expect((e as Error).message).not.toContain("only-the-password");
    }
  });

  test.each([
    ["a URL as the domain", { domain: "https://console.zenlayer.com" }, /Invalid Zenlayer domain/],
    ["a path in the domain", { domain: "console.zenlayer.com/api" }, /Invalid Zenlayer domain/],
    ["an unknown scheme", { scheme: "ftp" }, /Invalid Zenlayer scheme "ftp": use "https" \(default\) or "http", in any case/],
    ["a request client with forbidden characters", { requestClient: "bad/client" }, /Invalid requestClient/],
    ["zero attempts", { retry: { maxAttempts: 0 } }, /retry.maxAttempts/],
    ["a negative timeout", { requestTimeoutMs: -1 }, /requestTimeoutMs/],
  ])("rejects %s", (_label, options, message) => {
    expect(() => resolveClientConfig(options, ENV_CREDS)).toThrow(message);
  });

  test("keeps the password out of JSON and inspection of the resolved config", () => {
    const c = resolveClientConfig({}, ENV_CREDS);
    expect(JSON.stringify(c)).not.toContain("env-password-123");
    expect(inspect(c, { depth: 5 })).not.toContain("env-password-123");
  });
});

describe("VmClient construction", () => {
  test("resolves configuration when constructed, not when imported", () => {
    expect(() => new VmClient({ env: {} })).toThrow(ZenlayerConfigError);
    const client = createVmClient({ env: { ...ENV_CREDS, ZENLAYERCLOUD_DOMAIN: "10.0.0.1:1234", ZENLAYERCLOUD_SCHEME: "http" } });
    expect(client.endpoint).toBe("http://10.0.0.1:1234/api/v2/vm");
  });

  test("does not show credentials when the client is inspected or serialized", () => {
    const client = createVmClient({ env: ENV_CREDS });
    expect(inspect(client, { depth: 5, showHidden: true })).not.toContain("env-password-123");
    expect(JSON.stringify(client)).not.toContain("env-password-123");
  });
});
