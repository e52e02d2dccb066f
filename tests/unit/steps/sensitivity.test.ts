import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../../lib/io/data.js';
import { monthSequence } from '../../../lib/core/months.js';
import { seriesIndices } from '../../../lib/steps/indices.js';
import { partitionGroups, type GroupInfo } from '../../../lib/steps/partition.js';
import { choiceLabel, type IndexOptions } from '../../../lib/steps/choices.js';
import {
  SKIPPED,
  combinationParams,
  combinationPattern,
  groupSeriesFromPanel,
  sensitivitySweep,
  type GroupSeries,
  type SweepGrid,
} from '../../../lib/steps/sensitivity.js';
import type { Pattern } from '../../../lib/core/types.js';
import { lcg, noisyGroupSeries } from '../../helpers/random-series.js';

const groups: GroupInfo[] = loadGroups();
const months = monthSequence('2015-01', 126);
// SYNTHETIC test series: trend + seasonality + noise, different per group (deterministic LCG)
const series: GroupSeries[] = noisyGroupSeries(
  groups.map((g) => g.group_id),
  months,
  lcg(12345),
);

/** The slow path: seriesIndices + partitionGroups for one parameter set. */
function slowPatterns(p: ReturnType<typeof combinationParams>): Pattern[] {
  const idx: Partial<IndexOptions> = {
    window: p.window,
    frequency: p.frequency,
    weights: p.weights,
    base: p.base,
    sd: p.sd,
    missing: p.missing,
    zeroBase: p.zeroBase,
    volatility: p.volatility,
  };
  const rows = series.map((s) => {
    const r = seriesIndices(s.values, months, idx);
    return { group_id: s.group_id, G: r.G!, V: r.V! };
  });
  return partitionGroups(rows, groups, p).map((r) => r.pattern);
}

