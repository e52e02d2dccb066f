/**
 * Real data in one command, end to end and offline: `npm run data:fetch -- comtrade` against
 * the mock API on 127.0.0.1 (study codes monthly, keyless; every code annual, keyed), killed
 * mid-way and resumed, imported into a private STUDY_IMPORTED_DIR, and notebooks 04 and 05
 * run on it with the imported data source. The mock serves the SYNTHETIC teaching panel summed
 * to HS6 (so the expected partition is known), plus other HS6 codes for the BEC totals.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCodes } from '../../../lib/io/data.js';
import { macroTable } from '../../../lib/steps/macro.js';
import { runStudy } from '../../../lib/study.js';
import { loadPanel } from '../../../lib/io/panel.js';
import { readResults } from '../../../lib/present/results.js';
import { hs6Parents } from '../../../lib/steps/hs6-grouping.js';
import { loadHsBecTables, classifyHs6 } from '../../../lib/steps/macro-real.js';
import { formatFailure, listNotebooks, runNotebooks, type NotebookResult } from '../../../scripts/jupyter/runner.js';
import { cachedNotebookRun } from '../../helpers/run-cache.js';
import { startMockComtrade, type MockData, type MockServer } from '../../helpers/mock-comtrade.js';
import { tempDir } from '../../helpers/temp.js';
import { runFetchScript, syntheticHs6Monthly } from '../../helpers/fetch-script.js';

const KEY = 'e2e-SECRET-key-5f1c2b9a';

interface Run {
  code: number | null;
  out: string;
}

/** Run the fetch script (`comtrade` first) as a child process (async: the mock server lives in this process). */
async function fetchRun(
  args: string[],
  env: Record<string, string | undefined> = {},
  killWhen?: () => boolean,
): Promise<Run> {
  const r = await runFetchScript(['comtrade', ...args], { env, killWhen });
  return { code: r.code, out: r.out };
}

/** The SYNTHETIC teaching panel summed to HS6 parents (monthly) and to years (annual), plus other codes. */
function buildMockData(): { data: MockData; others: string[] } {
  const monthly = syntheticHs6Monthly();
  const annual = new Map<string, Map<string, number>>();
  for (const [c, m] of monthly) {
    const a = new Map<string, number>();
    for (const [p, v] of m) if (Number(p.slice(0, 4)) <= 2024) a.set(p.slice(0, 4), (a.get(p.slice(0, 4)) ?? 0) + v);
    annual.set(c, a);
  }
  // other codes, classified alike in the three revisions: 40 capital (BEC 41), 40 intermediate (BEC 22)
  const others: string[] = [];
  const t = loadHsBecTables();
  const want = { capital: 40, intermediate: 40 } as Record<string, number>;
  for (const hs of [...t.HS2012.keys()].sort()) {
    if (monthly.has(hs)) continue;
    const c = (['HS2012', 'HS2017', 'HS2022'] as const).map((r) => classifyHs6(hs, r, t));
    if (!c.every((x) => x && x.rule === 'R1' && x.bec4 === c[0]!.bec4)) continue;
    const eu = c[0]!.end_use;
    if (!want[eu]) continue;
    want[eu]--;
    others.push(hs);
    const a = new Map<string, number>();
    for (let y = 2015; y <= 2024; y++)
      a.set(String(y), (eu === 'capital' ? 4e9 : 1.4e10) + others.length * 1e6 + (y - 2015) * 1e8);
    annual.set(hs, a);
  }
  return { data: { monthly, annual }, others };
}

