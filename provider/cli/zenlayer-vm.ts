#!/usr/bin/env node
/**
 * `zenlayer-vm orphans --stack <organization>/<project>/<stack> [--terminate]`: the instances made
 * for a stack (its `pulumi-stack` tag, or the owner tag of older releases) that the stack's state
 * does not hold, e.g. one whose `pulumi up` was killed while the instance was being created. Lists
 * them with what to do; `--terminate` terminates them as `pulumi destroy` would (waiting out an
 * instance still being created or installed) into Zenlayer's recycle bin.
 *
 * Credentials and endpoint: the stack's config (`zenlayer:*`, read with `pulumi config` in the
 * working directory, the stack's project folder) wins over the `ZENLAYERCLOUD_*` environment, as
 * for the provider. The state is read with `pulumi stack export`.
 */
import { execFile } from "node:child_process";
import {
  describeOrphan, liveStackInstances, orphansAmong, RECYCLE_BIN_NOTE, terminateOrphan,
} from "../lifecycle/operations/orphans";
import { messageOf, redactedError } from "../lifecycle/errors";
import { parseStackRef, stackRefText, type StackRef } from "../lifecycle/inputs/stack-ref";
import { currentContext } from "../lifecycle/runtime/context";
import { configureSettings } from "../lifecycle/runtime/settings";
import { readStackState } from "../lifecycle/runtime/stack-state";

const USAGE = `Usage: zenlayer-vm orphans --stack <organization>/<project>/<stack> [--terminate]

Lists the Zenlayer instances created for the stack that its state does not hold (for example one
whose pulumi up was interrupted while the instance was being created), with what to do about each.
  --stack <org>/<project>/<stack>   the fully qualified stack name (pulumi stack --show-name -Q)
  --terminate                       terminate them (into Zenlayer's recycle bin, restorable for ~24 hours)
Run it in the stack's project folder so that the stack's zenlayer:* config is used; otherwise the
ZENLAYERCLOUD_* environment variables give the credentials and endpoint.
`;

class UsageError extends Error {}

/** The command line, or a UsageError. */
export function parseArgs(argv: readonly string[]): { ref: StackRef; terminate: boolean } | "help" {
  if (argv.includes("--help") || argv.includes("-h")) return "help";
  const [command, ...rest] = argv;
  if (command !== "orphans") throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  let stack: string | undefined;
  let terminate = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--terminate") terminate = true;
    else if (arg === "--stack") stack = rest[++i];
    else if (arg.startsWith("--stack=")) stack = arg.slice("--stack=".length);
    else throw new UsageError(`unknown argument "${arg}"`);
  }
  if (stack === undefined) throw new UsageError("--stack is required");
  const ref = parseStackRef(stack);
  if (!ref?.organization) {
    throw new UsageError(`--stack must be <organization>/<project>/<stack> (pulumi stack --show-name -Q prints it), not "${stack}"`);
  }
  return { ref, terminate };
}

/** The stack's `zenlayer:*` config, secrets revealed; empty when the CLI cannot give it. */
function stackConfig(ref: StackRef): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    execFile("pulumi", ["config", "--json", "--show-secrets", "--stack", stackRefText(ref), "--non-interactive"], { timeout: 60_000 },
      (error, stdout) => {
        if (error) return resolve({});
        try {
          const parsed = JSON.parse(String(stdout)) as Record<string, { value?: unknown }>;
          resolve(Object.fromEntries(Object.entries(parsed)
            .filter(([key, entry]) => key.startsWith("zenlayer:") && typeof entry?.value === "string")
            .map(([key, entry]) => [key, entry.value as string])));
        } catch {
          resolve({});
        }
      });
  });
}

async function orphans(ref: StackRef, terminate: boolean): Promise<number> {
  const config = await stackConfig(ref);
  configureSettings({ get: (key) => config[key] });
  const ctx = currentContext();
  const [live, state] = await Promise.all([liveStackInstances(ctx.api, ref), readStackState(ref)]).catch((e: unknown) => {
    throw redactedError(messageOf(e), ctx.secrets);
  });
  const found = orphansAmong(live, state);
  const name = stackRefText(ref);
  if (found.length === 0) {
    ctx.log.info(`No instance of stack ${name} is outside its state (${live.length} live instance${live.length === 1 ? "" : "s"} tagged for it, all in the state).`);
    return 0;
  }
  ctx.log.info(`${found.length} instance${found.length === 1 ? "" : "s"} of stack ${name} outside its state:`);
  for (const orphan of found) ctx.log.info(`- ${describeOrphan(orphan, ref)}`);
  if (!terminate) return 0;
  let failed = 0;
  for (const { info } of found) {
    try {
      const outcome = await terminateOrphan(ctx, info.instanceId);
      ctx.log.info(outcome === "gone" ? `${info.instanceId}: already gone` : `${info.instanceId}: terminated (in Zenlayer's recycle bin)`);
    } catch (e) {
      failed++;
      // The context's logger keeps the access key password out of the line.
      ctx.log.info(`${info.instanceId}: terminating failed: ${messageOf(e)}`);
    }
  }
  ctx.log.info(RECYCLE_BIN_NOTE);
  if (found.some((o) => o.pendingCreateUrn)) {
    ctx.log.info(`The state still records the interrupted create${found.length === 1 ? "" : "s"}: pulumi refresh --clear-pending-creates --stack ${name} removes ${found.length === 1 ? "it" : "them"}.`);
  }
  return failed === 0 ? 0 : 1;
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`zenlayer-vm: ${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed === "help") {
    process.stdout.write(USAGE);
    return;
  }
  try {
    process.exitCode = await orphans(parsed.ref, parsed.terminate);
  } catch (e) {
    process.stderr.write(`zenlayer-vm: ${messageOf(e)}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
