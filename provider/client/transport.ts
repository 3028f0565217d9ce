/**
 * One signed HTTP attempt over got. Signing happens here, per attempt, so every retry carries a
 * fresh X-ZC-Timestamp (the server bounds clock skew) and a signature over exactly the bytes sent.
 */
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { Got } from "got";
import type { ResolvedClientConfig } from "./config";
import type { RawResponse } from "./envelope";
import { CLIENT_ERROR_CODES, redactSecrets } from "./errors";
import { type ApiService, serviceUrl, vmService } from "./services";
import { SIGNATURE_METHOD, signRequest } from "./sign";

/** Content-Type we send (and sign); the API also accepts `application/json; charset=utf-8`. */
export const CONTENT_TYPE = "application/json";

/** A failure before any HTTP response arrived. `detail` never includes headers or the body. */
export interface NetworkFailure {
  code: typeof CLIENT_ERROR_CODES.NETWORK_ERROR | typeof CLIENT_ERROR_CODES.REQUEST_TIMEOUT;
  errno: string;
  detail: string;
  /** False only when the connection was never established, so the server cannot have acted. */
  requestSent: boolean;
}

/** The result of one attempt. */
export type TransportOutcome = { kind: "response"; response: RawResponse } | { kind: "network"; failure: NetworkFailure };

/**
 * Sends one signed attempt of `action` with `body` (already serialized) to `service` (the VM API
 * when absent). Never throws.
 */
export type Transport = (action: string, body: string, service?: ApiService) => Promise<TransportOutcome>;

/** The headers of one attempt, signed for `timestamp` (seconds). */
export function buildHeaders(
  config: ResolvedClientConfig, action: string, body: string, timestamp: number, service: ApiService = vmService(config),
): Record<string, string> {
  const { authorization } = signRequest({
    accessKeyId: config.accessKeyId,
    accessKeyPassword: config.accessKeyPassword,
    body,
    contentType: CONTENT_TYPE,
    host: config.domain,
    timestamp,
  });
  return {
    // Host is set explicitly: Node would drop a default port (":443") that the signature may cover.
    host: config.domain,
    "content-type": CONTENT_TYPE,
    "x-zc-action": action,
    "x-zc-version": service.version,
    "x-zc-service": service.name,
    "x-zc-timestamp": String(timestamp),
    "x-zc-signature-method": SIGNATURE_METHOD,
    "x-zc-request-client": config.requestClient,
    "user-agent": config.requestClient,
    authorization,
  };
}

let gotModule: typeof import("got") | undefined;
let sharedGot: Got | undefined;

/** got, loaded on the first request: a process that never calls the API (a preview without prices) never loads it. */
function loadGot(): typeof import("got") {
  gotModule ??= require("got") as typeof import("got");
  return gotModule;
}

/**
 * The one got instance of the process, shared by every client (the provider's, and one per price
 * inquiry): got merges its defaults once here instead of once per client, and every request goes
 * through the same keep-alive connections. got's own features that the call loop does itself are
 * off:
 * - retries: whether a POST may be repeated depends on the action and on whether the failure is
 *   ambiguous (retry-policy.ts), a CreateInstances may need a reconcile instead of a resend, and
 *   every attempt must be counted and reported; got would also replay the same signed headers,
 *   where our loop re-signs each attempt;
 * - HTTP errors: error envelopes carry the code and request id, so every status is a response;
 * - redirects: one would replay a signed request (and its body) to another place.
 */
function httpClient(): Got {
  sharedGot ??= loadGot().default.extend({
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    responseType: "text",
    agent: { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
  });
  return sharedGot;
}

/** The production transport: the shared got instance, with this client's timeout per attempt. */
export function createGotTransport(config: ResolvedClientConfig): Transport {
  const secrets = [config.accessKeyPassword];

  return async (action, body, service = vmService(config)) => {
    const headers = buildHeaders(config, action, body, Math.floor(config.now() / 1000), service);
    try {
      const res = await httpClient().post(serviceUrl(config, service), { body, headers, timeout: { request: config.requestTimeoutMs } });
      const retryAfter = res.headers["retry-after"];
      const contentType = res.headers["content-type"];
      return {
        kind: "response",
        response: {
          status: res.statusCode,
          bodyText: res.body,
          ...(typeof retryAfter === "string" ? { retryAfter } : {}),
          ...(typeof contentType === "string" ? { contentType } : {}),
        },
      };
    } catch (error) {
      return { kind: "network", failure: toNetworkFailure(error, config.requestTimeoutMs, secrets) };
    }
  };
}

/**
 * Reduces a transport error to a code and a short message. The got error itself is dropped: it
 * holds the request options, i.e. the Authorization header and the body.
 */
export function toNetworkFailure(error: unknown, timeoutMs: number, secrets: readonly string[]): NetworkFailure {
  const errno = errorCode(error);
  // got records when the socket connected; no connect time means nothing reached the server.
  // Only got raises a RequestError, so got is loaded when there is one to recognise.
  const isGotError = gotModule !== undefined && error instanceof gotModule.RequestError;
  const connected = isGotError ? error.timings?.connect !== undefined : true;
  if (errno === "ETIMEDOUT" && isGotError && error.name === "TimeoutError") {
    return {
      code: CLIENT_ERROR_CODES.REQUEST_TIMEOUT,
      errno,
      detail: `no complete response within ${timeoutMs} ms`,
      requestSent: connected,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: CLIENT_ERROR_CODES.NETWORK_ERROR,
    errno,
    detail: redactSecrets(message, secrets).slice(0, 200),
    requestSent: connected,
  };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code !== "" ? code : "EUNKNOWN";
}
