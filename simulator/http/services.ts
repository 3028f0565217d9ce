import { ACTIONS, ZRM_ACTIONS } from "../actions";
import type { ActionHandler } from "../actions/context";

/** Every service is served at this prefix plus its name: `/api/v2/vm`, `/api/v2/zrm`. */
export const API_PREFIX = "/api/v2/";

/** One API service: the X-ZC-Version values it accepts and its actions. */
export interface ApiService {
  name: string;
  versions: readonly string[];
  actions: Readonly<Record<string, ActionHandler>>;
}

/**
 * The services the simulator speaks: the VM API, and the Zenlayer Resource Manager, where tags
 * are changed. Each has its own version; signing and envelopes are the same.
 */
export const SERVICES: Readonly<Record<string, ApiService>> = {
  vm: { name: "vm", versions: ["2023-03-13", "2026-04-01"], actions: ACTIONS },
  zrm: { name: "zrm", versions: ["2025-10-14"], actions: ZRM_ACTIONS },
};

/** The service named by a request path (`/api/v2/<name>`), or undefined. Own properties only. */
export function serviceOfPath(path: string): ApiService | undefined {
  if (!path.startsWith(API_PREFIX)) return undefined;
  const name = path.slice(API_PREFIX.length);
  return Object.hasOwn(SERVICES, name) ? SERVICES[name] : undefined;
}

/** The handler of `action` in `service`, or undefined. Own properties only, so `toString` is not an action. */
export function findServiceAction(service: ApiService, action: string): ActionHandler | undefined {
  return Object.hasOwn(service.actions, action) ? service.actions[action] : undefined;
}
