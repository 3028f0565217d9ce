import { VM_API_VERSIONS, type VmApiVersion } from "../../facts/vm-versions";
import { ACTIONS, ZRM_ACTIONS } from "../actions";
import type { ActionHandler } from "../actions/context";
import type { Params } from "../protocol/params";
import { presentVmAnswer, refuseOtherVersionParameters, vmActionExists } from "../protocol/vm-versions";

/** Every service is served at this prefix plus its name: `/api/v2/vm`, `/api/v2/zrm`. */
export const API_PREFIX = "/api/v2/";

/** What one X-ZC-Version of a service changes: its actions, its parameters, the shape of its answers. */
export interface ServiceVersion {
  hasAction(action: string): boolean;
  /** Refuses a parameter this version does not have (a parameter of the action in another version). */
  checkParameters(action: string, params: Params): void;
  /** The fields of `response` as this version shapes them. */
  present(action: string, fields: Record<string, unknown>): Record<string, unknown>;
}

/** One API service: its actions and the X-ZC-Version values it accepts. */
export interface ApiService {
  name: string;
  actions: Readonly<Record<string, ActionHandler>>;
  versions: Readonly<Record<string, ServiceVersion>>;
}

function vmVersion(version: VmApiVersion): ServiceVersion {
  return {
    hasAction: (action) => vmActionExists(version, action),
    checkParameters: (action, params) => refuseOtherVersionParameters(version, action, params),
    present: (action, fields) => presentVmAnswer(version, action, fields),
  };
}

/** A service with a single version: every action, every parameter, answers as the actions make them. */
const SOLE_VERSION: ServiceVersion = { hasAction: () => true, checkParameters: () => undefined, present: (_action, fields) => fields };

/**
 * The services the simulator speaks: the VM API in both of its live versions, and the Zenlayer
 * Resource Manager, where tags are changed. Signing and envelopes are the same.
 */
export const SERVICES: Readonly<Record<string, ApiService>> = {
  vm: { name: "vm", actions: ACTIONS, versions: Object.fromEntries(VM_API_VERSIONS.map((version) => [version, vmVersion(version)])) },
  zrm: { name: "zrm", actions: ZRM_ACTIONS, versions: { "2025-10-14": SOLE_VERSION } },
};

/** The VM API actions the simulator serves in `version`. */
export function vmActionNames(version: VmApiVersion): string[] {
  return Object.keys(ACTIONS).filter((action) => vmActionExists(version, action));
}

/** The service named by a request path (`/api/v2/<name>`), or undefined. Own properties only. */
export function serviceOfPath(path: string): ApiService | undefined {
  if (!path.startsWith(API_PREFIX)) return undefined;
  const name = path.slice(API_PREFIX.length);
  return Object.hasOwn(SERVICES, name) ? SERVICES[name] : undefined;
}

/**
 * The handler of `action` in this version of `service`, or undefined: an action the simulator
 * does not have and one that only another version has are both unknown here. Own properties
 * only, so `toString` is not an action.
 */
export function findServiceAction(service: ApiService, version: ServiceVersion, action: string): ActionHandler | undefined {
  return Object.hasOwn(service.actions, action) && version.hasAction(action) ? service.actions[action] : undefined;
}
