import { getPrice } from "../../../sdk/lookups";
import { IMAGES, startSimulator, type RunningSimulator } from "../../../simulator";

describe("getPrice, the lookup for programs", () => {
  let sim: RunningSimulator;
  beforeAll(async () => { sim = await startSimulator({ port: 0 }); });
  afterAll(async () => { await sim.stop(); });
  const options = () => ({ domain: sim.domain, scheme: "http" as const, accessKeyId: sim.accessKeyId, accessKeyPassword: sim.accessKeyPassword });

  it("returns the parts, totals per period and the preview's summary line", async () => {
    const quote = await getPrice({ zoneId: "SEL-A", instanceType: "c.2c4g", imageId: IMAGES[0]!.imageId, internetMaxBandwidthOut: 10 }, options());
    expect(quote.items.map((i) => [i.item, i.list, i.per])).toEqual([
      ["instance", 0.036, "hour"], ["bandwidth", 0.06, "hour"], ["public IP", 0.002, "hour"], ["system disk", 0.002, "hour"],
    ]);
    expect(quote.totals).toHaveLength(1);
    expect(quote.totals[0]!.per).toBe("hour");
    expect(quote.totals[0]!.list).toBeCloseTo(0.1, 9);
    expect(quote.totals[0]!.discounted).toBeCloseTo(0.09, 9);
    expect(quote.summary).toBe("≈ 0.036 USD/hour instance + 0.06 USD/hour bandwidth + 0.002 USD/hour public IP + 0.002 USD/hour system disk = 0.1 USD/hour (list price; 0.09 after discount)");
    expect(quote.currency).toBe("USD");
    expect(quote.requestId).toMatch(/\S/);
  });

  it("prices a subscription for its period", async () => {
    const quote = await getPrice({
      zoneId: "FRA-A", instanceType: "c.1c2g", imageId: IMAGES[0]!.imageId, instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 12 },
    }, options());
    expect(quote.totals.map((t) => t.per)).toEqual(["12 months"]);
    expect(quote.totals[0]!.discounted).toBeLessThan(quote.totals[0]!.list * 0.8);
  });

  it("throws the API's error for inputs the API refuses", async () => {
    await expect(getPrice({ zoneId: "XXX-A", instanceType: "c.1c2g", imageId: IMAGES[0]!.imageId }, options()))
      .rejects.toThrow(/InquiryPriceCreateInstance failed: 404 INVALID_ZONE_NOT_FOUND/);
  });
});
