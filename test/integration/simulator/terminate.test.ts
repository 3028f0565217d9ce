import type { InstanceStatus, RunningSimulator } from "../../../simulator";
import { callApi } from "./helpers/zc-client";
import { FakeClock, TEST_DURATIONS, createOne, startTestSim, stopAll } from "./helpers/fixtures";

// Every row of TerminateInstance's documented error table, and their precedence, on a fake clock.
let sim: RunningSimulator;
let clock: FakeClock;
beforeEach(async () => {
  clock = new FakeClock();
  sim = await startTestSim({ clock: clock.fn });
});
afterEach(stopAll);

const terminate = (instanceId: string) => callApi(sim, "TerminateInstance", { instanceId }, { clock: clock.fn });
const seed = (fields: Record<string, unknown>) => sim.control.seedInstance(fields).instanceId;
const prepaid = { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 } };

async function expectRefusal(instanceId: string, status: number, code: string): Promise<void> {
  const reply = await terminate(instanceId);
  expect({ status: reply.status, code: reply.body.code }).toEqual({ status, code });
  expect(reply.body.requestId).toMatch(/^T/);
}

describe("TerminateInstance error table", () => {
  it("answers 404 INVALID_INSTANCE_NOT_FOUND for an unknown id", async () => {
    await expectRefusal("ins-doesnotexist", 404, "INVALID_INSTANCE_NOT_FOUND");
  });

  it("answers 400 MISSING_PARAMETER without instanceId", async () => {
    const reply = await callApi(sim, "TerminateInstance", {}, { clock: clock.fn });
    expect([reply.status, reply.body.code]).toEqual([400, "MISSING_PARAMETER"]);
  });

  it("answers 403 OPERATION_DENIED_INSTANCE_RECYCLED in RECYCLE", async () => {
    await expectRefusal(seed({ instanceStatus: "RECYCLE" }), 403, "OPERATION_DENIED_INSTANCE_RECYCLED");
  });

  it.each(["RECYCLING", "RELEASING"])("answers 400 UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE in %s", async (status) => {
    await expectRefusal(seed({ instanceStatus: status }), 400, "UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE");
  });

  it("answers 403 OPERATION_DENIED_INSTANCE_CREATING while PENDING", async () => {
    const id = await createOne(sim, {}, { clock: clock.fn });
    expect(sim.control.getInstance(id)?.instanceStatus).toBe("PENDING");
    await expectRefusal(id, 403, "OPERATION_DENIED_INSTANCE_CREATING");
  });

  it.each(["DEPLOYING", "REBUILDING"])("answers 403 OPERATION_DENIED_INSTANCE_STATUS_INSTALLING while %s", async (status) => {
    await expectRefusal(seed({ instanceStatus: status }), 403, "OPERATION_DENIED_INSTANCE_STATUS_INSTALLING");
  });

  it("answers 400 UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE for a PREPAID instance", async () => {
    await expectRefusal(seed(prepaid), 400, "UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE");
  });

  it("answers 403 OPERATION_DENIED_POSTPAID_PROMISE inside a commitment term, and succeeds once it is lifted", async () => {
    const id = seed({});
    sim.control.setCommitment(id, true);
    await expectRefusal(id, 403, "OPERATION_DENIED_POSTPAID_PROMISE");
    sim.control.setCommitment(id, false);
    expect((await terminate(id)).status).toBe(200);
  });
});

describe("TerminateInstance precedence", () => {
  it("puts not-found first: a removed instance is 404 whatever it was", async () => {
    const id = seed({ ...prepaid, instanceStatus: "PENDING" });
    sim.control.removeInstance(id);
    await expectRefusal(id, 404, "INVALID_INSTANCE_NOT_FOUND");
  });

  it("puts the recycle-bin states before creating, installing and billing", async () => {
    await expectRefusal(seed({ ...prepaid, instanceStatus: "RECYCLE", commitment: true }), 403, "OPERATION_DENIED_INSTANCE_RECYCLED");
    await expectRefusal(seed({ ...prepaid, instanceStatus: "RECYCLING" }), 400, "UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE");
  });

  it("puts creating and installing before the billing checks", async () => {
    await expectRefusal(seed({ ...prepaid, instanceStatus: "PENDING" }), 403, "OPERATION_DENIED_INSTANCE_CREATING");
    await expectRefusal(seed({ instanceStatus: "DEPLOYING", commitment: true }), 403, "OPERATION_DENIED_INSTANCE_STATUS_INSTALLING");
  });

  it("puts PREPAID before the commitment term", async () => {
    await expectRefusal(seed({ ...prepaid, commitment: true }), 400, "UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE");
  });
});

describe("TerminateInstance success", () => {
  it("deletes a CREATE_FAILED instance directly", async () => {
    const id = seed({ instanceStatus: "CREATE_FAILED" });
    expect((await terminate(id)).status).toBe(200);
    expect(sim.control.getInstance(id)).toBeUndefined();
    await expectRefusal(id, 404, "INVALID_INSTANCE_NOT_FOUND");
  });

  it.each<InstanceStatus>(["RUNNING", "STOPPED", "STOPPING", "BOOTING", "REBOOT", "IMAGING"])(
    "moves a %s instance through RECYCLING to RECYCLE",
    async (status) => {
      const id = seed({ instanceStatus: status });
      const reply = await terminate(id);
      expect(reply.status).toBe(200);
      expect(reply.body.response).toEqual({ requestId: reply.body.requestId });
      expect(sim.control.getInstance(id)?.instanceStatus).toBe("RECYCLING");
      clock.advance(TEST_DURATIONS.recyclingMs);
      expect(sim.control.getInstance(id)?.instanceStatus).toBe("RECYCLE");
    },
  );

  it("releases a recycled instance automatically after the retention", async () => {
    const id = seed({});
    await terminate(id);
    clock.advance(TEST_DURATIONS.recyclingMs + TEST_DURATIONS.recycleRetentionMs - 1);
    expect(sim.control.getInstance(id)?.instanceStatus).toBe("RECYCLE");
    clock.advance(1);
    expect(sim.control.getInstance(id)).toBeUndefined();
    await expectRefusal(id, 404, "INVALID_INSTANCE_NOT_FOUND");
  });
});
