import { ZenlayerApiError, ZenlayerConfigError } from "../../../provider/client";
import type { InquiryPriceCreateInstanceRequest, InquiryPriceCreateInstanceResponse, Price, PriceApi } from "../../../provider/client/price-types";
import { UNKNOWN } from "../../../provider/lifecycle/constants";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { InquiryBudget } from "../../../provider/lifecycle/prices/budget";
import { cliRunMemory, defaultFolder, type RunMemory } from "../../../provider/lifecycle/prices/cli-run";
import { PricePreview } from "../../../provider/lifecycle/prices/preview-prices";
import { realClock } from "../../../provider/lifecycle/runtime/clock";
import { apiError } from "./helpers/fake-api";

const hourly = (unitPrice: number, discount = 90): Price => ({
  discount, unitPrice, discountUnitPrice: (unitPrice * discount) / 100, chargeUnit: "HOUR", stepPrices: [],
});

/** A PriceApi that prices like a tiny list: 0.018/h per instance (0.036 for c.2c4g), 0.006/h per Mbps, 0.002/h disk. */
class FakePrices implements PriceApi {
  calls: { action: string; req: unknown }[] = [];
  delayMs = 0;
  failWith: Error | undefined;

  private async answer<T>(action: string, req: unknown, value: T): Promise<T> {
    this.calls.push({ action, req });
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failWith) throw this.failWith;
    return value;
  }

  inquiryPriceCreateInstance(req: InquiryPriceCreateInstanceRequest): Promise<InquiryPriceCreateInstanceResponse> {
    const period = req.instanceChargePrepaid?.period;
    const item = (perHour: number): Price => (period
      ? { discount: 85, originalPrice: perHour * 730 * period, discountPrice: perHour * 730 * period * 0.85, stepPrices: [] }
      : hourly(perHour));
    return this.answer("InquiryPriceCreateInstance", req, {
      requestId: `req-${this.calls.length + 1}`,
      instancePrice: item(req.instanceType === "c.2c4g" ? 0.036 : 0.018),
      bandwidthPrice: [item(0.006 * (req.internetMaxBandwidthOut ?? 1))],
      systemDiskPrice: item(0.002),
    });
  }

  inquiryPriceInstanceBandwidth(req: { instanceId: string; internetMaxBandwidthOut: number }) {
    return this.answer("InquiryPriceInstanceBandwidth", req, { requestId: "req-bw", bandwidthPrice: [hourly(0.006 * req.internetMaxBandwidthOut)] });
  }

  inquiryPriceInstanceTrafficPackage(req: { instanceId: string; trafficPackageSize: number }) {
    return this.answer("InquiryPriceInstanceTrafficPackage", req, {
      requestId: "req-tp", trafficPackagePrice: [{ unitPrice: 4 * req.trafficPackageSize, chargeUnit: "MONTH", stepPrices: [] }],
    });
  }
}

function setUp(options: { budgetMs?: number; enabled?: boolean; noCredentials?: boolean; memory?: RunMemory } = {}) {
  const api = new FakePrices();
  const lines: string[] = [];
  const timeouts: number[] = [];
  const preview = new PricePreview({
    api: (timeoutMs) => {
      timeouts.push(timeoutMs);
      if (options.noCredentials) throw new ZenlayerConfigError("Zenlayer credentials are missing");
      return api;
    },
    log: { info: (line) => lines.push(line), warn: (line) => lines.push(`warning: ${line}`) },
    budget: new InquiryBudget(options.budgetMs ?? 2000, realClock),
    enabled: () => options.enabled ?? true,
    ...(options.memory ? { memory: options.memory } : {}),
  });
  return { api, lines, timeouts, preview };
}

const inputs = (name: string, extra: Record<string, unknown> = {}) => ({
  zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", internetMaxBandwidthOut: 1,
  __resourceName: name, __owner: `p/s/${name}`, ...extra,
});

