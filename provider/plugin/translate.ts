/**
 * What the plugin changes between the provider protocol and the lifecycle, and nothing else: the
 * lifecycle (provider/lifecycle/provider.ts) decides everything about the instance.
 *
 * - Identity: the lifecycle's `__owner` (`<project>/<stack>/<name>`, which its check turns into the owner tag),
 *   `__resourceName` (the base of generated names) and `__stack` (`<project>/<stack>`: a URN names
 *   no organization) come from the resource's URN, as the Node.js SDK sets them for the dynamic
 *   provider.
 * - Wait limits: the `customTimeouts` resource option arrives as each request's `timeout`
 *   (seconds) and becomes the lifecycle's `timeouts.<operation>` for that call only; it is never
 *   stored, and the `timeouts` input is refused (a plugin user sets customTimeouts).
 * - Words: the lifecycle's messages name the plugin's type token and customTimeouts (PLUGIN_FRONT_END).
 * - Import: an instance read without state becomes an adopted one (`adoptInstanceId`), so the
 *   generated program needs no password and the stack owns the instance as an adopted one.
 */
import type { FrontEnd } from "../lifecycle/front-end";
import { formatDuration } from "../lifecycle/inputs/durations";
import type { Failure } from "../lifecycle/inputs/inputs";
import { INSTANCE_TOKEN } from "./schema";

type Props = Record<string, unknown>;
export type Operation = "create" | "update" | "delete";

/** The plugin's words for the lifecycle's messages: its type token, and wait limits set as customTimeouts. */
export const PLUGIN_FRONT_END: FrontEnd = {
  typeToken: INSTANCE_TOKEN,
  timeoutOption: (operation) => `customTimeouts.${operation}`,
};

/** The engine's address among the plugin's arguments: the last, after flags such as `-v=9` or `--tracing <endpoint>`. */
export function engineAddressFrom(args: readonly string[]): string | undefined {
  const last = args.at(-1);
  return last !== undefined && !last.startsWith("-") ? last : undefined;
}

/** The resource name, owner and stack of `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function identityOf(urn: string): { __owner: string; __resourceName: string; __stack: string } {
  const parts = urn.split("::");
  const stack = (parts[0] ?? "").replace(/^urn:pulumi:/, "");
  const project = parts[1] ?? "";
  const name = parts.slice(3).join("::");
  if (!stack || !project || !name) throw new Error(`Cannot read the project, stack and name of the resource URN ${urn}`);
  return { __owner: `${project}/${stack}/${name}`, __resourceName: name, __stack: `${project}/${stack}` };
}

/** The new inputs as the lifecycle's check expects them, and the failures only the plugin knows. */
export function checkInputsFor(urn: string, news: Props): { inputs: Props; failures: Failure[] } {
  const failures: Failure[] = [];
  const { timeouts, ...rest } = news;
  if (timeouts !== undefined && timeouts !== null) {
    failures.push({
      property: "timeouts",
      reason: "timeouts is an input of the Node.js dynamic provider only; with the zenlayer plugin set the customTimeouts resource option",
    });
  }
  return { inputs: { ...rest, ...identityOf(urn) }, failures };
}

/** `props` with the lifecycle's limit for `operation` taken from the request's timeout (seconds; 0 = none). */
export function withRequestTimeout(props: Props, operation: Operation, timeoutSeconds: number): Props {
  const { timeouts: _stored, ...rest } = props;
  if (!(timeoutSeconds > 0)) return rest;
  return { ...rest, timeouts: { [operation]: formatDuration(timeoutSeconds * 1000) } };
}

/** Properties as they go back to the engine: without the per-call `timeouts`. */
export function withoutTimeouts(props: Props | undefined): Props {
  const { timeouts: _timeouts, ...rest } = props ?? {};
  return rest;
}

/** Read's inputs for an instance read without state (`pulumi import`, a lookup by id): adopted. */
export function importedInputs(id: string, inputs: Props | undefined): Props {
  return { ...withoutTimeouts(inputs), adoptInstanceId: id };
}
