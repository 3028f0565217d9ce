/**
 * What diff decides is what update does, and refresh keeps the declared inputs, against the
 * simulator: a downsize with a lower bandwidth (and the reverse) in one update; a change of one
 * input on an instance stopped outside Pulumi changes that input only; refresh writes back the
 * declared inputs with only their drift, so a one-field change diffs as that field alone.
 */
import { read as readWithInputs } from "../../../provider/lifecycle/provider";
import { startHarness, VM_PASSWORD, type Harness } from "./harness";

describe("diff, update and read agree", () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.stop(); });

  /** The program's checked inputs for the instance created with `outs`, with `changes`. */
  async function program(outs: Record<string, unknown>, base: Record<string, unknown>, changes: Record<string, unknown> = {}) {
    return (await h.provider.check(outs, { ...h.inputs(), ...base, __owner: outs.__owner, instanceName: outs.instanceName, ...changes })).inputs as Record<string, unknown>;
  }

  it.each([
    ["a downsize with a lower bandwidth", { instanceType: "c.2c4g", internetMaxBandwidthOut: 300 }, { instanceType: "c.1c2g", internetMaxBandwidthOut: 100 }],
    ["an upsize with a higher bandwidth", { instanceType: "c.1c2g", internetMaxBandwidthOut: 100 }, { instanceType: "c.2c4g", internetMaxBandwidthOut: 300 }],
  ])("applies %s in one update", async (_what, from, to) => {
    const { id, outs } = await h.createVm(from);
    const news = await program(outs, from, to);
    h.sim.control.resetStats();
    const { outs: updated } = await h.provider.update(id, outs, news);
    expect(h.sim.control.stats().requests).toMatchObject({ ModifyInstanceType: 1, ModifyInstanceBandwidth: 1 });
    expect(h.sim.control.stats().rejectedTotal).toBe(0);
    expect(updated).toMatchObject(to);
    expect(h.sim.control.getInstance(id)).toMatchObject(to);
  });

  it("changes only the tags of an instance stopped outside Pulumi, and records no power state it did not set", async () => {
    const { id, outs } = await h.createVm({ tags: { app: "web" } });
    h.sim.control.patchInstance(id, { instanceStatus: "STOPPED" });
    const news = await program(outs, {}, { tags: { app: "api" } });
    h.sim.control.resetStats();
    const { outs: updated } = await h.provider.update(id, outs, news);
    const requests = h.sim.control.stats().requests;
    expect(requests.ModifyResourceTags).toBe(1);
    expect({ StartInstances: requests.StartInstances ?? 0, StopInstances: requests.StopInstances ?? 0 }).toEqual({ StartInstances: 0, StopInstances: 0 });
    expect(h.sim.control.getInstance(id)?.instanceStatus).toBe("STOPPED");
    // The stack learns of the stop from refresh, not from an update that did not act on it.
    expect(updated).toMatchObject({ tags: { app: "api" }, powerState: "RUNNING", instanceStatus: "STOPPED" });

    const refreshed = await h.provider.read(id, updated as Record<string, unknown>);
    expect(refreshed.inputs).toMatchObject({ powerState: "STOPPED", tags: { app: "api" } });
    const same = await program(refreshed.inputs as Record<string, unknown>, {}, { tags: { app: "api" } });
    expect(await h.provider.diff(id, refreshed.props, same)).toEqual({ changes: true });
    h.sim.control.resetStats();
    await h.provider.update(id, refreshed.props, same);
    expect(h.sim.control.stats().requests).toMatchObject({ StartInstances: 1 });
    expect(h.sim.control.stats().requests.ModifyResourceTags ?? 0).toBe(0);
  });

  it("keeps a reinstalled instance stopped when it is declared stopped, though ResetInstance ends RUNNING", async () => {
    const { id, outs } = await h.createVm({ powerState: "STOPPED" });
    const news = await program(outs, { powerState: "STOPPED" }, { imageId: "img-Dq7bN2xKv5TzLm9PwRs3Yc8Ga" });
    h.sim.control.resetStats();
    await h.provider.update(id, outs, news);
    expect(h.sim.control.stats().requests).toMatchObject({ ResetInstance: 1, StopInstances: 1 });
    expect(h.sim.control.getInstance(id)?.instanceStatus).toBe("STOPPED");
  });

  it("refresh keeps the declared inputs: without drift they are the program's, the password included", async () => {
    const { id, outs } = await h.createVm({ systemDisk: { diskSize: 40 } });
    const declared = await program(outs, { systemDisk: { diskSize: 40 } });
    const refreshed = await h.provider.read(id, outs);
    expect(refreshed.inputs).toEqual(declared);
    expect(refreshed.inputs).toMatchObject({ password: VM_PASSWORD });
    // What the API filled in stays in the outputs only.
    expect(refreshed.props).toMatchObject({ resourceGroupId: expect.any(String), systemDisk: { diskSize: 40, diskCategory: expect.any(String) } });
    // A one-field change then differs in that field only, for a reader of the inputs as for diff.
    const tagged = await program(refreshed.inputs as Record<string, unknown>, { systemDisk: { diskSize: 40 } }, { tags: { app: "x" } });
    expect(Object.keys(tagged).filter((k) => JSON.stringify(tagged[k]) !== JSON.stringify((refreshed.inputs as Record<string, unknown>)[k]))).toEqual(["tags"]);
  });

  it("refresh with the stack's inputs given (the plugin's Read) returns the same inputs as from the recorded paths", async () => {
    const { id, outs } = await h.createVm({ tags: { app: "web" } });
    const declared = await program(outs, { tags: { app: "web" } });
    h.sim.control.patchInstance(id, { internetMaxBandwidthOut: 9 });
    const fromRecord = await h.provider.read(id, outs);
    const fromInputs = await readWithInputs(id, outs, declared);
    expect(fromInputs.inputs).toEqual(fromRecord.inputs);
    expect(fromRecord.inputs).toEqual({ ...declared });
    expect(fromRecord.props).toMatchObject({ internetMaxBandwidthOut: 9 });
  });

  it("refresh of state written before the declared paths were recorded keeps the stack's inputs (returns none)", async () => {
    const { id, outs } = await h.createVm();
    const { __declared: _recorded, ...legacy } = outs;
    const refreshed = await h.provider.read(id, legacy);
    expect(refreshed.inputs).toBeUndefined();
    expect(refreshed.props).toMatchObject({ instanceId: id, password: VM_PASSWORD });
  });
});
