/**
 * What the VM API version of a request changes, read from the facts: whether the action exists
 * in that version, which request parameters it may carry, and how its answer is shaped. Actions
 * compute one answer for both versions; the version's shape is applied here, in one place.
 */
import { RESPONSE_FIELDS, type FieldTable } from "../../facts/response-fields";
import { VERSION_ONLY_ACTIONS, VERSION_ONLY_REQUEST_PARAMETERS, VM_API_VERSIONS, type VmApiVersion } from "../../facts/vm-versions";
import { invalid, type Params } from "./params";

/** True when `action` exists in `version` (every simulated action does, unless the facts say otherwise). */
export function vmActionExists(version: VmApiVersion, action: string): boolean {
  return (VERSION_ONLY_ACTIONS[action] ?? version) === version;
}

/**
 * Refuses (400 INVALID_PARAMETER_VALUE) a parameter that only another version of `action` has,
 * such as ResetInstance's `instanceName` sent as 2023-03-13. Absent, `null` and `""` are "not
 * given", as for every parameter.
 */
export function refuseOtherVersionParameters(version: VmApiVersion, action: string, params: Params): void {
  for (const other of VM_API_VERSIONS) {
    if (other === version) continue;
    for (const path of VERSION_ONLY_REQUEST_PARAMETERS[other][action] ?? []) {
      if (isGiven(params, path.split("."))) {
        throw invalid(path, `is a parameter of ${action} in VM API ${other}, not in ${version} (the X-ZC-Version of this request)`);
      }
    }
  }
}

function isGiven(value: unknown, path: readonly string[]): boolean {
  if (path.length === 0) return value !== undefined && value !== null && value !== "";
  if (typeof value !== "object" || value === null) return false;
  const [head, ...rest] = path as [string, ...string[]];
  const listed = head.endsWith("[]");
  const item = (value as Params)[listed ? head.slice(0, -2) : head];
  return listed ? Array.isArray(item) && item.some((entry) => isGiven(entry, rest)) : isGiven(item, rest);
}

/**
 * The answer of `action` as `version` shapes it: the fields the facts give to another version
 * only are left out. Fields the facts do not know pass through, so the contract test sees them.
 */
export function presentVmAnswer(version: VmApiVersion, action: string, fields: Record<string, unknown>): Record<string, unknown> {
  const table = RESPONSE_FIELDS[action];
  return table ? shape(version, table, fields) as Record<string, unknown> : fields;
}

function shape(version: VmApiVersion, table: FieldTable, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => shape(version, table, item));
  if (typeof value !== "object" || value === null) return value;
  const shaped: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const field = table[name];
    if (field?.only !== undefined && field.only !== version) continue;
    const type = field?.type;
    const inner = typeof type === "object" && "object" in type ? type.object
      : typeof type === "object" && "listOfObjects" in type ? type.listOfObjects : undefined;
    shaped[name] = inner ? shape(version, inner, item) : item;
  }
  return shaped;
}
