/**
 * Building the partial-failure rejection (errors.ts `PartialFailure`) with the best-known outputs.
 */
import { describeOne } from "../runtime/api";
import type { Ctx } from "../runtime/context";
import { PartialFailure, redact } from "../errors";
import type { InstanceInputs } from "../inputs/inputs";
import { buildOutputs } from "./outputs";
import { pruneUndefined } from "../inputs/prune";

/** A PartialFailure carrying the best-known outputs (a fresh describe when possible). */
export async function partialFailure(
  ctx: Ctx, id: string, inputs: InstanceInputs, status: string | undefined, reason: string, secrets: readonly (string | undefined)[],
): Promise<PartialFailure> {
  let properties: Record<string, unknown>;
  try {
    const info = await describeOne(ctx.api, id);
    properties = info ? { ...buildOutputs(inputs, info) } : minimalOutputs(id, inputs, status);
  } catch {
    properties = minimalOutputs(id, inputs, status);
  }
  const message = redact(reason, secrets);
  return new PartialFailure(message, id, properties, [message]);
}

function minimalOutputs(id: string, inputs: InstanceInputs, status: string | undefined): Record<string, unknown> {
  return pruneUndefined({ ...inputs, instanceId: id, instanceStatus: status ?? "UNKNOWN", publicIpAddresses: [], privateIpAddresses: [] });
}
