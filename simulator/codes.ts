/**
 * Every error code the simulator answers with, and its HTTP status.
 *
 * Codes that Zenlayer documents (the common error codes and TerminateInstance's table) keep their
 * documented status. Codes Zenlayer leaves unnamed (authentication, protocol errors) are this
 * simulator's choice and are listed in simulator/README.md. One table instead of suffix rules,
 * so a status can never be guessed differently in two places.
 */
export const ERROR_CODES = {
  // Authentication (undocumented by Zenlayer: our names, all 401).
  AUTH_FAILURE: 401,
  INVALID_ACCESS_KEY_ID: 401,
  SIGNATURE_MISMATCH: 401,
  REQUEST_EXPIRED: 401,
  // Protocol.
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_ENTITY_TOO_LARGE: 413,
  UNSUPPORTED_CONTENT_TYPE: 415,
  UNSUPPORTED_VERSION: 400,
  UNSUPPORTED_ACTION: 400,
  INVALID_JSON_BODY: 400,
  // Parameters.
  MISSING_PARAMETER: 400,
  INVALID_PARAMETER_VALUE: 400,
  INVALID_PASSWORD_MALFORMED: 400,
  INVALID_BANDWIDTH_VALUE_EXCEED_MAXIMUM: 400,
  // Unknown references: `*_NOT_FOUND` is 404 on the wire (ResetInstance documents 404 for images).
  INVALID_INSTANCE_NOT_FOUND: 404,
  INVALID_ZONE_NOT_FOUND: 404,
  INVALID_IMAGE_NOT_FOUND: 404,
  INVALID_INSTANCE_TYPE_NOT_FOUND: 404,
  INVALID_RESOURCE_GROUP_NOT_FOUND: 404,
  INVALID_SUBNET_NOT_FOUND: 404,
  // Status and billing checks.
  OPERATION_DENIED_INSTANCE_RECYCLED: 403,
  OPERATION_DENIED_INSTANCE_CREATING: 403,
  OPERATION_DENIED_INSTANCE_STATUS_INSTALLING: 403,
  OPERATION_DENIED_POSTPAID_PROMISE: 403,
  OPERATION_DENIED_INSTANCE_CREATE_FAILED: 403,
  OPERATION_DENIED_INSTANCE_NOT_RUNNING: 403,
  OPERATION_DENIED_INSTANCE_NOT_STOPPED: 403,
  OPERATION_DENIED_INSTANCE_NOT_RECYCLED: 403,
  OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORTED: 403,
  OPERATION_DENIED_BANDWIDTH_CHANGING: 403,
  UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE: 400,
  UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE: 400,
  // Throttling and transient server errors (named by Zenlayer's Terraform provider).
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_TEMPORARY_UNAVAILABLE: 503,
  REQUEST_TIMED_OUT: 504,
} as const;

/** One of the codes in {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The transient 5xx codes that `errorRate` rotates through, in order. */
export const TRANSIENT_CODES: readonly ErrorCode[] = [
  "SERVICE_TEMPORARY_UNAVAILABLE", "INTERNAL_SERVER_ERROR", "REQUEST_TIMED_OUT",
];
