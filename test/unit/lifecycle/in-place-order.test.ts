/**
 * The order of the in-place steps against Zenlayer's bandwidth caps: every instance type caps
 * `internetMaxBandwidthOut`, ModifyInstanceType is refused while the bandwidth in force exceeds the
 * new type's cap, and ModifyInstanceBandwidth beyond the current type's cap. A model API enforces
 * exactly that on every call; the real applyInPlace must reach any valid end state from any valid
 * start in one run, for any table of caps, with the traffic package changed alongside.
 */
import fc from "fast-check";
import type { InstanceTypeStatus, InternetStatus } from "../../../provider/client/types";
import { applyInPlace, planInPlace } from "../../../provider/lifecycle/in-place/in-place";
import type { CurrentSettings } from "../../../provider/lifecycle/in-place/step";
import type { InstanceInputs } from "../../../provider/lifecycle/inputs/inputs";
import { createContext } from "../../../provider/lifecycle/runtime/context";
import { Progress } from "../../../provider/lifecycle/runtime/progress";
import { INSTANCE_TYPES } from "../../../simulator/model/catalogue";
import { apiError, captureLog, FAST, FakeVmApi } from "./helpers/fake-api";

const ID = "ins-order";

/** What the model holds of the instance: the settings the caps constrain. */
interface Shape { instanceType: string; bandwidth: number; trafficPackageSize: number }

/** The model: the caps' rules on every call, and every state the instance passes through. */
interface CappedApi { api: FakeVmApi; states: Shape[]; now(): Shape }

function cappedApi(caps: Record<string, number>, start: Shape): CappedApi {
  let shape = { ...start };
  const states: Shape[] = [{ ...start }];
  const move = (next: Shape) => {
    shape = next;
    states.push({ ...next });
    return Promise.resolve({ requestId: "T-ok" });
  };
  const refused = (action: string) => Promise.reject(apiError(action, "INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM", 400));
  const api = Object.assign(new FakeVmApi(), {
    modifyInstanceType: (req: { instanceId: string; instanceTypeId: string }) =>
      (shape.bandwidth > caps[req.instanceTypeId]! ? refused("ModifyInstanceType") : move({ ...shape, instanceType: req.instanceTypeId })),
    modifyInstanceBandwidth: (req: { instanceId: string; internetMaxBandwidthOut: number }) =>
      (req.internetMaxBandwidthOut > caps[shape.instanceType]! ? refused("ModifyInstanceBandwidth") : move({ ...shape, bandwidth: req.internetMaxBandwidthOut })),
    modifyInstanceTrafficPackage: (req: { instanceId: string; trafficPackageSize: number }) => move({ ...shape, trafficPackageSize: req.trafficPackageSize }),
    describeInstanceTypeStatus: (): Promise<InstanceTypeStatus> =>
      Promise.resolve({ requestId: "T-ok", instanceId: ID, instanceType: shape.instanceType, modifiedInstanceTypeStatus: "Enable" }),
    describeInstanceInternetStatus: (): Promise<InternetStatus> => Promise.resolve({
      requestId: "T-ok", instanceId: ID, internetMaxBandwidthOut: shape.bandwidth, modifiedBandwidthStatus: "Enable",
      trafficPackageSize: shape.trafficPackageSize, modifiedTrafficPackageStatus: "Enable",
    }),
  });
  api.add(ID, "RUNNING");
  return { api, states, now: () => shape };
}

