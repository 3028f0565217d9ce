/**
 * Retry policy in two named steps: CLASSIFY a failed attempt, then DECIDE for a given action
 * whether repeating it is safe. (The delay is backoff.ts; the loop is invoke.ts.)
 *
 * Why the action matters: the API has no idempotency token, so repeating a
 * request whose fate is unknown is only safe for reads and for modifies that converge to the same
 * state. Repeating CreateInstances blindly can create a second, billed VM.
 */

/** A failed attempt, reduced to what classification and messages need (no secrets in it). */
export interface AttemptFailure {
  httpStatus?: number;
  /** API code, or NETWORK_ERROR / REQUEST_TIMEOUT / INVALID_RESPONSE. */
  code: string;
  /** Already redacted. */
  apiMessage: string;
  requestId?: string;
  /** From the Retry-After header, in ms. */
  retryAfterMs?: number;
  /** For network failures: the system or transport error code, e.g. ECONNRESET. */
  errno?: string;
  /** For network failures: false only when the request certainly never reached the server. */
  requestSent?: boolean;
}

/**
 * - THROTTLING: 429 / REQUEST_LIMIT_EXCEEDED. The server refused before acting: safe for all.
 * - UNSENT: the connection was never established (refused, DNS, connect timeout): safe for all.
 * - TRANSIENT: retryable codes, 502/503/504, or a network failure after sending. The action may
 *   have run, so it is AMBIGUOUS for actions that are not idempotent.
 * - SERVER_ERROR: another 5xx; not retried, and ambiguous for non-idempotent actions.
 * - INVALID_RESPONSE: a 2xx we could not parse; the action probably ran; not retried.
 * - CLIENT_ERROR: business/validation/auth errors (OPERATION_DENIED_*, INVALID_*, 401, …) and
 *   permanent transport errors (TLS certificates): never retried.
 */
export type FailureClass = "THROTTLING" | "UNSENT" | "TRANSIENT" | "SERVER_ERROR" | "INVALID_RESPONSE" | "CLIENT_ERROR";

/** Codes Zenlayer's own Terraform provider retries as transient. */
export const TRANSIENT_API_CODES: ReadonlySet<string> = new Set([
  "SERVICE_TEMPORARY_UNAVAILABLE", "INTERNAL_SERVER_ERROR", "REQUEST_TIMED_OUT",
]);
/** HTTP statuses retried as transient whatever the body says (gateways, overload). */
export const TRANSIENT_HTTP_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);
/** The throttling code; HTTP 429 counts too. */
export const THROTTLING_CODE = "REQUEST_LIMIT_EXCEEDED";

/** Network codes meaning the connection was never made, so nothing was sent. */
const UNSENT_ERRNOS: ReadonlySet<string> = new Set([
  "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL", "ENETDOWN",
]);
/** Network codes that repeating cannot fix: certificate and argument errors. */
const PERMANENT_ERRNO = /^(ERR_TLS_|ERR_SSL_|ERR_INVALID_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_)/;

/** Actions that converge to the same state when repeated (and every Describe*). */
export const IDEMPOTENT_ACTIONS: ReadonlySet<string> = new Set([
  "ModifyInstancesAttribute", "ModifyInstancesResourceGroup", "ResetInstancesPassword",
  "StartInstances", "StopInstances", "ReleaseInstances", "TerminateInstance",
  // Setting tags and group membership to a given value converges when repeated.
  "ModifyResourceTags", "AssociateSecurityGroupInstance", "UnAssociateSecurityGroupInstance",
]);

/** True for reads (Describe*, InquiryPrice*) and the modifies in IDEMPOTENT_ACTIONS; unknown actions are not. */
export function isIdempotent(action: string): boolean {
  return action.startsWith("Describe") || action.startsWith("InquiryPrice") || IDEMPOTENT_ACTIONS.has(action);
}

/** Classifies one failed attempt (see FailureClass). */
export function classifyFailure(f: AttemptFailure): FailureClass {
  if (f.httpStatus === 429 || f.code === THROTTLING_CODE) return "THROTTLING";
  if (f.code === "NETWORK_ERROR" || f.code === "REQUEST_TIMEOUT") {
    if (f.errno !== undefined && PERMANENT_ERRNO.test(f.errno)) return "CLIENT_ERROR";
    if (f.requestSent === false || (f.errno !== undefined && UNSENT_ERRNOS.has(f.errno))) return "UNSENT";
    return "TRANSIENT";
  }
  if (TRANSIENT_API_CODES.has(f.code)) return "TRANSIENT";
  if (f.httpStatus !== undefined && TRANSIENT_HTTP_STATUSES.has(f.httpStatus)) return "TRANSIENT";
  if (f.httpStatus !== undefined && f.httpStatus >= 500) return "SERVER_ERROR";
  if (f.code === "INVALID_RESPONSE" && f.httpStatus !== undefined && f.httpStatus < 300) return "INVALID_RESPONSE";
  return "CLIENT_ERROR";
}

/** Whether the action may have been carried out although the attempt failed. */
export function isAmbiguousClass(cls: FailureClass): boolean {
  return cls === "TRANSIENT" || cls === "SERVER_ERROR" || cls === "INVALID_RESPONSE";
}

/** Whether repeating would be safe if the action were idempotent (and, for non-idempotent ones, once reconciled). */
export function isRetryableClass(cls: FailureClass): boolean {
  return cls === "THROTTLING" || cls === "UNSENT" || cls === "TRANSIENT";
}

/**
 * - "retry": safe to send again (subject to the budget);
 * - "ambiguous": the action is not idempotent and may have run: reconcile, or stop with a hint;
 * - "stop": not retryable.
 */
export type RetryDecision = "retry" | "ambiguous" | "stop";

/** Decides what to do after a failed attempt of `action`. */
export function decideRetry(action: string, cls: FailureClass): RetryDecision {
  if (cls === "THROTTLING" || cls === "UNSENT") return "retry";
  if (isIdempotent(action)) return cls === "TRANSIENT" ? "retry" : "stop";
  return isAmbiguousClass(cls) ? "ambiguous" : "stop";
}

/** A short, secret-free description for retry events: "429 REQUEST_LIMIT_EXCEEDED", "NETWORK_ERROR (ECONNRESET)". */
export function describeFailure(f: AttemptFailure): string {
  const status = f.httpStatus === undefined ? "" : `${f.httpStatus} `;
  const errno = f.errno === undefined ? "" : ` (${f.errno})`;
  return `${status}${f.code}${errno}`;
}
