/**
 * Names and status groups shared by the lifecycle modules.
 */

/**
 * The value a not-yet-known input has during `pulumi preview` (the engine's "unknown" sentinel).
 * Validation lets it through and diff treats it as "may change".
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Tag carried by every instance this provider creates: `<project>/<stack>/<resource name>`. It lets
 * the next `pulumi up` find an instance whose create was interrupted before the engine learned its
 * id (an interrupted `up` cannot hand the id over), and it is why replacements delete first.
 */
export const OWNER_TAG_KEY = "pulumi-owner";

/**
 * Tag carried by every instance this provider creates: `<project>/<stack>` (shortened like the
 * owner tag when longer than a tag value may be, see inputs/tags.ts). The owner tag alone cannot
 * name the stack once it is shortened, and an instance whose create was interrupted is in no
 * state: this tag is how destroy and `zenlayer-vm orphans` find every instance made for a stack.
 */
export const STACK_TAG_KEY = "pulumi-stack";

/** Pseudo-status for an id that DescribeInstances / DescribeInstancesStatus no longer lists. */
export const GONE = "NOT_FOUND";

/** Terminated and waiting in the recycle bin, or on the way in or out of it. */
export const RECYCLED_STATUSES: ReadonlySet<string> = new Set(["RECYCLING", "RECYCLE", "RELEASING"]);

/** Statuses in which TerminateInstance answers CREATING / INSTALLING: wait them out. */
export const BUSY_CREATING_STATUSES: ReadonlySet<string> = new Set(["PENDING", "DEPLOYING", "REBUILDING"]);

/** Statuses that settle on their own; an update waits for RUNNING or STOPPED instead of acting. */
export const TRANSITIONAL_STATUSES: ReadonlySet<string> = new Set([
  "PENDING", "DEPLOYING", "REBUILDING", "REBOOT", "BOOTING", "STOPPING", "IMAGING",
]);

/** Error codes TerminateInstance answers with (see the table of what delete does with each in docs/guides/deletes-and-recovery.md). */
export const TERMINATE_CODES = {
  notFound: "INVALID_INSTANCE_NOT_FOUND",
  recycled: "OPERATION_DENIED_INSTANCE_RECYCLED",
  creating: "OPERATION_DENIED_INSTANCE_CREATING",
  installing: "OPERATION_DENIED_INSTANCE_STATUS_INSTALLING",
  chargeType: "UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE",
  promise: "OPERATION_DENIED_POSTPAID_PROMISE",
  beingRecycled: "UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE",
} as const;

/** Codes that mean "no such instance" wherever they appear (the API uses both, depending on the action). */
export const NOT_FOUND_CODES: readonly string[] = ["INVALID_INSTANCE_NOT_FOUND", "OPERATION_FAILED_RESOURCE_NOT_FOUND"];
