/**
 * Progress and warning lines. `console.log` from a dynamic provider reaches the user's
 * `pulumi up` / `pulumi destroy` output (Pulumi 3.146+). Lines are rate-limited per operation:
 * the first line and every change of state print at once, repeats at most every
 * `progressIntervalMs`, so a long wait does not flood the output.
 */
import type { Clock } from "./clock";
import { redact } from "../errors";

/** Where lines go (console.log by default; tests capture them). */
export interface Logger {
  info(line: string): void;
  warn(line: string): void;
}

/** The default logger. */
export const consoleLogger: Logger = {
  info: (line) => console.log(line),
  warn: (line) => console.log(`warning: ${line}`),
};

/** A logger that masks the given secrets in every line. */
export function redactingLogger(inner: Logger, secrets: readonly (string | undefined)[]): Logger {
  return {
    info: (line) => inner.info(redact(line, secrets)),
    warn: (line) => inner.warn(redact(line, secrets)),
  };
}

/** Rate-limited progress of one operation. */
export class Progress {
  private lastKey: string | undefined;
  private lastAt = -Infinity;

  constructor(private readonly log: Logger, private readonly clock: Clock, private readonly intervalMs: number) {}

  /** Prints `line` if `key` (the state it describes) changed or the interval has passed. */
  report(line: string, key: string = line): void {
    const now = this.clock.now();
    if (key === this.lastKey && now - this.lastAt < this.intervalMs) return;
    this.lastKey = key;
    this.lastAt = now;
    this.log.info(line);
  }
}
