/**
 * An update that cannot start because the instance does not settle: the message names the wait
 * limit as the front-end's users set it and says what was last seen, even when nothing was.
 */
import type { FrontEnd } from "../../../provider/lifecycle/front-end";
import { updateInstance } from "../../../provider/lifecycle/operations/update";
import { createContext } from "../../../provider/lifecycle/runtime/context";
import { apiError, captureLog, FAST, FakeVmApi } from "./helpers/fake-api";

const PLUGIN_WORDS: FrontEnd = { typeToken: "zenlayer:index:Instance", timeoutOption: (operation) => `customTimeouts.${operation}` };
const olds = { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", password: "Abcdef1!x", instanceName: "web" };

function setup(frontEnd?: FrontEnd) {
  const api = new FakeVmApi();
  const ctx = createContext({ api, settings: FAST, log: captureLog().log, ...(frontEnd ? { frontEnd } : {}) });
  return { api, ctx };
}

it("names the last status seen and the dynamic provider's timeouts.update", async () => {
  const { api, ctx } = setup();
  api.add("ins-1", "REBOOT");
  await expect(updateInstance(ctx, "ins-1", olds, { ...olds, instanceName: "web2", timeouts: { update: "150ms" } })).rejects.toThrow(
    /^Cannot update ins-1: it did not settle in RUNNING or STOPPED within timeouts\.update = 150ms \(last status REBOOT after \d+ms\)/);
});

it("says no status was read, and why, instead of 'last status unknown'; in the plugin's words", async () => {
  const { api, ctx } = setup(PLUGIN_WORDS);
  api.add("ins-1", "RUNNING");
  api.failures.DescribeInstancesStatus = () => apiError("DescribeInstancesStatus", "INTERNAL_ERROR", 500, true);
  const error = await updateInstance(ctx, "ins-1", olds, { ...olds, instanceName: "web2", timeouts: { update: "150ms" } }).catch((e) => e);
  expect(error.message).toMatch(
    /^Cannot update ins-1: it did not settle in RUNNING or STOPPED within customTimeouts\.update = 150ms \(no status was read within the limit; last status query failed: DescribeInstancesStatus failed: 500 INTERNAL_ERROR.* after \d+ms\)/);
  expect(error.message).not.toContain("unknown");
  expect(api.count("ModifyInstancesAttribute")).toBe(0);
});
