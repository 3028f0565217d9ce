import type { RunningSimulator } from "../../../simulator";
import { callApi, ok } from "./helpers/zc-client";
import { UBUNTU, createOne, startTestSim, stopAll } from "./helpers/fixtures";

let sim: RunningSimulator;
beforeEach(async () => { sim = await startTestSim(); });
afterEach(stopAll);

const quoteBody = (overrides: Record<string, unknown> = {}) => ({
  zoneId: "SEL-A", instanceType: "c.1c2g", imageId: UBUNTU, instanceChargeType: "POSTPAID", internetChargeType: "ByBandwidth",
  internetMaxBandwidthOut: 1, ...overrides,
});

describe("InquiryPriceCreateInstance", () => {
  it("prices pay-as-you-go by the hour: instance, bandwidth and disks from the price list, 90 % after discount", async () => {
    const res = await ok(sim, "InquiryPriceCreateInstance", quoteBody({ internetMaxBandwidthOut: 10, dataDisks: [{ diskSize: 100 }] }));
    expect(res.instancePrice).toEqual({
      discount: 90, unitPrice: 0.018, discountUnitPrice: 0.0162, chargeUnit: "HOUR",
      originalPrice: null, discountPrice: null,
    });
    expect(res.bandwidthPrice).toHaveLength(1);
    expect(res.bandwidthPrice[0]).toMatchObject({ unitPrice: 0.06, discountUnitPrice: 0.054, chargeUnit: "HOUR" });
    // The system disk defaults to the image size (20 GB); data disks are summed into one price.
    expect(res.systemDiskPrice).toMatchObject({ unitPrice: 0.002, chargeUnit: "HOUR" });
    expect(res.dataDiskPrice).toMatchObject({ unitPrice: 0.01, chargeUnit: "HOUR" });
    expect(res.eipPrice).toMatchObject({ unitPrice: 0.002, discountUnitPrice: 0.0018, chargeUnit: "HOUR" });
    expect(typeof res.requestId).toBe("string");
  });

  it("applies the zone factor", async () => {
    const hkg = await ok(sim, "InquiryPriceCreateInstance", quoteBody({ zoneId: "HKG-A", instanceType: "c.2c4g" }));
    expect(hkg.instancePrice.unitPrice).toBeCloseTo(0.036 * 1.2, 6);
  });

  it("prices a subscription for its whole period, with a larger discount for longer periods", async () => {
    const three = await ok(sim, "InquiryPriceCreateInstance", quoteBody({ instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 3 } }));
    expect(three.instancePrice).toMatchObject({ originalPrice: 39.42, unitPrice: null, chargeUnit: null });
    expect(three.instancePrice.discount).toBeCloseTo(85.5, 6);
    expect(three.instancePrice.discountPrice).toBeCloseTo(0.018 * 730 * 3 * 0.855, 4);
    const twelve = await ok(sim, "InquiryPriceCreateInstance", quoteBody({ instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 12 } }));
    expect(twelve.instancePrice.discount).toBeLessThan(three.instancePrice.discount);
  });

  it("prices a traffic package per month and 95th-percentile bandwidth in tiers", async () => {
    const pkg = await ok(sim, "InquiryPriceCreateInstance", quoteBody({ internetChargeType: "ByTrafficPackage", trafficPackageSize: 2 }));
    expect(pkg.bandwidthPrice[0]).toMatchObject({ unitPrice: 8, chargeUnit: "MONTH" });
    const p95 = await ok(sim, "InquiryPriceCreateInstance", quoteBody({ internetChargeType: "ByInstanceBandwidth95" }));
    expect(p95.bandwidthPrice[0]).toMatchObject({ unitPrice: null, chargeUnit: "MONTH" });
    expect(p95.bandwidthPrice[0].stepPrices).toEqual([
      { stepStart: 0, stepEnd: 100, unitPrice: 1.5, discountUnitPrice: 1.35 },
      { stepStart: 100, stepEnd: null, unitPrice: 1.2, discountUnitPrice: 1.08 },
    ]);
  });

  it.each([
    ["the zone is unknown", { zoneId: "XXX-A" }, 404, "INVALID_ZONE_NOT_FOUND"],
    ["the image is missing", { imageId: undefined }, 400, "MISSING_PARAMETER"],
    ["PREPAID has no period", { instanceChargeType: "PREPAID" }, 400, "MISSING_PARAMETER"],
    ["the bandwidth exceeds the type's limit", { internetMaxBandwidthOut: 201 }, 400, "INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM"],
    ["a traffic package without ByTrafficPackage", { trafficPackageSize: 1 }, 400, "INVALID_PARAMETER_VALUE"],
  ])("answers like CreateInstances when %s, and needs no password", async (_what, overrides, status, code) => {
    const reply = await callApi(sim, "InquiryPriceCreateInstance", quoteBody(overrides));
    expect(reply.status).toBe(status);
    expect(reply.body.code).toBe(code);
  });

  it("creates nothing", async () => {
    await ok(sim, "InquiryPriceCreateInstance", quoteBody());
    expect((await ok(sim, "DescribeInstances", {})).totalCount).toBe(0);
  });
});

describe("InquiryPriceInstanceBandwidth and InquiryPriceInstanceTrafficPackage", () => {
  it("prices an instance's bandwidth at a new value", async () => {
    const id = await createOne(sim, { internetMaxBandwidthOut: 1 });
    const res = await ok(sim, "InquiryPriceInstanceBandwidth", { instanceId: id, internetMaxBandwidthOut: 5 });
    expect(res.bandwidthPrice).toEqual([expect.objectContaining({ unitPrice: 0.03, discountUnitPrice: 0.027, chargeUnit: "HOUR" })]);
  });

  it.each([
    ["the instance is unknown", { instanceId: "ins-unknown", internetMaxBandwidthOut: 5 }, 404, "INVALID_INSTANCE_NOT_FOUND"],
    ["the bandwidth is missing", { internetMaxBandwidthOut: undefined }, 400, "MISSING_PARAMETER"],
    ["the bandwidth exceeds the type's limit", { internetMaxBandwidthOut: 201 }, 400, "INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM"],
  ])("refuses a bandwidth inquiry when %s", async (_what, params, status, code) => {
    const id = await createOne(sim);
    const reply = await callApi(sim, "InquiryPriceInstanceBandwidth", { instanceId: id, ...params });
    expect([reply.status, reply.body.code]).toEqual([status, code]);
  });

  it("prices a traffic package of a new size for a ByTrafficPackage instance only", async () => {
    const pkg = await createOne(sim, { internetChargeType: "ByTrafficPackage", trafficPackageSize: 1 });
    const res = await ok(sim, "InquiryPriceInstanceTrafficPackage", { instanceId: pkg, trafficPackageSize: 3 });
    expect(res.trafficPackagePrice).toEqual([expect.objectContaining({ unitPrice: 12, chargeUnit: "MONTH" })]);

    const plain = await createOne(sim, { instanceName: "plain" });
    const refused = await callApi(sim, "InquiryPriceInstanceTrafficPackage", { instanceId: plain, trafficPackageSize: 3 });
    expect([refused.status, refused.body.code]).toEqual([400, "UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE"]);
    const zero = await callApi(sim, "InquiryPriceInstanceTrafficPackage", { instanceId: pkg, trafficPackageSize: 0 });
    expect([zero.status, zero.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
  });
});
