import { checkInputs, validate } from "../../../provider/lifecycle/inputs/check";
import { UNKNOWN } from "../../../provider/lifecycle/constants";
import { pruneUndefined } from "../../../provider/lifecycle/inputs/prune";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { InstanceProvider } from "../../../provider";

const base = { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", keyId: "key-1", __resourceName: "web", __owner: "proj/dev/web" };
const failuresOf = (news: Record<string, unknown>) => validate(news).map((f) => f.property);

describe("check", () => {
  it("accepts minimal inputs and fills the defaults", () => {
    const { inputs, failures } = checkInputs({}, base);
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({
      instanceChargeType: "POSTPAID",
      internetChargeType: "ByBandwidth",
      forceDelete: false,
      timeouts: { create: "90m", update: "90m", delete: "20m" },
    });
    expect(inputs.instanceName).toMatch(/^web-[a-z0-9]{7}$/);
  });

  it("reports one failure per offending field, named by its property path", () => {
    const failures = validate({
      instanceType: "c.1c2g", imageId: "img-1",
      password: "short",
      instanceName: "bad name!",
      internetMaxBandwidthOut: 0,
      systemDisk: { diskSize: -1 },
      dataDisks: [{ diskSize: 10 }, { diskSize: 0 }],
      timeouts: { delete: "soon" },
      tags: { "pulumi-owner": "me" },
      forceDelete: "yes",
    });
    expect(failures.map((f) => f.property).sort()).toEqual([
      "dataDisks[1].diskSize", "forceDelete", "instanceName", "internetMaxBandwidthOut", "password",
      "systemDisk.diskSize", "tags", "timeouts.delete", "zoneId",
    ]);
    expect(failures.find((f) => f.property === "zoneId")?.reason).toBe("zoneId is required");
    expect(failures.find((f) => f.property === "password")?.reason).toMatch(/8 to 16 characters.*upper-case letter.*digit/);
  });

  it("explains password rules without ever quoting the password", () => {
    const password = "lowercaseonly";
    const [failure] = validate({ ...base, keyId: undefined, password });
    expect(failure?.property).toBe("password");
    expect(failure?.reason).not.toContain(password);
  });

  it("requires exactly one of password and keyId", () => {
    expect(failuresOf({ ...base, password: "Abcdef1!" })).toEqual(["keyId"]);
    expect(failuresOf({ ...base, keyId: undefined })).toEqual(["password"]);
    expect(failuresOf({ ...base, keyId: undefined, password: "Abcdef1!" })).toEqual([]);
  });

  it("lets an adopted instance omit both password and keyId", () => {
    expect(failuresOf({ ...base, keyId: undefined, adoptInstanceId: "ins-1" })).toEqual([]);
  });

  it("requires a period for PREPAID and refuses one for POSTPAID", () => {
    expect(failuresOf({ ...base, instanceChargeType: "PREPAID" })).toEqual(["instanceChargePrepaid"]);
    expect(failuresOf({ ...base, instanceChargePrepaid: { period: 1 } })).toEqual(["instanceChargePrepaid"]);
    expect(failuresOf({ ...base, instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 0 } })).toEqual(["instanceChargePrepaid.period"]);
    expect(failuresOf({ ...base, instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 3 } })).toEqual([]);
  });

  it("accepts a traffic package only with ByTrafficPackage", () => {
    expect(failuresOf({ ...base, trafficPackageSize: 1 })).toEqual(["trafficPackageSize"]);
    expect(failuresOf({ ...base, trafficPackageSize: 1, internetChargeType: "ByTrafficPackage" })).toEqual([]);
    expect(failuresOf({ ...base, internetChargeType: "ByMagic" })).toEqual(["internetChargeType"]);
  });

  it("lets values unknown during preview through, at any depth", () => {
    const news = {
      ...base, zoneId: UNKNOWN, imageId: UNKNOWN, keyId: undefined, password: UNKNOWN, instanceName: UNKNOWN,
      systemDisk: UNKNOWN, dataDisks: [UNKNOWN, { diskSize: UNKNOWN }], tags: UNKNOWN, internetMaxBandwidthOut: UNKNOWN,
      timeouts: { create: UNKNOWN },
    };
    const { inputs, failures } = checkInputs({}, news);
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ zoneId: UNKNOWN, password: UNKNOWN, instanceName: UNKNOWN, tags: UNKNOWN, dataDisks: [UNKNOWN, { diskSize: UNKNOWN }] });
  });

  it("does not ask for a credential when the credential is unknown", () => {
    expect(failuresOf({ ...base, keyId: UNKNOWN })).toEqual([]);
    expect(failuresOf({ ...base, instanceChargeType: UNKNOWN })).toEqual([]);
  });

  it("keeps an explicit name, reuses the previous name, and names a replacement afresh", () => {
    expect(checkInputs({}, { ...base, instanceName: "mine" }).inputs?.instanceName).toBe("mine");
    expect(checkInputs({ instanceName: "web-abc1234" }, base).inputs?.instanceName).toBe("web-abc1234");
    const a = checkInputs({}, base).inputs?.instanceName;
    const b = checkInputs({}, base).inputs?.instanceName;
    expect(a).not.toBe(b);
  });

  it("generates no name for an adopted instance (it keeps its own)", () => {
    expect(checkInputs({}, { ...base, adoptInstanceId: "ins-1" }).inputs?.instanceName).toBeUndefined();
  });

  it("makes no network call and needs no credentials", async () => {
    const saved = { ...process.env };
    delete process.env.ZENLAYERCLOUD_ACCESS_KEY_ID;
    delete process.env.ZENLAYERCLOUD_ACCESS_KEY_PASSWORD;
    try {
      const result = await new InstanceProvider().check({}, base);
      expect(result.failures).toEqual([]);
    } finally {
      process.env = saved;
    }
  });

  it("returns inputs the provider host can encode (no undefined members)", () => {
    const { inputs } = checkInputs({}, { ...base, password: undefined, systemDisk: { diskSize: 40, diskCategory: undefined } });
    expect(() => structproto.Struct.fromJavaScript(inputs)).not.toThrow();
    expect(() => structproto.Struct.fromJavaScript({ a: undefined } as never)).toThrow();
    expect(pruneUndefined({ a: undefined, b: [undefined, 1] })).toEqual({ b: [null, 1] });
  });
});

describe("check: powerState and the Resource Manager's tag limits", () => {
  it("defaults powerState to RUNNING and accepts only RUNNING or STOPPED", () => {
    expect(checkInputs({}, base).inputs).toMatchObject({ powerState: "RUNNING" });
    expect(checkInputs({}, { ...base, powerState: "STOPPED" }).failures).toEqual([]);
    expect(checkInputs({}, { ...base, powerState: "OFF" }).failures).toEqual([{ property: "powerState", reason: 'powerState must be "RUNNING" or "STOPPED"' }]);
  });

  it("rejects tag keys over 64 characters and values that are empty or over 64", () => {
    expect(failuresOf({ ...base, tags: { ok: "v".repeat(64), ["k".repeat(64)]: "v" } })).toEqual([]);
    expect(failuresOf({ ...base, tags: { ["k".repeat(65)]: "v" } })).toEqual(["tags"]);
    expect(failuresOf({ ...base, tags: { app: "" } })).toEqual(["tags"]);
    expect(failuresOf({ ...base, tags: { app: "v".repeat(65) } })).toEqual(["tags"]);
  });
});
