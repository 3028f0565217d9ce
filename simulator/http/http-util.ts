import { apiError, errorEnvelope, type SimulatorError } from "../protocol/errors";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The largest request body accepted (1 MiB); a CreateInstances body is a few hundred bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the raw body bytes: the signature covers them exactly, so they are never re-encoded. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(apiError("REQUEST_ENTITY_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES} bytes.`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Sends a JSON body with the given status and headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Sends the error envelope of `error` (with Retry-After when it carries one). */
export function sendError(res: ServerResponse, requestId: string, error: SimulatorError): void {
  const headers: Record<string, string> = error.retryAfterSeconds !== undefined ? { "Retry-After": String(error.retryAfterSeconds) } : {};
  sendJson(res, error.status, errorEnvelope(requestId, error), headers);
}

/** Parses a JSON body into an object; an empty body counts as `{}`. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  const text = body.toString("utf8");
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw apiError("INVALID_JSON_BODY", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw apiError("INVALID_JSON_BODY", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** Waits `ms` milliseconds (real time: latency is about the wire, not the simulated clock). */
export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
