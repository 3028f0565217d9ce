import { powerAction } from "./power";

/** StartInstances: STOPPED → BOOTING → RUNNING. */
export const StartInstances = powerAction("StartInstances", "STOPPED", "BOOTING");
