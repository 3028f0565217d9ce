import { startHarness, type Harness } from "./harness";

const terminated = ["RECYCLING", "RECYCLE"];

describe("delete against the simulator", () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.stop(); });

  it("waits while the instance is being created (CREATING) and sends TerminateInstance once, when it may succeed", async () => {
    const { instanceId } = h.sim.control.seedInstance({});
    // Long enough that the first status read lands inside the hold even on a busy machine.
    h.sim.control.holdStatus(instanceId, "PENDING", 1500, "DEPLOYING");
    await h.provider.delete(instanceId, {});
    expect(terminated).toContain(h.sim.control.getInstance(instanceId)?.instanceStatus);
    expect(h.sim.control.stats().requests.TerminateInstance).toBe(1);
    expect(h.sim.control.stats().rejectedTotal).toBe(0);
    expect(h.lines.some((l) => l.startsWith(`${instanceId} is PENDING; TerminateInstance as soon as it may succeed`))).toBe(true);
  }, 20_000);

  it("retries a TerminateInstance refused while the OS is being installed (INSTALLING), then succeeds", async () => {
    const { instanceId } = h.sim.control.seedInstance({});
    // The stored outputs still say RUNNING (a reinstall started out of band): TerminateInstance goes first.
    // Long enough that it lands inside the hold even on a busy machine.
    h.sim.control.holdStatus(instanceId, "DEPLOYING", 600, "RUNNING");
    await h.provider.delete(instanceId, { instanceStatus: "RUNNING" });
    expect(terminated).toContain(h.sim.control.getInstance(instanceId)?.instanceStatus);
    expect(h.sim.control.stats().requests.TerminateInstance).toBeGreaterThanOrEqual(2);
    expect(h.lines.some((l) => l.startsWith(`${instanceId} is DEPLOYING; TerminateInstance again as soon as it may succeed`))).toBe(true);
  });

  it("deletes an instance created a moment ago (destroy right after create)", async () => {
    const checked = await h.provider.check({}, h.inputs());
    // Create in the background; delete the id as soon as the simulator has it.
    const creating = h.provider.create(checked.inputs).catch((e) => e);
    let id: string | undefined;
    while (!id) {
      id = h.sim.control.listInstances()[0]?.instanceId;
      await new Promise((r) => setTimeout(r, 5));
    }
    await h.provider.delete(id, {});
    expect(terminated).toContain(h.sim.control.getInstance(id)?.instanceStatus);
    await creating;
  });

  it("treats INVALID_INSTANCE_NOT_FOUND as already deleted", async () => {
    await h.provider.delete("ins-doesnotexist", {});
    expect(h.lines).toContain("ins-doesnotexist was already deleted (TerminateInstance: not found); nothing left to do");
  });

  it("treats OPERATION_DENIED_INSTANCE_RECYCLED (already in the recycle bin) as success", async () => {
    const { instanceId } = h.sim.control.seedInstance({ instanceStatus: "RECYCLE" });
    await h.provider.delete(instanceId, {});
    expect(h.sim.control.getInstance(instanceId)?.instanceStatus).toBe("RECYCLE");
    expect(h.lines).toContain(`${instanceId} was already in Zenlayer's recycle bin`);
  });

  it("treats UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE as success", async () => {
    const { instanceId } = h.sim.control.seedInstance({ instanceStatus: "RECYCLING" });
    await h.provider.delete(instanceId, {});
    expect(terminated).toContain(h.sim.control.getInstance(instanceId)?.instanceStatus);
  });

  it("says where the instance went when it stays in the recycle bin", async () => {
    const { instanceId } = h.sim.control.seedInstance({});
    await h.provider.delete(instanceId, {});
    expect(h.lines.at(-1)).toMatch(new RegExp(`^${instanceId} is in Zenlayer's recycle bin \\((RECYCLING|RECYCLE)\\): deleted .*no longer billed as running.*about 24 hours`));
  });

  it("releases the instance with forceDelete and confirms it is gone", async () => {
    const { instanceId } = h.sim.control.seedInstance({});
    await h.provider.delete(instanceId, { forceDelete: true });
    expect(h.sim.control.getInstance(instanceId)).toBeUndefined();
    expect(h.sim.control.stats().requests.ReleaseInstances).toBe(1);
    expect(h.lines.at(-1)).toBe(`${instanceId} released from the recycle bin: gone for good`);
  });

  it("releases an instance that is already in the recycle bin with forceDelete", async () => {
    const { instanceId } = h.sim.control.seedInstance({ instanceStatus: "RECYCLE" });
    await h.provider.delete(instanceId, { forceDelete: true });
    expect(h.sim.control.getInstance(instanceId)).toBeUndefined();
  });

  it("surfaces a release failure instead of swallowing it", async () => {
    const { instanceId } = h.sim.control.seedInstance({});
    h.sim.control.setFaults({ errorRate: 1, actions: ["ReleaseInstances"] });
    const error = await h.provider.delete(instanceId, { forceDelete: true }).catch((e) => e);
    expect(error.message).toMatch(new RegExp(
      `^Releasing ${instanceId} from the recycle bin failed: ReleaseInstances failed: 5\\d\\d [A-Z_]+: .*request id T.*no longer billed as running\\) but not released`));
    expect(h.sim.control.getInstance(instanceId)?.instanceStatus).toBe("RECYCLE");
  });

  it("fails at once for a subscription (PREPAID) with the reason and the way out", async () => {
    const { instanceId } = h.sim.control.seedInstance({ instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 } });
    const error = await h.provider.delete(instanceId, { __owner: "proj/dev/web" }).catch((e) => e);
    expect(error.message).toMatch(new RegExp(`^Cannot delete ${instanceId}: it is a subscription \\(PREPAID\\) instance`));
    expect(error.message).toMatch(/UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE, request id T/);
    expect(error.message).toMatch(/wait for the expiry and run pulumi destroy again/);
    expect(error.message).toContain("pulumi state delete 'urn:pulumi:dev::proj::pulumi-nodejs:dynamic/zenlayer:Instance::web'");
    expect(h.sim.control.stats().requests.TerminateInstance).toBe(1);
    expect(h.sim.control.getInstance(instanceId)?.instanceStatus).toBe("RUNNING");
  });

  it("fails at once inside a pay-as-you-go commitment term (POSTPAID_PROMISE)", async () => {
    const { instanceId } = h.sim.control.seedInstance({ commitment: true });
    const error = await h.provider.delete(instanceId, {}).catch((e) => e);
    expect(error.message).toMatch(new RegExp(`^Cannot delete ${instanceId}: it is a pay-as-you-go instance inside a commitment term`));
    expect(error.message).toMatch(/403 OPERATION_DENIED_POSTPAID_PROMISE, request id T.*wait for the end of the commitment.*pulumi state delete/);
    expect(h.sim.control.stats().requests.TerminateInstance).toBe(1);
  });

  it("fails after timeouts.delete with the time waited and the last status seen", async () => {
    const { instanceId } = h.sim.control.seedInstance({});
    h.sim.control.holdStatus(instanceId, "DEPLOYING", 60_000, "RUNNING");
    const started = Date.now();
    const error = await h.provider.delete(instanceId, { timeouts: { delete: "400ms" } }).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.message).toMatch(new RegExp(
      `^Deleting ${instanceId} timed out after \\d+ms \\(timeouts\\.delete = 400ms\\): the instance is still being created ` +
      `or its OS installed.*last status seen: DEPLOYING\\. The instance stays in the stack`));
    // The status poll said it could not succeed: no TerminateInstance was wasted.
    expect(h.sim.control.stats().requests.TerminateInstance ?? 0).toBe(0);
  });

  it("fails on other errors with the code and the request id", async () => {
    const { instanceId } = h.sim.control.seedInstance({});
    h.sim.control.setFaults({ errorRate: 1, actions: ["TerminateInstance"] });
    await expect(h.provider.delete(instanceId, {})).rejects.toThrow(
      new RegExp(`^Deleting ${instanceId} failed: TerminateInstance failed: 5\\d\\d [A-Z_]+: .*request id T.*after 8 attempts`));
  });

  it("rides out throttling through the client's retries", async () => {
    const { instanceId } = h.sim.control.seedInstance({});
    h.sim.control.setFaults({ rateLimit: { requestsPerSecond: 20, burst: 1 } });
    await h.provider.delete(instanceId, {});
    expect(terminated).toContain(h.sim.control.getInstance(instanceId)?.instanceStatus);
    expect(h.lines.some((l) => /^Zenlayer API: \w+ got 429 REQUEST_LIMIT_EXCEEDED; retrying in /.test(l))).toBe(true);
  });
});
