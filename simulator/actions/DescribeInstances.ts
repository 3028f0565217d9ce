import { toInstanceInfo } from "../instance-record";
import { optString, optStringArray, page, type Params } from "../params";
import { readTags } from "../rules";
import type { LiveInstance } from "../store";
import { MAX_IDS, type ActionHandler } from "./context";

/** Reads the filters of DescribeInstances into one predicate; every filter given must match. */
function filterFrom(params: Params): (live: LiveInstance) => boolean {
  const ids = optStringArray(params, "instanceIds", MAX_IDS);
  const zoneId = optString(params, "zoneId");
  const status = optString(params, "instanceStatus");
  const name = optString(params, "instanceName", 1000);
  const group = optString(params, "resourceGroupId");
  const tagKeys = optStringArray(params, "tagKeys", 50);
  const tags = readTags(params);
  return ({ record, status: current }) =>
    (!ids || ids.includes(record.instanceId)) &&
    (!zoneId || record.zoneId === zoneId) &&
    (!status || current === status) &&
    // Exact match, so a client can look an instance up by name after an ambiguous create.
    (name === undefined || record.instanceName === name) &&
    (!group || record.resourceGroupId === group) &&
    (!tagKeys || tagKeys.every((key) => record.tags.some((t) => t.key === key))) &&
    (!tags || tags.every((want) => record.tags.some((t) => t.key === want.key && (want.value === "" || t.value === want.value))));
}

/** DescribeInstances: filtered, paged InstanceInfo in creation order; unknown ids simply match nothing. */
export const DescribeInstances: ActionHandler = (params, ctx) => {
  const matches = filterFrom(params);
  const found = ctx.store.list(ctx.now).filter(matches);
  return page(found.map((live) => toInstanceInfo(live.record, live.status, ctx.now)), params);
};
