import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import * as dfd from 'danfojs-node';
import { DEFAULT_CHOICES, resolveIndexOptions } from '../../../lib/steps/choices.js';
import {
  baseKernel,
  detrendedCvKernel,
  cvKernel,
  growthIndex,
  growthKernel,
  indexTable,
  makeWeights,
  prepareSeries,
  seriesIndices,
  volatilityIndex,
  weightedMeanKernel,
} from '../../../lib/steps/indices.js';
import { monthIndex, monthSequence } from '../../../lib/core/months.js';
import { StudyError } from '../../../lib/core/errors.js';
import { lcg, positiveSeries } from '../../helpers/random-series.js';

const months = monthSequence;
const M4 = months('2015-01', 4);
const W4: [string, string] = ['2015-01', '2015-04'];

describe('volatilityIndex (hand-computed)', () => {
  // x = [100, 120, 90, 130]: mean = 440 / 4 = 110
  // deviations -10, 10, -20, 20 → squares 100 + 100 + 400 + 400 = 1000
  // population: var = 1000 / 4 = 250, SD = 15.8113883, V = 15.8113883 / 110 = 0.1437398936
  // sample:     var = 1000 / 3 = 333.33, SD = 18.2574186, V = 18.2574186 / 110 = 0.1659765322
  it('population and sample SD', () => {
    expect(volatilityIndex([100, 120, 90, 130], 'population')).toBeCloseTo(0.1437398936, 9);
    expect(volatilityIndex([100, 120, 90, 130], 'sample')).toBeCloseTo(0.1659765322, 9);
  });
  it('default is sample SD', () => {
    expect(DEFAULT_CHOICES.sd).toBe('sample');
    expect(volatilityIndex([100, 120, 90, 130])).toBeCloseTo(0.1659765322, 9);
  });
  // [1, 3]: mean 2, population SD 1 → V 0.5
  it('two values', () => expect(volatilityIndex([1, 3], 'population')).toBe(0.5));
});

describe('growthIndex (hand-computed)', () => {
  const x = [100, 120, 90, 130];
  // base first = 100: X' = [0, 0.2, -0.1, 0.3]
  // linear w = 1,2,3,4 (Σ 10): Σ w X' = 0 + 0.4 - 0.3 + 1.2 = 1.3 → G = 0.13
  it('linear weights, first-month base', () =>
    expect(growthIndex(x, { weights: 'linear', base: 'first' })).toBeCloseTo(0.13, 12));
  // uniform: (0 + 0.2 - 0.1 + 0.3) / 4 = 0.1
  it('uniform weights', () => expect(growthIndex(x, { weights: 'uniform', base: 'first' })).toBeCloseTo(0.1, 12));
  // exponential r = ln 2: w ∝ 1, 2, 4, 8 (Σ 15): Σ w X' = 0 + 0.4 - 0.4 + 2.4 = 2.4 → G = 0.16
  it('exponential weights', () =>
    expect(growthIndex(x, { weights: { exponential: Math.LN2 }, base: 'first' })).toBeCloseTo(0.16, 12));
  // base = mean of first 2 = 110: X' = [-1, 1, -2, 2] / 11; linear Σ w X' = (-1 + 2 - 6 + 8) / 11 = 3/11 → G = 3/110
  it('mean-of-first base', () =>
    expect(growthIndex(x, { weights: 'linear', base: { meanOfFirst: 2 } })).toBeCloseTo(3 / 110, 12));
  // explicit weights [0, 0, 0, 1] → G = X'_4 = 0.3
  it('explicit weights', () => expect(growthIndex(x, { weights: [0, 0, 0, 1], base: 'first' })).toBeCloseTo(0.3, 12));
  it('base longer than the series is an error', () =>
    expect(() => growthIndex(x, { base: { meanOfFirst: 12 } })).toThrow(/growthIndex: base needs the first 12 values/));
  // the default base is the first value, as printed: the same 0.13 as 'linear' + 'first' above
  it('default: linear weights, first-value base', () => {
    expect(DEFAULT_CHOICES.base).toBe('first');
    expect(growthIndex(x)).toBeCloseTo(0.13, 12);
  });
  // [1, 2, 3], base 1: X' = [0, 1, 2]; Σ w X' = 0 + 2 + 6 = 8; Σ w = 6 → G = 8/6 (the JSDoc example)
  it('the JSDoc example: [1, 2, 3] → 8/6', () =>
    expect(growthIndex([1, 2, 3], { weights: 'linear', base: 'first' })).toBeCloseTo(8 / 6, 12));
});

