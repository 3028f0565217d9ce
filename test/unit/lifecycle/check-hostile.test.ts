import { checkInputs, validate } from "../../../provider/lifecycle/inputs/check";
import { diffInstance } from "../../../provider/lifecycle/diff/diff";
import { nearest } from "../../../provider/lifecycle/inputs/input-keys";
import { PASSWORD_RULE } from "../../../facts/rules";
import { inputSchema, passwordProblems } from "../../../provider/lifecycle/inputs/inputs";
import { normalizeInputs } from "../../../provider/lifecycle/inputs/normalize";

const base = { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", keyId: "key-1", __resourceName: "web", __owner: "proj/dev/web" };
const failuresOf = (news: Record<string, unknown>) => checkInputs({}, news).failures ?? [];
const reasonOf = (news: Record<string, unknown>, property: string) => failuresOf(news).find((f) => f.property === property)?.reason;

describe("check against unknown keys", () => {
  it("rejects a mistyped input and names the nearest known one", () => {
    const failures = failuresOf({ ...base, imageId: undefined, imageID: "img-1" });
    expect(failures).toContainEqual({ property: "imageID", reason: "imageID is not an input of Instance: did you mean imageId?" });
    expect(reasonOf({ ...base, zoneID: "SEL-A" }, "zoneID")).toMatch(/did you mean zoneId\?/);
    expect(reasonOf({ ...base, internetMaxBandwithOut: 5 }, "internetMaxBandwithOut")).toMatch(/did you mean internetMaxBandwidthOut\?/);
    expect(reasonOf({ ...base, forcedelete: true }, "forcedelete")).toMatch(/did you mean forceDelete\?/);
  });

  it("rejects an input that does not exist, listing the inputs when nothing is close", () => {
    const reason = reasonOf({ ...base, instanceCount: 5 }, "instanceCount");
    expect(reason).toMatch(/^instanceCount is not an input of Instance; the inputs are zoneId, instanceType, imageId, /);
    expect(reason).not.toContain("__owner");
  });

  it("rejects unknown keys inside nested inputs, by their path", () => {
    expect(reasonOf({ ...base, timeouts: { creat: "1h" } }, "timeouts.creat")).toBe("creat is not a field of timeouts: did you mean create?");
    expect(reasonOf({ ...base, systemDisk: { diskSise: 40 } }, "systemDisk.diskSise")).toMatch(/did you mean diskSize\?/);
    expect(reasonOf({ ...base, dataDisks: [{ diskSize: 10 }, { diskSize: 10, size: 3 }] }, "dataDisks[1].size")).toMatch(/is not a field of dataDisks\[1\]/);
    expect(reasonOf({ ...base, instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1, months: 1 } }, "instanceChargePrepaid.months")).toBeDefined();
  });

  it("refuses keys Object.prototype has (valueOf, toString) and quotes keys that would not read as a path", () => {
    expect(reasonOf({ ...base, valueOf: 1 }, "valueOf")).toMatch(/^valueOf is not an input of Instance/);
    expect(reasonOf({ ...base, toString: "x" }, "toString")).toMatch(/^toString is not an input of Instance/);
    expect(reasonOf({ ...base, "": 1 }, '[""]')).toMatch(/^\[""\] is not an input of Instance/);
    expect(reasonOf({ ...base, timeouts: { "a.b": "1h" } }, 'timeouts["a.b"]')).toMatch(/^\["a.b"\] is not a field of timeouts/);
  });

  it("takes any key in the tags map and ignores the host's __provider", () => {
    expect(failuresOf({ ...base, tags: { anything: "x", imageID: "y" }, __provider: "serialized" })).toEqual([]);
  });

  it("knows every input the schema declares (new inputs need no second list)", () => {
    const all = Object.fromEntries(Object.keys(inputSchema.shape).map((k) => [k, undefined]));
    expect(failuresOf({ ...base, ...all, keyId: "key-1" }).filter((f) => /is not an input/.test(f.reason))).toEqual([]);
  });

  it("suggests a name only when it is close enough to be a typo", () => {
    expect(nearest("IMAGEID", ["imageId", "zoneId"])).toBe("imageId");
    expect(nearest("passwrd", ["password", "keyId"])).toBe("password");
    expect(nearest("colour", ["password", "keyId"])).toBeUndefined();
  });
});

