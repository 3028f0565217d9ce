/**
 * Tags: a plain string map in Pulumi, the API's wrapper `{ tags: [{ key, value }] }` on the wire
 * (CreateInstances' `tags`). The provider's own tags (owner and stack, see constants.ts) are added
 * on the way out and hidden on the way back.
 */
import type { TagWrapper } from "../../client/types";
import { OWNER_TAG_KEY, STACK_TAG_KEY } from "../constants";
import { ownerTagValue } from "./owner";

/** Tag keys the provider sets and a program may not. */
export const RESERVED_TAG_KEYS: readonly string[] = [OWNER_TAG_KEY, STACK_TAG_KEY];

/** The provider's tags of an instance. */
export interface ProviderTags { owner?: string; stack?: string }

/**
 * The stack tag's value for `<project>/<stack>`, within Zenlayer's limit by the owner tag's rule
 * (owner.ts): computable from the names alone, so an exact-match lookup always finds it.
 */
export function stackTagValue(project: string, stack: string): string {
  return ownerTagValue(`${project}/${stack}`);
}

/** The wire form of `tags` plus the provider's tags (those given); undefined when empty. */
export function toApiTags(tags: Record<string, string> | undefined, owner: string | undefined, stack?: string): TagWrapper | undefined {
  const list = Object.entries(tags ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => ({ key, value }));
  if (owner) list.push({ key: OWNER_TAG_KEY, value: owner });
  if (stack) list.push({ key: STACK_TAG_KEY, value: stack });
  return list.length ? { tags: list } : undefined;
}

/** The user's tags (the provider's removed) and the provider's, from the wire form. */
export function fromApiTags(wrapper: TagWrapper | null | undefined): { tags: Record<string, string> } & ProviderTags {
  const tags: Record<string, string> = {};
  const own: ProviderTags = {};
  for (const tag of wrapper?.tags ?? []) {
    if (tag.key === OWNER_TAG_KEY) own.owner = tag.value ?? "";
    else if (tag.key === STACK_TAG_KEY) own.stack = tag.value ?? "";
    else tags[tag.key] = tag.value ?? "";
  }
  return { tags, ...own };
}

/** Order-insensitive equality; an absent map equals an empty one. */
export function tagsEqual(a: Record<string, string> | undefined | null, b: Record<string, string> | undefined | null): boolean {
  const left = Object.entries(a ?? {});
  const right = b ?? {};
  return left.length === Object.keys(right).length && left.every(([k, v]) => Object.hasOwn(right, k) && right[k] === v);
}