describe("price lines for new instances (check)", () => {
  it("prints one line per instance with each part, the total and the discounted total", async () => {
    const { preview, lines, api } = setUp();
    await preview.onCheck({}, inputs("web-0"));
    expect(lines).toEqual([
      "web-0: ≈ 0.018 USD/hour instance + 0.006 USD/hour bandwidth + 0.002 USD/hour system disk = 0.026 USD/hour (list price; 0.0234 after discount)",
    ]);
    expect(api.calls).toEqual([{ action: "InquiryPriceCreateInstance", req: {
      zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", instanceChargeType: "POSTPAID", internetChargeType: "ByBandwidth", internetMaxBandwidthOut: 1,
    } }]);
  });

  it("asks once for a fleet of equal instances", async () => {
    const { preview, lines, api } = setUp();
    for (let i = 0; i < 5; i++) await preview.onCheck({}, inputs(`web-${i}`));
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => l.replace(/^web-\d: /, ""))).size).toBe(1);
    expect(api.calls).toHaveLength(1);
  });

  it("prices a subscription for its period", async () => {
    const { preview, lines } = setUp();
    await preview.onCheck({}, inputs("db", { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 3 } }));
    expect(lines[0]).toBe("db: ≈ 39.42 USD/3 months instance + 13.14 USD/3 months bandwidth + 4.38 USD/3 months system disk = 56.94 USD/3 months (list price; 48.40 after discount)");
  });

  it("says which values are unknown instead of asking", async () => {
    const { preview, lines, api } = setUp();
    await preview.onCheck({}, inputs("web-0", { imageId: UNKNOWN, systemDisk: { diskSize: UNKNOWN } }));
    expect(lines).toEqual(["web-0: no price estimate: imageId, systemDisk.diskSize are not known until the update runs"]);
    expect(api.calls).toEqual([]);
  });

  it("notes missing credentials once, not per instance, and does not fail", async () => {
    const { preview, lines } = setUp({ noCredentials: true });
    await preview.onCheck({}, inputs("web-0"));
    await preview.onCheck({}, inputs("web-1"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^web-0: no price estimate: no Zenlayer credentials \(zenlayer:accessKeyId/);
  });

  it("turns an API error into a note naming the action, code and request id", async () => {
    const { preview, lines, api } = setUp();
    api.failWith = apiError("InquiryPriceCreateInstance", "INVALID_ZONE_NOT_FOUND", 404);
    await expect(preview.onCheck({}, inputs("web-0"))).resolves.toBeUndefined();
    expect(lines[0]).toMatch(/^web-0: no price estimate: InquiryPriceCreateInstance answered INVALID_ZONE_NOT_FOUND \(HTTP 404\), request TFAKE-\d+$/);
  });

  it("says an inquiry that never reached Zenlayer failed, rather than that Zenlayer answered", async () => {
    const { preview, lines, api } = setUp();
    api.failWith = new ZenlayerApiError({
      action: "InquiryPriceCreateInstance", code: "NETWORK_ERROR", apiMessage: "connect ECONNREFUSED 127.0.0.1:9", attempts: 1, retryable: true,
    });
    await preview.onCheck({}, inputs("web-0"));
    expect(lines).toEqual(["web-0: no price estimate: InquiryPriceCreateInstance failed: Zenlayer could not be reached (connect ECONNREFUSED 127.0.0.1:9)"]);
  });

  it("names a traffic package without a size as Zenlayer's free one", async () => {
    const { preview, lines } = setUp();
    await preview.onCheck({}, inputs("web-0", { internetChargeType: "ByTrafficPackage" }));
    await preview.onCheck({}, inputs("web-1", { internetChargeType: "ByTrafficPackage", trafficPackageSize: 2 }));
    expect(lines[0]).toContain("USD/hour traffic package (Zenlayer's free size)");
    expect(lines[1]).toContain("USD/hour traffic package +");
  });

  it("waits at most the budget for a slow answer, then gives up for the rest of the run", async () => {
    const { preview, lines, api, timeouts } = setUp({ budgetMs: 150 });
    api.delayMs = 5_000;
    const started = Date.now();
    await preview.onCheck({}, inputs("web-0"));
    await preview.onCheck({}, inputs("web-1", { instanceType: "c.2c4g" }));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(lines).toEqual([
      "web-0: no price estimate: Zenlayer did not answer within 150 ms (previews wait at most 2 s in all for prices)",
      "web-1: no price estimate: this preview already spent its 2 s for price inquiries",
    ]);
    expect(timeouts).toEqual([150]);
    expect(api.calls).toHaveLength(1);
  });

  it("gives each inquiry only the time that is left", async () => {
    const { preview, api, timeouts } = setUp({ budgetMs: 1_000 });
    api.delayMs = 100;
    await preview.onCheck({}, inputs("web-0"));
    await preview.onCheck({}, inputs("web-1", { instanceType: "c.2c4g" }));
    expect(timeouts[0]).toBe(1_000);
    expect(timeouts[1]).toBeLessThanOrEqual(920);
  });

  it("does nothing when showPrices is off, for an update's check, or for an adoption", async () => {
    const off = setUp({ enabled: false });
    await off.preview.onCheck({}, inputs("web-0"));
    await off.preview.onDiff("ins-1", inputs("web-0"), inputs("web-0", { instanceType: "c.2c4g" }), { changes: true, replaces: ["instanceType"] });
    expect([off.lines, off.api.calls]).toEqual([[], []]);
    const on = setUp();
    await on.preview.onCheck(inputs("web-0"), inputs("web-0"));
    await on.preview.onCheck({}, inputs("old", { adoptInstanceId: "ins-1" }));
    expect([on.lines, on.api.calls]).toEqual([[], []]);
  });
});

