import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadGroups } from '../../../lib/io/data.js';
import { seriesIndices } from '../../../lib/steps/indices.js';
import { growthBand, volatilityBand } from '../../../lib/steps/partition.js';
import { generateBecTotals } from '../../../lib/synthetic/bec-totals.js';
import { SYNTHETIC_DEFAULT_SEED, generateTeachingPanel, type TeachingPanel } from '../../../lib/synthetic/generate.js';
import { loadTeachingInputs, type SyntheticCodeRow, type SyntheticGdpRow } from '../../../lib/synthetic/inputs.js';
import { syntheticMonths } from '../../../lib/synthetic/paths.js';
import { becTotalsCsv, teachingPanelCsv, teachingPanelMetaJson } from '../../../lib/synthetic/serialize.js';
import { UNIVERSE_SHAPE_SHARES, generateUniverse, generateUniverseAggregate } from '../../../lib/synthetic/universe.js';
import { syntheticHash, syntheticRng } from '../../../lib/synthetic/rng.js';

// ---------- fixtures ----------

/** China GDP, current US$, World Bank WDI NY.GDP.MKTP.CD (2025 vintage). */
const GDP: SyntheticGdpRow[] = [
  [2015, 11280814787469], [2016, 11456024084962], [2017, 12537559062283], [2018, 14147765772964],
  [2019, 14560167101283], [2020, 14996414166715], [2021, 18201698719564], [2022, 18316765021690],
  [2023, 18270356654533], [2024, 18743803170827],
].map(([year, gdp_usd]) => ({ year, gdp_usd }));

const groups = loadGroups();

/** A small curated-codes table: the fields of data/study/codes.csv the generator reads. */
function fixtureRows(): SyntheticCodeRow[] {
  const rows: SyntheticCodeRow[] = [];
  const row = (batch: 1 | 2 | 3, code: string, group_id: number, first_year: number, last_year: number) => rows.push({ batch, code, group_id, first_year, last_year });
  // ICs: the 2017 split of 85423100 etc.
  for (const [c, a, b] of [['85423100', 2015, 2016], ['85423200', 2015, 2016], ['85423900', 2015, 2016], ['85423111', 2017, 2025], ['85423119', 2017, 2025], ['85423190', 2017, 2025], ['85423210', 2017, 2025], ['85423910', 2017, 2025]] as const)
    row(1, c, 2, a, b);
  for (let g = 1; g <= 17; g++) {
    if (g === 2) continue;
    const batch = g === 17 ? 3 : 1; // Medicaments come only with the tariff-exemption list
    for (let k = 0; k < 3; k++) row(batch, String(99000000 + g * 100 + k), g, 2015, 2025);
  }
  // a batch-2 bridged pair, a code listed twice (batches 1 and 3), a batch-2 code valid all period
  row(2, '84561000', 5, 2015, 2016);
  row(2, '84561100', 5, 2017, 2025);
  row(3, '85423111', 2, 2017, 2025);
  row(2, '84141000', 8, 2015, 2025);
  return rows;
}
const fixture: SyntheticCodeRow[] = fixtureRows();

/** The published matrix (docs/METHOD.md, step 4), by group id. */
const PUBLISHED: Record<number, [growth: 'high' | 'low', volatility: 'high' | 'medium' | 'low']> = {
  1: ['low', 'medium'], 2: ['high', 'medium'], 3: ['high', 'high'], 4: ['high', 'high'], 5: ['high', 'medium'],
  6: ['high', 'high'], 7: ['low', 'medium'], 8: ['high', 'high'], 9: ['high', 'low'], 10: ['low', 'low'],
  11: ['high', 'high'], 12: ['low', 'low'], 13: ['low', 'low'], 14: ['low', 'low'], 15: ['high', 'medium'],
  16: ['low', 'high'], 17: ['high', 'high'],
};

// ---------- an independent V / G computation (docs/METHOD.md, step 3, with the library defaults) ----------

const MONTHS = syntheticMonths('2015-01', '2025-06');

