import type { FaultInjector } from "./faults";
import type { ResolvedOptions } from "./options";
import type { StatsCounter } from "./stats";
import type { InstanceStore } from "./store";

/** The state one running simulator shares between its API, its control routes and `sim.control`. */
export interface SimulatorCore {
  options: ResolvedOptions;
  store: InstanceStore;
  faults: FaultInjector;
  stats: StatsCounter;
  /** How many of the next created instances must end in CREATE_FAILED. */
  createFailures: { pending: number };
}
