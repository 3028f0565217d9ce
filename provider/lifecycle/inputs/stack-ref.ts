/**
 * A stack as the provider names it: `[<organization>/]<project>/<stack>`. Pulumi project and stack
 * names contain no `/`, so the last two parts are always the project and the stack; the
 * organization is there when the front-end knows it (the Node.js SDK does, the plugin's requests
 * do not carry it).
 */
import { stackTagValue } from "./tags";

export interface StackRef { organization?: string; project: string; stack: string }

/** `text` as a stack reference, or undefined when it has not two or three non-empty parts. */
export function parseStackRef(text: unknown): StackRef | undefined {
  if (typeof text !== "string") return undefined;
  const parts = text.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part.trim() === "")) return undefined;
  const [project, stack] = parts.slice(-2) as [string, string];
  return parts.length === 3 ? { organization: parts[0]!, project, stack } : { project, stack };
}

/** `<organization>/<project>/<stack>`, or `<project>/<stack>` without an organization. */
export function stackRefText(ref: StackRef): string {
  return [ref.organization, ref.project, ref.stack].filter((part) => part !== undefined).join("/");
}

/** The stack tag of instances created for the stack named by `text` (see constants.ts), if it names one. */
export function stackTagOf(text: unknown): string | undefined {
  const ref = parseStackRef(text);
  return ref ? stackTagValue(ref.project, ref.stack) : undefined;
}
