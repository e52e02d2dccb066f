/** Step 5's macro adjustment (lib/steps/macro.ts): shares of GDP hand-computed (Table 1's rule, and each code's class on a two-class group), changes, the comparison with the published points, bad input; moving groups between classes (overrideGroups) and the macro table they give. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCodes, loadGroups } from '../../../lib/io/data.js';
import {
  annualGroupSums,
  changeBetween,
  compareMacro,
  macroLong,
  macroShares,
  macroTable,
  overrideGroups,
  pctChange,
  type EndUseTotal,
  type GroupAnnual,
  type MacroYear,
} from '../../../lib/steps/macro.js';
import type { GroupPanel } from '../../../lib/steps/grouping.js';
import type { Panel } from '../../../lib/core/types.js';
import { aggregatePanel } from '../../../lib/core/codes.js';
import { tempDir } from '../../helpers/temp.js';
import type { GroupInfo } from '../../../lib/steps/partition.js';
import { loadGdp, loadPublished } from '../../../lib/io/published.js';
import { loadPanel } from '../../../lib/io/panel.js';

const groups: GroupInfo[] = loadGroups();
const semiCapitalIds = [1, 3, 6, 8, 11]; // semiconductor groups printed as capital goods
const years = [2015, 2016, 2024];
const gdp = years.map((year) => ({ year, gdp_usd: 10_000 }));
const totals: EndUseTotal[] = years.flatMap((year, k) => [
  { year, end_use: 'capital' as const, value_usd: 300 - 50 * k },
  { year, end_use: 'intermediate' as const, value_usd: 900 },
  { year, end_use: 'consumption' as const, value_usd: 5000 },
]);
const groupRows: GroupAnnual[] = years.flatMap((year, k) => [
  ...semiCapitalIds.map((group_id) => ({ year, group_id, value_usd: 2 + k })),
  { year, group_id: 2, value_usd: 100 + 10 * k }, // ICs
  { year, group_id: 4, value_usd: 777 }, // not semiconductor: ignored
]);

describe("macroShares, rule 'table1' (hand-computed)", () => {
  const rows = macroShares(totals, groupRows, groups, gdp, { subtract: 'table1' });
  it('2015: capital 300, semi capital 5·2 = 10 → adjusted 290 = 2.90 % of 10,000; intermediates 900 − 100 = 800 → 8 %', () => {
    const r = rows[0];
    expect(r.semi_capital_usd).toBe(10);
    expect(r.semi_intermediate_usd).toBe(100);
    expect(r.capital_adjusted_pct).toBeCloseTo(2.9, 12);
    expect(r.intermediate_adjusted_pct).toBeCloseTo(8, 12);
    expect(r.both_adjusted_pct).toBeCloseTo(10.9, 12);
    expect(r.semi_capital_pct).toBeCloseTo(0.1, 12);
    expect(r.capital_pct).toBeCloseTo(3, 12);
  });
  it('2024 (k = 2): capital 200 − 5·4 = 180 → 1.8 %; ICs 120 → intermediates adjusted 7.8 %', () => {
    const r = rows.find((x) => x.year === 2024)!;
    expect(r.capital_adjusted_pct).toBeCloseTo(1.8, 12);
    expect(r.intermediate_adjusted_pct).toBeCloseTo(7.8, 12);
  });
  it('percentage change and percentage-point change', () => {
    // (1.8 − 2.9) / 2.9 = −37.93 %; −1.1 pp
    const c = changeBetween(rows, 'capital goods, adjusted', 2015, 2024);
    expect(c.pct_change).toBeCloseTo(-37.931034, 5);
    expect(c.pp_change).toBeCloseTo(-1.1, 12);
    expect(pctChange(2.06, 1.27)).toBeCloseTo(-38.3495, 4);
    expect(() => pctChange(0, 1)).toThrow(/^pctChange: change from zero is undefined/);
    expect(() => changeBetween(rows, 'nonsense', 2015, 2024)).toThrow(/changeBetween: unknown series/);
  });
  it('long form', () => {
    const long = macroLong(rows);
    expect(long.filter((r) => r.year === 2015)).toHaveLength(7);
    const row = long.find((r) => r.year === 2015 && r.series === 'capital goods, adjusted')!;
    expect(row.value_usd).toBe(290);
    expect(row.share_pct).toBeCloseTo(2.9, 12);
  });
  it('compareMacro: differences in percentage points; an unstated peak year uses our interior maximum', () => {
    const cmp = compareMacro(rows, [
      { series: 'capital goods, adjusted', year: 2015, value_pct_gdp: 2.06 },
      { series: 'semiconductor intermediates', year: null, value_pct_gdp: 2.12 },
    ]);
    expect(cmp[0].diff_pp).toBeCloseTo(2.9 - 2.06, 12);
    expect(cmp[1].ours_year).toBe(2016);
    expect(cmp[1].ours_pct).toBeCloseTo(1.1, 12);
    expect(() => compareMacro(rows, [{ series: 'capital goods, adjusted', year: 2019, value_pct_gdp: 1 }])).toThrow(
      /compareMacro: published year 2019/,
    );
  });
  it('works with the real GDP table and the published points (shape only)', () => {
    const pub = loadPublished().macro.filter((m) => m.series !== 'semiconductor intermediates' || m.year !== null);
    const g = loadGdp();
    const ys = [2015, 2024];
    const t: EndUseTotal[] = ys.flatMap((year) => [
      { year, end_use: 'capital' as const, value_usd: 1e11 },
      { year, end_use: 'intermediate' as const, value_usd: 1e12 },
    ]);
    const ga: GroupAnnual[] = ys.flatMap((year) =>
      [...semiCapitalIds, 2].map((group_id) => ({ year, group_id, value_usd: 1e9 })),
    );
    const cmp = compareMacro(macroShares(t, ga, groups, g, { subtract: 'table1' }), pub);
    expect(cmp).toHaveLength(pub.length);
    for (const c of cmp) expect(Number.isFinite(c.diff_pp)).toBe(true);
  });
});

describe('the series names of the macro table', () => {
  it('each name reads its own field; "rest of …" is the adjusted series of its class', () => {
    // a hand-made row whose fields are 1..7: the series' value says which field it read
    const row = (year: number, k: number): MacroYear =>
      ({
        year,
        capital_pct: k,
        intermediate_pct: 2 * k,
        semi_capital_pct: 3 * k,
        semi_intermediate_pct: 4 * k,
        capital_adjusted_pct: 5 * k,
        intermediate_adjusted_pct: 6 * k,
        both_adjusted_pct: 7 * k,
      }) as MacroYear;
    const rows = [row(2015, 1), row(2024, 2)];
    const read = (series: string): number => changeBetween(rows, series, 2015, 2024).from_pct;
    expect(
      [
        'capital goods',
        'intermediates',
        'semiconductor capital goods',
        'semiconductor intermediates',
        'capital goods, adjusted',
        'intermediates, adjusted',
        'both, adjusted',
        'rest of capital goods',
        'rest of intermediates',
      ].map(read),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 5, 6]);
    expect(() => read('capital')).toThrow(
      'changeBetween: unknown series (known: capital goods, intermediates, semiconductor capital goods, semiconductor intermediates, capital goods, adjusted, intermediates, adjusted, both, adjusted, rest of capital goods, rest of intermediates) (got "capital")',
    );
  });
});

describe('macroShares bad input', () => {
  const T1 = { subtract: 'table1' as const };
  it('missing GDP, totals, group-years; inconsistent inputs', () => {
    expect(() => macroShares(totals, groupRows, groups, gdp.slice(1), T1)).toThrow(
      /macroShares: no GDP for year \(got 2015\)/,
    );
    expect(() =>
      macroShares(
        totals.filter((t) => !(t.year === 2016 && t.end_use === 'capital')),
        groupRows,
        groups,
        gdp,
        T1,
      ),
    ).toThrow(/no capital-goods total for year \(got 2016\)/);
    const noIcs2016 = groupRows.filter((r) => !(r.year === 2016 && r.group_id === 2));
    expect(() => macroShares(totals, noIcs2016, groups, gdp, T1)).toThrow(
      /no annual value for semiconductor group 2 in 2016/,
    );
    expect(
      macroShares(totals, noIcs2016, groups, gdp, { ...T1, missingGroupYear: 'zero' })[1].semi_intermediate_usd,
    ).toBe(0);
    const big = groupRows.map((r) => (r.group_id === 2 ? { ...r, value_usd: 5000 } : r));
    expect(() => macroShares(totals, big, groups, gdp, T1)).toThrow(
      /semiconductor intermediates exceed total intermediates/,
    );
    expect(() => macroShares([{ year: 2015, end_use: 'capital', value_usd: NaN }], groupRows, groups, gdp, T1)).toThrow(
      /macroShares: total of capital in 2015 must be a finite number/,
    );
    expect(() => macroShares(totals, groupRows, groups, [{ year: 2015, gdp_usd: 0 }], T1)).toThrow(
      /GDP of 2015 must be positive/,
    );
  });
  it("rule 'code-class' needs each row's end use; an unknown rule is an error", () => {
    expect(() => macroShares(totals, groupRows, groups, gdp)).toThrow(
      /semiSums: rule 'code-class' needs each code's end use: group 1 in 2015/,
    );
    expect(() => macroShares(totals, groupRows, groups, gdp, { subtract: 'bec' as never })).toThrow(
      /semiSums: unknown rule \(expected one of code-class, table1, none\)/,
    );
  });
});

describe("macroShares, rule 'code-class': a group with codes in two classes (hand-computed)", () => {
  // One year, GDP 10,000. Totals: capital 300, intermediate 900. Passive Components (group 1, printed as capital
  // goods) holds capacitors (BEC 41, capital) worth 6 and resistors (BEC 42, intermediate) worth 4; ICs (group 2) 100.
  const t: EndUseTotal[] = [
    { year: 2015, end_use: 'capital', value_usd: 300 },
    { year: 2015, end_use: 'intermediate', value_usd: 900 },
  ];
  const parts = [
    { year: 2015, group_id: 1, end_use: 'capital' as const, value_usd: 6 },
    { year: 2015, group_id: 1, end_use: 'intermediate' as const, value_usd: 4 },
    { year: 2015, group_id: 2, end_use: 'intermediate' as const, value_usd: 100 },
  ];
  const g = loadGroups().filter((x) => x.group_id <= 2);
  const g1 = [{ year: 2015, gdp_usd: 10_000 }];
  it('each code from its own class: capital 300 − 6 = 294 → 2.94 %; intermediates 900 − 4 − 100 = 796 → 7.96 %', () => {
    const r = macroShares(t, parts, g, g1)[0];
    expect(r.semi_capital_usd).toBe(6);
    expect(r.semi_intermediate_usd).toBe(104);
    expect(r.semi_neither_usd).toBe(0);
    expect(r.capital_adjusted_pct).toBeCloseTo(2.94, 12);
    expect(r.intermediate_adjusted_pct).toBeCloseTo(7.96, 12);
    expect(r.semi_capital_pct).toBeCloseTo(0.06, 12);
    expect(r.semi_intermediate_pct).toBeCloseTo(1.04, 12);
    expect(r.both_adjusted_pct).toBeCloseTo(10.9, 12); // the sum is the same under both rules
  });
  it("Table 1's rule takes the whole group from capital goods: 300 − 10 = 290 → 2.90 %; intermediates 800 → 8 %", () => {
    const r = macroShares(t, parts, g, g1, { subtract: 'table1' })[0];
    expect(r.semi_capital_usd).toBe(10);
    expect(r.semi_intermediate_usd).toBe(100);
    expect(r.capital_adjusted_pct).toBeCloseTo(2.9, 12);
    expect(r.intermediate_adjusted_pct).toBeCloseTo(8, 12);
  });
  it("'none' subtracts nothing; a consumption-class part is not subtracted and is counted apart", () => {
    const r = macroShares(t, parts, g, g1, { subtract: 'none' })[0];
    expect([r.semi_capital_usd, r.semi_intermediate_usd, r.capital_adjusted_pct]).toEqual([0, 0, 3]);
    const withConsumption = [...parts, { year: 2015, group_id: 1, end_use: 'consumption' as const, value_usd: 7 }];
    const c = macroShares(t, withConsumption, g, g1)[0];
    expect([c.semi_capital_usd, c.semi_intermediate_usd, c.semi_neither_usd]).toEqual([6, 104, 7]);
  });
  it('a category override puts the whole group in that class under every rule', () => {
    const moved = overrideGroups(g, { 1: 'intermediate' });
    const r = macroShares(t, parts, moved, g1)[0];
    expect([r.semi_capital_usd, r.semi_intermediate_usd]).toEqual([0, 110]);
  });
});

describe('overrideGroups', () => {
  const groups = loadGroups();
  it('moves a group to another category without changing the input', () => {
    const out = overrideGroups(groups, { 1: 'intermediate' });
    expect(out.find((g) => g.group_id === 1)!.category).toBe('intermediate');
    expect(groups.find((g) => g.group_id === 1)!.category).toBe('capital goods');
    expect(out.filter((g) => g.group_id !== 1)).toEqual(groups.filter((g) => g.group_id !== 1));
  });
  it("'not subtracted' clears the semiconductor flag", () => {
    expect(overrideGroups(groups, { 1: 'not subtracted' }).find((g) => g.group_id === 1)!.semiconductor).toBe(false);
  });
  it('rejects unknown ids and categories', () => {
    expect(() => overrideGroups(groups, { 99: 'intermediate' })).toThrow(/group id/);
    expect(() => overrideGroups(groups, { 1: 'capital' as never })).toThrow(/unknown category/);
  });
});

describe('macroTable', () => {
  const baseline = macroTable({ dataSource: 'synthetic' }).rows;
  it('with the unchanged groups equals macroTable', () => {
    expect(macroTable({ groups: loadGroups() }).rows).toEqual(baseline);
  });
  it('moving Passive Components to intermediates shifts its value from one adjusted class to the other, year by year', () => {
    const moved = macroTable({ groups: overrideGroups(loadGroups(), { 1: 'intermediate' }) }).rows;
    moved.forEach((r, k) => {
      const b = baseline[k];
      const shift = b.semi_capital_usd - r.semi_capital_usd; // Passive Components' annual imports
      expect(shift).toBeGreaterThan(0);
      expect(r.semi_intermediate_usd - b.semi_intermediate_usd).toBeCloseTo(shift, 0);
      expect(r.capital_adjusted_usd - b.capital_adjusted_usd).toBeCloseTo(shift, 0);
      expect(r.both_adjusted_usd).toBeCloseTo(b.both_adjusted_usd, 0);
    });
  });
  it("'not subtracted' under Table 1's rule raises adjusted capital and leaves adjusted intermediates as they were", () => {
    const t1 = macroTable({ subtract: 'table1' }).rows;
    const kept = macroTable({ groups: overrideGroups(loadGroups(), { 1: 'not subtracted' }), subtract: 'table1' }).rows;
    kept.forEach((r, k) => {
      expect(r.capital_adjusted_pct).toBeGreaterThan(t1[k].capital_adjusted_pct);
      expect(r.intermediate_adjusted_pct).toBeCloseTo(t1[k].intermediate_adjusted_pct, 10);
    });
  });
  it("'not subtracted' under each code's class puts back the capacitors in capital goods and the resistors in intermediates", () => {
    const kept = macroTable({ groups: overrideGroups(loadGroups(), { 1: 'not subtracted' }) }).rows;
    const parts = macroTable().parts;
    kept.forEach((r, k) => {
      const b = baseline[k];
      const of = (end_use: string) =>
        parts.find((p) => p.year === r.year && p.group_id === 1 && p.end_use === end_use)!.value_usd;
      expect(r.capital_adjusted_usd - b.capital_adjusted_usd).toBeCloseTo(of('capital'), 0);
      expect(r.intermediate_adjusted_usd - b.intermediate_adjusted_usd).toBeCloseTo(of('intermediate'), 0);
    });
  });
  it("each code's class moves exactly the BEC-42 lines of the capital groups (resistors 853321xx, 84869091) from capital to intermediates", () => {
    const t1 = macroTable({ subtract: 'table1' }).rows;
    const panel = loadPanel({ source: 'synthetic' });
    const lines = ['85332110', '85332190', '84869091'];
    baseline.forEach((r, k) => {
      // those three lines' annual sum, straight from the panel (a combined January–February is one value in February)
      let moved = 0;
      for (const c of lines) {
        const i = panel.codes.indexOf(c);
        panel.months.forEach((m, t) => {
          if (Number(m.slice(0, 4)) === r.year && !Number.isNaN(panel.values[i][t])) moved += panel.values[i][t];
        });
      }
      expect(t1[k].semi_capital_usd - r.semi_capital_usd).toBeCloseTo(moved, 0);
      expect(r.semi_intermediate_usd - t1[k].semi_intermediate_usd).toBeCloseTo(moved, 0);
      expect(r.both_adjusted_usd).toBeCloseTo(t1[k].both_adjusted_usd, 0);
    });
    const noParts = macroTable({ excludeCodes: ['84869091'] }).rows;
    expect(noParts[0].capital_adjusted_usd).toBe(baseline[0].capital_adjusted_usd);
    expect(noParts[0].intermediate_adjusted_usd).toBeGreaterThan(baseline[0].intermediate_adjusted_usd);
  });
  it('a semiconductor group moved to consumption goods is an error (no class to subtract from)', () => {
    expect(() => macroTable({ groups: overrideGroups(loadGroups(), { 1: 'consumption goods' }) })).toThrow(
      /no end-use class/,
    );
  });
});

describe('macroShares: every bad input named with its value, hand-made one-year tables', () => {
  const g2 = [
    { group_id: 1, category: 'capital goods', semiconductor: true },
    { group_id: 2, category: 'intermediate', semiconductor: true },
  ];
  const t15: EndUseTotal[] = [
    { year: 2015, end_use: 'capital', value_usd: 300 },
    { year: 2015, end_use: 'intermediate', value_usd: 900 },
  ];
  const ga15: GroupAnnual[] = [
    { year: 2015, group_id: 1, value_usd: 10 },
    { year: 2015, group_id: 2, value_usd: 100 },
  ];
  const gdp15 = [{ year: 2015, gdp_usd: 10_000 }];
  const T1 = { subtract: 'table1' as const };
  it('a negative or repeated end-use total', () => {
    expect(() => macroShares([{ ...t15[0], value_usd: -1 }, t15[1]], ga15, g2, gdp15, T1)).toThrow(
      'macroShares: total of capital in 2015 is negative (got -1)',
    );
    expect(() => macroShares([...t15, t15[0]], ga15, g2, gdp15, T1)).toThrow(
      'macroShares: duplicate end-use total (got "2015|capital")',
    );
  });
  it('a GDP that is not a finite number', () => {
    expect(() => macroShares(t15, ga15, g2, [{ year: 2015, gdp_usd: NaN }], T1)).toThrow(
      'macroShares: GDP of 2015 must be a finite number (got NaN)',
    );
  });
  it('a group value that is not finite or negative; a zero group value is accepted', () => {
    expect(() => macroShares(t15, [{ ...ga15[0], value_usd: NaN }, ga15[1]], g2, gdp15, T1)).toThrow(
      'macroShares: group 1 in 2015 must be a finite number (got NaN)',
    );
    expect(() => macroShares(t15, [{ ...ga15[0], value_usd: -1 }, ga15[1]], g2, gdp15, T1)).toThrow(
      'macroShares: group 1 in 2015 is negative (got -1)',
    );
    const r = macroShares(t15, [{ ...ga15[0], value_usd: 0 }, ga15[1]], g2, gdp15, T1)[0];
    expect([r.semi_capital_usd, r.capital_adjusted_usd]).toEqual([0, 300]);
  });
  it('a repeated group-year, keyed with its end use (empty when the row has none)', () => {
    expect(() => macroShares(t15, [...ga15, ga15[0]], g2, gdp15, T1)).toThrow(
      'macroShares: duplicate group-year (got "2015|1|")',
    );
    const part = { year: 2015, group_id: 1, end_use: 'capital' as const, value_usd: 4 };
    expect(() => macroShares(t15, [part, part], g2, gdp15)).toThrow(
      'macroShares: duplicate group-year (got "2015|1|capital")',
    );
  });
  it('no years at all, or a year without its intermediate-goods total', () => {
    expect(() => macroShares([], [], g2, gdp15, T1)).toThrow('macroShares: no years to compute (got [])');
    expect(() => macroShares(t15, ga15, g2, gdp15, { ...T1, years: [] })).toThrow(
      'macroShares: no years to compute (got [])',
    );
    expect(() => macroShares([t15[0]], ga15, g2, gdp15, T1)).toThrow(
      'macroShares: no intermediate-goods total for year (got 2015)',
    );
  });
  it('semiconductor imports larger than their class total name both values', () => {
    expect(() => macroShares(t15, [{ ...ga15[0], value_usd: 400 }, ga15[1]], g2, gdp15, T1)).toThrow(
      'macroShares: semiconductor capital goods exceed total capital goods in 2015: inconsistent inputs (got [400, 300])',
    );
    expect(() => macroShares(t15, [ga15[0], { ...ga15[1], value_usd: 5000 }], g2, gdp15, T1)).toThrow(
      'macroShares: semiconductor intermediates exceed total intermediates in 2015: inconsistent inputs (got [5000, 900])',
    );
  });
  it('the default years are those of the totals, ascending, whatever their order', () => {
    const t = [2024, 2015, 2016].flatMap((year) => t15.map((r) => ({ ...r, year })));
    const ga = [2024, 2015, 2016].flatMap((year) => ga15.map((r) => ({ ...r, year })));
    const gd = [2016, 2024, 2015].map((year) => ({ year, gdp_usd: 10_000 }));
    expect(macroShares(t, ga, g2, gd, T1).map((r) => r.year)).toEqual([2015, 2016, 2024]);
  });
});

describe('pctChange and changeBetween: exact messages, any pair of years', () => {
  const rows = macroShares(totals, groupRows, groups, gdp, { subtract: 'table1' });
  it('pctChange names the argument that is not finite', () => {
    expect(() => pctChange(NaN, 1)).toThrow('pctChange: from must be a finite number (got NaN)');
    expect(() => pctChange(1, Infinity)).toThrow('pctChange: to must be a finite number (got Infinity)');
  });
  it('from a year that is not the first: 2016 (capital 250 − 15 = 235 → 2.35 %) to 2024 (1.8 %)', () => {
    const c = changeBetween(rows, 'capital goods, adjusted', 2016, 2024);
    expect(c.from_pct).toBeCloseTo(2.35, 12);
    expect(c.to_pct).toBeCloseTo(1.8, 12);
    expect(c.pp_change).toBeCloseTo(-0.55, 12);
    expect(c.pct_change).toBeCloseTo((-0.55 / 2.35) * 100, 10); // −23.40 %
  });
  it('an unknown series lists the known ones; a year not in the rows is named', () => {
    expect(() => changeBetween(rows, 'nonsense', 2015, 2024)).toThrow(
      'changeBetween: unknown series (known: capital goods, intermediates, semiconductor capital goods, ' +
        'semiconductor intermediates, capital goods, adjusted, intermediates, adjusted, both, adjusted, ' +
        'rest of capital goods, rest of intermediates) (got "nonsense")',
    );
    expect(() => changeBetween(rows, 'capital goods', 2014, 2024)).toThrow(
      'changeBetween: year not in the macro table (got 2014)',
    );
    expect(() => changeBetween(rows, 'capital goods', 2015, 2030)).toThrow(
      'changeBetween: year not in the macro table (got 2030)',
    );
  });
});

describe('compareMacro: the unstated peak year', () => {
  // Table 1's rule on the fixture above: capital goods, adjusted 2.9 % (2015), 2.35 % (2016), 1.8 % (2024)
  const rows = macroShares(totals, groupRows, groups, gdp, { subtract: 'table1' });
  const at = (y: number) => rows.find((r) => r.year === y)!;
  const peak = (ours: MacroYear[]) =>
    compareMacro(ours, [{ series: 'capital goods, adjusted', year: null, value_pct_gdp: 2 }])[0];
  it('the interior years are found after sorting the rows by year: rows 2016, 2015, 2024 → only 2016 is interior', () => {
    const p = peak([at(2016), at(2015), at(2024)]);
    expect(p.ours_year).toBe(2016);
    expect(p.ours_pct).toBeCloseTo(2.35, 12);
    expect(p.diff_pp).toBeCloseTo(0.35, 12);
  });
  it('with two years both are candidates, in either order; the maximum wins', () => {
    expect(peak([at(2015), at(2024)]).ours_year).toBe(2015);
    expect(peak([at(2024), at(2015)]).ours_year).toBe(2015);
  });
  it('a tie keeps the first year holding the maximum', () => {
    expect(peak([at(2015), { ...at(2015), year: 2030 }]).ours_year).toBe(2015);
  });
  it('no rows, or an unknown series: exact messages', () => {
    expect(() => peak([])).toThrow('compareMacro: no years to find a peak in (got "capital goods, adjusted")');
    expect(() => compareMacro(rows, [{ series: 'nonsense', year: 2015, value_pct_gdp: 1 }])).toThrow(
      'compareMacro: unknown series (got "nonsense")',
    );
  });
});

describe('annualGroupSums on a hand-made group panel', () => {
  // 2019-01 … 2020-12 and 2021-01. Series names ascending, ids not: Alpha = group 2, Beta = group 1, Gamma = group 3,
  // Other is no group. 2020 has a combined January–February (the source names it).
  const months = [2019, 2020].flatMap((y) =>
    Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`),
  );
  months.push('2021-01');
  const series = (v: number, edit: Record<string, number> = {}) => Float64Array.from(months.map((m) => edit[m] ?? v));
  const gp = {
    source: {
      kind: 'synthetic',
      label: 'hand-made',
      files: [],
      period: ['2019-01', '2021-01'],
      janFeb: { years: [2020], codes: 2, cells: 2, text: '' },
    },
    months,
    codes: ['Alpha', 'Beta', 'Gamma', 'Other'],
    values: [
      series(2), // 24 a year
      series(1, { '2020-01': NaN, '2020-02': 2 }), // 2020: January combined into February, complete: 12
      series(3, { '2020-01': NaN, '2020-02': 6, '2020-05': NaN }), // 2020: a missing May besides the combined January
      series(5),
    ],
    groups: [
      { group: 'Alpha', group_id: 2 },
      { group: 'Beta', group_id: 1 },
      { group: 'Gamma', group_id: 3 },
    ],
  } as unknown as GroupPanel;
  // computed inside each test, not while the file is collected: Stryker switches a mutant on only for the tests
  const out = () => annualGroupSums(gp);
  it('full years only, sorted by year then group id; a series of no group is left out', () => {
    expect(out().rows).toEqual([
      { year: 2019, group_id: 1, value_usd: 12 },
      { year: 2019, group_id: 2, value_usd: 24 },
      { year: 2019, group_id: 3, value_usd: 36 },
      { year: 2020, group_id: 1, value_usd: 12 },
      { year: 2020, group_id: 2, value_usd: 24 },
    ]);
  });
  it('a year with a missing month other than a combined January, or with fewer than 12 months, is listed as incomplete', () => {
    expect(out().incompleteYears).toEqual([
      { group_id: 2, year: 2021 },
      { group_id: 1, year: 2021 },
      { group_id: 3, year: 2020 },
      { group_id: 3, year: 2021 },
    ]);
  });
});

describe('macroTable: years, source notes, imported BEC totals, HS6 data', () => {
  // An imported folder holding only BEC totals with two comment lines; years unsorted, 2013 has no GDP
  let saved: string | undefined;
  let dir: string;
  beforeAll(() => {
    saved = process.env.STUDY_IMPORTED_DIR;
    dir = tempDir('macro-imported-');
    fs.writeFileSync(
      path.join(dir, 'bec-totals.csv'),
      [
        '# BEC totals of a test import',
        '# HS2017 vintage',
        'year,end_use,value_usd',
        ...[2016, 2013, 2015].flatMap((y) => [`${y},capital,5000000000000`, `${y},intermediate,6000000000000`]),
      ].join('\n') + '\n',
    );
    process.env.STUDY_IMPORTED_DIR = dir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.STUDY_IMPORTED_DIR;
    else process.env.STUDY_IMPORTED_DIR = saved;
  });
  const synthLabel = "SYNTHETIC teaching panel — not China's data (seed 20250101), 2015-01 to 2025-06";
  const gdpNote = ' GDP: World Bank WDI, current US dollars.';
  it("the synthetic table's note: the data, the rule, GDP (an imported folder's BEC totals are not named)", () => {
    expect(macroTable().sourceNote).toBe(
      `Data: ${synthLabel}. Not the paper's figures. Semiconductors subtracted by each code's BEC class.${gdpNote}`,
    );
  });
  it('given years are kept as given; the note names the rule and the codes left out', () => {
    const t = macroTable({ subtract: 'table1', excludeCodes: ['84869091', '85332110'], years: [2024, 2016] });
    expect(t.rows.map((r) => r.year)).toEqual([2024, 2016]);
    expect(t.sourceNote).toBe(
      `Data: ${synthLabel}. Not the paper's figures. Semiconductors subtracted by Table 1 (whole group from its ` +
        `printed class), without 84869091, 85332110.${gdpNote}`,
    );
  });
  it("an imported panel: the imported BEC totals' years that have GDP, ascending, and their comment lines in the note", () => {
    const p = loadPanel({ source: 'synthetic' });
    const panel: Panel = { ...p, source: { ...p.source, kind: 'imported', label: 'Test import' } };
    const t = macroTable({ panel });
    expect(t.rows.map((r) => [r.year, r.capital_usd, r.intermediate_usd])).toEqual([
      [2015, 5e12, 6e12],
      [2016, 5e12, 6e12],
    ]);
    expect(t.sourceNote).toBe(
      'Data: Test import (China Customs / UN Comtrade download imported by the user). ' +
        "BEC totals: BEC totals of a test import HS2017 vintage Semiconductors subtracted by each code's BEC class." +
        gdpNote,
    );
  });
  it("Table 1's rule sums each whole group: June 2016 missing in every capacitor line of Passive Components loses that month only", () => {
    // Passive Components' BEC-41 (capital) lines; its resistors (BEC 42) stay present, so the group's June is theirs
    const capacitors = ['85322110', '85322190', '85322410', '85322490'];
    const p = loadPanel({ source: 'synthetic' });
    const t = p.months.indexOf('2016-06');
    let removed = 0;
    const values = p.values.map((v, k) => {
      if (!capacitors.includes(p.codes[k])) return v;
      removed += v[t];
      const w = Float64Array.from(v);
      w[t] = NaN;
      return w;
    });
    expect(removed).toBeGreaterThan(0);
    const full = macroTable({ subtract: 'table1', years: [2016] }).rows[0];
    const gap = macroTable({ panel: { ...p, values }, subtract: 'table1', years: [2016] }).rows[0];
    expect(full.semi_capital_usd - gap.semi_capital_usd).toBeCloseTo(removed, 0);
    expect(gap.semi_intermediate_usd).toBe(full.semi_intermediate_usd);
  });
  it("each code's class (the default) loses that June only too, from capital goods; a month missing in the whole group is an error", () => {
    const capacitors = ['85322110', '85322190', '85322410', '85322490'];
    const p = loadPanel({ source: 'synthetic' });
    const t = p.months.indexOf('2016-06');
    const gapIn = (codes: (c: string) => boolean) => {
      let removed = 0;
      const values = p.values.map((v, k) => {
        if (!codes(p.codes[k])) return v;
        removed += v[t];
        const w = Float64Array.from(v);
        w[t] = NaN;
        return w;
      });
      return { panel: { ...p, values }, removed };
    };
    const caps = gapIn((c) => capacitors.includes(c));
    const full = macroTable({ years: [2016] }).rows[0];
    const gap = macroTable({ panel: caps.panel, years: [2016] }).rows[0];
    // before the fix the class's whole year went missing: capital fell by 2,825,812,432 for a June of 296,072,782
    expect(full.semi_capital_usd - gap.semi_capital_usd).toBeCloseTo(caps.removed, 0);
    expect(gap.semi_intermediate_usd).toBe(full.semi_intermediate_usd);
    // June missing in every line of Passive Components (capacitors and resistors): no complete 2016 for group 1
    const members = new Set(
      loadCodes({ batch: 1 })
        .filter((r) => r.group_id === 1)
        .map((r) => r.code),
    );
    const whole = gapIn((c) => members.has(c));
    expect(() => macroTable({ panel: whole.panel, years: [2016] })).toThrow(
      "semiSums: no annual value for semiconductor group 1 in 2016 (missingGroupYear 'error')",
    );
  });
  it('HS6 data without HS8 shares: groups 3, 6, 8, 11 are subtracted as the joint group 103', () => {
    const p = loadPanel({ source: 'synthetic' });
    const h = aggregatePanel(p, Object.fromEntries(p.codes.map((c) => [c, c.slice(0, 6)])));
    const hs6: Panel = { source: p.source, months: h.months, codes: h.codes, values: h.values };
    const t = macroTable({ panel: hs6 });
    const ids = new Set(t.parts.map((r) => r.group_id));
    expect(ids.has(103)).toBe(true);
    for (const id of [3, 6, 8, 11]) expect(ids.has(id)).toBe(false);
    expect(t.rows.length).toBeGreaterThan(0);
    for (const r of t.rows) {
      // every semiconductor part of the year (groups 1, 2 and 103) is subtracted or counted as neither
      const semi = t.parts
        .filter((x) => x.year === r.year && [1, 2, 103].includes(x.group_id))
        .reduce((a, x) => a + x.value_usd, 0);
      expect(r.semi_capital_usd + r.semi_intermediate_usd + r.semi_neither_usd).toBeCloseTo(semi, 0);
      const joint = t.parts
        .filter((x) => x.year === r.year && x.group_id === 103 && x.end_use === 'capital')
        .reduce((a, x) => a + x.value_usd, 0);
      expect(joint).toBeGreaterThan(0);
      expect(r.semi_capital_usd).toBeGreaterThanOrEqual(joint);
    }
  });
});
