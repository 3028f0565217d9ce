/**
 * Every in-place path of update against the simulator, and each failure half-way: the instance
 * keeps its id and addresses, nothing is created or terminated, and a failure says what was applied.
 */
import { IMAGES } from "../../../simulator";
import { startHarness, VM_PASSWORD, type Harness } from "./harness";

const UBUNTU_20 = IMAGES[1]!.imageId;

describe("in-place changes against the simulator", () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.stop(); });

  /** check() → diff() → update() from `outs` with `changes` over the program's inputs; returns diff, outputs and calls. */
  async function change(id: string, outs: Record<string, unknown>, base: Record<string, unknown>, changes: Record<string, unknown>) {
    const news = (await h.provider.check(outs, { ...h.inputs(), ...base, __owner: outs.__owner, instanceName: outs.instanceName, ...changes })).inputs;
    const diff = await h.provider.diff(id, outs, news);
    h.sim.control.resetStats();
    const { outs: updated } = await h.provider.update(id, outs, news);
    return { diff, updated: updated as Record<string, unknown>, requests: h.sim.control.stats().requests };
  }

  function expectKept(id: string, outs: Record<string, unknown>, requests: Record<string, number>) {
    expect(h.sim.control.getInstance(id)?.publicIpAddresses).toEqual(outs.publicIpAddresses);
    expect(requests.CreateInstances ?? 0).toBe(0);
    expect(requests.TerminateInstance ?? 0).toBe(0);
  }

  it("changes tags with one ModifyResourceTags, keeping the owner tag", async () => {
    const { id, outs } = await h.createVm({ tags: { app: "web", team: "ops" } });
    const { diff, updated, requests } = await change(id, outs, {}, { tags: { app: "api", env: "prod" } });
    expect(diff).toEqual({ changes: true });
    expect(requests.ModifyResourceTags).toBe(1);
    expectKept(id, outs, requests);
    expect(updated).toMatchObject({ instanceId: id, tags: { app: "api", env: "prod" } });
    const tags = h.sim.control.getInstance(id)?.tags.tags;
    expect(tags).toEqual(expect.arrayContaining([{ key: "app", value: "api" }, { key: "env", value: "prod" }, { key: "pulumi-owner", value: outs.__owner }]));
    expect(tags).toHaveLength(3);
  });

  it("reinstalls for a new image: stop, ResetInstance with the password, RUNNING again, same id and addresses", async () => {
    const { id, outs } = await h.createVm();
    const { diff, updated, requests } = await change(id, outs, {}, { imageId: UBUNTU_20 });
    expect(diff).toEqual({ changes: true });
    expect(requests).toMatchObject({ StopInstances: 1, ResetInstance: 1 });
    expect(requests.StartInstances ?? 0).toBe(0);
    expectKept(id, outs, requests);
    expect(updated).toMatchObject({ imageId: UBUNTU_20, instanceStatus: "RUNNING", powerState: "RUNNING", password: VM_PASSWORD });
    expect(h.lines.some((l) => l.startsWith(`${id}: reinstalling the operating system from image ${UBUNTU_20}`))).toBe(true);
    expect(h.lines.join("\n")).not.toContain(VM_PASSWORD);
  });

  it("reinstalls for a new key pair", async () => {
    const { id, outs } = await h.createVm({ keyId: "key-YWD2QFOl", password: undefined });
    const { updated, requests } = await change(id, outs, { keyId: "key-YWD2QFOl", password: undefined }, { keyId: "key-Zx9Lm2Qp" });
    expect(requests.ResetInstance).toBe(1);
    expect(updated).toMatchObject({ keyId: "key-Zx9Lm2Qp" });
    expect(h.sim.control.getInstance(id)?.keyId).toBe("key-Zx9Lm2Qp");
  });

  it("refuses an image the instance's zone does not have before StopInstances: nothing stopped, nothing applied", async () => {
    const { id, outs } = await h.createVm();
    const news = (await h.provider.check(outs, { ...h.inputs(), __owner: outs.__owner, instanceName: outs.instanceName, imageId: "img-notInThisZone" })).inputs;
    h.sim.control.resetStats();
    const error = await h.provider.update(id, outs, news).catch((e) => e);
    expect(error.message).toMatch(new RegExp(`^Updating ${id} \\(imageId/keyId\\) failed: image img-notInThisZone does not exist in zone SEL-A ` +
      `\\(DescribeImages, request id \\S+\\); nothing was stopped or reinstalled\\. Choose an image of that zone \\(getImages lists them\\) \\(nothing was applied\\)\\. Run pulumi up again`));
    expect(h.sim.control.stats().requests).toMatchObject({ DescribeImages: 1 });
    expect(h.sim.control.stats().requests.StopInstances ?? 0).toBe(0);
    expect(h.sim.control.stats().requests.ResetInstance ?? 0).toBe(0);
    expect(h.sim.control.getInstance(id)?.instanceStatus).toBe("RUNNING");
  });

  it("starts the instance again when ResetInstance fails after the stop, and says so", async () => {
    const { id, outs } = await h.createVm();
    const news = (await h.provider.check(outs, { ...h.inputs(), __owner: outs.__owner, instanceName: outs.instanceName, imageId: IMAGES[1]!.imageId })).inputs;
    h.sim.control.resetStats();
    h.sim.control.setFaults({ errorRate: 1, actions: ["ResetInstance"] });
    const error = await h.provider.update(id, outs, news).catch((e) => e);
    h.sim.control.setFaults({});
    expect(error.message).toMatch(new RegExp(`^Updating ${id} \\(imageId/keyId\\) failed: ResetInstance failed: .*` +
      `The instance had been stopped for the reinstall and was started again; nothing was reinstalled \\(nothing was applied\\)\\. Run pulumi up again`));
    expect(h.sim.control.stats().requests).toMatchObject({ DescribeImages: 1, StopInstances: 1, StartInstances: 1 });
    expect(h.sim.control.stats().requests.ResetInstance).toBeGreaterThanOrEqual(1);
    expect(h.sim.control.getInstance(id)?.instanceStatus).toBe("RUNNING");
    expect(h.sim.control.getInstance(id)?.imageId).toBe(IMAGES[0]!.imageId);
  });

  it("finishes a reinstall interrupted after StopInstances: the next update resets the stopped instance without a second stop", async () => {
    const { id, outs } = await h.createVm();
    h.sim.control.patchInstance(id, { instanceStatus: "STOPPED" });
    const { updated, requests } = await change(id, outs, {}, { imageId: UBUNTU_20 });
    expect(requests.StopInstances ?? 0).toBe(0);
    expect(requests.StartInstances ?? 0).toBe(0);
    expect(requests.ResetInstance).toBe(1);
    expect(updated).toMatchObject({ imageId: UBUNTU_20, instanceStatus: "RUNNING" });
  });

  it("changes the traffic package in place and waits until it is in force", async () => {
    const base = { internetChargeType: "ByTrafficPackage", trafficPackageSize: 1 };
    const { id, outs } = await h.createVm(base);
    const { updated, requests } = await change(id, outs, base, { trafficPackageSize: 2.5 });
    expect(requests.ModifyInstanceTrafficPackage).toBe(1);
    expect(requests.DescribeInstanceInternetStatus).toBeGreaterThanOrEqual(1);
    expectKept(id, outs, requests);
    expect(updated).toMatchObject({ trafficPackageSize: 2.5 });
    expect(h.sim.control.getInstance(id)?.trafficPackageSize).toBe(2.5);
  });

  it("resizes in place (ModifyInstanceType, instanceTypeId) and reports the new cpu and memory", async () => {
    const { id, outs } = await h.createVm();
    const { updated, requests } = await change(id, outs, {}, { instanceType: "c.2c4g" });
    expect(requests.ModifyInstanceType).toBe(1);
    expect(requests.DescribeInstanceTypeStatus).toBeGreaterThanOrEqual(1);
    expectKept(id, outs, requests);
    expect(updated).toMatchObject({ instanceType: "c.2c4g", cpuCount: 2, memory: 4 });
  });

  it("moves the instance to another security group: associate the new one, then leave the old one", async () => {
    const { id, outs } = await h.createVm();
    const { updated, requests } = await change(id, outs, {}, { securityGroupId: "sg-web00001" });
    expect(requests).toMatchObject({ AssociateSecurityGroupInstance: 1, UnAssociateSecurityGroupInstance: 1 });
    expectKept(id, outs, requests);
    expect(updated).toMatchObject({ securityGroupId: "sg-web00001" });
    expect(h.sim.control.getInstance(id)?.securityGroupIds).toEqual(["sg-web00001"]);
  });

  it("stops and starts through powerState; a stop outside Pulumi shows as drift and the next update starts it", async () => {
    const { id, outs } = await h.createVm();
    const stopped = await change(id, outs, {}, { powerState: "STOPPED" });
    expect(stopped.diff).toEqual({ changes: true });
    expect(stopped.requests.StopInstances).toBe(1);
    expect(stopped.updated).toMatchObject({ powerState: "STOPPED", instanceStatus: "STOPPED" });
    const started = await change(id, stopped.updated, {}, { powerState: "RUNNING" });
    expect(started.requests.StartInstances).toBe(1);
    expect(started.updated).toMatchObject({ powerState: "RUNNING", instanceStatus: "RUNNING" });

    h.sim.control.patchInstance(id, { instanceStatus: "STOPPED" });
    const refreshed = await h.provider.read(id, started.updated);
    expect(refreshed.props).toMatchObject({ powerState: "STOPPED" });
    const program = (await h.provider.check(refreshed.inputs, { ...h.inputs(), __owner: outs.__owner, instanceName: outs.instanceName })).inputs;
    expect(await h.provider.diff(id, refreshed.props, program)).toEqual({ changes: true });
    const { outs: restored } = await h.provider.update(id, refreshed.props, program);
    expect(restored).toMatchObject({ powerState: "RUNNING", instanceStatus: "RUNNING" });
  });

  it("creates an instance declared STOPPED and leaves it stopped", async () => {
    const { id, outs } = await h.createVm({ powerState: "STOPPED" });
    expect(outs).toMatchObject({ powerState: "STOPPED", instanceStatus: "STOPPED" });
    expect(h.sim.control.getInstance(id)?.instanceStatus).toBe("STOPPED");
  });

  it("applies several changes in one update, in order, with one call each", async () => {
    const { id, outs } = await h.createVm({ tags: { app: "web" } });
    const { updated, requests } = await change(id, outs, {}, {
      instanceName: "all-at-once", tags: { app: "api" }, instanceType: "c.2c4g", imageId: UBUNTU_20, internetMaxBandwidthOut: 5,
    });
    expect(requests).toMatchObject({
      ModifyInstancesAttribute: 1, ModifyResourceTags: 1, ModifyInstanceType: 1, StopInstances: 1, ResetInstance: 1, ModifyInstanceBandwidth: 1,
    });
    expectKept(id, outs, requests);
    expect(updated).toMatchObject({ instanceName: "all-at-once", tags: { app: "api" }, instanceType: "c.2c4g", imageId: UBUNTU_20, internetMaxBandwidthOut: 5 });
  });

  it("a failure half-way keeps what was applied and __provider: tags applied, then the resize refused", async () => {
    const { id, outs } = await h.createVm({ tags: { app: "web" } });
    const news = (await h.provider.check(outs, {
      ...h.inputs(), __owner: outs.__owner, instanceName: outs.instanceName, tags: { app: "api" }, instanceType: "c.99c", __provider: "serialized provider text",
    })).inputs;
    const error = await h.provider.update(id, outs, news).catch((e) => e);
    expect(error.message).toMatch(new RegExp(`^Updating ${id} \\(instanceType\\) failed: .*INVALID_INSTANCE_TYPE_NOT_FOUND.*applied before the failure: tags\\)`));
    expect(error.properties).toMatchObject({ __provider: "serialized provider text", tags: { app: "api" }, instanceType: "c.1c2g", instanceId: id });
    expect((await h.provider.read(id, error.properties)).props).toMatchObject({ tags: { app: "api" }, instanceType: "c.1c2g" });
  });
});
