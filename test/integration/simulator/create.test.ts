import { DEFAULT_RESOURCE_GROUP, RESOURCE_GROUPS, SUBNETS, type RunningSimulator } from "../../../simulator";
import { callApi, ok } from "./helpers/zc-client";
import { FakeClock, TEST_DURATIONS, WINDOWS, createBody, startTestSim, stopAll } from "./helpers/fixtures";

let sim: RunningSimulator;
let clock: FakeClock;
beforeEach(async () => {
  clock = new FakeClock();
  sim = await startTestSim({ clock: clock.fn });
});
afterEach(stopAll);

const create = (overrides: Record<string, unknown>) => callApi(sim, "CreateInstances", createBody(overrides), { clock: clock.fn });
const describeOne = async (id: string) => (await ok(sim, "DescribeInstances", { instanceIds: [id] }, { clock: clock.fn })).dataSet[0];

describe("CreateInstances validation", () => {
  it.each([
    ["zoneId is missing", { zoneId: undefined }, 400, "MISSING_PARAMETER"],
    ["instanceType is missing", { instanceType: undefined }, 400, "MISSING_PARAMETER"],
    ["imageId is missing", { imageId: undefined }, 400, "MISSING_PARAMETER"],
    ["instanceChargeType is missing", { instanceChargeType: undefined }, 400, "MISSING_PARAMETER"],
    ["internetChargeType is missing", { internetChargeType: undefined }, 400, "MISSING_PARAMETER"],
    ["the zone is unknown", { zoneId: "SEL--A" }, 404, "INVALID_ZONE_NOT_FOUND"],
    ["the instance type is unknown", { instanceType: "c.64c512g" }, 404, "INVALID_INSTANCE_TYPE_NOT_FOUND"],
    ["the image is unknown", { imageId: "img-0000000000000000000000000" }, 404, "INVALID_IMAGE_NOT_FOUND"],
    ["instanceChargeType is not POSTPAID or PREPAID", { instanceChargeType: "MONTHLY" }, 400, "INVALID_PARAMETER_VALUE"],
    ["PREPAID has no period", { instanceChargeType: "PREPAID" }, 400, "MISSING_PARAMETER"],
    ["internetChargeType is not one of the five", { internetChargeType: "ByTraffic" }, 400, "INVALID_PARAMETER_VALUE"],
    ["the password is too short", { password: "Ab1!" }, 400, "INVALID_PASSWORD_MALFORMED"],
    ["the password has no special character", { password: "Passw0rdxx" }, 400, "INVALID_PASSWORD_MALFORMED"],
    ["neither password nor keyId is given", { password: undefined }, 400, "MISSING_PARAMETER"],
    ["both password and keyId are given", { keyId: "key-YWD2QFOl" }, 400, "INVALID_PARAMETER_VALUE"],
    ["the keyId is malformed", { password: undefined, keyId: "mykey" }, 400, "INVALID_PARAMETER_VALUE"],
    ["a key pair is used with Windows", { password: undefined, keyId: "key-YWD2QFOl", imageId: WINDOWS }, 400, "INVALID_PARAMETER_VALUE"],
    ["the name has an underscore", { instanceName: "web_1" }, 400, "INVALID_PARAMETER_VALUE"],
    ["the name is longer than 64", { instanceName: "a".repeat(65) }, 400, "INVALID_PARAMETER_VALUE"],
    ["internetMaxBandwidthOut is 0", { internetMaxBandwidthOut: 0 }, 400, "INVALID_PARAMETER_VALUE"],
    ["internetMaxBandwidthOut exceeds the type's limit", { internetMaxBandwidthOut: 100000 }, 400, "INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM"],
    ["instanceCount is 0", { instanceCount: 0 }, 400, "INVALID_PARAMETER_VALUE"],
    ["instanceCount is 101", { instanceCount: 101 }, 400, "INVALID_PARAMETER_VALUE"],
    ["the subnet is in another zone", { subnetId: SUBNETS.find((s) => s.zoneId === "HKG-A")!.subnetId }, 404, "INVALID_SUBNET_NOT_FOUND"],
    ["the resource group is unknown", { resourceGroupId: "nope" }, 404, "INVALID_RESOURCE_GROUP_NOT_FOUND"],
    ["the system disk is smaller than the image", { systemDisk: { diskSize: 10 } }, 400, "INVALID_PARAMETER_VALUE"],
    ["tags repeat a key", { tags: { tags: [{ key: "a", value: "1" }, { key: "a", value: "2" }] } }, 400, "INVALID_PARAMETER_VALUE"],
    ["a number is sent as a string", { internetMaxBandwidthOut: "5" }, 400, "INVALID_PARAMETER_VALUE"],
  ])("refuses when %s", async (_why, overrides, status, code) => {
    const reply = await create(overrides);
    expect({ status: reply.status, code: reply.body.code }).toEqual({ status, code });
    expect(sim.control.listInstances()).toHaveLength(0);
  });

  it("never echoes the password in an error message", async () => {
    const reply = await create({ password: "Secret-without-digit" });
    expect(reply.text).not.toContain("Secret-without-digit");
  });
});

