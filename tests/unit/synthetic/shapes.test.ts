import { describe, expect, it } from 'vitest';
import { loadPublished } from '../../../lib/io/published.js';
import { LEVEL_YEARS, SYNTHETIC_GROUP_SHAPES } from '../../../lib/synthetic/shapes.js';

describe('SYNTHETIC_GROUP_SHAPES', () => {
  it('one shape per group 1–17, each aimed at the published cell of its group', () => {
    expect(SYNTHETIC_GROUP_SHAPES.map((s) => s.groupId)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    const published = new Map(
      loadPublished().partition.map((r) => [r.group_id, { growth: r.growth, volatility: r.volatility }]),
    );
    for (const s of SYNTHETIC_GROUP_SHAPES) expect([s.groupId, s.cell]).toEqual([s.groupId, published.get(s.groupId)]);
  });
  it('levels: one per year 2015–2025 starting at 1, except the IC group (calibrated, levels left empty)', () => {
    expect(LEVEL_YEARS).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    for (const s of SYNTHETIC_GROUP_SHAPES) {
      if (s.calibration?.kind === 'semiconductor intermediate') {
        expect(s.levels).toEqual([]);
        continue;
      }
      expect(s.levels.length).toBe(LEVEL_YEARS.length);
      expect(s.levels[0]).toBe(1);
    }
  });
  it('high-volatility groups fix σ; the others name a target V inside their band', () => {
    for (const s of SYNTHETIC_GROUP_SHAPES) {
      if (s.cell.volatility === 'high') {
        expect([s.groupId, s.targetV]).toEqual([s.groupId, null]);
        expect(s.noiseSigma).toBeGreaterThan(0);
      } else if (s.cell.volatility === 'medium') {
        expect(s.targetV).toBeGreaterThanOrEqual(0.24);
        expect(s.targetV).toBeLessThanOrEqual(0.3);
      } else expect(s.targetV).toBeLessThan(0.24);
    }
  });
  it('the semiconductor capital fractions sum to 1', () => {
    const f = SYNTHETIC_GROUP_SHAPES.reduce(
      (a, s) => a + (s.calibration?.kind === 'semiconductor capital' ? s.calibration.capitalFraction2015 : 0),
      0,
    );
    expect(f).toBeCloseTo(1, 12);
  });
});
