import { startHarness, type Harness } from "./harness";

jest.setTimeout(30_000);

describe("durations and tuning knobs at their limits, against the simulator", () => {
  let h: Harness | undefined;
  afterEach(async () => { await h?.stop(); h = undefined; });

  it("creates and deletes with timeouts of 30 days (beyond one timer's 24.8 days) instead of failing at once", async () => {
    h = await startHarness();
    const timeouts = { create: "30d", update: "30d", delete: "30d" };
    const { id, outs } = await h.createVm({ timeouts });
    expect(outs.instanceStatus).toBe("RUNNING");
    // Long enough that the first TerminateInstance lands inside the hold even on a busy machine.
    h.sim.control.holdStatus(id, "DEPLOYING", 2_000, "RUNNING");
    await h.provider.delete(id, outs);
    expect(["RECYCLING", "RECYCLE"]).toContain(h.sim.control.getInstance(id)?.instanceStatus);
    expect(h.lines.some((l) => l.startsWith(`${id} is DEPLOYING; TerminateInstance `) && l.endsWith(" of 30d)"))).toBe(true);
  });

  it("refuses a zero TerminateInstance backoff, naming the knob, before calling the API", async () => {
    h = await startHarness({ tuning: { ZENLAYER_VM_TERMINATE_RETRY_BASE_MS: "0" } });
    const { instanceId } = h.sim.control.seedInstance({});
    await expect(h.provider.delete(instanceId, {})).rejects.toThrow(
      /Cannot delete ins-\S+: Invalid terminateRetryBaseMs "0" \(stack config zenlayer:terminateRetryBaseMs or environment ZENLAYER_VM_TERMINATE_RETRY_BASE_MS\)/);
    expect(h.sim.control.stats().total).toBe(0);
  });

  it("sends few TerminateInstance calls for an instance held in DEPLOYING 2 s, even with every knob at its floor", async () => {
    h = await startHarness({
      tuning: {
        ZENLAYER_VM_POLL_INTERVAL_MS: "20", ZENLAYER_VM_WAIT_MAX_INTERVAL_MS: "20", ZENLAYER_VM_TERMINATE_RETRY_BASE_MS: "50",
        ZENLAYER_VM_TERMINATE_RETRY_MAX_MS: "250", ZENLAYER_VM_API_RETRY_BASE_MS: "5", ZENLAYER_VM_API_RETRY_MAX_MS: "5",
      },
    });
    const { instanceId } = h.sim.control.seedInstance({});
    h.sim.control.holdStatus(instanceId, "DEPLOYING", 2_000, "RUNNING");
    await h.provider.delete(instanceId, {});
    const terminates = h.sim.control.stats().requests.TerminateInstance ?? 0;
    // The delete asks the shared status poll before each TerminateInstance, so a busy instance
    // costs polls, not refused calls; the fallback backoff at its floors (base 50 ms, cap 250 ms,
    // equal jitter) would still send at most ~20 in 2 s.
    expect(terminates).toBeGreaterThanOrEqual(1);
    expect(terminates).toBeLessThanOrEqual(20);
  });
});