/** V = SD (sample, n − 1) / mean over 2015-01..2024-12. */
function V(x: number[]): number {
  const y = x.slice(0, 120);
  const m = y.reduce((a, b) => a + b, 0) / y.length;
  return Math.sqrt(y.reduce((a, b) => a + (b - m) ** 2, 0) / (y.length - 1)) / m;
}
/** G = Σ t·(x_t − base)/base / Σ t, t = 1..120; base = the first month (the printed formula, the default), or with k = 12 the first-year mean (the variant). */
function G(x: number[], k = 1): number {
  const base = x.slice(0, k).reduce((a, b) => a + b, 0) / k;
  let num = 0;
  let den = 0;
  for (let t = 1; t <= 120; t++) {
    num += t * ((x[t - 1] - base) / base);
    den += t;
  }
  return num / den;
}
function cell(v: number, g: number): [string, string] {
  return [g > 0.5 ? 'high' : 'low', v > 0.3 ? 'high' : v >= 0.24 ? 'medium' : 'low'];
}

/** Monthly group sums over the distinct codes a batch lists in a group, read from the CSV text. */
function groupSumsFromCsv(csv: string, codes: SyntheticCodeRow[], batch: number, groupId: number): number[] {
  const listed = new Set(codes.filter((c) => c.batch === batch && c.group_id === groupId).map((c) => c.code));
  const sum = new Array<number>(MONTHS.length).fill(0);
  const idx = new Map(MONTHS.map((m, i) => [m, i]));
  for (const line of csv.split('\n').slice(2)) {
    if (!line) continue;
    const [code, , month, value] = line.split(',');
    if (listed.has(code)) sum[idx.get(month) as number] += Number(value);
  }
  return sum;
}
function annual(sum: number[], year: number): number {
  return sum.reduce((a, v, i) => (MONTHS[i].startsWith(String(year)) ? a + v : a), 0);
}

function gen(seed = SYNTHETIC_DEFAULT_SEED, codes = fixture): { panel: TeachingPanel; csv: string } {
  const panel = generateTeachingPanel(codes, groups, GDP, { seed });
  return { panel, csv: teachingPanelCsv(panel) };
}

const base = gen();

// ---------- tests ----------

describe('syntheticRng', () => {
  it('is mulberry32: known first draws for seed 1', () => {
    const r = syntheticRng(1);
    expect(r.uniform()).toBe(0.6270739405881613);
    expect(syntheticRng(1).uniform()).toBe(0.6270739405881613);
    expect(syntheticRng(2).uniform()).not.toBe(0.6270739405881613);
  });
  it('normal draws have mean ≈ 0 and SD ≈ 1', () => {
    const r = syntheticRng(42);
    const n = 20000;
    const xs = Array.from({ length: n }, () => r.normal());
    const m = xs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / n);
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });
  it('uniform draws stay in [0, 1) for any seed', () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      const r = syntheticRng(seed);
      for (let i = 0; i < 50; i++) {
        const u = r.uniform();
        if (!(u >= 0 && u < 1)) return false;
      }
      return true;
    }));
  });
  it('rejects a non-integer seed; hashes are stable and distinct', () => {
    expect(() => syntheticRng(1.5)).toThrow(/syntheticRng: seed must be a finite integer/);
    expect(() => syntheticRng(NaN)).toThrow(/seed/);
    expect(syntheticHash(1, 'code', '85423111')).toBe(syntheticHash(1, 'code', '85423111'));
    expect(syntheticHash(1, 'code', '85423111')).not.toBe(syntheticHash(1, 'code', '85423119'));
  });
});

