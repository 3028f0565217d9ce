import { buildRecord } from "../model/instance-factory";
import { parseInstanceSpec } from "../model/instance-spec";
import { planFrom } from "../model/lifecycle";
import { newOrderNumber } from "../protocol/ids";
import type { ActionHandler } from "./context";

/**
 * CreateInstances: validates everything first, then creates `instanceCount` instances that go
 * PENDING → DEPLOYING → RUNNING, or PENDING → CREATE_FAILED for those claimed by `failNextCreates`.
 * `instances` pairs each new instance with the ids of the data disks created with it; a request
 * without data disks gets an empty array, as the 2026-04-01 SDK documents.
 */
export const CreateInstances: ActionHandler = (params, ctx) => {
  const spec = parseInstanceSpec(params, "api");
  const instances: { instanceId: string; diskIdSet: string[] }[] = [];
  const withDisks = spec.dataDisks.length > 0;
  for (let index = 0; index < spec.instanceCount; index++) {
    const detours = ctx.takeCreateFailure() ? { PENDING: "CREATE_FAILED" as const } : {};
    const record = buildRecord(spec, index, planFrom("PENDING", ctx.now, ctx.durations, detours), ctx.store, ctx.now);
    ctx.store.put(record, ctx.now);
    instances.push({ instanceId: record.instanceId, diskIdSet: record.dataDisks.map((disk) => disk.diskId) });
  }
  return { instanceIdSet: instances.map((created) => created.instanceId), orderNumber: newOrderNumber(), instances: withDisks ? instances : [] };
};
