import { describe, expect, it } from 'vitest';
import { monthSequence } from '../../../lib/core/months.js';
import { seriesIndices } from '../../../lib/steps/indices.js';
import { groupPath, seasonalFactors, solveSigma, syntheticMonths } from '../../../lib/synthetic/paths.js';
import { syntheticRng } from '../../../lib/synthetic/rng.js';
import { SYNTHETIC_GROUP_SHAPES, type SyntheticGroupShape } from '../../../lib/synthetic/shapes.js';
import { naiveV } from '../../helpers/naive-indices.js';

const MONTHS = syntheticMonths('2015-01', '2025-06');
const shape = (id: number): SyntheticGroupShape => SYNTHETIC_GROUP_SHAPES.find((s) => s.groupId === id)!;
const normals = (seed: number): Float64Array => {
  const r = syntheticRng(seed);
  return Float64Array.from(MONTHS, () => r.normal());
};
const yearSum = (x: Float64Array, year: number): number =>
  MONTHS.reduce((a, m, i) => (m.startsWith(String(year)) ? a + x[i] : a), 0);

describe('syntheticMonths', () => {
  it('is the core month sequence, inclusive', () => {
    expect(MONTHS.length).toBe(126);
    expect(MONTHS).toEqual(monthSequence('2015-01', 126));
    expect(syntheticMonths('2024-12', '2024-12')).toEqual(['2024-12']);
  });
  it('rejects a reversed range, naming itself, and a malformed month', () => {
    expect(() => syntheticMonths('2016-01', '2015-12')).toThrow(
      'syntheticMonths: end 2015-12 is before start (got "2016-01")',
    );
    expect(() => syntheticMonths('2015-00', '2015-12')).toThrow(/month must be YYYY-MM .*\(got "2015-00"\)/);
  });
  it('lists months inclusive, across a year end', () => {
    expect(syntheticMonths('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(MONTHS.length).toBe(126);
  });
  it('rejects malformed or reversed months', () => {
    expect(() => syntheticMonths('2015-13', '2016-01')).toThrow(/YYYY-MM/);
    expect(() => syntheticMonths('2016-01', '2015-01')).toThrow(/before start/);
  });
});

describe('seasonalFactors', () => {
  it('a February CNY: a quarter of the dip in January, the full 20 % in February, mean 1', () => {
    // 2016: CNY on 8 February → raw factors 0.95, 0.8, then 1; divided by their mean 11.75 / 12
    const f = seasonalFactors(2016, 1);
    expect(f[0]).toBeCloseTo((0.95 * 12) / 11.75, 14);
    expect(f[1]).toBeCloseTo((0.8 * 12) / 11.75, 14);
    expect(f[5]).toBeCloseTo(12 / 11.75, 14);
    expect(f.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 12);
  });
  it('a late-January CNY: 0.8 of the dip in January, 0.6 in February', () => {
    // 2020: CNY on 25 January → raw 0.84, 0.88, then 1 (sum 11.72)
    const f = seasonalFactors(2020, 1);
    expect(f[0]).toBeCloseTo((0.84 * 12) / 11.72, 14);
    expect(f[1]).toBeCloseTo((0.88 * 12) / 11.72, 14);
  });
  it('scales with the amplitude', () => {
    expect(seasonalFactors(2016, 0)).toEqual(new Array(12).fill(1));
    expect(seasonalFactors(2016, 0.5)[1]).toBeCloseTo((0.9 * 12) / 11.875, 14);
  });
});

describe('groupPath', () => {
  const s5 = shape(5); // steady growth, levels 1 … 2.3
  it('each calendar year sums to scale × its level (2025: half a year)', () => {
    const p = groupPath(s5, s5.levels, 1200, 0.2, normals(3), MONTHS);
    expect(yearSum(p, 2015)).toBeCloseTo(1200, 8);
    expect(yearSum(p, 2016)).toBeCloseTo(1200 * 1.13, 8);
    expect(yearSum(p, 2024)).toBeCloseTo(1200 * 2.17, 8);
    expect(yearSum(p, 2025)).toBeCloseTo(1200 * 2.3 * 0.5, 8);
    for (const v of p) expect(v).toBeGreaterThan(0);
  });
  it('pins the first month to its noise-free share of 2015, whatever the noise draws', () => {
    const quiet = groupPath(s5, s5.levels, 1200, 0, new Float64Array(MONTHS.length), MONTHS);
    const a = groupPath(s5, s5.levels, 1200, 0.3, normals(1), MONTHS);
    const b = groupPath(s5, s5.levels, 1200, 0.3, normals(2), MONTHS);
    expect(a[0]).toBeCloseTo(quiet[0], 10);
    expect(b[0]).toBeCloseTo(quiet[0], 10);
    expect(a[1]).not.toBeCloseTo(b[1], 3);
  });
  it('a surge multiplies its months before the annual rescale', () => {
    const flat: SyntheticGroupShape = { ...s5, levels: new Array(11).fill(1), seasonality: 0, surges: [] };
    const surged: SyntheticGroupShape = { ...flat, surges: [{ from: '2020-03', months: 2, factor: 2 }] };
    const zero = new Float64Array(MONTHS.length);
    const p = groupPath(surged, surged.levels, 1400, 0, zero, MONTHS);
    const i = MONTHS.indexOf('2020-03');
    // 2020: ten months of weight 1 and two of weight 2 share 1400 → 100 and 200
    expect(p[i - 1]).toBeCloseTo(100, 10);
    expect(p[i]).toBeCloseTo(200, 10);
    expect(p[i + 1]).toBeCloseTo(200, 10);
    expect(p[i + 2]).toBeCloseTo(100, 10);
    expect(groupPath(flat, flat.levels, 1400, 0, zero, MONTHS)[i]).toBeCloseTo(1400 / 12, 10);
  });
  it('rejects a surge outside the months, naming itself and the month', () => {
    const bad: SyntheticGroupShape = { ...s5, surges: [{ from: '2030-01', months: 2, factor: 2 }] };
    expect(() => groupPath(bad, bad.levels, 1, 0, normals(1), MONTHS)).toThrow(
      'groupPath: group 5: surge month outside the period (got "2030-01")',
    );
  });
});

describe('solveSigma', () => {
  const s5 = shape(5);
  const eps = normals(7);
  it('finds the σ whose path has the target V (SD n − 1 / mean over 2015-01..2024-12)', () => {
    const sigma = solveSigma(s5, s5.levels, 1e9, eps, MONTHS, 0.262);
    expect(sigma).toBeGreaterThan(0.001);
    expect(sigma).toBeLessThan(1);
    expect(Math.round(sigma * 1e6) / 1e6).toBe(sigma);
    const p = groupPath(s5, s5.levels, 1e9, sigma, eps, MONTHS);
    expect(naiveV(p)).toBeCloseTo(0.262, 5);
    expect(seriesIndices(p, MONTHS).V).toBeCloseTo(naiveV(p), 12);
  });
  it('a higher target needs more noise', () => {
    expect(solveSigma(s5, s5.levels, 1e9, eps, MONTHS, 0.3)).toBeGreaterThan(
      solveSigma(s5, s5.levels, 1e9, eps, MONTHS, 0.262),
    );
  });
  it('returns the lower end when the trend alone overshoots; rejects an unreachable target', () => {
    expect(solveSigma(s5, s5.levels, 1e9, eps, MONTHS, 0.01)).toBe(0.001);
    expect(() => solveSigma(s5, s5.levels, 1e9, eps, MONTHS, 5)).toThrow(
      'solveSigma: group 5: target volatility unreachable (got 5)',
    );
  });
});