describe('syntheticMonths', () => {
  it('lists months inclusive, across a year end', () => {
    expect(syntheticMonths('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(MONTHS.length).toBe(126);
  });
  it('rejects malformed or reversed months', () => {
    expect(() => syntheticMonths('2015-13', '2016-01')).toThrow(/YYYY-MM/);
    expect(() => syntheticMonths('2016-01', '2015-01')).toThrow(/before start/);
  });
});

describe('generateTeachingPanel: determinism and labels', () => {
  it('same seed → byte-identical panel, meta and BEC files', () => {
    const again = gen();
    expect(again.csv).toBe(base.csv);
    const bec1 = generateBecTotals(base.panel, GDP);
    const bec2 = generateBecTotals(again.panel, GDP);
    expect(teachingPanelMetaJson(again.panel, bec2)).toBe(teachingPanelMetaJson(base.panel, bec1));
    expect(becTotalsCsv(bec2, SYNTHETIC_DEFAULT_SEED)).toBe(becTotalsCsv(bec1, SYNTHETIC_DEFAULT_SEED));
  });
  it('different seed → different values', () => {
    const other = gen(7);
    expect(other.csv).not.toBe(base.csv);
    expect(other.panel.rows.length).toBe(base.panel.rows.length);
  });
  it('carries the SYNTHETIC marker in the file header and the meta', () => {
    const lines = base.csv.split('\n');
    expect(lines[0]).toBe(`# SYNTHETIC teaching panel — generated, not China Customs data. Seed ${SYNTHETIC_DEFAULT_SEED}; generator lib/synthetic/teaching.ts v2.0.0; see data/README.md`);
    expect(lines[1]).toBe('code,level,month,value_usd');
    const meta = JSON.parse(teachingPanelMetaJson(base.panel, generateBecTotals(base.panel, GDP)));
    expect(meta.synthetic).toBe(true);
    expect(meta.description).toMatch(/^SYNTHETIC/);
    expect(meta.becTotals.synthetic).toBe(true);
    expect(meta.seed).toBe(SYNTHETIC_DEFAULT_SEED);
    const bec = becTotalsCsv(generateBecTotals(base.panel, GDP), 5).split('\n');
    expect(bec[0]).toMatch(/^# SYNTHETIC BEC end-use import totals — generated, not UN or China Customs data\. Seed 5;/);
    expect(bec[1]).toBe('year,end_use,value_usd');
  });
  it('has no negative, NaN or fractional values; rows sorted by code then month', () => {
    const body = base.csv.split('\n').slice(2).filter(Boolean);
    expect(body.length).toBe(base.panel.rows.length);
    let prev = '';
    for (const line of body) {
      const [code, level, month, value] = line.split(',');
      expect(level).toBe('HS8');
      expect(value).toMatch(/^\d+$/);
      const key = `${code} ${month}`;
      expect(key > prev).toBe(true);
      prev = key;
    }
    for (const r of base.panel.rows) expect(Number.isFinite(r.value) && r.value >= 0).toBe(true);
  });
  it('has exactly the months of each code’s valid years', () => {
    const seen = new Map<string, string[]>();
    for (const r of base.panel.rows) (seen.get(r.code) ?? seen.set(r.code, []).get(r.code)!).push(r.month);
    expect(seen.get('85423100')).toEqual(syntheticMonths('2015-01', '2016-12'));
    expect(seen.get('85423111')).toEqual(syntheticMonths('2017-01', '2025-06'));
    expect(seen.get('84561000')).toEqual(syntheticMonths('2015-01', '2016-12'));
    expect(seen.get('84141000')).toEqual(MONTHS);
    // every distinct code of the fixture, once
    expect([...seen.keys()].sort()).toEqual([...new Set(fixture.map((c) => c.code))].sort());
    for (const c of fixture) {
      const months = seen.get(c.code)!;
      expect(months).toEqual(syntheticMonths(`${c.first_year}-01`, c.last_year === 2025 ? '2025-06' : `${c.last_year}-12`));
    }
  });
  it('gives one series per code whatever batches list it (85423111 in batches 1 and 3)', () => {
    expect(base.panel.rows.filter((r) => r.code === '85423111').length).toBe(102);
  });
  it('keeps a code’s values when an unrelated group gains a code', () => {
    const more = [...fixture, { batch: 1 as const, code: '99001099', group_id: 10, first_year: 2015, last_year: 2025 }];
    const b = gen(SYNTHETIC_DEFAULT_SEED, more);
    const pick = (p: TeachingPanel) => p.rows.filter((r) => r.code === '85423119').map((r) => r.value);
    expect(pick(b.panel)).toEqual(pick(base.panel));
  });
});

describe('generateTeachingPanel: every group lands in its published cell', () => {
  const primaryBatch = (g: number) => (g === 17 ? 3 : 1);
  it.each(Object.keys(PUBLISHED).map(Number))('group %i', (g) => {
    const sum = groupSumsFromCsv(base.csv, fixture, primaryBatch(g), g);
    const v = V(sum);
    const gr = G(sum);
    expect(cell(v, gr)).toEqual(PUBLISHED[g]);
    // also clear of the band edges so population SD (× 0.9958) keeps the cell (0.23: the printed "low ≤ 0.23")
    expect(Math.abs(gr - 0.5)).toBeGreaterThan(0.05);
    for (const edge of [0.23, 0.24, 0.3]) expect(Math.abs(v - edge)).toBeGreaterThan(0.02);
    // the first-year-mean variant of the base keeps the published cell too
    expect(cell(v, G(sum, 12))).toEqual(PUBLISHED[g]);
    // the library's own indices and bands (lib/steps/indices.ts, lib/steps/partition.ts), default options
    const lib = seriesIndices(sum, MONTHS);
    expect(lib.V).toBeCloseTo(v, 10);
    expect(lib.G).toBeCloseTo(gr, 10);
    expect([growthBand(lib.G!), volatilityBand(lib.V!)]).toEqual(PUBLISHED[g]);
    // the meta reports what the file holds
    const a = base.panel.meta.groups.find((x) => x.groupId === g)!.achieved!;
    expect(a.V).toBeCloseTo(v, 5);
    expect(a.G).toBeCloseTo(gr, 5);
  });
  it('the four semiconductor-equipment groups have the largest V and the largest G (notebook 03 says so)', () => {
    const equipment = [3, 6, 8, 11];
    const all = Object.keys(PUBLISHED).map(Number).map((g) => {
      const sum = groupSumsFromCsv(base.csv, fixture, primaryBatch(g), g);
      return { g, v: V(sum), gr: G(sum) };
    });
    const top = (key: 'v' | 'gr') => [...all].sort((a, b) => b[key] - a[key]).slice(0, 4).map((x) => x.g).sort((a, b) => a - b);
    expect(top('v')).toEqual(equipment);
    expect(top('gr')).toEqual(equipment);
  });
  it('the first month is a typical month: its share of 2015 is the noise-free one, the same for every seed', () => {
    const other = gen(7);
    for (const g of Object.keys(PUBLISHED).map(Number)) {
      const a = groupSumsFromCsv(base.csv, fixture, primaryBatch(g), g);
      const b = groupSumsFromCsv(other.csv, fixture, primaryBatch(g), g);
      const shareA = a[0] / annual(a, 2015);
      // the same share whatever the seed (up to whole-dollar rounding), while the other months differ
      expect(Math.abs(shareA - b[0] / annual(b, 2015))).toBeLessThan(1e-6);
      expect(a[1]).not.toBe(b[1]);
      // and within 15 % of the 2015 monthly mean (trend × season: a January, no outlier)
      expect(Math.abs(shareA * 12 - 1)).toBeLessThan(0.15);
    }
  });
  it('lands for any seed (property, 12 seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const { csv } = gen(seed);
        for (const g of Object.keys(PUBLISHED).map(Number)) {
          const sum = groupSumsFromCsv(csv, fixture, primaryBatch(g), g);
          const c = cell(V(sum), G(sum));
          if (c[0] !== PUBLISHED[g][0] || c[1] !== PUBLISHED[g][1]) return false;
        }
        return true;
      }),
      { numRuns: 12 },
    );
  });
});

