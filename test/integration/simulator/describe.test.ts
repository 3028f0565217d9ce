import { IMAGES, INSTANCE_TYPES, type RunningSimulator } from "../../../simulator";
import { callApi, ok } from "./helpers/zc-client";
import { startTestSim, stopAll } from "./helpers/fixtures";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSim();
  for (let i = 1; i <= 25; i++) {
    sim.control.seedInstance({ instanceName: `vm-${i}`, zoneId: i % 2 ? "SEL-A" : "HKG-A", tags: { tags: [{ key: "batch", value: i <= 5 ? "a" : "b" }] } });
  }
  sim.control.seedInstance({ instanceName: "stopped-one", instanceStatus: "STOPPED", resourceGroupId: "a3d5c7e9-1f2b-4c6d-8e0a-2b4c6d8e0f12" });
});
afterAll(stopAll);

describe("DescribeInstances", () => {
  it("pages with pageSize 20 by default, in creation order", async () => {
    const first = await ok(sim, "DescribeInstances", {});
    expect(first.totalCount).toBe(26);
    expect(first.dataSet).toHaveLength(20);
    expect(first.dataSet[0].instanceName).toBe("vm-1");
    const second = await ok(sim, "DescribeInstances", { pageNum: 2 });
    expect(second.dataSet).toHaveLength(6);
    expect((await ok(sim, "DescribeInstances", { pageSize: 1000 })).dataSet).toHaveLength(26);
    const tooBig = await callApi(sim, "DescribeInstances", { pageSize: 1001 });
    expect([tooBig.status, tooBig.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
  });

  it("filters by exact name, zone, status, resource group and tags", async () => {
    expect((await ok(sim, "DescribeInstances", { instanceName: "vm-1" })).dataSet.map((i: { instanceName: string }) => i.instanceName)).toEqual(["vm-1"]);
    expect((await ok(sim, "DescribeInstances", { zoneId: "HKG-A" })).totalCount).toBe(12);
    expect((await ok(sim, "DescribeInstances", { instanceStatus: "STOPPED" })).dataSet[0].instanceName).toBe("stopped-one");
    expect((await ok(sim, "DescribeInstances", { resourceGroupId: "a3d5c7e9-1f2b-4c6d-8e0a-2b4c6d8e0f12" })).totalCount).toBe(1);
    expect((await ok(sim, "DescribeInstances", { tags: [{ key: "batch", value: "a" }] })).totalCount).toBe(5);
    expect((await ok(sim, "DescribeInstances", { tagKeys: ["batch"] })).totalCount).toBe(25);
  });

  it("matches every name with the prefix when instanceName ends in *, and refuses more than 20 tag filters", async () => {
    const names = async (instanceName: string) => (await ok(sim, "DescribeInstances", { instanceName, pageSize: 100 })).dataSet.map((i: { instanceName: string }) => i.instanceName);
    expect(await names("vm-2*")).toEqual(["vm-2", "vm-20", "vm-21", "vm-22", "vm-23", "vm-24", "vm-25"]);
    expect(await names("stopped*")).toEqual(["stopped-one"]);
    expect(await names("vm-2")).toEqual(["vm-2"]);
    const keys = Array.from({ length: 21 }, (_, i) => `k${i}`);
    for (const filter of [{ tagKeys: keys }, { tags: keys.map((key) => ({ key, value: "" })) }]) {
      const reply = await callApi(sim, "DescribeInstances", filter);
      expect([reply.status, reply.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    }
  });

  it("returns an empty list, not an error, for unknown ids", async () => {
    expect(await ok(sim, "DescribeInstances", { instanceIds: ["ins-unknown"] })).toMatchObject({ totalCount: 0, dataSet: [] });
    expect(await ok(sim, "DescribeInstancesStatus", { instanceIds: ["ins-unknown"] })).toMatchObject({ totalCount: 0, dataSet: [] });
  });

  it("answers ids asked in any order, repeated or unknown, once each in creation order, with the other filters and paging", async () => {
    const all = (await ok(sim, "DescribeInstances", { pageSize: 100 })).dataSet.map((i: { instanceId: string }) => i.instanceId);
    const asked = [all[7], "ins-unknown", all[2], all[7], all[0]];
    const byId = await ok(sim, "DescribeInstances", { instanceIds: asked });
    expect(byId.totalCount).toBe(3);
    expect(byId.dataSet.map((i: { instanceId: string }) => i.instanceId)).toEqual([all[0], all[2], all[7]]);
    const statuses = await ok(sim, "DescribeInstancesStatus", { instanceIds: asked });
    expect(statuses.dataSet.map((i: { instanceId: string }) => i.instanceId)).toEqual([all[0], all[2], all[7]]);
    const secondPage = await ok(sim, "DescribeInstances", { instanceIds: asked, pageSize: 2, pageNum: 2 });
    expect([secondPage.totalCount, secondPage.dataSet.map((i: { instanceId: string }) => i.instanceId)]).toEqual([3, [all[7]]]);
    // vm-1 and vm-3 are in SEL-A, vm-8 is not.
    expect((await ok(sim, "DescribeInstances", { instanceIds: asked, zoneId: "SEL-A" })).totalCount).toBe(2);
  });

  it("reports statuses with DescribeInstancesStatus", async () => {
    const all = await ok(sim, "DescribeInstancesStatus", { pageSize: 100 });
    expect(all.totalCount).toBe(26);
    expect(Object.keys(all.dataSet[0]).sort()).toEqual(["instanceId", "instanceStatus"]);
  });
});

describe("catalogue actions", () => {
  it("lists zones and their capabilities, optionally filtered; the network line only in 2026-04-01", async () => {
    const frankfurt = { zoneId: "FRA-A", zoneName: "Frankfurt A", supportSecurityGroup: true, supportNetworkType: "VPC", supportIpv6: false, supportCpuPassThrough: false };
    expect((await ok(sim, "DescribeZones", { zoneIds: ["FRA-A"] })).zoneSet).toEqual([frankfurt]);
    expect((await ok(sim, "DescribeZones", { zoneIds: ["FRA-A"] }, { version: "2026-04-01" })).zoneSet).toEqual([{ ...frankfurt, networkLineType: "Cogent" }]);
  });

  it("lists instance type quotas per zone with cpu, memory, charge types and bandwidth limit", async () => {
    const { instanceTypeQuotaSet } = await ok(sim, "DescribeZoneInstanceConfigInfos", { instanceChargeType: "POSTPAID", zoneId: "SEL-A" });
    expect(instanceTypeQuotaSet).toHaveLength(INSTANCE_TYPES.length);
    expect(instanceTypeQuotaSet[0]).toMatchObject({ zoneId: "SEL-A", instanceType: "c.1c2g", cpuCount: 1, memory: 2, internetMaxBandwidthOutLimit: 200, frequency: "2.5GHz" });
    expect(instanceTypeQuotaSet[0].internetChargeTypes).toHaveLength(5);
    const missing = await callApi(sim, "DescribeZoneInstanceConfigInfos", {});
    expect([missing.status, missing.body.code]).toEqual([400, "MISSING_PARAMETER"]);
  });

  it("lists images with the documented fields, filtered by os type, name and ids", async () => {
    const all = await ok(sim, "DescribeImages", { zoneId: "SEL-A" });
    expect(all.totalCount).toBe(IMAGES.length);
    expect(Object.keys(all.dataSet[0]).sort()).toEqual(["category", "imageDescription", "imageId", "imageName", "imageSize", "imageStatus", "imageType", "imageVersion", "osType"]);
    expect(all.dataSet.every((i: { imageId: string }) => /^img-[A-Za-z0-9]{25}$/.test(i.imageId))).toBe(true);
    expect((await ok(sim, "DescribeImages", { osType: "windows" })).dataSet.map((i: { category: string }) => i.category)).toEqual(["Windows"]);
    expect((await ok(sim, "DescribeImages", { imageName: "Debian 12 64bit" })).totalCount).toBe(1);
    expect((await ok(sim, "DescribeImages", { imageIds: [IMAGES[0]!.imageId], pageSize: 1 })).dataSet).toHaveLength(1);
    const badZone = await callApi(sim, "DescribeImages", { zoneId: "MARS-A" });
    expect([badZone.status, badZone.body.code]).toEqual([404, "INVALID_ZONE_NOT_FOUND"]);
  });
});
