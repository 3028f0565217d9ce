import { planFrom } from "../model/lifecycle";
import { apiError } from "../protocol/errors";
import { reqString } from "../protocol/params";
import { requireInstance, type ActionHandler } from "./context";

/**
 * TerminateInstance, following Zenlayer's documented error table with this precedence:
 * not found → recycle-bin states → creating / installing → prepaid → commitment term.
 * A CREATE_FAILED instance is deleted at once; every other state goes RECYCLING → RECYCLE, and
 * the recycle bin releases it after `recycleRetentionMs`.
 */
export const TerminateInstance: ActionHandler = (params, ctx) => {
  const instanceId = reqString(params, "instanceId");
  const { record, status } = requireInstance(ctx, instanceId);
  const deny = (code: Parameters<typeof apiError>[0], why: string) => apiError(code, `Instance ${instanceId} cannot be terminated: ${why}.`);
  if (status === "RECYCLE") throw deny("OPERATION_DENIED_INSTANCE_RECYCLED", "it is already in the recycle bin");
  if (status === "RECYCLING" || status === "RELEASING") throw deny("UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE", `it is being recycled (${status})`);
  if (status === "PENDING") throw deny("OPERATION_DENIED_INSTANCE_CREATING", "it is still being created (PENDING)");
  if (status === "DEPLOYING" || status === "REBUILDING") throw deny("OPERATION_DENIED_INSTANCE_STATUS_INSTALLING", `its operating system is being installed (${status})`);
  if (status === "CREATE_FAILED") {
    ctx.store.remove(instanceId);
    return {};
  }
  if (record.instanceChargeType === "PREPAID") throw deny("UNSUPPORTED_OPERATION_INSTANCE_CHARGE_TYPE", "only pay-as-you-go (POSTPAID) instances can be terminated");
  if (record.commitment) throw deny("OPERATION_DENIED_POSTPAID_PROMISE", "it is inside a pay-as-you-go commitment term");
  record.timeline = planFrom("RECYCLING", ctx.now, ctx.durations);
  ctx.store.put(record, ctx.now);
  return {};
};
