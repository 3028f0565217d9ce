/**
 * Small reads over the VmApi used by several operations: one instance by id, statuses for the
 * shared poller, and instances carrying an owner tag.
 */
import { isApiError } from "../../client";
import type { InstanceInfo, VmApi } from "../../client/types";
import { NOT_FOUND_CODES, OWNER_TAG_KEY } from "../constants";
import type { StatusSource } from "../waits/status-poller";
import { fromApiTags } from "../inputs/tags";

/** The instance with this id, or undefined when the API does not list it (or says not found). */
export async function describeOne(api: VmApi, id: string): Promise<InstanceInfo | undefined> {
  try {
    const page = await api.describeInstances({ instanceIds: [id], pageSize: 10 });
    return page.dataSet.find((info) => info.instanceId === id);
  } catch (e) {
    if (isApiError(e, ...NOT_FOUND_CODES)) return undefined;
    throw e;
  }
}

/** Most ids per DescribeInstancesStatus call (the API's limit for instanceIds). */
export const STATUS_BATCH = 100;

/**
 * Where a status poll may hand over the details it read: ids whose details an operation will ask
 * for once their wait ends (a create's outputs), and a place for them.
 */
export interface DetailsExchange {
  /** True when the details of any of `ids` will be asked for. */
  wants(ids: readonly string[]): boolean;
  /** Details just read by a poll. */
  offer(infos: readonly InstanceInfo[]): void;
}

/**
 * The poller's source: DescribeInstancesStatus for up to 100 ids per call. When `details` wants
 * the details of an id in the batch, DescribeInstances is asked instead (the same one call) and
 * its answer offered there, so the outputs of a create come with the poll that saw it RUNNING.
 * Robust to servers that differ from Zenlayer's documented behaviour: one that answers "not
 * found" for unknown ids (instead of leaving them out) is asked id by id, and one that does not
 * offer the action (an error naming the action, 404 without an instance code, or 501) is read
 * with DescribeInstances from then on.
 */
export function statusSource(api: VmApi, details?: DetailsExchange): StatusSource {
  let useDescribeInstances = false;
  const read = async (ids: string[]): Promise<{ instanceId: string; instanceStatus: string }[]> => {
    if (!useDescribeInstances && !details?.wants(ids)) {
      try {
        return (await api.describeInstancesStatus({ instanceIds: ids, pageSize: STATUS_BATCH })).dataSet;
      } catch (e) {
        if (!isUnsupportedAction(e)) throw e;
        useDescribeInstances = true;
      }
    }
    const infos = (await api.describeInstances({ instanceIds: ids, pageSize: STATUS_BATCH })).dataSet;
    details?.offer(infos);
    return infos;
  };
  return async (ids) => {
    const statuses = new Map<string, string>();
    for (let i = 0; i < ids.length; i += STATUS_BATCH) {
      for (const entry of await knownAmong(ids.slice(i, i + STATUS_BATCH), read)) statuses.set(entry.instanceId, entry.instanceStatus);
    }
    return statuses;
  };
}

/**
 * The instances among `ids` (at most STATUS_BATCH), read with one DescribeInstances; ids the API
 * does not list are left out.
 */
export function describeMany(api: VmApi, ids: string[]): Promise<InstanceInfo[]> {
  return knownAmong(ids, async (batch) =>
    (await api.describeInstances({ instanceIds: batch, pageSize: STATUS_BATCH })).dataSet.filter((info) => batch.includes(info.instanceId)));
}

/**
 * `read` of a batch of ids, on a server that may answer "not found" for an unknown id among them
 * (Zenlayer leaves unknown ids out): then each id is asked alone, and one not found is left out.
 */
async function knownAmong<T>(ids: string[], read: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  try {
    return await read(ids);
  } catch (e) {
    if (!isApiError(e, ...NOT_FOUND_CODES)) throw e;
    if (ids.length === 1) return [];
    return (await Promise.all(ids.map((id) => knownAmong([id], read)))).flat();
  }
}

function isUnsupportedAction(e: unknown): boolean {
  if (!isApiError(e) || NOT_FOUND_CODES.includes(e.code)) return false;
  return /ACTION|NOT_IMPLEMENTED|UNSUPPORTED_OPERATION$/.test(e.code) || e.httpStatus === 501 || e.httpStatus === 404;
}

/** Most pages read when looking for an owner's instances (1000 instances). */
const OWNER_PAGES = 10;

/**
 * Instances tagged `pulumi-owner = owner`. Asks the API to filter by tag, and filters again on
 * our side, in case a server ignores the filter.
 */
export async function findByOwner(api: VmApi, owner: string): Promise<InstanceInfo[]> {
  try {
    return await listOwned(api, owner, true);
  } catch (e) {
    // A server that rejects the tag filter (a 4xx other than throttling): list and filter here.
    if (!isApiError(e) || e.retryable || e.httpStatus === undefined || e.httpStatus >= 500) throw e;
    return listOwned(api, owner, false);
  }
}

async function listOwned(api: VmApi, owner: string, filterByTag: boolean): Promise<InstanceInfo[]> {
  const found: InstanceInfo[] = [];
  for (let pageNum = 1; pageNum <= OWNER_PAGES; pageNum++) {
    const page = await api.describeInstances({
      ...(filterByTag ? { tags: [{ key: OWNER_TAG_KEY, value: owner }] } : {}), pageNum, pageSize: 100,
    });
    found.push(...page.dataSet.filter((info) => fromApiTags(info.tags).owner === owner));
    if (page.dataSet.length < 100 || pageNum * 100 >= page.totalCount) break;
  }
  return found;
}