describe('seriesIndices with window, frequency and missing rules', () => {
  it('quarterly sums (hand-computed)', () => {
    // [1..6] → quarters [6, 15]; base first 6: X' = [0, 1.5]; w = [1, 2] → G = 3 / 3 = 1
    // V population: mean 10.5, SD 4.5 → 0.4285714
    const r = seriesIndices([1, 2, 3, 4, 5, 6], months('2015-01', 6), {
      window: ['2015-01', '2015-06'],
      frequency: 'quarterly',
      base: 'first',
      sd: 'population',
    });
    expect(r.G).toBeCloseTo(1, 12);
    expect(r.V).toBeCloseTo(4.5 / 10.5, 12);
    expect(r.n).toBe(2);
  });
  it('annual with default base (the first period: the first year)', () => {
    // years: 12·1 = 12 and 12·2 = 24; base = 12; X' = [0, 1]; w = [1, 2] → G = 2/3
    const x = [...Array(12).fill(1), ...Array(12).fill(2)];
    const r = seriesIndices(x, months('2015-01', 24), {
      window: ['2015-01', '2016-12'],
      frequency: 'annual',
      sd: 'population',
    });
    expect(r.G).toBeCloseTo(2 / 3, 12);
  });
  // the JSDoc example: [1, 2, 3], base first = 1 → X' = [0, 1, 2], linear → 8/6
  it('seriesIndices JSDoc example: G = 1.333…', () =>
    expect(
      seriesIndices([1, 2, 3], months('2015-01', 3), {
        window: ['2015-01', '2015-03'],
        base: 'first',
        sd: 'population',
      }).G,
    ).toBeCloseTo(8 / 6, 12));
  it('window cuts the series', () => {
    const r = seriesIndices([999, 100, 120, 90, 130, 999], months('2014-12', 6), {
      window: W4,
      base: 'first',
      sd: 'population',
    });
    expect(r.G).toBeCloseTo(0.13, 12);
    expect(r.V).toBeCloseTo(0.1437398936, 9);
  });
  it('misaligned quarterly window is an error', () =>
    expect(() => resolveIndexOptions({ window: ['2015-02', '2015-07'], frequency: 'quarterly' })).toThrow(
      /calendar quarter boundaries/,
    ));
  it('window outside the data', () =>
    expect(() => seriesIndices([1, 2], months('2015-01', 2), { window: ['2014-01', '2015-02'] })).toThrow(
      /outside the data/,
    ));
  it("missing 'error' names the month", () =>
    expect(() => seriesIndices([100, NaN, 120, 130], M4, { window: W4, base: 'first' })).toThrow(
      /prepareSeries: series: missing value \(NaN\) in 2015-02/,
    ));
  it("missing 'interpolate' (hand-computed)", () => {
    // [100, NaN, 120, NaN] → [100, 110, 120, 120] (interior linear, trailing carried)
    const p = prepareSeries([100, NaN, 120, NaN], M4, { window: W4, frequency: 'monthly', missing: 'interpolate' });
    expect(Array.from(p.x)).toEqual([100, 110, 120, 120]);
    expect(p.filled).toBe(2);
    // leading gap carried back from the first present month
    expect(
      Array.from(prepareSeries([NaN, NaN, 50, 70], M4, { window: W4, frequency: 'monthly', missing: 'interpolate' }).x),
    ).toEqual([50, 50, 50, 70]);
  });
  it("missing 'skip' (hand-computed)", () => {
    // present t = 1, 3, 4 with values 100, 120, 130; base first = 100; X' = 0, 0.2, 0.3
    // linear weights keep calendar position: Σ w X' = 0 + 3·0.2 + 4·0.3 = 1.8; Σ w = 1 + 3 + 4 = 8 → G = 0.225
    // V sample over [100, 120, 130]: mean 116.667, SS = 466.667, var = 233.333, SD = 15.2753 → V = 0.1309307
    const r = seriesIndices([100, NaN, 120, 130], M4, { window: W4, base: 'first', missing: 'skip' });
    expect(r.G).toBeCloseTo(0.225, 12);
    expect(r.V).toBeCloseTo(Math.sqrt(700 / 3) / (350 / 3), 12);
    expect(r.missingPeriods).toBe(1);
    expect(r.n).toBe(3);
  });
  it('all missing is an error under every rule', () => {
    for (const missing of ['error', 'skip', 'interpolate'] as const)
      expect(() => seriesIndices([NaN, NaN, NaN, NaN], M4, { window: W4, missing })).toThrow(/prepareSeries/);
    expect(() => seriesIndices([NaN, NaN, NaN, NaN], M4, { window: W4, missing: 'skip' })).toThrow(
      /every month in the window is missing/,
    );
  });
  it('zero base: error by default, reported skip on request, never Infinity', () => {
    expect(() => seriesIndices([0, 1, 2, 3], M4, { window: W4, base: 'first' })).toThrow(
      /seriesIndices: series: base is zero/,
    );
    const r = seriesIndices([0, 1, 2, 3], M4, { window: W4, base: 'first', zeroBase: 'skip-series' });
    expect(r.status).toBe('skipped');
    expect(r.V).toBeNull();
    expect(r.G).toBeNull();
    expect(r.reason).toMatch(/base is zero/);
  });
  it('one month: population V = 0, G = 0; sample is an error', () => {
    const one = seriesIndices([5], ['2015-01'], { window: ['2015-01', '2015-01'], base: 'first', sd: 'population' });
    expect(one.V).toBe(0);
    expect(one.G).toBe(0);
    expect(() => seriesIndices([5], ['2015-01'], { window: ['2015-01', '2015-01'], base: 'first' })).toThrow(
      /sample SD needs at least 2 periods/,
    );
  });
});

