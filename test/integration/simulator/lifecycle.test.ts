import type { RunningSimulator } from "../../../simulator";
import { callApi, ok, waitFor } from "./helpers/zc-client";
import { FakeClock, TEST_DURATIONS, WINDOWS, createOne, startTestSim, stopAll } from "./helpers/fixtures";

afterEach(stopAll);

describe("state timing on the real clock", () => {
  it("goes PENDING → DEPLOYING → RUNNING within millisecond durations", async () => {
    const sim = await startTestSim({ durations: { pendingMs: 150, deployingMs: 150 } });
    const id = await createOne(sim);
    const seen = new Set<string>();
    await waitFor(async () => {
      const status: string = (await ok(sim, "DescribeInstancesStatus", { instanceIds: [id] })).dataSet[0].instanceStatus;
      seen.add(status);
      return status;
    }, (status) => status === "RUNNING", 3000, 5);
    expect([...seen]).toEqual(expect.arrayContaining(["PENDING", "RUNNING"]));
    expect([...seen].filter((s) => !["PENDING", "DEPLOYING", "RUNNING"].includes(s))).toEqual([]);
  });
});

describe("power and lifecycle actions", () => {
  let sim: RunningSimulator;
  let clock: FakeClock;
  const call = (action: string, params: object) => callApi(sim, action, params, { clock: clock.fn });
  const status = (id: string) => sim.control.getInstance(id)?.instanceStatus;
  beforeEach(async () => {
    clock = new FakeClock();
    sim = await startTestSim({ clock: clock.fn });
  });

  it("stops (STOPPING → STOPPED) and starts (BOOTING → RUNNING)", async () => {
    const id = sim.control.seedInstance({}).instanceId;
    expect((await call("StopInstances", { instanceIds: [id], forceShutdown: true })).status).toBe(200);
    expect(status(id)).toBe("STOPPING");
    clock.advance(TEST_DURATIONS.stoppingMs);
    expect(status(id)).toBe("STOPPED");
    expect((await call("StartInstances", { instanceIds: [id] })).status).toBe(200);
    expect(status(id)).toBe("BOOTING");
    clock.advance(TEST_DURATIONS.bootingMs);
    expect(status(id)).toBe("RUNNING");
  });

  it("reboots through REBOOT back to RUNNING", async () => {
    const id = sim.control.seedInstance({}).instanceId;
    await call("RebootInstances", { instanceIds: [id] });
    expect(status(id)).toBe("REBOOT");
    clock.advance(TEST_DURATIONS.rebootMs);
    expect(status(id)).toBe("RUNNING");
  });

  it("answers 403 OPERATION_DENIED_* for an action in the wrong status and changes nothing in the batch", async () => {
    const running = sim.control.seedInstance({}).instanceId;
    const stopped = sim.control.seedInstance({ instanceStatus: "STOPPED" }).instanceId;
    const start = await call("StartInstances", { instanceIds: [stopped, running] });
    expect([start.status, start.body.code]).toEqual([403, "OPERATION_DENIED_INSTANCE_NOT_STOPPED"]);
    expect(status(stopped)).toBe("STOPPED");
    const stop = await call("StopInstances", { instanceIds: [stopped] });
    expect([stop.status, stop.body.code]).toEqual([403, "OPERATION_DENIED_INSTANCE_NOT_RUNNING"]);
    const pending = await createOne(sim, {}, { clock: clock.fn });
    const reboot = await call("RebootInstances", { instanceIds: [pending] });
    expect([reboot.status, reboot.body.code]).toEqual([403, "OPERATION_DENIED_INSTANCE_CREATING"]);
    const unknown = await call("StopInstances", { instanceIds: [running, "ins-nope"] });
    expect([unknown.status, unknown.body.code]).toEqual([404, "INVALID_INSTANCE_NOT_FOUND"]);
    expect(status(running)).toBe("RUNNING");
  });

  it("reinstalls a STOPPED instance (REBUILDING → RUNNING) with a new image and key", async () => {
    const id = sim.control.seedInstance({ instanceStatus: "STOPPED" }).instanceId;
    const other = "img-Dq7bN2xKv5TzLm9PwRs3Yc8Ga";
    expect((await call("ResetInstance", { instanceId: id, imageId: other, keyId: "key-Zx9Lm2Qp" })).status).toBe(200);
    expect(sim.control.getInstance(id)).toMatchObject({ instanceStatus: "REBUILDING", imageId: other, imageName: "Debian 12 64bit", keyId: "key-Zx9Lm2Qp" });
    clock.advance(TEST_DURATIONS.rebuildingMs);
    expect(status(id)).toBe("RUNNING");
    const notStopped = await call("ResetInstance", { instanceId: id });
    expect([notStopped.status, notStopped.body.code]).toEqual([403, "OPERATION_DENIED_INSTANCE_NOT_STOPPED"]);
  });

  it("renames the instance and its network interfaces on a reinstall when asked, and refuses bad names changing nothing", async () => {
    const id = sim.control.seedInstance({ instanceStatus: "STOPPED", instanceName: "before" }).instanceId;
    for (const bad of [{ wanName: "WAN0" }, { lanName: "l1" }, { wanName: "eth1" }, { instanceName: "no spaces" }]) {
      const reply = await call("ResetInstance", { instanceId: id, ...bad });
      expect([reply.status, reply.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    }
    expect(sim.control.getInstance(id)).toMatchObject({ instanceStatus: "STOPPED", instanceName: "before", nic: { wanName: "eth0", lanName: "eth1" } });
    const reset = await callApi(sim, "ResetInstance", { instanceId: id, instanceName: "after", wanName: "public0", lanName: "private0" }, { clock: clock.fn, version: "2026-04-01" });
    expect(reset.status).toBe(200);
    const described = (await ok(sim, "DescribeInstances", { instanceIds: [id] }, { clock: clock.fn })).dataSet[0];
    expect(described).toMatchObject({ instanceName: "after", nic: { wanName: "public0", lanName: "private0" } });
    clock.advance(TEST_DURATIONS.rebuildingMs);
    await call("StopInstances", { instanceIds: [id] });
    clock.advance(TEST_DURATIONS.stoppingMs);
    // Only what is given changes.
    expect((await call("ResetInstance", { instanceId: id, lanName: "inner0" })).status).toBe(200);
    expect(sim.control.getInstance(id)).toMatchObject({ instanceName: "after", nic: { wanName: "public0", lanName: "inner0" } });
  });

  it("refuses a reinstall onto an image larger than the system disk or a key on Windows", async () => {
    const id = sim.control.seedInstance({ instanceStatus: "STOPPED" }).instanceId;
    const tooBig = await call("ResetInstance", { instanceId: id, imageId: WINDOWS, password: "Passw0rd!x" });
    expect([tooBig.status, tooBig.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    const win = sim.control.seedInstance({ instanceStatus: "STOPPED", imageId: WINDOWS }).instanceId;
    const key = await call("ResetInstance", { instanceId: win, keyId: "key-YWD2QFOl" });
    expect([key.status, key.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
  });

  it("releases only recycled instances: RECYCLE → RELEASING → gone", async () => {
    const id = sim.control.seedInstance({}).instanceId;
    const early = await call("ReleaseInstances", { instanceIds: [id] });
    expect([early.status, early.body.code]).toEqual([403, "OPERATION_DENIED_INSTANCE_NOT_RECYCLED"]);
    await call("TerminateInstance", { instanceId: id });
    const recycling = await call("ReleaseInstances", { instanceIds: [id] });
    expect([recycling.status, recycling.body.code]).toEqual([400, "UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE"]);
    clock.advance(TEST_DURATIONS.recyclingMs);
    expect((await call("ReleaseInstances", { instanceIds: [id] })).status).toBe(200);
    expect(status(id)).toBe("RELEASING");
    clock.advance(TEST_DURATIONS.releasingMs);
    expect(status(id)).toBeUndefined();
    const gone = await call("DescribeInstances", { instanceIds: [id] });
    expect(gone.body.response).toMatchObject({ totalCount: 0, dataSet: [] });
    const again = await call("ReleaseInstances", { instanceIds: [id] });
    expect([again.status, again.body.code]).toEqual([404, "INVALID_INSTANCE_NOT_FOUND"]);
  });

  it("changes bandwidth asynchronously: Processing, then Enable with the new value", async () => {
    const id = sim.control.seedInstance({ internetMaxBandwidthOut: 2 }).instanceId;
    const before = (await call("DescribeInstanceInternetStatus", { instanceId: id })).body.response;
    expect(before).toMatchObject({ instanceId: id, internetMaxBandwidthOut: 2, modifiedInternetMaxBandwidthOut: null });
    expect(before).not.toHaveProperty("modifiedBandwidthStatus");
    const change = await call("ModifyInstanceBandwidth", { instanceId: id, internetMaxBandwidthOut: 10 });
    expect(change.body.response.orderNumber).toMatch(/^\d+$/);
    const during = (await call("DescribeInstanceInternetStatus", { instanceId: id })).body.response;
    expect(during).toMatchObject({ internetMaxBandwidthOut: 2, modifiedInternetMaxBandwidthOut: 10, modifiedBandwidthStatus: "Processing" });
    const twice = await call("ModifyInstanceBandwidth", { instanceId: id, internetMaxBandwidthOut: 20 });
    expect([twice.status, twice.body.code]).toEqual([403, "OPERATION_DENIED_BANDWIDTH_CHANGING"]);
    clock.advance(TEST_DURATIONS.bandwidthChangeMs);
    const after = (await call("DescribeInstanceInternetStatus", { instanceId: id })).body.response;
    expect(after).toMatchObject({ instanceName: "instance", internetMaxBandwidthOut: 10, modifiedInternetMaxBandwidthOut: 10, modifiedBandwidthStatus: "Enable" });
    expect(sim.control.getInstance(id)?.internetMaxBandwidthOut).toBe(10);
  });

  it("changes bandwidth only when RUNNING and within the type's limit", async () => {
    const stopped = sim.control.seedInstance({ instanceStatus: "STOPPED" }).instanceId;
    const refused = await call("ModifyInstanceBandwidth", { instanceId: stopped, internetMaxBandwidthOut: 5 });
    expect([refused.status, refused.body.code]).toEqual([403, "OPERATION_DENIED_INSTANCE_NOT_RUNNING"]);
    const running = sim.control.seedInstance({}).instanceId;
    const tooMuch = await call("ModifyInstanceBandwidth", { instanceId: running, internetMaxBandwidthOut: 201 });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([400, "INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM"]);
  });

  it("renames, moves resource group and resets passwords", async () => {
    const id = sim.control.seedInstance({}).instanceId;
    expect((await call("ModifyInstancesAttribute", { instanceIds: [id], instanceName: "renamed.v2" })).status).toBe(200);
    const group = "7f1e9a20-3b4c-4d5e-8f6a-1b2c3d4e5f60";
    expect((await call("ModifyInstancesResourceGroup", { instanceIds: [id], resourceGroupId: group })).status).toBe(200);
    expect(sim.control.getInstance(id)).toMatchObject({ instanceName: "renamed.v2", resourceGroupId: group, resourceGroupName: "production" });
    const badGroup = await call("ModifyInstancesResourceGroup", { instanceIds: [id], resourceGroupId: "nope" });
    expect([badGroup.status, badGroup.body.code]).toEqual([404, "INVALID_RESOURCE_GROUP_NOT_FOUND"]);
    expect((await call("ResetInstancesPassword", { instanceIds: [id], password: "N3w-Passw0rd" })).status).toBe(200);
    const weak = await call("ResetInstancesPassword", { instanceIds: [id], password: "weak" });
    expect([weak.status, weak.body.code]).toEqual([400, "INVALID_PASSWORD_MALFORMED"]);
    const noName = await call("ModifyInstancesAttribute", { instanceIds: [id] });
    expect([noName.status, noName.body.code]).toEqual([400, "MISSING_PARAMETER"]);
  });
});
