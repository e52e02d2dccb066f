/**
 * The data:fetch script's own steps against a local mock API on 127.0.0.1 (never the real network): the
 * availability call through the client (the periods that exist, holes reported before any data call, the latest
 * month), a used-up quota, a newer release refetching one response, the monthly import through writeImportedPanel, its arguments read with
 * node:util parseArgs.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCodes } from '../../../lib/io/data.js';
import { studyHs6Codes } from '../../../lib/steps/hs6-grouping.js';
import { mockData, startMockComtrade, type MockData, type MockServer } from '../../helpers/mock-comtrade.js';
import { tempDir } from '../../helpers/temp.js';
import { runFetchScript } from '../../helpers/fetch-script.js';

/** The command line of a monthly fetch of 2019–2020 from a mock server into `out`, with no throttle. */
function args2019to2020(base: string, out: string): string[] {
  return ['comtrade', '--api-base', base, '--throttle', '0', '--from', '2019-01', '--to', '2020-12', '--out', out];
}

const servers: MockServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});
const tmp = () => tempDir('comtrade-fetch-');

describe('the data:fetch script (against the mock API)', () => {
  /** Run scripts/data-fetch.ts as npm does (node --import tsx), keyless; the mock lives in this process, so asynchronously. */
  const fetchScript = (args: string[]) => runFetchScript(args);
  const ymOf = (d: Date, back: number) => {
    const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1));
    return `${x.getUTCFullYear()}-${String(x.getUTCMonth() + 1).padStart(2, '0')}`;
  };

  it('asks the availability service first (a 429 is retried), then imports the months into panel.csv and manifest.json', async () => {
    const now = new Date();
    const months = Array.from({ length: 6 }, (_, k) => ymOf(now, 7 - k)); // 7 to 2 months ago: the latest is 2 months ago
    const codes = studyHs6Codes(loadCodes()).slice(0, 3);
    const monthly = new Map(
      codes.map((c, k) => [c, new Map(months.map((m, t) => [m.replace('-', ''), 1000 * (k + 1) + t]))]),
    );
    const data: MockData = { monthly, annual: new Map() };
    const s = await startMockComtrade({
      data,
      fault: (r) => (r.n === 1 ? { kind: '429', retryAfter: 0 } : undefined),
      releases: new Map([[months[5].replace('-', ''), '2025-03-04T05:06:07']]),
    });
    servers.push(s);
    const out = tmp();
    const r = await fetchScript([
      'comtrade',
      '--api-base',
      s.base,
      '--throttle',
      '0',
      '--from',
      months[0],
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const latest = months[months.length - 1];
    // the availability call (keyless getDa, reporter 156), retried through the client's requester after the back-off
    expect([s.requests[0].path, s.requests[0].params]).toEqual(['/public/v1/getDa/C/M/HS', { reportercode: '156' }]);
    expect(s.requests[1].url).toBe(s.requests[0].url);
    expect(r.stderr).toMatch(
      /^ {2}retry 1\/5 of the availability call in [1-3]\.\d s after HTTP 429 \(Rate limit is exceeded\. Try again in 0 seconds\.\)$/m,
    );
    expect(r.stdout).toContain(
      `Availability: the API has 6 months of ${months[0]} to ${latest} for China (${months[0].startsWith('2026') || months[0] >= '2022' ? 'H6' : 'H5'} ${months[0]}..${latest}); latest release 2025-03-04T05:06:07\n`,
    );
    expect(r.stdout).toContain(`, ${months[0]} to ${latest}: `);
    // the import: one panel of the 3 codes × 6 months, the manifest of the fetch
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(m)).toEqual([
      'kind',
      'panel',
      'importId',
      'level',
      'period',
      'rows',
      'codes',
      'options',
      'fetch',
      'sources',
    ]);
    expect([m.kind, m.level, m.period, m.rows, m.codes]).toEqual(['imported', 'HS6', [months[0], latest], 18, 3]);
    expect(m.options).toEqual({
      format: 'comtrade-json',
      source: 'UN Comtrade API',
      freq: 'M',
      codes: 'study',
      dataset: 'final',
      from: months[0],
      to: latest,
    });
    // every call of the plan is in the manifest (97 study codes × 6 months: 2 calls); only the first holds the 3 codes' records
    expect(m.fetch.requests.map((q: { url: string }) => q.url)).toEqual(
      s.requests.slice(2).map((q) => `${s.base}${q.url}`),
    );
    expect(m.fetch.requests.map((q: { records: number }) => q.records)).toEqual([18, 0]);
    expect(m.fetch.requests.map((q: { released: string }) => q.released)).toEqual([
      '2025-03-04T05:06:07',
      '2025-03-04T05:06:07',
    ]);
    expect(m.fetch.releases.source).toBe(`${s.base}/public/v1/getDa/C/M/HS?reportercode=156`);
    expect(
      m.fetch.releases.periods.map((x: { period: string; lastReleased: string }) => [x.period, x.lastReleased]),
    ).toEqual(months.map((mo, t) => [mo.replace('-', ''), t === 5 ? '2025-03-04T05:06:07' : '2025-01-15T10:00:00']));
    expect(m.sources[0].sha256).toBe(
      crypto
        .createHash('sha256')
        .update(m.fetch.requests.map((q: { sha256: string }) => q.sha256).join('\n'))
        .digest('hex'),
    );
    expect(m.sources[0].responses).toBe(1);
    const panel = fs.readFileSync(path.join(out, 'panel.csv'), 'utf8').split('\n');
    expect(panel.slice(0, 4)).toEqual([
      `# Fetched by npm run data:fetch -- comtrade from the UN Comtrade API (${new URL(s.base).host}), 1 responses; see manifest.json`,
      `# Real trade data (not synthetic): China's imports from the World, HS6, monthly US dollars, ${months[0]} to ${latest}`,
      `# import ${m.importId}`,
      'code,level,month,value_usd',
    ]);
    expect(panel.slice(4, -1)).toEqual(
      codes.flatMap((c, k) => months.map((mo, t) => `${c},HS6,${mo},${1000 * (k + 1) + t}`)),
    );
    expect(fs.readdirSync(out).sort()).toEqual(['comtrade', 'manifest.json', 'panel.csv']);
  });

  it('a month missing inside the series is reported before any data call and not asked; a newer release refetches only its response', async () => {
    const codes = studyHs6Codes(loadCodes()).slice(0, 2);
    const data = mockData(codes, 2019, 2020);
    for (const m of data.monthly.values()) m.delete('201906');
    const releases = new Map<string, string>();
    const s = await startMockComtrade({ data, releases });
    servers.push(s);
    const out = tmp();
    const args = args2019to2020(s.base, out);
    const r1 = await fetchScript(args);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stdout).toContain(
      'Availability: the API has 23 months of 2019-01 to 2020-12 for China (H5 2019-01..2020-12); latest release 2025-01-15T10:00:00\n  missing inside the series (not asked; the data will lack them): 2019-06\n',
    );
    expect(r1.stdout.indexOf('missing inside the series')).toBeLessThan(
      r1.stdout.indexOf(' requests (keyless preview'),
    );
    const dataCalls = s.requests.filter((q) => q.path === '/public/v1/preview/C/M/HS');
    expect(dataCalls.map((q) => q.params.period.split(',').length)).toEqual([11, 11, 11, 12, 12, 12]); // 97 codes: 3 calls a year
    expect(dataCalls.some((q) => q.params.period.includes('201906'))).toBe(false);
    // 2020-03 released again: the re-run asks only the three calls holding it (again the availability call first)
    releases.set('202003', '2025-07-01T00:00:00');
    s.requests.length = 0;
    const r2 = await fetchScript(args);
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.stdout).toMatch(
      /: 6 requests \(keyless preview, ≤ 500 records each, 6 already cached, 3 of them released again since: fetched again\)/,
    );
    expect(r2.stdout).toContain('Fetched 3 responses (3 of them again: a newer release), 3 from the cache');
    expect(s.requests.map((q) => q.path)).toEqual([
      '/public/v1/getDa/C/M/HS',
      '/public/v1/preview/C/M/HS',
      '/public/v1/preview/C/M/HS',
      '/public/v1/preview/C/M/HS',
    ]);
    expect(s.requests.slice(1).every((q) => q.params.period.includes('202003'))).toBe(true);
  }, 60_000);

  it('a used-up quota (403, Retry-After 86400) stops the fetch within 5 s: exit 1, one line, the cache intact', async () => {
    const codes = studyHs6Codes(loadCodes()).slice(0, 2);
    const s = await startMockComtrade({
      data: mockData(codes, 2019, 2020),
      fault: (r) => (r.n === 3 ? { kind: 'quota', retryAfter: 86400, replenishedIn: '23:59:59' } : undefined),
    });
    servers.push(s);
    const out = tmp();
    const t0 = Date.now();
    const r = await fetchScript(args2019to2020(s.base, out));
    const took = Date.now() - t0;
    expect(r.code).toBe(1);
    expect(took).toBeLessThan(5000);
    expect(s.requests.length).toBe(3); // availability, one data call, the refused one: no retry
    const cacheDir = path.join(out, 'comtrade', 'cache');
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('data:fetch'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^data:fetch stopped: the API will not answer more calls for now: its call quota is used up \(HTTP 403 on call 2\/6: Out of call volume quota\. Quota will be replenished in 23:59:59\.\); 1 response\(s\) are cached in .+ \(run again after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(the API's Retry-After: 86400 s\): the same command resumes\)$/,
    );
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.meta.json'))).toHaveLength(1);
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(fs.existsSync(path.join(out, 'panel.csv'))).toBe(false);
  }, 30_000);

  it('--vintage: one HS vintage for annual data; monthly data stay as reported, and asking otherwise says why', async () => {
    const bad = await fetchScript(['comtrade', '--vintage', 'H4', '--dry-run']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n')[0]).toBe(
      'data:fetch failed: --vintage must be as-reported, HS2012, HS2017 or HS2022 (got H4)',
    );
    const monthly = await fetchScript(['comtrade', '--vintage', 'HS2017', '--dry-run']);
    expect(monthly.code).toBe(1);
    expect(monthly.stderr.split('\n')[0]).toMatch(
      /^data:fetch failed: --vintage HS2017 applies to annual data \(--freq annual\): monthly data stay as reported, because the curated HS8 bridges keep each group's series continuous/,
    );
    const asReported = await fetchScript(['comtrade', '--vintage', 'as-reported', '--to', '2015-03', '--dry-run']);
    expect(asReported.code, asReported.stderr).toBe(0);
  });

  it('arguments through node:util parseArgs: --opt=value works; unknown options, missing values and values on flags are one clear error with the usage', async () => {
    const dry = await fetchScript(['comtrade', '--freq=annual', '--codes=study', '--to=2020', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(
      'Which periods exist cannot be known without the network: a real run first asks the availability service (https://comtradeapi.un.org/public/v1/getDa/C/A/HS?reportercode=156) and plans only the periods it lists; planned here as if every period exists.\n',
    );
    expect(dry.stdout).toMatch(
      /annual, the study's codes \(\d+ HS6 parents of the curated HS8 codes, batches 1–3\), 2015 to 2020\n/,
    );
    const usage = 'usage: npm run data:fetch -- comtrade [--freq monthly|annual]';
    for (const [args, msg] of [
      [['comtrade', '--bogus'], 'unknown option --bogus (see npm run data:fetch -- --help)'],
      [['comtrade', '--dry-run', '--freq'], '--freq needs a value (see npm run data:fetch -- --help)'],
      [
        ['comtrade', '--refresh=yes'],
        '--refresh takes no value (got --refresh=yes) (see npm run data:fetch -- --help)',
      ],
      [['comtrade', 'monthly'], 'unexpected argument monthly (see npm run data:fetch -- --help)'],
    ] as [string[], string][]) {
      const r = await fetchScript(args);
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n').slice(0, 2)).toEqual([`data:fetch failed: ${msg}`, expect.stringContaining(usage)]);
    }
    const bad = await fetchScript(['comtrade', '--throttle=-1']);
    expect(bad.stderr).toBe('data:fetch failed: --throttle must be a number ≥ 0 (got -1)\n');
    // a value that reads as an option must be written with '=' (the scripts' one rule, scripts/cli.ts)
    const dash = await fetchScript(['comtrade', '--throttle', '-1']);
    expect(dash.stderr.split('\n')[0]).toBe(
      'data:fetch failed: --throttle needs a value (got -1, which reads as an option; write --throttle=-1 if it is the value) (see npm run data:fetch -- --help)',
    );
  }, 60_000);
});
