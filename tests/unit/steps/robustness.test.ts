import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GroupInfo } from '../../../lib/steps/partition.js';
import { sensitivitySweep, type GroupSeries } from '../../../lib/steps/sensitivity.js';
import {
  agreementDistribution,
  influenceSummary,
  oneAtATime,
  parameterInfluence,
  publishedPatternMap,
  survival,
} from '../../../lib/steps/robustness.js';
import type { Pattern } from '../../../lib/core/types.js';

// Three SYNTHETIC groups over 24 months, built so the patterns are known by hand.
const months = Array.from(
  { length: 24 },
  (_, k) => `${2015 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`,
);
const groups: GroupInfo[] = [
  { group_id: 1, group: 'Flat', matrixLabel: 'Flat', category: 'x', semiconductor: false },
  { group_id: 2, group: 'Fast', matrixLabel: 'Fast', category: 'x', semiconductor: false },
  { group_id: 3, group: 'Chips', matrixLabel: 'Chips', category: 'x', semiconductor: true },
];
const series: GroupSeries[] = [
  { group_id: 1, values: Float64Array.from(months, () => 100) }, // G = 0, V = 0
  { group_id: 2, values: Float64Array.from(months, (_, t) => 100 + 10 * t) },
  { group_id: 3, values: Float64Array.from(months, (_, t) => 100 + 10 * t) },
];
const base = {
  window: ['2015-01', '2016-12'] as [string, string],
  base: 'first' as const,
  weights: 'uniform' as const,
  sd: 'population' as const,
};
// Fast/Chips: x' = t/10, t = 0..23 → G = mean = 1.15 under uniform weights; V = SD/mean of 100..330 = 69.2/215 ≈ 0.322

describe('oneAtATime', () => {
  it('growth cuts: hand-checked changes', () => {
    const r = oneAtATime(months, series, groups, { growth: [0.5, 2] }, base);
    expect(r.rows.map((x) => [x.value, x.isBaseline, x.changed])).toEqual([
      ['0.5', true, 0],
      ['2', false, 2], // Fast and Chips (G 1.15 ≤ 2) become substitution
    ]);
    expect(r.rows[1].changes).toBe('Fast → substitution; Chips → substitution');
    expect(r.cells.filter((c) => c.changed).map((c) => c.group_id)).toEqual([2, 3]);
  });
  it('volatility cut 0.4: Fast (V 0.32) drops to no effect, Chips stays stockpiling by the semiconductor rule', () => {
    const r = oneAtATime(months, series, groups, { volatilityHigh: [0.3, 0.4] }, base);
    expect(r.rows[1].changes).toBe('Fast → no effect');
  });
  it('reference agreement per row', () => {
    const ref = new Map<number, Pattern>([
      [1, 'substitution'],
      [2, 'stockpiling'],
      [3, 'stockpiling'],
    ]);
    const r = oneAtATime(months, series, groups, { growth: [0.5, 2] }, base, ref);
    expect(r.rows.map((x) => x.agreement)).toEqual([3, 1]);
  });
  it('an empty grid is an error', () => {
    expect(() => oneAtATime(months, series, groups, {}, base)).toThrow(/sweeps no parameter/);
  });
});

describe('influence, survival, agreement', () => {
  const ref = new Map<number, Pattern>([
    [1, 'substitution'],
    [2, 'stockpiling'],
    [3, 'stockpiling'],
  ]);
  const sweep = sensitivitySweep(months, series, groups, { growth: [0.5, 2], volatilityHigh: [0.3, 0.4] }, base, ref);
  it('hand-checked shares', () => {
    // Fast keeps stockpiling only at (0.5, 0.3): 1 of 4; Chips at growth 0.5 with either V cut: 2 of 4; Flat always.
    expect(sweep.robustness.map((r) => r.share)).toEqual([1, 0.25, 0.5]);
  });
  it('parameterInfluence: spread per parameter and group', () => {
    const inf = parameterInfluence(sweep);
    const get = (p: string, id: number) => inf.find((r) => r.param === p && r.group_id === id)!;
    expect(get('growth', 2)).toMatchObject({ minShare: 0, maxShare: 0.5, spread: 0.5, weakestValue: '2' });
    expect(get('volatilityHigh', 3).spread).toBe(0);
    expect(get('growth', 1).spread).toBe(0);
    const sum = influenceSummary(inf);
    expect(sum.map((s) => [s.param, s.groupsMoved, s.maxSpread, s.mostMoved])).toEqual([
      ['growth', 2, 1, 'Chips'],
      ['volatilityHigh', 1, 0.5, 'Fast'],
    ]);
  });
  it('survival', () => {
    expect(survival(sweep, 0.9)).toEqual({
      cut: 0.9,
      kept: 1,
      of: 3,
      keptGroups: ['Flat'],
      fragileGroups: ['Fast', 'Chips'],
    });
    expect(survival(sweep, 0.5).kept).toBe(2);
    expect(() => survival(sweep, 1.5)).toThrow(/cut/);
  });
  it('agreementDistribution', () => {
    // combos (0.5,0.3): 3 agree; (0.5,0.4): 2; (2,·): 1 each
    const d = agreementDistribution(sweep);
    expect(d.rows).toEqual([
      { agree: 3, combinations: 1, share: 0.25 },
      { agree: 2, combinations: 1, share: 0.25 },
      { agree: 1, combinations: 2, share: 0.5 },
    ]);
    expect(d.mean).toBe(7 / 4);
    expect([d.min, d.max, d.shareAll]).toEqual([1, 3, 0.25]);
    expect(() => agreementDistribution({ ...sweep, referenceAgreement: undefined })).toThrow(/without a reference/);
  });
  it('publishedPatternMap', () => {
    const m = publishedPatternMap([
      { pattern: 'substitution', group_ids: [1, 7] },
      { pattern: 'stockpiling', group_ids: [2] },
    ]);
    expect([...m]).toEqual([
      [1, 'substitution'],
      [7, 'substitution'],
      [2, 'stockpiling'],
    ]);
    expect(() =>
      publishedPatternMap([
        { pattern: 'substitution', group_ids: [1] },
        { pattern: 'stockpiling', group_ids: [1] },
      ]),
    ).toThrow(/two patterns/);
  });
});

describe('property: one-at-a-time rows agree with the full sweep restricted to the baseline of the other parameter', () => {
  it('for random growth and volatility cut lists', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ min: -0.5, max: 2, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (cuts) => {
          const oat = oneAtATime(months, series, groups, { growth: cuts }, base);
          const full = sensitivitySweep(months, series, groups, { growth: cuts }, base);
          cuts.forEach((_, c) => {
            const changed = full.groupIds.filter(
              (_, g) =>
                full.patterns[c * 3 + g] !==
                ['substitution', 'no effect', 'stockpiling'].indexOf(full.baseline.patterns[g]),
            ).length;
            expect(oat.rows[c].changed).toBe(changed);
          });
          // survival at cut 0 keeps every group; kept never exceeds the group count
          expect(survival(full, 0).kept).toBe(3);
        },
      ),
      { numRuns: 40 },
    );
  });
});