describe('bad input names the function', () => {
  it('NaN', () => expect(() => volatilityIndex([1, NaN])).toThrow(/^volatilityIndex: value 1 is NaN/));
  it('Infinity', () => expect(() => growthIndex([1, Infinity])).toThrow(/^growthIndex: value 1 is not finite/));
  it('negative', () => expect(() => volatilityIndex([1, -2])).toThrow(/volatilityIndex: import values must be ≥ 0/));
  it('empty', () => expect(() => volatilityIndex([])).toThrow(/volatilityIndex: series is empty/));
  it('zero mean', () => expect(() => volatilityIndex([0, 0])).toThrow(/volatilityIndex: mean is zero/));
  it('zero base', () =>
    expect(() => growthIndex([0, 1], { base: 'first' })).toThrow(/growthIndex: base value must be non-zero/));
  it('is a StudyError', () => expect(() => volatilityIndex([])).toThrow(StudyError));
  it('bad options', () => {
    expect(() => resolveIndexOptions({ sd: 'n' as never })).toThrow(/resolveIndexOptions: sd must be/);
    expect(() => resolveIndexOptions({ weights: [1, -1] })).toThrow(/explicit weights must be finite numbers ≥ 0/);
    expect(() => resolveIndexOptions({ window: ['2016-01', '2015-01'] })).toThrow(/window start is after its end/);
    expect(() => resolveIndexOptions({ base: { meanOfFirst: 0 } })).toThrow(/base must be/);
    expect(() => monthIndex('2015-13')).toThrow(/monthIndex: month must be YYYY-MM/);
  });
});

