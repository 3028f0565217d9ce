import { signRequest, ZenlayerApiError } from "../../../provider/client";
import {
  ACCESS_KEY_ID, ACCESS_KEY_PASSWORD, apiError, closedPort, type FakeServer, harness, type Handler, instance, ok,
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

describe("requests", () => {
  test("POSTs compact JSON to /api/v2/vm with the documented headers and a valid signature", async () => {
    handler = () => ok({ totalCount: 0, dataSet: [] });
    const { client, clock } = harness(server.domain);
    await client.describeInstances({ zoneId: "HKG-A", pageNum: 1, pageSize: 10 });
    const [req] = server.requests;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe("/api/v2/vm");
    expect(req?.body).toBe('{"zoneId":"HKG-A","pageNum":1,"pageSize":10}');
    const h = req!.headers;
    expect(h["x-zc-action"]).toBe("DescribeInstances");
    expect(h["x-zc-version"]).toBe("2023-03-13");
    expect(h["x-zc-signature-method"]).toBe("ZC2-HMAC-SHA256");
    expect(h["x-zc-timestamp"]).toBe(String(Math.floor(clock.ms / 1000)));
    expect(h["x-zc-request-client"]).toBe("pulumi-zenlayer-vm");
    expect(h["content-type"]).toBe("application/json");
    expect(h.host).toBe(server.domain);
    const expected = signRequest({
      accessKeyId: ACCESS_KEY_ID, accessKeyPassword: ACCESS_KEY_PASSWORD, body: req!.body,
      contentType: String(h["content-type"]), host: String(h.host), timestamp: Number(h["x-zc-timestamp"]),
    });
    expect(h.authorization).toBe(expected.authorization);
  });

  test("sends {} for an action without parameters and honours apiVersion and requestClient options", async () => {
    handler = () => ok({ zoneSet: [{ zoneId: "SEL-A", zoneName: "Seoul" }] });
    const { client } = harness(server.domain, { apiVersion: "2026-04-01", requestClient: "my-tool 1.0" });
    const res = await client.describeZones({});
    expect(res.zoneSet).toEqual([{ zoneId: "SEL-A", zoneName: "Seoul" }]);
    expect(server.requests[0]?.body).toBe("{}");
    expect(server.requests[0]?.headers["x-zc-version"]).toBe("2026-04-01");
    expect(server.requests[0]?.headers["x-zc-request-client"]).toBe("my-tool 1.0");
  });

  test("re-signs every retry with a fresh timestamp", async () => {
    handler = (_r, n) => (n < 3 ? apiError(429, "REQUEST_LIMIT_EXCEEDED", "slow down", { "retry-after": "2" }) : ok());
    const { client } = harness(server.domain);
    await client.terminateInstance({ instanceId: "ins-1" });
    const stamps = server.requests.map((r) => Number(r.headers["x-zc-timestamp"]));
    expect(new Set(stamps).size).toBe(3);
    expect(new Set(server.requests.map((r) => r.headers.authorization)).size).toBe(3);
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1);
  });
});

