/**
 * The short run of the reliability suite's fuzzing (npm run chaos runs it longer): 1,000
 * generated inputs per property through the provider object, with the provider pointed at a live
 * simulator, which must see no request at all: with price lines off (zenlayer:showPrices false),
 * check and diff never call the API. (The price line's own calls are bounded and tested apart.)
 */
import { FUZZ_PROPERTIES } from "../../reliability/fuzz";
import { startHarness, type Harness } from "./harness";

const SEED = Number(process.env.CHAOS_SEED ?? 20261130);
const RUNS = 1_000;

let h: Harness;
beforeAll(async () => { h = await startHarness({ tuning: { ZENLAYER_VM_SHOW_PRICES: "false" } }); });
afterAll(async () => { await h.stop(); });

describe(`check and diff under ${RUNS} generated inputs per property (seed ${SEED})`, () => {
  it.each(FUZZ_PROPERTIES.map((p) => [p.name, p] as const))("%s", async (_name, property) => {
    const tried = await property.run(h.provider, { numRuns: RUNS, seed: SEED });
    expect(tried).toBeGreaterThanOrEqual(RUNS);
  }, 120_000);

  it("made no API call while doing so", () => {
    expect(h.sim.control.stats().total).toBe(0);
  });
});
