import { configureRequest, startHarness, type Harness } from "./harness";


describe("price lines in check and diff, against the simulator", () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.stop(); });

  const priceCalls = () => Object.entries(h.sim.control.stats().requests).filter(([action]) => action.startsWith("InquiryPrice"));

  it("prints a new instance's price from InquiryPriceCreateInstance during check", async () => {
    const checked = await h.provider.check({}, h.inputs());
    expect(checked.failures).toEqual([]);
    expect(h.lines).toEqual([
      "vm: ≈ 0.018 USD/hour instance + 0.006 USD/hour bandwidth + 0.002 USD/hour public IP + 0.002 USD/hour system disk = 0.028 USD/hour (list price; 0.0252 after discount)",
    ]);
    expect(priceCalls()).toEqual([["InquiryPriceCreateInstance", 1]]);
  });

  it("prices a bandwidth change in diff with InquiryPriceInstanceBandwidth, against today's bandwidth", async () => {
    const { id, outs } = await h.createVm({ internetMaxBandwidthOut: 1 });
    h.lines.length = 0;
    const news = (await h.provider.check(outs, { ...h.inputs(), __owner: outs.__owner, internetMaxBandwidthOut: 5 })).inputs;
    const diff = await h.provider.diff(id, outs, news);
    expect(diff.changes).toBe(true);
    expect(h.lines).toEqual(["vm: bandwidth 1 → 5 Mbps ≈ 0.03 USD/hour bandwidth (list price; 0.027 after discount); +0.024 USD/hour from today's 0.006"]);
    expect(Object.fromEntries(priceCalls())).toEqual({ InquiryPriceCreateInstance: 1, InquiryPriceInstanceBandwidth: 2 });
  });

  it("turns a failing inquiry into a note, and check still succeeds", async () => {
    h.sim.control.setFaults({ errorRate: 1, actions: ["InquiryPriceCreateInstance"] });
    const checked = await h.provider.check({}, h.inputs());
    expect(checked.failures).toEqual([]);
    expect(checked.inputs.instanceName).toMatch(/^vm-/);
    expect(h.lines).toHaveLength(1);
    expect(h.lines[0]).toMatch(/^vm: no price estimate: InquiryPriceCreateInstance answered [A-Z_]+ \(HTTP 5\d\d\), request \S+$/);
    // Never retried: a preview does not wait for a second attempt.
    expect(priceCalls()).toEqual([["InquiryPriceCreateInstance", 1]]);
  });

  it("waits at most about 2 s for a slow answer, in all", async () => {
    h.sim.control.setFaults({ latencyMs: 10_000, actions: ["InquiryPriceCreateInstance"] });
    const started = Date.now();
    await h.provider.check({}, h.inputs());
    await h.provider.check({}, h.inputs({ instanceType: "c.2c4g" }));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    // The simulator would answer after 10 s; a busy machine adds a little to the 2 s budget.
    expect(elapsed).toBeLessThan(4_000);
    expect(h.lines).toEqual([
      "vm: no price estimate: Zenlayer did not answer within 2000 ms (previews wait at most 2 s in all for prices)",
      "vm: no price estimate: this preview already spent its 2 s for price inquiries",
    ]);
  });

  it("asks nothing when zenlayer:showPrices is false", async () => {
    await h.provider.configure(configureRequest({
      "zenlayer:domain": h.sim.domain, "zenlayer:scheme": "http", "zenlayer:showPrices": "false",
      "zenlayer:accessKeyId": h.sim.accessKeyId, "zenlayer:accessKeyPassword": h.sim.accessKeyPassword,
    }));
    await h.provider.check({}, h.inputs());
    expect(h.lines).toEqual([]);
    expect(priceCalls()).toEqual([]);
  });

  it("prices a preview whatever a tuning knob says; the operation that uses the knob fails with its one-line message", async () => {
    const config = {
      "zenlayer:domain": h.sim.domain, "zenlayer:scheme": "http", "zenlayer:pollIntervalMs": "0",
      "zenlayer:accessKeyId": h.sim.accessKeyId, "zenlayer:accessKeyPassword": h.sim.accessKeyPassword,
    };
    await h.provider.configure(configureRequest(config));
    const checked = await h.provider.check({}, h.inputs());
    expect(checked.failures).toEqual([]);
    expect(h.lines).toEqual([expect.stringMatching(/^vm: ≈ .* USD\/hour instance/)]);
    const error = await h.provider.create(checked.inputs).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'Cannot create the instance: Invalid pollIntervalMs "0" (stack config zenlayer:pollIntervalMs or environment ZENLAYER_VM_POLL_INTERVAL_MS): ' +
      "it must be a whole number of milliseconds from 20 to 3600000. Fix or unset it; the default is 1500.");
    expect(h.sim.control.stats().requests.CreateInstances ?? 0).toBe(0);

    await h.provider.configure(configureRequest({ ...config, "zenlayer:showPrices": "false" }));
    h.lines.length = 0;
    h.sim.control.resetStats();
    await h.provider.check({}, h.inputs({ instanceType: "c.2c4g" }));
    expect(h.lines).toEqual([]);
    expect(priceCalls()).toEqual([]);
  });

  it("notes missing credentials instead of failing check", async () => {
    delete process.env.ZENLAYERCLOUD_ACCESS_KEY_ID;
    delete process.env.ZENLAYERCLOUD_ACCESS_KEY_PASSWORD;
    const checked = await h.provider.check({}, h.inputs());
    expect(checked.failures).toEqual([]);
    expect(h.lines).toEqual([expect.stringMatching(/^vm: no price estimate: no Zenlayer credentials/)]);
  });
});
