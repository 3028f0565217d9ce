import { requireStatus } from "../model/guards";
import { planFrom } from "../model/lifecycle";
import { apiError } from "../protocol/errors";
import { reqStringArray } from "../protocol/params";
import { MAX_IDS, requireInstances, type ActionHandler } from "./context";

/** ReleaseInstances: only instances in the recycle bin; RECYCLE → RELEASING → gone (not found). */
export const ReleaseInstances: ActionHandler = (params, ctx) => {
  const targets = requireInstances(ctx, reqStringArray(params, "instanceIds", MAX_IDS));
  for (const live of targets) {
    const { status, record } = live;
    if (status === "RECYCLING" || status === "RELEASING") requireStatus(live, ["RECYCLE"], "ReleaseInstances");
    if (status !== "RECYCLE") {
      throw apiError("OPERATION_DENIED_INSTANCE_NOT_RECYCLED", `ReleaseInstances is not supported for instance ${record.instanceId}: it is ${status}, not in the recycle bin (RECYCLE); terminate it first.`);
    }
  }
  for (const { record } of targets) {
    record.timeline = planFrom("RELEASING", ctx.now, ctx.durations);
    ctx.store.put(record, ctx.now);
  }
  return {};
};
