/**
 * Notebook 09 on a mocked fetch of three reporters (never the real network: a mock API on 127.0.0.1): China (the
 * SYNTHETIC teaching panel summed to HS6, served as if it were Comtrade's) and two controls, Korea and Japan (China's
 * values reshaped per reporter), fetched by `npm run data:fetch -- comtrade --reporter CHN,KOR,JPN` each into its own
 * folder; notebook 09 run with dataSource 'imported' reads them and its recorded results equal the library's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResults } from '../../../lib/present/results.js';
import { controlIndices, controlVerdicts } from '../../../lib/steps/controls.js';
import { runStudy } from '../../../lib/study.js';
import { SYNTHETIC_CONTROLS_SEED } from '../../../lib/synthetic/controls.js';
import { listNotebooks, runNotebooks, formatFailure, type NotebookResult } from '../../../scripts/jupyter/runner.js';
import { cachedNotebookRun } from '../../helpers/run-cache.js';
import { startMockComtrade, type MockData, type MockServer } from '../../helpers/mock-comtrade.js';
import { tempDir } from '../../helpers/temp.js';
import { runFetchScript, syntheticHs6Monthly } from '../../helpers/fetch-script.js';

/** China: the SYNTHETIC panel summed to HS6 (2015–2024); Korea and Japan: China's values reshaped, every month present. */
function buildData(): { china: MockData; korea: MockData; japan: MockData } {
  const monthly = syntheticHs6Monthly('2024-12');
  const reshape = (f: (t: number, k: number) => number): MockData => {
    const out = new Map<string, Map<string, number>>();
    [...monthly.keys()].sort().forEach((c, k) => {
      const m = monthly.get(c)!;
      const o = new Map<string, number>();
      for (let t = 0; t < 120; t++) {
        const p = `${2015 + Math.floor(t / 12)}${String((t % 12) + 1).padStart(2, '0')}`;
        const feb = `${p.slice(0, 4)}02`;
        // China combines January and February from 2020: the controls report both, half each
        const v = m.has(p) ? m.get(p)! : p.endsWith('01') && m.has(feb) ? m.get(feb)! / 2 : 0;
        const w = p.endsWith('02') && !m.has(`${p.slice(0, 4)}01`) ? v / 2 : v;
        o.set(p, Math.round(w * f(t, k)));
      }
      out.set(c, o);
    });
    return { monthly: out, annual: new Map() };
  };
  return {
    china: { monthly, annual: new Map() },
    korea: reshape((t, k) => 1 + 0.4 * Math.sin(0.7 * t + k)),
    japan: reshape((t) => 0.5 * Math.exp(-0.01 * t)),
  };
}

const fetchRun = (args: string[]) => runFetchScript(['comtrade', ...args]);

describe('notebook 09 on fetched data of China, Korea and Japan (mock API)', () => {
  const dir = tempDir('controls-e2e-');
  let server: MockServer;
  let fetched: { code: number | null; out: string };
  let results: NotebookResult[] = [];

  beforeAll(async () => {
    const d = buildData();
    server = await startMockComtrade({
      data: d.china,
      byReporter: new Map([
        ['410', d.korea],
        ['392', d.japan],
      ]),
    });
    fetched = await fetchRun([
      '--reporter',
      'CHN,KOR,JPN',
      '--api-base',
      server.base,
      '--throttle',
      '0',
      '--from',
      '2015-01',
      '--to',
      '2024-12',
      '--out',
      dir,
    ]);
    process.env.STUDY_IMPORTED_DIR = dir;
    results = await cachedNotebookRun('controls-e2e', 'tests/study/imported/controls-fetch.test.ts', (out) =>
      runNotebooks(
        listNotebooks().filter((n) => /\/09-/.test(n)),
        { outDir: out, overrides: { '*': { dataSource: 'imported', reporters: ['410', '392'] } } },
      ),
    );
  }, 600_000);

  afterAll(async () => {
    delete process.env.STUDY_IMPORTED_DIR;
    await server?.close();
  });

  it('the fetch keeps the three reporters apart', () => {
    expect(fetched.code, fetched.out).toBe(0);
    expect(fs.existsSync(path.join(dir, 'panel.csv'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'reporters', '410', 'panel.csv'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'reporters', '392', 'panel.csv'))).toBe(true);
  });

  it('notebook 09 runs on them, says they are imported (never SYNTHETIC controls), and its results equal the library', () => {
    expect(results).toHaveLength(1);
    expect(results[0].ok, formatFailure(results[0])).toBe(true);
    const text = fs.readFileSync(results[0].ipynbFile, 'utf8');
    expect(text).toContain('Controls: UN Comtrade, imported per reporter (KOR, JPN), HS6');
    expect(text).not.toContain(`SYNTHETIC control economies (seed ${SYNTHETIC_CONTROLS_SEED}`);
    const r = readResults(path.dirname(path.dirname(results[0].ipynbFile)), '09-controls') as any;
    const prev = process.env.STUDY_IMPORTED_DIR;
    process.env.STUDY_IMPORTED_DIR = dir;
    try {
      const china = runStudy({ dataSource: 'imported' });
      const econ = (name: string, run: ReturnType<typeof runStudy>) => ({
        economy: name,
        months: run.groupPanel.months,
        codes: run.groupPanel.codes,
        values: run.groupPanel.values,
        source: run.sourceNote,
        janFebYears: run.panel.source.janFeb?.years,
      });
      const rows = controlIndices(
        [
          econ('China', china),
          econ('KOR', runStudy({ dataSource: 'imported', reporter: '410' })),
          econ('JPN', runStudy({ dataSource: 'imported', reporter: '392' })),
        ],
        china.groupPanel.groups,
        china.choices,
      );
      expect(new Set(r.controlIndices.map((x: any) => x.economy))).toEqual(new Set(['China', 'KOR', 'JPN']));
      expect(r.controlIndices).toHaveLength(rows.length);
      r.controlIndices.forEach((x: any, k: number) => {
        expect([x.economy, x.group_id, x.cell]).toEqual([rows[k].economy, rows[k].group_id, rows[k].cell]);
        expect(x.G).toBeCloseTo(rows[k].G, 10);
        expect(x.V).toBeCloseTo(rows[k].V, 10);
      });
      // China's combined January–February is treated in China's series only: the controls report both months
      expect(china.panel.source.janFeb?.years.length).toBeGreaterThan(0);
      expect(runStudy({ dataSource: 'imported', reporter: '410' }).panel.source.janFeb).toBeUndefined();
      expect(r.verdicts).toEqual(
        controlVerdicts(rows).map((v) => ({ group_id: v.group_id, same: v.same, of: v.of, verdict: v.verdict })),
      );
      // no annual data were fetched: no macro comparison
      expect(r.macroChanges).toEqual([]);
    } finally {
      process.env.STUDY_IMPORTED_DIR = prev;
    }
  });
});
