import { type Transport, VmClient, ZenlayerApiError } from "../../../provider/client";
import {
  ACCESS_KEY_ID, ACCESS_KEY_PASSWORD, apiError, CREATE_REQUEST, type FakeServer, harness, type Handler, instance, ok,
  startFakeServer,
} from "./helpers/fake-server";

let server: FakeServer;
let handler: Handler;
beforeEach(async () => {
  server = await startFakeServer((req, n) => handler(req, n));
});
afterEach(async () => {
  await server.close();
});

async function failure(p: Promise<unknown>): Promise<ZenlayerApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ZenlayerApiError);
    return e as ZenlayerApiError;
  }
  throw new Error("expected the call to fail");
}

/** Create answers `first` once, then a success; DescribeInstances lists `listed` (per probe). */
function scenario(first: Handler, listed: (probe: number) => Record<string, unknown>[] = () => []): Handler {
  let creates = 0;
  let probes = 0;
  return (req, n) => {
    if (req.action === "CreateInstances") {
      creates += 1;
      return creates === 1 ? first(req, n) : ok({ instanceIdSet: ["ins-second"], orderNumber: "ord-2" });
    }
    probes += 1;
    const dataSet = listed(probes);
    return ok({ totalCount: dataSet.length, dataSet });
  };
}

