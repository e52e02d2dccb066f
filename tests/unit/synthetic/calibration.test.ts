import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../../lib/io/data.js';
import { loadGdp } from '../../../lib/io/published.js';
import { SYNTHETIC_DEFAULT_CALIBRATION, calibrateShapes } from '../../../lib/synthetic/calibration.js';
import { SYNTHETIC_GROUP_SHAPES, type SyntheticGroupShape } from '../../../lib/synthetic/shapes.js';

const gdp = new Map(loadGdp().map((r) => [r.year, r.gdp_usd]));
const groups = loadGroups();
const shape = (id: number): SyntheticGroupShape => SYNTHETIC_GROUP_SHAPES.find((s) => s.groupId === id)!;
const c = calibrateShapes(SYNTHETIC_GROUP_SHAPES, groups, gdp);
const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe('SYNTHETIC_DEFAULT_CALIBRATION', () => {
  it('declines geometrically 2015 → 2023 between the published endpoints, then the published 2024 value', () => {
    const cap = SYNTHETIC_DEFAULT_CALIBRATION.capitalAdjustedPath;
    expect([cap[2015], cap[2023], cap[2024]]).toEqual([2.06, 1.24, 1.27]);
    // 2019 is halfway: √(2.06 × 1.24) = 1.5982…, rounded to 4 decimals
    expect(cap[2019]).toBe(1.5982);
    const int = SYNTHETIC_DEFAULT_CALIBRATION.intermediateAdjustedPath;
    expect([int[2015], int[2019], int[2023], int[2024]]).toEqual([6.4, 5.7578, 5.18, 5.26]);
  });
});

describe('calibrateShapes', () => {
  it('finds the semiconductor groups in the groups table', () => {
    expect(c.semiCapitalGroups).toEqual([1, 3, 6, 8, 11]);
    expect(c.semiIntermediateGroups).toEqual([2]);
    expect(c.warnings).toEqual([]);
  });
  it('ICs: scale = 1.85 % of 2015 GDP, levels follow the share-of-GDP path, 2025 held at 2024', () => {
    const path = SYNTHETIC_DEFAULT_CALIBRATION.semiIntermediatePath;
    expect(rel(c.scale.get(2)!, 0.0185 * gdp.get(2015)!)).toBeLessThan(1e-14);
    const lv = c.levels.get(2)!;
    expect(lv.length).toBe(11);
    for (let y = 2015; y <= 2024; y++)
      expect(rel(lv[y - 2015], (path[y] * gdp.get(y)!) / (path[2015] * gdp.get(2015)!))).toBeLessThan(1e-14);
    expect(lv[10]).toBe(lv[9]);
  });
  it('semiconductor capital: 0.09 % of GDP in 2015 and 0.16 % in 2024, split by the shapes’ fractions', () => {
    const cap = c.semiCapitalGroups;
    const total = (k: number) => cap.reduce((a, g) => a + c.scale.get(g)! * c.levels.get(g)![k], 0);
    expect(rel(total(0), 0.0009 * gdp.get(2015)!)).toBeLessThan(1e-12);
    expect(rel(total(9), 0.0016 * gdp.get(2024)!)).toBeLessThan(1e-12);
    expect(rel(c.scale.get(6)!, 0.15 * 0.0009 * gdp.get(2015)!)).toBeLessThan(1e-14);
  });
  it('only the high-growth capital groups’ 2024–25 levels take the common factor', () => {
    const k = c.semiCapital2024LevelFactor;
    expect(c.levels.get(1)).toEqual(shape(1).levels); // group 1 is low growth
    const l3 = c.levels.get(3)!;
    expect(l3.slice(0, 9)).toEqual(shape(3).levels.slice(0, 9));
    expect(l3[9]).toBe(shape(3).levels[9] * k);
    expect(l3[10]).toBe(shape(3).levels[10] * k);
  });
  it('leaves the other groups as designed', () => {
    expect(c.levels.get(5)).toEqual(shape(5).levels);
    expect(c.scale.get(5)).toBe(2.5e9);
    expect([...c.levels.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });
  it('rejects inconsistent inputs, naming itself and the value', () => {
    const shapes = SYNTHETIC_GROUP_SHAPES.map((s) =>
      s.groupId === 1 ? { ...s, calibration: { kind: 'semiconductor capital' as const, capitalFraction2015: 0.4 } } : s,
    );
    expect(() => calibrateShapes(shapes, groups, gdp)).toThrow(
      /^calibrateShapes: semiconductor capital fractions must sum to 1 \(got 1\.1/,
    );
    const notSemi = groups.map((g) => (g.group_id === 3 ? { ...g, semiconductor: false } : g));
    expect(() => calibrateShapes(SYNTHETIC_GROUP_SHAPES, notSemi, gdp)).toThrow(
      'calibrateShapes: group 3 is calibrated as semiconductor capital but is not one in the groups table (got 3)',
    );
    expect(() => calibrateShapes(SYNTHETIC_GROUP_SHAPES, groups, new Map())).toThrow(
      'calibrateShapes: GDP lacks a year of 2015–2024 (got 2015)',
    );
    const flat = SYNTHETIC_GROUP_SHAPES.map((s) => (s.groupId === 5 ? { ...s, levels: [1, 1] } : s));
    expect(() => calibrateShapes(flat, groups, gdp)).toThrow(
      'calibrateShapes: group 5: levels must be 11 positive numbers (got [1, 1])',
    );
  });
});
