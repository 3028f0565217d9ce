import { REQUEST_LIMITS } from "../../facts/rules";
import type { Durations } from "../model/lifecycle";
import type { InstanceStore, LiveInstance } from "../model/store";
import { apiError } from "../protocol/errors";
import type { Params } from "../protocol/params";

/** What an action handler may use. Handlers are synchronous: they only touch memory. */
export interface ActionContext {
  /** The simulator clock at the start of the request (epoch ms). */
  now: number;
  store: InstanceStore;
  durations: Durations;
  /** True (and consumes one) when the next created instance must end in CREATE_FAILED. */
  takeCreateFailure(): boolean;
}

/** An action: validated params in, the fields of `response` out (without requestId). */
export type ActionHandler = (params: Params, ctx: ActionContext) => Record<string, unknown>;

/** The instance with `instanceId`, or 404 INVALID_INSTANCE_NOT_FOUND. */
export function requireInstance(ctx: ActionContext, instanceId: string): LiveInstance {
  const live = ctx.store.get(instanceId, ctx.now);
  if (!live) throw apiError("INVALID_INSTANCE_NOT_FOUND", `The instance \`${instanceId}\` does not exist.`);
  return live;
}

/**
 * All instances named, or 404 for the first unknown one. Multi-instance actions check every id
 * (and every status) before changing anything, so a refusal never leaves a half-applied batch.
 */
export function requireInstances(ctx: ActionContext, instanceIds: readonly string[]): LiveInstance[] {
  return instanceIds.map((id) => requireInstance(ctx, id));
}

/** The upper bound on `instanceIds` in one request. */
export const MAX_IDS = REQUEST_LIMITS.maxIds;
