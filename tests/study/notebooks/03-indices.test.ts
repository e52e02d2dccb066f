import { describe, expect, it } from 'vitest';
import { notebookResults } from '../../helpers/notebook-results.js';
import { annualGroupSums } from '../../../lib/steps/macro.js';
import { runStudy } from '../../../lib/study.js';
import { seriesIndices } from '../../../lib/steps/indices.js';

const STEM = '03-indices';

describe(`${STEM} key results`, () => {
  const r = notebookResults(STEM);
  const run = runStudy({ dataSource: 'synthetic' });

  it('the indices of the 17 groups equal the library', () => {
    expect(r.indices).toHaveLength(17);
    expect(r.indices.map((x: any) => x.group_id)).toEqual(run.indices.map((x) => x.group_id));
    r.indices.forEach((x: any, k: number) => {
      expect(x.G).toBeCloseTo(run.indices[k].G!, 10);
      expect(x.V).toBeCloseTo(run.indices[k].V!, 10);
    });
  });

  it('what the text says of the synthetic panel holds: the four semiconductor-equipment groups have the largest V and G', () => {
    const top4 = (k: 'G' | 'V') => [...r.indices].sort((a: any, b: any) => b[k] - a[k]).slice(0, 4).map((x: any) => x.group_id).sort((a: number, b: number) => a - b);
    expect(top4('V')).toEqual([3, 6, 8, 11]); // Silicon Processing, Lithography, Cleanroom, Hot or Cold Process
    expect(top4('G')).toEqual([3, 6, 8, 11]);
    // the intermediates are steady (V below 0.2) and five groups sit in 0.26 ≤ V ≤ 0.28
    for (const id of [10, 12, 13, 14]) expect(r.indices.find((x: any) => x.group_id === id).V).toBeLessThan(0.2);
    expect(r.indices.filter((x: any) => x.V >= 0.26 && x.V <= 0.28)).toHaveLength(5);
  });

  it('the worked example is the hand arithmetic of the focus group’s annual sums', () => {
    const w = r.workedExample;
    const sums = annualGroupSums(run.groupPanel).rows.filter((x) => x.group_id === w.group_id && x.year >= 2015 && x.year <= 2024);
    expect(w.years).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(w.x).toEqual(sums.map((x) => x.value_usd));
    // By hand, written out: base = first year; X'_t = (x_t − base)/base; w_t = t; G = Σ t·X'_t / Σ t.
    const x: number[] = w.x;
    const base = x[0];
    let sumW = 0;
    let sumWX = 0;
    x.forEach((v, i) => {
      sumW += i + 1;
      sumWX += (i + 1) * ((v - base) / base);
    });
    expect(w.base).toBe(base);
    expect(w.sumW).toBe(55); // 1 + 2 + … + 10
    expect(w.sumWXprime).toBeCloseTo(sumWX, 10);
    expect(w.G).toBeCloseTo(sumWX / 55, 12);
    const mean = x.reduce((a, b) => a + b, 0) / 10;
    const sd = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / 9);
    expect(w.mean).toBeCloseTo(mean, 0);
    expect(w.V).toBeCloseTo(sd / mean, 12);
    // and the library route the notebook shows agrees
    const k = run.groupPanel.groups.findIndex((g) => g.group_id === w.group_id);
    const lib = seriesIndices(run.groupPanel.values[run.groupPanel.codes.indexOf(run.groupPanel.groups[k].group)], run.groupPanel.months, { frequency: 'annual' });
    expect(w.libraryG).toBeCloseTo(lib.G!, 12);
    expect(w.libraryV).toBeCloseTo(lib.V!, 12);
    expect(w.libraryG).toBeCloseTo(w.G, 10);
    expect(w.libraryV).toBeCloseTo(w.V, 10);
  });

  it('both bases side by side equal the library (first month = the default; first-year mean = the variant)', () => {
    const first = runStudy({ dataSource: 'synthetic', choices: { base: 'first' } }).partition;
    const yearMean = runStudy({ dataSource: 'synthetic', choices: { base: { meanOfFirst: 12 } } }).partition;
    const cell = (p: { growth: string; volatility: string }) => `${p.growth} growth, ${p.volatility} volatility`;
    expect(r.bases).toHaveLength(17);
    r.bases.forEach((x: any, k: number) => {
      expect(x.group_id).toBe(first[k].group_id);
      expect(x.G_first).toBeCloseTo(first[k].G, 10);
      expect(x.G_first).toBeCloseTo(run.partition[k].G, 10);
      expect(x.G_yearMean).toBeCloseTo(yearMean[k].G, 10);
      expect([x.cell_first, x.cell_yearMean]).toEqual([cell(first[k]), cell(yearMean[k])]);
    });
    // on the SYNTHETIC panel both bases put every group in its published cell
    const published = new Map(run.published.partition.map((p) => [p.group_id, cell(p)] as const));
    for (const x of r.bases) expect([x.cell_first, x.cell_yearMean]).toEqual([published.get(x.group_id), published.get(x.group_id)]);
  });

  it('every group falls in its published band on the SYNTHETIC panel (by construction)', () => {
    expect(r.publishedBands).toEqual({ growthInside: 17, volatilityInside: 17, of: 17 });
    expect(run.comparison!.position.agree).toBe(17);
  });
});
