/**
 * The API services this client speaks. Every service is a POST to `/api/v2/<name>` with its own
 * `X-ZC-Version`; signing, envelopes and errors are the same for all of them. Tags are not part of
 * the VM API: they live in the Zenlayer Resource Manager (`zrm`).
 */
import type { ResolvedClientConfig } from "./config";

/** Where an action is sent: the service name (path and `X-ZC-Service`) and its API version. */
export interface ApiService { name: string; version: string }

/** The Zenlayer Resource Manager: resource tags. */
export const ZRM_SERVICE: ApiService = { name: "zrm", version: "2025-10-14" };

/** The VM API, at the version the client is configured for. */
export function vmService(config: Pick<ResolvedClientConfig, "apiVersion">): ApiService {
  return { name: "vm", version: config.apiVersion };
}

/** `{scheme}://{domain}/api/v2/<service>`. */
export function serviceUrl(config: Pick<ResolvedClientConfig, "scheme" | "domain">, service: ApiService): string {
  return `${config.scheme}://${config.domain}/api/v2/${service.name}`;
}
