import { classifyFailure, decideRetry, isIdempotent } from "../../../provider/client";
import type { AttemptFailure } from "../../../provider/client/retry-policy";

const f = (x: Partial<AttemptFailure>): AttemptFailure => ({ code: "X", apiMessage: "m", ...x });

describe("classifyFailure", () => {
  test.each<[string, Partial<AttemptFailure>, string]>([
    ["HTTP 429 whatever the code", { httpStatus: 429, code: "INVALID_RESPONSE" }, "THROTTLING"],
    ["REQUEST_LIMIT_EXCEEDED whatever the status", { httpStatus: 400, code: "REQUEST_LIMIT_EXCEEDED" }, "THROTTLING"],
    ["SERVICE_TEMPORARY_UNAVAILABLE", { httpStatus: 503, code: "SERVICE_TEMPORARY_UNAVAILABLE" }, "TRANSIENT"],
    ["INTERNAL_SERVER_ERROR", { httpStatus: 500, code: "INTERNAL_SERVER_ERROR" }, "TRANSIENT"],
    ["REQUEST_TIMED_OUT", { httpStatus: 504, code: "REQUEST_TIMED_OUT" }, "TRANSIENT"],
    ["a 502 gateway page", { httpStatus: 502, code: "INVALID_RESPONSE" }, "TRANSIENT"],
    ["a 503 with an unknown code", { httpStatus: 503, code: "SOMETHING" }, "TRANSIENT"],
    ["another 5xx", { httpStatus: 500, code: "UNKNOWN_ERROR" }, "SERVER_ERROR"],
    ["connection refused", { code: "NETWORK_ERROR", errno: "ECONNREFUSED", requestSent: false }, "UNSENT"],
    ["DNS failure", { code: "NETWORK_ERROR", errno: "EAI_AGAIN" }, "UNSENT"],
    ["a timeout before connecting", { code: "REQUEST_TIMEOUT", errno: "ETIMEDOUT", requestSent: false }, "UNSENT"],
    ["a timeout after sending", { code: "REQUEST_TIMEOUT", errno: "ETIMEDOUT", requestSent: true }, "TRANSIENT"],
    ["a reset after sending", { code: "NETWORK_ERROR", errno: "ECONNRESET", requestSent: true }, "TRANSIENT"],
    ["a bad certificate", { code: "NETWORK_ERROR", errno: "DEPTH_ZERO_SELF_SIGNED_CERT", requestSent: true }, "CLIENT_ERROR"],
    ["a 200 we could not parse", { httpStatus: 200, code: "INVALID_RESPONSE" }, "INVALID_RESPONSE"],
    ["OPERATION_DENIED_INSTANCE_CREATING", { httpStatus: 403, code: "OPERATION_DENIED_INSTANCE_CREATING" }, "CLIENT_ERROR"],
    ["INVALID_INSTANCE_NOT_FOUND", { httpStatus: 404, code: "INVALID_INSTANCE_NOT_FOUND" }, "CLIENT_ERROR"],
    ["a 401", { httpStatus: 401, code: "AUTH_FAILURE" }, "CLIENT_ERROR"],
  ])("classifies %s", (_label, failure, expected) => {
    expect(classifyFailure(f(failure))).toBe(expected);
  });
});

describe("decideRetry", () => {
  test("treats every Describe* and the converging modifies as idempotent, and nothing else", () => {
    for (const a of ["DescribeInstances", "DescribeInstancesStatus", "DescribeImages", "DescribeInstanceInternetStatus",
      "ModifyInstancesAttribute", "ModifyInstancesResourceGroup", "ResetInstancesPassword", "StartInstances",
      "StopInstances", "ReleaseInstances", "TerminateInstance"]) expect(isIdempotent(a)).toBe(true);
    for (const a of ["CreateInstances", "ModifyInstanceBandwidth", "RebootInstances", "SomethingNew"]) expect(isIdempotent(a)).toBe(false);
  });

  test.each<[string, string, string]>([
    ["DescribeInstances", "TRANSIENT", "retry"],
    ["TerminateInstance", "TRANSIENT", "retry"],
    ["TerminateInstance", "SERVER_ERROR", "stop"],
    ["TerminateInstance", "CLIENT_ERROR", "stop"],
    ["CreateInstances", "THROTTLING", "retry"],
    ["CreateInstances", "UNSENT", "retry"],
    ["CreateInstances", "TRANSIENT", "ambiguous"],
    ["CreateInstances", "SERVER_ERROR", "ambiguous"],
    ["CreateInstances", "INVALID_RESPONSE", "ambiguous"],
    ["CreateInstances", "CLIENT_ERROR", "stop"],
    ["ModifyInstanceBandwidth", "THROTTLING", "retry"],
    ["ModifyInstanceBandwidth", "TRANSIENT", "ambiguous"],
  ])("%s after %s: %s", (action, cls, expected) => {
    expect(decideRetry(action, cls as Parameters<typeof decideRetry>[1])).toBe(expected);
  });
});
