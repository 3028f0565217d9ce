/**
 * The words of a front-end that the lifecycle's messages use. Two front-ends serve the same
 * lifecycle: the Node.js dynamic provider (`new Instance(…)`, wait limits as the `timeouts` input)
 * and the `zenlayer` plugin (every Pulumi language, wait limits as the `customTimeouts` resource
 * option). A message that tells a person what to type names things as their front-end does, so
 * each front-end hands the lifecycle this description and the lifecycle builds every message.
 */

/** An operation with a wait limit. */
export type LimitedOperation = "create" | "update" | "delete";

export interface FrontEnd {
  /** The resource's type token, as its URNs and `pulumi state delete` name it. */
  typeToken: string;
  /** Where a person sets the wait limit of `operation` (e.g. `timeouts.delete`). */
  timeoutOption(operation: LimitedOperation): string;
}

/**
 * The Node.js dynamic provider, whose engine entry is provider.ts: what an operation uses unless
 * its front-end handed another description.
 */
export const DYNAMIC_PROVIDER: FrontEnd = {
  typeToken: "pulumi-nodejs:dynamic/zenlayer:Instance",
  timeoutOption: (operation) => `timeouts.${operation}`,
};
