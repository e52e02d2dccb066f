/**
 * The Comtrade fetch against a local mock API on 127.0.0.1 (never the real network):
 * request planning, capped responses, 429 / 500 / timeout / truncated body / empty data /
 * malformed record, bounded retries and give-up, resume without repeating a request,
 * the key never written, and the no-network message; and the data:fetch script's own steps
 * (the latest-period call through the client, the monthly import through writeImportedPanel,
 * its arguments read with node:util parseArgs).
 */
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ComtradeFetchError, MAX_URL_LENGTH, apiErrorMessage, cachedRecords, endpointPath, fetchComtrade, formatDuration, hsRevisionOfYear, monthPeriods, planRequests, readCached, requestId, requestUrl, splitQuery, validateResponse, type ComtradeQuery, type Transport } from '../lib/io/comtrade/index.js';
import { importComtradeJson } from '../lib/io/importers/comtrade.js';
import { mergeCells } from '../lib/io/importers/index.js';
import { monthLabel } from '../lib/core/months.js';
import { loadCodes } from '../lib/io/data.js';
import { studyHs6Codes } from '../lib/steps/hs6-grouping.js';
import { mockData, startMockComtrade, type MockData, type MockFault, type MockServer } from './helpers/mock-comtrade.js';

const servers: MockServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'comtrade-fetch-'));
const noSleep = { sleep: async () => {}, throttleMs: 0 };

async function serve(codes: string[], opts: { fault?: (n: number) => MockFault | undefined; previewLimit?: number; key?: string } = {}) {
  const s = await startMockComtrade({ data: mockData(codes, 2015, 2016), fault: opts.fault ? (r) => opts.fault!(r.n) : undefined, previewLimit: opts.previewLimit, key: opts.key });
  servers.push(s);
  return s;
}

const Q: ComtradeQuery = { dataset: 'final', freq: 'M', periods: ['201501', '201502'], cmdCodes: ['854231', '854232'], reporterCode: '156', partnerCode: '0', flowCode: 'M' };

