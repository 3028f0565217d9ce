import { VmClient } from "../../../provider/client";
import { startHarness, VM_PASSWORD, type Harness } from "./harness";

describe("create against the simulator", () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.stop(); });

  it("creates one instance, waits until RUNNING, and returns the full outputs", async () => {
    const { id, outs } = await h.createVm({ tags: { app: "web" }, internetMaxBandwidthOut: 5 });
    expect(id).toMatch(/^ins-/);
    expect(outs).toMatchObject({
      instanceId: id, instanceStatus: "RUNNING", cpuCount: 1, memory: 2, zoneId: "SEL-A", instanceType: "c.1c2g",
      internetMaxBandwidthOut: 5, tags: { app: "web" }, password: VM_PASSWORD, forceDelete: false,
      timeouts: { create: "90m", update: "90m", delete: "20m" },
    });
    expect(outs.instanceName).toMatch(/^vm-[a-z0-9]{7}$/);
    expect((outs.publicIpAddresses as string[]).length).toBeGreaterThan(0);
    expect(outs.systemDisk).toMatchObject({ diskId: expect.any(String), diskSize: expect.any(Number) });
    const sim = h.sim.control.getInstance(id);
    expect(sim?.instanceStatus).toBe("RUNNING");
    expect(sim?.tags?.tags).toContainEqual({ key: "pulumi-owner", value: expect.stringMatching(/^proj\/test\/vm-/) });
    expect(h.sim.control.stats().requests.CreateInstances).toBe(1);
    expect(h.lines.some((l) => l.startsWith(`${id} created (`))).toBe(true);
  });

  it("deletes an instance that ends in CREATE_FAILED and fails plainly, leaving nothing behind", async () => {
    h.sim.control.failNextCreates(1);
    const error = await h.createVm({ forceDelete: true }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.id).toBeUndefined();
    const id = /(ins-[A-Za-z0-9]+)/.exec(error.message)?.[1];
    expect(error.message).toMatch(/^ins-\S+ failed to deploy: Zenlayer reported CREATE_FAILED after .*nothing is left running or in the stack/);
    expect(id).toBeDefined();
    expect(h.sim.control.getInstance(id as string)).toBeUndefined();
  });

  it("keeps an instance that misses timeouts.create in state as a partial failure with its id", async () => {
    // An install far longer than the limit: the instance is still being created whenever the provider looks.
    await h.stop();
    h = await startHarness({ durations: { deployingMs: 60_000 } });
    const pending = h.createVm({ timeouts: { create: "2s" }, __provider: "serialized provider text" });
    const error = await pending.catch((e) => e);
    expect(error.id).toMatch(/^ins-/);
    // The engine stores these properties as the state; delete and refresh load the provider from them.
    expect(error.properties.__provider).toBe("serialized provider text");
    expect(error.reasons).toEqual([error.message]);
    expect(error.properties).toMatchObject({ instanceId: error.id, zoneId: "SEL-A" });
    expect(["PENDING", "DEPLOYING"]).toContain(error.properties.instanceStatus);
    expect(error.message).toMatch(/did not reach RUNNING within timeouts\.create = 2s \(last status (PENDING|DEPLOYING)\).*kept in the stack/);
    expect(JSON.stringify(error.properties)).toContain(VM_PASSWORD); // an output; the engine marks it secret
    expect(error.message).not.toContain(VM_PASSWORD);
  });

  it("keeps the instance when status reads keep failing during the wait (partial state, no orphan)", async () => {
    // The poll of a new instance reads its details: DescribeInstances, or the bare status elsewhere.
    h.sim.control.setFaults({ errorRate: 1, actions: ["DescribeInstancesStatus", "DescribeInstances"] });
    // Long enough for the first failed query on a loaded machine: its retries, a few ms apart, wait
    // for a fresh client's slow start like any other request.
    // No owner tag, so that no lookup by it (a DescribeInstances) fails before the create.
    const error = await h.createVm({ timeouts: { create: "6s" }, __owner: undefined }).catch((e) => e);
    expect(error.id).toMatch(/^ins-/);
    expect(error.message).toMatch(/did not reach RUNNING within timeouts\.create = 6s .*last status query failed: DescribeInstances failed: 5\d\d/);
    expect(h.sim.control.getInstance(error.id)).toBeDefined();
  }, 30_000);

  it("does not create a second instance when the answer to CreateInstances is lost", async () => {
    h.sim.control.setFaults({ loseResponseRate: 1, actions: ["CreateInstances"] });
    const { id } = await h.createVm({ instanceName: "lost-answer" });
    expect(h.sim.control.stats().requests.CreateInstances).toBe(1);
    expect(h.sim.control.listInstances().map((i) => i.instanceId)).toEqual([id]);
  });

  it("adopts an instance left by an interrupted up (same owner tag) instead of creating a second one", async () => {
    const inputs = h.inputs({ instanceName: "vm-first-try" });
    // The interrupted create: CreateInstances went through, but the engine never learned the id.
    const client = new VmClient({ domain: h.sim.domain, scheme: "http", accessKeyId: h.sim.accessKeyId, accessKeyPassword: h.sim.accessKeyPassword });
    const created = await client.createInstances({
      zoneId: "SEL-A", instanceType: "c.1c2g", imageId: inputs.imageId as string, instanceChargeType: "POSTPAID",
      internetChargeType: "ByBandwidth", instanceName: "vm-first-try", password: VM_PASSWORD,
      tags: { tags: [{ key: "pulumi-owner", value: inputs.__owner as string }] },
    });
    const leftover = created.instanceIdSet[0] as string;
    h.sim.control.resetStats();
    // The next up: a fresh check (new random name) and create.
    const checked = await h.provider.check({}, { ...inputs, instanceName: undefined, internetMaxBandwidthOut: 3 });
    const { id, outs } = await h.provider.create(checked.inputs);
    expect(id).toBe(leftover);
    expect(h.sim.control.stats().requests.CreateInstances ?? 0).toBe(0);
    expect(outs).toMatchObject({ instanceStatus: "RUNNING", instanceName: checked.inputs?.instanceName, internetMaxBandwidthOut: 3 });
    expect(h.lines.some((l) => l.startsWith(`Adopting ${leftover} (`))).toBe(true);
    expect(h.sim.control.listInstances().filter((i) => i.instanceStatus !== "RECYCLING" && i.instanceStatus !== "RECYCLE")).toHaveLength(1);
  });

  it("terminates a leftover with other immutable inputs and creates a new instance", async () => {
    const inputs = h.inputs();
    const seeded = h.sim.control.seedInstance({ instanceType: "c.2c4g", tags: { tags: [{ key: "pulumi-owner", value: inputs.__owner }] } });
    const checked = await h.provider.check({}, inputs);
    const { id } = await h.provider.create(checked.inputs);
    expect(id).not.toBe(seeded.instanceId);
    expect(["RECYCLING", "RECYCLE"]).toContain(h.sim.control.getInstance(seeded.instanceId)?.instanceStatus);
    expect(h.lines.some((l) => l.includes(`${seeded.instanceId} carries this resource's owner tag`) && l.includes("instanceType"))).toBe(true);
  });

  it("looks for leftovers with one listing of the stack shared by its creates, and adopts the one left for its owner", async () => {
    const stack = { __stack: "proj/shared-listing" };
    const many = Array.from({ length: 6 }, (_, i) => h.inputs({ ...stack, __owner: `proj/shared-listing/vm-${i}` }));
    // An interrupted up left an instance for the fourth resource (with both provider tags, as this release tags).
    const leftover = h.sim.control.seedInstance({
      imageId: many[3]!.imageId, tags: { tags: [{ key: "pulumi-owner", value: many[3]!.__owner }, { key: "pulumi-stack", value: "proj/shared-listing" }] },
    });
    h.sim.control.resetStats();
    const created = await Promise.all(many.map(async (inputs) => {
      const checked = await h.provider.check({}, inputs);
      return (await h.provider.create(checked.inputs)).id;
    }));
    expect(created[3]).toBe(leftover.instanceId);
    expect(new Set(created).size).toBe(6);
    expect(h.sim.control.stats().requests.CreateInstances).toBe(5);
    const live = h.sim.control.listInstances().filter((i) => i.instanceStatus !== "RECYCLING" && i.instanceStatus !== "RECYCLE");
    expect(live.map((i) => i.instanceId).sort()).toEqual([...created].sort());
  });

  it("never adopts the tagged instance of a resource that is still in state (a create-before-delete replacement)", async () => {
    const first = await h.createVm();
    const owner = first.outs.__owner as string;
    // The engine checks the existing resource (olds present) before creating its replacement.
    await h.provider.check(first.outs, { ...h.inputs(), __owner: owner });
    const checked = await h.provider.check({}, { ...h.inputs(), __owner: owner });
    const second = await h.provider.create(checked.inputs);
    expect(second.id).not.toBe(first.id);
    expect(h.sim.control.getInstance(first.id)?.instanceStatus).toBe("RUNNING");
  });

  it("passes the instance name and the owner tag on CreateInstances", async () => {
    const { id, outs } = await h.createVm({ instanceName: "named-vm" });
    expect(h.sim.control.getInstance(id)?.instanceName).toBe("named-vm");
    expect(outs.instanceName).toBe("named-vm");
  });

  it("reports an API rejection of the request with its code and request id", async () => {
    await expect(h.createVm({ zoneId: "NOWHERE-A" })).rejects.toThrow(
      /^Creating instance vm-\S+ \(c\.1c2g in NOWHERE-A\) failed: CreateInstances failed: 4\d\d INVALID_ZONE_NOT_FOUND: .*request id T/);
  });
});
