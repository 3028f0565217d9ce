/**
 * imageId / keyId: a reinstall. DescribeImages (the image must exist in the instance's zone, so
 * a mistyped id stops nothing) → StopInstances (when RUNNING) → wait STOPPED → ResetInstance with
 * the image and the login (the key pair, or the password) → wait REBUILDING → RUNNING. The
 * instance keeps its id, its addresses and its data disks; the system disk is rewritten.
 *
 * If anything fails after this step stopped the instance and before ResetInstance was accepted,
 * the instance is started again before the step fails (when the inputs want it running), and the
 * message says so: a failed reinstall never leaves a server stopped that was running. Once
 * ResetInstance is accepted, the new image is recorded even if the wait then fails.
 */
import { messageOf } from "../errors";
import { lastSeen, waitForStatuses } from "../waits/waiters";
import { powerAndWait } from "./power";
import { reinstallWanted } from "./reinstall-wanted";
import { desiredPower, type InPlaceStep, type StepRun } from "./step";

export const reinstallStep: InPlaceStep = {
  name: "imageId/keyId",
  inputs: ["imageId", "keyId"],
  wanted: reinstallWanted,
  async apply(run) {
    const { ctx, id, current, desired, args, done } = run;
    const login = desired.keyId !== undefined ? { keyId: desired.keyId } : desired.password !== undefined ? { password: desired.password } : {};
    await requireImage(run);
    ctx.log.info(
      `${id}: reinstalling the operating system from image ${desired.imageId}` +
      `${desired.keyId !== undefined ? ` with key pair ${desired.keyId}` : ""}: the system disk is rewritten; ` +
      `the instance id, its addresses and its data disks stay`);
    let stoppedHere = false;
    try {
      if (current.status === "RUNNING") {
        stoppedHere = true;
        await powerAndWait(run, "STOPPED");
      }
      await ctx.api.resetInstance({ instanceId: id, imageId: desired.imageId, ...login });
    } catch (e) {
      throw new Error(`${messageOf(e)}${stoppedHere ? await restartAfterFailure(run) : ""}`);
    }
    done.applied.imageId = desired.imageId;
    if (desired.keyId !== undefined) done.applied.keyId = desired.keyId;
    if (desired.password !== undefined) {
      done.applied.password = desired.password;
      current.password = desired.password;
    }
    current.imageId = desired.imageId;
    current.keyId = desired.keyId ?? current.keyId;
    current.status = "REBUILDING";
    const result = await waitForStatuses(ctx, id, new Set(["RUNNING"]), { ...args, immediate: false });
    if (result.status !== undefined) current.status = result.status;
    if (!result.matched) {
      throw new Error(
        `ResetInstance was accepted (the reinstall from ${desired.imageId} is under way) but ${id} did not reach RUNNING ` +
        `within ${ctx.frontEnd.timeoutOption("update")} = ${args.limitText} (${lastSeen(result)}); run pulumi up again to wait for it`);
    }
    ctx.log.info(`${id}: operating system reinstalled from ${desired.imageId}; RUNNING`);
  },
};

/** Fails, before anything is stopped, unless DescribeImages lists the wanted image in the instance's zone. */
async function requireImage(run: StepRun): Promise<void> {
  const { ctx, desired } = run;
  const { requestId, dataSet } = await ctx.api.describeImages({ zoneId: desired.zoneId, imageIds: [desired.imageId] });
  if (dataSet.some((image) => image.imageId === desired.imageId)) return;
  throw new Error(
    `image ${desired.imageId} does not exist in zone ${desired.zoneId} (DescribeImages, request id ${requestId}); ` +
    `nothing was stopped or reinstalled. Choose an image of that zone (getImages lists them)`);
}

/** Starts the instance this step stopped; returns the sentence that says what happened. */
async function restartAfterFailure(run: StepRun): Promise<string> {
  if (desiredPower(run.desired) !== "RUNNING") return ". The instance was stopped for the reinstall and stays STOPPED (powerState STOPPED)";
  try {
    if (run.current.status !== "RUNNING") await powerAndWait(run, "RUNNING");
    return ". The instance had been stopped for the reinstall and was started again; nothing was reinstalled";
  } catch (e) {
    return `. The instance had been stopped for the reinstall, and starting it again failed too (${messageOf(e)}): ` +
      `start ${run.id} in the Zenlayer console, or run pulumi up again`;
  }
}
