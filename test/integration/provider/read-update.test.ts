import { IMAGES, RESOURCE_GROUPS } from "../../../simulator";
import { UNKNOWN } from "../../../provider/lifecycle/constants";
import { startHarness, VM_PASSWORD, type Harness } from "./harness";

const group2 = RESOURCE_GROUPS[1]!.resourceGroupId;

describe("read and update against the simulator", () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.stop(); });

  it("shows drift on refresh (name, bandwidth, image, type, group, tags) and keeps the password", async () => {
    const { id, outs } = await h.createVm({ tags: { app: "web" } });
    h.sim.control.patchInstance(id, {
      instanceName: "renamed-in-console", internetMaxBandwidthOut: 7, resourceGroupId: group2, instanceType: "c.2c4g",
      imageId: IMAGES[2]!.imageId, tags: { tags: [{ key: "app", value: "api" }, { key: "pulumi-owner", value: outs.__owner }] },
    });
    const result = await h.provider.read(id, outs);
    expect(result.id).toBe(id);
    expect(result.props).toMatchObject({
      instanceName: "renamed-in-console", internetMaxBandwidthOut: 7, resourceGroupId: group2, instanceType: "c.2c4g",
      imageId: IMAGES[2]!.imageId, tags: { app: "api" }, password: VM_PASSWORD, instanceStatus: "RUNNING",
    });
    // The declared inputs, with the live value where one drifted; the password kept as declared
    // (the engine keeps it secret); nothing the API filled in that the program did not declare.
    expect(result.inputs).toMatchObject({
      instanceName: "renamed-in-console", tags: { app: "api" }, instanceType: "c.2c4g", imageId: IMAGES[2]!.imageId, password: VM_PASSWORD,
    });
    const declared = (await h.provider.check({}, h.inputs({ tags: { app: "web" } }))).inputs as object;
    expect(Object.keys(result.inputs as object).sort()).toEqual(Object.keys(declared).sort());
    expect(result.inputs).not.toHaveProperty("resourceGroupId");
    expect(result.inputs).not.toHaveProperty("instanceId");
    // The program still asks for the old values: the next diff brings them back or replaces.
    const programInputs = (await h.provider.check(result.inputs, { ...h.inputs(), instanceName: outs.instanceName, tags: { app: "web" } })).inputs;
    const diff = await h.provider.diff(id, result.props, programInputs);
    // Every drifted property changes back in place: nothing replaces the instance.
    expect(diff).toEqual({ changes: true });
  });

  it("causes no diff after a refresh without drift", async () => {
    const { id, outs } = await h.createVm({ keyId: "key-YWD2QFOl", password: undefined });
    const result = await h.provider.read(id, outs);
    const checked = await h.provider.check(result.inputs, { ...h.inputs(), keyId: "key-YWD2QFOl", password: undefined, __owner: outs.__owner });
    expect(await h.provider.diff(id, result.props, checked.inputs)).toEqual({ changes: false });
  });

  it("drops an instance deleted outside Pulumi from the stack", async () => {
    const { id, outs } = await h.createVm();
    h.sim.control.removeInstance(id);
    expect(await h.provider.read(id, outs)).toEqual({ id: "" });
    expect(h.lines.at(-1)).toMatch(/no longer exists in Zenlayer/);
  });

  it("drops an instance that sits in the recycle bin, with a warning on how to restore it", async () => {
    const { instanceId } = h.sim.control.seedInstance({ instanceStatus: "RECYCLE" });
    expect(await h.provider.read(instanceId, {})).toEqual({ id: "" });
    expect(h.lines.at(-1)).toMatch(new RegExp(`^warning: ${instanceId} is in Zenlayer's recycle bin \\(RECYCLE\\).*about 24 hours`));
  });

  it("keeps a CREATE_FAILED instance so that destroy cleans it up", async () => {
    const { instanceId } = h.sim.control.seedInstance({ instanceStatus: "CREATE_FAILED" });
    const result = await h.provider.read(instanceId, {});
    expect(result.id).toBe(instanceId);
    expect(result.props).toMatchObject({ instanceStatus: "CREATE_FAILED" });
  });

  it("looks an existing instance up by id (the `id` resource option)", async () => {
    const seeded = h.sim.control.seedInstance({ instanceName: "console-made" });
    const result = await h.provider.read(seeded.instanceId, {});
    expect(result.props).toMatchObject({ instanceId: seeded.instanceId, instanceName: "console-made", zoneId: seeded.zoneId });
  });

  it("applies name, resource group, bandwidth and password in place and returns the full outputs", async () => {
    const { id, outs } = await h.createVm();
    h.sim.control.resetStats();
    const news = (await h.provider.check(outs, {
      ...h.inputs(), __owner: outs.__owner, instanceName: "renamed", resourceGroupId: group2, internetMaxBandwidthOut: 4,
      password: "Nw8!otherPass",
    })).inputs;
    const diff = await h.provider.diff(id, outs, news);
    expect(diff).toEqual({ changes: true });
    const { outs: updated } = await h.provider.update(id, outs, news);
    expect(updated).toMatchObject({
      instanceId: id, instanceStatus: "RUNNING", instanceName: "renamed", resourceGroupId: group2, internetMaxBandwidthOut: 4,
      password: "Nw8!otherPass", publicIpAddresses: outs.publicIpAddresses, cpuCount: 1, timeouts: outs.timeouts,
    });
    const requests = h.sim.control.stats().requests;
    for (const action of ["ModifyInstancesAttribute", "ModifyInstancesResourceGroup", "ModifyInstanceBandwidth", "ResetInstancesPassword"]) {
      expect(requests[action]).toBe(1);
    }
    expect(requests.DescribeInstanceInternetStatus).toBeGreaterThanOrEqual(1);
    expect(h.sim.control.getInstance(id)).toMatchObject({ instanceName: "renamed", internetMaxBandwidthOut: 4, resourceGroupId: group2 });
  });

  it("records forceDelete and timeouts without changing the instance", async () => {
    const { id, outs } = await h.createVm();
    const news = (await h.provider.check(outs, { ...h.inputs(), __owner: outs.__owner, forceDelete: true, timeouts: { delete: "5m" } })).inputs;
    expect(await h.provider.diff(id, outs, news)).toEqual({ changes: true });
    h.sim.control.resetStats();
    const { outs: updated } = await h.provider.update(id, outs, news);
    expect(updated).toMatchObject({ forceDelete: true, timeouts: { delete: "5m", create: "90m" } });
    const requests = h.sim.control.stats().requests;
    expect(Object.keys(requests).filter((a) => !a.startsWith("Describe"))).toEqual([]);
  });

  it("waits for an instance kept from a timed-out create before updating it", async () => {
    const error = await h.createVm({ timeouts: { create: "50ms" } }).catch((e) => e);
    expect(error.id).toMatch(/^ins-/);
    const news = (await h.provider.check(error.properties, { ...h.inputs(), __owner: error.properties.__owner })).inputs;
    const { outs } = await h.provider.update(error.id, error.properties, news);
    expect(outs).toMatchObject({ instanceId: error.id, instanceStatus: "RUNNING" });
  });

  it("a partial update failure keeps __provider and what was applied, and the instance can be read and deleted", async () => {
    const { id, outs } = await h.createVm();
    // Above the type's 200 Mbps limit: the rename is applied, then ModifyInstanceBandwidth is refused.
    const news = (await h.provider.check(outs, {
      ...h.inputs(), __owner: outs.__owner, instanceName: "renamed-first", internetMaxBandwidthOut: 500, __provider: "serialized provider text",
    })).inputs;
    const error = await h.provider.update(id, outs, news).catch((e) => e);
    expect(error.id).toBe(id);
    expect(error.message).toMatch(new RegExp(`^Updating ${id} \\(internetMaxBandwidthOut\\) failed: .*INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM.*applied before the failure: instanceName`));
    expect(error.properties).toMatchObject({ __provider: "serialized provider text", instanceName: "renamed-first", instanceId: id, internetMaxBandwidthOut: 1 });
    const refreshed = await h.provider.read(id, error.properties);
    expect(refreshed.props).toMatchObject({ instanceName: "renamed-first", instanceStatus: "RUNNING" });
    await h.provider.delete(id, error.properties);
    expect(h.sim.control.getInstance(id)?.instanceStatus).toMatch(/^RECYCL/);
  });

  it("refuses to update an instance that is gone, pointing to refresh", async () => {
    const { id, outs } = await h.createVm();
    h.sim.control.removeInstance(id);
    await expect(h.provider.update(id, outs, { ...outs, instanceName: "x" })).rejects.toThrow(
      new RegExp(`^Cannot update ${id}: it no longer exists\\. Run pulumi refresh`));
  });
});

