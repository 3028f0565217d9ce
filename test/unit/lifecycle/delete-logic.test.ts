import { createContext } from "../../../provider/lifecycle/runtime/context";
import { createInstance } from "../../../provider/lifecycle/operations/create";
import { deleteInstance, terminateRetryDelay } from "../../../provider/lifecycle/operations/delete";
import { PartialFailure } from "../../../provider/lifecycle/errors";
import type { FrontEnd } from "../../../provider/lifecycle/front-end";
import { apiError, captureLog, FAST, FakeVmApi } from "./helpers/fake-api";

/** The plugin's words, as its front-end hands them to the lifecycle. */
const PLUGIN_WORDS: FrontEnd = { typeToken: "zenlayer:index:Instance", timeoutOption: (operation) => `customTimeouts.${operation}` };

function setup(frontEnd?: FrontEnd) {
  const api = new FakeVmApi();
  const { lines, log } = captureLog();
  const ctx = createContext({ api, settings: FAST, log, ...(frontEnd ? { frontEnd } : {}) });
  return { api, lines, ctx };
}

describe("delete decision logic (in-memory API)", () => {
  it("waits while the instance is being created and sends one TerminateInstance once the poll says it may succeed", async () => {
    const { api, ctx, lines } = setup();
    api.add("ins-1", "PENDING");
    setTimeout(() => api.setStatus("ins-1", "DEPLOYING"), 150);
    setTimeout(() => api.setStatus("ins-1", "RUNNING"), 250);
    await deleteInstance(ctx, "ins-1", {});
    expect(api.instances.get("ins-1")?.info.instanceStatus).toBe("RECYCLE");
    expect(api.calls.filter((c) => c.action === "TerminateInstance").map((c) => c.ok)).toEqual([true]);
    expect(lines.some((l) => /^ins-1 is PENDING; TerminateInstance as soon as it may succeed \(\d+ms of 20m\)$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/recycle bin \(RECYCLE\).*restored from the console for about 24 hours/);
  });

  it("sends TerminateInstance first when the stored status is RUNNING, and waits out a refusal", async () => {
    const { api, ctx, lines } = setup();
    api.add("ins-1", "DEPLOYING");
    setTimeout(() => api.setStatus("ins-1", "RUNNING"), 150);
    await deleteInstance(ctx, "ins-1", { instanceStatus: "RUNNING" });
    expect(api.calls.filter((c) => c.action === "TerminateInstance").map((c) => c.ok)).toEqual([false, true]);
    expect(lines.some((l) => /^ins-1 is DEPLOYING; TerminateInstance again as soon as it may succeed/.test(l))).toBe(true);
  });

  it("falls back to TerminateInstance on its jittered backoff while the status cannot be read", async () => {
    const { api, ctx } = setup();
    api.add("ins-1", "DEPLOYING");
    api.failures.DescribeInstancesStatus = () => apiError("DescribeInstancesStatus", "SERVICE_TEMPORARY_UNAVAILABLE", 503, true);
    setTimeout(() => api.setStatus("ins-1", "RUNNING"), 100);
    setTimeout(() => { delete api.failures.DescribeInstancesStatus; }, 400);
    await deleteInstance(ctx, "ins-1", {});
    expect(api.calls.some((c) => c.action === "TerminateInstance" && c.ok)).toBe(true);
    expect(api.instances.get("ins-1")?.info.instanceStatus).toBe("RECYCLE");
  });

  it("wakes on the status poll rather than waiting out the backoff", async () => {
    const { api, ctx } = setup();
    ctx.settings.terminateRetryBaseMs = 5_000;
    ctx.settings.terminateRetryMaxMs = 5_000;
    api.add("ins-1", "DEPLOYING");
    let deletableAt = 0;
    setTimeout(() => { api.setStatus("ins-1", "RUNNING"); deletableAt = Date.now(); }, 50);
    await deleteInstance(ctx, "ins-1", {});
    const success = api.calls.find((c) => c.action === "TerminateInstance" && c.ok);
    expect(success).toBeDefined();
    expect((success?.at ?? 0) - deletableAt).toBeLessThan(500);
  });

  it("fails after timeouts.delete with the time waited and the last status seen", async () => {
    const { api, ctx } = setup();
    api.add("ins-1", "DEPLOYING");
    await expect(deleteInstance(ctx, "ins-1", { timeouts: { delete: "150ms" } })).rejects.toThrow(
      /^Deleting ins-1 timed out after \d+ms \(timeouts\.delete = 150ms\): the instance is still being created or its OS installed.*last status seen: DEPLOYING\. The instance stays in the stack/);
    expect(api.count("TerminateInstance")).toBe(0);
    await expect(deleteInstance(ctx, "ins-1", { instanceStatus: "RUNNING", timeouts: { delete: "150ms" } })).rejects.toThrow(
      /last status seen: DEPLOYING; TerminateInstance was refused 1 time \(last answer 403 OPERATION_DENIED_INSTANCE_STATUS_INSTALLING, request id TFAKE-\d+\)/);
  });

  it("names the wait limit and the type token as the front-end's users write them", async () => {
    const { api, ctx } = setup(PLUGIN_WORDS);
    api.add("ins-1", "DEPLOYING");
    const timeout = await deleteInstance(ctx, "ins-1", { timeouts: { delete: "150ms" } }).catch((e) => e);
    expect(timeout.message).toMatch(/^Deleting ins-1 timed out after \d+ms \(customTimeouts\.delete = 150ms\)/);
    expect(timeout.message).toContain("or raise customTimeouts.delete");
    expect(timeout.message).not.toMatch(/(^|[^m])timeouts\./);
    api.add("ins-2", "RUNNING", { prepaid: true });
    const prepaid = await deleteInstance(ctx, "ins-2", { __owner: "proj/dev/web-~0123456789ab", __resourceName: "web-with-a-long-name" }).catch((e) => e);
    expect(prepaid.message).toContain("pulumi state delete 'urn:pulumi:dev::proj::zenlayer:index:Instance::web-with-a-long-name'");
  });

  it("treats INVALID_INSTANCE_NOT_FOUND as already deleted", async () => {
    const { api, ctx, lines } = setup();
    await deleteInstance(ctx, "ins-gone", {});
    expect(api.count("TerminateInstance")).toBe(1);
    expect(lines).toEqual(["ins-gone was already deleted (TerminateInstance: not found); nothing left to do"]);
  });

  it("fails at once on a subscription, saying why and what to do", async () => {
    const { api, ctx } = setup();
    api.add("ins-1", "RUNNING", { prepaid: true });
    const error = await deleteInstance(ctx, "ins-1", { __owner: "proj/dev/web", expiredTime: "2030-01-01T00:00:00Z" }).catch((e) => e);
    expect(error.message).toMatch(/Cannot delete ins-1: it is a subscription \(PREPAID\) instance/);
    expect(error.message).toContain("UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE, request id TFAKE-");
    expect(error.message).toContain("it expires 2030-01-01T00:00:00Z");
    expect(error.message).toContain("pulumi state delete 'urn:pulumi:dev::proj::pulumi-nodejs:dynamic/zenlayer:Instance::web'");
    expect(api.count("TerminateInstance")).toBe(1);
  });

  it("fails at once inside a commitment term", async () => {
    const { api, ctx } = setup();
    api.add("ins-1", "RUNNING", { commitment: true });
    await expect(deleteInstance(ctx, "ins-1", {})).rejects.toThrow(/commitment term.*OPERATION_DENIED_POSTPAID_PROMISE.*pulumi state delete '<urn>'/);
    expect(api.count("TerminateInstance")).toBe(1);
  });

  it("fails on other errors with the code and the request id", async () => {
    const { api, ctx } = setup();
    api.add("ins-1", "RUNNING");
    api.failures.TerminateInstance = () => apiError("TerminateInstance", "OPERATION_DENIED_SOMETHING_ELSE");
    await expect(deleteInstance(ctx, "ins-1", {})).rejects.toThrow(
      /^Deleting ins-1 failed: TerminateInstance failed: 403 OPERATION_DENIED_SOMETHING_ELSE: .*request id TFAKE-\d+.*run pulumi destroy again/);
  });

  it("releases with forceDelete, and surfaces a release failure", async () => {
    const ok = setup();
    ok.api.add("ins-1", "RUNNING");
    await deleteInstance(ok.ctx, "ins-1", { forceDelete: true });
    expect(ok.api.instances.has("ins-1")).toBe(false);
    expect(ok.lines.at(-1)).toBe("ins-1 released from the recycle bin: gone for good");

    const bad = setup();
    bad.api.add("ins-2", "RUNNING");
    bad.api.failures.ReleaseInstances = () => apiError("ReleaseInstances", "OPERATION_DENIED_RELEASE", 403);
    await expect(deleteInstance(bad.ctx, "ins-2", { forceDelete: true })).rejects.toThrow(
      /^Releasing ins-2 from the recycle bin failed: ReleaseInstances failed: 403 OPERATION_DENIED_RELEASE/);
  });

  it("treats an instance that vanishes while waiting for the recycle bin as deleted, without releasing it", async () => {
    const { api, ctx, lines } = setup();
    api.add("ins-1", "RUNNING");
    const terminate = api.terminateInstance.bind(api);
    api.terminateInstance = async (req) => {
      const result = await terminate(req);
      api.setStatus("ins-1", "RECYCLING");
      setTimeout(() => api.setStatus("ins-1", null), 30);
      return result;
    };
    await deleteInstance(ctx, "ins-1", { forceDelete: true });
    expect(api.count("ReleaseInstances")).toBe(0);
    expect(lines.at(-1)).toBe("ins-1 is gone (no longer listed)");
  });

  it("treats not found from ReleaseInstances as released", async () => {
    const { api, ctx } = setup();
    api.add("ins-1", "RUNNING");
    api.failures.ReleaseInstances = () => {
      api.setStatus("ins-1", null);
      return apiError("ReleaseInstances", "INVALID_INSTANCE_NOT_FOUND", 404);
    };
    await deleteInstance(ctx, "ins-1", { forceDelete: true });
    expect(api.instances.has("ins-1")).toBe(false);
  });

  it("prints the waiting line once per status, not once per poll", async () => {
    const { api, ctx, lines } = setup();
    api.add("ins-1", "DEPLOYING");
    setTimeout(() => api.setStatus("ins-1", "RUNNING"), 300);
    await deleteInstance(ctx, "ins-1", {});
    const waiting = lines.filter((l) => l.includes("TerminateInstance as soon as"));
    expect(api.count("DescribeInstancesStatus")).toBeGreaterThan(5);
    expect(waiting.length).toBeLessThanOrEqual(2);
  });
});

describe("errors while waiting", () => {
  it("keeps a new instance in state when its status cannot be read for good (partial failure with the id)", async () => {
    const { api, ctx } = setup();
    // While a new instance is waited for, the shared poll reads its details (DescribeInstances).
    api.failures.DescribeInstances = () => apiError("DescribeInstances", "AUTH_FAILURE", 401);
    const error = await createInstance(ctx, { zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img-1", keyId: "key-12345678" }).catch((e) => e);
    expect(error).toBeInstanceOf(PartialFailure);
    expect(error.id).toBe("ins-new1");
    expect(error.message).toMatch(/^Waiting for ins-new1 to become RUNNING failed: DescribeInstances failed: 401 AUTH_FAILURE.*kept in the stack/);
    // Nothing about the instance could be read: its id is kept, its status is unknown.
    expect(error.properties).toMatchObject({ instanceId: "ins-new1", instanceStatus: "UNKNOWN" });
  });

  it("names the instance when a status read fails for good during delete", async () => {
    const { api, ctx } = setup();
    api.add("ins-1", "DEPLOYING");
    api.failures.DescribeInstancesStatus = () => apiError("DescribeInstancesStatus", "AUTH_FAILURE", 401);
    await expect(deleteInstance(ctx, "ins-1", {})).rejects.toThrow(
      /^Deleting ins-1 failed: DescribeInstancesStatus failed: 401 AUTH_FAILURE: .*request id TFAKE-\d+.*stays in the stack/);
  });
});

describe("terminateRetryDelay", () => {
  it("doubles from the base, is capped, and never drops below half the ceiling", () => {
    expect(terminateRetryDelay(1, 2_000, 15_000, 0)).toBe(1_000);
    expect(terminateRetryDelay(1, 2_000, 15_000, 1)).toBe(2_000);
    expect(terminateRetryDelay(3, 2_000, 15_000, 0.5)).toBe(6_000);
    expect(terminateRetryDelay(10, 2_000, 15_000, 1)).toBe(15_000);
    expect(terminateRetryDelay(10, 2_000, 15_000, 0)).toBe(7_500);
  });
});
