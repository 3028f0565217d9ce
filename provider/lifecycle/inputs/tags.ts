/**
 * Tags: a plain string map in Pulumi, the API's wrapper `{ tags: [{ key, value }] }` on the wire
 * (CreateInstances' `tags`). The owner tag is added on the way out and hidden on the way back.
 */
import type { TagWrapper } from "../../client/types";
import { OWNER_TAG_KEY } from "../constants";

/** The wire form of `tags` plus the owner tag (when there is an owner); undefined when empty. */
export function toApiTags(tags: Record<string, string> | undefined, owner: string | undefined): TagWrapper | undefined {
  const list = Object.entries(tags ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => ({ key, value }));
  if (owner) list.push({ key: OWNER_TAG_KEY, value: owner });
  return list.length ? { tags: list } : undefined;
}

/** The user's tags (owner tag removed) and the owner, from the wire form. */
export function fromApiTags(wrapper: TagWrapper | null | undefined): { tags: Record<string, string>; owner?: string } {
  const tags: Record<string, string> = {};
  let owner: string | undefined;
  for (const tag of wrapper?.tags ?? []) {
    if (tag.key === OWNER_TAG_KEY) owner = tag.value ?? "";
    else tags[tag.key] = tag.value ?? "";
  }
  return owner === undefined ? { tags } : { tags, owner };
}

/** Order-insensitive equality; an absent map equals an empty one. */
export function tagsEqual(a: Record<string, string> | undefined | null, b: Record<string, string> | undefined | null): boolean {
  const left = Object.entries(a ?? {});
  const right = b ?? {};
  return left.length === Object.keys(right).length && left.every(([k, v]) => Object.hasOwn(right, k) && right[k] === v);
}
