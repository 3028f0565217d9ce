import { configureSettings, resetConfiguredSettings, resolveSettings } from "../../../provider/lifecycle/runtime/settings";

describe("settings", () => {
  afterEach(() => resetConfiguredSettings());

  it("uses production defaults", () => {
    expect(resolveSettings({})).toMatchObject({
      pollIntervalMs: 500, waitMaxIntervalMs: 5_000, terminateRetryBaseMs: 2_000, terminateRetryMaxMs: 15_000,
      progressIntervalMs: 15_000, apiRetryBaseMs: 500, apiRetryMaxMs: 20_000,
    });
  });

  it("reads the environment", () => {
    const s = resolveSettings({
      ZENLAYERCLOUD_ACCESS_KEY_ID: "id-env", ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: "pw-env", ZENLAYERCLOUD_DOMAIN: "127.0.0.1:1",
      ZENLAYERCLOUD_SCHEME: "http", ZENLAYER_VM_POLL_INTERVAL_MS: "25", ZENLAYER_VM_TERMINATE_RETRY_BASE_MS: "oops",
    });
    expect(s).toMatchObject({ accessKeyId: "id-env", domain: "127.0.0.1:1", scheme: "http", pollIntervalMs: 25, terminateRetryBaseMs: 2_000 });
    expect(s.accessKeyPassword).toBe("pw-env");
  });

  it("lets stack config win over the environment", () => {
    configureSettings({ get: (key: string) => ({ "zenlayer:accessKeyId": "id-cfg", "zenlayer:pollIntervalMs": "50" } as Record<string, string>)[key] });
    const s = resolveSettings({ ZENLAYERCLOUD_ACCESS_KEY_ID: "id-env", ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: "pw-env", ZENLAYER_VM_POLL_INTERVAL_MS: "25" });
    expect(s).toMatchObject({ accessKeyId: "id-cfg", pollIntervalMs: 50 });
    expect(s.accessKeyPassword).toBe("pw-env");
  });

  it("never shows the access key password when printed or serialized", () => {
    const s = resolveSettings({ ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: "pw-very-secret" });
    expect(JSON.stringify(s)).not.toContain("pw-very-secret");
    expect(Object.keys(s)).not.toContain("accessKeyPassword");
  });
});
