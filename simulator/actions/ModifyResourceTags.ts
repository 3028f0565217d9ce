import { TAG_RULE, tagProblem } from "../../facts/rules";
import type { Tag } from "../model/rules";
import { apiError } from "../protocol/errors";
import { invalid, optStringArray, reqString, type Params } from "../protocol/params";
import type { ActionContext, ActionHandler } from "./context";


/** The instance a Resource Manager request names by `resourceUuid`, or 404. */
export function requireResource(params: Params, ctx: ActionContext) {
  const resourceUuid = reqString(params, "resourceUuid");
  const live = ctx.store.get(resourceUuid, ctx.now);
  if (!live) throw apiError("OPERATION_FAILED_RESOURCE_NOT_FOUND", `The resource \`${resourceUuid}\` does not exist.`);
  return live;
}

function readReplaceTags(params: Params): Tag[] {
  const raw = params.replaceTags;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalid("replaceTags", "must be a list of {key, value}");
  const seen = new Set<string>();
  return raw.map((item: unknown) => {
    const { key, value } = (item ?? {}) as Params;
    if (typeof key !== "string" || typeof value !== "string") throw invalid("replaceTags", "must be a list of {key, value} strings");
    const problem = tagProblem(key, value);
    if (problem) throw invalid("replaceTags", `must ${problem}`);
    if (seen.has(key)) throw invalid("replaceTags", `repeats the key \`${key}\``);
    seen.add(key);
    return { key, value };
  });
}

/**
 * ModifyResourceTags (zrm): sets `replaceTags` (added or overwritten) and removes `deleteTagKeys`
 * on one resource, all or nothing. DescribeInstances shows the result at once.
 */
export const ModifyResourceTags: ActionHandler = (params, ctx) => {
  const { record } = requireResource(params, ctx);
  const replace = readReplaceTags(params);
  const remove = optStringArray(params, "deleteTagKeys", TAG_RULE.maxTags) ?? [];
  const clash = replace.find((t) => remove.includes(t.key));
  if (clash) throw invalid("deleteTagKeys", `names \`${clash.key}\`, which replaceTags sets`);
  const next = record.tags.filter((t) => !remove.includes(t.key)).map((t) => ({ ...t }));
  for (const tag of replace) {
    const existing = next.find((t) => t.key === tag.key);
    if (existing) existing.value = tag.value;
    else next.push(tag);
  }
  if (next.length > TAG_RULE.maxTags) throw invalid("replaceTags", `would leave ${next.length} tags; a resource carries at most ${TAG_RULE.maxTags}`);
  record.tags = next;
  ctx.store.put(record, ctx.now);
  return {};
};