describe('kernels', () => {
  it('weights', () => {
    expect(Array.from(makeWeights('linear', 3))).toEqual([1, 2, 3]);
    expect(Array.from(makeWeights('uniform', 2))).toEqual([1, 1]);
    expect(makeWeights({ exponential: 0.5 }, 3)[2]).toBe(1);
    expect(() => makeWeights([1, 2], 3)).toThrow(/one per period/);
  });
  it('kernels skip NaN', () => {
    expect(cvKernel(Float64Array.of(1, NaN, 3), 3, false)).toBe(0.5);
    expect(baseKernel(Float64Array.of(NaN, 4, 8), 2)).toBe(4);
    expect(growthKernel(Float64Array.of(1, 2, 3), 3, 1, Float64Array.of(1, 2, 3))).toBeCloseTo(8 / 6, 12);
    expect(growthKernel(Float64Array.of(1, 2), 2, 0, Float64Array.of(1, 1))).toBeNaN();
  });
  it('weightedMeanKernel: Σ w·x / Σ w over the present entries only, the first n', () => {
    // (1·2 + 3·4) / (1 + 3) = 14 / 4; the NaN entry and its weight 100 are left out; x[3] is beyond n
    expect(weightedMeanKernel(Float64Array.of(2, NaN, 4, 1000), 3, Float64Array.of(1, 100, 3, 1))).toBe(3.5);
    expect(weightedMeanKernel(Float64Array.of(NaN, NaN), 2, Float64Array.of(1, 1))).toBeNaN();
    expect(weightedMeanKernel(Float64Array.of(5, 7), 2, Float64Array.of(0, 0))).toBeNaN();
    // growthKernel is (weighted mean − base) / base
    expect(growthKernel(Float64Array.of(2, NaN, 4), 3, 2, Float64Array.of(1, 100, 3))).toBe((3.5 - 2) / 2);
  });
});

describe('properties (fast-check)', () => {
  const series = positiveSeries(2, 60);
  const c = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
  const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  it('V is invariant to scaling by c > 0', () =>
    fc.assert(fc.property(series, c, (x, k) => rel(volatilityIndex(x), volatilityIndex(x.map((v) => v * k))))));
  it('G is invariant to scaling by c > 0', () =>
    fc.assert(
      fc.property(series, c, (x, k) =>
        rel(
          growthIndex(x, { base: 'first' }),
          growthIndex(
            x.map((v) => v * k),
            { base: 'first' },
          ),
        ),
      ),
    ));
  it('G of a constant series is 0 (and V is 0)', () =>
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), fc.integer({ min: 1, max: 50 }), (v, n) => {
        const x = Array(n).fill(v);
        return (
          Math.abs(growthIndex(x, { base: 'first' })) < 1e-12 &&
          Math.abs(growthIndex(x, { base: { meanOfFirst: 1 }, weights: { exponential: 0.1 } })) < 1e-12 &&
          volatilityIndex(x, 'population') < 1e-12
        );
      }),
    ));
  it("uniform weights give the plain mean of X'", () =>
    fc.assert(
      fc.property(series, (x) => {
        const mean = x.reduce((s, v) => s + (v - x[0]) / x[0], 0) / x.length;
        return rel(growthIndex(x, { weights: 'uniform', base: 'first' }), mean);
      }),
    ));
  it('V ≥ 0 and finite', () =>
    fc.assert(fc.property(series, (x) => volatilityIndex(x) >= 0 && Number.isFinite(volatilityIndex(x)))));
});

describe('differential: V against danfojs-node std()/mean()', () => {
  it('matches sample SD / mean on random series', () => {
    // danfojs std() is the sample SD (n − 1), so compare with sd: 'sample'
    const rnd = lcg(7);
    for (let trial = 0; trial < 5; trial++) {
      const x = Array.from({ length: 120 }, () => 1e6 * (1 + 4 * rnd()));
      const s = new dfd.Series(x);
      const expected = (s.std() as number) / (s.mean() as number);
      expect(volatilityIndex(x, 'sample')).toBeCloseTo(expected, 10);
      expect(volatilityIndex(x, 'population')).not.toBeCloseTo(expected, 10);
    }
  });
});

