/**
 * CreateInstances after an ambiguous failure (sent, but no clear answer). The API has no
 * idempotency token, so a blind re-POST can create a second VM. Instead, when the request names
 * its instances, look for them with DescribeInstances: found → return their ids as if the create
 * had answered; not found → the caller may send the create again.
 *
 * Remaining race, accepted and documented: a created instance may show up in DescribeInstances
 * only after a delay. We probe a few times (ReconcileOptions: by default 4 probes 1.5 s apart,
 * about 5 s) before concluding "not created"; if the server lists it later still, the re-POST
 * creates a duplicate. Same-named instances from before this call are excluded by createTime
 * (with a slack for clock skew), recycled ones by status, and zone/type/image must match; a
 * same-named instance created by someone else inside that window could still be mistaken for ours.
 * Only single-instance creates are reconciled (instanceCount 1): see below.
 */
import type { ResolvedClientConfig } from "./config";
import { isApiError } from "./errors";
import type { AmbiguityResolution } from "./invoke";
import { emit } from "./invoke";
import type { CreateInstancesRequest, CreateInstancesResponse, DescribeInstancesRequest, InstanceInfo, PagedResponse } from "./types";

/** Statuses a just-created instance cannot be in. */
const NOT_NEW_STATUSES: ReadonlySet<string> = new Set(["RECYCLE", "RECYCLING", "RELEASING"]);

/** What reconciling needs: a DescribeInstances with the usual retries. */
export type DescribeInstancesFn = (req: DescribeInstancesRequest) => Promise<PagedResponse<InstanceInfo>>;

/**
 * Looks for the instances an ambiguous CreateInstances may have made. `startedAtMs` is when the
 * first create attempt was sent. Emits a "reconcile" event with the ids found (possibly none).
 */
export async function reconcileCreate(
  config: ResolvedClientConfig, describe: DescribeInstancesFn, req: CreateInstancesRequest, startedAtMs: number,
): Promise<AmbiguityResolution<CreateInstancesResponse>> {
  const instanceName = req.instanceName;
  if (!instanceName) return { giveUp: "" };
  // How the API names several instances made by one call is not documented, so an exact-name
  // match could miss them and the resend would duplicate them: reconcile single creates only.
  if ((req.instanceCount ?? 1) !== 1) return { giveUp: "(Not checked automatically: instanceCount is above 1.)" };
  const since = startedAtMs - config.reconcile.createTimeSlackMs;
  let found: InstanceInfo[] = [];
  let requestId = "";
  for (let probe = 1; probe <= config.reconcile.probes; probe++) {
    try {
      const page = await describe({ instanceName, zoneId: req.zoneId, pageSize: 100 });
      requestId = page.requestId;
      found = page.dataSet.filter((info) => isCreatedBy(info, req, since));
    } catch (error) {
      const why = isApiError(error) ? `${error.code}${error.requestId ? `, request id ${error.requestId}` : ""}` : "unexpected error";
      return { giveUp: `Checking for the instance by name with DescribeInstances also failed (${why}).` };
    }
    if (found.length > 0 || probe === config.reconcile.probes) break;
    await config.sleep(config.reconcile.delayMs);
  }
  const ids = found.map((info) => info.instanceId).sort();
  emit(config, { type: "reconcile", action: "CreateInstances", instanceName, found: ids });
  return ids.length > 0 ? { value: { requestId, instanceIdSet: ids } } : { repeat: true };
}

/** Same name, zone and type, not recycled, and created no earlier than `sinceMs`. */
export function isCreatedBy(info: InstanceInfo, req: CreateInstancesRequest, sinceMs: number): boolean {
  if (info.instanceName !== req.instanceName || info.zoneId !== req.zoneId) return false;
  if (info.instanceType && info.instanceType !== req.instanceType) return false;
  if (info.imageId && info.imageId !== req.imageId) return false;
  if (NOT_NEW_STATUSES.has(info.instanceStatus)) return false;
  const created = info.createTime ? Date.parse(info.createTime) : Number.NaN;
  // An unparseable or missing createTime cannot rule the instance out.
  return Number.isNaN(created) || created >= sinceMs;
}

/** The hint for an ambiguous create that could not be reconciled. */
export function ambiguousCreateHint(req: CreateInstancesRequest, startedAtMs: number): string {
  const since = new Date(startedAtMs).toISOString();
  const how = req.instanceName
    ? `DescribeInstances with instanceName "${req.instanceName}" in zone ${req.zoneId}`
    : `DescribeInstances in zone ${req.zoneId} for instances created after ${since}`;
  const advice = req.instanceName ? "" : " Give instances a name so that the client can check this by itself.";
  return `CreateInstances may have created the instance although no clear answer arrived; it was not ` +
    `sent again, to avoid a duplicate VM. Check with ${how} before retrying.${advice}`;
}
