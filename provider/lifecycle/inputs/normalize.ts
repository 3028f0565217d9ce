/**
 * Inputs as create and update use them: validated again (a direct caller may skip check), with
 * defaults, without the host's `__provider`, and named.
 */
import { validate } from "./check";
import { applyDefaults } from "./defaults";
import { withoutPrototypeKeys } from "./input-keys";
import type { InstanceInputs } from "./inputs";
import { autoName } from "./naming";
import { pruneUndefined } from "./prune";

/** Throws one error listing every failure (no values quoted: they may be secret). */
export function normalizeInputs(raw: Record<string, unknown>, name: "generate" | "keep" = "generate", context = "Cannot proceed"): InstanceInputs {
  const source = withoutPrototypeKeys(raw ?? {});
  delete source.__provider;
  const failures = validate(source);
  if (failures.length > 0) {
    throw new Error(`${context}: invalid Instance inputs: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
  const inputs = applyDefaults(source) as unknown as InstanceInputs;
  if (inputs.instanceName === undefined && inputs.adoptInstanceId === undefined && name === "generate") {
    inputs.instanceName = autoName(inputs.__resourceName);
  }
  return pruneUndefined(inputs);
}