describe("check against prototype keys", () => {
  const hostile = JSON.parse('{"zoneId":"SEL-A","instanceType":"c.1c2g","imageId":"img-1","keyId":"key-1",' +
    '"__proto__":{"polluted":true,"zoneId":5},"constructor":{"prototype":{"polluted":true}},"prototype":1,' +
    '"systemDisk":{"__proto__":{"diskSize":-1},"diskSize":40},"timeouts":{"constructor":"x","create":"1h"}}') as Record<string, unknown>;

  it("ignores __proto__, constructor and prototype at any depth, reporting only real problems", () => {
    const { inputs, failures } = checkInputs({}, hostile);
    expect(failures).toEqual([]);
    expect(Object.getPrototypeOf(inputs)).toBe(Object.prototype);
    expect(Object.keys(inputs as object)).not.toEqual(expect.arrayContaining(["__proto__"]));
    expect(Object.hasOwn(inputs as object, "constructor")).toBe(false);
    expect(Object.hasOwn(inputs as object, "prototype")).toBe(false);
    expect((inputs as Record<string, unknown>).polluted).toBeUndefined();
    expect((inputs as { systemDisk: object }).systemDisk).toEqual({ diskSize: 40 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("leaves diff and the operations' input normalisation unaffected too", () => {
    expect(diffInstance({ ...base, systemDisk: { diskSize: 40 }, timeouts: { create: "1h" } }, hostile).changes).toBe(false);
    const normalized = normalizeInputs(hostile);
    expect(Object.getPrototypeOf(normalized)).toBe(Object.prototype);
    expect(normalized.zoneId).toBe("SEL-A");
  });
});

describe("check messages say what is really wrong", () => {
  it("calls a huge bandwidth too large, not fractional", () => {
    expect(reasonOf({ ...base, internetMaxBandwidthOut: 1e308 }, "internetMaxBandwidthOut")).toBe("internetMaxBandwidthOut is too large");
    expect(reasonOf({ ...base, internetMaxBandwidthOut: 2 ** 53 }, "internetMaxBandwidthOut")).toBe("internetMaxBandwidthOut is too large");
    expect(reasonOf({ ...base, internetMaxBandwidthOut: 1.5 }, "internetMaxBandwidthOut")).toBe("internetMaxBandwidthOut must be a whole number");
    expect(reasonOf({ ...base, internetMaxBandwidthOut: Infinity }, "internetMaxBandwidthOut")).toBe("internetMaxBandwidthOut must be a number");
  });

  it("accepts timeouts beyond a single timer's 24.8 days and refuses more than 365 days", () => {
    expect(validate({ ...base, timeouts: { create: "30d", delete: "30d", update: "365d" } })).toEqual([]);
    expect(reasonOf({ ...base, timeouts: { create: "366d" } }, "timeouts.create")).toBe("timeouts.create must be at most 365d");
    expect(reasonOf({ ...base, timeouts: { delete: "9".repeat(400) + "d" } }, "timeouts.delete")).toBe("timeouts.delete must be at most 365d");
  });
});

describe("the password rule, written once", () => {
  it("accepts each listed special character and refuses any other", () => {
    for (const special of PASSWORD_RULE.specials) expect(passwordProblems(`Abcdef1${special}`)).toBeUndefined();
    for (const other of ["_", "\\", "]", "[", " ", "é", "/"]) {
      expect(passwordProblems(`Abcdef1!${other}`)).toBe(`password must use only letters, digits and ${PASSWORD_RULE.specials}`);
    }
    expect(passwordProblems("Abcdefg1_")).toMatch(/contain one of/);
  });
});
