/**
 * Simulated time for benchmarks of waits that last minutes: a `Clock` whose time moves only when
 * nothing else can happen. The provider, its API client and the simulator (given `now` as its
 * clock) all read this time; requests still go over real HTTP to the simulator, but take no
 * simulated time. `run` drives a task: it lets every request in flight finish and every callback
 * run, then jumps to the earliest timer, and so on until the task settles. The figures are exact
 * (no scheduling noise), and a 10-minute install takes well under a second.
 */
import type { Clock } from "../../provider/lifecycle/runtime/clock";
import type { VmApi } from "../../provider/client/types";
import { createRandom } from "../../simulator/faults/prng";

interface Timer { at: number; seq: number; fn: () => void }

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

export class SimulatedTime {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();
  private inFlight = 0;

  constructor(startMs: number) {
    this.time = startMs;
  }

  readonly now = (): number => this.time;

  readonly setTimer = (fn: () => void, ms: number): (() => void) => {
    const seq = ++this.seq;
    this.timers.set(seq, { at: this.time + Math.max(0, ms), seq, fn });
    return () => this.timers.delete(seq);
  };

  readonly sleep = (ms: number): Promise<void> =>
    ms > 0 ? new Promise<void>((resolve) => this.setTimer(resolve, ms)) : Promise.resolve();

  /** A clock on this time with its own seeded jitter source. */
  clock(seed: string): Clock {
    return { now: this.now, sleep: this.sleep, setTimer: this.setTimer, random: createRandom(seed) };
  }

  /** `api` with every call counted as in flight, so that time waits for its answer. */
  track(api: VmApi): VmApi {
    return new Proxy(api, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          this.inFlight++;
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).finally(() => { this.inFlight--; });
        };
      },
    });
  }

  /** Runs simulated time until `task` settles; throws if it waits on nothing that can happen. */
  async run<T>(task: Promise<T>): Promise<T> {
    let settled = false;
    task.then(() => { settled = true; }, () => { settled = true; });
    for (;;) {
      await this.quiesce();
      if (settled) return task;
      let next: Timer | undefined;
      for (const timer of this.timers.values()) {
        if (!next || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq)) next = timer;
      }
      if (!next) throw new Error("simulated time: the task waits on nothing (no timer, no request)");
      this.timers.delete(next.seq);
      this.time = Math.max(this.time, next.at);
      next.fn();
    }
  }

  /** Until no request is in flight and a few turns of the event loop passed without one starting. */
  private async quiesce(): Promise<void> {
    for (let calm = 0; calm < 3;) {
      if (this.inFlight > 0) {
        calm = 0;
        await pause();
      } else {
        calm++;
        await turn();
      }
    }
  }
}
