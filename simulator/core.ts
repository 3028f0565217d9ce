import type { FaultInjector } from "./faults/faults";
import type { StatsCounter } from "./http/stats";
import type { InstanceStore } from "./model/store";
import type { ResolvedOptions } from "./options";

/** The state one running simulator shares between its API, its control routes and `sim.control`. */
export interface SimulatorCore {
  options: ResolvedOptions;
  store: InstanceStore;
  faults: FaultInjector;
  stats: StatsCounter;
  /** How many of the next created instances must end in CREATE_FAILED. */
  createFailures: { pending: number };
}
