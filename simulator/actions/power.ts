import { requireStatus } from "../model/guards";
import { planFrom, type InstanceStatus } from "../model/lifecycle";
import { optBool, reqStringArray } from "../protocol/params";
import { MAX_IDS, requireInstances, type ActionHandler } from "./context";

/** Builds a power action: instances in `from` enter the transitional status `via`. */
export function powerAction(action: string, from: InstanceStatus, via: InstanceStatus): ActionHandler {
  return (params, ctx) => {
    const ids = reqStringArray(params, "instanceIds", MAX_IDS);
    if (action === "StopInstances") optBool(params, "forceShutdown"); // accepted; a simulated stop is always clean
    const targets = requireInstances(ctx, ids);
    targets.forEach((live) => requireStatus(live, [from], action));
    for (const { record } of targets) {
      record.timeline = planFrom(via, ctx.now, ctx.durations);
      ctx.store.put(record, ctx.now);
    }
    return {};
  };
}