describe('calibration to the published shares of GDP', () => {
  const gdp = (y: number) => GDP.find((r) => r.year === y)!.gdp_usd;
  const semiCap = [1, 3, 6, 8, 11];
  const capSum = (y: number) => semiCap.reduce((a, g) => a + annual(groupSumsFromCsv(base.csv, fixture, 1, g), y), 0);
  const icSum = (y: number) => annual(groupSumsFromCsv(base.csv, fixture, 1, 2), y);
  const pct = (usd: number, y: number) => (usd / gdp(y)) * 100;

  it('semiconductor capital: 0.09 % (2015) → 0.16 % (2024), within 0.005 pp', () => {
    expect(Math.abs(pct(capSum(2015), 2015) - 0.09)).toBeLessThan(0.005);
    expect(Math.abs(pct(capSum(2024), 2024) - 0.16)).toBeLessThan(0.005);
  });
  it('ICs: 1.85 % (2015) → 2.12 % peak in 2021 → 1.64 % (2024)', () => {
    expect(Math.abs(pct(icSum(2015), 2015) - 1.85)).toBeLessThan(0.005);
    expect(Math.abs(pct(icSum(2021), 2021) - 2.12)).toBeLessThan(0.005);
    expect(Math.abs(pct(icSum(2024), 2024) - 1.64)).toBeLessThan(0.005);
    const shares = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024].map((y) => pct(icSum(y), y));
    expect(Math.max(...shares)).toBe(shares[6]);
  });
  it('BEC totals minus the semiconductor sums meet the adjusted endpoints, with the 2024 uptick', () => {
    const text = becTotalsCsv(generateBecTotals(base.panel, GDP), SYNTHETIC_DEFAULT_SEED);
    const rows = text.split('\n').slice(2).filter(Boolean).map((l) => l.split(','));
    expect(rows.length).toBe(20);
    const bec = (y: number, e: string) => Number(rows.find((r) => r[0] === String(y) && r[1] === e)![2]);
    const capAdj = (y: number) => pct(bec(y, 'capital') - capSum(y), y);
    const intAdj = (y: number) => pct(bec(y, 'intermediate') - icSum(y), y);
    expect(Math.abs(capAdj(2015) - 2.06)).toBeLessThan(0.005);
    expect(Math.abs(capAdj(2024) - 1.27)).toBeLessThan(0.005);
    expect(Math.abs(intAdj(2015) - 6.4)).toBeLessThan(0.005);
    expect(Math.abs(intAdj(2024) - 5.26)).toBeLessThan(0.005);
    expect(Math.abs(capAdj(2015) + intAdj(2015) - 8.46)).toBeLessThan(0.005);
    expect(Math.abs(capAdj(2024) + intAdj(2024) - 6.53)).toBeLessThan(0.005);
    expect(capAdj(2024) + intAdj(2024)).toBeGreaterThan(capAdj(2023) + intAdj(2023));
    // a smooth decline in between
    for (let y = 2016; y <= 2023; y++) expect(capAdj(y) + intAdj(y)).toBeLessThan(capAdj(y - 1) + intAdj(y - 1));
  });
});

