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

describe('oneAtATime: cells, skipped groups, timing, errors', () => {
  it('one cell per (value, group), in order', () => {
    const r = oneAtATime(months, series, groups, { growth: [0.5, 2] }, base);
    expect(r.cells).toHaveLength(6);
    expect(r.cells[0]).toEqual({
      param: 'growth',
      value: '0.5',
      group_id: 1,
      group: 'Flat',
      pattern: 'substitution',
      changed: false,
    });
  });
  it("a group with a zero base under a swept value is 'skipped' (and counts as a change)", () => {
    // Flat is 100 in 2015 and 0 in 2016: the window 2016 gives it a zero base
    const withZero: GroupSeries[] = [
      { group_id: 1, values: Float64Array.from(months, (m) => (m < '2016' ? 100 : 0)) },
      series[1],
      series[2],
    ];
    const r = oneAtATime(
      months,
      withZero,
      groups,
      {
        window: [
          ['2015-01', '2016-12'],
          ['2016-01', '2016-12'],
        ],
      },
      { ...base, zeroBase: 'skip-series' },
    );
    const flat = r.cells.filter((c) => c.group_id === 1).map((c) => [c.pattern, c.changed]);
    expect(flat[1]).toEqual(['skipped', true]);
    expect(r.rows[1].changes).toContain('Flat → skipped');
  });
  it('elapsedMs is the time the call took', () => {
    const before = performance.now();
    const r = oneAtATime(months, series, groups, { growth: [0.5] }, base);
    const took = performance.now() - before;
    expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(r.elapsedMs).toBeLessThanOrEqual(took);
  });
  it('an empty grid: the error names the function and the grid', () => {
    expect(() => oneAtATime(months, series, groups, {}, base)).toThrow(
      'oneAtATime: the grid sweeps no parameter (got {})',
    );
  });
});

describe('parameterInfluence and influenceSummary on hand-made rows', () => {
  const byRow = (value: string, share: number) => ({ param: 'growth', value, group_id: 1, group: 'A', share });
  it('lowest and highest share over the values; the first of tied lowest values is the weakest', () => {
    const inf = parameterInfluence({
      params: ['growth'],
      groupIds: [1],
      byParameter: [byRow('a', 0.5), byRow('b', 0.2), byRow('c', 0.2), byRow('d', 0.9), byRow('e', 0.6)],
    });
    expect(inf).toEqual([
      { param: 'growth', group_id: 1, group: 'A', minShare: 0.2, maxShare: 0.9, spread: 0.9 - 0.2, weakestValue: 'b' },
    ]);
  });
  it('a swept parameter without byParameter rows for a group is an error naming it', () => {
    expect(() => parameterInfluence({ params: ['growth'], groupIds: [1], byParameter: [] })).toThrow(
      'parameterInfluence: no byParameter rows for growth, group 1 (got "growth")',
    );
  });
  const inf = (param: string, group: string, spread: number) => ({
    param,
    group_id: 0,
    group,
    minShare: 0,
    maxShare: spread,
    spread,
    weakestValue: '',
  });
  it('most influential first: by largest spread, then by groups moved, then in parameter order', () => {
    const sum = influenceSummary([
      inf('p1', 'A', 0.2),
      inf('p2', 'A', 0.5),
      inf('p3', 'A', 0.5),
      inf('p3', 'B', 0.5), // a tie with A: A stays the most moved
      inf('p4', 'A', 0.2),
      inf('p5', 'A', 0),
      inf('p6', 'A', 0.2),
    ]);
    expect(sum).toEqual([
      { param: 'p3', groupsMoved: 2, maxSpread: 0.5, mostMoved: 'A' },
      { param: 'p2', groupsMoved: 1, maxSpread: 0.5, mostMoved: 'A' },
      { param: 'p1', groupsMoved: 1, maxSpread: 0.2, mostMoved: 'A' },
      { param: 'p4', groupsMoved: 1, maxSpread: 0.2, mostMoved: 'A' },
      { param: 'p6', groupsMoved: 1, maxSpread: 0.2, mostMoved: 'A' },
      { param: 'p5', groupsMoved: 0, maxSpread: 0, mostMoved: '' },
    ]);
  });
  it('a spread of at most 1e-12 counts as no move', () => {
    expect(influenceSummary([inf('p', 'A', 1e-12)])).toEqual([
      { param: 'p', groupsMoved: 0, maxSpread: 0, mostMoved: '' },
    ]);
  });
});