describe('indexTable', () => {
  const panel = {
    months: M4,
    codes: ['a', 'b', 'z'],
    values: [Float64Array.of(100, 120, 90, 130), Float64Array.of(1, 1, 1, 1), Float64Array.of(0, 0, 0, 0)],
  };
  it('rows per series', () => {
    const rows = indexTable(panel, { window: W4, base: 'first', zeroBase: 'skip-series' });
    expect(rows.map((r) => r.key)).toEqual(['a', 'b', 'z']);
    expect(rows[0].G).toBeCloseTo(0.13, 12);
    expect(rows[1].G).toBe(0);
    expect(rows[2].status).toBe('skipped');
  });
  it('zero base error names the series', () =>
    expect(() => indexTable(panel, { window: W4, base: 'first' })).toThrow(/seriesIndices: z: base is zero/));
  it('unknown key', () =>
    expect(() => indexTable(panel, { window: W4 }, ['nope'])).toThrow(/indexTable: no such series/));
});

describe('kernels at their undefined points (no validation, NaN rather than ±Infinity)', () => {
  it('cvKernel: a zero mean gives NaN even when the deviations are not zero', () =>
    // [−1, 1]: mean 0, population SD 1 → 1/0 would be Infinity
    expect(cvKernel(Float64Array.of(-1, 1), 2, false)).toBeNaN());
  it('detrendedCvKernel: a zero sum gives NaN even when the residuals are not zero', () =>
    // [−1, 1, −1, 1]: mean 0, residuals −0.4, 1.2, −1.2, 0.4 around 0.4(t − 1.5) → √0.8/0 would be Infinity
    expect(detrendedCvKernel(Float64Array.of(-1, 1, -1, 1), 4, false)).toBeNaN());
  it('weightedMeanKernel: present weights summing to 0 give NaN, not (Σ w·x)/0', () =>
    // w = [1, −1]: Σ w = 0, Σ w·x = 1 − 2 = −1 → −1/0 would be −Infinity
    expect(weightedMeanKernel(Float64Array.of(1, 2), 2, Float64Array.of(1, -1))).toBeNaN());
});

describe('exact messages of the plain-series indices', () => {
  it('makeWeights names itself for explicit weights of the wrong length', () =>
    expect(() => makeWeights([1, 2], 3)).toThrow('makeWeights: explicit weights need one per period (3) (got 2)'));
  it('volatilityIndex: empty, one value under sample SD, a value that is not a number', () => {
    expect(() => volatilityIndex([])).toThrow('volatilityIndex: series is empty (got [])');
    expect(() => volatilityIndex([5])).toThrow(
      "volatilityIndex: sample SD needs at least 2 values (use sd 'population') (got 1)",
    );
    expect(() => volatilityIndex([5], 'sample')).toThrow('volatilityIndex: sample SD needs at least 2 values');
    expect(volatilityIndex([5], 'population')).toBe(0);
    expect(() => volatilityIndex([1, 'a' as never])).toThrow('volatilityIndex: value 1 is not a number (got "a")');
  });
  it('growthIndex: empty, NaN, and a base k that is not an integer ≥ 1', () => {
    expect(() => growthIndex([])).toThrow('growthIndex: series is empty (got [])');
    expect(() => growthIndex([1, NaN])).toThrow(
      'growthIndex: value 1 is NaN (missing); choose a missing-month rule (got NaN)',
    );
    const msg = "growthIndex: base must be 'first' or {meanOfFirst: k} with an integer k ≥ 1";
    expect(() => growthIndex([1, 2, 3], { base: { meanOfFirst: 0 } })).toThrow(`${msg} (got {"meanOfFirst":0})`);
    expect(() => growthIndex([1, 2, 3], { base: { meanOfFirst: -1 } })).toThrow(`${msg} (got {"meanOfFirst":-1})`);
    expect(() => growthIndex([1, 2, 3], { base: { meanOfFirst: 1.5 } })).toThrow(`${msg} (got {"meanOfFirst":1.5})`);
  });
});

