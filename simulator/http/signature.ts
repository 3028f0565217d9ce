import { createHash, createHmac } from "node:crypto";

/**
 * ZC2-HMAC-SHA256, written from Zenlayer's signature documentation and independently of any client, so a
 * signing bug in a client cannot be cancelled out by the same bug here. Each step is a pure
 * function so the documented known-answer vector can check them one by one.
 */

/** The only signature method Zenlayer defines. */
export const SIGNATURE_METHOD = "ZC2-HMAC-SHA256";

/** The only signed-header list Zenlayer's SDKs send. */
export const SIGNED_HEADERS = "content-type;host";

/** Lower-case hex SHA-256. */
export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The canonical request: URI "/", empty query, the two headers exactly as received, the body hash. */
export function canonicalRequest(contentType: string, host: string, body: Buffer | string): string {
  return [
    "POST",
    "/",
    "",
    `content-type:${contentType}`,
    `host:${host}`,
    "",
    SIGNED_HEADERS,
    sha256Hex(body),
  ].join("\n");
}

/** The string to sign: method, timestamp (seconds, as sent) and the hashed canonical request. */
export function stringToSign(timestamp: string, canonical: string): string {
  return `${SIGNATURE_METHOD}\n${timestamp}\n${sha256Hex(canonical)}`;
}

/** The signature: lower-case hex HMAC-SHA256 keyed by the access key password, no key derivation. */
export function computeSignature(
  accessKeyPassword: string,
  timestamp: string,
  contentType: string,
  host: string,
  body: Buffer | string,
): string {
  const toSign = stringToSign(timestamp, canonicalRequest(contentType, host, body));
  return createHmac("sha256", accessKeyPassword).update(toSign).digest("hex");
}
