import { requireStatus } from "../model/guards";
import { randomAlphanumeric } from "../protocol/ids";
import { reqString } from "../protocol/params";
import { requireInstance, type ActionHandler } from "./context";

/**
 * DescribeVncUrl (2026-04-01 only): the address of a RUNNING instance's console. The simulator has
 * no guest to show, so the address is on a reserved domain (`.invalid`) that never resolves; its
 * token is new on every call, as a console session's would be.
 */
export const DescribeVncUrl: ActionHandler = (params, ctx) => {
  const instanceId = reqString(params, "instanceId");
  requireStatus(requireInstance(ctx, instanceId), ["RUNNING"], "DescribeVncUrl");
  return { url: `https://vnc.zenlayer-sim.invalid/${instanceId}?token=${randomAlphanumeric(32)}` };
};
