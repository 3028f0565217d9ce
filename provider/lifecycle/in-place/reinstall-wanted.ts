/** Whether the inputs ask for a reinstall: another image, or another SSH key pair. */
import type { InstanceInputs } from "../inputs/inputs";
import type { CurrentSettings } from "./step";

export function reinstallWanted(current: CurrentSettings, desired: InstanceInputs): boolean {
  return desired.imageId !== current.imageId || (desired.keyId !== undefined && desired.keyId !== current.keyId);
}
