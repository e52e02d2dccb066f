/** The control comparison (lib/steps/controls.ts) on hand-built economies: indices, China's position, the verdict rule, the placebo. */
import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../../lib/io/data.js';
import {
  chinaPosition,
  controlIndices,
  controlVerdicts,
  economyOfRun,
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

describe('economyOfRun: the group series of a study run', () => {
  const groupPanel = { months: ['2015-01', '2015-02'], codes: ['Polymers'], values: [Float64Array.of(1, 2)] };
  it('named China by default; no combined years when the source has no janFeb', () => {
    expect(economyOfRun({ groupPanel, panel: { source: {} }, sourceNote: 'SYNTHETIC' })).toEqual({
      economy: 'China',
      months: ['2015-01', '2015-02'],
      codes: ['Polymers'],
      values: [Float64Array.of(1, 2)],
      source: 'SYNTHETIC',
      janFebYears: undefined,
    });
  });
  it("another name, and the source's combined years", () => {
    const run = { groupPanel, panel: { source: { janFeb: { years: [2020, 2021] } } }, sourceNote: 'imported' };
    expect(economyOfRun(run, 'KOR')).toMatchObject({ economy: 'KOR', source: 'imported', janFebYears: [2020, 2021] });
  });
});

describe('controlIndices: what reaches the index step, what is left out, joint groups', () => {
  const groups = loadGroups();
  const months = Array.from(
    { length: 120 },
    (_, t) => `${2015 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`,
  );
  // flat 100, January 2020 (month 60) empty and February 2020 100: combined only when the data say 2020 is
  const flatWithEmptyJan2020 = Float64Array.from(months, (_, t) => (t === 60 ? NaN : 100));
  const econ = (codes: string[], values: Float64Array[], janFebYears?: number[]): EconomySeries => ({
    economy: 'X',
    months,
    codes,
    values,
    source: 'test',
    ...(janFebYears ? { janFebYears } : {}),
  });
  it("the economy's combined January–February years reach the janFeb treatment", () => {
    const choices = { janFeb: 'error' as const, missing: 'interpolate' as const };
    expect(() => controlIndices([econ(['Polymers'], [flatWithEmptyJan2020], [2020])], groups, choices)).toThrow(
      "treatJanFebSeries: Polymers: January and February are combined in 2020 (janFeb 'error'; choose 'split-share', 'split-even' or 'merge') (got 2020)",
    );
    // not known as combined: the empty January is a missing month, interpolated (flat: G = V = 0)
    expect(
      controlIndices([econ(['Polymers'], [flatWithEmptyJan2020])], groups, choices).map((r) => [r.group_id, r.G, r.V]),
    ).toEqual([[12, 0, 0]]);
  });
  it('a group whose indices cannot be computed (zero base, skipped) is left out', () => {
    const zeroFirst = Float64Array.from(months, (_, t) => (t === 0 ? 0 : 100));
    const rows = controlIndices(
      [econ(['Medicaments', 'Polymers'], [zeroFirst, Float64Array.from(months, () => 100)])],
      groups,
      {
        zeroBase: 'skip-series',
      },
    );
    expect(rows.map((r) => r.group_id)).toEqual([12]);
  });
  it('a joint group (HS6 data) keeps the Table-1 groups it stands for', () => {
    const joint = {
      group_id: 100,
      group: 'Joint',
      matrixLabel: 'Joint',
      category: 'capital goods',
      semiconductor: false,
      members: [3, 4],
    };
    const rows = controlIndices(
      [econ(['Joint', 'Polymers'], [Float64Array.from(months, () => 100), Float64Array.from(months, () => 100)])],
      [...groups, joint],
    );
    expect(rows.map((r) => [r.group_id, r.members])).toEqual([
      [100, [3, 4]],
      [12, undefined],
    ]);
    expect('members' in rows[1]).toBe(false);
  });
  it('a group not in the group table: the exact message', () => {
    expect(() => controlIndices([econ(['Not a group'], [Float64Array.from(months, () => 1)])], groups)).toThrow(
      'controlIndices: group of X not in the group table (got "Not a group")',
    );
  });
});

describe('chinaPosition: medians of unsorted controls, ranks with ties, groups without controls', () => {
  // group 1: China G 0.5, V 0.3; controls in the order X, Z, Y: G 0.9, 0.1, 0.5 and V 0.1, 0.6, 0.3 (Y ties China in both)
  // group 2: China and one control; group 3: China alone (left out). China's rows come as groups 2, 3, 1.
  const rows = [
    row('China', 2, 0.2, 0.2, LL),
    row('W', 2, 0.4, 0.1, LL),
    row('China', 3, 0.7, 0.7, HH),
    row('China', 1, 0.5, 0.3, LL),
    row('X', 1, 0.9, 0.1, LL),
    row('Z', 1, 0.1, 0.6, LL),
    row('Y', 1, 0.5, 0.3, LL),
  ];
  it('by hand', () => {
    expect(chinaPosition(rows)).toEqual([
      {
        group_id: 1,
        group: 'g1',
        china_G: 0.5,
        china_V: 0.3,
        controls_G_median: 0.5,
        controls_G_min: 0.1,
        controls_G_max: 0.9,
        controls_V_median: 0.3,
        controls_V_min: 0.1,
        controls_V_max: 0.6,
        // only X grows faster (Y's equal G does not count): rank 2; only Z is more volatile: rank 2
        rank_G: 2,
        rank_V: 2,
        economies: 4,
      },
      {
        group_id: 2,
        group: 'g2',
        china_G: 0.2,
        china_V: 0.2,
        controls_G_median: 0.4,
        controls_G_min: 0.4,
        controls_G_max: 0.4,
        controls_V_median: 0.1,
        controls_V_min: 0.1,
        controls_V_max: 0.1,
        rank_G: 2,
        rank_V: 1,
        economies: 2,
      },
    ]);
  });
  it('no rows of China: the exact message', () => {
    expect(() => chinaPosition(rows, 'PRC')).toThrow('chinaPosition: no rows of China (got "PRC")');
  });
});

describe('controlVerdicts: the rule at its bounds', () => {
  // China's rows come as groups 3, 4, 1, 2; group 4 has no control (left out)
  const rows = [
    row('China', 3, 0.1, 0.1, LL),
    row('X', 3, 0.2, 0.1, LL),
    row('Y', 3, 0.9, 0.4, HH),
    row('China', 4, 0.9, 0.4, HH),
    row('China', 1, 0.9, 0.4, HH),
    row('X', 1, 0.8, 0.35, HH),
    row('Y', 1, 0.7, 0.5, HH),
    row('China', 2, 0.9, 0.4, HH),
    row('X', 2, 0.1, 0.1, LL),
    row('Y', 2, 0.2, 0.2, LL),
  ];
  it('specific 0 and shared 1 are allowed: 0 of 2 is China-specific, 2 of 2 shared, 1 of 2 mixed; sorted by group', () => {
    expect(
      controlVerdicts(rows, 'China', { shared: 1, specific: 0 }).map((v) => [v.group_id, v.share, v.verdict]),
    ).toEqual([
      [1, 1, 'shared with the controls'],
      [2, 0, 'China-specific'],
      [3, 0.5, 'mixed'],
    ]);
  });
  it('a share equal to specific is China-specific', () => {
    expect(controlVerdicts(rows, 'China', { shared: 0.75, specific: 0.5 }).map((v) => v.verdict)).toEqual([
      'shared with the controls',
      'China-specific',
      'China-specific',
    ]);
  });
  it('rejects specific < 0, shared > 1 and specific = shared, with the exact message', () => {
    const msg = 'controlVerdicts: the rule needs 0 ≤ specific < shared ≤ 1';
    expect(() => controlVerdicts(rows, 'China', { shared: 0.5, specific: -0.1 })).toThrow(
      `${msg} (got {"shared":0.5,"specific":-0.1})`,
    );
    expect(() => controlVerdicts(rows, 'China', { shared: 1.5, specific: 0.2 })).toThrow(
      `${msg} (got {"shared":1.5,"specific":0.2})`,
    );
    expect(() => controlVerdicts(rows, 'China', { shared: 0.3, specific: 0.3 })).toThrow(
      `${msg} (got {"shared":0.3,"specific":0.3})`,
    );
  });
});

describe('placeboPartitions: each economy on its own rows; joint groups not comparable', () => {
  const published = [
    { group_id: 3, growth: 'high', volatility: 'high', pattern: 'stockpiling' },
    { group_id: 4, growth: 'low', volatility: 'low', pattern: 'substitution' },
    { group_id: 12, growth: 'low', volatility: 'low', pattern: 'substitution' },
  ] as const;
  it('X agrees on Polymers, Y does not; Z has a joint group for 3 and 4, which leaves 1 comparable group', () => {
    const rows: ControlIndexRow[] = [
      { ...row('X', 12, 0.1, 0.1, LL), pattern: 'substitution' },
      { ...row('Y', 12, 0.9, 0.4, HH), pattern: 'stockpiling' },
      { ...row('Z', 100, 0.1, 0.1, LL), pattern: 'substitution', members: [3, 4] },
    ];
    expect(placeboPartitions(rows, [...published])).toEqual([
      { economy: 'X', position: 1, pattern: 1, of: 3 },
      { economy: 'Y', position: 0, pattern: 0, of: 3 },
      { economy: 'Z', position: 0, pattern: 0, of: 1 },
    ]);
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
