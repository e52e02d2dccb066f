import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../../lib/io/paths.js';
import { seriesIndices } from '../../../lib/steps/indices.js';
import { growthBand, volatilityBand } from '../../../lib/steps/partition.js';
import { generateBecTotals } from '../../../lib/synthetic/bec-totals.js';
import {
  SYNTHETIC_DEFAULT_SEED,
  TEACHING_GENERATOR_FILE,
  TEACHING_PERIOD,
  generateTeachingPanel,
  round6,
  type TeachingPanel,
} from '../../../lib/synthetic/generate.js';
import { loadTeachingInputs, type SyntheticCodeRow, type SyntheticGdpRow } from '../../../lib/synthetic/inputs.js';
import { syntheticMonths } from '../../../lib/synthetic/paths.js';
import { becTotalsCsv, teachingPanelCsv, teachingPanelMetaJson } from '../../../lib/synthetic/serialize.js';
import * as teaching from '../../../lib/synthetic/teaching.js';
import { gdp2015to2024, publishedCells, publishedShare } from '../../helpers/fixtures.js';
import { naiveCell, naiveG, naiveV } from '../../helpers/naive-indices.js';
import { fixtureRows, groupSumsFromCsv, primaryBatch } from '../../helpers/synthetic-codes.js';

const { codes, groups, gdp } = loadTeachingInputs();
const panel = generateTeachingPanel(codes, groups, gdp);
const MONTHS = syntheticMonths(...TEACHING_PERIOD);
/** The months the default panel has rows for: January and February are one figure (in February) from 2020. */
const published = (months: string[]) => months.filter((m) => !(m.endsWith('-01') && +m.slice(0, 4) >= 2020));

/** Monthly sum over the distinct codes a batch lists in a group, read from the panel rows. */
function groupSum(batch: number, groupId: number): Float64Array {
  const listed = new Set(codes.filter((c) => c.batch === batch && c.group_id === groupId).map((c) => c.code));
  const at = new Map(MONTHS.map((m, i) => [m, i]));
  const sum = new Float64Array(MONTHS.length);
  for (const r of panel.rows) if (listed.has(r.code)) sum[at.get(r.month)!] += r.value;
  return sum;
}
/** The years whose January and February the default panel publishes as one figure. */
const COMBINED = [2020, 2021, 2022, 2023, 2024, 2025];

// ---------- a small curated-codes table, and the published cells, from the data files ----------

/** China's GDP 2015–2024 (data/study/gdp.csv). */
const GDP: SyntheticGdpRow[] = gdp2015to2024();

const fixture: SyntheticCodeRow[] = fixtureRows();

/** The published matrix (data/study/published.json), by group id. */
const PUBLISHED = publishedCells();

function annual(sum: number[], year: number): number {
  return sum.reduce((a, v, i) => (MONTHS[i].startsWith(String(year)) ? a + v : a), 0);
}
function gen(
  seed = SYNTHETIC_DEFAULT_SEED,
  codes = fixture,
  combineJanFeb?: false,
): { panel: TeachingPanel; csv: string } {
  const panel = generateTeachingPanel(codes, groups, GDP, { seed, combineJanFeb });
  return { panel, csv: teachingPanelCsv(panel) };
}

const base = gen();
/** The same panel with every month apart (combineJanFeb false): the calibrated monthly values themselves. */
const flat = gen(SYNTHETIC_DEFAULT_SEED, fixture, false);

