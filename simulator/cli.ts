#!/usr/bin/env node
import { CliUsageError, USAGE, parseCliArgs, type CliPlan } from "./cli-args";
import { startSimulator } from "./index";

/** Starts the simulator from the command line; one line on stdout once listening, logs on stderr. */
async function main(): Promise<void> {
  let plan: CliPlan;
  try {
    plan = parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`zenlayer-sim: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (plan.help) {
    process.stdout.write(USAGE);
    return;
  }
  for (const warning of plan.warnings) process.stderr.write(`zenlayer-sim: warning: ${warning}\n`);
  const sim = await startSimulator({ ...plan.options, log: !plan.quiet });
  process.stdout.write(`zenlayer-sim listening on ${sim.url} (API at /api/v2/vm, control at /_sim)\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`zenlayer-sim: ${signal} received, saving state and stopping\n`);
    sim.stop().then(() => process.exit(0), (error: unknown) => {
      process.stderr.write(`zenlayer-sim: failed to stop cleanly: ${String(error)}\n`);
      process.exit(1);
    });
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`zenlayer-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
