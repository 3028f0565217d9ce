/**
 * The plugin's package functions connect as the lifecycle resolves the settings: the scheme in
 * any case (Zenlayer's Terraform provider spells it `HTTP`), the client's own message for a wrong
 * one, and no tuning knob read.
 */
import { invokeFunction } from "../../../provider/plugin/functions";
import { configureSettings, resetConfiguredSettings } from "../../../provider/lifecycle/runtime/settings";
import { startSimulator, type RunningSimulator } from "../../../simulator";

// The first call loads the HTTP client (an ES module) into Jest's runtime: seconds on a busy machine.
jest.setTimeout(30_000);

let sim: RunningSimulator;
beforeAll(async () => { sim = await startSimulator({ port: 0 }); });
afterAll(async () => { await sim.stop(); });
afterEach(() => resetConfiguredSettings());

function configure(values: Record<string, string>): void {
  const config: Record<string, string> = {
    "zenlayer:domain": sim.domain, "zenlayer:accessKeyId": sim.accessKeyId, "zenlayer:accessKeyPassword": sim.accessKeyPassword, ...values,
  };
  configureSettings({ get: (key) => config[key] });
}

test("zenlayer:scheme HTTP reaches the simulator over http, with a tuning knob out of range", async () => {
  configure({ "zenlayer:scheme": "HTTP", "zenlayer:pollIntervalMs": "0" });
  sim.control.resetStats();
  const result = await invokeFunction("zenlayer:index:getImage", { zoneId: "SEL-A", nameRegex: "^Ubuntu" });
  expect(result.outputs?.imageName).toMatch(/^Ubuntu/);
  expect(sim.control.stats().requests.DescribeImages).toBe(1);
});

test("a scheme that is neither http nor https fails with the client's message, before any request", async () => {
  configure({ "zenlayer:scheme": "ftp" });
  sim.control.resetStats();
  await expect(invokeFunction("zenlayer:index:getZones", {})).rejects.toThrow('Invalid Zenlayer scheme "ftp": use "https" (default) or "http"');
  expect(sim.control.stats().requests.DescribeZones ?? 0).toBe(0);
});