describe('prepareSeries: exact messages (default label "series")', () => {
  const opts = (window: [string, string], frequency: 'monthly' | 'quarterly' = 'monthly') => ({
    window,
    frequency,
    missing: 'error' as const,
  });
  it('values and months of different lengths; no months', () => {
    expect(() => prepareSeries([1], months('2015-01', 2), opts(['2015-01', '2015-02']))).toThrow(
      'prepareSeries: series: 1 values for 2 months (got "series")',
    );
    expect(() => prepareSeries([], [], opts(['2015-01', '2015-01']))).toThrow(
      'prepareSeries: series: no months (got "series")',
    );
  });
  it('a window one month past the data, and a window whose start is after its end', () => {
    expect(() => prepareSeries([1, 2], months('2015-01', 2), opts(['2015-01', '2015-03']))).toThrow(
      'prepareSeries: series: window 2015-01..2015-03 is outside the data (2015-01..2015-02) (got ["2015-01", "2015-03"])',
    );
    // the last month of the data is still inside
    expect(Array.from(prepareSeries([1, 2], months('2015-01', 2), opts(['2015-01', '2015-02'])).x)).toEqual([1, 2]);
    expect(() => prepareSeries([1, 2, 3], months('2015-01', 3), opts(['2015-03', '2015-01']))).toThrow(
      'prepareSeries: series: window 2015-03..2015-01 is outside the data (2015-01..2015-03) (got ["2015-03", "2015-01"])',
    );
  });
  it('months with a gap', () =>
    expect(() => prepareSeries([1, 2], ['2015-01', '2015-03'], opts(['2015-01', '2015-02']))).toThrow(
      'prepareSeries: months must be contiguous and ascending (got ["2015-01", "2015-03"])',
    ));
  it('a bad value is named by its own month inside a window that starts later', () => {
    expect(() => prepareSeries([1, 2, 'x' as never], months('2015-01', 3), opts(['2015-02', '2015-03']))).toThrow(
      'prepareSeries: series: value for 2015-03 is not a number (got "x")',
    );
    expect(() => prepareSeries([1, 2, -3, 4], months('2015-01', 4), opts(['2015-02', '2015-04']))).toThrow(
      'prepareSeries: series: value in 2015-03 must be a finite number ≥ 0 (got -3)',
    );
  });
  it('a quarterly window that does not start or end on a quarter', () => {
    const x = [1, 2, 3, 4, 5, 6];
    expect(() => prepareSeries(x, months('2015-01', 6), opts(['2015-02', '2015-04'], 'quarterly'))).toThrow(
      'prepareSeries: series: a quarterly window must cover whole calendar periods (got ["2015-02", "2015-04"])',
    );
    expect(() => prepareSeries(x, months('2015-01', 6), opts(['2015-01', '2015-04'], 'quarterly'))).toThrow(
      'prepareSeries: series: a quarterly window must cover whole calendar periods (got ["2015-01", "2015-04"])',
    );
  });
  it("every quarter with a missing month under 'skip'", () =>
    expect(() =>
      prepareSeries([1, NaN, 3, NaN, 5, 6], months('2015-01', 6), {
        window: ['2015-01', '2015-06'],
        frequency: 'quarterly',
        missing: 'skip',
      }),
    ).toThrow('prepareSeries: series: every quarterly period has a missing month (got "series")'));
});

