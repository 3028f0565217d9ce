/**
 * The short run of the model-based walk through the real Pulumi CLI (npm run chaos walks 10
 * sequences): one sequence that starts with an `up` SIGKILLed after its first change reached the
 * API, recovers (cancel, refresh, up), takes a few random steps and is destroyed, with no orphan,
 * duplicate, state mismatch or leaked secret after any command.
 */
import { runCliWalk } from "../reliability/cli-walk";

const SEED = Number(process.env.CHAOS_SEED ?? 20261130);

it(`a walk through the CLI with a SIGKILLed up leaves nothing orphaned or duplicated (seed ${SEED})`, async () => {
  const figures = await runCliWalk({ sequences: 1, seed: SEED, startKilled: true });
  expect(figures.violations).toEqual([]);
  expect(figures.kills.tried).toBeGreaterThanOrEqual(1);
}, 300_000);
