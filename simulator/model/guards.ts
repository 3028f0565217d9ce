import type { ErrorCode } from "../protocol/codes";
import { apiError } from "../protocol/errors";
import type { InstanceStatus } from "./lifecycle";
import type { LiveInstance } from "./store";

/**
 * The refusal for an instance whose status an action does not accept. Busy states use the codes
 * TerminateInstance documents (recycle bin, creating, installing) so that every action speaks
 * about them the same way; other mismatches name the status the action needs.
 */
export function statusRefusal(live: LiveInstance, allowed: readonly InstanceStatus[], action: string): Error {
  const id = live.record.instanceId;
  const status = live.status;
  const needs = allowed.join(" or ");
  const say = (code: ErrorCode, why: string) => apiError(code, `${action} is not supported for instance ${id}: ${why}.`);
  switch (status) {
    case "RECYCLE":
      return say("OPERATION_DENIED_INSTANCE_RECYCLED", "it is in the recycle bin (RECYCLE)");
    case "RECYCLING":
    case "RELEASING":
      return say("UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE", `it is being recycled (${status})`);
    case "PENDING":
      return say("OPERATION_DENIED_INSTANCE_CREATING", "it is still being created (PENDING)");
    case "DEPLOYING":
    case "REBUILDING":
      return say("OPERATION_DENIED_INSTANCE_STATUS_INSTALLING", `its operating system is being installed (${status})`);
    case "CREATE_FAILED":
      return say("OPERATION_DENIED_INSTANCE_CREATE_FAILED", "its creation failed (CREATE_FAILED); terminate it instead");
    default:
      if (allowed.length === 1 && allowed[0] === "RUNNING") return say("OPERATION_DENIED_INSTANCE_NOT_RUNNING", `it is ${status}, and the action needs RUNNING`);
      if (allowed.length === 1 && allowed[0] === "STOPPED") return say("OPERATION_DENIED_INSTANCE_NOT_STOPPED", `it is ${status}, and the action needs STOPPED`);
      return say("OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORTED", `it is ${status}, and the action needs ${needs}`);
  }
}

/** Throws {@link statusRefusal} unless the instance is in one of the `allowed` statuses. */
export function requireStatus(live: LiveInstance, allowed: readonly InstanceStatus[], action: string): void {
  if (!allowed.includes(live.status)) throw statusRefusal(live, allowed, action);
}

/** Every status except the recycle-bin ones: actions that only edit attributes accept these. */
export const EDITABLE_STATUSES: readonly InstanceStatus[] = [
  "PENDING", "DEPLOYING", "REBUILDING", "REBOOT", "RUNNING", "STOPPED", "BOOTING", "STOPPING", "CREATE_FAILED", "IMAGING",
];
