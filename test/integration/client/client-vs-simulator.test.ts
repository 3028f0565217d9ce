import { type ClientEvent, createVmClient, isApiError, type VmClient, ZenlayerApiError } from "../../../provider/client";
import { IMAGES, INSTANCE_TYPES, type RunningSimulator, startSimulator } from "../../../simulator";

// One clock shared by the simulator and the client: the client's sleeps advance it, so throttling
// windows and instance state durations pass instantly and deterministically.
const clock = { ms: Date.now() };
let sim: RunningSimulator;
let events: ClientEvent[];

function client(overrides: { accessKeyPassword?: string } = {}): VmClient {
  return createVmClient({
    accessKeyId: sim.accessKeyId,
    accessKeyPassword: overrides.accessKeyPassword ?? sim.accessKeyPassword,
    domain: sim.domain,
    scheme: sim.scheme,
    env: {},
    now: () => clock.ms,
    sleep: async (ms) => { clock.ms += ms; },
    onEvent: (e) => events.push(e),
    retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 },
    reconcile: { probes: 2, delayMs: 100 },
  });
}

const createRequest = (instanceName: string) => ({
  zoneId: "SEL-A",
  instanceType: INSTANCE_TYPES[0]!.instanceType,
  imageId: IMAGES[0]!.imageId,
  instanceChargeType: "POSTPAID" as const,
  internetChargeType: "ByBandwidth" as const,
  instanceName,
  password: "Sim-Passw0rd!",
});

beforeAll(async () => {
  sim = await startSimulator({ clock: () => clock.ms });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  events = [];
  sim.control.setFaults({});
  sim.control.resetStats();
});

describe("VmClient against the simulator", () => {
  test("creates, describes and terminates an instance with signatures the simulator accepts", async () => {
    const api = client();
    const created = await api.createInstances(createRequest("it-basic"));
    expect(created.instanceIdSet).toHaveLength(1);
    const instanceId = created.instanceIdSet[0]!;

    const described = await api.describeInstances({ instanceIds: [instanceId] });
    expect(described.totalCount).toBe(1);
    expect(described.dataSet[0]).toMatchObject({ instanceId, instanceName: "it-basic", zoneId: "SEL-A" });
    expect(described.dataSet[0]).not.toHaveProperty("password");

    clock.ms += 60_000; // past PENDING and DEPLOYING
    const status = await api.describeInstancesStatus({ instanceIds: [instanceId] });
    expect(status.dataSet).toEqual([{ instanceId, instanceStatus: "RUNNING" }]);

    await expect(api.terminateInstance({ instanceId })).resolves.toEqual({ requestId: expect.any(String) });
    const after = await api.describeInstancesStatus({ instanceIds: [instanceId] });
    expect(["RECYCLING", "RECYCLE"]).toContain(after.dataSet[0]?.instanceStatus);
    expect(api.stats.total).toBe(5);
  });

  test("reads the catalogue actions", async () => {
    const api = client();
    expect((await api.describeZones({})).zoneSet.map((z) => z.zoneId)).toContain("SEL-A");
    const types = await api.describeZoneInstanceConfigInfos({ instanceChargeType: "POSTPAID", zoneId: "SEL-A" });
    expect(types.instanceTypeQuotaSet.length).toBeGreaterThan(0);
    const images = await api.describeImages({ zoneId: "SEL-A" });
    expect(images.dataSet.map((i) => i.imageId)).toContain(IMAGES[0]!.imageId);
    // The wire carries Zenlayer's string ("20"); the client reads a number.
    expect(images.dataSet[0]?.imageSize).toBe(IMAGES[0]!.imageSize);
  });

  test("turns an error envelope into a ZenlayerApiError without retrying it", async () => {
    const api = client();
    const error = await api.terminateInstance({ instanceId: "ins-does-not-exist" }).catch((e: unknown) => e);
    expect(isApiError(error, "INVALID_INSTANCE_NOT_FOUND")).toBe(true);
    const e = error as ZenlayerApiError;
    expect([e.httpStatus, e.attempts, e.retryable]).toEqual([404, 1, false]);
    expect(e.requestId).toMatch(/^T/);
    expect(e.message).toMatch(/^TerminateInstance failed: 404 INVALID_INSTANCE_NOT_FOUND: .+ \(request id T.+, after 1 attempt\)$/);
    expect(sim.control.stats().requests).toEqual({ TerminateInstance: 1 });
  });

  test("fails a wrong password on the first attempt, without putting it in the message", async () => {
    const api = client({ accessKeyPassword: "not-the-right-password" });
    const error = (await api.describeZones({}).catch((e: unknown) => e)) as ZenlayerApiError;
    expect(error).toBeInstanceOf(ZenlayerApiError);
    expect([error.httpStatus, error.attempts]).toEqual([401, 1]);
    expect(error.message).not.toContain("not-the-right-password");
  });

  test("retries a 429 from the rate limit fault, honouring Retry-After", async () => {
    sim.control.setFaults({ rateLimit: { requestsPerSecond: 0.5, burst: 1 }, actions: ["DescribeZones"] });
    const api = client();
    await api.describeZones({});
    await api.describeZones({});
    expect(api.stats.attempts.DescribeZones).toBe(3);
    expect(sim.control.stats().faults.throttled).toBe(1);
    const retries = events.filter((e) => e.type === "retry");
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ action: "DescribeZones", reason: "429 REQUEST_LIMIT_EXCEEDED" });
    expect((retries[0] as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(1000);
  });

  test("reconciles a create whose response was lost instead of creating a second instance", async () => {
    sim.control.setFaults({ loseResponseRate: 1, actions: ["CreateInstances"] });
    const api = client();
    const created = await api.createInstances(createRequest("it-lost-response"));
    sim.control.setFaults({});
    const named = sim.control.listInstances().filter((i) => i.instanceName === "it-lost-response");
    expect(named.map((i) => i.instanceId)).toEqual(created.instanceIdSet);
    expect(api.stats.attempts).toEqual({ CreateInstances: 1, DescribeInstances: 1 });
    expect(sim.control.stats().faults.lostResponses).toBe(1);
    expect(events).toEqual([{ type: "reconcile", action: "CreateInstances", instanceName: "it-lost-response", found: created.instanceIdSet }]);
  });
});
