/** The published figures and the GDP table (lib/io/published.ts loadPublished, loadGdp): what they hold, and their errors on a broken file. */
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PUBLISHED_SECTIONS, loadGdp, loadPublished } from '../../../lib/io/published.js';
import { readCsvFile } from '../../../lib/io/csv.js';
import { tempDir } from '../../helpers/temp.js';

const tmp = tempDir('published-');
const write = (name: string, text: string) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};

describe('loadPublished', () => {
  const p = loadPublished();
  it('partition: 17 groups, published cells and patterns', () => {
    expect(p.partition).toHaveLength(17);
    const by = new Map(p.partition.map((r) => [r.group_id, r]));
    expect(by.get(2)).toMatchObject({ growth: 'high', volatility: 'medium', pattern: 'stockpiling' });
    expect(by.get(16)).toMatchObject({ growth: 'low', volatility: 'high', pattern: 'substitution' });
    expect(by.get(9)).toMatchObject({ growth: 'high', volatility: 'low', pattern: 'no effect' });
    expect(p.partition.filter((r) => r.pattern === 'substitution')).toHaveLength(7);
    expect(p.partition.filter((r) => r.pattern === 'stockpiling')).toHaveLength(7);
    expect(p.partition.filter((r) => r.pattern === 'no effect')).toHaveLength(3);
  });
  it('matrix labels agree with groups.csv', () => {
    const g = readCsvFile('data/study/groups.csv').rows;
    for (const r of p.partition)
      expect(r.matrix_label).toBe(g.find((x) => Number(x.group_id) === r.group_id)!.matrix_label);
  });
  it('thresholds as printed', () => {
    const t = new Map(p.thresholds.map((x) => [x.id, x.value]));
    expect([
      t.get('growth_high'),
      t.get('volatility_high'),
      t.get('volatility_medium_from'),
      t.get('volatility_low'),
    ]).toEqual([0.5, 0.3, 0.24, 0.23]);
  });
  it('macro endpoints add up as printed (2.06 + 6.40 = 8.46; 1.27 + 5.26 = 6.53)', () => {
    const m = new Map(p.macro.map((x) => [x.id, x.value_pct_gdp]));
    expect(m.get('capital_adjusted_2015')! + m.get('intermediate_adjusted_2015')!).toBeCloseTo(
      m.get('both_adjusted_2015')!,
      10,
    );
    expect(m.get('capital_adjusted_2024')! + m.get('intermediate_adjusted_2024')!).toBeCloseTo(
      m.get('both_adjusted_2024')!,
      10,
    );
    expect(p.macro.find((x) => x.id === 'semi_intermediate_peak')!.year).toBeNull();
    expect(m.get('semi_capital_start')).toBe(0.09);
    expect(m.get('semi_capital_end')).toBe(0.16);
  });
  it('printed changes are consistent with printed shares', () => {
    // (1.27 − 2.06)/2.06 = −38.3 % ("almost 40 %"); (5.26 − 6.40)/6.40 = −17.8 % ("18 %")
    expect(((1.27 - 2.06) / 2.06) * 100).toBeCloseTo(-38.35, 2);
    expect(p.macro_changes.find((c) => c.id === 'intermediate_adjusted_change')!.value).toBe(-18);
  });
  it('trade growth and counts', () => {
    expect(p.trade_growth.map((t) => t.value_pct)).toEqual([5.9, 1.1]);
    const c = new Map(p.counts.map((x) => [x.id, x.value]));
    expect([
      c.get('technologies'),
      c.get('batch1_codes'),
      c.get('bottleneck_groups'),
      c.get('groups_total'),
      c.get('substitution_groups'),
    ]).toEqual([35, 85, 16, 17, 7]);
  });
  it('every entry has source and as_printed', () => {
    for (const s of PUBLISHED_SECTIONS)
      for (const e of p[s] as { source: string; as_printed: string }[]) {
        expect(e.source.length).toBeGreaterThan(5);
        expect(e.as_printed.length).toBeGreaterThan(0);
      }
  });
  it('as_printed texts occur verbatim in the slide excerpts (data/study/slide-excerpts.txt)', () => {
    const text = fs.readFileSync(path.join('data', 'study', 'slide-excerpts.txt'), 'utf8').replace(/\s+/g, ' ');
    for (const e of [...p.macro, ...p.trade_growth, ...p.approximations.filter((a) => !a.id.startsWith('rest_'))])
      expect(text).toContain(e.as_printed.replace(/\s+/g, ' '));
  });
  it('rejects a broken file', () => {
    const doc = JSON.parse(fs.readFileSync('data/study/published.json', 'utf8'));
    doc.partition[0].pattern = 'maybe';
    expect(() => loadPublished(write('p1.json', JSON.stringify(doc)))).toThrow(
      /loadPublished: .*partition\[0\].*pattern must be one of/,
    );
    const doc2 = JSON.parse(fs.readFileSync('data/study/published.json', 'utf8'));
    delete doc2.macro[0].source;
    expect(() => loadPublished(write('p2.json', JSON.stringify(doc2)))).toThrow(/macro\[0\]\.source/);
    const doc3 = JSON.parse(fs.readFileSync('data/study/published.json', 'utf8'));
    doc3.patterns[0].group_ids.pop();
    expect(() => loadPublished(write('p3.json', JSON.stringify(doc3)))).toThrow(
      /group list disagrees with the partition/,
    );
    expect(() => loadPublished(write('p4.json', '{'))).toThrow(/not valid JSON/);
    expect(() => loadPublished(path.join(tmp, 'none.json'))).toThrow(/file not found/);
  });
});

describe('loadGdp', () => {
  it('2014–2024, positive, sourced', () => {
    const g = loadGdp();
    expect(g.map((r) => r.year)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(g.find((r) => r.year === 2015)!.gdp_usd).toBe(11280814787469);
    for (const r of g) expect(r.source).toMatch(/World Bank WDI NY\.GDP\.MKTP\.CD/);
  });
  it('rejects bad rows with file and line', () => {
    expect(() => loadGdp(write('g1.csv', 'year,gdp_usd,source\n2015,-1,x\n'))).toThrow(
      /loadGdp: .*g1\.csv, line 2, column "gdp_usd": GDP must be a positive/,
    );
    expect(() => loadGdp(write('g2.csv', 'year,gdp_usd,source\n2015,1,x\n2015,2,x\n'))).toThrow(/duplicate year/);
    expect(() => loadGdp(write('g3.csv', 'year,gdp,source\n2015,1,x\n'))).toThrow(/missing column "gdp_usd"/);
    expect(() => loadGdp(write('g4.csv', 'year,gdp_usd,source\n2015,1,\n'))).toThrow(/needs a source/);
  });
});
