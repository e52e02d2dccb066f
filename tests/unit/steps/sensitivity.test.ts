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