describe('generateTeachingPanel: bad input', () => {
  it('rejects a malformed code, an unknown group, missing GDP, a bad seed', () => {
    const row = (over: Partial<SyntheticCodeRow>): SyntheticCodeRow[] => [...fixture, { batch: 1, code: '12345678', group_id: 1, first_year: 2015, last_year: 2025, ...over }];
    expect(() => generateTeachingPanel(row({ code: '1234' }), groups, GDP)).toThrow(/code must be 8 digits \(got "1234"\)/);
    expect(() => generateTeachingPanel(row({ group_id: 99 }), groups, GDP)).toThrow(/unknown group \(got 99\)/);
    expect(() => generateTeachingPanel(row({ first_year: 2020, last_year: 2018 }), groups, GDP)).toThrow(/first year after last year/);
    expect(() => generateTeachingPanel(fixture, groups, GDP.filter((g) => g.year !== 2020))).toThrow(/GDP table lacks a year of 2015–2024 \(got 2020\)/);
    expect(() => generateTeachingPanel(fixture, groups, GDP, { seed: 0.5 })).toThrow(/seed must be an integer/);
  });
  it('reports (does not hide) a group without codes and a code listed in two groups', () => {
    const p = generateTeachingPanel(
      [...fixture.filter((c) => c.group_id !== 13), { batch: 2, code: '99000100', group_id: 4, first_year: 2015, last_year: 2025 }],
      groups,
      GDP,
    );
    expect(p.meta.warnings.some((w) => /group 13 .* has no codes/.test(w))).toBe(true);
    expect(p.meta.warnings.some((w) => /code 99000100 is listed in group 1 .* and group 4/.test(w))).toBe(true);
  });
});