describe('generateTeachingPanel: what the meta reports is what the study computes', () => {
  it('every landing’s V, G and cell are the library’s indices and bands (default options, combined Jan–Feb treated) of the group sum', () => {
    expect(panel.meta.landings.length).toBeGreaterThan(17);
    for (const l of panel.meta.landings) {
      // the study's indices: the combined January–February of 2020–2025 treated by the default janFeb choice
      const ix = seriesIndices(groupSum(l.batch, l.groupId), MONTHS, {}, 'sum', COMBINED);
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
    expect(
      ((seriesIndices(x, MONTHS, { sd: 'population' }).V as number) / (seriesIndices(x, MONTHS).V as number)).toFixed(
        4,
      ),
    ).toBe(ratio);
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
    const expected = [...years.values()].reduce(
      (n, [a, b]) => n + published(MONTHS).filter((m) => +m.slice(0, 4) >= a && +m.slice(0, 4) <= b).length,
      0,
    );
    expect(panel.rows.length).toBe(expected);
  });
  it('rejects bad input, naming the function and the value', () => {
    expect(() => generateTeachingPanel(codes, groups, gdp, { seed: 1.5 })).toThrow(
      'generateTeachingPanel: seed must be an integer (got 1.5)',
    );
    expect(() =>
      generateTeachingPanel(
        codes,
        groups,
        gdp.filter((r) => r.year !== 2019),
      ),
    ).toThrow('generateTeachingPanel: GDP table lacks a year of 2015–2024 (got 2019)');
    expect(() => generateTeachingPanel(codes, groups, [...gdp, { year: 2030, gdp_usd: -1 }])).toThrow(
      'generateTeachingPanel: GDP for 2030 must be a positive number (got -1)',
    );
    expect(() => generateTeachingPanel(codes, groups, gdp, { shapes: [] })).toThrow(
      'generateTeachingPanel: no shape for group (got 1)',
    );
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
    expect(lines[0]).toBe(
      `# SYNTHETIC teaching panel — generated, not China Customs data. Seed ${SYNTHETIC_DEFAULT_SEED}; generator lib/synthetic/teaching.ts v2.1.0; see data/README.md`,
    );
    expect(lines[1]).toBe('code,level,month,value_usd');
    const meta = JSON.parse(teachingPanelMetaJson(base.panel, generateBecTotals(base.panel, GDP)));
    expect(meta.synthetic).toBe(true);
    expect(meta.description).toMatch(/^SYNTHETIC/);
    expect(meta.becTotals.synthetic).toBe(true);
    expect(meta.seed).toBe(SYNTHETIC_DEFAULT_SEED);
    const bec = becTotalsCsv(generateBecTotals(base.panel, GDP), 5).split('\n');
    expect(bec[0]).toMatch(
      /^# SYNTHETIC BEC end-use import totals — generated, not UN or China Customs data\. Seed 5;/,
    );
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
    expect(seen.get('85423111')).toEqual(published(syntheticMonths('2017-01', '2025-06')));
    expect(seen.get('84561000')).toEqual(syntheticMonths('2015-01', '2016-12'));
    expect(seen.get('84141000')).toEqual(published(MONTHS));
    // every distinct code of the fixture, once
    expect([...seen.keys()].sort()).toEqual([...new Set(fixture.map((c) => c.code))].sort());
    for (const c of fixture) {
      const months = seen.get(c.code)!;
      expect(months).toEqual(
        published(syntheticMonths(`${c.first_year}-01`, c.last_year === 2025 ? '2025-06' : `${c.last_year}-12`)),
      );
    }
  });
  it('gives one series per code whatever batches list it (85423111 in batches 1 and 3)', () => {
    // 2017-01..2025-06 = 102 months, less the Januaries of 2020–2025 (combined with February)
    expect(base.panel.rows.filter((r) => r.code === '85423111').length).toBe(96);
  });
  it('combines January and February from 2020 (the default): no January row, February = both months of the flat panel', () => {
    expect(base.panel.meta.combineJanFeb).toEqual({ from: 2020 });
    expect(flat.panel.meta.combineJanFeb).toBeNull();
    const key = (r: { code: string; month: string }) => `${r.code} ${r.month}`;
    const flatBy = new Map(flat.panel.rows.map((r) => [key(r), r.value] as const));
    const want = flat.panel.rows
      .filter((r) => !(r.month.endsWith('-01') && +r.month.slice(0, 4) >= 2020))
      .map((r) => {
        const y = +r.month.slice(0, 4);
        const jan = r.month.endsWith('-02') && y >= 2020 ? flatBy.get(`${r.code} ${y}-01`)! : 0;
        return `${key(r)} ${r.value + jan}`;
      });
    expect(base.panel.rows.map((r) => `${key(r)} ${r.value}`)).toEqual(want);
    // e.g. one code's 2021: its February row holds January + February of the flat panel
    const f = (p: TeachingPanel, m: string) => p.rows.find((r) => r.code === '85423111' && r.month === m)?.value;
    expect(f(base.panel, '2021-01')).toBeUndefined();
    expect(f(base.panel, '2021-02')).toBe(f(flat.panel, '2021-01')! + f(flat.panel, '2021-02')!);
    expect(f(base.panel, '2019-01')).toBe(f(flat.panel, '2019-01'));
  });
  it('keeps a code’s values when an unrelated group gains a code', () => {
    const more = [...fixture, { batch: 1 as const, code: '99001099', group_id: 10, first_year: 2015, last_year: 2025 }];
    const b = gen(SYNTHETIC_DEFAULT_SEED, more);
    const pick = (p: TeachingPanel) => p.rows.filter((r) => r.code === '85423119').map((r) => r.value);
    expect(pick(b.panel)).toEqual(pick(base.panel));
  });
});

// The calibration lands the monthly values themselves: these checks read the flat panel (every month apart);
// the default, combined panel's landings are the library's treatment of it (first describe above).
describe('generateTeachingPanel: every group lands in its published cell', () => {
  it.each(Object.keys(PUBLISHED).map(Number))('group %i', (g) => {
    const sum = groupSumsFromCsv(flat.csv, fixture, primaryBatch(g), g);
    const v = naiveV(sum);
    const gr = naiveG(sum);
    expect(naiveCell(v, gr)).toEqual(PUBLISHED[g]);
    // also clear of the band edges so population SD (× 0.9958) keeps the cell (0.23: the printed "low ≤ 0.23")
    expect(Math.abs(gr - 0.5)).toBeGreaterThan(0.05);
    for (const edge of [0.23, 0.24, 0.3]) expect(Math.abs(v - edge)).toBeGreaterThan(0.02);
    // the first-year-mean variant of the base keeps the published cell too
    expect(naiveCell(v, naiveG(sum, 12))).toEqual(PUBLISHED[g]);
    // the library's own indices and bands (lib/steps/indices.ts, lib/steps/partition.ts), default options
    const lib = seriesIndices(sum, MONTHS);
    expect(lib.V).toBeCloseTo(v, 10);
    expect(lib.G).toBeCloseTo(gr, 10);
    expect([growthBand(lib.G!), volatilityBand(lib.V!)]).toEqual(PUBLISHED[g]);
    // the meta reports what the file holds
    const a = flat.panel.meta.groups.find((x) => x.groupId === g)!.achieved!;
    expect(a.V).toBeCloseTo(v, 5);
    expect(a.G).toBeCloseTo(gr, 5);
  });
  it('the four semiconductor-equipment groups have the largest V and the largest G (notebook 03 says so)', () => {
    const equipment = [3, 6, 8, 11];
    const all = Object.keys(PUBLISHED)
      .map(Number)
      .map((g) => {
        const sum = groupSumsFromCsv(flat.csv, fixture, primaryBatch(g), g);
        return { g, v: naiveV(sum), gr: naiveG(sum) };
      });
    const top = (key: 'v' | 'gr') =>
      [...all]
        .sort((a, b) => b[key] - a[key])
        .slice(0, 4)
        .map((x) => x.g)
        .sort((a, b) => a - b);
    expect(top('v')).toEqual(equipment);
    expect(top('gr')).toEqual(equipment);
  });
  it('the first month is a typical month: its share of 2015 is the noise-free one, the same for every seed', () => {
    const other = gen(7, fixture, false);
    for (const g of Object.keys(PUBLISHED).map(Number)) {
      const a = groupSumsFromCsv(flat.csv, fixture, primaryBatch(g), g);
      const b = groupSumsFromCsv(other.csv, fixture, primaryBatch(g), g);
      const shareA = a[0] / annual(a, 2015);
      // the same share whatever the seed (up to whole-dollar rounding), while the other months differ
      expect(Math.abs(shareA - b[0] / annual(b, 2015))).toBeLessThan(1e-6);
      expect(a[1]).not.toBe(b[1]);
      // and within 15 % of the 2015 monthly mean (trend × season: a January, no outlier)
      expect(Math.abs(shareA * 12 - 1)).toBeLessThan(0.15);
    }
  });
});

describe('calibration to the published shares of GDP', () => {
  const gdp = (y: number) => GDP.find((r) => r.year === y)!.gdp_usd;
  const semiCap = [1, 3, 6, 8, 11];
  const capSum = (y: number) => semiCap.reduce((a, g) => a + annual(groupSumsFromCsv(base.csv, fixture, 1, g), y), 0);
  const icSum = (y: number) => annual(groupSumsFromCsv(base.csv, fixture, 1, 2), y);
  const pct = (usd: number, y: number) => (usd / gdp(y)) * 100;

  it('semiconductor capital: 0.09 % (2015) → 0.16 % (2024), within 0.005 pp', () => {
    expect(Math.abs(pct(capSum(2015), 2015) - publishedShare('semi_capital_start'))).toBeLessThan(0.005);
    expect(Math.abs(pct(capSum(2024), 2024) - publishedShare('semi_capital_end'))).toBeLessThan(0.005);
  });
  it('ICs: 1.85 % (2015) → 2.12 % peak in 2021 → 1.64 % (2024)', () => {
    expect(Math.abs(pct(icSum(2015), 2015) - publishedShare('semi_intermediate_start'))).toBeLessThan(0.005);
    expect(Math.abs(pct(icSum(2021), 2021) - publishedShare('semi_intermediate_peak'))).toBeLessThan(0.005);
    expect(Math.abs(pct(icSum(2024), 2024) - publishedShare('semi_intermediate_end'))).toBeLessThan(0.005);
    const shares = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024].map((y) => pct(icSum(y), y));
    expect(Math.max(...shares)).toBe(shares[6]);
  });
  it('BEC totals minus the semiconductor sums meet the adjusted endpoints, with the 2024 uptick', () => {
    const text = becTotalsCsv(generateBecTotals(base.panel, GDP), SYNTHETIC_DEFAULT_SEED);
    const rows = text
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((l) => l.split(','));
    expect(rows.length).toBe(20);
    const bec = (y: number, e: string) => Number(rows.find((r) => r[0] === String(y) && r[1] === e)![2]);
    const capAdj = (y: number) => pct(bec(y, 'capital') - capSum(y), y);
    const intAdj = (y: number) => pct(bec(y, 'intermediate') - icSum(y), y);
    expect(Math.abs(capAdj(2015) - publishedShare('capital_adjusted_2015'))).toBeLessThan(0.005);
    expect(Math.abs(capAdj(2024) - publishedShare('capital_adjusted_2024'))).toBeLessThan(0.005);
    expect(Math.abs(intAdj(2015) - publishedShare('intermediate_adjusted_2015'))).toBeLessThan(0.005);
    expect(Math.abs(intAdj(2024) - publishedShare('intermediate_adjusted_2024'))).toBeLessThan(0.005);
    expect(Math.abs(capAdj(2015) + intAdj(2015) - publishedShare('both_adjusted_2015'))).toBeLessThan(0.005);
    expect(Math.abs(capAdj(2024) + intAdj(2024) - publishedShare('both_adjusted_2024'))).toBeLessThan(0.005);
    expect(capAdj(2024) + intAdj(2024)).toBeGreaterThan(capAdj(2023) + intAdj(2023));
    // a smooth decline in between
    for (let y = 2016; y <= 2023; y++) expect(capAdj(y) + intAdj(y)).toBeLessThan(capAdj(y - 1) + intAdj(y - 1));
  });
});