describe('sensitivitySweep', () => {
  const grid: SweepGrid = {
    window: [
      ['2015-01', '2024-12'],
      ['2016-01', '2024-12'],
      ['2015-01', '2025-06'],
    ],
    frequency: ['monthly', 'quarterly'],
    weights: ['linear', 'uniform', { exponential: 0.03 }],
    base: ['first', { meanOfFirst: 12 }],
    sd: ['sample', 'population'],
    volatility: ['printed', 'detrended'],
    growth: [0.3, 0.5, 0.8],
    volatilityHigh: [0.25, 0.3],
    semiconductorRule: [true, false],
  };
  const res = sensitivitySweep(months, series, groups, grid);
  it('enumerates the cartesian product', () => {
    expect(res.combinations).toBe(3 * 2 * 3 * 2 * 2 * 2 * 3 * 2 * 2);
    expect(res.patterns.length).toBe(res.combinations * 17);
    expect(res.params).toEqual([
      'window',
      'frequency',
      'sd',
      'weights',
      'base',
      'volatility',
      'growth',
      'volatilityHigh',
      'semiconductorRule',
    ]);
  });
  it('agrees with the slow path (seriesIndices + partitionGroups) on every 37th combination', () => {
    for (let c = 0; c < res.combinations; c += 37) {
      const p = combinationParams(res, c);
      const fast = res.groupIds.map((id) => combinationPattern(res, c, id));
      expect(fast, `combination ${c}`).toEqual(slowPatterns(p));
    }
  });
  it('baseline = defaults; robustness shares in [0, 1] and consistent with counts', () => {
    expect(res.baseline.params.weights).toBe('linear');
    expect(res.baseline.patterns).toEqual(slowPatterns(res.baseline.params));
    for (const r of res.robustness) {
      expect(r.share).toBeGreaterThanOrEqual(0);
      expect(r.share).toBeLessThanOrEqual(1);
      expect(r.counts.substitution + r.counts['no effect'] + r.counts.stockpiling + r.counts.skipped).toBe(
        res.combinations,
      );
      expect(r.share).toBeCloseTo(r.counts[r.baselinePattern] / res.combinations, 12);
    }
  });
  it('by-parameter shares average to the overall share (equal combinations per value)', () => {
    for (const r of res.robustness) {
      const rows = res.byParameter.filter((b) => b.group_id === r.group_id && b.param === 'weights');
      expect(rows).toHaveLength(3);
      expect(rows.reduce((s, b) => s + b.share, 0) / 3).toBeCloseTo(r.share, 12);
    }
    expect(res.labels.weights).toEqual(['linear', 'uniform', 'exp 0.03']);
  });
  it('a grid of only the baseline keeps every pattern (robustness 1)', () => {
    const one = sensitivitySweep(months, series, groups, { growth: [0.5], weights: ['linear'] });
    expect(one.combinations).toBe(1);
    for (const r of one.robustness) expect(r.share).toBe(1);
  });
  it('an impossible growth cut makes every group a substitution', () => {
    const r = sensitivitySweep(months, series, groups, { growth: [1e9] });
    expect(r.groupIds.map((id) => combinationPattern(r, 0, id))).toEqual(Array(17).fill('substitution'));
  });
  it('reference agreement: the published patterns as reference', () => {
    const ref = new Map<number, Pattern>(groups.map((g) => [g.group_id, 'substitution']));
    const r = sensitivitySweep(months, series, groups, { growth: [1e9, -1e9] }, {}, ref);
    expect(Array.from(r.referenceAgreement!)).toEqual([17, 0]);
  });
  it("zeroBase 'skip-series' marks skipped groups", () => {
    const withZero = series.map((s, k) =>
      k === 0 ? { group_id: s.group_id, values: Float64Array.from(s.values, (v, t) => (t < 12 ? 0 : v)) } : s,
    );
    expect(() => sensitivitySweep(months, withZero, groups, { base: ['first'] })).toThrow(
      /sensitivitySweep: combination base=first: group 1 has a zero or missing base/,
    );
    const r = sensitivitySweep(
      months,
      withZero,
      groups,
      { base: ['first'], zeroBase: ['skip-series'] },
      { base: { meanOfFirst: 24 } },
    );
    expect(r.patterns[0]).toBe(SKIPPED);
    expect(combinationPattern(r, 0, 1)).toBe('skipped');
    expect(r.robustness[0].counts.skipped).toBe(1);
  });
  it('bad grids are rejected', () => {
    expect(() => sensitivitySweep(months, series, groups, { colour: ['red'] } as never)).toThrow(
      /sensitivitySweep: unknown parameter/,
    );
    expect(() => sensitivitySweep(months, series, groups, { growth: [] })).toThrow(/non-empty list/);
    expect(() => sensitivitySweep(months, series, groups, { sd: ['both' as never] })).toThrow(/sd must be/);
    expect(() =>
      sensitivitySweep(months, series, groups, { window: [['2015-02', '2024-12']], frequency: ['annual'] }),
    ).toThrow(/combination window=2015-02..2024-12, frequency=annual: .*calendar year boundaries/);
    expect(() => sensitivitySweep(months, [{ group_id: 99, values: series[0].values }], groups)).toThrow(
      /not in the group table/,
    );
    expect(() => combinationParams(res, res.combinations)).toThrow(/combinationParams: combination must be/);
  });
  it('labels and panel helper', () => {
    expect(choiceLabel({ meanOfFirst: 12 })).toBe('mean of first 12');
    expect(choiceLabel(['2015-01', '2024-12'])).toBe('2015-01..2024-12');
    expect(choiceLabel(false)).toBe('off');
    const panel = { codes: groups.map((g) => g.group), values: series.map((s) => s.values as Float64Array) };
    expect(groupSeriesFromPanel(panel, groups).map((s) => s.group_id)).toEqual(groups.map((g) => g.group_id));
    expect(() => groupSeriesFromPanel({ codes: [], values: [] }, groups)).toThrow(
      /groupSeriesFromPanel: no series for group 1/,
    );
  });
  it('10,000 combinations run in well under a few seconds', () => {
    const big = sensitivitySweep(months, series, groups, {
      weights: Array.from({ length: 25 }, (_, k) => ({ exponential: k / 200 })),
      base: [{ meanOfFirst: 1 }, { meanOfFirst: 3 }, { meanOfFirst: 6 }, { meanOfFirst: 12 }],
      growth: [0.3, 0.4, 0.5, 0.6, 0.7],
      volatilityHigh: [0.2, 0.25, 0.3, 0.35],
      sd: ['sample', 'population'],
      semiconductorRule: [true, false],
    });
    expect(big.combinations).toBe(8000);
    expect(big.elapsedMs).toBeLessThan(3000);
  });
});