describe('endpoints, URLs and small helpers', () => {
  it('endpoints follow the API: preview keyless, data/v1/get keyed, tariffline variants', () => {
    expect(endpointPath('final', 'M', false)).toBe('/public/v1/preview/C/M/HS');
    expect(endpointPath('final', 'A', true)).toBe('/data/v1/get/C/A/HS');
    expect(endpointPath('tariffline', 'M', false)).toBe('/public/v1/previewTariffline/C/M/HS');
    expect(endpointPath('tariffline', 'M', true)).toBe('/data/v1/getTariffline/C/M/HS');
  });

  it('the URL holds the selection, commas unescaped, maxRecords of the tier, never a key', () => {
    const u = requestUrl('http://h/', Q, true);
    expect(u).toBe(
      'http://h/data/v1/get/C/M/HS?reporterCode=156&period=201501,201502&cmdCode=854231,854232&flowCode=M&partnerCode=0&partner2Code=0&customsCode=C00&motCode=0&breakdownMode=classic&maxRecords=100000&format=JSON&includeDesc=false',
    );
    expect(requestUrl('http://h', { ...Q, dataset: 'tariffline', partnerCode: null }, false)).not.toMatch(/partnerCode|breakdownMode/);
  });

  it('ids are stable and differ between selections', () => {
    expect(requestId(Q)).toBe(requestId({ ...Q }));
    expect(requestId(Q)).not.toBe(requestId({ ...Q, periods: ['201501'] }));
    expect(requestId(Q)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('months, revisions, durations, error messages', () => {
    expect(monthPeriods('2015-11', '2016-02')).toEqual(['201511', '201512', '201601', '201602']);
    expect(() => monthPeriods('2016-02', '2015-11')).toThrow(/monthPeriods: the period ends \(2015-11\) before it starts/);
    expect(() => monthPeriods('2015-13', '2016-01')).toThrow(/month must be YYYY-MM \(got "2015-13"\)/);
    expect([2015, 2016, 2017, 2021, 2022, 2024].map(hsRevisionOfYear)).toEqual(['HS2012', 'HS2012', 'HS2017', 'HS2017', 'HS2022', 'HS2022']);
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(59_400)).toBe('0:59');
    expect(apiErrorMessage('{"statusCode":429,"message":"Rate limit is exceeded."}')).toBe('Rate limit is exceeded.');
    expect(apiErrorMessage('{"errorObject":{"errorMessage":"bad cmdCode"}}')).toBe('bad cmdCode');
    expect(apiErrorMessage('<html>gateway</html>')).toBe('<html>gateway</html>');
  });

  it('splitQuery halves periods first, then codes; one code × one period cannot be split', () => {
    expect(splitQuery(Q)!.map((q) => [q.periods, q.cmdCodes])).toEqual([
      [['201501'], ['854231', '854232']],
      [['201502'], ['854231', '854232']],
    ]);
    expect(splitQuery({ ...Q, periods: ['201501'] })!.map((q) => q.cmdCodes)).toEqual([['854231'], ['854232']]);
    expect(splitQuery({ ...Q, periods: ['201501'], cmdCodes: ['854231'] })).toBeUndefined();
  });

  it('validateResponse: shape, records, truncation', () => {
    expect(validateResponse('{"elapsedTime":"0 secs","count":0,"data":[],"error":""}')).toEqual({ count: 0, data: [], error: '' });
    expect(() => validateResponse('{"count":1,"data":[{"cmdCode":"854231","period":"201501","flowCode":"M","primaryValue":"x"}]}')).toThrow(
      /data\[0\]\.primaryValue must be a non-negative number or null \(got "x"\)/,
    );
    expect(() => validateResponse('{"count":1,"data":[{"period":"201501","flowCode":"M","primaryValue":1}]}')).toThrow(/data\[0\]\.cmdCode is missing/);
    expect(() => validateResponse('{"rows":[]}')).toThrow(/expected \{"count": n, "data": \[\.\.\.\]\}/);
    let e: unknown;
    try {
      validateResponse('{"count":3,"data":[{"cmdCo');
    } catch (x) {
      e = x;
    }
    expect((e as { truncated?: boolean }).truncated).toBe(true);
  });
});

describe('planning', () => {
  it('the study codes monthly, keyless: one calendar year per call, ≤ 41 codes (12 × 41 = 492 ≤ 500)', () => {
    const codes = Array.from({ length: 97 }, (_, k) => String(840000 + k));
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2025-09', codes, keyed: false });
    expect(plan.length).toBe(32); // 2015–2024: 10 years × ceil(97 / 41) = 3 calls; 2025-01..09: 500 / 9 = 55 codes → 2 calls
    expect(plan[0].periods).toEqual(monthPeriods('2015-01', '2015-12'));
    expect(plan[plan.length - 1].periods).toEqual(monthPeriods('2025-01', '2025-09'));
    expect(plan.filter((q) => q.periods.length === 12).map((q) => q.cmdCodes.length).slice(0, 3)).toEqual([33, 33, 31]); // balanced
    expect(plan.filter((q) => q.periods.length === 9).map((q) => q.cmdCodes.length)).toEqual([49, 48]);
    const keyed = planRequests({ freq: 'M', from: '2015-01', to: '2025-09', codes, keyed: true });
    expect(keyed.length).toBe(11);
  });

  it('every code annual: keyless by the code list of each HS revision; keyed one AG6 call per revision', () => {
    const codesOfYear = (y: number) => Array.from({ length: 5000 + (y >= 2022 ? 300 : y >= 2017 ? 200 : 0) }, (_, k) => String(100000 + k));
    const keyless = planRequests({ freq: 'A', from: '2015', to: '2024', codes: 'all', codesOfYear, keyed: false });
    // HS2012 2015–16: 2 × 5000 / 500 = 20; HS2017 2017–21: 5 × 5200 / 500 = 52; HS2022 2022–24: 3 × 5300 / 500 → 32
    expect(keyless.length).toBe(20 + 52 + 32);
    for (const q of keyless) expect(q.cmdCodes.length * q.periods.length).toBeLessThanOrEqual(500);
    const keyed = planRequests({ freq: 'A', from: '2015', to: '2024', codes: 'all', keyed: true });
    expect(keyed.map((q) => [q.periods.join(','), q.cmdCodes.join(',')])).toEqual([
      ['2015,2016', 'AG6'],
      ['2017,2018,2019,2020,2021', 'AG6'],
      ['2022,2023,2024', 'AG6'],
    ]);
    expect(() => planRequests({ freq: 'A', from: '2015', to: '2024', codes: 'all', keyed: false })).toThrow(/codesOfYear/);
  });

  it('property: every code × period is asked exactly once, within the record, period and URL limits', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 10000000, max: 99999999 }).map(String), { minLength: 1, maxLength: 1200 }),
        fc.integer({ min: 2015, max: 2024 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.constantFrom(1, 3, 20),
        (codes, y0, nMonths, keyed, perCell) => {
          const from = `${y0}-01`;
          const months = Array.from({ length: nMonths }, (_, k) => `${y0 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
          const plan = planRequests({ freq: 'M', from, to: months[months.length - 1], codes, keyed, recordsPerCodePeriod: perCell });
          const seen = new Set<string>();
          for (const q of plan) {
            expect(q.periods.length).toBeLessThanOrEqual(12);
            if (q.cmdCodes.length > 1) expect(q.cmdCodes.length * q.periods.length * perCell).toBeLessThanOrEqual(keyed ? 100_000 : 500);
            expect(requestUrl('https://comtradeapi.un.org', q, keyed).length).toBeLessThanOrEqual(MAX_URL_LENGTH);
            for (const p of q.periods)
              for (const c of q.cmdCodes) {
                const k = `${c}|${p}`;
                expect(seen.has(k)).toBe(false);
                seen.add(k);
              }
          }
          expect(seen.size).toBe(codes.length * nMonths);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('bad plans are clear errors', () => {
    expect(() => planRequests({ freq: 'M', from: '2015-01', to: '2015-12', codes: [], keyed: false })).toThrow(/planRequests: no commodity codes/);
    expect(() => planRequests({ freq: 'M', from: '2015-01', to: '2015-12', codes: ['85A231'], keyed: false })).toThrow(/commodity code must be 2–10 digits \(got "85A231"\)/);
    expect(() => planRequests({ freq: 'A', from: '2015-01', to: '2016', codes: ['854231'], keyed: false })).toThrow(/annual periods must be YYYY/);
  });
});

describe('fetching from the mock API', () => {
  const CODES = ['854231', '854232', '854233', '848620', '903082'];

  it('a clean run: every record once, responses cached with their request, no capped response used', async () => {
    const s = await serve(CODES);
    const dir = tmp();
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2016-12', codes: CODES, keyed: false });
    const progress: number[] = [];
    const sum = await fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep, onProgress: (p) => progress.push(p.done) });
    expect(sum.fetched).toBe(2);
    expect(sum.records).toBe(5 * 24);
    expect(sum.responses.every((m) => !m.capped && m.records === m.count)).toBe(true);
    expect(progress[progress.length - 1]).toBe(2);
    const recs = cachedRecords(dir, sum.responses);
    expect(recs.length).toBe(120);
    expect(recs.find((r) => r.cmdCode === '854232' && r.period === '201603')!.primaryValue).toBe(2000 + 160 + 3);
    expect(s.requests.every((r) => r.path === '/public/v1/preview/C/M/HS' && r.params.partnerCode === '0' && r.params.reporterCode === '156' && r.params.flowCode === 'M')).toBe(true);
    const meta = readCached(dir, plan[0])!;
    expect(meta.url).toBe(requestUrl(s.base, plan[0], false));
    expect(meta.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('capped responses (count > records) are split until none is capped', async () => {
    const s = await serve(CODES, { previewLimit: 7 });
    const dir = tmp();
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2015-12', codes: CODES, keyed: false });
    const sum = await fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep });
    expect(sum.splits).toBeGreaterThan(0);
    expect(sum.records).toBe(60);
    for (const m of sum.responses) {
      expect(m.capped).toBe(false);
      expect(m.count).toBe(m.records);
      expect(m.records).toBeLessThanOrEqual(7);
    }
    const keys = cachedRecords(dir, sum.responses).map((r) => `${r.cmdCode}|${r.period}`);
    expect(new Set(keys).size).toBe(60);
  });

  it('429 waits Retry-After; 500, a timeout and a truncated body back off with jitter; then the data are complete', async () => {
    const faults: Record<number, MockFault> = { 1: { kind: '429', retryAfter: 3 }, 2: { kind: '500' }, 3: { kind: 'timeout', ms: 2000 }, 4: { kind: 'truncate' } };
    const s = await serve(CODES, { fault: (n) => faults[n] });
    const waits: number[] = [];
    const events: string[] = [];
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2015-12', codes: CODES, keyed: false });
    const sum = await fetchComtrade(plan, {
      base: s.base,
      cacheDir: tmp(),
      throttleMs: 0,
      timeoutMs: 300,
      backoffMs: 100,
      random: () => 0.5,
      sleep: async (ms) => void waits.push(ms),
      onProgress: (p) => p.event && events.push(p.event),
    });
    expect(sum.records).toBe(60);
    expect(sum.retries).toBe(4);
    expect(waits).toEqual([3000, 200, 400, 800]); // Retry-After 3 s, then retries 2–4 of the call: 100 × 2^(k−1) × (0.5 + 0.5)
    expect(events.join('\n')).toMatch(/HTTP 429 \(Rate limit is exceeded/);
    expect(events.join('\n')).toMatch(/ETIMEDOUT/);
    expect(events.join('\n')).toMatch(/truncated body/);
    expect(s.requests.length).toBe(5);
  });

  it('gives up after the bounded retries, naming the call; earlier responses stay cached', async () => {
    const s = await serve(CODES, { fault: (n) => (n >= 2 ? { kind: '500' } : undefined) });
    const dir = tmp();
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2016-12', codes: CODES, keyed: false });
    const err = await fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep, maxRetries: 3 }).catch((e) => e);
    expect(err).toBeInstanceOf(ComtradeFetchError);
    expect(err.message).toMatch(/gave up on call 2\/2 \(http:\/\/127\.0\.0\.1:\d+\/public\/v1\/preview\/C\/M\/HS\?reporterCode=156&period=201601,/);
    expect(err.message).toMatch(/after 4 attempts; last fault: HTTP 500 \(Internal server error\); 1 response\(s\) are cached/);
    expect(s.requests.length).toBe(5);
    expect(readCached(dir, plan[0])).toBeDefined();
    expect(readCached(dir, plan[1])).toBeUndefined();
  });

  it('empty data is a valid (cached) answer; a malformed record stops with the record named; a 401 is not retried', async () => {
    const s = await serve(CODES, { fault: (n) => (n === 1 ? { kind: 'empty' } : n === 2 ? { kind: 'malformed' } : undefined) });
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2016-12', codes: CODES, keyed: false });
    const err = await fetchComtrade(plan, { base: s.base, cacheDir: tmp(), ...noSleep }).catch((e) => e);
    expect(err.message).toMatch(/call 2\/2 .* returned a malformed response: validateResponse: data\[0\]\.primaryValue must be a non-negative number or null \(got "n\/a"\)/);
    expect(err.message).toMatch(/1 response\(s\) are cached/);
    const s2 = await serve(CODES, { fault: () => ({ kind: '401' }) });
    const e2 = await fetchComtrade(plan, { base: s2.base, cacheDir: tmp(), ...noSleep }).catch((e) => e);
    expect(e2.message).toMatch(/call 1\/2 .* was refused: HTTP 401: Access denied/);
    expect(s2.requests.length).toBe(1);
  });

  it('resume: a killed run loses nothing written; the re-run asks only the rest and ends identical', async () => {
    const s = await serve(CODES, { previewLimit: 30 });
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2016-12', codes: CODES, keyed: false });
    const full = await fetchComtrade(plan, { base: s.base, cacheDir: tmp(), ...noSleep });
    const fullUrls = s.requests.map((r) => r.url);
    s.requests.length = 0;
    // a run that dies (like a kill) after 3 answered calls
    const dir = tmp();
    let answered = 0;
    const dying: Transport = async (url, h, t) => {
      if (answered === 3) throw Object.assign(new Error('killed'), { code: 'EKILLED' });
      const { fetchTransport } = await import('../lib/io/comtrade/index.js');
      const r = await fetchTransport(url, h, t);
      answered++;
      return r;
    };
    await expect(fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep, maxRetries: 0, transport: dying })).rejects.toThrow(/gave up/);
    const first = s.requests.map((r) => r.url);
    expect(first.length).toBe(3);
    s.requests.length = 0;
    const again = await fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep });
    const second = s.requests.map((r) => r.url);
    for (const u of second) expect(first).not.toContain(u);
    expect([...first, ...second].sort()).toEqual([...fullUrls].sort());
    expect(again.fromCache).toBe(3);
    expect(again.responses.map((m) => [m.id, m.sha256])).toEqual(full.responses.map((m) => [m.id, m.sha256]));
    // no temp files left behind
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // --refresh asks everything again
    s.requests.length = 0;
    await fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep, refresh: true });
    expect(s.requests.length).toBe(fullUrls.length);
  });

  it('the key travels only in the header: never in a URL, a cached file or an error message', async () => {
    const KEY = 'k3y-SECRET-0123456789abcdef';
    const s = await serve(CODES, { key: KEY, fault: (n) => (n === 2 ? { kind: '500' } : undefined) });
    const dir = tmp();
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2016-12', codes: CODES, keyed: true });
    const sum = await fetchComtrade(plan, { base: s.base, cacheDir: dir, apiKey: KEY, ...noSleep });
    expect(sum.records).toBe(120);
    expect(s.requests.every((r) => r.key === KEY && !r.url.includes(KEY) && r.path.startsWith('/data/v1/get/'))).toBe(true);
    for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, f), 'utf8')).not.toContain(KEY);
    // an error whose text would contain the key is redacted
    const leaky: Transport = async () => {
      throw Object.assign(new Error(`upstream said ${KEY}`), { code: 'ECONNRESET' });
    };
    const err = await fetchComtrade(plan, { base: s.base, cacheDir: tmp(), apiKey: KEY, ...noSleep, maxRetries: 1, transport: leaky }).catch((e) => e);
    expect(err.message).toMatch(/gave up/);
    expect(err.message).not.toContain(KEY);
    expect(err.message).toContain('<key>');
  });

  it('tariff lines: the tariffline endpoint, every partner, national 8-digit lines imported at HS8', async () => {
    const s = await serve(CODES.slice(0, 3));
    const dir = tmp();
    const plan = planRequests({ dataset: 'tariffline', freq: 'M', from: '2015-01', to: '2015-12', codes: CODES.slice(0, 3), keyed: false });
    expect(plan.every((q) => q.partnerCode === null)).toBe(true);
    const sum = await fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep });
    expect(s.requests.every((r) => r.path === '/public/v1/previewTariffline/C/M/HS' && !('partnerCode' in r.params))).toBe(true);
    expect(sum.records).toBe(3 * 12 * 4);
    const parts = sum.responses.map((m) => ({ file: m.file, cells: importComtradeJson(path.join(dir, m.file), { level: 'HS8' }).cells }));
    const cells = mergeCells(parts);
    expect(cells.level).toBe('HS8');
    expect(cells.codes).toEqual(['85423110', '85423190', '85423210', '85423290', '85423310', '85423390']);
    const k = cells.codes.indexOf('85423190');
    const i = Array.from(cells.code).findIndex((c, j) => c === k && monthLabel(cells.month[j]) === '2015-03');
    expect(cells.value[i]).toBeCloseTo(0.5 * (1000 + 150 + 3), 9); // 0.4 + 0.1 of 854231's 2015-03 value
  });

  it('no network: one clear message, no retries, says what is cached', async () => {
    let calls = 0;
    const offline: Transport = async () => {
      calls++;
      throw Object.assign(new Error('getaddrinfo ENOTFOUND comtradeapi.un.org'), { code: 'ENOTFOUND' });
    };
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2015-12', codes: CODES, keyed: false });
    const err = await fetchComtrade(plan, { cacheDir: tmp(), ...noSleep, transport: offline }).catch((e) => e);
    expect(err.noNetwork).toBe(true);
    expect(err.message).toBe(`the fetch needs internet access to reach comtradeapi.un.org (ENOTFOUND on call 1/1); 0 response(s) are cached in ${err.message.split(' cached in ')[1].split(' (re-run')[0]} (re-run the same command to resume)`);
    expect(err.message.split('\n').length).toBe(1);
    expect(calls).toBe(1);
  });

  it('a real connection refusal is retried, then given up (the transport keeps the error code)', async () => {
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2015-12', codes: CODES, keyed: false });
    const s = await serve(CODES);
    const base = s.base;
    await servers.pop()!.close(); // nothing listens there any more
    const err = await fetchComtrade(plan, { base, cacheDir: tmp(), ...noSleep, maxRetries: 1 }).catch((e) => e);
    expect(err.message).toMatch(/after 2 attempts; last fault: ECONNREFUSED/);
  });
});

describe('the data:fetch script (against the mock API)', () => {
  /** Run scripts/data-fetch.ts as npm does (node --import tsx), keyless; the mock lives in this process, so asynchronously. */
  const fetchScript = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/data-fetch.ts', ...args], { env: { ...process.env, COMTRADE_API_KEY: '', COMTRADE_API_BASE: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
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
    const monthly = new Map(codes.map((c, k) => [c, new Map(months.map((m, t) => [m.replace('-', ''), 1000 * (k + 1) + t]))]));
    const data: MockData = { monthly, annual: new Map() };
    const s = await startMockComtrade({ data, fault: (r) => (r.n === 1 ? { kind: '429', retryAfter: 0 } : undefined) });
    servers.push(s);
    const out = tmp();
    const r = await fetchScript(['comtrade', '--api-base', s.base, '--throttle', '0', '--from', months[0], '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const latest = months[months.length - 1];
    // the latest-period call: the TOTAL of the last 12 months, retried through the client's requester
    expect(s.requests[0].params.cmdCode).toBe('TOTAL');
    expect(s.requests[1].params).toEqual(s.requests[0].params);
    expect(r.stderr).toContain('  retry 1/5 of the latest-period call in 0.0 s after HTTP 429 (Rate limit is exceeded. Try again in 0 seconds.)\n');
    expect(r.stdout).toContain(`, ${months[0]} to ${latest}: `);
    // the import: one panel of the 3 codes × 6 months, the manifest of the fetch
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(m)).toEqual(['kind', 'panel', 'level', 'period', 'rows', 'codes', 'options', 'fetch', 'sources']);
    expect([m.kind, m.level, m.period, m.rows, m.codes]).toEqual(['imported', 'HS6', [months[0], latest], 18, 3]);
    expect(m.options).toEqual({ format: 'comtrade-json', source: 'UN Comtrade API', freq: 'M', codes: 'study', dataset: 'final', from: months[0], to: latest });
    // every call of the plan is in the manifest (97 study codes × 6 months: 2 calls); only the first holds the 3 codes' records
    expect(m.fetch.requests.map((q: { url: string }) => q.url)).toEqual(s.requests.slice(2).map((q) => `${s.base}${q.url}`));
    expect(m.fetch.requests.map((q: { records: number }) => q.records)).toEqual([18, 0]);
    expect(m.sources[0].sha256).toBe(crypto.createHash('sha256').update(m.fetch.requests.map((q: { sha256: string }) => q.sha256).join('\n')).digest('hex'));
    expect(m.sources[0].responses).toBe(1);
    const panel = fs.readFileSync(path.join(out, 'panel.csv'), 'utf8').split('\n');
    expect(panel.slice(0, 3)).toEqual([
      `# Fetched by npm run data:fetch -- comtrade from the UN Comtrade API (${new URL(s.base).host}), 1 responses; see manifest.json`,
      `# Real trade data (not synthetic): China's imports from the World, HS6, monthly US dollars, ${months[0]} to ${latest}`,
      'code,level,month,value_usd',
    ]);
    expect(panel.slice(3, -1)).toEqual(codes.flatMap((c, k) => months.map((mo, t) => `${c},HS6,${mo},${1000 * (k + 1) + t}`)));
    expect(fs.readdirSync(out).sort()).toEqual(['comtrade', 'manifest.json', 'panel.csv']);
  });

  it('arguments through node:util parseArgs: --opt=value works; unknown options, missing values and values on flags are one clear error with the usage', async () => {
    const dry = await fetchScript(['comtrade', '--freq=annual', '--codes=study', '--to=2020', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/annual, the study's codes \(\d+ HS6 parents of the curated HS8 codes, batches 1–3\), 2015 to 2020\n/);
    const usage = 'usage: npm run data:fetch -- comtrade [--freq monthly|annual]';
    for (const [args, msg] of [
      [['comtrade', '--bogus'], 'unknown option --bogus'],
      [['comtrade', '--dry-run', '--freq'], '--freq needs a value'],
      [['comtrade', '--refresh=yes'], '--refresh takes no value'],
      [['comtrade', 'monthly'], 'unknown option monthly'],
    ] as [string[], string][]) {
      const r = await fetchScript(args);
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n').slice(0, 2)).toEqual([`data:fetch failed: ${msg}`, expect.stringContaining(usage)]);
    }
    const bad = await fetchScript(['comtrade', '--throttle', '-1']);
    expect(bad.stderr).toBe('data:fetch failed: --throttle must be a number ≥ 0 (got -1)\n');
  }, 60_000);
});
