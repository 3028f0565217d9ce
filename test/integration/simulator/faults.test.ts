import type { RunningSimulator } from "../../../simulator";
import { callApi } from "./helpers/zc-client";
import { FakeClock, createBody, startTestSim, stopAll } from "./helpers/fixtures";

afterEach(stopAll);

async function statuses(sim: RunningSimulator, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await callApi(sim, "DescribeZones", {})).status);
  return out;
}

describe("fault injection", () => {
  it("throttles with 429 REQUEST_LIMIT_EXCEEDED and Retry-After, without running the action", async () => {
    const clock = new FakeClock();
    const sim = await startTestSim({ clock: clock.fn, faults: { rateLimit: { requestsPerSecond: 1, burst: 2 } } });
    const call = () => callApi(sim, "CreateInstances", createBody(), { clock: clock.fn });
    expect([(await call()).status, (await call()).status]).toEqual([200, 200]);
    const throttled = await call();
    expect([throttled.status, throttled.body.code, throttled.headers["retry-after"]]).toEqual([429, "REQUEST_LIMIT_EXCEEDED", "1"]);
    expect(throttled.body.requestId).toMatch(/^T/);
    expect(sim.control.listInstances()).toHaveLength(2);
    clock.advance(1000);
    expect((await call()).status).toBe(200);
  });

  it("answers transient 5xx in rotation (503, 500, 504) without running the action", async () => {
    const sim = await startTestSim({ faults: { errorRate: 1 } });
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await callApi(sim, "CreateInstances", createBody()));
    expect(replies.map((r) => [r.status, r.body.code])).toEqual([
      [503, "SERVICE_TEMPORARY_UNAVAILABLE"], [500, "INTERNAL_SERVER_ERROR"], [504, "REQUEST_TIMED_OUT"],
    ]);
    expect(sim.control.listInstances()).toHaveLength(0);
  });

  it("drops the connection before the action runs with dropRate", async () => {
    const sim = await startTestSim({ faults: { dropRate: 1 } });
    const reply = await callApi(sim, "CreateInstances", createBody());
    expect(reply.dropped).toBe(true);
    expect(sim.control.listInstances()).toHaveLength(0);
    expect(sim.control.stats().faults.dropped).toBe(1);
  });

  it("runs the action and then loses the response with loseResponseRate (an ambiguous create)", async () => {
    const sim = await startTestSim({ faults: { loseResponseRate: 1 } });
    const reply = await callApi(sim, "CreateInstances", createBody({ instanceName: "ghost" }));
    expect(reply.dropped).toBe(true);
    expect(sim.control.listInstances().map((i) => i.instanceName)).toEqual(["ghost"]);
    expect(sim.control.stats()).toMatchObject({ rejectedTotal: 0, faults: { lostResponses: 1 } });
  });

  it("adds latency before the action", async () => {
    const sim = await startTestSim({ faults: { latencyMs: 120 } });
    const started = Date.now();
    expect((await callApi(sim, "DescribeZones", {})).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("applies faults only to the listed actions", async () => {
    const sim = await startTestSim({ faults: { errorRate: 1, actions: ["CreateInstances"] } });
    expect((await callApi(sim, "DescribeZones", {})).status).toBe(200);
    expect((await callApi(sim, "CreateInstances", createBody())).status).toBe(503);
  });

  it("is deterministic for a seed: the same requests meet the same faults", async () => {
    const a = await startTestSim({ seed: 1234, faults: { errorRate: 0.5 } });
    const b = await startTestSim({ seed: 1234, faults: { errorRate: 0.5 } });
    const c = await startTestSim({ seed: 99, faults: { errorRate: 0.5 } });
    const [sa, sb, sc] = [await statuses(a, 24), await statuses(b, 24), await statuses(c, 24)];
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    expect(sa.some((s) => s === 200) && sa.some((s) => s >= 500)).toBe(true);
  });

  it("reseeds when faults are replaced, so a test can replay the same sequence", async () => {
    const sim = await startTestSim();
    sim.control.setFaults({ errorRate: 0.5, seed: "replay" });
    const first = await statuses(sim, 12);
    sim.control.setFaults({ errorRate: 0.5, seed: "replay" });
    expect(await statuses(sim, 12)).toEqual(first);
  });
});