describe("adopting an existing instance with adoptInstanceId", () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.stop(); });

  it("takes over a console-made instance without CreateInstances, applying in-place differences", async () => {
    const seeded = h.sim.control.seedInstance({ instanceName: "console-vm", keyId: "key-YWD2QFOl", tags: { tags: [{ key: "team", value: "ops" }] } });
    h.sim.control.resetStats();
    const checked = await h.provider.check({}, { ...h.inputs(), password: undefined, adoptInstanceId: seeded.instanceId, internetMaxBandwidthOut: 3 });
    expect(checked.failures).toEqual([]);
    const { id, outs } = await h.provider.create(checked.inputs);
    expect(id).toBe(seeded.instanceId);
    expect(h.sim.control.stats().requests.CreateInstances ?? 0).toBe(0);
    expect(outs).toMatchObject({ instanceName: "console-vm", internetMaxBandwidthOut: 3, keyId: "key-YWD2QFOl", tags: { team: "ops" } });
    expect(h.lines.some((l) => l.startsWith(`Adopted ${id} (console-vm, RUNNING)`))).toBe(true);
    // A no-op preview afterwards, with the password and tags unknown to the program.
    const again = await h.provider.check(checked.inputs, { ...h.inputs(), password: undefined, adoptInstanceId: id, internetMaxBandwidthOut: 3, __owner: checked.inputs?.__owner });
    expect(await h.provider.diff(id, outs, again.inputs)).toEqual({ changes: false });
    const refreshed = await h.provider.read(id, outs);
    expect(await h.provider.diff(id, refreshed.props, again.inputs)).toEqual({ changes: false });
  });

  it("fails with one line per immutable property that differs", async () => {
    const seeded = h.sim.control.seedInstance({ zoneId: "HKG-A", instanceType: "c.2c4g" });
    const checked = await h.provider.check({}, { ...h.inputs(), adoptInstanceId: seeded.instanceId });
    const error = await h.provider.create(checked.inputs).catch((e) => e);
    expect(error.message).toMatch(new RegExp(`^Cannot adopt ${seeded.instanceId}: properties that adoption does not change differ from the inputs: `));
    expect(error.message).toContain('zoneId: the instance has "HKG-A", the inputs say "SEL-A"');
    expect(error.message).toContain('instanceType: the instance has "c.2c4g", the inputs say "c.1c2g"');
    expect(h.sim.control.getInstance(seeded.instanceId)?.instanceStatus).toBe("RUNNING");
  });

  it("a partial failure while adopting keeps __provider, so refresh and destroy still work", async () => {
    const seeded = h.sim.control.seedInstance({ instanceName: "console-vm" });
    const checked = await h.provider.check({}, {
      ...h.inputs(), adoptInstanceId: seeded.instanceId, instanceName: "adopted", internetMaxBandwidthOut: 500, __provider: "serialized provider text",
    });
    const error = await h.provider.create(checked.inputs).catch((e) => e);
    expect(error.id).toBe(seeded.instanceId);
    expect(error.properties).toMatchObject({ __provider: "serialized provider text", instanceName: "adopted" });
    await h.provider.delete(seeded.instanceId, error.properties);
  });

  it("adopts only on the first create: the replacement of an adopted instance is a new instance, the adopted one is retired", async () => {
    const seeded = h.sim.control.seedInstance({ instanceName: "console-vm" });
    const declared = { ...h.inputs(), password: undefined, adoptInstanceId: seeded.instanceId };
    const adopted = await h.provider.create((await h.provider.check({}, declared)).inputs);
    expect(adopted.id).toBe(seeded.instanceId);

    // The engine's replacement: check with the stored inputs, diff, delete the old one, check anew, create.
    const hongKongImage = IMAGES.find((i) => i.zoneIds.includes("HKG-A"))!.imageId;
    const moved = { ...declared, zoneId: "HKG-A", imageId: hongKongImage, password: VM_PASSWORD };
    const first = await h.provider.check(adopted.outs, moved);
    const decision = await h.provider.diff(adopted.id, adopted.outs, first.inputs);
    expect(decision).toMatchObject({ changes: true, replaces: ["zoneId"], deleteBeforeReplace: true });
    await h.provider.delete(adopted.id, adopted.outs);
    h.sim.control.resetStats();
    const replacement = await h.provider.create((await h.provider.check({}, moved)).inputs);

    expect(replacement.id).not.toBe(seeded.instanceId);
    expect(h.sim.control.stats().requests.CreateInstances).toBe(1);
    expect(h.sim.control.getInstance(replacement.id)).toMatchObject({ zoneId: "HKG-A", instanceStatus: "RUNNING" });
    expect(["RECYCLING", "RECYCLE"]).toContain(h.sim.control.getInstance(seeded.instanceId)?.instanceStatus);
    expect(replacement.outs).not.toHaveProperty("adoptInstanceId");
    expect(replacement.outs.instanceName).toMatch(/^vm-[a-z0-9]{7}$/);
  });

  it("refuses in check, before anything is deleted, to replace an adopted instance that declares no login credential", async () => {
    const seeded = h.sim.control.seedInstance({ instanceName: "console-vm" });
    const declared = { ...h.inputs(), password: undefined, adoptInstanceId: seeded.instanceId };
    const adopted = await h.provider.create((await h.provider.check({}, declared)).inputs);
    const hongKongImage = IMAGES.find((i) => i.zoneIds.includes("HKG-A"))!.imageId;
    const moved = await h.provider.check(adopted.outs, { ...declared, zoneId: "HKG-A", imageId: hongKongImage });
    expect(moved.failures).toEqual([{
      property: "password",
      reason: `replacing ${seeded.instanceId} (zoneId changed) creates a new instance, which needs a login credential: declare ` +
        "password or keyId (adoptInstanceId only names the instance the first create adopts)",
    }]);
    // A zone not known yet (preview) may not change; an in-place change needs no credential; nor does a first adoption.
    expect((await h.provider.check(adopted.outs, { ...declared, zoneId: UNKNOWN })).failures).toEqual([]);
    expect((await h.provider.check(adopted.outs, { ...declared, instanceName: "renamed" })).failures).toEqual([]);
    expect((await h.provider.check({}, { ...declared, zoneId: "HKG-A", imageId: hongKongImage })).failures).toEqual([]);
    expect(h.sim.control.getInstance(seeded.instanceId)?.instanceStatus).toBe("RUNNING");
  });

  it("refuses an id that does not exist", async () => {
    const checked = await h.provider.check({}, { ...h.inputs(), adoptInstanceId: "ins-nothere" });
    await expect(h.provider.create(checked.inputs)).rejects.toThrow(/^Cannot adopt ins-nothere: DescribeInstances does not list it/);
  });
});
