import { describe, expect, it } from 'vitest';
import { notebookResults } from '../../helpers/notebook-results.js';
import { changeBetween, compareMacro, macroTable, overrideGroups } from '../../../lib/steps/macro.js';
import { loadGroups } from '../../../lib/io/data.js';
import { loadGdp, loadPublished } from '../../../lib/io/published.js';
import { loadPanel } from '../../../lib/io/panel.js';

/** The annual sum of some codes of the SYNTHETIC panel, straight from the panel (a combined Jan–Feb is one value). */
function annualSum(codes: string[], year: number): number {
  const panel = loadPanel({ source: 'synthetic' });
  let s = 0;
  for (const c of codes) {
    const k = panel.codes.indexOf(c);
    panel.months.forEach((m, t) => {
      if (Number(m.slice(0, 4)) === year && !Number.isNaN(panel.values[k][t])) s += panel.values[k][t];
    });
  }
  return s;
}
/** The BEC-42 lines of the semiconductor capital-goods groups: resistors (Passive Components) and 84869091 (Cleanroom). */
const BEC42_IN_CAPITAL_GROUPS = ['85332110', '85332190', '84869091'];

const STEM = '05-macro-adjustment';
const FIELDS = ['capital_pct', 'intermediate_pct', 'semi_capital_pct', 'semi_intermediate_pct', 'capital_adjusted_pct', 'intermediate_adjusted_pct', 'both_adjusted_pct'] as const;