describe('survival and agreementDistribution on hand-made sweeps', () => {
  const rob = (group: string, share: number) => ({ group, share }) as never;
  const sweep = { robustness: [rob('A', 1), rob('B', 0.5), rob('C', 0.25)] };
  it('cut 1 keeps only the groups that always keep their pattern; cut 0 keeps all', () => {
    expect(survival(sweep, 1)).toEqual({ cut: 1, kept: 1, of: 3, keptGroups: ['A'], fragileGroups: ['B', 'C'] });
    expect(survival(sweep, 0).kept).toBe(3);
  });
  it('a share equal to the cut, or short of it by less than 1e-12, is kept', () => {
    expect(survival(sweep, 0.5)).toMatchObject({ keptGroups: ['A', 'B'], fragileGroups: ['C'] });
    expect(survival(sweep, 0.5 + 5e-13)).toMatchObject({ keptGroups: ['A', 'B'], fragileGroups: ['C'] });
    expect(survival(sweep, 0.5 + 1e-12)).toMatchObject({ keptGroups: ['A', 'B'], fragileGroups: ['C'] });
  });
  it('a cut outside [0, 1] or not a number: the error names the function and the cut', () => {
    expect(() => survival(sweep, -0.1)).toThrow('survival: cut must be a share in [0, 1] (got -0.1)');
    expect(() => survival(sweep, 1.5)).toThrow('survival: cut must be a share in [0, 1] (got 1.5)');
    expect(() => survival(sweep, '0.5' as never)).toThrow('survival: cut must be a share in [0, 1] (got "0.5")');
  });
  it('agreementDistribution: min, max, and a row for zero agreement', () => {
    const d = agreementDistribution({
      groupIds: [1, 2, 3],
      combinations: 4,
      referenceAgreement: Uint16Array.from([1, 3, 0, 2]),
    });
    expect(d).toEqual({
      rows: [
        { agree: 3, combinations: 1, share: 0.25 },
        { agree: 2, combinations: 1, share: 0.25 },
        { agree: 1, combinations: 1, share: 0.25 },
        { agree: 0, combinations: 1, share: 0.25 },
      ],
      of: 3,
      mean: 1.5,
      min: 0,
      max: 3,
      shareAll: 0.25,
    });
    const e = agreementDistribution({
      groupIds: [1, 2, 3],
      combinations: 3,
      referenceAgreement: Uint16Array.from([2, 1, 3]),
    });
    expect([e.min, e.max]).toEqual([1, 3]);
  });
  it('agreementDistribution without a reference: the exact error', () => {
    expect(() => agreementDistribution({ groupIds: [1], combinations: 1, referenceAgreement: undefined })).toThrow(
      'agreementDistribution: the sweep was run without a reference (pass the published patterns to sensitivitySweep)',
    );
  });
  it('publishedPatternMap: a group listed twice under the same pattern is fine; under two patterns the error names it', () => {
    const m = publishedPatternMap([
      { pattern: 'substitution', group_ids: [1] },
      { pattern: 'substitution', group_ids: [1, 4] },
    ]);
    expect([...m]).toEqual([
      [1, 'substitution'],
      [4, 'substitution'],
    ]);
    expect(() =>
      publishedPatternMap([
        { pattern: 'substitution', group_ids: [3] },
        { pattern: 'stockpiling', group_ids: [3] },
      ]),
    ).toThrow('publishedPatternMap: group listed under two patterns (got 3)');
  });
});
