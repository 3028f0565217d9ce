import { planInPlace } from "../../../provider/lifecycle/in-place/in-place";
import type { CurrentSettings } from "../../../provider/lifecycle/in-place/step";
import { tagEdit } from "../../../provider/lifecycle/in-place/tags";
import type { InstanceInputs } from "../../../provider/lifecycle/inputs/inputs";

const current: CurrentSettings = {
  status: "RUNNING", instanceName: "web", resourceGroupId: "rg-1", internetMaxBandwidthOut: 1, password: "Abcdef1!x",
  imageId: "img-1", instanceType: "c.1c2g", securityGroupIds: ["sg-1"], tags: { app: "web" },
};
const same: InstanceInputs = {
  zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", instanceName: "web", resourceGroupId: "rg-1",
  internetMaxBandwidthOut: 1, password: "Abcdef1!x", tags: { app: "web" },
};

describe("the in-place planner", () => {
  it("plans nothing when the instance already matches", () => {
    expect(planInPlace(current, same)).toEqual([]);
  });

  it("orders metadata, then orders, then the reinstall, then bandwidth and password, then a stop last", () => {
    const all: InstanceInputs = {
      ...same, instanceName: "web2", resourceGroupId: "rg-2", tags: { app: "api" }, securityGroupId: "sg-2", instanceType: "c.2c4g",
      trafficPackageSize: 2, imageId: "img-2", internetMaxBandwidthOut: 5, powerState: "STOPPED",
    };
    expect(planInPlace(current, all)).toEqual([
      "instanceName", "resourceGroupId", "tags", "securityGroupId", "instanceType", "trafficPackageSize", "imageId/keyId",
      "internetMaxBandwidthOut", "powerState",
    ]);
  });

  it("starts a stopped instance first, unless a reinstall brings it up anyway", () => {
    const stopped = { ...current, status: "STOPPED" };
    expect(planInPlace(stopped, { ...same, internetMaxBandwidthOut: 5 })).toEqual(["powerState", "internetMaxBandwidthOut"]);
    expect(planInPlace(stopped, { ...same, imageId: "img-2" })).toEqual(["imageId/keyId"]);
    expect(planInPlace(stopped, { ...same, powerState: "STOPPED" })).toEqual([]);
  });

  it("reinstalls for another key pair but not for an omitted one", () => {
    expect(planInPlace({ ...current, keyId: "key-1" }, { ...same, keyId: "key-2" })).toEqual(["imageId/keyId"]);
    expect(planInPlace({ ...current, keyId: "key-1" }, same)).toEqual([]);
  });
});

describe("the in-place planner, limited to what diff decided", () => {
  const stopped = { ...current, status: "STOPPED" };

  it("does not start an instance stopped outside Pulumi for a tag change", () => {
    expect(planInPlace(stopped, { ...same, tags: { app: "api" } }, new Set(["tags"]))).toEqual(["tags"]);
  });

  it("starts it when the diff changes the power state", () => {
    expect(planInPlace(stopped, { ...same, tags: { app: "api" } }, new Set(["tags", "powerState"]))).toEqual(["powerState", "tags"]);
  });

  it("leaves out every drift the diff did not see", () => {
    const drifted = { ...current, instanceName: "renamed", internetMaxBandwidthOut: 9, resourceGroupId: "rg-9", tags: { app: "x" } };
    expect(planInPlace(drifted, same, new Set(["password"]))).toEqual([]);
    expect(planInPlace(drifted, same, new Set(["internetMaxBandwidthOut"]))).toEqual(["internetMaxBandwidthOut"]);
  });

  it("applies every difference without a decision (adoption, or repairing an unfinished create)", () => {
    expect(planInPlace(stopped, { ...same, tags: { app: "api" } })).toEqual(["powerState", "tags"]);
  });
});

describe("the tag edit", () => {
  it("sets changed and new keys and deletes dropped ones, never the owner tag", () => {
    expect(tagEdit({ ...current, tags: { app: "web", team: "ops" } }, { ...same, tags: { app: "api", env: "prod" } }))
      .toEqual({ replace: [{ key: "app", value: "api" }, { key: "env", value: "prod" }], remove: ["team"] });
    // currentSettingsOf leaves the owner tag out of `tags`, so it can never be in `remove`.
    expect(tagEdit({ ...current, tags: { app: "web" } }, { ...same, tags: undefined })).toEqual({ replace: [], remove: ["app"] });
  });

  it("leaves an adopted instance's tags alone unless they are declared", () => {
    expect(tagEdit(current, { ...same, tags: undefined, adoptInstanceId: "ins-1" })).toBeUndefined();
  });
});
