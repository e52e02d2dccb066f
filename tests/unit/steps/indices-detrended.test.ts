/** The detrended volatility variant (lib/steps/indices-detrended.ts): hand-computed residuals, the trend share, bad input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { volatilityParts } from '../../../lib/steps/indices-detrended.js';
import { detrendedCvKernel, growthIndex, seriesIndices, volatilityIndex } from '../../../lib/steps/indices.js';
import { monthSequence } from '../../../lib/core/months.js';
import { screenUniverse } from '../../../lib/steps/screen.js';

describe('volatilityParts', () => {
  it('a smooth linear series: the printed V is all trend (G and V as in the issue: V ≈ 0.26, "medium", with no volatility)', () => {
    const x = Array.from({ length: 120 }, (_, t) => 100 + 1.35 * t);
    const p = volatilityParts(x);
    expect(growthIndex(x)).toBeCloseTo(1.071, 4); // Σ t·1.35(t−1)/100 / Σ t = 1.35 · 79.33/100
    expect(p.V).toBeCloseTo(volatilityIndex(x), 15);
    expect(p.V).toBeCloseTo((1.35 * Math.sqrt((120 * 121) / 12)) / (100 + 1.35 * 59.5), 12); // SD of t is √(n(n+1)/12): 0.2604
    expect(p.detrendedV).toBeLessThan(1e-12);
    expect(p.trendShare).toBeCloseTo(1, 12);
  });
  it('hand-computed: 2, 4, 2, 4 around the line 2.4 + 0.4t (residuals −0.4, 1.2, −1.2, 0.4)', () => {
    const pop = volatilityParts([2, 4, 2, 4], 'population');
    expect(pop.V).toBeCloseTo(1 / 3, 15); // SD 1 over mean 3
    expect(pop.detrendedV).toBeCloseTo(Math.sqrt(3.2 / 4) / 3, 15);
    expect(pop.trendShare).toBeCloseTo(1 - 3.2 / 4, 12); // R² of the line: 1 − 0.8/1
    const smp = volatilityParts([2, 4, 2, 4], 'sample');
    expect(smp.detrendedV).toBeCloseTo(Math.sqrt(3.2 / 3) / 3, 15);
  });
  it('a flat series has V = 0 and trend share 0', () => {
    expect(volatilityParts([5, 5, 5])).toEqual({ V: 0, detrendedV: 0, trendShare: 0 });
  });
  it('never exceeds the printed V, and adding a line leaves it unchanged up to the mean (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 60 }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        (x, slope) => {
          const p = volatilityParts(x, 'population');
          expect(p.detrendedV).toBeLessThanOrEqual(p.V * (1 + 1e-9) + 1e-12);
          const y = x.map((v, t) => v + slope * t);
          const q = volatilityParts(y, 'population');
          const mx = x.reduce((a, b) => a + b, 0) / x.length;
          const my = y.reduce((a, b) => a + b, 0) / y.length;
          // the residuals are the same; only the mean divides differently
          expect(q.detrendedV * my).toBeCloseTo(p.detrendedV * mx, 4);
        },
      ),
    );
  });
  it('rejects too few values, a bad value and a zero mean, naming them', () => {
    expect(() => volatilityParts([1, 2])).toThrow('volatilityParts: a trend needs at least 3 values (got 2)');
    expect(() => volatilityParts([1, -2, 3])).toThrow('volatilityParts: value 1 must be a finite number ≥ 0 (got -2)');
    expect(() => volatilityParts([0, 0, 0])).toThrow('volatilityParts: mean is zero: V is undefined');
    expect(() => volatilityParts([1, NaN, 3])).toThrow(
      'volatilityParts: value 1 must be a finite number ≥ 0 (got NaN)',
    );
    expect(() => volatilityParts([1, 2, Infinity])).toThrow(
      'volatilityParts: value 2 must be a finite number ≥ 0 (got Infinity)',
    );
  });
});

describe('detrendedCvKernel', () => {
  it('skips missing entries at their calendar positions (hand-computed)', () => {
    // 1, ·, 3, 4 at t = 0, 2, 3: the line through (0,1), (2,3), (3,4) is 1 + t exactly
    expect(detrendedCvKernel(Float64Array.of(1, NaN, 3, 4), 4, true)).toBeLessThan(1e-15);
    expect(detrendedCvKernel(Float64Array.of(1, NaN, 3, 5), 4, false)).toBeCloseTo(
      Math.sqrt(((1 / 7) ** 2 + (3 / 7) ** 2 + (2 / 7) ** 2) / 3) / 3 /* residuals 1/7, −3/7, 2/7 around (10 + 9t)/7 */,
      12,
    );
    expect(detrendedCvKernel(Float64Array.of(1, NaN, 3), 3, true)).toBeNaN(); // 2 present: no residual for 'sample'
  });
});

describe("the choice volatility: 'detrended' (the named variant, wherever V is computed)", () => {
  const months = monthSequence('2015-01', 120);
  const line = months.map((_, t) => 100 + 1.35 * t);
  it('seriesIndices: the same series, printed V 0.26 (medium) and detrended V 0; G unchanged', () => {
    const printed = seriesIndices(line, months);
    const detrended = seriesIndices(line, months, { volatility: 'detrended' });
    expect(printed.V).toBeCloseTo(0.2604, 4);
    expect(detrended.V).toBeLessThan(1e-12);
    expect(detrended.G).toBe(printed.G);
  });
  it('the universe screen computes the detrended V of each code', () => {
    const wave = months.map((_, t) => 100 + 1.35 * t + (t % 2 === 0 ? 10 : -10));
    const panel = {
      codes: ['11111111', '22222222'],
      months,
      values: [Float64Array.from(line), Float64Array.from(wave)],
    };
    const r = screenUniverse(panel as never, { choices: { volatility: 'detrended', window: ['2015-01', '2024-12'] } });
    expect(r.V[0]).toBeLessThan(1e-12);
    expect(r.V[1]).toBeCloseTo(detrendedCvKernel(Float64Array.from(wave), 120, true), 12);
  });
});
