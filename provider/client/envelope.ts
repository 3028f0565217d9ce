/**
 * Turns one HTTP response into either the action's parsed output or an AttemptFailure. Status,
 * envelope and payload are checked in that order, so a 429 answered with an HTML page still counts
 * as throttling (the classifier looks at the status), and a 200 with garbage is INVALID_RESPONSE
 * rather than an exception from deep inside the lifecycle.
 */
import type { z } from "zod";
import { parseRetryAfter } from "./backoff";
import { CLIENT_ERROR_CODES, redactSecrets } from "./errors";
import type { AttemptFailure } from "./retry-policy";
import { errorEnvelopeSchema, successEnvelopeSchema, summarizeIssues } from "./schemas";

/** What the transport hands over for an HTTP response of any status. */
export interface RawResponse {
  status: number;
  bodyText: string;
  contentType?: string;
  retryAfter?: string;
}

/** The parsed output (with its request id) or the failure to classify. */
export type Interpreted<T> = { ok: true; value: T & { requestId: string } } | { ok: false; failure: AttemptFailure };

/**
 * Parses `raw` with the action's response `schema`. `secrets` are masked in any server message
 * we keep, in case the server echoes a parameter back.
 */
export function interpretResponse<S extends z.ZodType>(
  raw: RawResponse, schema: S, nowMs: number, secrets: readonly string[],
): Interpreted<z.output<S>> {
  const retryAfterMs = parseRetryAfter(raw.retryAfter, nowMs);
  const fail = (code: string, apiMessage: string, requestId?: string): Interpreted<z.output<S>> => ({
    ok: false,
    failure: {
      httpStatus: raw.status, code, apiMessage: redactSecrets(apiMessage, secrets),
      ...(requestId ? { requestId } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  });
  const invalid = (why: string, requestId?: string) => fail(CLIENT_ERROR_CODES.INVALID_RESPONSE, why, requestId);

  let json: unknown;
  try {
    json = JSON.parse(raw.bodyText);
  } catch {
    // Say what arrived, never the body itself: a misbehaving proxy could echo the request.
    return invalid(`response is not JSON (${describeBody(raw)})`);
  }

  const errorEnvelope = errorEnvelopeSchema.safeParse(json);
  const is2xx = raw.status >= 200 && raw.status < 300;
  if (!is2xx || (errorEnvelope.success && !hasResponseField(json))) {
    if (errorEnvelope.success) {
      const e = errorEnvelope.data;
      return fail(e.code, e.message ?? "(no message)", e.requestId);
    }
    return invalid(`HTTP ${raw.status} without an error envelope (${describeBody(raw)})`);
  }

  const envelope = successEnvelopeSchema.safeParse(json);
  if (!envelope.success) return invalid(`no "response" object in the reply (${summarizeIssues(envelope.error)})`);
  const outerRequestId = envelope.data.requestId;
  const parsed = schema.safeParse(envelope.data.response);
  if (!parsed.success) return invalid(`unexpected response: ${summarizeIssues(parsed.error)}`, outerRequestId);
  const data = parsed.data as z.output<S> & { requestId?: string };
  const requestId = data.requestId ?? outerRequestId;
  if (!requestId) return invalid("the reply carries no requestId");
  return { ok: true, value: { ...data, requestId } };
}

function hasResponseField(json: unknown): boolean {
  return typeof json === "object" && json !== null && "response" in json;
}

function describeBody(raw: RawResponse): string {
  const bytes = Buffer.byteLength(raw.bodyText, "utf8");
  if (bytes === 0) return "empty body";
  return `${raw.contentType ?? "no content type"}, ${bytes} bytes`;
}
