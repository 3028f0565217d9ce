/**
 * Jest global set-up of the e2e project: packs and installs the package once, in the parent
 * process, before the workers start. Each test file then runs in its own worker, in parallel with
 * the others, with its own simulator, program folder, file backend and PULUMI_HOME (stack.ts), so
 * nothing but this read-only folder is shared. Workers inherit the parent's environment.
 */
import { CONSUMER_ENV, consumerNodeModules } from "./consumer";

export default async function globalSetup(): Promise<void> {
  process.env[CONSUMER_ENV] = await consumerNodeModules();
}
