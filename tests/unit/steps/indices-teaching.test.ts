/** The teaching helpers beside step 03 (lib/steps/indices-teaching.ts): the worked example of the indices, and code families across code changes. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeFamilies, workedExample } from '../../../lib/steps/indices-teaching.js';
import { growthIndex, volatilityIndex } from '../../../lib/steps/indices.js';
import { StudyError } from '../../../lib/core/errors.js';
import { positiveSeries } from '../../helpers/random-series.js';

describe('workedExample', () => {
  it('writes out the arithmetic of a 3-period series (hand-computed)', () => {
    const ex = workedExample([100, 110, 130], ['2015', '2016', '2017'], {
      weights: 'linear',
      base: 'first',
      sd: 'population',
    });
    // base 100; X' = 0, 0.1, 0.3; w = 1, 2, 3; w·X' = 0, 0.2, 0.9
    expect(ex.base).toBe(100);
    expect(ex.rows.map((r) => r.Xprime)).toEqual([0, 0.1, 0.3].map((v) => expect.closeTo(v, 12)));
    expect(ex.rows.map((r) => r.w)).toEqual([1, 2, 3]);
    expect(ex.sumW).toBe(6);
    expect(ex.sumWXprime).toBeCloseTo(1.1, 12);
    expect(ex.G).toBeCloseTo(1.1 / 6, 12);
    // mean 340/3; deviations −13.33, −3.33, 16.67; squares 177.78 + 11.11 + 277.78 = 466.67; /3 → 155.56; sd 12.472
    expect(ex.mean).toBeCloseTo(340 / 3, 10);
    expect(ex.sumDevSq).toBeCloseTo(1400 / 3, 8);
    expect(ex.divisor).toBe(3);
    expect(ex.V).toBeCloseTo(Math.sqrt(1400 / 9) / (340 / 3), 12);
  });

  it('uses T − 1 for the sample SD and averages the base over k periods', () => {
    const ex = workedExample([2, 4, 9], ['a', 'b', 'c'], {
      weights: 'uniform',
      base: { meanOfFirst: 2 },
      sd: 'sample',
    });
    expect(ex.base).toBe(3); // (2 + 4) / 2
    expect(ex.G).toBeCloseTo((-1 / 3 + 1 / 3 + 2) / 3, 12); // X' = −1/3, 1/3, 2
    expect(ex.divisor).toBe(2);
    expect(ex.sd).toBeCloseTo(Math.sqrt(((2 - 5) ** 2 + (4 - 5) ** 2 + (9 - 5) ** 2) / 2), 12);
  });

  it('agrees with the library kernels (property)', () => {
    fc.assert(
      fc.property(
        positiveSeries(2, 40),
        fc.constantFrom('linear', 'uniform') as fc.Arbitrary<'linear' | 'uniform'>,
        (x, weights) => {
          const ex = workedExample(
            x,
            x.map((_, i) => String(i)),
            { weights, base: 'first', sd: 'sample' },
          );
          expect(ex.G).toBeCloseTo(growthIndex(x, { weights, base: 'first' }), 6);
          expect(ex.V).toBeCloseTo(volatilityIndex(x, 'sample'), 9);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('exponential weights end at 1', () => {
    const ex = workedExample([1, 2, 3], ['a', 'b', 'c'], { weights: { exponential: Math.log(2) } });
    expect(ex.rows.map((r) => r.w)).toEqual([0.25, 0.5, 1].map((v) => expect.closeTo(v, 12)));
  });

  it('rejects bad input', () => {
    expect(() => workedExample([], [])).toThrow(StudyError);
    expect(() => workedExample([1, 2], ['a'])).toThrow(/period labels/);
    expect(() => workedExample([1, NaN], ['a', 'b'])).toThrow(/finite/);
    expect(() => workedExample([1, -2], ['a', 'b'])).toThrow(/≥ 0/);
    expect(() => workedExample([0, 2], ['a', 'b'])).toThrow(/base is zero/);
    expect(() => workedExample([1, 2], ['a', 'b'], { base: { meanOfFirst: 3 } })).toThrow(/base needs 3/);
    expect(() => workedExample([1], ['a'], { sd: 'sample' })).toThrow(/at least 2/);
    expect(() => workedExample([1, 2], ['a', 'b'], { weights: [1] })).toThrow(/one per period/);
  });
});

describe('workedExample: defaults, row positions and exact messages', () => {
  it('numbers the rows t = 1..T and defaults to the sample SD (divisor T − 1)', () => {
    const ex = workedExample([1, 2, 3], ['a', 'b', 'c']);
    expect(ex.rows.map((r) => r.t)).toEqual([1, 2, 3]);
    expect(ex.divisor).toBe(2);
    expect(ex.sd).toBe(1); // deviations −1, 0, 1: √(2/2)
  });
  it('names itself and the bad value', () => {
    expect(() => workedExample([], [])).toThrow('workedExample: series is empty (got [])');
    expect(() => workedExample([1, -2], ['a', 'b'])).toThrow(
      'workedExample: value 2 must be a finite number ≥ 0 (got -2)',
    );
    const msg = "workedExample: base must be 'first' or {meanOfFirst: k} with an integer k ≥ 1";
    for (const k of [0, -1, 1.5])
      expect(() => workedExample([1, 2, 3], ['a', 'b', 'c'], { base: { meanOfFirst: k } })).toThrow(
        `${msg} (got {"meanOfFirst":${k}})`,
      );
  });
  it('a mean that underflows to 0 is refused although the base is not 0', () => {
    // base = 5e-324 (the smallest double), mean = 5e-324 / 3 rounds to 0: V = SD/mean would be Infinity
    expect(5e-324 / 3).toBe(0);
    expect(() => workedExample([5e-324, 0, 0], ['a', 'b', 'c'])).toThrow(
      'workedExample: mean is zero: V = SD/mean is undefined (got 0)',
    );
  });
});

describe('codeFamilies', () => {
  const panel = {
    months: ['2016-11', '2016-12', '2017-01', '2017-02'],
    codes: ['85423100', '85423111', '85423119', '85423300'],
    values: [
      Float64Array.of(10, 12, NaN, NaN),
      Float64Array.of(NaN, NaN, 7, 8),
      Float64Array.of(NaN, NaN, 4, 5),
      Float64Array.of(1, 2, 3, 4),
    ],
  };
  const bridges = [
    { old_code: '85423100', new_code: '85423111', year_changed: 2017 },
    { old_code: '85423100', new_code: '85423119', year_changed: 2017 },
  ];
  it('joins a pre-split code and its successors into one continuous series', () => {
    const f = codeFamilies(panel, panel.codes, bridges);
    expect(f.codes).toEqual(['85423111+85423119', '85423300']);
    expect(Array.from(f.values[0])).toEqual([10, 12, 11, 13]);
    expect(Array.from(f.values[1])).toEqual([1, 2, 3, 4]);
    expect(f.members[0]).toEqual(['85423100', '85423111', '85423119']);
  });
  it('without bridges the codes keep their gaps', () => {
    const f = codeFamilies(panel, panel.codes, []);
    expect(f.codes).toEqual(panel.codes);
    expect(Number.isNaN(f.values[0][2])).toBe(true);
  });
  it('rejects a code not in the panel and a negative value', () => {
    expect(() => codeFamilies(panel, ['99999999'], bridges)).toThrow(/not in the panel/);
    const bad = { ...panel, values: [Float64Array.of(-1, 0, 0, 0), ...panel.values.slice(1)] };
    expect(() => codeFamilies(bad, panel.codes, bridges)).toThrow(/finite and ≥ 0/);
  });
  it('sorts the families and their members whatever the order of the codes given, and keeps zero months', () => {
    const zero = { ...panel, values: [...panel.values.slice(0, 3), Float64Array.of(0, 2, 0, 4)] };
    const f = codeFamilies(zero, ['85423300', '85423119', '85423111', '85423100'], bridges);
    expect(f.codes).toEqual(['85423111+85423119', '85423300']);
    expect(f.members).toEqual([['85423100', '85423111', '85423119'], ['85423300']]);
    expect(Array.from(f.values[1])).toEqual([0, 2, 0, 4]);
  });
  it('returns its own copy of the months', () => {
    const f = codeFamilies(panel, panel.codes, bridges);
    expect(f.months).toEqual(panel.months);
    expect(f.months).not.toBe(panel.months);
  });
  it('names itself and the unknown code', () =>
    expect(() => codeFamilies(panel, ['99999999'], bridges)).toThrow(
      'codeFamilies: code not in the panel (got "99999999")',
    ));
});