describe("responses", () => {
  test("parses instances, tolerating unknown fields and reading null as absent", async () => {
    handler = () => ok({
      totalCount: 1,
      dataSet: [instance({ keyId: null, subnetId: null, publicIpAddresses: null, nic: null, tags: { tags: [{ key: "k", value: null }] }, brandNew: { x: 1 } })],
      futureField: true,
    });
    const { client } = harness(server.domain);
    const res = await client.describeInstances({ instanceIds: ["ins-0001"] });
    const info = res.dataSet[0]!;
    expect(res.totalCount).toBe(1);
    expect(info.instanceId).toBe("ins-0001");
    expect(info.publicIpAddresses).toEqual([]);
    expect(info.keyId).toBeUndefined();
    expect(info.nic).toBeUndefined();
    expect(info.tags?.tags).toEqual([{ key: "k", value: undefined }]);
  });

  test("turns an error envelope into a ZenlayerApiError with the HTTP status and request id", async () => {
    handler = () => ({ status: 403, json: { requestId: "T-ABC", code: "OPERATION_DENIED_INSTANCE_CREATING", message: "Operations on instances in CREATING status are not supported." } });
    const { client } = harness(server.domain);
    const e = await failure(client.terminateInstance({ instanceId: "ins-1" }));
    expect(e.message).toBe("TerminateInstance failed: 403 OPERATION_DENIED_INSTANCE_CREATING: Operations on instances in CREATING status are not supported. (request id T-ABC, after 1 attempt)");
    expect([e.httpStatus, e.code, e.requestId, e.attempts, e.retryable]).toEqual([403, "OPERATION_DENIED_INSTANCE_CREATING", "T-ABC", 1, false]);
  });

  test("treats an error envelope answered with HTTP 200 as an error", async () => {
    handler = () => ({ status: 200, json: { requestId: "T-1", code: "INVALID_PARAMETER", message: "bad" } });
    const e = await failure(harness(server.domain).client.startInstances({ instanceIds: ["i"] }));
    expect([e.httpStatus, e.code]).toEqual([200, "INVALID_PARAMETER"]);
  });

  test.each<[string, Handler, RegExp]>([
    ["a body that is not JSON", () => ({ status: 200, raw: "<html>oops</html>" }), /response is not JSON \(text\/html, 17 bytes\)/],
    ["an empty body", () => ({ status: 200, raw: "" }), /not JSON \(empty body\)/],
    ["JSON null", () => ({ status: 200, json: null }), /no "response" object/],
    ["a reply without response", () => ({ status: 200, json: { requestId: "T-2" } }), /no "response" object/],
    ["wrong field types", () => ok({ totalCount: 1, dataSet: [{ instanceId: 42 }] }), /unexpected response: dataSet\.0\.instanceId/],
    ["dataSet not a list", () => ok({ dataSet: "nope" }), /unexpected response: dataSet/],
    ["no request id anywhere", () => ({ status: 200, json: { response: { dataSet: [] } } }), /no requestId/],
    ["an error status with JSON but no envelope", () => ({ status: 404, json: { error: "nope" } }), /HTTP 404 without an error envelope/],
    ["an error status with a non-JSON page", () => ({ status: 404, raw: "not found" }), /not JSON \(text\/html, 9 bytes\)/],
  ])("reports %s as INVALID_RESPONSE naming the action, without retrying", async (_label, h, message) => {
    handler = h;
    const { client } = harness(server.domain);
    const e = await failure(client.describeInstances({}));
    expect(e.code).toBe("INVALID_RESPONSE");
    expect(e.message).toMatch(/^DescribeInstances failed: \d+ INVALID_RESPONSE: /);
    expect(e.message).toMatch(message);
    expect(server.requests).toHaveLength(1);
  });
});

