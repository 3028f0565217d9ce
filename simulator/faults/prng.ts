/**
 * A small seeded pseudo-random generator (mulberry32). Fault injection draws from it so that a
 * given seed and request sequence always produce the same faults.
 */
export type Random = () => number;

/** Hashes a string seed to 32 bits (FNV-1a) so `--seed demo` works as well as `--seed 42`. */
export function seedToInt(seed: number | string): number {
  if (typeof seed === "number" && Number.isFinite(seed)) return seed >>> 0;
  let hash = 0x811c9dc5;
  for (const ch of String(seed)) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Returns a generator of numbers in [0, 1) fully determined by `seed`. */
export function createRandom(seed: number | string): Random {
  let state = seedToInt(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
