/**
 * The data:fetch script's own steps against a local mock API on 127.0.0.1 (never the real network): the
 * latest-period call through the client, the monthly import through writeImportedPanel, its arguments read with
 * node:util parseArgs.
 */
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCodes } from '../../../lib/io/data.js';
import { studyHs6Codes } from '../../../lib/steps/hs6-grouping.js';
import { startMockComtrade, type MockData, type MockServer } from '../../helpers/mock-comtrade.js';
import { tempDir } from '../../helpers/temp.js';

const servers: MockServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});
const tmp = () => tempDir('comtrade-fetch-');

describe('the data:fetch script (against the mock API)', () => {
  /** Run scripts/data-fetch.ts as npm does (node --import tsx), keyless; the mock lives in this process, so asynchronously. */
  const fetchScript = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/data-fetch.ts', ...args], {
        env: { ...process.env, COMTRADE_API_KEY: '', COMTRADE_API_BASE: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  const ymOf = (d: Date, back: number) => {
    const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1));
    return `${x.getUTCFullYear()}-${String(x.getUTCMonth() + 1).padStart(2, '0')}`;
  };

  it('asks the latest month through the client (a 429 is retried), then imports the months into panel.csv and manifest.json', async () => {
    const now = new Date();
    const months = Array.from({ length: 6 }, (_, k) => ymOf(now, 7 - k)); // 7 to 2 months ago: the latest is 2 months ago
    const codes = studyHs6Codes(loadCodes()).slice(0, 3);
    const monthly = new Map(
      codes.map((c, k) => [c, new Map(months.map((m, t) => [m.replace('-', ''), 1000 * (k + 1) + t]))]),
    );
    const data: MockData = { monthly, annual: new Map() };
    const s = await startMockComtrade({ data, fault: (r) => (r.n === 1 ? { kind: '429', retryAfter: 0 } : undefined) });
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
    // the latest-period call: the TOTAL of the last 12 months, retried through the client's requester
    expect(s.requests[0].params.cmdCode).toBe('TOTAL');
    expect(s.requests[1].params).toEqual(s.requests[0].params);
    expect(r.stderr).toContain(
      '  retry 1/5 of the latest-period call in 0.0 s after HTTP 429 (Rate limit is exceeded. Try again in 0 seconds.)\n',
    );
    expect(r.stdout).toContain(`, ${months[0]} to ${latest}: `);
    // the import: one panel of the 3 codes × 6 months, the manifest of the fetch
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(m)).toEqual([
      'kind',
      'panel',
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
    expect(m.sources[0].sha256).toBe(
      crypto
        .createHash('sha256')
        .update(m.fetch.requests.map((q: { sha256: string }) => q.sha256).join('\n'))
        .digest('hex'),
    );
    expect(m.sources[0].responses).toBe(1);
    const panel = fs.readFileSync(path.join(out, 'panel.csv'), 'utf8').split('\n');
    expect(panel.slice(0, 3)).toEqual([
      `# Fetched by npm run data:fetch -- comtrade from the UN Comtrade API (${new URL(s.base).host}), 1 responses; see manifest.json`,
      `# Real trade data (not synthetic): China's imports from the World, HS6, monthly US dollars, ${months[0]} to ${latest}`,
      'code,level,month,value_usd',
    ]);
    expect(panel.slice(3, -1)).toEqual(
      codes.flatMap((c, k) => months.map((mo, t) => `${c},HS6,${mo},${1000 * (k + 1) + t}`)),
    );
    expect(fs.readdirSync(out).sort()).toEqual(['comtrade', 'manifest.json', 'panel.csv']);
  });

  it('arguments through node:util parseArgs: --opt=value works; unknown options, missing values and values on flags are one clear error with the usage', async () => {
    const dry = await fetchScript(['comtrade', '--freq=annual', '--codes=study', '--to=2020', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
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
