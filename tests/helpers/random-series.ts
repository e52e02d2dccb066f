/**
 * SYNTHETIC random series for tests (and the sweep benchmark), one definition each: a seeded linear congruential
 * generator (deterministic draws in [0, 1) for hand-built test series), monthly group series with a trend, a season
 * and noise drawn from it, and the fast-check arbitrary of a series of positive import values.
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

/**
 * One SYNTHETIC monthly series per group: 1e8 US dollars growing at a trend drawn in [−0.004, 0.016) a month, a
 * ±10 % yearly season and multiplicative noise of a width drawn in [0.05, 0.45), all from `rnd` (deterministic).
 */
export function noisyGroupSeries(
  groupIds: readonly number[],
  months: readonly string[],
  rnd: () => number,
): { group_id: number; values: Float64Array }[] {
  return groupIds.map((group_id) => {
    const trend = -0.004 + 0.02 * rnd();
    const noise = 0.05 + 0.4 * rnd();
    return {
      group_id,
      values: Float64Array.from(
        months,
        (_, t) =>
          1e8 * Math.exp(trend * t) * (1 + 0.1 * Math.sin((2 * Math.PI * t) / 12)) * (1 + noise * (rnd() - 0.5)),
      ),
    };
  });
}
