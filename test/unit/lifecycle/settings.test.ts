import {
  configureSettings, DEFAULT_TUNING, InvalidSettingError, resetConfiguredSettings, resolveConnection, resolveDisplay, resolveSettings,
  SETTING_SOURCES, TUNING_BOUNDS,
  type Tuning,
} from "../../../provider/lifecycle/runtime/settings";

describe("settings", () => {
  afterEach(() => resetConfiguredSettings());

  it("uses production defaults", () => {
    expect(resolveSettings({})).toMatchObject({
      pollIntervalMs: 1_500, waitMaxIntervalMs: 30_000, terminateRetryBaseMs: 2_000, terminateRetryMaxMs: 15_000,
      progressIntervalMs: 15_000, apiRetryBaseMs: 500, apiRetryMaxMs: 20_000,
    });
  });

  it("reads the environment", () => {
    const s = resolveSettings({
      ZENLAYERCLOUD_ACCESS_KEY_ID: "id-env", ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: "pw-env", ZENLAYERCLOUD_DOMAIN: "127.0.0.1:1",
      ZENLAYERCLOUD_SCHEME: "http", ZENLAYER_VM_POLL_INTERVAL_MS: "25",
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

  const knobs = Object.keys(DEFAULT_TUNING) as (keyof Tuning)[];

  it.each(knobs)("refuses %s below its floor, above its ceiling or not a whole number, naming the knob both ways", (knob) => {
    const { min, max } = TUNING_BOUNDS[knob];
    const { config, env } = SETTING_SOURCES[knob];
    expect(min).toBeGreaterThan(0);
    for (const bad of ["0", String(min - 1), String(max + 1), "oops", "1.5", "-5", "1e3"]) {
      let error: unknown;
      try { resolveSettings({ [env]: bad }); } catch (e) { error = e; }
      expect(error).toBeInstanceOf(InvalidSettingError);
      expect((error as Error).message).toContain(config);
      expect((error as Error).message).toContain(env);
      expect((error as Error).message).toContain(`from ${min} to ${max}`);
    }
    expect(resolveSettings({ [env]: String(min) })[knob]).toBe(min);
    expect(resolveSettings({ [env]: String(max) })[knob]).toBe(max);
  });

  it("refuses an out-of-range value from stack config as well", () => {
    configureSettings({ get: (key: string) => (key === "zenlayer:terminateRetryBaseMs" ? "0" : undefined) });
    expect(() => resolveSettings({})).toThrow(/terminateRetryBaseMs "0".*zenlayer:terminateRetryBaseMs.*ZENLAYER_VM_TERMINATE_RETRY_BASE_MS/);
  });

  it("reads the connection and the display without any tuning knob, so a bad knob fails only what uses it", () => {
    configureSettings({ get: (key: string) => ({ "zenlayer:pollIntervalMs": "0", "zenlayer:showPrices": "false" } as Record<string, string>)[key] });
    const env = { ZENLAYERCLOUD_ACCESS_KEY_ID: "id-env", ZENLAYERCLOUD_ACCESS_KEY_PASSWORD: "pw-env", ZENLAYERCLOUD_SCHEME: "HTTP" };
    expect(() => resolveSettings(env)).toThrow(InvalidSettingError);
    const connection = resolveConnection(env);
    expect(connection).toEqual({ accessKeyId: "id-env", domain: undefined, scheme: "HTTP" });
    expect(connection.accessKeyPassword).toBe("pw-env");
    expect(resolveDisplay(env)).toEqual({ showPrices: false });
  });

  it("keeps every default within its bounds", () => {
    for (const knob of knobs) {
      expect(DEFAULT_TUNING[knob]).toBeGreaterThanOrEqual(TUNING_BOUNDS[knob].min);
      expect(DEFAULT_TUNING[knob]).toBeLessThanOrEqual(TUNING_BOUNDS[knob].max);
    }
  });
});
