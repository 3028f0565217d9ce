import type { RunningSimulator } from "../../../simulator";
import { callApi, ok } from "./helpers/zc-client";
import { FakeClock, TEST_DURATIONS, startTestSim, stopAll } from "./helpers/fixtures";

afterEach(stopAll);

const ZRM = { path: "/api/v2/zrm", version: "2025-10-14" };

describe("the actions that change an instance in place", () => {
  let sim: RunningSimulator;
  let clock: FakeClock;
  const call = (action: string, params: object, options = {}) => callApi(sim, action, params, { clock: clock.fn, ...options });
  const info = (id: string) => sim.control.getInstance(id);
  beforeEach(async () => {
    clock = new FakeClock();
    sim = await startTestSim({ clock: clock.fn });
  });

  it("ModifyResourceTags replaces and deletes tags, visible at once in DescribeInstances and DescribeResourceTags", async () => {
    const id = sim.control.seedInstance({ tags: { tags: [{ key: "app", value: "web" }, { key: "team", value: "ops" }] } }).instanceId;
    const reply = await call("ModifyResourceTags", { resourceUuid: id, replaceTags: [{ key: "app", value: "api" }, { key: "env", value: "prod" }], deleteTagKeys: ["team"] }, ZRM);
    expect(reply.status).toBe(200);
    expect(info(id)?.tags.tags).toEqual([{ key: "app", value: "api" }, { key: "env", value: "prod" }]);
    const described = (await ok(sim, "DescribeInstances", { instanceIds: [id] }, { clock: clock.fn })).dataSet[0];
    expect(described.tags).toEqual({ tags: [{ key: "app", value: "api" }, { key: "env", value: "prod" }] });
    const listed = await ok(sim, "DescribeResourceTags", { resourceUuid: id }, { clock: clock.fn, ...ZRM });
    expect(listed.dataSet.map((t: { key: string; value: string }) => `${t.key}=${t.value}`)).toEqual(["app=api", "env=prod"]);
  });

  it("ModifyResourceTags enforces 1-64 characters for keys and values, and changes nothing when refused", async () => {
    const id = sim.control.seedInstance({ tags: { tags: [{ key: "app", value: "web" }] } }).instanceId;
    for (const tag of [{ key: "k".repeat(65), value: "v" }, { key: "k", value: "" }, { key: "k", value: "v".repeat(65) }]) {
      const reply = await call("ModifyResourceTags", { resourceUuid: id, replaceTags: [tag], deleteTagKeys: ["app"] }, ZRM);
      expect([reply.status, reply.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    }
    expect(info(id)?.tags.tags).toEqual([{ key: "app", value: "web" }]);
  });

  it("ModifyInstanceTrafficPackage is Processing, then Enable with the new size (ByTrafficPackage only)", async () => {
    const id = sim.control.seedInstance({ internetChargeType: "ByTrafficPackage", trafficPackageSize: 1 }).instanceId;
    expect((await call("ModifyInstanceTrafficPackage", { instanceId: id, trafficPackageSize: 2.5 })).body.response.orderNumber).toBeTruthy();
    const during = await ok(sim, "DescribeInstanceInternetStatus", { instanceId: id }, { clock: clock.fn });
    expect(during).toMatchObject({ trafficPackageSize: 1, modifiedTrafficPackageSize: 2.5, modifiedTrafficPackageStatus: "Processing" });
    const again = await call("ModifyInstanceTrafficPackage", { instanceId: id, trafficPackageSize: 3 });
    expect([again.status, again.body.code]).toEqual([403, "OPERATION_DENIED_TRAFFIC_PACKAGE_CHANGING"]);
    clock.advance(TEST_DURATIONS.bandwidthChangeMs);
    const after = await ok(sim, "DescribeInstanceInternetStatus", { instanceId: id }, { clock: clock.fn });
    expect(after).toMatchObject({ trafficPackageSize: 2.5, modifiedTrafficPackageStatus: "Enable" });
    expect(info(id)?.trafficPackageSize).toBe(2.5);
    const byBandwidth = sim.control.seedInstance({}).instanceId;
    const refused = await call("ModifyInstanceTrafficPackage", { instanceId: byBandwidth, trafficPackageSize: 2 });
    expect([refused.status, refused.body.code]).toEqual([403, "OPERATION_DENIED_INTERNET_CHARGE_TYPE"]);
  });

  it("ModifyInstanceType takes instanceTypeId, reports progress in DescribeInstanceTypeStatus and keeps id and addresses", async () => {
    const id = sim.control.seedInstance({ instanceType: "c.1c2g" }).instanceId;
    const before = info(id)!;
    const missingField = await call("ModifyInstanceType", { instanceId: id, instanceType: "c.2c4g" });
    expect([missingField.status, missingField.body.code]).toEqual([400, "MISSING_PARAMETER"]);
    expect((await call("ModifyInstanceType", { instanceId: id, instanceTypeId: "c.2c4g" })).status).toBe(200);
    expect(await ok(sim, "DescribeInstanceTypeStatus", { instanceId: id }, { clock: clock.fn }))
      .toMatchObject({ instanceType: "c.1c2g", modifiedInstanceType: "c.2c4g", modifiedInstanceTypeStatus: "Processing" });
    clock.advance(TEST_DURATIONS.bandwidthChangeMs);
    expect(await ok(sim, "DescribeInstanceTypeStatus", { instanceId: id }, { clock: clock.fn }))
      .toMatchObject({ instanceType: "c.2c4g", modifiedInstanceTypeStatus: "Enable" });
    expect(info(id)).toMatchObject({ instanceType: "c.2c4g", cpuCount: 2, memory: 4, publicIpAddresses: before.publicIpAddresses });
    const unknown = await call("ModifyInstanceType", { instanceId: id, instanceTypeId: "c.99c" });
    expect([unknown.status, unknown.body.code]).toEqual([404, "INVALID_INSTANCE_TYPE_NOT_FOUND"]);
  });

  it("ModifyInstanceBandwidth and its price inquiry allow the limit of the type a completed ModifyInstanceType put in force", async () => {
    const id = sim.control.seedInstance({ instanceType: "c.1c2g" }).instanceId;
    const tooMuch = await call("ModifyInstanceBandwidth", { instanceId: id, internetMaxBandwidthOut: 400 });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([400, "INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM"]);
    expect((await call("ModifyInstanceType", { instanceId: id, instanceTypeId: "c.2c4g" })).status).toBe(200);
    clock.advance(TEST_DURATIONS.bandwidthChangeMs);
    expect((await call("InquiryPriceInstanceBandwidth", { instanceId: id, internetMaxBandwidthOut: 400 })).status).toBe(200);
    expect((await call("ModifyInstanceBandwidth", { instanceId: id, internetMaxBandwidthOut: 400 })).status).toBe(200);
    const beyond = await call("ModifyInstanceBandwidth", { instanceId: id, internetMaxBandwidthOut: 600 });
    expect(beyond.body.message).toContain("limit of c.2c4g");
  });

  it("associates and unassociates security groups, refusing to remove the last one", async () => {
    const id = sim.control.seedInstance({}).instanceId;
    const [original] = info(id)!.securityGroupIds;
    expect((await call("AssociateSecurityGroupInstance", { instanceId: id, securityGroupId: "sg-web00001" })).status).toBe(200);
    expect(info(id)?.securityGroupIds).toEqual([original, "sg-web00001"]);
    expect((await call("UnAssociateSecurityGroupInstance", { instanceId: id, securityGroupId: original })).status).toBe(200);
    expect(info(id)?.securityGroupIds).toEqual(["sg-web00001"]);
    const last = await call("UnAssociateSecurityGroupInstance", { instanceId: id, securityGroupId: "sg-web00001" });
    expect([last.status, last.body.code]).toEqual([403, "OPERATION_DENIED_LAST_SECURITY_GROUP"]);
    const bad = await call("AssociateSecurityGroupInstance", { instanceId: id, securityGroupId: "nope" });
    expect([bad.status, bad.body.code]).toEqual([404, "INVALID_SECURITY_GROUP_NOT_FOUND"]);
  });
});
