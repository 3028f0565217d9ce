/**
 * tags: ModifyResourceTags in the Zenlayer Resource Manager, one call that sets the new and changed
 * keys (`replaceTags`) and removes the dropped ones (`deleteTagKeys`). The owner tag is never part
 * of either list: it stays the provider's. An adopted instance's tags are managed only when declared.
 */
import type { InstanceInputs } from "../inputs/inputs";
import type { CurrentSettings, InPlaceStep } from "./step";

/** The tag edit that turns `current` into the declared tags, or undefined when there is none. */
export function tagEdit(current: CurrentSettings, desired: InstanceInputs): { replace: { key: string; value: string }[]; remove: string[] } | undefined {
  if (desired.tags === undefined && desired.adoptInstanceId !== undefined) return undefined;
  const want = desired.tags ?? {};
  const have = current.tags ?? {};
  const replace = Object.entries(want).filter(([key, value]) => have[key] !== value).map(([key, value]) => ({ key, value }));
  const remove = Object.keys(have).filter((key) => !Object.hasOwn(want, key));
  return replace.length === 0 && remove.length === 0 ? undefined : { replace, remove };
}

export const tagsStep: InPlaceStep = {
  name: "tags",
  inputs: ["tags"],
  wanted: (current, desired) => tagEdit(current, desired) !== undefined,
  async apply({ ctx, id, current, desired, done }) {
    const edit = tagEdit(current, desired);
    if (!edit) return;
    await ctx.api.modifyResourceTags({
      resourceUuid: id,
      ...(edit.replace.length ? { replaceTags: edit.replace } : {}),
      ...(edit.remove.length ? { deleteTagKeys: edit.remove } : {}),
    });
    done.applied.tags = { ...(desired.tags ?? {}) };
    const parts = [edit.replace.length ? `set ${edit.replace.map((t) => t.key).join(", ")}` : "", edit.remove.length ? `removed ${edit.remove.join(", ")}` : ""];
    ctx.log.info(`${id}: tags ${parts.filter(Boolean).join("; ")}`);
  },
};