describe(`${STEM} key results`, () => {
  const r = notebookResults(STEM);
  const rows = macroTable({ dataSource: 'synthetic' }).rows;

  it('macro rows 2015–2024 equal the library', () => {
    const ours = rows.filter((x) => x.year >= 2015 && x.year <= 2024);
    expect(r.macroRows.map((x: any) => x.year)).toEqual(ours.map((x) => x.year));
    r.macroRows.forEach((x: any, k: number) => {
      for (const f of FIELDS) expect(x[f]).toBeCloseTo(ours[k][f], 10);
    });
  });

  it("comparison with the published points equals compareMacro; under Table 1's rule it agrees by construction on the synthetic panel", () => {
    const cmp = compareMacro(rows, loadPublished().macro);
    expect(r.comparison.length).toBe(cmp.length);
    r.comparison.forEach((x: any, k: number) => {
      expect(x.series).toBe(cmp[k].series);
      expect(x.year).toBe(cmp[k].year);
      expect(x.ours_year).toBe(cmp[k].ours_year);
      expect(x.ours_pct).toBeCloseTo(cmp[k].ours_pct, 10);
      expect(x.published_pct).toBe(cmp[k].published_pct);
    });
    // the generator calibrates the synthetic BEC totals under Table 1's rule: agreement by construction there
    expect(r.comparisonTable1.length).toBe(cmp.length);
    for (const x of r.comparisonTable1) expect(Math.abs(x.diff_pp)).toBeLessThan(1e-6);
  });

  it("under each code's class the synthetic shares differ from the slides by exactly the BEC-42 lines of the capital groups, moved to intermediates", () => {
    const gdp = new Map(loadGdp().map((g) => [g.year, g.gdp_usd] as const));
    // hand: moved share = (resistors 85332110 + 85332190 + parts 84869091) / GDP × 100; 2015 ≈ 0.589 bn / 11,281 bn = 0.00523 pp
    const moved = (year: number) => (annualSum(BEC42_IN_CAPITAL_GROUPS, year) / gdp.get(year)!) * 100;
    expect(moved(2015)).toBeCloseTo(0.005225, 5);
    const sign: Record<string, number> = {
      'capital goods, adjusted': 1,
      'intermediates, adjusted': -1,
      'both, adjusted': 0,
      'semiconductor capital goods': -1,
      'semiconductor intermediates': 1,
    };
    for (const x of r.comparison) {
      expect(sign[x.series]).toBeDefined();
      expect(x.diff_pp).toBeCloseTo(sign[x.series] * moved(x.ours_year), 9);
    }
  });

  it('the three rules and the 84869091 line, as the library computes them (hand: the moved lines)', () => {
    const get = (rule: string, year: string) => r.subtractRules.find((x: any) => x.rule === rule && x.year === year);
    for (const [subtract, rule] of [
      ['code-class', 'code-class'],
      ['table1', 'table1'],
      ['none', 'none'],
    ] as const) {
      const lib = macroTable({ subtract }).rows.find((x) => x.year === 2024)!;
      expect(get(rule, '2024').capital_adjusted_pct).toBeCloseTo(lib.capital_adjusted_pct, 10);
      expect(get(rule, '2024').semi_intermediate_pct).toBeCloseTo(lib.semi_intermediate_pct, 10);
    }
    const gdp2015 = loadGdp().find((g) => g.year === 2015)!.gdp_usd;
    // Table 1 − code-class, semiconductor capital 2015 = the three lines; without 84869091, intermediates lose only that line
    expect(get('table1', '2015').semi_capital_pct - get('code-class', '2015').semi_capital_pct).toBeCloseTo(
      (annualSum(BEC42_IN_CAPITAL_GROUPS, 2015) / gdp2015) * 100,
      10,
    );
    expect(
      get('code-class', '2015').semi_intermediate_pct - get('code-class without 84869091', '2015').semi_intermediate_pct,
    ).toBeCloseTo((annualSum(['84869091'], 2015) / gdp2015) * 100, 10);
    expect(get('none', '2015').semi_capital_pct).toBe(0);
    // the sum of both adjusted classes does not depend on where a semiconductor import is subtracted
    expect(get('code-class', '2015').both_adjusted_pct).toBeCloseTo(get('table1', '2015').both_adjusted_pct, 10);
  });

  it("the semiconductor groups' imports by BEC class: Passive Components and Cleanroom have an intermediate part", () => {
    const part = (id: number, end_use: string) =>
      r.semiByClass.find((x: any) => x.group_id === id && x.end_use === end_use);
    expect(part(1, 'intermediate').from_usd).toBeCloseTo(annualSum(['85332110', '85332190'], 2015), 0);
    expect(part(8, 'intermediate').from_usd).toBeCloseTo(annualSum(['84869091'], 2015), 0);
    expect(part(2, 'capital')).toBeUndefined(); // ICs: all BEC 42
  });

  it('without imported annual data, the real-data sections say what they need and show nothing synthetic', () => {
    expect(r.heading848690).toEqual({ realData: false, rows: [] });
    expect(r.vintage).toEqual({ realData: false, preferred: null, rows: [] });
  });

  it("changes 2015→2024 equal changeBetween (adjusted capital −38.2 % under each code's class; −38.35 % under Table 1's)", () => {
    for (const c of r.changes) expect(c.pct_change).toBeCloseTo(changeBetween(rows, c.series, 2015, 2024).pct_change, 8);
    // hand: 2.06 + 0.005225 = 2.065225 → 1.27 + 0.006387 = 1.276387: (1.276387 − 2.065225) / 2.065225 = −38.196 %
    expect(r.changes.find((c: any) => c.series === 'capital goods, adjusted').pct_change).toBeCloseTo(-38.196, 2);
    expect(
      changeBetween(macroTable({ subtract: 'table1' }).rows, 'capital goods, adjusted', 2015, 2024).pct_change,
    ).toBeCloseTo(-38.35, 1);
  });

  it('try it: Passive Components moved to intermediates, as the library computes it', () => {
    expect(r.tryIt.passiveComponents).toBe('intermediate');
    const alt = macroTable({ groups: overrideGroups(loadGroups(), { 1: 'intermediate' }) }).rows;
    const cap2015 = r.tryIt.rows.find((x: any) => x.year === '2015' && x.series === 'capital goods, adjusted');
    expect(cap2015.moved).toBeCloseTo(alt.find((x) => x.year === 2015)!.capital_adjusted_pct, 10);
    expect(cap2015.moved).toBeGreaterThan(cap2015.defaultRule);
    // hand: moving the whole group puts its capacitors (BEC 41) back into adjusted capital goods
    const gdp2015 = loadGdp().find((g) => g.year === 2015)!.gdp_usd;
    const capacitors = annualSum(['85322110', '85322190', '85322410', '85322490'], 2015);
    expect(cap2015.moved - cap2015.defaultRule).toBeCloseTo((capacitors / gdp2015) * 100, 10);
    expect(r.tryIt.capitalAdjustedChangePct.moved).toBeCloseTo(changeBetween(alt, 'capital goods, adjusted', 2015, 2024).pct_change, 8);
  });
});
