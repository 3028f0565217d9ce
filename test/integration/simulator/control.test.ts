import type { RunningSimulator } from "../../../simulator";
import { callApi, callControl, send } from "./helpers/zc-client";
import { FakeClock, TEST_DURATIONS, createOne, startTestSim, stopAll } from "./helpers/fixtures";

let sim: RunningSimulator;
let clock: FakeClock;
beforeEach(async () => {
  clock = new FakeClock();
  sim = await startTestSim({ clock: clock.fn });
});
afterEach(stopAll);

describe("control routes over HTTP", () => {
  it("seeds an instance as if made in the console (RUNNING by default) and lists it with its commitment flag", async () => {
    const seeded = await callControl(sim, "POST", "/_sim/instances", { zoneId: "FRA-A", instanceName: "console-vm", tags: { tags: [{ key: "owner", value: "ops" }] } });
    expect(seeded.status).toBe(200);
    expect(seeded.body).toMatchObject({ zoneId: "FRA-A", instanceName: "console-vm", instanceStatus: "RUNNING", commitment: false });
    const list = await callControl(sim, "GET", "/_sim/instances");
    expect(list.body.instances.map((i: { instanceId: string }) => i.instanceId)).toEqual([seeded.body.instanceId]);
    const one = await callControl(sim, "GET", `/_sim/instances/${seeded.body.instanceId}`);
    expect(one.body.tags).toEqual({ tags: [{ key: "owner", value: "ops" }] });
    const missing = await callControl(sim, "GET", "/_sim/instances/ins-missing");
    expect([missing.status, missing.body.code]).toEqual([404, "INVALID_INSTANCE_NOT_FOUND"]);
  });

  it("seeds a given status and id, and rejects bad seeds", async () => {
    const seeded = await callControl(sim, "POST", "/_sim/instances", { instanceId: "ins-fixed0001", instanceStatus: "STOPPED" });
    expect(seeded.body).toMatchObject({ instanceId: "ins-fixed0001", instanceStatus: "STOPPED" });
    const again = await callControl(sim, "POST", "/_sim/instances", { instanceId: "ins-fixed0001" });
    expect([again.status, again.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    const bad = await callControl(sim, "POST", "/_sim/instances", { instanceStatus: "DELETED" });
    expect([bad.status, bad.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
  });

  it("patches fields behind the provider's back (drift) and the API reports them", async () => {
    const id = await createOne(sim, {}, { clock: clock.fn });
    const patched = await callControl(sim, "PATCH", `/_sim/instances/${id}`, { instanceName: "x", internetMaxBandwidthOut: 5, instanceStatus: "STOPPED", tags: { tags: [{ key: "k", value: "v" }] } });
    expect(patched.body).toMatchObject({ instanceName: "x", internetMaxBandwidthOut: 5, instanceStatus: "STOPPED" });
    const described = await callApi(sim, "DescribeInstances", { instanceIds: [id] }, { clock: clock.fn });
    expect(described.body.response.dataSet[0]).toMatchObject({ instanceName: "x", internetMaxBandwidthOut: 5, instanceStatus: "STOPPED", tags: { tags: [{ key: "k", value: "v" }] } });
    const unknownField = await callControl(sim, "PATCH", `/_sim/instances/${id}`, { password: "nope" });
    expect([unknownField.status, unknownField.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
  });

  it("removes an instance behind the provider's back: it becomes not found", async () => {
    const id = sim.control.seedInstance({}).instanceId;
    expect((await callControl(sim, "DELETE", `/_sim/instances/${id}`)).status).toBe(200);
    const terminate = await callApi(sim, "TerminateInstance", { instanceId: id }, { clock: clock.fn });
    expect([terminate.status, terminate.body.code]).toEqual([404, "INVALID_INSTANCE_NOT_FOUND"]);
    expect((await callControl(sim, "DELETE", `/_sim/instances/${id}`)).status).toBe(404);
  });

  it("holds a status for a while, then returns to the previous status by default", async () => {
    const id = sim.control.seedInstance({}).instanceId;
    const held = await callControl(sim, "POST", `/_sim/instances/${id}/status`, { status: "DEPLOYING", durationMs: 5000 });
    expect(held.body.instanceStatus).toBe("DEPLOYING");
    const terminate = await callApi(sim, "TerminateInstance", { instanceId: id }, { clock: clock.fn });
    expect(terminate.body.code).toBe("OPERATION_DENIED_INSTANCE_STATUS_INSTALLING");
    clock.advance(4999);
    expect(sim.control.getInstance(id)?.instanceStatus).toBe("DEPLOYING");
    clock.advance(1);
    expect(sim.control.getInstance(id)?.instanceStatus).toBe("RUNNING");
  });

  it("holds a status, then moves to `then` (positional in-process form too)", async () => {
    const id = sim.control.seedInstance({}).instanceId;
    await callControl(sim, "POST", `/_sim/instances/${id}/status`, { status: "REBUILDING", durationMs: 100, then: "STOPPED" });
    clock.advance(100);
    expect(sim.control.getInstance(id)?.instanceStatus).toBe("STOPPED");
    sim.control.holdStatus(id, "IMAGING", 50, "RUNNING");
    expect(sim.control.getInstance(id)?.instanceStatus).toBe("IMAGING");
    clock.advance(50);
    expect(sim.control.getInstance(id)?.instanceStatus).toBe("RUNNING");
  });

  it("sets the commitment flag over HTTP", async () => {
    const id = sim.control.seedInstance({}).instanceId;
    const set = await callControl(sim, "POST", `/_sim/instances/${id}/commitment`, { enabled: true });
    expect(set.body.commitment).toBe(true);
    const terminate = await callApi(sim, "TerminateInstance", { instanceId: id }, { clock: clock.fn });
    expect(terminate.body.code).toBe("OPERATION_DENIED_POSTPAID_PROMISE");
  });

  it("reads, replaces and clears the fault configuration, and queues create failures", async () => {
    const put = await callControl(sim, "PUT", "/_sim/faults", { errorRate: 0.5, actions: ["CreateInstances"] });
    expect(put.body).toEqual({ errorRate: 0.5, actions: ["CreateInstances"] });
    expect((await callControl(sim, "GET", "/_sim/faults")).body).toEqual({ errorRate: 0.5, actions: ["CreateInstances"] });
    expect((await callControl(sim, "PUT", "/_sim/faults", {})).body).toEqual({});
    const bad = await callControl(sim, "PUT", "/_sim/faults", { errorRate: "often" });
    expect([bad.status, bad.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    expect((await callControl(sim, "POST", "/_sim/create-failures", { count: 2 })).body).toEqual({ pendingCreateFailures: 2 });
  });

  it("answers 405 for a known control route with the wrong method", async () => {
    const reply = await callControl(sim, "DELETE", "/_sim/faults");
    expect([reply.status, reply.body.code]).toEqual([405, "METHOD_NOT_ALLOWED"]);
  });
});

describe("control routes refuse what a web page could send", () => {
  it("refuses a cross-site form post (text/plain) and changes nothing", async () => {
    const reply = await send(sim.url, "POST", "/_sim/create-failures", { "content-type": "text/plain" }, JSON.stringify({ count: 5 }));
    expect([reply.status, reply.body.code]).toEqual([415, "UNSUPPORTED_CONTENT_TYPE"]);
    const bare = await send(sim.url, "POST", "/_sim/stats/reset", {}, "");
    expect([bare.status, bare.body.code]).toEqual([415, "UNSUPPORTED_CONTENT_TYPE"]);
    expect((await callControl(sim, "POST", "/_sim/create-failures", { count: 0 })).body).toEqual({ pendingCreateFailures: 0 });
  });

  it.each([["GET", "/_sim/instances"], ["POST", "/_sim/instances"], ["PUT", "/_sim/faults"]])("refuses %s %s from a browser (an Origin header)", async (method, path) => {
    const reply = await callControl(sim, method, path, method === "GET" ? undefined : {}, { origin: "https://evil.example" });
    expect([reply.status, reply.body.code]).toEqual([403, "FORBIDDEN_ORIGIN"]);
    expect(sim.control.listInstances()).toEqual([]);
    expect(sim.control.getFaults()).toEqual({});
  });

  it.each([[1e300], [-1], [1.5], ["3"], [1001]])("bounds create-failures: refuses a count of %j", async (count) => {
    const reply = await callControl(sim, "POST", "/_sim/create-failures", { count });
    expect([reply.status, reply.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    expect(reply.body.message).toMatch(/from 0 to 1000/);
    await createOne(sim, {}, { clock: clock.fn });
    clock.advance(TEST_DURATIONS.pendingMs + TEST_DURATIONS.deployingMs);
    expect(sim.control.listInstances().map((i) => i.instanceStatus)).toEqual(["RUNNING"]);
  });

  it("bounds the queue as a whole, not only one request", async () => {
    expect((await callControl(sim, "POST", "/_sim/create-failures", { count: 1000 })).status).toBe(200);
    const more = await callControl(sim, "POST", "/_sim/create-failures", { count: 1 });
    expect([more.status, more.body.message]).toEqual([400, expect.stringMatching(/1000 are queued/)]);
  });
});

describe("request statistics", () => {
  it("counts every request naming an action, including refused and throttled ones, and resets", async () => {
    await callApi(sim, "DescribeZones", {}, { clock: clock.fn });
    await callApi(sim, "DescribeZones", {}, { clock: clock.fn, accessKeyPassword: "wrong" });
    await callApi(sim, "NoSuchAction", {}, { clock: clock.fn });
    sim.control.setFaults({ rateLimit: { requestsPerSecond: 1, burst: 1 }, actions: ["DescribeImages"] });
    await callApi(sim, "DescribeImages", {}, { clock: clock.fn });
    const throttled = await callApi(sim, "DescribeImages", {}, { clock: clock.fn });
    expect(throttled.status).toBe(429);
    const stats = (await callControl(sim, "GET", "/_sim/stats")).body;
    expect(stats).toEqual({
      requests: { DescribeZones: 2, NoSuchAction: 1, DescribeImages: 2 },
      total: 5,
      rejected: { DescribeZones: 1, NoSuchAction: 1, DescribeImages: 1 },
      rejectedTotal: 3,
      faults: { throttled: 1, errors: 0, dropped: 0, lostResponses: 0 },
    });
    expect((await callControl(sim, "POST", "/_sim/stats/reset")).body.total).toBe(0);
    expect(sim.control.stats().requests).toEqual({});
  });

  it("shows instances moving on the fake clock through the in-process control", async () => {
    const id = await createOne(sim, {}, { clock: clock.fn });
    clock.advance(TEST_DURATIONS.pendingMs);
    expect(sim.control.listInstances().map((i) => i.instanceStatus)).toEqual(["DEPLOYING"]);
    expect(id).toMatch(/^ins-/);
  });
});
