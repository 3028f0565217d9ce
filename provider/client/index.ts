/**
 * The Zenlayer VM API client: signing, transport, retries and typed actions. Nothing here imports
 * @pulumi/pulumi, so the lifecycle can be tested against it (or against an in-memory VmApi) alone.
 */
export * from "./types";
export type * from "./price-types";
export { VmClient, createVmClient } from "./vm-api";
export {
  type ClientEvent, type ClientOptions, type ReconcileOptions, type ResolvedClientConfig, type RetryOptions,
  DEFAULTS, ENV, resolveClientConfig,
} from "./config";
export {
  type ApiErrorInit, type AttemptRecord, CLIENT_ERROR_CODES, ZenlayerApiError, ZenlayerConfigError, isApiError, redactSecrets,
} from "./errors";
export { type SignInput, type SignOutput, SIGNATURE_METHOD, signRequest } from "./sign";
export { computeBackoffDelay, parseRetryAfter } from "./backoff";
export { type FailureClass, classifyFailure, decideRetry, isIdempotent } from "./retry-policy";
export type { ClientStats } from "./invoke";
export type { Transport, TransportOutcome } from "./transport";