describe("retries", () => {
  test.each<[string, Handler]>([
    ["REQUEST_LIMIT_EXCEEDED (429)", () => apiError(429, "REQUEST_LIMIT_EXCEEDED")],
    ["a bare 429 page", () => ({ status: 429, raw: "Too Many Requests" })],
    ["REQUEST_LIMIT_EXCEEDED with HTTP 400", () => apiError(400, "REQUEST_LIMIT_EXCEEDED")],
    ["SERVICE_TEMPORARY_UNAVAILABLE", () => apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE")],
    ["INTERNAL_SERVER_ERROR", () => apiError(500, "INTERNAL_SERVER_ERROR")],
    ["REQUEST_TIMED_OUT", () => apiError(504, "REQUEST_TIMED_OUT")],
    ["a 502 gateway page", () => ({ status: 502, raw: "<html>Bad Gateway</html>" })],
    ["a 503 without envelope", () => ({ status: 503, raw: "" })],
    ["a 504 with an unknown code", () => apiError(504, "GATEWAY_SOMETHING")],
    ["a connection reset", () => "reset"],
  ])("retries %s and succeeds", async (_label, h) => {
    handler = (req, n) => (n === 1 ? h(req, n) : ok({ totalCount: 0, dataSet: [] }));
    const { client, events } = harness(server.domain);
    await expect(client.describeInstances({})).resolves.toMatchObject({ totalCount: 0 });
    expect(server.requests).toHaveLength(2);
    expect(events).toEqual([expect.objectContaining({ type: "retry", action: "DescribeInstances", attempt: 1 })]);
  });

  test.each<[number, string]>([
    [403, "OPERATION_DENIED_INSTANCE_CREATING"],
    [403, "OPERATION_DENIED_INSTANCE_STATUS_INSTALLING"],
    [404, "INVALID_INSTANCE_NOT_FOUND"],
    [400, "UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE"],
    [400, "INVALID_PARAMETER"],
    [401, "AUTH_FAILURE"],
    [500, "UNKNOWN_ERROR"],
  ])("does not retry %i %s", async (status, code) => {
    handler = () => apiError(status, code);
    const { client, sleeps, events } = harness(server.domain);
    const e = await failure(client.terminateInstance({ instanceId: "ins-1" }));
    expect([e.httpStatus, e.code, e.attempts, e.retryable]).toEqual([status, code, 1, false]);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(events).toEqual([]);
  });

  test("retries REQUEST_LIMIT_EXCEEDED honouring Retry-After in seconds", async () => {
    handler = (_r, n) => (n === 1 ? apiError(429, "REQUEST_LIMIT_EXCEEDED", "slow", { "retry-after": "3" }) : ok({ totalCount: 0, dataSet: [] }));
    const { client, sleeps, events } = harness(server.domain);
    await client.describeInstances({});
    expect(sleeps).toEqual([3000]);
    expect(events).toEqual([{ type: "retry", action: "DescribeInstances", attempt: 1, delayMs: 3000, reason: "429 REQUEST_LIMIT_EXCEEDED" }]);
  });

  test("honours Retry-After given as an HTTP date", async () => {
    const { client, sleeps, clock } = harness(server.domain);
    handler = (_r, n) => (n === 1
      ? apiError(429, "REQUEST_LIMIT_EXCEEDED", "slow", { "retry-after": new Date(clock.ms + 5000).toUTCString() })
      : ok({ totalCount: 0, dataSet: [] }));
    await client.describeInstances({});
    expect(sleeps).toEqual([5000]);
  });

  test("backs off exponentially with full jitter, capped, emitting each event before its sleep", async () => {
    handler = (_r, n) => (n < 6 ? apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE") : ok({ totalCount: 0, dataSet: [] }));
    const { client, sleeps, timeline } = harness(server.domain, { retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 500 } });
    await client.describeInstances({});
    expect(sleeps).toEqual([50, 100, 200, 250, 250]); // random 0.5 of 100, 200, 400, 500 (cap), 500
    expect(timeline).toEqual(sleeps.flatMap((ms) => ["event retry", `sleep ${ms}`]));
  });

  test("gives up after maxAttempts with the last error and the attempts on it", async () => {
    handler = (_r, n) => apiError(503, "SERVICE_TEMPORARY_UNAVAILABLE", `busy ${n}`);
    const { client, sleeps } = harness(server.domain, { retry: { maxAttempts: 3 } });
    const e = await failure(client.describeInstances({}));
    expect([e.code, e.attempts, e.retryable, e.apiMessage]).toEqual(["SERVICE_TEMPORARY_UNAVAILABLE", 3, true, "busy 3"]);
    expect(e.message).toMatch(/after 3 attempts\)$/);
    expect(e.attemptLog.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(sleeps).toHaveLength(2);
  });

  test("gives up before sleeping past maxTotalDelayMs", async () => {
    handler = () => apiError(429, "REQUEST_LIMIT_EXCEEDED", "slow", { "retry-after": "2" });
    const { client, sleeps } = harness(server.domain, { retry: { maxAttempts: 10, maxTotalDelayMs: 5000 } });
    const e = await failure(client.describeInstances({}));
    expect(sleeps).toEqual([2000, 2000]);
    expect(e.attempts).toBe(3);
  });

  test("gives up when Retry-After is longer than maxRetryAfterMs, saying so", async () => {
    handler = () => apiError(429, "REQUEST_LIMIT_EXCEEDED", "slow", { "retry-after": "600" });
    const { client, sleeps } = harness(server.domain);
    const e = await failure(client.describeInstances({}));
    expect(sleeps).toEqual([]);
    expect(e.message).toMatch(/asked to wait 600 s/);
  });

  test("turns a per-request timeout into REQUEST_TIMEOUT and retries it for a describe", async () => {
    handler = (_r, n) => (n === 1 ? "hang" : ok({ totalCount: 0, dataSet: [] }));
    const { client, events } = harness(server.domain, { requestTimeoutMs: 100 });
    await client.describeInstances({});
    expect(events[0]).toMatchObject({ type: "retry", reason: "REQUEST_TIMEOUT (ETIMEDOUT)" });
  });

  test("reports REQUEST_TIMEOUT with the attempts when every attempt times out", async () => {
    handler = () => "hang";
    const { client } = harness(server.domain, { requestTimeoutMs: 50, retry: { maxAttempts: 2 } });
    const e = await failure(client.describeInstances({}));
    expect([e.code, e.attempts, e.httpStatus]).toEqual(["REQUEST_TIMEOUT", 2, undefined]);
    expect(e.message).toMatch(/^DescribeInstances failed: REQUEST_TIMEOUT: no complete response within 50 ms \(after 2 attempts\)$/);
  });

  test("retries a refused connection, even for CreateInstances, and reports NETWORK_ERROR", async () => {
    const port = await closedPort();
    const { client, events } = harness(`127.0.0.1:${port}`, { retry: { maxAttempts: 3 } });
    const e = await failure(client.createInstances({ zoneId: "SEL-A", instanceType: "c.1c2g", imageId: "img", instanceChargeType: "POSTPAID", internetChargeType: "ByBandwidth" }));
    expect([e.code, e.attempts, e.retryable, e.ambiguous]).toEqual(["NETWORK_ERROR", 3, true, false]);
    expect(e.message).toContain("ECONNREFUSED");
    expect(events.map((ev) => ev.type === "retry" && ev.reason)).toEqual(["NETWORK_ERROR (ECONNREFUSED)", "NETWORK_ERROR (ECONNREFUSED)"]);
    expect(client.stats).toEqual({ attempts: { CreateInstances: 3 }, total: 3 });
  });

  test("keeps working when the event hook throws", async () => {
    handler = (_r, n) => (n === 1 ? apiError(429, "REQUEST_LIMIT_EXCEEDED") : ok());
    const { client } = harness(server.domain, { onEvent: () => { throw new Error("hook bug"); } });
    await expect(client.startInstances({ instanceIds: ["i"] })).resolves.toEqual({ requestId: expect.any(String) });
  });
});

describe("stats", () => {
  test("counts every HTTP attempt per action, and resets", async () => {
    handler = (req, n) => (n === 1 ? apiError(429, "REQUEST_LIMIT_EXCEEDED") : req.action === "DescribeInstancesStatus" ? ok({ totalCount: 0, dataSet: [] }) : ok());
    const { client } = harness(server.domain);
    await client.stopInstances({ instanceIds: ["i"], forceShutdown: true });
    await client.describeInstancesStatus({ instanceIds: ["i"] });
    await client.describeInstancesStatus({ instanceIds: ["i"] });
    expect(client.stats).toEqual({ attempts: { StopInstances: 2, DescribeInstancesStatus: 2 }, total: 4 });
    const snapshot = client.stats;
    snapshot.attempts.StopInstances = 99;
    expect(client.stats.attempts.StopInstances).toBe(2);
    client.resetStats();
    expect(client.stats).toEqual({ attempts: {}, total: 0 });
  });
});
