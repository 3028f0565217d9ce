/**
 * powerState: StartInstances (STOPPED → BOOTING → RUNNING) or StopInstances (RUNNING → STOPPING →
 * STOPPED), each waited for. Starting runs first, so that the steps that need a running instance
 * can follow; stopping runs last, after every other change. A stopped instance that is about to be
 * reinstalled is not started first: the reinstall brings it up.
 */
import { lastSeen, waitForStatuses } from "../waits/waiters";
import { reinstallWanted } from "./reinstall-wanted";
import { desiredPower, type InPlaceStep, type StepRun } from "./step";

/** Sends StartInstances or StopInstances and waits for the resting status; keeps `run.current.status` up to date. */
export async function powerAndWait(run: StepRun, to: "RUNNING" | "STOPPED"): Promise<void> {
  const { ctx, id, args } = run;
  if (to === "RUNNING") await ctx.api.startInstances({ instanceIds: [id] });
  else await ctx.api.stopInstances({ instanceIds: [id] });
  const result = await waitForStatuses(ctx, id, new Set([to]), { ...args, immediate: false });
  if (result.status !== undefined) run.current.status = result.status;
  if (!result.matched) {
    throw new Error(
      `${to === "RUNNING" ? "StartInstances" : "StopInstances"} was accepted but ${id} did not reach ${to} within ` +
      `${ctx.frontEnd.timeoutOption("update")} = ${args.limitText} (${lastSeen(result)})`);
  }
}

export const startStep: InPlaceStep = {
  name: "powerState",
  inputs: ["powerState"],
  wanted: (current, desired) => current.status === "STOPPED" && desiredPower(desired) === "RUNNING" && !reinstallWanted(current, desired),
  async apply(run) {
    await powerAndWait(run, "RUNNING");
    run.done.applied.powerState = "RUNNING";
    run.ctx.log.info(`${run.id} started (powerState RUNNING)`);
  },
};

export const stopStep: InPlaceStep = {
  name: "powerState",
  inputs: ["powerState"],
  wanted: (current, desired) => current.status === "RUNNING" && desiredPower(desired) === "STOPPED",
  async apply(run) {
    await powerAndWait(run, "STOPPED");
    run.done.applied.powerState = "STOPPED";
    run.ctx.log.info(`${run.id} stopped (powerState STOPPED)`);
  },
};