describe('universe generator', () => {
  const codes = Array.from({ length: 40 }, (_, k) => String(10000000 + k * 7919).padStart(8, '0'));
  it('aggregate is deterministic, complete and finite', () => {
    const a = generateUniverseAggregate({ codes, seed: 3 });
    const b = generateUniverseAggregate({ codes, seed: 3 });
    expect(a.panel.codes).toEqual([...codes].sort());
    expect(a.panel.months.length).toBe(126);
    expect(a.panel.source.kind).toBe('synthetic');
    expect(a.panel.source.label).toMatch(/^SYNTHETIC/);
    expect(a.shapes).toEqual(b.shapes);
    a.panel.values.forEach((v, k) => {
      expect(Array.from(v)).toEqual(Array.from(b.panel.values[k]));
      for (const x of v) expect(Number.isInteger(x) && x >= 0).toBe(true);
    });
    expect(generateUniverseAggregate({ codes, seed: 4 }).panel.values[0]).not.toEqual(a.panel.values[0]);
  });
  it('a code’s series does not depend on the other codes', () => {
    const a = generateUniverseAggregate({ codes, seed: 3 });
    const one = generateUniverseAggregate({ codes: [codes[5]], seed: 3 });
    expect(Array.from(one.panel.values[0])).toEqual(Array.from(a.panel.values[a.panel.codes.indexOf(codes[5])]));
  });
  it('streams code × month × partner rows whose partner sums match the aggregate', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'synth-')), 'u.csv');
    const few = codes.slice(0, 5);
    const stats = generateUniverse({ codes: few, seed: 3, partners: 4, file, start: '2020-01', end: '2020-12' });
    expect(stats.rows).toBe(5 * 12 * 4);
    const text = fs.readFileSync(file, 'utf8');
    expect(stats.bytes).toBe(Buffer.byteLength(text));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^# SYNTHETIC universe — generated, not China Customs data\. Seed 3;/);
    expect(lines[1]).toBe('code,level,month,value_usd,partner,regime');
    const agg = generateUniverseAggregate({ codes: few, seed: 3, start: '2020-01', end: '2020-12' });
    const sums = new Map<string, number>();
    for (const l of lines.slice(2).filter(Boolean)) {
      const [c, level, m, v] = l.split(',');
      expect(level).toBe('HS8');
      expect(v).toMatch(/^\d+$/);
      sums.set(`${c} ${m}`, (sums.get(`${c} ${m}`) ?? 0) + Number(v));
    }
    agg.panel.codes.forEach((c, k) => agg.panel.months.forEach((m, i) => expect(Math.abs(sums.get(`${c} ${m}`)! - agg.panel.values[k][i])).toBeLessThanOrEqual(2)));
    // same seed → same bytes
    const file2 = file + '2';
    generateUniverse({ codes: few, seed: 3, partners: 4, file: file2, start: '2020-01', end: '2020-12' });
    expect(fs.readFileSync(file2, 'utf8')).toBe(text);
    fs.rmSync(path.dirname(file), { recursive: true });
  });
  it('assigns shapes in the documented shares, and a screen finds them', () => {
    const many = Array.from({ length: 3000 }, (_, k) => String(10000000 + k * 17).padStart(8, '0'));
    const u = generateUniverseAggregate({ codes: many, seed: 11 });
    const count: Record<string, number> = {};
    for (const s of u.shapes) count[s] = (count[s] ?? 0) + 1;
    for (const [s, p] of Object.entries(UNIVERSE_SHAPE_SHARES)) expect(Math.abs(count[s] / many.length - p)).toBeLessThan(0.03);
    const hit = (shape: string, test: (v: number, g: number) => boolean) => {
      const ks = u.shapes.map((s, k) => (s === shape ? k : -1)).filter((k) => k >= 0);
      return ks.filter((k) => test(V(Array.from(u.panel.values[k])), G(Array.from(u.panel.values[k])))).length / ks.length;
    };
    expect(hit('surge-and-fall', (v, g) => v > 0.3 && g > 0.5)).toBeGreaterThan(0.6);
    expect(hit('decline', (_v, g) => g < 0.5)).toBeGreaterThan(0.95);
    expect(hit('steady growth', (v, g) => g > 0.5 && v <= 0.3)).toBeGreaterThan(0.6);
  });
  it('rejects bad options', () => {
    expect(() => generateUniverseAggregate({ codes: [], seed: 1 })).toThrow(/codes must be a non-empty array/);
    expect(() => generateUniverseAggregate({ codes: ['123'], seed: 1 })).toThrow(/every code must be 8 digits \(got "123"\)/);
    expect(() => generateUniverse({ codes, seed: 1, partners: 0, file: path.join(os.tmpdir(), 'x.csv') })).toThrow(/partners must be/);
  });
});

describe('the real curated code table (data/study/codes.csv)', () => {
  it('generates, lands every group with codes in its published cell, and calibrates', () => {
    const { codes } = loadTeachingInputs();
    const panel = generateTeachingPanel(codes, groups, GDP);
    const csv = teachingPanelCsv(panel);
    for (const g of panel.meta.groups) {
      if (g.primaryBatch === null) continue;
      const sum = groupSumsFromCsv(csv, codes, g.primaryBatch, g.groupId);
      expect([g.groupId, ...cell(V(sum), G(sum))]).toEqual([g.groupId, ...PUBLISHED[g.groupId]]);
    }
    const cap = panel.meta.calibration.achieved;
    expect(Math.abs(cap[0].semiCapitalPct - 0.09)).toBeLessThan(0.005);
    expect(Math.abs(cap[9].semiCapitalPct - 0.16)).toBeLessThan(0.005);
    expect(Math.abs(cap[0].semiIntermediatePct - 1.85)).toBeLessThan(0.005);
    expect(Math.abs(cap[9].semiIntermediatePct - 1.64)).toBeLessThan(0.005);
  });
});
