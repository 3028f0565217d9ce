import { authenticate, parseAuthorization } from "../../../simulator/http/auth";
import { SimulatorError } from "../../../simulator/protocol/errors";
import { canonicalRequest, computeSignature, sha256Hex, stringToSign } from "../../../simulator/http/signature";

// Zenlayer's documented known-answer vector (its signature documentation).
const VECTOR = {
  password: "Gu5t9xGARNpq86cd98joQYCN3",
  contentType: "application/json; charset=utf-8",
  host: "console.zenlayer.com",
  timestamp: "1673361177",
  body: '{"pageSize":10,"pageNum":1,"zoneId":"HKG-A"}',
  hashedCanonical: "29396f9dfa0f03820b931e8aa06e20cda197e73285ebd76aceb83f7dede493ee",
  signature: "efb356c32e55c781e10dc676da59462c22596d82e91c57803666243379555b2f",
};

describe("ZC2-HMAC-SHA256 verifier building blocks", () => {
  it("hashes the canonical request of the documented vector to 29396f9d…", () => {
    const canonical = canonicalRequest(VECTOR.contentType, VECTOR.host, Buffer.from(VECTOR.body));
    expect(sha256Hex(canonical)).toBe(VECTOR.hashedCanonical);
  });

  it("builds the string to sign from method, timestamp and hashed canonical request", () => {
    const canonical = canonicalRequest(VECTOR.contentType, VECTOR.host, VECTOR.body);
    expect(stringToSign(VECTOR.timestamp, canonical)).toBe(`ZC2-HMAC-SHA256\n1673361177\n${VECTOR.hashedCanonical}`);
  });

  it("computes the documented signature efb356c3…", () => {
    expect(computeSignature(VECTOR.password, VECTOR.timestamp, VECTOR.contentType, VECTOR.host, Buffer.from(VECTOR.body))).toBe(VECTOR.signature);
  });

  it("changes the signature when the body gains a single space", () => {
    const spaced = '{"pageSize": 10,"pageNum":1,"zoneId":"HKG-A"}';
    expect(computeSignature(VECTOR.password, VECTOR.timestamp, VECTOR.contentType, VECTOR.host, spaced)).not.toBe(VECTOR.signature);
  });
});

describe("authenticate", () => {
  const headers = {
    authorization: `ZC2-HMAC-SHA256 Credential=doc-key, SignedHeaders=content-type;host, Signature=${VECTOR.signature}`,
    "x-zc-timestamp": VECTOR.timestamp,
    "x-zc-signature-method": "ZC2-HMAC-SHA256",
    "content-type": VECTOR.contentType,
    host: VECTOR.host,
  };
  const base = {
    headers,
    body: Buffer.from(VECTOR.body),
    now: 1673361177 * 1000,
    credentials: new Map([["doc-key", VECTOR.password]]),
    maxClockSkewSeconds: 300,
  };
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as SimulatorError).code;
    }
    return "accepted";
  };

  it("accepts the documented request at its own timestamp", () => {
    expect(authenticate(base)).toBe("doc-key");
  });

  it("accepts 300 s of skew and answers REQUEST_EXPIRED at 301 s, in both directions", () => {
    expect(codeOf(() => authenticate({ ...base, now: base.now + 300_000 }))).toBe("accepted");
    expect(codeOf(() => authenticate({ ...base, now: base.now + 301_000 }))).toBe("REQUEST_EXPIRED");
    expect(codeOf(() => authenticate({ ...base, now: base.now - 301_000 }))).toBe("REQUEST_EXPIRED");
  });

  it("answers SIGNATURE_MISMATCH for an upper-case signature (the docs say lower-case hex)", () => {
    const upper = { ...headers, authorization: headers.authorization.replace(VECTOR.signature, VECTOR.signature.toUpperCase()) };
    expect(codeOf(() => authenticate({ ...base, headers: upper }))).toBe("SIGNATURE_MISMATCH");
  });

  it("answers AUTH_FAILURE for other SignedHeaders or signature methods", () => {
    const signed = { ...headers, authorization: headers.authorization.replace("content-type;host", "host") };
    expect(codeOf(() => authenticate({ ...base, headers: signed }))).toBe("AUTH_FAILURE");
    expect(codeOf(() => authenticate({ ...base, headers: { ...headers, "x-zc-signature-method": "HMAC-SHA1" } }))).toBe("AUTH_FAILURE");
  });

  it("parses the Authorization header with or without spaces after commas", () => {
    expect(parseAuthorization("ZC2-HMAC-SHA256 Credential=a,SignedHeaders=content-type;host,Signature=ff")).toEqual({
      accessKeyId: "a", signedHeaders: "content-type;host", signature: "ff",
    });
    expect(() => parseAuthorization("Bearer abc")).toThrow(/must start with/);
  });
});
