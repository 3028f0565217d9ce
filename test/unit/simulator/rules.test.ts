import { readTags, checkInstanceName } from "../../../simulator/model/rules";
import { nameForIndex } from "../../../simulator/model/instance-spec";
import { ERROR_CODES } from "../../../simulator/protocol/codes";
import { errorEnvelope, apiError } from "../../../simulator/protocol/errors";

describe("instance names", () => {
  it("allows letters, digits, - and . up to 64 characters", () => {
    expect(() => checkInstanceName("web-1.prod")).not.toThrow();
    expect(() => checkInstanceName("a".repeat(64))).not.toThrow();
    expect(() => checkInstanceName("a".repeat(65))).toThrow(/1-64/);
    expect(() => checkInstanceName("web_1")).toThrow(/1-64/);
  });

  it("suffixes -1, -2 … when several instances are created, staying within 64 characters", () => {
    expect(nameForIndex("web", 0, 1)).toBe("web");
    expect(nameForIndex("web", 1, 3)).toBe("web-2");
    expect(nameForIndex("a".repeat(64), 9, 10)).toHaveLength(64);
  });
});

describe("tags", () => {
  it("reads the API's {tags:[…]} shape and rejects duplicate keys", () => {
    expect(readTags({ tags: { tags: [{ key: "a", value: "1" }, { key: "b", value: "2" }] } })).toEqual([{ key: "a", value: "1" }, { key: "b", value: "2" }]);
    expect(() => readTags({ tags: { tags: [{ key: "a", value: "1" }, { key: "a", value: "2" }] } })).toThrow(/repeats/);
  });
});

describe("error codes", () => {
  it("gives *_NOT_FOUND 404, OPERATION_DENIED_* 403 and the auth codes 401", () => {
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      if (code.endsWith("_NOT_FOUND")) expect([code, status]).toEqual([code, 404]);
      if (code.startsWith("OPERATION_DENIED_")) expect([code, status]).toEqual([code, 403]);
    }
    expect([ERROR_CODES.AUTH_FAILURE, ERROR_CODES.SIGNATURE_MISMATCH, ERROR_CODES.REQUEST_EXPIRED, ERROR_CODES.INVALID_ACCESS_KEY_ID]).toEqual([401, 401, 401, 401]);
  });

  it("always puts the request id in the error envelope", () => {
    expect(errorEnvelope("TABC", apiError("MISSING_PARAMETER", "x"))).toEqual({ requestId: "TABC", code: "MISSING_PARAMETER", message: "x" });
  });
});