describe('prepareSeries: periods, sums and interpolation (hand-computed)', () => {
  it('monthly: the window cut out of longer data, periods its own months', () => {
    const p = prepareSeries([9, 1, 2, 3, 4, 9], months('2014-12', 6), {
      window: W4,
      frequency: 'monthly',
      missing: 'error',
    });
    expect(Array.from(p.x)).toEqual([1, 2, 3, 4]);
    expect(p.periods).toEqual(['2015-01', '2015-02', '2015-03', '2015-04']);
  });
  it('quarterly in a window that starts one month into the data: sums and first months', () => {
    // months 2014-12..2015-06; window 2015-01..2015-06 → quarters 1+2+3 = 6 and 4+5+6 = 15
    const p = prepareSeries([99, 1, 2, 3, 4, 5, 6], months('2014-12', 7), {
      window: ['2015-01', '2015-06'],
      frequency: 'quarterly',
      missing: 'error',
    });
    expect(Array.from(p.x)).toEqual([6, 15]);
    expect(p.periods).toEqual(['2015-01', '2015-04']);
    expect(p.missingPeriods).toBe(0);
  });
  it("quarterly 'skip': a quarter with a missing month is missing and counted", () => {
    const p = prepareSeries([1, NaN, 3, 4, 5, 6], months('2015-01', 6), {
      window: ['2015-01', '2015-06'],
      frequency: 'quarterly',
      missing: 'skip',
    });
    expect(Array.from(p.x)).toEqual([NaN, 15]);
    expect(p.missingPeriods).toBe(1);
    expect(p.periods).toEqual(['2015-01', '2015-04']);
  });
  it("'interpolate' across a two-month gap that does not start the window", () => {
    // between 20 (t = 1) and 50 (t = 4): 20 + 30·1/3 = 30, 20 + 30·2/3 = 40
    const p = prepareSeries([10, 20, NaN, NaN, 50], months('2015-01', 5), {
      window: ['2015-01', '2015-05'],
      frequency: 'monthly',
      missing: 'interpolate',
    });
    expect(Array.from(p.x)).toEqual([10, 20, 30, 40, 50]);
    expect(p.filled).toBe(2);
  });
  it("'interpolate' with janFeb 'merge' leaves the merged January unfilled (no period, not missing)", () => {
    // 2020-01 empty and 2020-02 = 300 ≥ 1.5 × March's 100: combined; merged, February holds 300/2 = 150.
    // The gap Nov..Feb holds December (missing: filled) and the merged January (left NaN).
    const p = prepareSeries([100, NaN, NaN, 300, 100], months('2019-11', 5), {
      window: ['2019-11', '2020-03'],
      frequency: 'monthly',
      missing: 'interpolate',
      janFeb: 'merge',
    });
    expect(p.filled).toBe(1);
    expect(p.merged).toBe(1);
    expect(Array.from(p.mergedAt!)).toEqual([0, 0, 1, 0, 0]);
    expect(p.x[2]).toBeNaN();
    expect([p.x[0], p.x[3], p.x[4]]).toEqual([100, 150, 100]);
    // December is filled toward February's monthly level 150, not its two-month total 300: 100 + 50·1/3
    expect(p.x[1]).toBeCloseTo(100 + 50 / 3, 12);
    expect(p.missingPeriods).toBe(0);
  });
  it("'interpolate' with janFeb 'merge' fills after a merged February from its monthly level, at any frequency", () => {
    /** The series from `start`, with 2020 known as combined, under 'interpolate' and 'merge'. */
    const merged = (values: number[], start: string, window: [string, string], frequency: 'monthly' | 'quarterly') =>
      prepareSeries(
        values,
        months(start, values.length),
        { window, frequency, missing: 'interpolate', janFeb: 'merge' },
        'series',
        [2020],
      );
    // February 300 holds January too, level 150; March between 150 and April's 100: 125
    expect(Array.from(merged([100, NaN, 300, NaN, 100], '2019-12', ['2019-12', '2020-04'], 'monthly').x)).toEqual([
      100,
      NaN,
      150,
      125,
      100,
    ]);
    // quarterly: Q1 = January 0 + February's total 300 + March 125; Q2 = 3 × 100
    const quarterly = merged([NaN, 300, NaN, 100, 100, 100], '2020-01', ['2020-01', '2020-06'], 'quarterly');
    expect(Array.from(quarterly.x)).toEqual([425, 300]);
    expect(quarterly.filled).toBe(1);
    // a window starting at the February of a merged January before it: its level is half too
    expect(Array.from(merged([100, NaN, 300, NaN, 100], '2019-12', ['2020-02', '2020-04'], 'monthly').x)).toEqual([
      150, 125, 100,
    ]);
  });
});

