import { REQUEST_LIMITS } from "../../facts/rules";
import { toInstanceInfo, type InstanceRecord } from "../model/instance-record";
import { readTags } from "../model/rules";
import type { LiveInstance } from "../model/store";
import { invalid, optString, optStringArray, page, type Params } from "../protocol/params";
import { MAX_IDS, type ActionHandler } from "./context";

/** Filters that name one value of a record field. */
const EXACT_FILTERS = ["zoneId", "resourceGroupId", "instanceType", "internetChargeType", "imageId", "keyId", "subnetId"] as const;
/** Filters that list addresses; an instance matches when it has any of them. */
const LIST_FILTERS = ["publicIpAddresses", "privateIpAddresses"] as const;

/**
 * Reads the filters of DescribeInstances (every one the SDK's request has, but the ids, which pick
 * the candidates) into one predicate; every filter given must match.
 */
function filterFrom(params: Params): (live: LiveInstance) => boolean {
  const status = optString(params, "instanceStatus");
  const name = optString(params, "instanceName", 1000);
  const tagKeys = optStringArray(params, "tagKeys", REQUEST_LIMITS.tagFiltersMax);
  const tags = readTags(params, "tags", true);
  if (tags && tags.length > REQUEST_LIMITS.tagFiltersMax) throw invalid("tags", `may name at most ${REQUEST_LIMITS.tagFiltersMax} tags`);
  const nameMatches = nameFilter(name);
  const equalities = EXACT_FILTERS.flatMap((field) => {
    const wanted = optString(params, field);
    return wanted === undefined ? [] : [(record: InstanceRecord) => record[field] === wanted];
  });
  const inLists = LIST_FILTERS.flatMap((field) => {
    const wanted = optStringArray(params, field, MAX_IDS);
    return wanted === undefined ? [] : [(record: InstanceRecord) => wanted.some((value) => record[field].includes(value))];
  });
  const securityGroupId = optString(params, "securityGroupId");
  return ({ record, status: current }) =>
    (!status || current === status) &&
    nameMatches(record.instanceName) &&
    equalities.every((matches) => matches(record)) &&
    inLists.every((matches) => matches(record)) &&
    (!securityGroupId || record.securityGroupIds.includes(securityGroupId)) &&
    (!tagKeys || tagKeys.every((key) => record.tags.some((t) => t.key === key))) &&
    (!tags || tags.every((want) => record.tags.some((t) => t.key === want.key && (want.value === "" || t.value === want.value))));
}

/**
 * The `instanceName` filter: a name ending in `*` matches every name that starts with the rest (the
 * "fuzzy" match 2026-04-01's documentation describes; no name holds a `*`, so it cannot mean a
 * name), any other name only itself, so that a client can look an instance up by name after an
 * ambiguous create.
 */
function nameFilter(name: string | undefined): (instanceName: string) => boolean {
  if (name === undefined) return () => true;
  if (!name.endsWith("*")) return (instanceName) => instanceName === name;
  const prefix = name.slice(0, -1);
  return (instanceName) => instanceName.startsWith(prefix);
}

/** DescribeInstances: filtered, paged InstanceInfo in creation order; unknown ids simply match nothing. */
export const DescribeInstances: ActionHandler = (params, ctx) => {
  const ids = optStringArray(params, "instanceIds", MAX_IDS);
  const matches = filterFrom(params);
  // By id, only the instances named are read; the fleet is listed only when no ids are given.
  const found = (ids ? ctx.store.getMany(ids, ctx.now) : ctx.store.list(ctx.now)).filter(matches);
  // The page is cut first, so that a page costs its own instances' shapes, not the fleet's.
  const { totalCount, dataSet } = page(found, params);
  return { totalCount, dataSet: dataSet.map((live) => toInstanceInfo(live.record, live.status)) };
};
