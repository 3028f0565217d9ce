import { createHmac } from "node:crypto";
import { signRequest, SIGNATURE_METHOD } from "../../../provider/client";
import { canonicalRequest, sha256Hex, stringToSign } from "../../../provider/client/sign";

// The known-answer vector from Zenlayer's signature documentation.
const VECTOR = {
  accessKeyId: "documentation-key-id",
  accessKeyPassword: "Gu5t9xGARNpq86cd98joQYCN3",
  contentType: "application/json; charset=utf-8",
  host: "console.zenlayer.com",
  timestamp: 1673361177,
  body: '{"pageSize":10,"pageNum":1,"zoneId":"HKG-A"}',
};

describe("signRequest", () => {
  test("reproduces the documented known-answer vector byte for byte", () => {
    const out = signRequest(VECTOR);
    expect(out.hashedCanonicalRequest).toBe("29396f9dfa0f03820b931e8aa06e20cda197e73285ebd76aceb83f7dede493ee");
    expect(out.signature).toBe("efb356c32e55c781e10dc676da59462c22596d82e91c57803666243379555b2f");
  });

  test("builds the Authorization header from the key id, the signed headers and the signature", () => {
    const out = signRequest(VECTOR);
    expect(out.authorization).toBe(
      "ZC2-HMAC-SHA256 Credential=documentation-key-id, SignedHeaders=content-type;host, " +
        "Signature=efb356c32e55c781e10dc676da59462c22596d82e91c57803666243379555b2f");
    expect(SIGNATURE_METHOD).toBe("ZC2-HMAC-SHA256");
  });

  test("lays the canonical request out as POST, /, empty query, headers, signed headers, payload hash", () => {
    expect(canonicalRequest(VECTOR).split("\n")).toEqual([
      "POST", "/", "", "content-type:application/json; charset=utf-8", "host:console.zenlayer.com", "",
      "content-type;host", sha256Hex(VECTOR.body),
    ]);
  });

  test("computes the HMAC over the string to sign with the password as the key", () => {
    const out = signRequest(VECTOR);
    const expected = createHmac("sha256", VECTOR.accessKeyPassword)
      .update(stringToSign(VECTOR.timestamp, out.hashedCanonicalRequest)).digest("hex");
    expect(out.signature).toBe(expected);
    expect(stringToSign(1, "abc")).toBe("ZC2-HMAC-SHA256\n1\nabc");
  });

  test.each([
    ["a space in the body", { body: '{"pageSize": 10,"pageNum":1,"zoneId":"HKG-A"}' }],
    ["a port in the host", { host: "console.zenlayer.com:443" }],
    ["another content type", { contentType: "application/json" }],
    ["another timestamp", { timestamp: VECTOR.timestamp + 1 }],
  ])("changes the signature for %s", (_label, change) => {
    expect(signRequest({ ...VECTOR, ...change }).signature).not.toBe(signRequest(VECTOR).signature);
  });

  test("is pure: the same input always gives the same output", () => {
    expect(signRequest(VECTOR)).toEqual(signRequest({ ...VECTOR }));
  });
});