describe('data:fetch comtrade → import → the study (mock API on 127.0.0.1)', () => {
  const dir = tempDir('comtrade-e2e-');
  const clean = path.join(dir, 'clean');
  const killed = path.join(dir, 'killed');
  let outDir: string;
  let server: MockServer;
  let runs: Record<string, Run> = {};
  let urlsRun1: string[] = [];
  let urlsRun2: string[] = [];
  let cachedAfterKill: string[] = [];
  let results: NotebookResult[] = [];
  const seconds: Record<string, number> = {};

  beforeAll(async () => {
    const t0 = Date.now();
    const { data } = buildMockData();
    server = await startMockComtrade({ data, key: KEY });
    const base = ['--api-base', server.base, '--throttle', '0'];
    // (a) study codes monthly, keyless, clean
    runs.monthly = await fetchRun([...base, '--to', '2025-06', '--out', clean], { COMTRADE_API_KEY: '' });
    // (b) every code annual, keyed (AG6)
    runs.annual = await fetchRun(
      [...base, '--freq', 'annual', '--codes', 'all', '--from', '2015', '--to', '2024', '--out', clean],
      { COMTRADE_API_KEY: KEY },
    );
    seconds.fetch = (Date.now() - t0) / 1000;
    // the same monthly fetch, killed after 8 answered requests, then resumed
    server.requests.length = 0;
    runs.kill = await fetchRun(
      ['--api-base', server.base, '--throttle', '0.05', '--to', '2025-06', '--out', killed],
      { COMTRADE_API_KEY: '' },
      () => server.requests.length >= 8,
    );
    // data calls only: each run first asks the availability service (public/v1/getDa), which is never cached
    urlsRun1 = server.requests.filter((r) => r.path.includes('/preview/')).map((r) => r.url);
    const cacheDir = path.join(killed, 'comtrade', 'cache');
    cachedAfterKill = fs.existsSync(cacheDir)
      ? fs
          .readdirSync(cacheDir)
          .filter((f) => f.endsWith('.meta.json'))
          .map(
            (f) => new URL((JSON.parse(fs.readFileSync(path.join(cacheDir, f), 'utf8')) as { url: string }).url).search,
          )
      : [];
    server.requests.length = 0;
    runs.resume = await fetchRun([...base, '--to', '2025-06', '--out', killed], { COMTRADE_API_KEY: '' });
    urlsRun2 = server.requests.filter((r) => r.path.includes('/preview/')).map((r) => r.url);
    seconds.fetchAll = (Date.now() - t0) / 1000;
    process.env.STUDY_IMPORTED_DIR = clean;
    const t1 = Date.now();
    results = await cachedNotebookRun('comtrade-e2e', 'tests/study/imported/comtrade-fetch.test.ts', (out) =>
      runNotebooks(
        listNotebooks().filter((n) => /\/0[45]-/.test(n)),
        { outDir: out, overrides: { '*': { dataSource: 'imported' } } },
      ),
    );
    outDir = path.dirname(path.dirname(results[0].ipynbFile));
    seconds.notebooks = (Date.now() - t1) / 1000;
    console.log(`comtrade e2e timings (s): ${JSON.stringify(seconds)}`);
  }, 600_000);

  afterAll(async () => {
    delete process.env.STUDY_IMPORTED_DIR;
    await server?.close();
  });

  it('the monthly fetch plans, fetches, imports the World rows and writes the panel with a manifest', () => {
    expect(runs.monthly.code, runs.monthly.out).toBe(0);
    expect(runs.monthly.out).toMatch(
      /monthly, the study's codes \(\d+ HS6 parents of the curated HS8 codes, batches 1–3\), 2015-01 to 2025-06: \d+ requests \(keyless preview, ≤ 500 records each\)/,
    );
    expect(runs.monthly.out).toMatch(/partner 0 \(World\) rows used as the totals/);
    expect(runs.monthly.out).toMatch(/\[#+\] \d+\/\d+ requests, [\d,]+ records, \d+ cached, ETA/);
    const m = JSON.parse(fs.readFileSync(path.join(clean, 'manifest.json'), 'utf8'));
    expect(m.level).toBe('HS6');
    expect(m.period).toEqual(['2015-01', '2025-06']);
    expect(m.fetch.keyed).toBe(false);
    expect(m.fetch.requests.length).toBeGreaterThan(0);
    for (const r of m.fetch.requests) {
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.records).toBe(r.count);
      expect(r.url).toMatch(/\/public\/v1\/preview\/C\/M\/HS\?reporterCode=156&period=\d{6}/);
    }
  });

  it('the imported HS6 panel holds exactly the synthetic panel summed to HS6 parents', () => {
    const prev = process.env.STUDY_IMPORTED_DIR;
    process.env.STUDY_IMPORTED_DIR = clean;
    try {
      const panel = loadPanel({ source: 'imported' });
      expect(panel.source.label).toBe('Imported data from UN Comtrade API, 2015-01 to 2025-06');
      const syn = loadPanel({ source: 'synthetic' });
      const total = (xs: Float64Array) => xs.reduce((a, v) => (Number.isNaN(v) ? a : a + v), 0);
      const want = new Map<string, number>();
      syn.codes.forEach((c, k) => want.set(c.slice(0, 6), (want.get(c.slice(0, 6)) ?? 0) + total(syn.values[k])));
      expect(panel.codes).toEqual([...want.keys()].sort());
      expect(panel.months).toEqual(syn.months);
      panel.codes.forEach((c, k) => expect(total(panel.values[k]) / want.get(c)!).toBeCloseTo(1, 12));
    } finally {
      process.env.STUDY_IMPORTED_DIR = prev;
    }
  });

  it('killed mid-way and resumed: no answered-and-cached request is asked again; the panel is identical', () => {
    expect(runs.kill.code).not.toBe(0);
    expect(runs.resume.code, runs.resume.out).toBe(0);
    expect(cachedAfterKill.length).toBeGreaterThan(0);
    for (const u of urlsRun2) expect(cachedAfterKill).not.toContain(new URL(u, 'http://x').search);
    expect(urlsRun1.length + urlsRun2.length).toBeLessThanOrEqual(
      JSON.parse(fs.readFileSync(path.join(clean, 'manifest.json'), 'utf8')).fetch.requests.length + 1,
    );
    expect(runs.resume.out).toMatch(new RegExp(`${cachedAfterKill.length} already cached`));
    expect(fs.readFileSync(path.join(killed, 'panel.csv'), 'utf8')).toBe(
      fs.readFileSync(path.join(clean, 'panel.csv'), 'utf8'),
    );
    expect(fs.readdirSync(path.join(killed, 'comtrade', 'cache')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the annual keyed fetch: AG6 by HS revision, BEC totals as real data, the key nowhere on disk or screen', () => {
    expect(runs.annual.code, runs.annual.out).toBe(0);
    expect(runs.annual.out).toMatch(/annual, every HS6 code, 2015 to 2024: 3 requests \(keyed/);
    expect(runs.annual.out).toMatch(/Macro on REAL data \(Real data: UN Comtrade/);
    expect(runs.annual.out).toMatch(/published \(slides\): capital goods, adjusted 2015 2\.06/);
    const bec = fs.readFileSync(path.join(clean, 'bec-totals.csv'), 'utf8');
    expect(bec.split('\n')[0]).toMatch(/^# Real data: UN Comtrade/);
    expect(bec.split('\n')[0]).toMatch(/every year in HS2012, UNSD's HS2012→BEC table/);
    // one vintage by default: 2017–2024 converted to HS2012, per year the total kept, written beside the as-reported file
    expect(runs.annual.out).toMatch(
      /One HS vintage: HS2017 2017–2021 → HS2012: [\d,]+ code-periods kept in their own code, [\d,]+ moved whole, [\d,]+ split \([\d,]+ equally\), \d+ codes not in the table kept as they are; HS2022 2022–2024 → HS2012: .*; weights: the 2 period\(s\) reported in HS2012 \(2015–2016\); wrote comtrade-annual-hs6-HS2012.csv/,
    );
    const read = (f: string) =>
      fs
        .readFileSync(path.join(clean, f), 'utf8')
        .split('\n')
        .filter((l) => /^\d/.test(l))
        .map((l) => l.split(','));
    const asReported = read('comtrade-annual-hs6.csv');
    const converted = read('comtrade-annual-hs6-HS2012.csv');
    expect(new Set(asReported.map((r) => r[2]))).toEqual(new Set(['HS2012', 'HS2017', 'HS2022']));
    expect(new Set(converted.map((r) => r[2]))).toEqual(new Set(['HS2012']));
    const byYear = (rows: string[][]) => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(r[0], (m.get(r[0]) ?? 0) + Number(r[3]));
      return m;
    };
    const a0 = byYear(asReported);
    const c0 = byYear(converted);
    for (const [y, v] of a0) expect(Math.abs(c0.get(y)! - v), y).toBeLessThanOrEqual(1e-6 * v);
    // 845611 (laser machine tools, HS2017/HS2022) is 845610 in HS2012: moved whole
    expect(converted.some((r) => r[1] === '845611')).toBe(false);
    const manifest = JSON.parse(fs.readFileSync(path.join(clean, 'comtrade-annual-manifest.json'), 'utf8'));
    expect(manifest.options.vintage).toBe('HS2012');
    expect(manifest.conversion.tables).toEqual([
      'unsd-hs-bec/hs2017-hs2012-correlation.csv',
      'unsd-hs-bec/hs2022-hs2012-correlation.csv',
    ]);
    expect(manifest.conversion.weightPeriods).toEqual(['2015', '2016']);
    expect(manifest.fetch.requests.map((r: { classification: string[] }) => r.classification.join('+')).sort()).toEqual(
      ['H4', 'H5', 'H6'],
    );
    expect(bec).not.toMatch(/synthetic/i);
    const walk = (d: string): string[] =>
      fs
        .readdirSync(d, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const f of walk(clean)) expect(fs.readFileSync(f, 'utf8').includes(KEY), f).toBe(false);
    for (const r of Object.values(runs)) expect(r.out.includes(KEY)).toBe(false);
  });

  it('notebooks 04 and 05 run on the fetched data, say so, and agree with the library', () => {
    for (const r of results) {
      expect(r.ok, formatFailure(r)).toBe(true);
      expect(r.parameters).toEqual({ dataSource: 'imported' });
      const html = fs.readFileSync(r.htmlFile, 'utf8');
      expect(html).toContain('data-source="imported"');
      expect(html).toContain('Imported data from UN Comtrade API');
    }
    process.env.STUDY_IMPORTED_DIR = clean;
    const recorded = readResults(outDir, '04-partition').partition as { group_id: number; pattern: string }[];
    const expected = runStudy({ dataSource: 'imported' }).partition;
    expect(recorded.map((r) => [r.group_id, r.pattern])).toEqual(expected.map((r) => [r.group_id, r.pattern]));
    // the macro table of notebook 05's library call runs on the real-data BEC totals and the HS6 groups
    const macro = macroTable({ dataSource: 'imported' });
    expect(macro.rows.map((r) => r.year)).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(hs6Parents(loadCodes({ batch: 1 }), 1).length).toBeGreaterThan(0);
    // the imported macro table says which vintage its BEC totals are in (data:fetch converted them to HS2012)
    expect(macro.sourceNote).toMatch(/BEC totals: Real data: UN Comtrade, .*every year in HS2012/);
    // notebook 05 found the annual files: one vintage preferred, the breaks as reported beside it, the heading 848690
    const r05 = readResults(outDir, '05-macro-adjustment') as Record<string, any>;
    expect(r05.vintage.realData).toBe(true);
    expect(r05.vintage.preferred).toBe('HS2012');
    const years = r05.vintage.rows.map((r: { year: number }) => r.year);
    expect(years).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(
      r05.vintage.rows.filter((r: { revisionBreak: boolean }) => r.revisionBreak).map((r: { year: number }) => r.year),
    ).toEqual([2017, 2022]);
    expect(r05.heading848690.realData).toBe(true);
    const h = (rule: string, year: string) =>
      r05.heading848690.rows.find((x: { rule: string; year: string }) => x.rule === rule && x.year === year);
    // without the heading, only semiconductor intermediates change (848690 is BEC 42); Table 1 puts it in capital goods
    expect(h("each code's class, without 848690", '2015').semi_capital_pct).toBeCloseTo(
      h("each code's class", '2015').semi_capital_pct,
      12,
    );
    expect(h("each code's class, without 848690", '2015').semi_intermediate_pct).toBeLessThan(
      h("each code's class", '2015').semi_intermediate_pct,
    );
    expect(h('Table 1', '2015').semi_capital_pct).toBeGreaterThan(h("each code's class", '2015').semi_capital_pct);
  });
});