describe('seriesIndices: weights, base, mean and sd, messages', () => {
  it('explicit weights of the window length are used; another length is refused naming the series', () => {
    // [0, 0, 0, 1] → G = X'_4 = (130 − 100)/100
    expect(seriesIndices([100, 120, 90, 130], M4, { window: W4, base: 'first', weights: [0, 0, 0, 1] }).G).toBeCloseTo(
      0.3,
      12,
    );
    expect(() => seriesIndices([100, 120, 90, 130], M4, { window: W4, weights: [1, 2, 3] })).toThrow(
      'seriesIndices: series: explicit weights need one per period of the window (4) (got 3)',
    );
  });
  it('explicit weights at quarterly frequency: one per quarter, not per month', () => {
    // [1..6] → quarters [6, 15]; base first 6: X' = [0, 1.5]; weights [0, 1] → G = X'_2 = 1.5
    const quarterly = { window: ['2015-01', '2015-06'] as [string, string], frequency: 'quarterly' as const };
    expect(seriesIndices([1, 2, 3, 4, 5, 6], months('2015-01', 6), { ...quarterly, weights: [0, 1] }).G).toBe(1.5);
    expect(() =>
      seriesIndices([1, 2, 3, 4, 5, 6], months('2015-01', 6), { ...quarterly, weights: [0, 0, 0, 0, 0, 1] }),
    ).toThrow('seriesIndices: series: explicit weights need one per period of the window (2) (got 6)');
  });
  it('a base longer than the window', () =>
    expect(() => seriesIndices([100, 120, 90, 130], M4, { window: W4, base: { meanOfFirst: 5 } })).toThrow(
      'seriesIndices: series: the base needs 5 periods but the window has 4 (got {"meanOfFirst":5})',
    ));
  it('mean and sd over the present periods only', () => {
    // [100, 120, 90, 130]: mean 110, population SD √250
    const a = seriesIndices([100, 120, 90, 130], M4, { window: W4, sd: 'population' });
    expect(a.mean).toBe(110);
    expect(a.sd).toBeCloseTo(Math.sqrt(250), 10);
    // 'skip': present 100, 120, 130 → mean 350/3; sample SS = 700/3 · 2 → SD √(700/3)
    const b = seriesIndices([100, NaN, 120, 130], M4, { window: W4, missing: 'skip' });
    expect(b.mean).toBeCloseTo(350 / 3, 10);
    expect(b.sd).toBeCloseTo(Math.sqrt(700 / 3), 10);
  });
  it("every base period missing under 'skip': an error, or a reported skip", () => {
    const x = [NaN, 100, 120, 130];
    expect(() => seriesIndices(x, M4, { window: W4, missing: 'skip' })).toThrow(
      "seriesIndices: series: every base period is missing; X' is undefined (zeroBase 'error'; use 'skip-series' to report and skip) (got NaN)",
    );
    const r = seriesIndices(x, M4, { window: W4, missing: 'skip', zeroBase: 'skip-series' });
    expect(r.status).toBe('skipped');
    expect(r.reason).toBe('every base period is missing');
  });
  it('a V that is not finite (detrended V of 2 periods with sample SD) is an error, not a result', () =>
    // [1, 1]: G = 0; the detrended kernel needs 3 present values for 'sample' → NaN (shown as null)
    expect(() =>
      seriesIndices([1, 1], months('2015-01', 2), { window: ['2015-01', '2015-02'], volatility: 'detrended' }),
    ).toThrow('seriesIndices: series: indices are not finite (got {"V":null,"G":0})'));
});

describe('indexTable: weights message and a source without janFeb', () => {
  const panel = { months: M4, codes: ['a'], values: [Float64Array.of(100, 120, 90, 130)] };
  it('explicit weights of the wrong length are named as the table’s', () =>
    expect(() => indexTable(panel, { window: W4, weights: [1, 2, 3] })).toThrow(
      'seriesIndices: indexTable: explicit weights need one per period of the window (4) (got 3)',
    ));
  it('a panel whose source has no janFeb is read as having no known combined years', () => {
    const rows = indexTable({ ...panel, source: {} }, { window: W4, base: 'first' });
    expect(rows[0].G).toBeCloseTo(0.13, 12);
  });
});
