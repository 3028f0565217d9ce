/**
 * ZC2-HMAC-SHA256 request signing (Zenlayer's "Signature" documentation). Pure: no clock, no I/O, so
 * the known-answer vector from Zenlayer's documentation can be checked byte for byte and the
 * transport can re-sign every attempt with a fresh timestamp.
 */
import { createHash, createHmac } from "node:crypto";

/** The only signature method the API accepts; also the `X-ZC-Signature-Method` header value. */
export const SIGNATURE_METHOD = "ZC2-HMAC-SHA256";

/** Headers covered by the signature, in canonical (sorted, lower-case) order. */
export const SIGNED_HEADERS = "content-type;host";

/** What `signRequest` needs: the exact bytes and header values that will be sent. */
export interface SignInput {
  accessKeyId: string;
  accessKeyPassword: string;
  /** The request body exactly as sent (the signature covers these bytes). */
  body: string;
  /** The Content-Type header exactly as sent. */
  contentType: string;
  /** The Host header exactly as sent, port included when there is one. */
  host: string;
  /** Unix time in seconds; also sent as `X-ZC-Timestamp`. */
  timestamp: number;
}

/** The signature and its intermediate hash (exposed so a mismatch can be diagnosed). */
export interface SignOutput {
  authorization: string;
  signature: string;
  hashedCanonicalRequest: string;
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

/**
 * The canonical request: the URI is always "/" and the query always empty, because every action
 * is a POST to the same path with its parameters in the body.
 */
export function canonicalRequest(input: Pick<SignInput, "body" | "contentType" | "host">): string {
  return [
    "POST",
    "/",
    "",
    `content-type:${input.contentType}`,
    `host:${input.host}`,
    "",
    SIGNED_HEADERS,
    sha256Hex(input.body),
  ].join("\n");
}

/** The string the HMAC is computed over. */
export function stringToSign(timestamp: number, hashedCanonicalRequest: string): string {
  return `${SIGNATURE_METHOD}\n${timestamp}\n${hashedCanonicalRequest}`;
}

/**
 * Signs one request. The key is the access key password itself (no key derivation, unlike AWS
 * SigV4), so the result must never be logged next to anything that reveals the string signed.
 */
export function signRequest(input: SignInput): SignOutput {
  const hashedCanonicalRequest = sha256Hex(canonicalRequest(input));
  const signature = createHmac("sha256", input.accessKeyPassword)
    .update(stringToSign(input.timestamp, hashedCanonicalRequest), "utf8")
    .digest("hex");
  const authorization =
    `${SIGNATURE_METHOD} Credential=${input.accessKeyId}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`;
  return { authorization, signature, hashedCanonicalRequest };
}