// A small hand-made fixture (3 groups, 36 months, 2019-2021) computed inside each test: every sweep is checked
// against the slow path or a hand-computed value.
describe('sensitivitySweep on a small fixture', () => {
  const fMonths = monthSequence('2019-01', 36);
  const fIds = [1, 4, 5]; // group 1 is a semiconductor group
  const fGroups = groups.filter((g) => fIds.includes(g.group_id));
  const jfYears = [2020, 2021];
  /** SYNTHETIC: January 2020 and 2021 combined into February; group 4 misses 2019-06, group 5 has a zero 2019-01. */
  function fixture(): GroupSeries[] {
    return noisyGroupSeries(fIds, fMonths, lcg(777)).map((s) => {
      const v = Float64Array.from(s.values);
      for (const t of [12, 24]) {
        v[t + 1] += v[t];
        v[t] = 0;
      }
      if (s.group_id === 4) v[5] = NaN;
      if (s.group_id === 5) v[0] = 0;
      return { group_id: s.group_id, values: v, janFebYears: jfYears };
    });
  }
  const fBase = {
    window: ['2020-01', '2021-12'] as [string, string],
    missing: 'skip' as const,
    janFeb: 'split-even' as const,
  };

  /** The slow path for one combination, group by group ('skipped' under zeroBase 'skip-series'). */
  const memo = new Map<string, ReturnType<typeof seriesIndices>[]>();
  function slow(fs: GroupSeries[], p: ReturnType<typeof combinationParams>): (Pattern | 'skipped')[] {
    const idx: Partial<IndexOptions> = {
      window: p.window,
      frequency: p.frequency,
      weights: p.weights,
      base: p.base,
      sd: p.sd,
      missing: p.missing,
      zeroBase: p.zeroBase,
      janFeb: p.janFeb,
      volatility: p.volatility,
    };
    const key = JSON.stringify(idx);
    let rs = memo.get(key);
    if (!rs) memo.set(key, (rs = fs.map((s) => seriesIndices(s.values, fMonths, idx, 'g', s.janFebYears))));
    return fs.map((s, g) => {
      const r = rs[g];
      if (r.status === 'skipped') return 'skipped';
      const th = { growth: p.growth, volatilityHigh: p.volatilityHigh, volatilityMedium: -1e9 };
      return partitionGroups([{ group_id: s.group_id, G: r.G!, V: r.V! }], groups, {
        ...th,
        semiconductorRule: p.semiconductorRule,
      })[0].pattern;
    });
  }

  it('every combination of a grid over all thirteen choices agrees with the slow path, and the summaries with the patterns', () => {
    const fs = fixture();
    const grid: SweepGrid = {
      window: [
        ['2019-01', '2021-12'],
        ['2020-01', '2021-12'],
      ],
      frequency: ['monthly', 'quarterly'],
      missing: ['skip', 'interpolate'],
      sd: ['sample', 'population'],
      weights: ['linear', 'uniform'],
      base: ['first', { meanOfFirst: 2 }],
      zeroBase: ['skip-series'],
      janFeb: ['split-share', 'merge'],
      volatility: ['printed', 'detrended'],
      growth: [0, 0.3],
      volatilityHigh: [0.1, 1e9],
      volatilityMedium: [0.01, 0.05, 0.09],
      semiconductorRule: [true, false],
    };
    const ref = new Map<number, Pattern>([
      [1, 'stockpiling'],
      [4, 'no effect'],
      [5, 'substitution'],
    ]);
    const r = sensitivitySweep(fMonths, fs, fGroups, grid, fBase, ref);
    const n = 2 ** 10 * 3 * 2;
    expect(r.combinations).toBe(n);
    expect(r.patterns.length).toBe(n * 3);
    expect(r.groupIds).toEqual(fIds);
    const all: (Pattern | 'skipped')[][] = [];
    const cps = Array.from({ length: n }, (_, c) => combinationParams(r, c));
    for (let c = 0; c < n; c++) {
      const got = fIds.map((id) => combinationPattern(r, c, id));
      // volatilityMedium (the second fastest digit) never changes a pattern: the slow path on its first value only
      if (c % 6 < 2) expect(got, `combination ${c}`).toEqual(slow(fs, cps[c]));
      else expect(got, `combination ${c}`).toEqual(all[c - (c % 6) + (c % 2)]);
      all.push(got);
    }
    const kinds = new Set(all.flat());
    expect(kinds).toEqual(new Set(['substitution', 'no effect', 'stockpiling', 'skipped']));
    // baseline: the defaults but window and missing; G and V from seriesIndices
    const bp = cps[0];
    expect(r.baseline.params).toEqual({
      window: ['2020-01', '2021-12'],
      frequency: 'monthly',
      weights: 'linear',
      base: 'first',
      sd: 'sample',
      missing: 'skip',
      zeroBase: 'error',
      janFeb: 'split-even',
      volatility: 'printed',
      growth: 0.5,
      volatilityHigh: 0.3,
      volatilityMedium: 0.24,
      semiconductorRule: true,
    });
    expect(bp.window).toEqual(['2019-01', '2021-12']);
    const bIdx = fs.map((s) => seriesIndices(s.values, fMonths, { ...fBase }, 'g', s.janFebYears));
    expect(r.baseline.G).toEqual(bIdx.map((x) => x.G));
    expect(r.baseline.V).toEqual(bIdx.map((x) => x.V));
    expect(r.baseline.patterns).toEqual(slow(fs, r.baseline.params));
    // robustness counts, shares, reference agreement and per-value shares, by brute force over the patterns
    fIds.forEach((id, g) => {
      const col = all.map((row) => row[g]);
      const cnt = (p: string) => col.filter((x) => x === p).length;
      const rob = r.robustness[g];
      expect(rob.group_id).toBe(id);
      expect(rob.group).toBe(fGroups.find((x) => x.group_id === id)!.group);
      expect(rob.counts).toEqual({
        substitution: cnt('substitution'),
        'no effect': cnt('no effect'),
        stockpiling: cnt('stockpiling'),
        skipped: cnt('skipped'),
      });
      expect(rob.share).toBe(cnt(rob.baselinePattern) / n);
    });
    expect(r.robustness.map((x) => x.baselinePattern)).toEqual(r.baseline.patterns);
    expect(Array.from(r.referenceAgreement!)).toEqual(
      all.map((row) => row.filter((x, g) => x === ref.get(fIds[g])).length),
    );
    const params = Object.keys(grid) as (keyof SweepGrid)[];
    expect(r.params).toEqual(params);
    const expected: typeof r.byParameter = [];
    for (const p of params) {
      const list = grid[p] as unknown[];
      expect(r.labels[p]).toEqual(list.map(choiceLabel));
      expect(r.values[p]).toEqual(list);
      list.forEach((v, k) => {
        const cs = all.map((_, c) => c).filter((c) => cps[c][p] === v);
        fIds.forEach((id, g) =>
          expected.push({
            param: p,
            value: choiceLabel(v),
            group_id: id,
            group: r.robustness[g].group,
            share: cs.filter((c) => all[c][g] === r.baseline.patterns[g]).length / (n / list.length),
          }),
        );
      });
    }
    expect(r.byParameter).toEqual(expected);
  });
});

