import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../../lib/io/paths.js';
import { seriesIndices } from '../../../lib/steps/indices.js';
import { growthBand, volatilityBand } from '../../../lib/steps/partition.js';
import { SYNTHETIC_DEFAULT_SEED, TEACHING_GENERATOR_FILE, TEACHING_PERIOD, generateTeachingPanel, round6 } from '../../../lib/synthetic/generate.js';
import { loadTeachingInputs } from '../../../lib/synthetic/inputs.js';
import { syntheticMonths } from '../../../lib/synthetic/paths.js';
import * as teaching from '../../../lib/synthetic/teaching.js';

const { codes, groups, gdp } = loadTeachingInputs();
const panel = generateTeachingPanel(codes, groups, gdp);
const MONTHS = syntheticMonths(...TEACHING_PERIOD);

/** Monthly sum over the distinct codes a batch lists in a group, read from the panel rows. */
function groupSum(batch: number, groupId: number): Float64Array {
  const listed = new Set(codes.filter((c) => c.batch === batch && c.group_id === groupId).map((c) => c.code));
  const at = new Map(MONTHS.map((m, i) => [m, i]));
  const sum = new Float64Array(MONTHS.length);
  for (const r of panel.rows) if (listed.has(r.code)) sum[at.get(r.month)!] += r.value;
  return sum;
}

describe('generateTeachingPanel: what the meta reports is what the study computes', () => {
  it('every landing’s V, G and cell are the library’s indices and bands (default options) of the group sum', () => {
    expect(panel.meta.landings.length).toBeGreaterThan(17);
    for (const l of panel.meta.landings) {
      const ix = seriesIndices(groupSum(l.batch, l.groupId), MONTHS);
      expect([l.batch, l.groupId, l.V, l.G]).toEqual([l.batch, l.groupId, round6(ix.V!), round6(ix.G!)]);
      expect(l.cell).toEqual({ growth: growthBand(ix.G!), volatility: volatilityBand(ix.V!) });
    }
  });
  it('every group with codes lands in its designed cell in its primary batch', () => {
    for (const g of panel.meta.groups) {
      expect(g.primaryBatch).not.toBeNull();
      expect([g.groupId, g.achieved?.cell]).toEqual([g.groupId, g.cell]);
    }
  });
  it('the written definition of the indices and bands agrees with the library’s defaults', () => {
    const d = panel.meta.indexDefinitions;
    const [, w0, w1] = /group sums (\d{4}-\d{2})\.\.(\d{4}-\d{2})/.exec(d)!;
    const [, n] = /t = 1\.\.(\d+)/.exec(d)!;
    const [, ratio] = /population SD gives V × ([\d.]+)/.exec(d)!;
    const [, g] = /high G > ([\d.]+)/.exec(d)!;
    const [, vHigh, vMed] = /V > ([\d.]+) high, ([\d.]+) ≤ V/.exec(d)!;
    // window: months after w1 do not count, months from w0 on do
    const x = Float64Array.from(MONTHS, (_, i) => 100 + (i % 7) * 10 + i);
    const later = x.slice();
    later[MONTHS.indexOf(w1) + 1] = 1e6;
    expect(seriesIndices(later, MONTHS).V).toBe(seriesIndices(x, MONTHS).V);
    const inside = x.slice();
    inside[MONTHS.indexOf(w1)] = 1e6;
    expect(seriesIndices(inside, MONTHS).V).not.toBe(seriesIndices(x, MONTHS).V);
    expect(MONTHS.indexOf(w1) - MONTHS.indexOf(w0) + 1).toBe(Number(n));
    // base = x_1: the first month alone
    const first = x.slice();
    first[1] = 1e6;
    expect(seriesIndices(first, MONTHS).base).toBe(x[0]);
    // SD n − 1, and the population ratio as written
    expect(((seriesIndices(x, MONTHS, { sd: 'population' }).V as number) / (seriesIndices(x, MONTHS).V as number)).toFixed(4)).toBe(ratio);
    // the bands: "high" only strictly above each cut
    expect([growthBand(Number(g)), growthBand(Number(g) + 1e-9)]).toEqual(['low', 'high']);
    expect([volatilityBand(Number(vHigh)), volatilityBand(Number(vHigh) + 1e-9)]).toEqual(['medium', 'high']);
    expect([volatilityBand(Number(vMed)), volatilityBand(Number(vMed) - 1e-9)]).toEqual(['medium', 'low']);
  });
  it('names the module its files cite, which exists and exports the generator', () => {
    expect(panel.meta.generator).toBe(TEACHING_GENERATOR_FILE);
    expect(fs.existsSync(projectPath(...TEACHING_GENERATOR_FILE.split('/')))).toBe(true);
    expect(teaching.generateTeachingPanel).toBe(generateTeachingPanel);
    expect(panel.meta.seed).toBe(SYNTHETIC_DEFAULT_SEED);
    expect(panel.meta.period).toEqual(['2015-01', '2025-06']);
  });
});

describe('generateTeachingPanel: rows', () => {
  it('whole dollars, one row per code and valid month, sorted by code then month', () => {
    expect(panel.meta.rows).toBe(panel.rows.length);
    expect(panel.meta.codes).toBe(new Set(codes.map((c) => c.code)).size);
    const years = new Map<string, [number, number]>();
    for (const c of codes) {
      const y = years.get(c.code);
      years.set(c.code, y ? [Math.min(y[0], c.first_year), Math.max(y[1], c.last_year)] : [c.first_year, c.last_year]);
    }
    const bad: string[] = [];
    let prev = '';
    for (const r of panel.rows) {
      const [a, b] = years.get(r.code)!;
      const y = Number(r.month.slice(0, 4));
      const key = `${r.code} ${r.month}`;
      if (!(Number.isInteger(r.value) && r.value >= 0 && y >= a && y <= b && key > prev)) bad.push(`${key} ${r.value}`);
      prev = key;
    }
    expect(bad).toEqual([]);
    // every valid month of every code is there: rows = Σ over codes of its months in 2015-01..2025-06
    const expected = [...years.values()].reduce((n, [a, b]) => n + MONTHS.filter((m) => +m.slice(0, 4) >= a && +m.slice(0, 4) <= b).length, 0);
    expect(panel.rows.length).toBe(expected);
  });
  it('rejects bad input, naming the function and the value', () => {
    expect(() => generateTeachingPanel(codes, groups, gdp, { seed: 1.5 })).toThrow('generateTeachingPanel: seed must be an integer (got 1.5)');
    expect(() => generateTeachingPanel(codes, groups, gdp.filter((r) => r.year !== 2019))).toThrow('generateTeachingPanel: GDP table lacks a year of 2015–2024 (got 2019)');
    expect(() => generateTeachingPanel(codes, groups, [...gdp, { year: 2030, gdp_usd: -1 }])).toThrow('generateTeachingPanel: GDP for 2030 must be a positive number (got -1)');
    expect(() => generateTeachingPanel(codes, groups, gdp, { shapes: [] })).toThrow('generateTeachingPanel: no shape for group (got 1)');
  });
});