describe("CreateInstances", () => {
  test("re-POSTs after an unambiguous 429", async () => {
    handler = scenario(() => apiError(429, "REQUEST_LIMIT_EXCEEDED"));
    const { client, events } = harness(server.domain);
    await expect(client.createInstances(CREATE_REQUEST)).resolves.toEqual({ requestId: expect.any(String), instanceIdSet: ["ins-second"], orderNumber: "ord-2" });
    expect(server.actions()).toEqual(["CreateInstances", "CreateInstances"]);
    expect(events.map((e) => e.type)).toEqual(["retry"]);
  });

  test("re-POSTs after a connection refused before sending", async () => {
    let calls = 0;
    const transport: Transport = async () => {
      calls += 1;
      if (calls === 1) return { kind: "network", failure: { code: "NETWORK_ERROR", errno: "ECONNREFUSED", detail: "connect ECONNREFUSED", requestSent: false } };
      return { kind: "response", response: { status: 200, bodyText: JSON.stringify({ requestId: "T1", response: { requestId: "T1", instanceIdSet: ["ins-9"] } }) } };
    };
    const client = new VmClient({ accessKeyId: ACCESS_KEY_ID, accessKeyPassword: ACCESS_KEY_PASSWORD, env: {}, sleep: async () => undefined }, transport);
    await expect(client.createInstances(CREATE_REQUEST)).resolves.toEqual({ requestId: "T1", instanceIdSet: ["ins-9"] });
    expect(client.stats).toEqual({ attempts: { CreateInstances: 2 }, total: 2 });
  });

  test.each<[string, Handler]>([
    ["SERVICE_TEMPORARY_UNAVAILABLE", () => apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE")],
    ["INTERNAL_SERVER_ERROR", () => apiError(500, "INTERNAL_SERVER_ERROR")],
    ["a 502 page", () => ({ status: 502, raw: "Bad Gateway" })],
    ["a connection reset after sending", () => "reset"],
    ["a timeout after sending", () => "hang"],
    ["a 200 that cannot be parsed", () => ({ status: 200, raw: "{trunc" })],
  ])("reconciles by name after an ambiguous failure (%s) and does not POST again", async (_label, first) => {
    handler = scenario(first, () => [instance({ instanceId: "ins-made" })]);
    const { client, events } = harness(server.domain, { requestTimeoutMs: 100 });
    await expect(client.createInstances(CREATE_REQUEST)).resolves.toEqual({ requestId: expect.any(String), instanceIdSet: ["ins-made"] });
    expect(server.actions()).toEqual(["CreateInstances", "DescribeInstances"]);
    expect(server.requests[1]?.json).toEqual({ instanceName: "web-1", zoneId: "SEL-A", pageSize: 100 });
    expect(events).toEqual([{ type: "reconcile", action: "CreateInstances", instanceName: "web-1", found: ["ins-made"] }]);
    expect(client.stats).toEqual({ attempts: { CreateInstances: 1, DescribeInstances: 1 }, total: 2 });
  });

  test("keeps probing for a few seconds until a late instance appears", async () => {
    handler = scenario(() => apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE"), (probe) => (probe < 3 ? [] : [instance()]));
    const { client, sleeps } = harness(server.domain);
    await expect(client.createInstances(CREATE_REQUEST)).resolves.toMatchObject({ instanceIdSet: ["ins-0001"] });
    expect(server.actions()).toEqual(["CreateInstances", "DescribeInstances", "DescribeInstances", "DescribeInstances"]);
    expect(sleeps).toEqual([10, 10]);
  });

  test("re-POSTs once the reconcile has found nothing after every probe", async () => {
    handler = scenario(() => apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE"));
    const { client, events } = harness(server.domain);
    await expect(client.createInstances(CREATE_REQUEST)).resolves.toMatchObject({ instanceIdSet: ["ins-second"] });
    expect(server.actions()).toEqual(["CreateInstances", "DescribeInstances", "DescribeInstances", "DescribeInstances", "CreateInstances"]);
    expect(events.map((e) => e.type)).toEqual(["reconcile", "retry"]);
    expect(events[0]).toEqual({ type: "reconcile", action: "CreateInstances", instanceName: "web-1", found: [] });
  });

  test("does not mistake older, recycled, or differently placed same-named instances for its own", async () => {
    const old = new Date(Date.UTC(2024, 11, 31)).toISOString();
    handler = scenario(() => apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE"), () => [
      instance({ instanceId: "ins-old", createTime: old, instanceStatus: "RUNNING" }),
      instance({ instanceId: "ins-bin", instanceStatus: "RECYCLE" }),
      instance({ instanceId: "ins-zone", zoneId: "HKG-A" }),
      instance({ instanceId: "ins-type", instanceType: "c.2c4g" }),
      instance({ instanceId: "ins-name", instanceName: "web-10" }),
    ]);
    const { client } = harness(server.domain);
    await expect(client.createInstances(CREATE_REQUEST)).resolves.toMatchObject({ instanceIdSet: ["ins-second"] });
  });

  test("retries the reconcile describe as usual", async () => {
    let describes = 0;
    handler = (req) => {
      if (req.action === "CreateInstances") return apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE");
      describes += 1;
      return describes === 1 ? apiError(429, "REQUEST_LIMIT_EXCEEDED") : ok({ totalCount: 1, dataSet: [instance()] });
    };
    const { client } = harness(server.domain);
    await expect(client.createInstances(CREATE_REQUEST)).resolves.toMatchObject({ instanceIdSet: ["ins-0001"] });
    expect(server.actions()).toEqual(["CreateInstances", "DescribeInstances", "DescribeInstances"]);
  });

  test("gives up with a hint when the reconcile describe fails too", async () => {
    handler = (req) => (req.action === "CreateInstances"
      ? apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE")
      : { status: 403, json: { requestId: "T-DESC", code: "OPERATION_DENIED_SOMETHING", message: "no" } });
    const { client } = harness(server.domain);
    const e = await failure(client.createInstances(CREATE_REQUEST));
    expect([e.code, e.ambiguous, e.retryable]).toEqual(["SERVICE_TEMPORARY_UNAVAILABLE", true, false]);
    expect(e.message).toContain('Check with DescribeInstances with instanceName "web-1" in zone SEL-A before retrying.');
    expect(e.message).toContain("DescribeInstances also failed (OPERATION_DENIED_SOMETHING, request id T-DESC)");
    expect(server.actions()).toEqual(["CreateInstances", "DescribeInstances"]);
  });

  test("without an instanceName, does not repeat an ambiguous create and says how to check", async () => {
    handler = scenario(() => apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE"));
    const { client, events } = harness(server.domain);
    const { instanceName: _omit, ...unnamed } = CREATE_REQUEST;
    const e = await failure(client.createInstances(unnamed));
    expect(server.actions()).toEqual(["CreateInstances"]);
    expect([e.code, e.httpStatus, e.attempts, e.ambiguous, e.retryable]).toEqual(["SERVICE_TEMPORARY_UNAVAILABLE", 503, 1, true, false]);
    expect(e.message).toContain("CreateInstances may have created the instance although no clear answer arrived; it was not sent again");
    expect(e.message).toContain("DescribeInstances in zone SEL-A for instances created after 2025-01-01T00:00:00.000Z");
    expect(events).toEqual([]);
  });

  test("does not reconcile or repeat an ambiguous create of several instances", async () => {
    handler = scenario(() => apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE"), () => [instance()]);
    const { client } = harness(server.domain);
    const e = await failure(client.createInstances({ ...CREATE_REQUEST, instanceCount: 2 }));
    expect(server.actions()).toEqual(["CreateInstances"]);
    expect(e.message).toMatch(/not sent again.*instanceCount is above 1/);
  });

  test("does not re-POST after a 200 it cannot parse when nothing is found", async () => {
    handler = scenario(() => ({ status: 200, raw: "not json" }));
    const { client } = harness(server.domain);
    const e = await failure(client.createInstances(CREATE_REQUEST));
    expect([e.code, e.httpStatus]).toEqual(["INVALID_RESPONSE", 200]);
    expect(server.actions().filter((a) => a === "CreateInstances")).toHaveLength(1);
  });

  test("does not retry a business error", async () => {
    handler = () => apiError(400, "INVALID_PARAMETER", "instanceType is invalid");
    const { client } = harness(server.domain);
    const e = await failure(client.createInstances(CREATE_REQUEST));
    expect([e.code, e.attempts, e.ambiguous]).toEqual(["INVALID_PARAMETER", 1, false]);
    expect(server.actions()).toEqual(["CreateInstances"]);
  });
});

describe("ModifyInstanceBandwidth", () => {
  const req = { instanceId: "ins-1", internetMaxBandwidthOut: 10 };
  test("is not repeated after an ambiguous 503, and says how to check", async () => {
    handler = () => apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE");
    const { client } = harness(server.domain);
    const e = await failure(client.modifyInstanceBandwidth(req));
    expect(server.requests).toHaveLength(1);
    expect(e.message).toContain("Check DescribeInstanceInternetStatus for instance ins-1 before retrying.");
  });

  test("is repeated after a 429", async () => {
    handler = (_r, n) => (n === 1 ? apiError(429, "REQUEST_LIMIT_EXCEEDED") : ok({ orderNumber: "ord-1" }));
    const { client } = harness(server.domain);
    await expect(client.modifyInstanceBandwidth(req)).resolves.toEqual({ requestId: expect.any(String), orderNumber: "ord-1" });
    expect(server.requests).toHaveLength(2);
  });
});

describe("TerminateInstance", () => {
  test("is repeated after an ambiguous 503 because repeating it is safe", async () => {
    handler = (_r, n) => (n === 1 ? apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE") : ok());
    const { client } = harness(server.domain);
    await expect(client.terminateInstance({ instanceId: "ins-1" })).resolves.toEqual({ requestId: expect.any(String) });
    expect(server.actions()).toEqual(["TerminateInstance", "TerminateInstance"]);
  });
});