describe('sensitivitySweep: validation and failing combinations, with exact messages', () => {
  const m = monthSequence('2019-01', 36);
  /** SYNTHETIC: 100, 101, 102, … */
  const ramp = (group_id: number): GroupSeries => ({ group_id, values: Float64Array.from(m, (_, t) => 100 + t) });
  const one = [ramp(1)];
  const w3 = { window: ['2020-01', '2020-03'] as [string, string] };
  const run =
    (grid: SweepGrid, baseline = {}, s: GroupSeries[] = one) =>
    () =>
      sensitivitySweep(m, s, groups, grid, baseline);

  it('an unknown parameter names every known one', () => {
    expect(run({ colour: ['red'] } as never)).toThrow(
      'sensitivitySweep: unknown parameter (known: window, frequency, missing, sd, weights, base, zeroBase, janFeb, volatility, growth, volatilityHigh, volatilityMedium, semiconductorRule) (got "colour")',
    );
  });
  it('threshold values are checked one by one: numbers finite, the semiconductor rule a boolean', () => {
    expect(run({ semiconductorRule: [true, 'yes' as never] })).toThrow(
      'sensitivitySweep: semiconductorRule values must be true or false (got "yes")',
    );
    expect(run({ growth: [0.5, NaN] })).toThrow('sensitivitySweep: growth values must be finite numbers (got NaN)');
    expect(run({ volatilityHigh: ['0.3' as never] })).toThrow(
      'sensitivitySweep: volatilityHigh values must be finite numbers (got "0.3")',
    );
  });
  it('an explicit weight list is checked when the grid is read, and the message names the sweep', () => {
    expect(run({ weights: ['linear', [1, -1]] })).toThrow(
      'sensitivitySweep: explicit weights must be finite numbers ≥ 0 (got [1, -1])',
    );
    expect(run({ weights: [[0, 0, 0]] })).toThrow(
      'sensitivitySweep: explicit weights must not all be zero (got [0, 0, 0])',
    );
  });
  it('a window or a frequency is checked only in combination with the other', () => {
    // alone against the baseline each would be rejected (a partial year at annual frequency); together they are fine
    const a = sensitivitySweep(
      m,
      one,
      groups,
      { window: [['2019-02', '2021-12']], frequency: ['monthly'] },
      {
        window: ['2019-01', '2021-12'],
        frequency: 'annual',
      },
    );
    expect(a.combinations).toBe(1);
    const b = sensitivitySweep(
      m,
      one,
      groups,
      { frequency: ['annual'], window: [['2019-01', '2021-12']] },
      {
        window: ['2019-02', '2021-12'],
      },
    );
    expect(b.combinations).toBe(1);
  });
  it('a weight scheme that is none is refused before any combination runs', () => {
    expect(run({ weights: ['linear', 'foo' as never], growth: [0.4, 0.6] }, w3)).toThrow(
      "resolveIndexOptions: weights must be 'linear', 'uniform', {exponential: rate} or a number[] (got \"foo\")",
    );
  });
  it('a window that fails with its frequency names the whole combination', () => {
    const grid: SweepGrid = {
      window: [
        ['2019-01', '2021-12'],
        ['2019-02', '2021-12'],
      ],
      frequency: ['annual'],
      growth: [0.4, 0.6],
    };
    expect(run(grid, { window: ['2019-01', '2021-12'] })).toThrow(
      'sensitivitySweep: combination window=2019-02..2021-12, frequency=annual, growth=0.4: resolveIndexOptions: a annual window must start and end on calendar year boundaries (partial periods would bias the sums) (got ["2019-02", "2021-12"])',
    );
  });
  it('an explicit weight list is checked when its combination runs (it needs the window length)', () => {
    expect(
      run(
        {
          weights: [
            [1, 2, 3],
            [1, 2],
          ],
          growth: [0.4, 0.6],
        },
        w3,
      ),
    ).toThrow(
      'sensitivitySweep: combination weights=custom[2], growth=0.4: makeWeights: explicit weights need one per period (3) (got 2)',
    );
  });
  it('a grid over 50 million combinations is refused before any work; exactly 50 million is not', () => {
    const cuts = (k: number) => Array.from({ length: k }, (_, i) => i / k);
    expect(() => sensitivitySweep(m, [], groups, { growth: cuts(10_000), volatilityHigh: cuts(5_001) })).toThrow(
      'sensitivitySweep: grid too large (over 50 million combinations) (got 50010000)',
    );
    expect(() => sensitivitySweep(m, [], groups, { growth: cuts(10_000), volatilityHigh: cuts(5_000) })).toThrow(
      'sensitivitySweep: no series (got [])',
    );
  });
  it('series: none, or a repeated group, are errors', () => {
    expect(run({}, {}, [])).toThrow('sensitivitySweep: no series (got [])');
    expect(run({}, w3, [ramp(1), ramp(1)])).toThrow(
      'sensitivitySweep: duplicate group_id among the series (got [1, 1])',
    );
  });
  it('a base longer than the window names the combination; a base as long as the window is fine', () => {
    expect(run({ base: ['first', { meanOfFirst: 4 }], growth: [0.4, 0.6] }, w3)).toThrow(
      'sensitivitySweep: combination base=mean of first 4, growth=0.4: the base needs 4 periods but the window has 3',
    );
    const r = sensitivitySweep(m, one, groups, { base: [{ meanOfFirst: 3 }] }, w3);
    // mean of the 3 months = 101 + 12 = 113; linear weights 1,2,3: (112 + 2·113 + 3·114)/6 = 113.333…
    expect(r.combinations).toBe(1);
    expect(r.baseline.G[0]).toBeCloseTo((112 + 226 + 342) / 6 / 112 - 1, 14);
  });
  it('a zero base under zeroBase error, and a non-finite index, name the combination and the group', () => {
    const z = [ramp(1), { group_id: 4, values: Float64Array.from(m, (_, t) => (t === 12 ? 0 : 100 + t)) }];
    expect(run({ base: [{ meanOfFirst: 2 }, 'first'], growth: [0.4, 0.6] }, w3, z)).toThrow(
      "sensitivitySweep: combination base=first, growth=0.4: group 4 has a zero or missing base (zeroBase 'error') (got 0)",
    );
    const w1 = { window: ['2020-03', '2020-03'] as [string, string] };
    expect(run({ sd: ['population', 'sample'], growth: [0.4, 0.6] }, w1)).toThrow(
      "sensitivitySweep: combination sd=sample, growth=0.4: group 1 has a non-finite index (too few periods for sd 'sample'?) (got [0, NaN])",
    );
  });
  it('the baseline is checked too: a zero base, a non-finite index', () => {
    const z = [{ group_id: 1, values: Float64Array.from(m, (_, t) => (t === 12 ? 0 : 100 + t)) }];
    expect(run({ zeroBase: ['skip-series'] }, w3, z)).toThrow(
      'sensitivitySweep: baseline: group 1 has a zero or missing base (got 0)',
    );
    const w1 = { window: ['2020-03', '2020-03'] as [string, string] };
    expect(run({ sd: ['population'] }, w1)).toThrow(
      'sensitivitySweep: baseline: group 1 has a non-finite index (got [0, NaN])',
    );
    // under sd 'population' one period is fine: G = 0, V = 0
    const r = sensitivitySweep(m, one, groups, { sd: ['population'] }, { ...w1, sd: 'population' });
    expect([r.baseline.G, r.baseline.V]).toEqual([[0], [0]]);
  });
  it('the semiconductor rule makes a calm growing semiconductor group stockpiling, in the baseline and the grid', () => {
    const s = [ramp(1), ramp(4)];
    const th = { ...w3, growth: -1e9, volatilityHigh: 1e9 };
    const r = sensitivitySweep(m, s, groups, { semiconductorRule: [true, false] }, th);
    expect(r.baseline.patterns).toEqual(['stockpiling', 'no effect']);
    expect([0, 1].map((c) => [combinationPattern(r, c, 1), combinationPattern(r, c, 4)])).toEqual([
      ['stockpiling', 'no effect'],
      ['no effect', 'no effect'],
    ]);
    expect(r.robustness.map((x) => x.share)).toEqual([0.5, 1]);
    const off = sensitivitySweep(m, s, groups, {}, { ...th, semiconductorRule: false });
    expect(off.baseline.patterns).toEqual(['no effect', 'no effect']);
  });
  it('a reference must give every group a pattern', () => {
    expect(() =>
      sensitivitySweep(m, [ramp(1), ramp(5)], groups, {}, w3, new Map<number, Pattern>([[1, 'substitution']])),
    ).toThrow('sensitivitySweep: reference has no pattern for group (got 5)');
  });
  it('merge: a window starting at a merged January takes its base from the Jan–Feb period', () => {
    // SYNTHETIC: January 2020 combined into February (Jan 0, Feb 100 + 200)
    const v = Float64Array.from(m, (_, t) => 100 + t);
    v[13] += v[12];
    v[12] = 0;
    const s = [{ group_id: 1, values: v, janFebYears: [2020] }];
    const opts = { window: ['2020-01', '2020-12'] as [string, string], janFeb: 'merge' as const };
    const r = sensitivitySweep(m, s, groups, {}, opts);
    const slowIdx = seriesIndices(v, m, opts, 'g', [2020]);
    expect(r.baseline.G).toEqual([slowIdx.G]);
    const g = sensitivitySweep(m, s, groups, { janFeb: ['merge'], growth: [-1e9, 1e9] }, opts);
    expect(g.baseline.G).toEqual([slowIdx.G]);
    expect(combinationPattern(g, 1, 1)).toBe('substitution');
  });
});

