import { formatDuration, parseDuration } from "../../../provider/lifecycle/inputs/durations";
import { autoName, isValidInstanceName, sanitizeBaseName } from "../../../provider/lifecycle/inputs/naming";
import { limitOf } from "../../../provider/lifecycle/inputs/options";

describe("auto-naming", () => {
  it("appends 7 random lower-case letters or digits to the resource name", () => {
    expect(autoName("web")).toMatch(/^web-[a-z0-9]{7}$/);
  });

  it("maps any resource name onto the API's rule (64 chars of letters, digits, - and .)", () => {
    for (const name of ["my_vm #1", "--x--", "ünïcödé", "a".repeat(200), "", "db.primary"]) {
      const generated = autoName(name);
      expect(isValidInstanceName(generated)).toBe(true);
      expect(generated.length).toBeLessThanOrEqual(64);
    }
    expect(sanitizeBaseName("my_vm #1")).toBe("my-vm-1");
    expect(sanitizeBaseName("")).toBe("instance");
    expect(sanitizeBaseName("db.primary")).toBe("db.primary");
  });
});

describe("durations", () => {
  it("parses duration strings", () => {
    expect(parseDuration("20m")).toBe(1_200_000);
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("1.5h")).toBe(5_400_000);
    for (const bad of ["", "20", "m", "soon", "20 m", "-5m"]) expect(parseDuration(bad)).toBeUndefined();
  });

  it("formats compactly for progress lines", () => {
    expect(formatDuration(72_000)).toBe("1m12s");
    expect(formatDuration(4_000)).toBe("4s");
    expect(formatDuration(450)).toBe("450ms");
    expect(formatDuration(5_400_000)).toBe("1h30m");
  });

  it("takes each operation's limit from timeouts, with the defaults 90m / 90m / 20m", () => {
    expect(limitOf({}, "create")).toEqual({ ms: 5_400_000, text: "90m" });
    expect(limitOf({ timeouts: { delete: "5m" } }, "delete")).toEqual({ ms: 300_000, text: "5m" });
    expect(limitOf({ timeouts: { delete: "nonsense" } }, "delete")).toEqual({ ms: 1_200_000, text: "20m" });
    expect(limitOf(undefined, "update").text).toBe("90m");
  });
});