describe('generateTeachingPanel: bad input', () => {
  it('rejects a malformed code, an unknown group, missing GDP, a bad seed', () => {
    const row = (over: Partial<SyntheticCodeRow>): SyntheticCodeRow[] => [
      ...fixture,
      { batch: 1, code: '12345678', group_id: 1, first_year: 2015, last_year: 2025, ...over },
    ];
    expect(() => generateTeachingPanel(row({ code: '1234' }), groups, GDP)).toThrow(
      /code must be 8 digits \(got "1234"\)/,
    );
    expect(() => generateTeachingPanel(row({ group_id: 99 }), groups, GDP)).toThrow(/unknown group \(got 99\)/);
    expect(() => generateTeachingPanel(row({ first_year: 2020, last_year: 2018 }), groups, GDP)).toThrow(
      /first year after last year/,
    );
    expect(() =>
      generateTeachingPanel(
        fixture,
        groups,
        GDP.filter((g) => g.year !== 2020),
      ),
    ).toThrow(/GDP table lacks a year of 2015–2024 \(got 2020\)/);
    expect(() => generateTeachingPanel(fixture, groups, GDP, { seed: 0.5 })).toThrow(/seed must be an integer/);
  });
  it('reports (does not hide) a group without codes and a code listed in two groups', () => {
    const p = generateTeachingPanel(
      [
        ...fixture.filter((c) => c.group_id !== 13),
        { batch: 2, code: '99000100', group_id: 4, first_year: 2015, last_year: 2025 },
      ],
      groups,
      GDP,
    );
    expect(p.meta.warnings.some((w) => /group 13 .* has no codes/.test(w))).toBe(true);
    expect(p.meta.warnings.some((w) => /code 99000100 is listed in group 1 .* and group 4/.test(w))).toBe(true);
  });
});
