/** Step 5's macro adjustment (lib/steps/macro.ts): shares of GDP hand-computed (Table 1's rule, and each code's class on a two-class group), changes, the comparison with the published points, bad input; moving groups between classes (overrideGroups) and the macro table they give. */
import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../../lib/io/data.js';
import {
  changeBetween,
  compareMacro,
  macroLong,
  macroShares,
  macroTable,
  overrideGroups,
  pctChange,
  type EndUseTotal,
  type GroupAnnual,
} from '../../../lib/steps/macro.js';
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
