/**
 * Errors the lifecycle raises. Every message names the instance, the action, the API code and
 * request id when there is one (the client's `ZenlayerApiError` message carries those), and what
 * to do next. Messages are redacted of the secrets known to the operation (the instance password
 * and the access key password) before they are built into an Error, because the provider host
 * prints `message` and `stack`.
 */
import { isApiError, type ZenlayerApiError } from "../client";
import { redactSecrets } from "../client/errors";

/** The text of any thrown value. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** `403 OPERATION_DENIED_INSTANCE_CREATING, request id T…` (or just the message for other errors). */
export function codeAndRequest(e: unknown): string {
  if (!isApiError(e)) return messageOf(e);
  const err = e as ZenlayerApiError;
  const status = err.httpStatus === undefined ? "" : `${err.httpStatus} `;
  return `${status}${err.code}${err.requestId ? `, request id ${err.requestId}` : ""}`;
}

/**
 * An error whose message is complete: it names the instance, the action and what to do. Anything
 * else thrown inside an operation (a bare client error) gets that context added by the operation.
 */
export class LifecycleError extends Error {
  static {
    Object.defineProperty(this.prototype, "name", { value: "Error", writable: true, configurable: true });
  }
}

/** A LifecycleError whose message has every secret replaced by `***`. */
export function redactedError(message: string, secrets: readonly (string | undefined)[]): LifecycleError {
  return new LifecycleError(redact(message, secrets));
}

/** `text` with every secret replaced by `***`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  return redactSecrets(text, secrets.filter((s): s is string => typeof s === "string"));
}

/**
 * A create (or update) that failed after the instance existed. The provider host turns an error
 * carrying `id`, `properties` and `reasons` into the engine's "resource initialization failed":
 * the resource is kept in state with these outputs and reasons, so the instance is not orphaned;
 * the next `pulumi up` calls update on it, and `pulumi destroy` deletes it.
 */
export class PartialFailure extends LifecycleError {
  static {
    Object.defineProperty(this.prototype, "name", { value: "PartialFailure", writable: true, configurable: true });
  }
  /** The outputs to keep. Non-enumerable: they hold the password, and an error may be printed whole. */
  declare readonly properties: Record<string, unknown>;

  constructor(message: string, readonly id: string, properties: Record<string, unknown>, readonly reasons: string[]) {
    super(message);
    Object.defineProperty(this, "properties", { value: properties, enumerable: false });
  }
}
