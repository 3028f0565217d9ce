/**
 * The client's error types. One API error class carries everything a user needs to act (action,
 * HTTP status, code, request id, attempts) and nothing secret: no headers, no request bodies
 * (they may hold instance passwords), no access key password.
 */

/** Codes for failures detected on our side, used where the API gave no code of its own. */
export const CLIENT_ERROR_CODES = {
  /** The connection failed, was reset, or the response could not be read. */
  NETWORK_ERROR: "NETWORK_ERROR",
  /** No complete response within `requestTimeoutMs`. */
  REQUEST_TIMEOUT: "REQUEST_TIMEOUT",
  /** The response was not JSON or lacked the fields we use. */
  INVALID_RESPONSE: "INVALID_RESPONSE",
} as const;

/** One line of the per-attempt log kept (non-enumerable) on a `ZenlayerApiError`. */
export interface AttemptRecord {
  attempt: number;
  httpStatus?: number;
  code: string;
  requestId?: string;
  /** Delay slept after this attempt before the next one, when there was a next one. */
  delayMs?: number;
}

/** Fields of a `ZenlayerApiError`; every string must already be free of secrets. */
export interface ApiErrorInit {
  action: string;
  httpStatus?: number;
  code: string;
  apiMessage: string;
  requestId?: string;
  attempts: number;
  retryable: boolean;
  /** True when it is unknown whether the server carried the action out (sent, no answer). */
  ambiguous?: boolean;
  /** What to do next, appended to the message (e.g. how to check whether a create happened). */
  hint?: string;
  /** A sanitized cause (never the transport's own error object, which holds the headers). */
  cause?: unknown;
  attemptLog?: AttemptRecord[];
}

// A registry-wide brand so `isApiError` works even if two copies of this module are loaded
// (e.g. the compiled package and the TypeScript sources in one test process).
const API_ERROR_BRAND = Symbol.for("pulumi-zenlayer-vm.ZenlayerApiError");

/** A failed API call, after any retries. `code` is the API's code or one of CLIENT_ERROR_CODES. */
export class ZenlayerApiError extends Error {
  // On the prototype rather than as a field, so the stack trace (captured inside super()) names it.
  static {
    Object.defineProperty(this.prototype, "name", { value: "ZenlayerApiError", writable: true, configurable: true });
  }
  readonly action: string;
  readonly httpStatus?: number;
  readonly code: string;
  readonly apiMessage: string;
  readonly requestId?: string;
  readonly attempts: number;
  /** Whether this kind of failure is retryable for this action (true: the retry budget ran out). */
  readonly retryable: boolean;
  /** True when the action may or may not have been carried out (see ApiErrorInit.ambiguous). */
  readonly ambiguous: boolean;
  readonly hint?: string;
  /** Per-attempt log; non-enumerable so it stays out of JSON and default inspection. */
  declare readonly attemptLog: readonly AttemptRecord[];

  constructor(init: ApiErrorInit) {
    super(formatApiErrorMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.action = init.action;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.apiMessage = init.apiMessage;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    this.attempts = init.attempts;
    this.retryable = init.retryable;
    this.ambiguous = init.ambiguous ?? false;
    if (init.hint !== undefined) this.hint = init.hint;
    Object.defineProperty(this, "attemptLog", { value: Object.freeze([...(init.attemptLog ?? [])]), enumerable: false });
    Object.defineProperty(this, API_ERROR_BRAND, { value: true, enumerable: false });
  }
}

/**
 * `TerminateInstance failed: 403 OPERATION_DENIED_INSTANCE_CREATING: <api message> (request id T…,
 * after 1 attempt)`, followed by the hint when there is one.
 */
export function formatApiErrorMessage(init: ApiErrorInit): string {
  const status = init.httpStatus === undefined ? "" : `${init.httpStatus} `;
  const where = [
    init.requestId ? `request id ${init.requestId}` : undefined,
    `after ${init.attempts} attempt${init.attempts === 1 ? "" : "s"}`,
  ].filter((part) => part !== undefined).join(", ");
  const hint = init.hint ? ` ${init.hint}` : "";
  return `${init.action} failed: ${status}${init.code}: ${init.apiMessage} (${where})${hint}`;
}

/** Missing or invalid client configuration (credentials, domain, scheme). */
export class ZenlayerConfigError extends Error {
  static {
    Object.defineProperty(this.prototype, "name", { value: "ZenlayerConfigError", writable: true, configurable: true });
  }
}

/**
 * True when `e` is a ZenlayerApiError and, if codes are given, its code is one of them:
 * `isApiError(e, "INVALID_INSTANCE_NOT_FOUND")`.
 */
export function isApiError(e: unknown, ...codes: string[]): e is ZenlayerApiError {
  if (typeof e !== "object" || e === null) return false;
  const branded = e instanceof ZenlayerApiError || (e as Record<symbol, unknown>)[API_ERROR_BRAND] === true;
  return branded && (codes.length === 0 || codes.includes((e as ZenlayerApiError).code));
}

/** An Authorization header value, wherever it appears. */
const AUTHORIZATION_PATTERN = /ZC2-HMAC-SHA256\s+Credential=[^\s,]*,?\s*SignedHeaders=[^\s,]*,?\s*Signature=[0-9A-Fa-f]*/g;

/**
 * Replaces every occurrence of each secret in `text` with `***`, and any Authorization header
 * value. Used on anything the server sends back that we put into a message, in case it echoes
 * a parameter (e.g. a rejected password) or the request. Secrets shorter than 4 characters are
 * ignored: masking them would mangle ordinary words.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(AUTHORIZATION_PATTERN, "[authorization redacted]");
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("***");
  }
  return out;
}
