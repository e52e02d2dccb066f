import { describe, expect, it } from 'vitest';
import { notebookResults } from '../../helpers/notebook-results.js';
import { changeBetween, compareMacro, macroTable, overrideGroups } from '../../../lib/steps/macro.js';
import { loadGroups } from '../../../lib/io/data.js';
import { loadPublished } from '../../../lib/io/published.js';

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

  it('comparison with the published points equals compareMacro (and agrees by construction on the synthetic panel)', () => {
    const cmp = compareMacro(rows, loadPublished().macro);
    expect(r.comparison.length).toBe(cmp.length);
    r.comparison.forEach((x: any, k: number) => {
      expect(x.series).toBe(cmp[k].series);
      expect(x.year).toBe(cmp[k].year);
      expect(x.ours_year).toBe(cmp[k].ours_year);
      expect(x.ours_pct).toBeCloseTo(cmp[k].ours_pct, 10);
      expect(x.published_pct).toBe(cmp[k].published_pct);
      expect(Math.abs(x.diff_pp)).toBeLessThan(1e-6);
    });
  });

  it('changes 2015→2024 equal changeBetween (adjusted capital ≈ −38.3 %)', () => {
    for (const c of r.changes) expect(c.pct_change).toBeCloseTo(changeBetween(rows, c.series, 2015, 2024).pct_change, 8);
    expect(r.changes.find((c: any) => c.series === 'capital goods, adjusted').pct_change).toBeCloseTo(-38.35, 1);
  });

  it('try it: Passive Components moved to intermediates, as the library computes it', () => {
    expect(r.tryIt.passiveComponents).toBe('intermediate');
    const alt = macroTable({ groups: overrideGroups(loadGroups(), { 1: 'intermediate' }) }).rows;
    const cap2015 = r.tryIt.rows.find((x: any) => x.year === '2015' && x.series === 'capital goods, adjusted');
    expect(cap2015.moved).toBeCloseTo(alt.find((x) => x.year === 2015)!.capital_adjusted_pct, 10);
    expect(cap2015.moved).toBeGreaterThan(cap2015.table1Class);
    expect(r.tryIt.capitalAdjustedChangePct.moved).toBeCloseTo(changeBetween(alt, 'capital goods, adjusted', 2015, 2024).pct_change, 8);
  });
});
