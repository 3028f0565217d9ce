import { powerAction } from "./power";

/** RebootInstances: RUNNING → REBOOT → RUNNING. */
export const RebootInstances = powerAction("RebootInstances", "RUNNING", "REBOOT");