describe('combinationParams and combinationPattern: range checks', () => {
  const m = monthSequence('2019-01', 36);
  const s = [{ group_id: 1, values: Float64Array.from(m, (_, t) => 100 + t) }];
  it('a combination must be an integer in 0..combinations-1; a group must be in the sweep', () => {
    const r = sensitivitySweep(m, s, groups, { growth: [0.4, 0.6, 0.8] }, { window: ['2020-01', '2020-12'] });
    for (const c of [-1, 1.5, 3])
      expect(() => combinationParams(r, c)).toThrow(`combinationParams: combination must be 0..2 (got ${c})`);
    for (const c of [-1, 1.5, 3])
      expect(() => combinationPattern(r, c, 1)).toThrow(`combinationPattern: combination must be 0..2 (got ${c})`);
    expect(() => combinationPattern(r, 0, 4)).toThrow('combinationPattern: group not in the sweep (got 4)');
    expect(combinationParams(r, 2).growth).toBe(0.8);
    expect(combinationPattern(r, 2, 1)).toBe('substitution');
  });
});

describe('groupSeriesFromPanel: combined January–February years', () => {
  const g2 = groups.slice(0, 2);
  const panel = { codes: g2.map((g) => g.group), values: [Float64Array.of(1), Float64Array.of(2)] };
  it("passes the panel's combined years on, and none when the panel has none", () => {
    expect(groupSeriesFromPanel({ ...panel, source: { janFeb: { years: [2020, 2021] } } }, g2)).toEqual([
      { group_id: g2[0].group_id, values: Float64Array.of(1), janFebYears: [2020, 2021] },
      { group_id: g2[1].group_id, values: Float64Array.of(2), janFebYears: [2020, 2021] },
    ]);
    const bare = [
      { group_id: g2[0].group_id, values: Float64Array.of(1) },
      { group_id: g2[1].group_id, values: Float64Array.of(2) },
    ];
    expect(groupSeriesFromPanel({ ...panel, source: {} }, g2)).toEqual(bare);
    expect(groupSeriesFromPanel({ ...panel, source: { janFeb: { years: [] } } }, g2)).toEqual(bare);
  });
});

