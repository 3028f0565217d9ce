/**
 * The owner tag's value. A front-end hands the lifecycle the resource's identity,
 * `<project>/<stack>/<resource name>`, as `__owner`; check turns it into the value the instance is
 * tagged with, so every front-end tags alike.
 */
import { createHash } from "node:crypto";
import { TAG_RULE } from "../../../facts/rules";

/**
 * Zenlayer limits tag values to 64 characters; a longer identity keeps its start and ends in `~`
 * and 12 hex digits of the SHA-256 of the whole, so the value stays within the limit, stable
 * across runs and distinct per resource. A value within the limit (a shortened one included) is
 * kept as it is.
 */
export function ownerTagValue(identity: string): string {
  if (identity.length <= TAG_RULE.valueMaxLength) return identity;
  const digest = createHash("sha256").update(identity).digest("hex").slice(0, 12);
  return `${identity.slice(0, TAG_RULE.valueMaxLength - digest.length - 1)}~${digest}`;
}
