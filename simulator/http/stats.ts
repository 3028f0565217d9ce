/** A snapshot of request counts, as GET /_sim/stats returns it. */
export interface SimStats {
  /** API requests per action (every request that named an action, faulted or not). */
  requests: Record<string, number>;
  total: number;
  /** Requests per action that did not succeed: any error response or a connection dropped before the action. */
  rejected: Record<string, number>;
  rejectedTotal: number;
  /** How often each fault fired. `lostResponses` counts actions that ran but whose reply was dropped. */
  faults: { throttled: number; errors: number; dropped: number; lostResponses: number };
}

function empty(): SimStats {
  return { requests: {}, total: 0, rejected: {}, rejectedTotal: 0, faults: { throttled: 0, errors: 0, dropped: 0, lostResponses: 0 } };
}

/** Counts API requests per action, so tests can assert what a client actually sent. */
export class StatsCounter {
  private stats = empty();

  /** Counts a request that named `action`. */
  request(action: string): void {
    this.stats.requests[action] = (this.stats.requests[action] ?? 0) + 1;
    this.stats.total++;
  }

  /** Counts a request for `action` that was refused or dropped. */
  rejected(action: string): void {
    this.stats.rejected[action] = (this.stats.rejected[action] ?? 0) + 1;
    this.stats.rejectedTotal++;
  }

  /** Counts a fault. */
  fault(kind: keyof SimStats["faults"]): void {
    this.stats.faults[kind]++;
  }

  /** A copy of the counts. */
  snapshot(): SimStats {
    return structuredClone(this.stats);
  }

  /** Zeroes every count. */
  reset(): void {
    this.stats = empty();
  }
}
