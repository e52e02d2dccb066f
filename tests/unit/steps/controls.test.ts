/** The control comparison (lib/steps/controls.ts) on hand-built economies: indices, China's position, the verdict rule, the placebo. */
import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../../lib/io/data.js';
import {
  chinaPosition,
  controlIndices,
  controlVerdicts,
  placeboPartitions,
  type ControlIndexRow,
  type EconomySeries,
} from '../../../lib/steps/controls.js';
import { benchEconomies } from '../../../bench/controls.js';

const row = (economy: string, group_id: number, G: number, V: number, cell: string): ControlIndexRow => ({
  economy,
  group_id,
  group: `g${group_id}`,
  G,
  V,
  cell,
  pattern: '',
});
const HH = 'high growth, high volatility';
const LL = 'low growth, low volatility';

describe('controlVerdicts: a hand-built three-economy example', () => {
  // group 1: both controls in China's cell (2/2 = 1 ≥ 0.5) → shared; group 2: neither (0 ≤ 0.2) → China-specific;
  // group 3: one of two (0.5) → shared at the default rule, mixed when shared needs 0.75
  const rows = [
    row('China', 1, 0.9, 0.4, HH),
    row('X', 1, 0.8, 0.35, HH),
    row('Y', 1, 0.7, 0.5, HH),
    row('China', 2, 0.9, 0.4, HH),
    row('X', 2, 0.1, 0.1, LL),
    row('Y', 2, 0.2, 0.2, LL),
    row('China', 3, 0.1, 0.1, LL),
    row('X', 3, 0.2, 0.1, LL),
    row('Y', 3, 0.9, 0.4, HH),
  ];
  it('shared, China-specific, shared (default rule) / mixed (stricter rule)', () => {
    expect(controlVerdicts(rows).map((v) => [v.group_id, v.same, v.of, v.verdict])).toEqual([
      [1, 2, 2, 'shared with the controls'],
      [2, 0, 2, 'China-specific'],
      [3, 1, 2, 'shared with the controls'],
    ]);
    expect(controlVerdicts(rows, 'China', { shared: 0.75, specific: 0.2 }).map((v) => v.verdict)).toEqual([
      'shared with the controls',
      'China-specific',
      'mixed',
    ]);
    expect(() => controlVerdicts(rows, 'China', { shared: 0.2, specific: 0.5 })).toThrow(/0 ≤ specific < shared ≤ 1/);
  });
  it("China's position: medians, ranges and ranks by hand", () => {
    const p = chinaPosition(rows);
    // group 2: controls G 0.1, 0.2 → median 0.15; China 0.9 highest → rank 1; V 0.4 vs 0.1, 0.2 → rank 1
    expect(p[1].controls_G_median).toBeCloseTo(0.15, 12);
    expect(p[1]).toMatchObject({ controls_G_min: 0.1, controls_G_max: 0.2, rank_G: 1, rank_V: 1, economies: 3 });
    // group 1: G 0.9 vs 0.8, 0.7 → rank 1; V 0.4 vs 0.35, 0.5 → rank 2
    expect([p[0].rank_G, p[0].rank_V, p[0].controls_V_median]).toEqual([1, 2, 0.425]);
    expect(() => chinaPosition(rows.filter((r) => r.economy !== 'China'))).toThrow(/no rows of China/);
  });
});

describe('controlIndices and placeboPartitions on series', () => {
  const groups = loadGroups();
  const months = Array.from(
    { length: 120 },
    (_, t) => `${2015 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`,
  );
  const econ = (economy: string, f: (t: number) => number): EconomySeries => ({
    economy,
    months,
    codes: ['Polymers'],
    values: [Float64Array.from(months, (_, t) => f(t))],
    source: 'test',
  });
  it('a flat series is low growth, low volatility; the same series for two economies gives the same indices', () => {
    const rows = controlIndices([econ('China', () => 100), econ('X', () => 100)], groups);
    expect(rows.map((r) => [r.economy, r.group_id, r.G, r.V, r.cell])).toEqual([
      ['China', 12, 0, 0, LL],
      ['X', 12, 0, 0, LL],
    ]);
    // the published matrix puts Polymers (12) in low growth, low volatility, substitution
    expect(
      placeboPartitions(rows, [{ group_id: 12, growth: 'low', volatility: 'low', pattern: 'substitution' }]),
    ).toEqual([
      { economy: 'China', position: 1, pattern: 1, of: 1 },
      { economy: 'X', position: 1, pattern: 1, of: 1 },
    ]);
  });
  it('refuses a group not in the group table', () => {
    expect(() => controlIndices([{ ...econ('X', () => 1), codes: ['Not a group'] }], groups)).toThrow(
      /not in the group table/,
    );
  });
});

describe('speed (issue 25, part 6)', () => {
  it('the comparison of 8 economies × 17 groups under one setting: 136 rows, well under 50 ms (bound 250 ms on a shared machine)', () => {
    // China's SYNTHETIC teaching panel and 7 SYNTHETIC controls, as bench/controls.ts times them
    const { economies, groups } = benchEconomies(7);
    expect(economies).toHaveLength(8);
    controlIndices(economies, groups); // warm-up
    const ms: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      expect(controlIndices(economies, groups, { growth: 0.6, weights: 'uniform' })).toHaveLength(8 * 17);
      ms.push(performance.now() - t0);
    }
    const median = ms.sort((a, b) => a - b)[2];
    console.log(`controlIndices, 8 economies × 17 groups: median ${median.toFixed(1)} ms`);
    expect(median).toBeLessThan(250);
  });
});
