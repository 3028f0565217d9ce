/**
 * Whether an existing instance has the immutable configuration the inputs ask for: used to adopt
 * an instance left by an interrupted `up` (owner tag) and to adopt a console-made one
 * (`adoptInstanceId`). Only what the API reports is compared; what it does not report cannot
 * disagree.
 */
import type { InstanceInfo } from "../../client/types";
import type { InstanceInputs } from "../inputs/inputs";
import { fromApiTags, tagsEqual } from "../inputs/tags";

/** One disagreement, as a property path and both values. */
export interface Mismatch { property: string; instance: unknown; inputs: unknown }

/**
 * The disagreements between `info` and `inputs` on the properties that would force a replacement.
 * `tagsRequired`: compare tags even when the inputs have none (leftovers of our own creates carry
 * exactly the requested tags; a console-made instance's tags are compared only when declared).
 */
export function mismatches(inputs: InstanceInputs, info: InstanceInfo, tagsRequired: boolean): Mismatch[] {
  const out: Mismatch[] = [];
  const check = (property: string, instance: unknown, wanted: unknown) => {
    if (wanted === undefined || instance === undefined || instance === null) return;
    if (instance !== wanted) out.push({ property, instance, inputs: wanted });
  };
  check("zoneId", info.zoneId, inputs.zoneId);
  check("instanceType", info.instanceType, inputs.instanceType);
  check("imageId", info.imageId, inputs.imageId);
  check("instanceChargeType", info.instanceChargeType, inputs.instanceChargeType);
  if (inputs.instanceChargeType === "PREPAID") check("instanceChargePrepaid.period", info.period, inputs.instanceChargePrepaid?.period);
  check("internetChargeType", info.internetChargeType, inputs.internetChargeType);
  check("trafficPackageSize", info.trafficPackageSize, inputs.trafficPackageSize);
  check("subnetId", info.subnetId, inputs.subnetId);
  if (inputs.keyId !== undefined && (info.keyId ?? undefined) !== inputs.keyId) {
    out.push({ property: "keyId", instance: info.keyId ?? null, inputs: inputs.keyId });
  }
  if (inputs.securityGroupId !== undefined && info.securityGroupIds && !info.securityGroupIds.includes(inputs.securityGroupId)) {
    out.push({ property: "securityGroupId", instance: info.securityGroupIds, inputs: inputs.securityGroupId });
  }
  check("systemDisk.diskSize", info.systemDisk?.diskSize, inputs.systemDisk?.diskSize);
  check("systemDisk.diskCategory", info.systemDisk?.diskCategory, inputs.systemDisk?.diskCategory);
  if (inputs.dataDisks !== undefined && info.dataDisks) {
    if (info.dataDisks.length !== inputs.dataDisks.length) {
      out.push({ property: "dataDisks", instance: `${info.dataDisks.length} disk(s)`, inputs: `${inputs.dataDisks.length} disk(s)` });
    } else {
      inputs.dataDisks.forEach((disk, i) => {
        check(`dataDisks[${i}].diskSize`, info.dataDisks?.[i]?.diskSize, disk.diskSize);
        check(`dataDisks[${i}].diskCategory`, info.dataDisks?.[i]?.diskCategory, disk.diskCategory);
      });
    }
  }
  if ((tagsRequired || inputs.tags !== undefined) && info.tags !== undefined && info.tags !== null) {
    const have = fromApiTags(info.tags).tags;
    if (!tagsEqual(have, inputs.tags)) out.push({ property: "tags", instance: have, inputs: inputs.tags ?? {} });
  }
  return out;
}

/** `zoneId: the instance has "SEL-A", the inputs say "HKG-A"` per line. */
export function describeMismatches(list: readonly Mismatch[]): string {
  return list.map((m) => `${m.property}: the instance has ${JSON.stringify(m.instance)}, the inputs say ${JSON.stringify(m.inputs)}`).join("; ");
}
