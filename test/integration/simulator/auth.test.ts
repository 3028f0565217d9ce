import { callApi, callControl, send, zc2Signature, type Reply } from "./helpers/zc-client";
import { FakeClock, createOne, startTestSim, stopAll } from "./helpers/fixtures";
import type { RunningSimulator } from "../../../simulator";

afterEach(stopAll);

/** Asserts an error envelope with this HTTP status and code, and a request id. */
async function expectError(promise: ReturnType<typeof callApi>, status: number, code: string) {
  const reply = await promise;
  expect({ status: reply.status, code: reply.body?.code }).toEqual({ status, code });
  expect(reply.body.requestId).toMatch(/^T[0-9A-F-]{36}$/);
  return reply;
}

describe("the documented known-answer signature vector", () => {
  it("is accepted byte for byte when the simulator clock is at 1673361177", async () => {
    const clock = new FakeClock(1673361177 * 1000);
    const sim = await startTestSim({ clock: clock.fn, accessKeyId: "doc-key", accessKeyPassword: "Gu5t9xGARNpq86cd98joQYCN3" });
    const reply = await callApi(sim, "DescribeImages", undefined, {
      rawBody: '{"pageSize":10,"pageNum":1,"zoneId":"HKG-A"}',
      host: "console.zenlayer.com",
      contentType: "application/json; charset=utf-8",
      timestamp: 1673361177,
      signature: "efb356c32e55c781e10dc676da59462c22596d82e91c57803666243379555b2f",
    });
    expect(reply.status).toBe(200);
    expect(reply.body.response.dataSet.length).toBeGreaterThan(0);
  });

  it("is rejected with REQUEST_EXPIRED at today's real time", async () => {
    const sim = await startTestSim({ accessKeyId: "doc-key", accessKeyPassword: "Gu5t9xGARNpq86cd98joQYCN3" });
    const reply = await callApi(sim, "DescribeImages", undefined, {
      rawBody: '{"pageSize":10,"pageNum":1,"zoneId":"HKG-A"}',
      host: "console.zenlayer.com",
      contentType: "application/json; charset=utf-8",
      timestamp: 1673361177,
      signature: "efb356c32e55c781e10dc676da59462c22596d82e91c57803666243379555b2f",
    });
    expect([reply.status, reply.body.code]).toEqual([401, "REQUEST_EXPIRED"]);
  });
});

