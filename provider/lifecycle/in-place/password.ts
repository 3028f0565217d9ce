/**
 * password: ResetInstancesPassword (RUNNING or STOPPED). Skipped when a reinstall runs in the same
 * update: ResetInstance sets the password itself.
 */
import type { InPlaceStep } from "./step";

export const passwordStep: InPlaceStep = {
  name: "password",
  inputs: ["password"],
  wanted: (current, desired) => desired.password !== undefined && desired.password !== current.password,
  async apply({ ctx, id, desired, done }) {
    const password = desired.password as string;
    await ctx.api.resetInstancesPassword({ instanceIds: [id], password });
    done.applied.password = password;
    ctx.log.info(`${id}: password reset`);
  },
};
