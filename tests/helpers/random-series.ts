/**
 * SYNTHETIC random series for tests, one definition each: a seeded linear congruential generator (deterministic
 * draws in [0, 1) for hand-built test series) and the fast-check arbitrary of a series of positive import values.
 */
import fc from 'fast-check';

/** Draws in [0, 1) from the LCG x ← (1103515245·x + 12345) mod 2^31, starting from `seed`; each call the next draw. */
export function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** fast-check: a series of positive, finite import values (1 to 1e9 US dollars) of `minLength` to `maxLength` values. */
export function positiveSeries(minLength: number, maxLength: number): fc.Arbitrary<number[]> {
  return fc.array(fc.double({ min: 1, max: 1e9, noNaN: true, noDefaultInfinity: true }), { minLength, maxLength });
}
