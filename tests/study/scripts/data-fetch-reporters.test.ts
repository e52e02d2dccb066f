/**
 * data:fetch --reporter against a local mock API on 127.0.0.1 (never the real network): the mock answers by reporter,
 * the fetch asks the availability service and the data per reporter, keeps each reporter's data in its own folder
 * (China's in the imported folder, Korea's in reporters/410/) with its manifest; loadPanel reads a reporter's panel;
 * --dry-run prints the plan for every reporter.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCodes } from '../../../lib/io/data.js';
import { loadPanel } from '../../../lib/io/panel.js';
import { studyHs6Codes } from '../../../lib/steps/hs6-grouping.js';
import { mockData, startMockComtrade, type MockServer } from '../../helpers/mock-comtrade.js';
import { tempDir } from '../../helpers/temp.js';
import { runFetchScript } from '../../helpers/fetch-script.js';

const servers: MockServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

const fetchScript = (args: string[]) => runFetchScript(args);

describe('data:fetch --reporter (against the mock API)', () => {
  it('fetches China and Korea each into its own folder; the mock answers by reporter; values never mixed', async () => {
    const codes = studyHs6Codes(loadCodes()).slice(0, 2);
    const china = mockData(codes, 2019, 2019);
    const korea = mockData(codes, 2019, 2019);
    for (const m of korea.monthly.values()) for (const [p, v] of m) m.set(p, v * 7); // Korea's values: 7 × China's
    const s = await startMockComtrade({ data: china, byReporter: new Map([['410', korea]]) });
    servers.push(s);
    const out = tempDir('comtrade-reporters-');
    const r = await fetchScript([
      'comtrade',
      '--reporter',
      'CHN,kor',
      '--api-base',
      s.base,
      '--throttle',
      '0',
      '--from',
      '2019-01',
      '--to',
      '2019-12',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    // one availability call per reporter, and every data call carries its reporter
    const da = s.requests.filter((q) => q.path.includes('getDa'));
    expect(da.map((q) => q.params.reportercode)).toEqual(['156', '410']);
    const reportersAsked = [
      ...new Set(s.requests.filter((q) => !q.path.includes('getDa')).map((q) => q.params.reporterCode)),
    ];
    expect(reportersAsked).toEqual(['156', '410']);
    expect(r.stdout).toContain('for Rep. of Korea (KOR, 410) (H5 2019-01..2019-12)');
    // China's folder as before; Korea's beside it, each with its manifest
    const kDir = path.join(out, 'reporters', '410');
    expect(fs.readdirSync(kDir).sort()).toEqual(['comtrade', 'manifest.json', 'panel.csv']);
    const mc = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const mk = JSON.parse(fs.readFileSync(path.join(kDir, 'manifest.json'), 'utf8'));
    expect([mc.fetch.reporterCode, mk.fetch.reporterCode, mk.fetch.reporter]).toEqual(['156', '410', 'Rep. of Korea']);
    expect(mk.fetch.releases.source).toBe(`${s.base}/public/v1/getDa/C/M/HS?reportercode=410`);
    expect(mk.fetch.requests.every((q: { url: string }) => q.url.includes('reporterCode=410'))).toBe(true);
    // the cache keys differ by reporter: both reporters' responses are cached in their own folders
    expect(fs.readdirSync(path.join(kDir, 'comtrade', 'cache')).length).toBeGreaterThan(0);
    // the panels: Korea's values are 7 × China's, code by code, month by month
    const prev = process.env.STUDY_IMPORTED_DIR;
    process.env.STUDY_IMPORTED_DIR = out;
    try {
      const pc = loadPanel({ source: 'imported' });
      const pk = loadPanel({ source: 'imported', reporter: '410' });
      expect(pk.codes).toEqual(pc.codes);
      expect(pk.source.reporter).toBe('410');
      expect(pc.source.reporter).toBeUndefined();
      expect(pk.source.label).toMatch(/^Imported data of reporter 410 from /);
      expect(Array.from(pk.values[1])).toEqual(Array.from(pc.values[1]).map((v) => v * 7));
      expect(() => loadPanel({ source: 'imported', reporter: '392' })).toThrow(
        /no imported panel of reporter 392: run `npm run data:fetch -- comtrade --reporter 392`/,
      );
    } finally {
      if (prev === undefined) delete process.env.STUDY_IMPORTED_DIR;
      else process.env.STUDY_IMPORTED_DIR = prev;
    }
    const header = fs.readFileSync(path.join(kDir, 'panel.csv'), 'utf8').split('\n')[1];
    expect(header).toBe(
      '# Real trade data (not synthetic): Rep. of Korea (KOR, 410): imports from the World, HS6, monthly US dollars, 2019-01 to 2019-12',
    );
  }, 60_000);

  it('--dry-run prints the plan for every reporter (keyless and keyed) and their total; an unknown reporter is one clear error', async () => {
    const r = await fetchScript([
      'comtrade',
      '--dry-run',
      '--reporter',
      'KOR,JPN,490',
      '--freq',
      'annual',
      '--codes',
      'all',
      '--from',
      '2015',
      '--to',
      '2024',
    ]);
    expect(r.code, r.stderr).toBe(0);
    for (const who of [
      'Rep. of Korea (KOR, 410)',
      'Japan (JPN, 392)',
      'Other Asia, nes (490: Taiwan as Comtrade reports it)',
    ])
      expect(r.stdout).toContain(`${who} imports (M) from the World (0), annual, every HS6 code, 2015 to 2024\n`);
    expect(r.stdout.match(/keyless public preview/g)!.length).toBe(3);
    expect(r.stdout.match(/keyed \(COMTRADE_API_KEY\)/g)!.length).toBe(3);
    expect(r.stdout).toMatch(/All 3 reporters \(410, 392, 490\), each in its own folder: keyless \d+ requests/);
    const bad = await fetchScript(['comtrade', '--dry-run', '--reporter', 'KOR,Japn']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^data:fetch failed: --reporter: unknown reporter .*close matches: JPN 392 Japan.*\(got "Japn"\)/,
    );
  }, 60_000);
});
