import { UNKNOWN } from "../../../provider/lifecycle/constants";
import { diffInstance } from "../../../provider/lifecycle/diff/diff";

const inputs = {
  zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", instanceName: "web-abc1234", keyId: "key-1",
  instanceChargeType: "POSTPAID", internetChargeType: "ByBandwidth", forceDelete: false,
  timeouts: { create: "90m", update: "90m", delete: "20m" }, tags: { a: "1", b: "2" }, __owner: "p/s/web", __resourceName: "web",
};
// Old outputs: every input as applied, plus what the API reported.
const olds = {
  ...inputs, instanceId: "ins-1", instanceStatus: "RUNNING", internetMaxBandwidthOut: 1, resourceGroupId: "rg-default",
  subnetId: "subnet-1", systemDisk: { diskId: "disk-1", diskSize: 20, diskCategory: "cloud" }, publicIpAddresses: ["1.2.3.4"],
};

describe("diff", () => {
  it("reports no change for the same inputs (API-filled optional values are not a change)", () => {
    expect(diffInstance(olds, inputs)).toMatchObject({ changes: false });
    expect(diffInstance(olds, inputs).replaces).toBeUndefined();
  });

  it("never diffs a key-only VM on its password", () => {
    expect(diffInstance({ ...olds, password: undefined }, { ...inputs, password: undefined }).changes).toBe(false);
  });

  it("takes an absent powerState as RUNNING, so stacks from before the input see no change", () => {
    expect(diffInstance({ ...olds, powerState: undefined }, { ...inputs, powerState: undefined }).changes).toBe(false);
    expect(diffInstance({ ...olds, powerState: "RUNNING" }, { ...inputs, powerState: undefined }).changes).toBe(false);
    expect(diffInstance({ ...olds, powerState: "STOPPED" }, { ...inputs, powerState: undefined })).toMatchObject({ changes: true, changed: ["powerState"] });
  });

  it("compares tags regardless of order", () => {
    expect(diffInstance(olds, { ...inputs, tags: { b: "2", a: "1" } }).changes).toBe(false);
    expect(diffInstance({ ...olds, tags: undefined }, { ...inputs, tags: {} }).changes).toBe(false);
  });

  it.each([
    ["instanceName", "renamed"], ["internetMaxBandwidthOut", 10], ["password", "Newpass1!"], ["resourceGroupId", "rg-2"],
    ["instanceType", "c.2c4g"], ["imageId", "img-2"], ["keyId", "key-2"], ["trafficPackageSize", 2], ["securityGroupId", "sg-2"],
    ["tags", { a: "1" }], ["powerState", "STOPPED"],
  ])("changes %s in place", (key, value) => {
    const result = diffInstance(olds, { ...inputs, [key]: value });
    expect(result.changes).toBe(true);
    expect(result.replaces).toBeUndefined();
    expect(result.deleteBeforeReplace).toBeUndefined();
  });

  it.each([
    ["zoneId", "HKG-A"],
    ["instanceChargeType", "PREPAID"], ["instanceChargePrepaid", { period: 2 }], ["internetChargeType", "ByTrafficPackage"],
    ["subnetId", "subnet-2"], ["systemDisk", { diskSize: 40 }], ["dataDisks", [{ diskSize: 100 }]],
  ])("replaces on %s, deleting first", (key, value) => {
    const result = diffInstance(olds, { ...inputs, [key]: value });
    expect(result).toMatchObject({ changes: true, replaces: [key], deleteBeforeReplace: true });
  });

  it("compares only the system disk fields that were given", () => {
    expect(diffInstance(olds, { ...inputs, systemDisk: { diskSize: 20 } }).changes).toBe(false);
  });

  it("treats an unknown replace-triggering value as a replacement and an unknown in-place value as a change", () => {
    expect(diffInstance(olds, { ...inputs, zoneId: UNKNOWN })).toMatchObject({ changes: true, replaces: ["zoneId"] });
    expect(diffInstance(olds, { ...inputs, dataDisks: [{ diskSize: UNKNOWN }] }).replaces).toEqual(["dataDisks"]);
    expect(diffInstance(olds, { ...inputs, imageId: UNKNOWN }).replaces).toBeUndefined();
    const inPlace = diffInstance(olds, { ...inputs, instanceName: UNKNOWN });
    expect(inPlace.changes).toBe(true);
    expect(inPlace.replaces).toBeUndefined();
  });

  it("records forceDelete and timeouts changes without a replacement", () => {
    for (const news of [{ ...inputs, forceDelete: true }, { ...inputs, timeouts: { delete: "5m" } }]) {
      const result = diffInstance(olds, news);
      expect(result.changes).toBe(true);
      expect(result.replaces).toBeUndefined();
    }
    expect(diffInstance(olds, { ...inputs, timeouts: { create: "90m" } }).changes).toBe(false);
  });

  it("ignores adoptInstanceId, __owner and __resourceName", () => {
    expect(diffInstance(olds, { ...inputs, adoptInstanceId: "ins-9", __owner: "p/s/other", __resourceName: "other" }).changes).toBe(false);
  });

  it("does not replace an adopted instance whose tags are not declared", () => {
    const adopted = { ...olds, adoptInstanceId: "ins-1", tags: { console: "yes" } };
    expect(diffInstance(adopted, { ...inputs, adoptInstanceId: "ins-1", tags: undefined }).changes).toBe(false);
  });

  it("applies defaults on both sides, so state written before a default existed does not diff", () => {
    const oldState: Record<string, unknown> = { ...olds };
    delete oldState.instanceChargeType;
    delete oldState.timeouts;
    expect(diffInstance(oldState, inputs).changes).toBe(false);
  });

  it("replaces an instance kept in state as CREATE_FAILED", () => {
    expect(diffInstance({ ...olds, instanceStatus: "CREATE_FAILED" }, inputs)).toMatchObject({
      changes: true, replaces: ["instanceStatus"], deleteBeforeReplace: true,
    });
  });
});
