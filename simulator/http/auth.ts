import { apiError } from "../protocol/errors";
import { SIGNATURE_METHOD, SIGNED_HEADERS, computeSignature } from "./signature";
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** The parts of an `Authorization` header. */
export interface AuthorizationParts { accessKeyId: string; signedHeaders: string; signature: string }

/** What authentication needs from a request. Node has already lower-cased the header names. */
export interface AuthRequest {
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The simulator clock, epoch ms. */
  now: number;
  /** Access key id → access key password. */
  credentials: ReadonlyMap<string, string>;
  maxClockSkewSeconds: number;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function fail(message: string): Error {
  return apiError("AUTH_FAILURE", message);
}

/** Parses `ZC2-HMAC-SHA256 Credential=<id>, SignedHeaders=content-type;host, Signature=<hex>`. */
export function parseAuthorization(value: string): AuthorizationParts {
  const match = /^(\S+)\s+(.*)$/.exec(value.trim());
  if (!match || match[1] !== SIGNATURE_METHOD) throw fail(`The Authorization header must start with "${SIGNATURE_METHOD} ".`);
  const fields = new Map<string, string>();
  for (const part of (match[2] ?? "").split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!accessKeyId || !signedHeaders || !signature) {
    throw fail("The Authorization header must carry Credential=, SignedHeaders= and Signature=.");
  }
  return { accessKeyId, signedHeaders, signature };
}

/**
 * Authenticates a request and returns its access key id. Checks, in order: the headers are
 * present and well-formed (AUTH_FAILURE), the key is known (INVALID_ACCESS_KEY_ID), the
 * signature matches (SIGNATURE_MISMATCH), the timestamp is within the allowed skew (REQUEST_EXPIRED).
 */
export function authenticate(request: AuthRequest): string {
  const { headers } = request;
  const authorization = header(headers, "authorization");
  const timestamp = header(headers, "x-zc-timestamp");
  const method = header(headers, "x-zc-signature-method");
  const contentType = header(headers, "content-type");
  const host = header(headers, "host");
  if (!authorization) throw fail("The Authorization header is missing.");
  if (!timestamp) throw fail("The X-ZC-Timestamp header is missing.");
  if (!/^\d{1,15}$/.test(timestamp)) throw fail("The X-ZC-Timestamp header must be a Unix time in seconds.");
  if (method !== SIGNATURE_METHOD) throw fail(`The X-ZC-Signature-Method header must be ${SIGNATURE_METHOD}.`);
  if (!contentType) throw fail("The Content-Type header is missing (it is part of the signature).");
  if (!host) throw fail("The Host header is missing (it is part of the signature).");
  const parts = parseAuthorization(authorization);
  if (parts.signedHeaders !== SIGNED_HEADERS) throw fail(`SignedHeaders must be ${SIGNED_HEADERS}.`);

  const password = request.credentials.get(parts.accessKeyId);
  if (password === undefined) throw apiError("INVALID_ACCESS_KEY_ID", "The access key id is not known to this server.");

  const expected = computeSignature(password, timestamp, contentType, host, request.body);
  const given = Buffer.from(parts.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
    throw apiError("SIGNATURE_MISMATCH", "The request signature does not match. Sign the Content-Type and Host headers exactly as sent and the SHA-256 of the exact body bytes.");
  }

  const skew = Math.abs(Math.floor(request.now / 1000) - Number(timestamp));
  if (skew > request.maxClockSkewSeconds) {
    const hint = timestamp.length >= 13 ? " (it looks like milliseconds; send seconds)" : "";
    throw apiError("REQUEST_EXPIRED", `X-ZC-Timestamp ${timestamp} is ${skew} s away from the server clock; at most ${request.maxClockSkewSeconds} s are allowed${hint}.`);
  }
  return parts.accessKeyId;
}