describe("services: vm and zrm, each with its own path and version", () => {
  let sim: RunningSimulator;
  beforeEach(async () => { sim = await startTestSim(); });

  it("serves the Resource Manager at /api/v2/zrm with version 2025-10-14 only", async () => {
    const zrm = { path: "/api/v2/zrm", version: "2025-10-14" };
    const unknown = await callApi(sim, "DescribeResourceTags", { resourceUuid: "ins-none" }, zrm);
    expect([unknown.status, unknown.body.code]).toEqual([404, "OPERATION_FAILED_RESOURCE_NOT_FOUND"]);
    await expectError(callApi(sim, "DescribeResourceTags", { resourceUuid: "ins-none" }, { path: "/api/v2/zrm" }), 400, "UNSUPPORTED_VERSION");
    await expectError(callApi(sim, "DescribeZones", {}, { version: "2025-10-14" }), 400, "UNSUPPORTED_VERSION");
    await expectError(callApi(sim, "DescribeZones", {}, zrm), 400, "UNSUPPORTED_ACTION");
    await expectError(callApi(sim, "ModifyResourceTags", {}, { version: "2023-03-13" }), 400, "UNSUPPORTED_ACTION");
  });

  it("answers an action of the other VM API version exactly as an action nobody has", async () => {
    const anonymised = (reply: Reply) => ({ status: reply.status, keys: Object.keys(reply.body).sort(), code: reply.body.code, message: reply.body.message.replace(/ \S+ is not/, " X is not") });
    const vncIn2023 = await callApi(sim, "DescribeVncUrl", { instanceId: "ins-none" }, { version: "2023-03-13" });
    const unknownIn2023 = await callApi(sim, "NoSuchAction", { instanceId: "ins-none" }, { version: "2023-03-13" });
    expect(anonymised(vncIn2023)).toEqual(anonymised(unknownIn2023));
    expect([vncIn2023.status, vncIn2023.body.code]).toEqual([400, "UNSUPPORTED_ACTION"]);
    const vncIn2026 = await callApi(sim, "DescribeVncUrl", { instanceId: "ins-none" }, { version: "2026-04-01" });
    expect([vncIn2026.status, vncIn2026.body.code]).toEqual([404, "INVALID_INSTANCE_NOT_FOUND"]);
  });

  it("refuses a request parameter of the other VM API version instead of ignoring it", async () => {
    const id = await createOne(sim);
    const reply = await callApi(sim, "ResetInstance", { instanceId: id, instanceName: "renamed" }, { version: "2023-03-13" });
    expect([reply.status, reply.body.code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    expect(reply.body.message).toMatch(/`instanceName` is a parameter of ResetInstance in VM API 2026-04-01, not in 2023-03-13/);
  });

  it("answers UNSUPPORTED_SERVICE for an unknown service and for an X-ZC-Service that contradicts the path", async () => {
    await expectError(callApi(sim, "DescribeZones", {}, { path: "/api/v2/bmc" }), 400, "UNSUPPORTED_SERVICE");
    await expectError(callApi(sim, "DescribeZones", {}, { headers: { "x-zc-service": "zrm" } }), 400, "UNSUPPORTED_SERVICE");
    const agreeing = await callApi(sim, "DescribeZones", {}, { headers: { "x-zc-service": "vm" } });
    expect(agreeing.status).toBe(200);
  });
});

describe("request authentication", () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    sim = await startTestSim({ credentials: [{ accessKeyId: "second-key", accessKeyPassword: "second-secret" }] });
  });


  it("accepts a correctly signed request and answers with matching request ids", async () => {
    const reply = await callApi(sim, "DescribeZones", {});
    expect(reply.status).toBe(200);
    expect(reply.body.requestId).toBe(reply.body.response.requestId);
    expect(reply.body.response.zoneSet.map((z: { zoneId: string }) => z.zoneId)).toEqual(["SEL-A", "HKG-A", "FRA-A"]);
  });

  it("accepts the Java SDK's content type and the 2026-04-01 version", async () => {
    const reply = await callApi(sim, "DescribeZones", {}, { contentType: "application/json; charset=utf-8", version: "2026-04-01" });
    expect(reply.status).toBe(200);
  });

  it("accepts any configured extra credential pair", async () => {
    const reply = await callApi(sim, "DescribeZones", {}, { accessKeyId: "second-key", accessKeyPassword: "second-secret" });
    expect(reply.status).toBe(200);
  });

  it("looks header names up case-insensitively", async () => {
    const body = "{}";
    const ts = String(Math.floor(Date.now() / 1000));
    const host = new URL(sim.url).host;
    const signature = zc2Signature(sim.accessKeyPassword, ts, "application/json", host, body);
    const reply = await send(sim.url, "POST", "/api/v2/vm", {
      "CONTENT-TYPE": "application/json", "X-Zc-ACTION": "DescribeZones", "x-ZC-version": "2023-03-13", "X-ZC-TIMESTAMP": ts,
      "x-zc-signature-METHOD": "ZC2-HMAC-SHA256",
      AUTHORIZATION: `ZC2-HMAC-SHA256 Credential=${sim.accessKeyId}, SignedHeaders=content-type;host, Signature=${signature}`,
    }, body);
    expect(reply.status).toBe(200);
  });

  it("answers 401 INVALID_ACCESS_KEY_ID for an unknown access key id", async () => {
    await expectError(callApi(sim, "DescribeZones", {}, { accessKeyId: "nobody" }), 401, "INVALID_ACCESS_KEY_ID");
  });

  it("answers 401 SIGNATURE_MISMATCH for a wrong password, a tampered signature or a re-encoded body", async () => {
    await expectError(callApi(sim, "DescribeZones", {}, { accessKeyPassword: "wrong" }), 401, "SIGNATURE_MISMATCH");
    await expectError(callApi(sim, "DescribeZones", {}, { signature: "0".repeat(64) }), 401, "SIGNATURE_MISMATCH");
    // Signed for one Host, sent with another: the host line must be the header exactly as sent.
    const signedElsewhere = zc2Signature(sim.accessKeyPassword, String(Math.floor(Date.now() / 1000)), "application/json", "localhost:1", "{}");
    await expectError(callApi(sim, "DescribeZones", {}, { signature: signedElsewhere }), 401, "SIGNATURE_MISMATCH");
  });

  it("answers 401 AUTH_FAILURE when an authentication header is missing or malformed", async () => {
    await expectError(callApi(sim, "DescribeZones", {}, { headers: { authorization: undefined } }), 401, "AUTH_FAILURE");
    await expectError(callApi(sim, "DescribeZones", {}, { headers: { "x-zc-timestamp": undefined } }), 401, "AUTH_FAILURE");
    await expectError(callApi(sim, "DescribeZones", {}, { headers: { "x-zc-signature-method": undefined } }), 401, "AUTH_FAILURE");
    await expectError(callApi(sim, "DescribeZones", {}, { headers: { authorization: "Basic dXNlcjpwYXNz" } }), 401, "AUTH_FAILURE");
    await expectError(callApi(sim, "DescribeZones", {}, { timestamp: "yesterday" }), 401, "AUTH_FAILURE");
  });

  it("answers 401 REQUEST_EXPIRED beyond 5 minutes of skew, and hints at milliseconds", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await callApi(sim, "DescribeZones", {}, { timestamp: now - 290 })).status).toBe(200);
    await expectError(callApi(sim, "DescribeZones", {}, { timestamp: now - 600 }), 401, "REQUEST_EXPIRED");
    await expectError(callApi(sim, "DescribeZones", {}, { timestamp: now + 600 }), 401, "REQUEST_EXPIRED");
    const ms = await expectError(callApi(sim, "DescribeZones", {}, { timestamp: Date.now() }), 401, "REQUEST_EXPIRED");
    expect(ms.body.message).toMatch(/milliseconds/);
  });

  it("answers 400 UNSUPPORTED_ACTION for an unknown or missing action, after authentication", async () => {
    await expectError(callApi(sim, "DescribeEverything", {}), 400, "UNSUPPORTED_ACTION");
    await expectError(callApi(sim, "", {}, { headers: { "x-zc-action": undefined } }), 400, "UNSUPPORTED_ACTION");
    await expectError(callApi(sim, "DescribeEverything", {}, { accessKeyPassword: "wrong" }), 401, "SIGNATURE_MISMATCH");
  });

  it("answers 400 INVALID_JSON_BODY for a body that is not a JSON object", async () => {
    await expectError(callApi(sim, "DescribeZones", undefined, { rawBody: "{not json" }), 400, "INVALID_JSON_BODY");
    await expectError(callApi(sim, "DescribeZones", undefined, { rawBody: "[1,2]" }), 400, "INVALID_JSON_BODY");
  });

  it("answers 400 UNSUPPORTED_VERSION and 415 UNSUPPORTED_CONTENT_TYPE", async () => {
    await expectError(callApi(sim, "DescribeZones", {}, { version: "2020-01-01" }), 400, "UNSUPPORTED_VERSION");
    await expectError(callApi(sim, "DescribeZones", {}, { contentType: "text/plain" }), 415, "UNSUPPORTED_CONTENT_TYPE");
  });

  it("answers 404 ROUTE_NOT_FOUND for other paths and 405 for other methods on the API path", async () => {
    const other = await send(sim.url, "POST", "/api/other", {}, "{}");
    expect([other.status, other.body.code]).toEqual([404, "ROUTE_NOT_FOUND"]);
    expect(other.body.requestId).toMatch(/^T/);
    const get = await send(sim.url, "GET", "/api/v2/vm", {}, "");
    expect([get.status, get.body.code]).toEqual([405, "METHOD_NOT_ALLOWED"]);
    const control = await callControl(sim, "GET", "/_sim/nothing");
    expect([control.status, control.body.code]).toEqual([404, "ROUTE_NOT_FOUND"]);
  });
});