describe('sensitivitySweep: G and V of every index combination, pinned by cuts just above and below them', () => {
  const fMonths = monthSequence('2019-01', 36);
  const fIds = [1, 4, 5];
  /** SYNTHETIC: January 2020 and 2021 combined into February; group 4 misses 2019-06, group 5 has a zero 2019-01. */
  const fs: GroupSeries[] = noisyGroupSeries(fIds, fMonths, lcg(4242)).map((s) => {
    const v = Float64Array.from(s.values);
    for (const t of [12, 24]) {
      v[t + 1] += v[t];
      v[t] = 0;
    }
    if (s.group_id === 4) v[5] = NaN;
    if (s.group_id === 5) v[0] = 0;
    return { group_id: s.group_id, values: v, janFebYears: [2020, 2021] };
  });
  const fBase = {
    window: ['2020-01', '2021-12'] as [string, string],
    missing: 'skip' as const,
    janFeb: 'split-even' as const,
  };
  const idxGrid: SweepGrid = {
    window: [
      ['2019-01', '2021-12'],
      ['2020-01', '2021-12'],
    ],
    frequency: ['monthly', 'quarterly'],
    missing: ['skip', 'interpolate'],
    sd: ['sample', 'population'],
    weights: ['linear', { exponential: 0.05 }],
    base: ['first', { meanOfFirst: 2 }],
    zeroBase: ['skip-series'],
    janFeb: ['split-share', 'merge'],
    volatility: ['printed', 'detrended'],
  };
  const n = 2 ** 8;
  const delta = 1e-9;
  /** G and V of each index combination and group from seriesIndices (null when skipped). */
  let gvMemo: { G: (number | null)[]; V: (number | null)[] }[] | undefined;
  function slowGV(): { G: (number | null)[]; V: (number | null)[] }[] {
    if (gvMemo) return gvMemo;
    const r0 = sensitivitySweep(fMonths, fs, groups, idxGrid, fBase);
    return (gvMemo = Array.from({ length: n }, (_, c) => {
      const p = combinationParams(r0, c);
      const rs = fs.map((s) => seriesIndices(s.values, fMonths, p, 'g', s.janFebYears));
      return { G: rs.map((x) => x.G), V: rs.map((x) => x.V) };
    }));
  }
  const cutsAround = (xs: (number | null)[]) => {
    const u = [...new Set(xs.filter((x): x is number => x !== null))];
    return u.flatMap((x) => [x - delta, x + delta]);
  };
  it('G: the pattern at each growth cut says whether G is above it, as seriesIndices computes G', () => {
    const gv = slowGV();
    const cuts = cutsAround(gv.flatMap((x) => x.G));
    const r = sensitivitySweep(fMonths, fs, groups, { ...idxGrid, growth: cuts }, fBase);
    expect(r.combinations).toBe(n * cuts.length);
    let bad = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < cuts.length; j++)
        for (let g = 0; g < 3; g++) {
          const code = r.patterns[(i * cuts.length + j) * 3 + g];
          const G = gv[i].G[g];
          const want = G === null ? SKIPPED : G > cuts[j] ? 1 : 0;
          if ((code === 0 ? 0 : code === SKIPPED ? SKIPPED : 1) !== want) bad++;
        }
    expect(bad).toBe(0);
  });
  it('V: the pattern at each high-volatility cut says whether V is above it, as seriesIndices computes V', () => {
    const gv = slowGV();
    const cuts = cutsAround(gv.flatMap((x) => x.V));
    const r = sensitivitySweep(
      fMonths,
      fs,
      groups,
      { ...idxGrid, volatilityHigh: cuts },
      { ...fBase, growth: -1e9, semiconductorRule: false, volatilityMedium: -1e9 },
    );
    let bad = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < cuts.length; j++)
        for (let g = 0; g < 3; g++) {
          const code = r.patterns[(i * cuts.length + j) * 3 + g];
          const V = gv[i].V[g];
          const want = V === null ? SKIPPED : V > cuts[j] ? 2 : 1;
          if (code !== want) bad++;
        }
    expect(bad).toBe(0);
  });
});