describe("price lines for changes (diff)", () => {
  it("compares a replacement with today's price, and the replacement's own check stays silent", async () => {
    const { preview, lines } = setUp();
    const olds = { ...inputs("web-0"), instanceId: "ins-1", systemDisk: { diskId: "d-1", diskSize: 20, diskCategory: "Standard NVMe SSD" } };
    const news = inputs("web-0", { instanceType: "c.2c4g" });
    await preview.onDiff("ins-1", olds, news, { changes: true, replaces: ["instanceType"] });
    await preview.onCheck({}, news);
    expect(lines).toEqual([
      "web-0: replacement ≈ 0.036 USD/hour instance + 0.006 USD/hour bandwidth + 0.002 USD/hour system disk = 0.044 USD/hour (list price; 0.0396 after discount); +0.018 USD/hour from today's 0.026",
    ]);
  });

  it("prices a bandwidth change with InquiryPriceInstanceBandwidth for the new and today's value", async () => {
    const { preview, lines, api } = setUp();
    await preview.onDiff("ins-1", inputs("web-0"), inputs("web-0", { internetMaxBandwidthOut: 5 }), { changes: true });
    expect(api.calls.map((c) => c.req)).toEqual([
      { instanceId: "ins-1", internetMaxBandwidthOut: 5 }, { instanceId: "ins-1", internetMaxBandwidthOut: 1 },
    ]);
    expect(lines).toEqual(["web-0: bandwidth 1 → 5 Mbps ≈ 0.03 USD/hour bandwidth (list price; 0.027 after discount); +0.024 USD/hour from today's 0.006"]);
  });

  it("prices a bandwidth change of a traffic-package instance as the whole instance, not as billed bandwidth", async () => {
    const { preview, lines, api } = setUp();
    const pkg = { internetChargeType: "ByTrafficPackage", trafficPackageSize: 1 };
    await preview.onDiff("ins-1", inputs("web-0", pkg), inputs("web-0", { ...pkg, internetMaxBandwidthOut: 5 }), { changes: true });
    expect(api.calls.map((c) => c.action)).toEqual(["InquiryPriceCreateInstance", "InquiryPriceCreateInstance"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^web-0: after the change ≈ .* USD\/hour traffic package /);
    expect(lines[0]).not.toMatch(/bandwidth/);
  });

  it("prices a traffic package change with InquiryPriceInstanceTrafficPackage", async () => {
    const { preview, lines } = setUp();
    const pkg = { internetChargeType: "ByTrafficPackage" };
    await preview.onDiff("ins-1", inputs("web-0", { ...pkg, trafficPackageSize: 1 }), inputs("web-0", { ...pkg, trafficPackageSize: 3 }), { changes: true });
    expect(lines).toEqual(["web-0: traffic package 1 → 3 TB ≈ 12.00 USD/month traffic package (list price); +8.00 USD/month from today's 4.00"]);
  });

  it("prints nothing for changes that do not affect the price", async () => {
    const { preview, lines, api } = setUp();
    await preview.onDiff("ins-1", inputs("web-0"), inputs("web-0", { instanceName: "renamed" }), { changes: true });
    await preview.onDiff("ins-1", inputs("web-0"), inputs("web-0"), { changes: false });
    expect([lines, api.calls]).toEqual([[], []]);
  });

  it("shows usage-billed bandwidth by its first tier", async () => {
    const { preview, lines, api } = setUp();
    api.inquiryPriceCreateInstance = async () => ({
      requestId: "req-95", instancePrice: hourly(0.018),
      bandwidthPrice: [{ chargeUnit: "MONTH", stepPrices: [{ stepStart: 0, stepEnd: 100, unitPrice: 1.5 }, { stepStart: 100, unitPrice: 1.2 }] }],
    });
    await preview.onCheck({}, inputs("web-0", { internetChargeType: "ByInstanceBandwidth95" }));
    expect(lines).toEqual(["web-0: ≈ 0.018 USD/hour instance (list price; 0.0162 after discount); bandwidth billed by usage from 1.50 USD/Mbps/month"]);
  });
});

describe("one CLI command prints a price line once (pulumi up: preview phase, then update phase)", () => {
  it("skips in a later process what an earlier one printed for the same priced inputs, and only that", async () => {
    const seen = new Set<string>();
    const memory: RunMemory = { has: (k) => seen.has(k), add: (k) => void seen.add(k) };
    const preview = setUp({ memory });
    await preview.preview.onCheck({}, inputs("web-0"));
    const update = setUp({ memory });
    await update.preview.onCheck({}, inputs("web-0"));
    await update.preview.onCheck({}, inputs("web-1"));
    await update.preview.onDiff("ins-2", inputs("web-2"), inputs("web-2", { internetMaxBandwidthOut: 5 }), { changes: true });
    expect(preview.lines).toHaveLength(1);
    expect(update.lines.map((l) => l.split(":")[0])).toEqual(["web-1", "web-2"]);
    expect(update.api.calls.map((c) => c.action)).toEqual(["InquiryPriceCreateInstance", "InquiryPriceInstanceBandwidth", "InquiryPriceInstanceBandwidth"]);
  });

  it("does not remember notes: a price unknown in the preview is printed once known", async () => {
    const seen = new Set<string>();
    const memory: RunMemory = { has: (k) => seen.has(k), add: (k) => void seen.add(k) };
    const first = setUp({ memory, noCredentials: true });
    await first.preview.onCheck({}, inputs("web-0"));
    const second = setUp({ memory });
    await second.preview.onCheck({}, inputs("web-0"));
    expect(second.lines).toHaveLength(1);
    expect(second.lines[0]).toMatch(/^web-0: ≈ /);
  });

  it("keeps the memory in a folder of the user's own, made with mode 0700, and never in one that is not", () => {
    expect(defaultFolder()).toBe(path.join(tmpdir(), `pulumi-zenlayer-vm-${process.getuid!()}`));
    const parent = mkdtempSync(path.join(tmpdir(), "price-lines-"));
    try {
      const fresh = path.join(parent, "fresh");
      const memory = cliRunMemory(fresh, process.pid);
      memory.add("k1");
      expect(memory.has("k1")).toBe(true);
      expect(statSync(fresh).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(fresh, readdirSync(fresh)[0]!)).mode & 0o777).toBe(0o600);

      const open = path.join(parent, "open");
      mkdirSync(open);
      chmodSync(open, 0o777);
      const planted = path.join(parent, "planted");
      symlinkSync(fresh, planted);
      for (const dir of [open, planted]) {
        const refused = cliRunMemory(dir, process.pid);
        refused.add("k2");
        expect(refused.has("k2")).toBe(false);
      }
      expect(readdirSync(open)).toEqual([]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("keeps the memory in a file named after the CLI process, shared by its child processes", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "price-lines-"));
    try {
      // Two processes of one command find the same ancestor; this test process stands in for it
      // (its own parent may be a chain of shells, which the search skips only so far).
      const a = cliRunMemory(dir, process.pid);
      const b = cliRunMemory(dir, process.pid);
      expect(a.has("k1")).toBe(false);
      a.add("k1");
      expect(b.has("k1")).toBe(true);
      expect(b.has("k2")).toBe(false);
      expect(readdirSync(dir)).toEqual([expect.stringMatching(/^\d+-\d+\.txt$/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