describe("CreateInstances", () => {
  it("returns instanceIdSet and orderNumber, and the instance starts PENDING with a private IP only", async () => {
    const reply = await create({ tags: { tags: [{ key: "app", value: "demo" }] } });
    expect(reply.status).toBe(200);
    const { instanceIdSet, orderNumber } = reply.body.response;
    expect(instanceIdSet).toHaveLength(1);
    expect(instanceIdSet[0]).toMatch(/^ins-[A-Za-z0-9]+$/);
    expect(orderNumber).toMatch(/^\d+$/);
    const info = await describeOne(instanceIdSet[0]);
    expect(info).toMatchObject({
      instanceStatus: "PENDING", zoneId: "SEL-A", instanceName: "web-1", instanceType: "c.1c2g", cpuCount: 1, memory: 2,
      imageName: "Ubuntu 22.04 LTS 64bit", instanceChargeType: "POSTPAID", internetChargeType: "ByBandwidth",
      internetMaxBandwidthOut: 1, period: null, expiredTime: null,
      resourceGroupId: DEFAULT_RESOURCE_GROUP.resourceGroupId, resourceGroupName: DEFAULT_RESOURCE_GROUP.resourceGroupName,
      publicIpAddresses: [], tags: { tags: [{ key: "app", value: "demo" }] },
      systemDisk: { diskSize: 20, diskCategory: "Standard NVMe SSD" },
    });
    // keyId may be null (2026-04-01 documents it so; 2023-03-13 reads null as empty); subnetId, a
    // plain string in both, is left out when there is none.
    expect(info.keyId).toBeNull();
    expect(info).not.toHaveProperty("subnetId");
    expect(info.createTime).toBe("2026-01-15T12:00:00Z");
    expect(info.privateIpAddresses).toHaveLength(1);
    expect(info.systemDisk.diskId).toMatch(/^disk-/);
    expect(info.securityGroupIds).toHaveLength(1);
    clock.advance(TEST_DURATIONS.pendingMs + TEST_DURATIONS.deployingMs);
    const runningInfo = await describeOne(instanceIdSet[0]);
    expect(runningInfo.instanceStatus).toBe("RUNNING");
    expect(runningInfo.publicIpAddresses).toHaveLength(1);
  });

  it("never returns the password", async () => {
    const id = (await create({ password: "Unique-Pw9!" })).body.response.instanceIdSet[0];
    const described = await callApi(sim, "DescribeInstances", { instanceIds: [id] }, { clock: clock.fn });
    expect(described.text).not.toContain("Unique-Pw9!");
    expect(JSON.stringify(sim.control.listInstances())).not.toContain("Unique-Pw9!");
  });

  it("creates several instances with names suffixed -1, -2, … and distinct addresses", async () => {
    const ids: string[] = (await create({ instanceCount: 3, instanceName: "node" })).body.response.instanceIdSet;
    expect(new Set(ids).size).toBe(3);
    const infos = (await ok(sim, "DescribeInstances", { instanceIds: ids }, { clock: clock.fn })).dataSet;
    expect(infos.map((i: { instanceName: string }) => i.instanceName)).toEqual(["node-1", "node-2", "node-3"]);
    expect(new Set(infos.map((i: { privateIpAddresses: string[] }) => i.privateIpAddresses[0])).size).toBe(3);
  });

  it("expands the ordered-number pattern [begin_number,bits] of instanceName, for one instance or several", async () => {
    const names = async (instanceName: string, instanceCount: number) => {
      const ids: string[] = (await create({ instanceName, instanceCount })).body.response.instanceIdSet;
      return (await ok(sim, "DescribeInstances", { instanceIds: ids }, { clock: clock.fn })).dataSet.map((i: { instanceName: string }) => i.instanceName);
    };
    // Zenlayer's own examples: the underscore before the bracket belongs to the pattern.
    expect(await names("server_[3,3]", 1)).toEqual(["server003"]);
    expect(await names("server_[3,3]", 2)).toEqual(["server003", "server004"]);
    expect(await names("server_[3,3]_[1,1]", 2)).toEqual(["server0031", "server0042"]);
    // Defaults: begin 0, 6 digits; a number outgrowing its digits keeps them all.
    expect(await names("web-[,].sel", 2)).toEqual(["web-000000.sel", "web-000001.sel"]);
    expect(await names("db[9,1]", 2)).toEqual(["db9", "db10"]);
  });

  it.each([
    ["begin_number above 99999", "node[100000,3]", /begin_number must be 0-99999/],
    ["bits above 6", "node[1,7]", /bits must be 1-6/],
    ["bits of 0", "node[1,0]", /bits must be 1-6/],
    ["a space in the pattern", "node[1, 2]", /must be 1-64 letters/],
    ["a name that grows past 64 characters", `${"n".repeat(59)}[1,6]`, /must be 1-64 letters/],
    ["the last of the names outgrowing 64 characters", `${"n".repeat(62)}[99,2]`, /must be 1-64 letters/],
  ])("refuses an instanceName pattern with %s", async (_label, instanceName, message) => {
    const reply = await create({ instanceName, instanceCount: 2 });
    expect([reply.status, reply.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    expect(reply.body.message).toMatch(message);
    expect(sim.control.listInstances()).toEqual([]);
  });

  it("names the network interfaces as nic asks (eth0 and eth1 by default), refusing names outside Zenlayer's rule", async () => {
    const plain = (await create({})).body.response.instanceIdSet[0];
    expect((await describeOne(plain)).nic).toEqual({ wanName: "eth0", lanName: "eth1" });
    const named = (await create({ nic: { wanName: "wan0", lanName: "lan01" } })).body.response.instanceIdSet[0];
    expect((await describeOne(named)).nic).toEqual({ wanName: "wan0", lanName: "lan01" });
    for (const nic of [{ wanName: "Wan0" }, { lanName: "0lan" }, { wanName: "eth" }, { lanName: "a".repeat(16) }, { wanName: "eth1" }]) {
      const reply = await create({ nic });
      expect([reply.status, reply.body.code, reply.body.message]).toEqual([400, "INVALID_PARAMETER_VALUE", expect.stringContaining("nic.")]);
    }
  });

  it("records PREPAID period and expiry, key id, subnet, resource group and bandwidth", async () => {
    const subnet = SUBNETS.find((s) => s.zoneId === "SEL-A")!;
    const group = RESOURCE_GROUPS[1]!;
    const id = (await create({
      instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 3 }, password: undefined, keyId: "key-YWD2QFOl",
      subnetId: subnet.subnetId, resourceGroupId: group.resourceGroupId, internetMaxBandwidthOut: 50,
    })).body.response.instanceIdSet[0];
    const info = await describeOne(id);
    expect(info).toMatchObject({
      instanceChargeType: "PREPAID", period: 3, expiredTime: "2026-04-15T12:00:00Z", keyId: "key-YWD2QFOl",
      subnetId: subnet.subnetId, resourceGroupId: group.resourceGroupId, resourceGroupName: group.resourceGroupName,
      internetMaxBandwidthOut: 50,
    });
    expect(info.privateIpAddresses[0]).toMatch(/^10\.1\./);
  });

  it("ends the next created instances in CREATE_FAILED after PENDING when failNextCreates is set", async () => {
    sim.control.failNextCreates(1);
    const ids: string[] = (await create({ instanceCount: 2 })).body.response.instanceIdSet;
    clock.advance(TEST_DURATIONS.pendingMs);
    expect(ids.map((id) => sim.control.getInstance(id)?.instanceStatus)).toEqual(["CREATE_FAILED", "DEPLOYING"]);
  });
});

describe("CreateInstances parameters of 2026-04-01", () => {
  const in2026 = (overrides: Record<string, unknown>) => callApi(sim, "CreateInstances", createBody(overrides), { clock: clock.fn, version: "2026-04-01" });

  it("creates diskAmount identical data disks per entry, at most 10 in all", async () => {
    const reply = await in2026({ dataDisks: [{ diskSize: 50, diskAmount: 3 }, { diskSize: 80, diskCategory: "Basic NVMe SSD" }] });
    expect(reply.status).toBe(200);
    const [created] = reply.body.response.instances;
    const disks = (await describeOne(created.instanceId)).dataDisks;
    expect(disks.map((d: { diskSize: number; diskCategory: string }) => [d.diskSize, d.diskCategory])).toEqual([
      [50, "Standard NVMe SSD"], [50, "Standard NVMe SSD"], [50, "Standard NVMe SSD"], [80, "Basic NVMe SSD"],
    ]);
    expect(created.diskIdSet).toEqual(disks.map((d: { diskId: string }) => d.diskId));
    const tooMany = await in2026({ dataDisks: [{ diskSize: 50, diskAmount: 6 }, { diskSize: 50, diskAmount: 5 }] });
    expect([tooMany.status, tooMany.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
  });

  it("accepts a CIDR address block, and refuses a start address without one", async () => {
    expect((await in2026({ cidrBlockId: "cidr-1", startCidrIpv4: "203.0.113.8", instanceChargePostpaid: { period: 1 } })).status).toBe(200);
    const alone = await in2026({ startCidrIpv4: "203.0.113.8" });
    expect([alone.status, alone.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
  });

  it("refuses each of them in 2023-03-13, naming the version that has it", async () => {
    for (const extra of [{ dataDisks: [{ diskSize: 50, diskAmount: 2 }] }, { cidrBlockId: "cidr-1" }, { instanceChargePostpaid: { period: 1 } }]) {
      const reply = await create(extra);
      expect([reply.status, reply.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
      expect(reply.body.message).toMatch(/is a parameter of CreateInstances in VM API 2026-04-01, not in 2023-03-13/);
    }
  });
});