/** Runs the real in-place steps from `start` to `end` against caps `caps`; returns the model. */
async function change(caps: Record<string, number>, start: Shape, end: Shape): Promise<CappedApi> {
  const model = cappedApi(caps, start);
  const ctx = createContext({ api: model.api, settings: FAST, log: captureLog().log });
  const current: CurrentSettings = {
    status: "RUNNING", instanceType: start.instanceType, internetMaxBandwidthOut: start.bandwidth, trafficPackageSize: start.trafficPackageSize,
    imageId: "img-1", instanceName: "web",
  };
  const desired: InstanceInputs = {
    zoneId: "SEL-A", imageId: "img-1", instanceName: "web", instanceType: end.instanceType, internetMaxBandwidthOut: end.bandwidth,
    trafficPackageSize: end.trafficPackageSize,
  };
  const started = Date.now();
  await applyInPlace(ctx, ID, current, desired, {
    started, deadline: started + 10_000, limitText: "10s", progress: new Progress(ctx.log, ctx.clock, 60_000),
  }, []);
  return model;
}

const valid = (caps: Record<string, number>) => (s: Shape) => s.bandwidth <= caps[s.instanceType]!;

/** A table of 1 to 5 types with caps, and two states valid under it. */
const scenario = fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 5 }).chain((limits) => {
  const caps = Object.fromEntries(limits.map((cap, i) => [`t.${i}`, cap]));
  const shape = fc.integer({ min: 0, max: limits.length - 1 }).chain((i) =>
    fc.record({ instanceType: fc.constant(`t.${i}`), bandwidth: fc.integer({ min: 1, max: limits[i]! }), trafficPackageSize: fc.integer({ min: 1, max: 4 }) }));
  return fc.tuple(fc.constant(caps), shape, shape);
});

describe("in-place order under the instance types' bandwidth caps", () => {
  it("the model refuses a type change the bandwidth in force exceeds (so the property below can fail)", async () => {
    const caps = { small: 200, large: 500 };
    await expect(change(caps, { instanceType: "large", bandwidth: 300, trafficPackageSize: 1 }, { instanceType: "small", bandwidth: 300, trafficPackageSize: 1 }))
      .rejects.toThrow(/INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM/);
  });

  it("reaches every valid end state from every valid start in one run, each intermediate state within the caps", async () => {
    await fc.assert(fc.asyncProperty(scenario, async ([caps, start, end]) => {
      const model = await change(caps, start, end);
      expect(model.now()).toEqual(end);
      expect(model.states.filter((s) => !valid(caps)(s))).toEqual([]);
    }), { numRuns: 300 });
  });

  it("covers every pair of the simulator's types at bandwidths on either side of each cap", async () => {
    const caps = Object.fromEntries(INSTANCE_TYPES.map((t) => [t.instanceType, t.internetMaxBandwidthOutLimit]));
    const bandwidths = [...new Set([1, ...INSTANCE_TYPES.flatMap((t) => [t.internetMaxBandwidthOutLimit - 1, t.internetMaxBandwidthOutLimit])])];
    const shapes = INSTANCE_TYPES.flatMap((t) => bandwidths.filter((b) => b <= t.internetMaxBandwidthOutLimit)
      .map((bandwidth) => ({ instanceType: t.instanceType, bandwidth, trafficPackageSize: 1 })));
    let pairs = 0;
    for (const start of shapes) {
      for (const end of shapes) {
        expect((await change(caps, start, end)).now()).toEqual(end);
        pairs++;
      }
    }
    expect(pairs).toBe(shapes.length ** 2);
  });

  it("lowers the bandwidth before a downsize and raises it after an upsize", () => {
    const at = (instanceType: string, bandwidth: number): CurrentSettings => ({ status: "RUNNING", instanceType, internetMaxBandwidthOut: bandwidth, imageId: "img-1" });
    const to = (instanceType: string, bandwidth: number): InstanceInputs => ({ zoneId: "SEL-A", imageId: "img-1", instanceType, internetMaxBandwidthOut: bandwidth });
    expect(planInPlace(at("c.2c4g", 300), to("c.1c2g", 100))).toEqual(["internetMaxBandwidthOut", "instanceType"]);
    expect(planInPlace(at("c.1c2g", 100), to("c.2c4g", 300))).toEqual(["instanceType", "internetMaxBandwidthOut"]);
  });
});
