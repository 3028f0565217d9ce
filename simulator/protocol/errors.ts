import { ERROR_CODES, type ErrorCode } from "./codes";

/** An error the simulator answers with: a code from the table, a message, and optional headers. */
export class SimulatorError extends Error {
  /** The HTTP status that goes with the code. */
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Seconds a throttled client should wait (sent as `Retry-After`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "SimulatorError";
    this.status = ERROR_CODES[code];
  }
}

/** Builds a {@link SimulatorError}; the one way handlers signal failure. */
export function apiError(code: ErrorCode, message: string, retryAfterSeconds?: number): SimulatorError {
  return new SimulatorError(code, message, retryAfterSeconds);
}

/** The error body of the wire format: `{ requestId, code, message }`. */
export interface ErrorEnvelope {
  requestId: string;
  code: string;
  message: string;
}

/**
 * The single factory for error bodies. The request id is a required argument so that no error
 * can leave the simulator without one (the Azurite habit).
 */
export function errorEnvelope(requestId: string, error: SimulatorError): ErrorEnvelope {
  return { requestId, code: error.code, message: error.message };
}

/** Turns anything thrown into a {@link SimulatorError}; unexpected failures become a 500. */
export function asSimulatorError(thrown: unknown): SimulatorError {
  if (thrown instanceof SimulatorError) return thrown;
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return apiError("INTERNAL_SERVER_ERROR", `The simulator failed unexpectedly: ${detail}`);
}
