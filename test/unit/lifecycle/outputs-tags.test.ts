import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type { InstanceInfo } from "../../../provider/client/types";
import { buildOutputs, inputsFromOutputs, sortIps } from "../../../provider/lifecycle/operations/outputs";
import { fromApiTags, tagsEqual, toApiTags } from "../../../provider/lifecycle/inputs/tags";

const info: InstanceInfo = {
  instanceId: "ins-1", zoneId: "SEL-A", instanceName: "web-1", instanceType: "c.1c2g", cpuCount: 1, memory: 2,
  imageId: "img-1", imageName: "Ubuntu", instanceChargeType: "POSTPAID", internetChargeType: "ByBandwidth",
  internetMaxBandwidthOut: 5, publicIpAddresses: ["10.0.0.20", "10.0.0.3"], privateIpAddresses: ["192.168.1.10", "192.168.1.9"],
  createTime: "2025-01-01T00:00:00Z", expiredTime: null, resourceGroupId: "rg-1", instanceStatus: "RUNNING",
  systemDisk: { diskId: "disk-1", diskSize: 20, diskCategory: "cloud" }, keyId: null, subnetId: "subnet-1",
  tags: { tags: [{ key: "app", value: "web" }, { key: "pulumi-owner", value: "p/s/web" }] },
};

describe("outputs", () => {
  const applied = {
    zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", instanceName: "web-1", password: "Secret1!x",
    forceDelete: false, timeouts: { create: "90m", update: "90m", delete: "20m" }, tags: { app: "web" }, __owner: "p/s/web",
  };

  it("carries every input as applied and what the API reports, with sorted addresses", () => {
    const outs = buildOutputs(applied, info);
    expect(outs).toMatchObject({
      instanceId: "ins-1", instanceStatus: "RUNNING", cpuCount: 1, memory: 2, imageName: "Ubuntu",
      createTime: "2025-01-01T00:00:00Z", systemDisk: { diskId: "disk-1", diskSize: 20, diskCategory: "cloud" },
      password: "Secret1!x", internetMaxBandwidthOut: 5, resourceGroupId: "rg-1", subnetId: "subnet-1",
      tags: { app: "web" }, forceDelete: false, __owner: "p/s/web",
      publicIpAddresses: ["10.0.0.3", "10.0.0.20"], privateIpAddresses: ["192.168.1.9", "192.168.1.10"],
    });
    expect(outs).not.toHaveProperty("expiredTime");
    expect(outs).not.toHaveProperty("keyId");
    expect(() => structproto.Struct.fromJavaScript(outs as never)).not.toThrow();
  });

  it("takes drift from the API: name, bandwidth, image, type, group and tags", () => {
    const drifted = { ...info, instanceName: "renamed", internetMaxBandwidthOut: 9, imageId: "img-2", instanceType: "c.2c4g", resourceGroupId: "rg-2", tags: { tags: [] } };
    expect(buildOutputs(applied, drifted)).toMatchObject({
      instanceName: "renamed", internetMaxBandwidthOut: 9, imageId: "img-2", instanceType: "c.2c4g", resourceGroupId: "rg-2", tags: {},
    });
  });

  it("derives inputs from outputs without the computed fields", () => {
    const inputs = inputsFromOutputs({ ...buildOutputs(applied, info), __provider: "x" } as never);
    expect(inputs).not.toHaveProperty("instanceId");
    expect(inputs).not.toHaveProperty("publicIpAddresses");
    expect(inputs).not.toHaveProperty("__provider");
    expect(inputs.systemDisk).toEqual({ diskSize: 20, diskCategory: "cloud" });
    expect(inputs.password).toBe("Secret1!x");
  });

  it("sorts IPv4 numerically and other addresses after them", () => {
    expect(sortIps(["10.0.0.10", "2001:db8::1", "10.0.0.9", "9.9.9.9"])).toEqual(["9.9.9.9", "10.0.0.9", "10.0.0.10", "2001:db8::1"]);
  });
});

describe("tags", () => {
  it("adds the owner tag on the way out and hides it on the way back", () => {
    const wire = toApiTags({ b: "2", a: "1" }, "p/s/web");
    expect(wire).toEqual({ tags: [{ key: "a", value: "1" }, { key: "b", value: "2" }, { key: "pulumi-owner", value: "p/s/web" }] });
    expect(fromApiTags(wire)).toEqual({ tags: { a: "1", b: "2" }, owner: "p/s/web" });
    expect(toApiTags(undefined, undefined)).toBeUndefined();
  });

  it("compares maps regardless of order, absent equal to empty", () => {
    expect(tagsEqual({ a: "1", b: "2" }, { b: "2", a: "1" })).toBe(true);
    expect(tagsEqual(undefined, {})).toBe(true);
    expect(tagsEqual({ a: "1" }, { a: "2" })).toBe(false);
    expect(tagsEqual({ a: "1" }, { a: "1", b: "" })).toBe(false);
  });
});
