import { powerAction } from "./power";

/** StopInstances: RUNNING → STOPPING → STOPPED (`forceShutdown` is accepted and changes nothing). */
export const StopInstances = powerAction("StopInstances", "RUNNING", "STOPPING");
