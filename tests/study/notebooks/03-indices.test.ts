import { describe, expect, it } from 'vitest';
import { notebookResults } from '../../helpers/notebook-results.js';
import { annualGroupSums } from '../../../lib/steps/macro.js';
import { runStudy } from '../../../lib/study.js';
import { seriesIndices } from '../../../lib/steps/indices.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPanel } from '../../../lib/io/panel.js';
import { generateTeachingPanel } from '../../../lib/synthetic/generate.js';
import { loadTeachingInputs } from '../../../lib/synthetic/inputs.js';
import { teachingPanelCsv } from '../../../lib/synthetic/serialize.js';

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

  it('combined January–February: the run names it, the table is the library under each treatment, and what the text says holds', () => {
    const j = r.janFeb;
    expect(j.text).toBe('2020–2025: January and February combined in 167 codes (treatment: split-share)');
    expect(j.text).toBe(run.janFeb.text);
    expect(j.treatment).toBe('split-share');
    const under = (janFeb: 'split-share' | 'split-even' | 'merge') =>
      runStudy({ dataSource: 'synthetic', choices: { janFeb } }).indices;
    const [share, even, merge] = [under('split-share'), under('split-even'), under('merge')];
    expect(j.rows).toHaveLength(17);
    j.rows.forEach((x: any, k: number) => {
      expect(x.group_id).toBe(share[k].group_id);
      expect([x.V_share, x.V_even, x.V_merge]).toEqual([share[k].V, even[k].V, merge[k].V]);
      expect([x.G_share, x.G_even, x.G_merge]).toEqual([share[k].G, even[k].G, merge[k].G]);
      expect(x.V_share).toBe(run.indices[k].V);
      // "No group changes cell on this panel"
      expect(x.cells).not.toContain(' / ');
    });
    // the text's comparison with the monthly values before combining: the generator with its switch off
    const { codes, groups, gdp } = loadTeachingInputs();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flat-'));
    const file = path.join(dir, 'flat-SYNTHETIC.csv');
    fs.writeFileSync(file, teachingPanelCsv(generateTeachingPanel(codes, groups, gdp, { combineJanFeb: false })));
    const flat = runStudy({ panel: loadPanel({ source: 'synthetic', file }) });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(flat.janFeb.text).toBe('');
    const gap = (xs: typeof share, k: 'V' | 'G') => xs.map((x, i) => Math.abs(x[k]! - flat.indices[i][k]!));
    const mean = (a: number[]) => a.reduce((t, v) => t + v, 0) / a.length;
    // "V moves by 0.002 on average (at most 0.007), against 0.003 under split-even and 0.005 under merge"
    expect(mean(gap(share, 'V'))).toBeCloseTo(0.002, 3);
    expect(Math.max(...gap(share, 'V'))).toBeCloseTo(0.007, 3);
    expect(mean(gap(even, 'V'))).toBeCloseTo(0.003, 3);
    expect(mean(gap(merge, 'V'))).toBeCloseTo(0.005, 3);
    expect(mean(gap(share, 'V'))).toBeLessThan(mean(gap(even, 'V')));
    expect(mean(gap(even, 'V'))).toBeLessThan(mean(gap(merge, 'V')));
    // "G moves by less than 0.001 under either split but by 0.01 on average (up to 0.03) under merge"
    expect(Math.max(...gap(share, 'G'), ...gap(even, 'G'))).toBeLessThan(0.001);
    expect(mean(gap(merge, 'G'))).toBeCloseTo(0.01, 2);
    expect(Math.max(...gap(merge, 'G'))).toBeCloseTo(0.03, 2);
  });
  it('trend or volatility: the detrended V equals the library, the trend share is its R², and the text holds', () => {
    const d = runStudy({ dataSource: 'synthetic', choices: { volatility: 'detrended' } });
    expect(r.trend).toHaveLength(17);
    r.trend.forEach((x: any, k: number) => {
      expect(x.group_id).toBe(run.partition[k].group_id);
      expect(x.V).toBeCloseTo(run.partition[k].V, 12);
      expect(x.V_detrended).toBeCloseTo(d.partition[k].V, 12);
      expect(x.V_detrended).toBeLessThanOrEqual(x.V); // the line fits at least as well as the mean
      expect(x.trendShare).toBeCloseTo(1 - (x.V_detrended / x.V) ** 2, 12);
      expect(x.trendShare).toBeGreaterThanOrEqual(0);
      expect(x.trendShare).toBeLessThanOrEqual(1);
      // G does not depend on the volatility measure
      expect(d.partition[k].G).toBe(run.partition[k].G);
    });
  });
});
