/**
 * The short run of the reliability suite through the real CLI (npm run chaos runs the long one):
 * up and destroy under injected faults, SIGKILLed commands that must converge after cancel and
 * refresh, and the two passwords searched for in everything the runs produced.
 */
import { runCliChaos, type ChaosFigures } from "../reliability/cli-chaos";

jest.setTimeout(900_000);

const SEED = Number(process.env.CHAOS_SEED ?? 20261130);
let figures: ChaosFigures;

beforeAll(async () => {
  figures = await runCliChaos({ instances: 6, kills: 2, seed: SEED, dropRate: 0.1, loseResponseRate: 0.1, log: process.env.E2E_VERBOSE === "1" ? (line) => process.stderr.write(`${line}\n`) : undefined });
  process.stderr.write(`reliability (short): ${JSON.stringify(figures)}\n`);
});

test("faults were injected of every kind while up and destroy ran", () => {
  expect(figures.faults.errors).toBeGreaterThan(0);
  expect(figures.faults.throttled).toBeGreaterThan(0);
  expect(figures.faults.dropped + figures.faults.lostResponses).toBeGreaterThan(0);
});

test("killed commands converge after cancel, refresh and the same command again", () => {
  expect(figures.kills.commands).toHaveLength(2);
  expect(figures.kills.landed).toBe(2);
  expect(figures.kills.converged).toBe(2);
});

test("no orphan, no duplicate, and the state always equals the simulator", () => {
  expect({ orphans: figures.orphans, duplicates: figures.duplicates, stateMismatches: figures.stateMismatches })
    .toEqual({ orphans: 0, duplicates: 0, stateMismatches: 0 });
});

test("neither password appears in any output, state, log or state file", () => {
  expect(figures.bytesSearched).toBeGreaterThan(10_000);
  expect(figures.leaks.where).toEqual([]);
});
