import { inspect } from "node:util";
import { isApiError, ZenlayerApiError, ZenlayerConfigError } from "../../../provider/client";
import { redactSecrets } from "../../../provider/client/errors";

const init = {
  action: "TerminateInstance", httpStatus: 403, code: "OPERATION_DENIED_INSTANCE_CREATING",
  apiMessage: "Operations on instances in CREATING status are not supported.",
  requestId: "TC1748D3E-452D-4F74-8485-7AA73718E453", attempts: 1, retryable: false,
};

describe("ZenlayerApiError", () => {
  test("reads like 'Action failed: status CODE: message (request id, attempts)'", () => {
    expect(new ZenlayerApiError(init).message).toBe(
      "TerminateInstance failed: 403 OPERATION_DENIED_INSTANCE_CREATING: Operations on instances in CREATING " +
        "status are not supported. (request id TC1748D3E-452D-4F74-8485-7AA73718E453, after 1 attempt)");
  });

  test("omits what a client-side failure does not have, and pluralizes attempts", () => {
    const e = new ZenlayerApiError({ action: "DescribeInstances", code: "NETWORK_ERROR", apiMessage: "connect ECONNREFUSED 127.0.0.1:9", attempts: 3, retryable: true });
    expect(e.message).toBe("DescribeInstances failed: NETWORK_ERROR: connect ECONNREFUSED 127.0.0.1:9 (after 3 attempts)");
    expect(e.httpStatus).toBeUndefined();
  });

  test("appends the hint", () => {
    expect(new ZenlayerApiError({ ...init, hint: "Check X." }).message).toMatch(/after 1 attempt\) Check X\.$/);
  });

  test("exposes the fields as data, names itself in the stack, and keeps the attempt log non-enumerable", () => {
    const e = new ZenlayerApiError({ ...init, attemptLog: [{ attempt: 1, code: init.code, httpStatus: 403 }] });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("ZenlayerApiError");
    expect(e.stack).toMatch(/^ZenlayerApiError: TerminateInstance failed/);
    expect([e.action, e.httpStatus, e.code, e.requestId, e.attempts, e.retryable, e.ambiguous]).toEqual(
      ["TerminateInstance", 403, init.code, init.requestId, 1, false, false]);
    expect(e.attemptLog).toEqual([{ attempt: 1, code: init.code, httpStatus: 403 }]);
    expect(Object.keys(e)).not.toContain("attemptLog");
    expect(JSON.stringify(e)).not.toContain("attemptLog");
    expect(inspect(e)).not.toContain("attemptLog");
  });
});

describe("isApiError", () => {
  const e = new ZenlayerApiError(init);
  test("matches any API error without codes, and only the listed codes with them", () => {
    expect(isApiError(e)).toBe(true);
    expect(isApiError(e, "INVALID_INSTANCE_NOT_FOUND", "OPERATION_DENIED_INSTANCE_CREATING")).toBe(true);
    expect(isApiError(e, "INVALID_INSTANCE_NOT_FOUND")).toBe(false);
  });
  test("rejects other errors and non-errors", () => {
    expect(isApiError(new Error("x"))).toBe(false);
    expect(isApiError(new ZenlayerConfigError("x"))).toBe(false);
    expect(isApiError({ code: "OPERATION_DENIED_INSTANCE_CREATING" }, "OPERATION_DENIED_INSTANCE_CREATING")).toBe(false);
    expect(isApiError(undefined)).toBe(false);
  });
});

describe("redactSecrets", () => {
  test("masks every occurrence of each secret, but not tiny strings", () => {
    expect(redactSecrets("pw Abc12345! rejected; Abc12345! again", ["Abc12345!", "ab"])).toBe("pw *** rejected; *** again");
  });
});
