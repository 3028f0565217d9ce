import { VmClient } from "../../../provider/client";
import type { Transport } from "../../../provider/client/transport";

/** A client whose every call answers `response` inside the success envelope. */
function answering(response: unknown): { client: VmClient; actions: string[] } {
  const actions: string[] = [];
  const transport: Transport = async (action) => {
    actions.push(action);
    return { kind: "response", response: { status: 200, bodyText: JSON.stringify({ requestId: "req-1", response: { requestId: "req-1", ...(response as object) } }), contentType: "application/json" } };
  };
  const client = new VmClient({ accessKeyId: "id", accessKeyPassword: "pw", env: {}, sleep: async () => undefined }, transport);
  return { client, actions };
}

const request = {
  zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", instanceChargeType: "POSTPAID", internetChargeType: "ByBandwidth",
} as const;

describe("price answers are read tolerantly", () => {
  it("reads numbers sent as numeric strings, and nulls as absent", async () => {
    const { client, actions } = answering({
      instancePrice: { discount: "90", unitPrice: "0.018", discountUnitPrice: " 0.0162 ", chargeUnit: "HOUR", originalPrice: null, discountPrice: "", stepPrices: null },
      eipPrice: null,
      bandwidthPrice: [{ unitPrice: 0.006, discountUnitPrice: 0.0054, chargeUnit: "HOUR" }],
      systemDiskPrice: { unitPrice: "n/a", stepPrices: [{ stepStart: "0", stepEnd: null, unitPrice: "0.1" }] },
    });
    const res = await client.inquiryPriceCreateInstance(request);
    expect(actions).toEqual(["InquiryPriceCreateInstance"]);
    expect(res.requestId).toBe("req-1");
    expect(res.instancePrice).toEqual({
      discount: 90, unitPrice: 0.018, discountUnitPrice: 0.0162, chargeUnit: "HOUR",
      originalPrice: undefined, discountPrice: undefined, stepPrices: [],
    });
    expect(res.eipPrice).toBeUndefined();
    expect(res.dataDiskPrice).toBeUndefined();
    expect(res.bandwidthPrice).toHaveLength(1);
    expect(res.systemDiskPrice?.unitPrice).toBeUndefined();
    expect(res.systemDiskPrice?.stepPrices).toEqual([{ stepStart: 0, stepEnd: undefined, unitPrice: 0.1, discountUnitPrice: undefined }]);
  });

  it("reads a missing or null price list as empty and a lone price as a list of one", async () => {
    expect((await answering({ bandwidthPrice: null }).client.inquiryPriceCreateInstance(request)).bandwidthPrice).toEqual([]);
    expect((await answering({}).client.inquiryPriceInstanceBandwidth({ instanceId: "ins-1", internetMaxBandwidthOut: 5 })).bandwidthPrice).toEqual([]);
    const lone = await answering({ trafficPackagePrice: { unitPrice: "8", chargeUnit: "MONTH" } }).client.inquiryPriceInstanceTrafficPackage({ instanceId: "ins-1", trafficPackageSize: 2 });
    expect(lone.trafficPackagePrice).toEqual([expect.objectContaining({ unitPrice: 8, chargeUnit: "MONTH" })]);
  });

  it("keeps fields it does not know and ignores a price that is not an object", async () => {
    const res = await answering({ instancePrice: "free", bandwidthPrice: [null, { unitPrice: 1, amountUnit: "Mbps" }] }).client.inquiryPriceCreateInstance(request);
    expect(res.instancePrice).toBeUndefined();
    expect(res.bandwidthPrice).toEqual([expect.objectContaining({ unitPrice: 1, amountUnit: "Mbps" })]);
  });
});
