import { FaultInjector, parseFaultConfig } from "../../../simulator/faults/faults";
import { createRandom } from "../../../simulator/faults/prng";
import { TokenBucket } from "../../../simulator/faults/rate-limiter";

describe("seeded random numbers", () => {
  it("repeats the same sequence for the same seed, numeric or text", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    const c = createRandom("demo");
    const e = createRandom("demo");
    expect(c()).toBe(e());
    expect(createRandom(1)()).not.toBe(createRandom(2)());
  });
});

describe("token bucket", () => {
  it("allows a burst, then asks to wait whole seconds, then refills with time", () => {
    const bucket = new TokenBucket(2, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 0]);
    expect(bucket.take(0)).toBe(1);
    expect(bucket.take(500)).toBe(0);
  });
});

describe("fault configuration", () => {
  it("accepts the documented settings and rejects unknown ones and out-of-range rates", () => {
    expect(parseFaultConfig({ errorRate: 0.5, rateLimit: { requestsPerSecond: 5 }, actions: ["CreateInstances"] })).toEqual({
      errorRate: 0.5, rateLimit: { requestsPerSecond: 5, burst: 5 }, actions: ["CreateInstances"],
    });
    expect(parseFaultConfig({})).toEqual({});
    expect(() => parseFaultConfig({ errorRate: 2 })).toThrow(/errorRate/);
    expect(() => parseFaultConfig({ chaos: true })).toThrow(/chaos/);
  });
});

describe("fault injector", () => {
  const decisions = (seed: number, config: object, n: number) => {
    const injector = new FaultInjector(seed, () => 0);
    injector.configure(parseFaultConfig(config));
    return Array.from({ length: n }, () => injector.before("DescribeInstances").kind);
  };

  it("makes the same decisions for the same seed and configuration", () => {
    expect(decisions(7, { errorRate: 0.5, dropRate: 0.2 }, 50)).toEqual(decisions(7, { errorRate: 0.5, dropRate: 0.2 }, 50));
  });

  it("rotates transient errors through 503, 500 and 504 codes", () => {
    const injector = new FaultInjector(1, () => 0);
    injector.configure({ errorRate: 1 });
    const codes = Array.from({ length: 4 }, () => {
      const d = injector.before("X");
      return d.kind === "error" ? d.code : d.kind;
    });
    expect(codes).toEqual(["SERVICE_TEMPORARY_UNAVAILABLE", "INTERNAL_SERVER_ERROR", "REQUEST_TIMED_OUT", "SERVICE_TEMPORARY_UNAVAILABLE"]);
  });

  it("leaves actions outside the `actions` list alone", () => {
    const injector = new FaultInjector(1, () => 0);
    injector.configure({ errorRate: 1, latencyMs: 50, actions: ["CreateInstances"] });
    expect(injector.before("DescribeInstances")).toEqual({ kind: "none", loseResponse: false });
    expect(injector.latencyFor("DescribeInstances")).toBe(0);
    expect(injector.before("CreateInstances").kind).toBe("error");
  });
});
