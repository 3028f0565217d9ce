/**
 * Price lines through the real Pulumi CLI against the simulator: in `pulumi preview` and in
 * `pulumi up`'s preview (once per resource), for creates and for a bandwidth change; a failing
 * inquiry never fails the preview; `zenlayer:showPrices false` asks nothing.
 */
import { createProgram, type TestStack } from "./helpers/stack";
import { CONFIG_DRIVEN_PROGRAM } from "./helpers/program";
import { configureStackFor, imageFor, MUTATING_ACTIONS, startE2eSimulator } from "./helpers/simulator";

jest.setTimeout(240_000);

let sim: Awaited<ReturnType<typeof startE2eSimulator>>["sim"];
let stack: TestStack;

const WEB_0_LINE = "web-0: ≈ 0.018 USD/hour instance + 0.006 USD/hour bandwidth + 0.002 USD/hour public IP + 0.002 USD/hour system disk = 0.028 USD/hour (list price; 0.0252 after discount)";
const WEB_1_LINE = "web-1: ≈ 0.0216 USD/hour instance + 0.0072 USD/hour bandwidth + 0.0024 USD/hour public IP + 0.0024 USD/hour system disk = 0.0336 USD/hour (list price; 0.0302 after discount)";

function specs(bandwidth = 1) {
  const vm = (zoneId: string) => ({ zoneId, instanceType: "c.1c2g", imageId: imageFor(zoneId), internetMaxBandwidthOut: bandwidth });
  return JSON.stringify({ "web-0": vm("SEL-A"), "web-1": vm("HKG-A") });
}
const count = (text: string, line: string) => text.split(line).length - 1;
const priceCalls = () => Object.entries(sim.control.stats().requests).filter(([action]) => action.startsWith("InquiryPrice"));

beforeAll(async () => {
  ({ sim } = await startE2eSimulator());
  stack = await createProgram("prices", { program: CONFIG_DRIVEN_PROGRAM, env: { ZENLAYER_VM_POLL_INTERVAL_MS: "200" } });
  await configureStackFor(stack, sim);
  await stack.setConfig("vmPassword", "E2e-Secret-Pw1!", true);
  await stack.setConfig("instances", specs());
});

afterAll(async () => {
  await stack?.dispose();
  await sim?.stop();
});

test("pulumi preview prints each new instance's price and changes nothing", async () => {
  sim.control.resetStats();
  const preview = await stack.pulumi(["preview"]);
  expect(count(preview.output, WEB_0_LINE)).toBeGreaterThanOrEqual(1);
  expect(count(preview.output, WEB_1_LINE)).toBeGreaterThanOrEqual(1);
  expect(Object.fromEntries(priceCalls())).toEqual({ InquiryPriceCreateInstance: 2 });
  expect(Object.keys(sim.control.stats().requests).filter((a) => MUTATING_ACTIONS.includes(a))).toEqual([]);
});

test("pulumi up shows the price in its preview and does not repeat it in the update", async () => {
  sim.control.resetStats();
  const up = await stack.pulumi(["up", "--yes"]);
  // The engine prints each diagnostic line twice (as it happens and in the Diagnostics summary).
  const previewPart = up.output.slice(0, up.output.indexOf("Updating ("));
  const updatePart = up.output.slice(up.output.indexOf("Updating ("));
  expect(count(previewPart, WEB_0_LINE)).toBeGreaterThanOrEqual(1);
  expect(count(updatePart, WEB_0_LINE)).toBe(0);
  expect(count(updatePart, WEB_1_LINE)).toBe(0);
  expect(Object.fromEntries(priceCalls())).toEqual({ InquiryPriceCreateInstance: 2 });
  expect(sim.control.stats().requests.CreateInstances).toBe(2);
});

test("a bandwidth change shows the new price against today's", async () => {
  await stack.setConfig("instances", specs(5));
  const preview = await stack.pulumi(["preview"]);
  expect(preview.output).toContain("web-0: bandwidth 1 → 5 Mbps ≈ 0.03 USD/hour bandwidth (list price; 0.027 after discount); +0.024 USD/hour from today's 0.006");
  expect(preview.output).toContain("web-1: bandwidth 1 → 5 Mbps ≈ 0.036 USD/hour bandwidth");
});

test("a failing price inquiry gives a note and the preview still succeeds", async () => {
  sim.control.setFaults({ errorRate: 1, actions: ["InquiryPriceInstanceBandwidth", "InquiryPriceCreateInstance"] });
  try {
    const preview = await stack.pulumi(["preview"], { allowFailure: true });
    expect(preview.code).toBe(0);
    expect(preview.output).toMatch(/web-0: no price estimate: InquiryPriceInstanceBandwidth answered [A-Z_]+ \(HTTP 5\d\d\), request \S+/);
    expect(preview.output).toMatch(/~ +2 to update/);
  } finally {
    sim.control.setFaults({});
  }
});

test("zenlayer:showPrices false asks for no price at all", async () => {
  await stack.setConfig("zenlayer:showPrices", "false");
  sim.control.resetStats();
  const preview = await stack.pulumi(["preview"]);
  expect(preview.output).not.toMatch(/USD\/hour|no price estimate/);
  expect(priceCalls()).toEqual([]);
});
