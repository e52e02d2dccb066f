/**
 * lib/io/comtrade/fetch.ts: the requester on its own (what data:fetch's latest-period call uses) — throttle spacing,
 * Retry-After as a date and its cap, the no-network stop, the names in messages, the key redacted everywhere —,
 * fetchComtrade's stops that need no server (a URL too long, a capped call that cannot be split), and fetchComtrade
 * against a local mock API on 127.0.0.1 (never the real network): capped responses, 429 / 500 / timeout / truncated
 * body / empty data / malformed record, bounded retries and give-up, resume without repeating a request, the key
 * never written, tariff lines, and the no-network message.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedRecords, readCached, writeCached } from '../../../../lib/io/comtrade/cache.js';
import {
  ComtradeFetchError,
  comtradeRequester,
  fetchComtrade,
  fetchTransport,
  formatDuration,
  type FetchProgress,
  type HttpReply,
  type Transport,
} from '../../../../lib/io/comtrade/fetch.js';
import {
  COMTRADE_DEFAULT_BASE,
  monthPeriods,
  planRequests,
  requestUrl,
  type ComtradeQuery,
} from '../../../../lib/io/comtrade/plan.js';
import { validateResponse } from '../../../../lib/io/comtrade/response.js';
import { importComtradeJson } from '../../../../lib/io/importers/comtrade.js';
import { mergeCells } from '../../../../lib/io/importers/index.js';
import { monthLabel } from '../../../../lib/core/months.js';
import { mockData, startMockComtrade, type MockFault, type MockServer } from '../../../helpers/mock-comtrade.js';
import { tempDir } from '../../../helpers/temp.js';
import { reply, scripted } from '../../../helpers/scripted-transport.js';

const netError = (code: string, message = code): Error => Object.assign(new Error(message), { code });

/** A clock that only moves when the requester sleeps or a call takes time. */
function fakeClock() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)),
    advance: (ms: number) => (t += ms),
    sleeps,
  };
}

describe('comtradeRequester', () => {
  it('spaces the starts of calls by the throttle, counting the time a call took', async () => {
    const clock = fakeClock();
    const t = scripted([reply(200), reply(200), reply(200)]);
    const slow: Transport = async (u, h, ms) => {
      clock.advance(300);
      return t(u, h, ms);
    };
    const r = comtradeRequester({ throttleMs: 1000, transport: slow, now: clock.now, sleep: clock.sleep });
    await r.get('https://h/1');
    await r.get('https://h/2');
    await r.get('https://h/3');
    expect(clock.sleeps).toEqual([700, 700]); // 1000 ms between starts, 300 ms of it spent in the call
    expect(r.netMs).toBe(900);
    expect(r.retries).toBe(0);
  });

  it('429 with Retry-After as an HTTP date waits until then; a Retry-After beyond maxWaitMs stops at once, saying when to run again', async () => {
    const clock = fakeClock();
    const at = new Date(clock.now() + 7000).toUTCString(); // whole seconds: up to 1 s less than 7 s
    const t = scripted([
      reply(429, '{"message":"slow down"}', { 'retry-after': at }),
      reply(429, '', { 'retry-after': '3600' }),
      reply(200),
    ]);
    const events: string[] = [];
    const r = comtradeRequester({
      throttleMs: 0,
      maxWaitMs: 10_000,
      transport: t,
      now: clock.now,
      sleep: clock.sleep,
      onRetry: (e) => events.push(e),
    });
    const e = await r.get('https://h/x', 'the availability call').catch((x) => x);
    expect(clock.sleeps.length).toBe(1);
    expect(clock.sleeps[0]).toBeGreaterThan(6000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(7000);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatch(/^retry 1\/5 of the availability call in [67]\.\d s after HTTP 429 \(slow down\)$/);
    expect(e).toBeInstanceOf(ComtradeFetchError);
    expect([e.message, e.quota, e.runAgain]).toEqual([
      'the API will not answer more calls for now: it asks to wait 3600 s, more than the 10 s this fetch waits (HTTP 429: (empty body))',
      true,
      `run again after ${new Date(clock.now() + 3_600_000).toISOString().replace('.000Z', 'Z')} (the API's Retry-After: 3600 s)`,
    ]);
    expect(t.calls).toHaveLength(2);
    expect(r.retries).toBe(1);
  });

  it('Retry-After: 0 is no licence to hammer: the back-off is kept; a quota message stops at once even without Retry-After', async () => {
    const clock = fakeClock();
    const t = scripted([
      reply(429, '{"message":"Rate limit is exceeded. Try again in 0 seconds."}', { 'retry-after': '0' }),
      reply(429, '', { 'retry-after': '0' }),
      reply(200),
      reply(403, '{"statusCode":403,"message":"Out of call volume quota. Quota will be replenished in 03:14:17."}'),
    ]);
    const r = comtradeRequester({
      throttleMs: 0,
      backoffMs: 2000,
      random: () => 0.5,
      transport: t,
      now: clock.now,
      sleep: clock.sleep,
    });
    expect((await r.get('https://h/x')).response.count).toBe(1);
    expect(clock.sleeps).toEqual([2000, 4000]);
    const e = await r.get('https://h/y', { index: 2, total: 5 }).catch((x) => x);
    expect(clock.sleeps).toEqual([2000, 4000]);
    expect([e.message, e.quota, e.runAgain]).toEqual([
      'the API will not answer more calls for now: its call quota is used up (HTTP 403 on call 2/5: Out of call volume quota. Quota will be replenished in 03:14:17.)',
      true,
      `run again after ${new Date(clock.now() + 11_657_000).toISOString().replace('.000Z', 'Z')} (the API: Out of call volume quota. Quota will be replenished in 03:14:17.)`,
    ]);
  });

  it('no internet access stops at once, without retries, in one line (naming the call only when it is one of a plan)', async () => {
    const offline = () =>
      comtradeRequester({
        base: 'https://comtradeapi.un.org/',
        throttleMs: 0,
        transport: scripted([netError('EAI_AGAIN'), netError('ENETDOWN')]),
      });
    const e1 = await offline()
      .get('https://comtradeapi.un.org/x', 'the latest-period call')
      .catch((e) => e);
    expect(e1).toBeInstanceOf(ComtradeFetchError);
    expect([e1.message, e1.noNetwork]).toEqual([
      'the fetch needs internet access to reach comtradeapi.un.org (EAI_AGAIN)',
      true,
    ]);
    const r = offline();
    await r.get('u').catch(() => undefined);
    const e2 = await r.get('https://comtradeapi.un.org/x', { index: 4, total: 9 }).catch((e) => e);
    expect(e2.message).toBe('the fetch needs internet access to reach comtradeapi.un.org (ENETDOWN on call 4/9)');
  });

  it('stops: a refusal is not retried; an API error with no data; a malformed record; give-up after maxRetries — each naming the call and URL', async () => {
    const get = (replies: (HttpReply | Error)[], maxRetries = 2) =>
      comtradeRequester({ throttleMs: 0, maxRetries, sleep: async () => {}, transport: scripted(replies) })
        .get('https://h/q', { index: 2, total: 3 })
        .catch((e: Error) => e.message);
    expect(await get([reply(404, '{"statusCode":404,"message":"Resource not found"}')])).toBe(
      'call 2/3 (https://h/q) was refused: HTTP 404: Resource not found',
    );
    expect(await get([reply(200, '{"count":0,"data":[],"error":"Invalid period"}')])).toBe(
      'call 2/3 (https://h/q): the API answered with an error: Invalid period',
    );
    expect(
      await get([reply(200, '{"data":[{"cmdCode":"1","period":"2015","flowCode":"M","primaryValue":"x"}]}')]),
    ).toBe(
      'call 2/3 (https://h/q) returned a malformed response: validateResponse: data[0].primaryValue must be a non-negative number or null (got "x")',
    );
    expect(
      await get([reply(503, 'busy'), netError('ECONNRESET', 'socket hang up'), reply(200, '{"count":1,"data":[')]),
    ).toBe('gave up on call 2/3 (https://h/q) after 3 attempts; last fault: a truncated body (not complete JSON)');
    // an API note beside data is not an error
    expect(
      await get([
        reply(
          200,
          '{"count":1,"data":[{"cmdCode":"1","period":"2015","flowCode":"M","primaryValue":1}],"error":"note"}',
        ),
      ]).then((x) => typeof x),
    ).toBe('object');
  });

  it('the key goes in the header only, and is redacted from retry events and errors', async () => {
    const KEY = 'sekret-KEY-42';
    const t = scripted([netError('ECONNRESET', `reset by ${KEY}`), netError('ECONNRESET', `again ${KEY}`)]);
    const events: string[] = [];
    const r = comtradeRequester({
      apiKey: KEY,
      throttleMs: 0,
      maxRetries: 1,
      sleep: async () => {},
      transport: t,
      onRetry: (e) => events.push(e),
    });
    expect(r.keyed).toBe(true);
    const e = await r.get('https://h/data/v1/get/C/M/HS?x=1').catch((x) => x);
    expect(t.calls.map((c) => c.headers)).toEqual([
      { Accept: 'application/json', 'Ocp-Apim-Subscription-Key': KEY },
      { Accept: 'application/json', 'Ocp-Apim-Subscription-Key': KEY },
    ]);
    expect(t.calls.every((c) => !c.url.includes(KEY))).toBe(true);
    expect(events).toEqual([
      expect.stringMatching(/^retry 1\/1 of the call in \d\.\d s after ECONNRESET: reset by <key>$/),
    ]);
    expect(e.message).toBe(
      'gave up on the call (https://h/data/v1/get/C/M/HS?x=1) after 2 attempts; last fault: ECONNRESET: again <key>',
    );
  });

  it('back-off doubles per retry with jitter (0.5 + random), capped by maxWaitMs', async () => {
    const waits: number[] = [];
    const r = comtradeRequester({
      throttleMs: 0,
      backoffMs: 1000,
      maxWaitMs: 3000,
      maxRetries: 4,
      random: () => 0.25,
      sleep: async (ms) => void waits.push(ms),
      transport: scripted([reply(500), reply(502), reply(500), reply(500), reply(200)]),
    });
    await r.get('https://h/x');
    expect(waits).toEqual([750, 1500, 2250, 2250]); // min(3000, 1000 × 2^(k−1)) × 0.75
  });
});

/** One monthly call: ICs (854231) imported by China in January 2015, partner World. */
const ONE_CALL: ComtradeQuery = {
  dataset: 'final',
  freq: 'M',
  periods: ['201501'],
  cmdCodes: ['854231'],
  reporterCode: '156',
  partnerCode: '0',
  flowCode: 'M',
};

describe('fetchComtrade stops that need no server', () => {
  const q = ONE_CALL;
  const dir = () => tempDir('comtrade-fetch-unit-');

  it('a call longer than the API accepts is refused before any request', async () => {
    const t = scripted([]);
    const long = { ...q, cmdCodes: Array.from({ length: 500 }, (_, k) => String(1000000000 + k)) };
    const e = await fetchComtrade([long], { cacheDir: dir(), throttleMs: 0, transport: t }).catch((x) => x);
    expect(e.message).toMatch(
      /^call 1\/1 is longer than the API's 4096 characters \(\d{4}\): https:\/\/comtradeapi\.un\.org\/public\/v1\/preview/,
    );
    expect(t.calls).toEqual([]);
  });

  it('a capped answer of one code and one period cannot be split: keyless it says to set the key; the answer stays cached', async () => {
    const cacheDir = dir();
    const capped = '{"count":900,"data":[{"cmdCode":"854231","period":"201501","flowCode":"M","primaryValue":1}]}';
    const e = await fetchComtrade([q], { cacheDir, throttleMs: 0, transport: scripted([reply(200, capped)]) }).catch(
      (x) => x,
    );
    expect(e).toBeInstanceOf(ComtradeFetchError);
    expect(e.cached).toBe(1);
    expect(e.message).toMatch(
      /^call 1 \(https:\/\/comtradeapi\.un\.org\/public\/v1\/preview\/C\/M\/HS\?.*\) matches 900 records but returns only 1, and it cannot be split further \(one period, one code\): set COMTRADE_API_KEY for the keyed API; 1 response\(s\) are cached in /,
    );
    expect(fs.readdirSync(cacheDir).sort()).toEqual([
      expect.stringMatching(/^[0-9a-f]{16}\.json$/),
      expect.stringMatching(/^[0-9a-f]{16}\.meta\.json$/),
    ]);
  });

  it('retries are summed over the calls of a plan', async () => {
    const q2 = { ...q, periods: ['201502'] };
    const sum = await fetchComtrade([q, q2], {
      cacheDir: dir(),
      throttleMs: 0,
      sleep: async () => {},
      transport: scripted([reply(500), reply(200), reply(429), reply(500), reply(200)]),
    });
    expect([sum.fetched, sum.retries, sum.records]).toEqual([2, 3, 2]);
  });
});

describe('fetchComtrade with a scripted transport: URLs, progress, splits and exact stops', () => {
  const q = ONE_CALL;
  const two: ComtradeQuery = { ...q, periods: ['201501', '201502'] };
  const dir = () => tempDir('comtrade-fetch-unit-');
  /** An answer of n records of one code and period, with the given count. */
  const records = (n: number, count = n) =>
    JSON.stringify({
      count,
      data: Array.from({ length: n }, (_, k) => ({
        cmdCode: '854231',
        period: '201501',
        flowCode: 'M',
        primaryValue: k,
      })),
      error: '',
    });
  const resumes = (cacheDir: string, n: number) =>
    `; ${n} response(s) are cached in ${cacheDir} (re-run the same command to resume)`;
  /** The error a fetch stops with (the test fails when it does not stop). */
  const failure = async (p: Promise<unknown>): Promise<ComtradeFetchError> => {
    try {
      await p;
    } catch (e) {
      return e as ComtradeFetchError;
    }
    throw new Error('the fetch did not stop');
  };

  it('every trailing slash of the base is dropped from the URLs asked', async () => {
    const t = scripted([reply(200)]);
    await fetchComtrade([q], { base: 'http://h//', cacheDir: dir(), throttleMs: 0, transport: t });
    expect(t.calls.map((c) => c.url)).toEqual([requestUrl('http://h', q, false)]);
    expect(t.calls[0].url.startsWith('http://h/public/v1/preview/C/M/HS?')).toBe(true);
  });

  it('the ETA: none before the first fetched call, then calls left × the mean call time, never less than the throttle', async () => {
    const plan = ['201501', '201502', '201503'].map((p) => ({ ...q, periods: [p] }));
    const run = async (callMs: number, throttleMs: number | undefined) => {
      const clock = fakeClock();
      const t = scripted([reply(200), reply(200), reply(200)]);
      const slow: Transport = async (u, h, ms) => {
        clock.advance(callMs);
        return t(u, h, ms);
      };
      const seen: [number, number, number | undefined][] = [];
      await fetchComtrade(plan, {
        cacheDir: dir(),
        throttleMs,
        transport: slow,
        now: clock.now,
        sleep: clock.sleep,
        onProgress: (p: FetchProgress) => seen.push([p.done, p.total, p.etaMs]),
      });
      return seen;
    };
    // calls of 3 s, the default throttle (1 s): 3 s a call left
    expect(await run(3000, undefined)).toEqual([
      [0, 3, undefined],
      [1, 3, 6000],
      [2, 3, 3000],
      [3, 3, 0],
    ]);
    // calls of 1 s under a 5 s throttle: 5 s a call left
    expect(await run(1000, 5000)).toEqual([
      [0, 3, undefined],
      [1, 3, 10000],
      [2, 3, 5000],
      [3, 3, 0],
    ]);
  });

  it('a call longer than the API accepts: the exact stop (no network fault, no quota, nothing to wait for); 4096 characters pass', async () => {
    const codes = Array.from({ length: 400 }, (_, k) => String(1000000 + k));
    const wide = { ...q, cmdCodes: codes };
    const shortest = requestUrl('http://h', wide, false).length;
    expect(shortest).toBeLessThan(4096);
    const baseOf = (length: number) => `http://h/${'p'.repeat(length - shortest - 1)}`;
    const at = baseOf(4096);
    expect(requestUrl(at, wide, false).length).toBe(4096);
    const t = scripted([reply(200)]);
    const ok = await fetchComtrade([wide], { base: at, cacheDir: dir(), throttleMs: 0, transport: t });
    expect([ok.fetched, t.calls[0].url.length]).toEqual([1, 4096]);

    const cacheDir = dir();
    const over = baseOf(4097);
    const url = requestUrl(over, wide, false);
    const e = await failure(fetchComtrade([wide], { base: over, cacheDir, throttleMs: 0, transport: scripted([]) }));
    expect(e).toBeInstanceOf(ComtradeFetchError);
    expect(e.message).toBe(
      `call 1/1 is longer than the API's 4096 characters (4097): ${url.slice(0, 120)}…${resumes(cacheDir, 0)}`,
    );
    expect([e.noNetwork, e.cached, e.quota, e.runAgain]).toEqual([false, 0, false, '']);
  });

  it("the key is redacted from the fetch's own stop messages too (here a cache folder named after it)", async () => {
    const KEY = 'sekret-KEY-42';
    const cacheDir = tempDir(`comtrade-${KEY}-`);
    const long = { ...q, cmdCodes: Array.from({ length: 500 }, (_, k) => String(1000000000 + k)) };
    const e = await failure(fetchComtrade([long], { apiKey: KEY, cacheDir, throttleMs: 0, transport: scripted([]) }));
    expect(e.message).not.toContain(KEY);
    expect(e.message.endsWith(resumes(cacheDir.split(KEY).join('<key>'), 0))).toBe(true);
  });

  it("an error that is not the fetch's own (here the caller's sleep failing) passes through unchanged", async () => {
    const interrupted = new Error('interrupted');
    const e = await failure(
      fetchComtrade([q], {
        cacheDir: dir(),
        throttleMs: 0,
        sleep: async () => {
          throw interrupted;
        },
        transport: scripted([reply(500), reply(200)]),
      }),
    );
    expect(e).toBe(interrupted);
  });

  it("records = the call's limit with a count that agrees: the exact stop when it cannot be split", async () => {
    const cacheDir = dir();
    const url = requestUrl(COMTRADE_DEFAULT_BASE, q, false);
    const e = await failure(
      fetchComtrade([q], { cacheDir, throttleMs: 0, transport: scripted([reply(200, records(500))]) }),
    );
    expect(e.message).toBe(
      `call 1 (${url}) returns 500 records, the call's limit, so it may be cut whatever its count (500) says, and it cannot be split further (one period, one code): set COMTRADE_API_KEY for the keyed API${resumes(cacheDir, 1)}`,
    );
    expect([e.cached, e.quota]).toEqual([1, false]);
  });

  it('keyed, a capped call that cannot be split stops without the advice to set the key', async () => {
    const cacheDir = dir();
    const url = requestUrl(COMTRADE_DEFAULT_BASE, q, true);
    const e = await failure(
      fetchComtrade([q], {
        apiKey: 'test-key-4f9c2a71d3b8',
        cacheDir,
        throttleMs: 0,
        transport: scripted([reply(200, records(1, 900))]),
      }),
    );
    expect(e.message).toBe(
      `call 1 (${url}) matches 900 records but returns only 1, and it cannot be split further (one period, one code)${resumes(cacheDir, 1)}`,
    );
  });

  it('a capped answer is split: its event, two more calls known, both halves asked', async () => {
    const t = scripted([reply(200, records(1, 900)), reply(200), reply(200)]);
    const seen: [number, number, string | undefined][] = [];
    const sum = await fetchComtrade([two], {
      cacheDir: dir(),
      throttleMs: 0,
      transport: t,
      onProgress: (p) => seen.push([p.done, p.total, p.event]),
    });
    expect(seen).toEqual([
      [0, 1, undefined],
      [1, 3, 'split a capped response (1 of 900 records)'],
      [2, 3, undefined],
      [3, 3, undefined],
    ]);
    expect(t.calls.map((c) => c.url)).toEqual(
      [two, { ...q, periods: ['201501'] }, { ...q, periods: ['201502'] }].map((x) =>
        requestUrl(COMTRADE_DEFAULT_BASE, x, false),
      ),
    );
    expect([sum.splits, sum.fetched, sum.records]).toEqual([1, 3, 2]);
  });

  it("a cached answer written without a limit but holding the call's limit of records is split, not used", async () => {
    const cacheDir = dir();
    const body = records(500);
    const old = writeCached(cacheDir, two, {
      url: requestUrl(COMTRADE_DEFAULT_BASE, two, false),
      keyed: false,
      fetchedAt: '2025-01-01T00:00:00.000Z',
      body,
      response: validateResponse(body),
    });
    expect(old.capped).toBe(false);
    const t = scripted([reply(200), reply(200)]);
    const events: string[] = [];
    const sum = await fetchComtrade([two], {
      cacheDir,
      throttleMs: 0,
      transport: t,
      onProgress: (p) => p.event && events.push(p.event),
    });
    expect(events).toEqual(["split a response at the call's limit (500 records, count 500)"]);
    expect([sum.fromCache, sum.splits, sum.fetched, sum.records, t.calls.length]).toEqual([1, 1, 2, 2, 2]);
  });
});

describe('endpoints, URLs and small helpers', () => {
  it('durations', () => {
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(59_400)).toBe('0:59');
  });
});

const servers: MockServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});
const tmp = () => tempDir('comtrade-fetch-');
const noSleep = { sleep: async () => {}, throttleMs: 0 };

async function serve(
  codes: string[],
  opts: { fault?: (n: number) => MockFault | undefined; previewLimit?: number; key?: string } = {},
) {
  const s = await startMockComtrade({
    data: mockData(codes, 2015, 2016),
    fault: opts.fault ? (r) => opts.fault!(r.n) : undefined,
    previewLimit: opts.previewLimit,
    key: opts.key,
  });
  servers.push(s);
  return s;
}

describe('fetching from the mock API', () => {
  const CODES = ['854231', '854232', '854233', '848620', '903082'];

  it('a clean run: every record once, responses cached with their request, no capped response used', async () => {
    const s = await serve(CODES);
    const dir = tmp();
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2016-12', codes: CODES, keyed: false });
    const progress: number[] = [];
    const sum = await fetchComtrade(plan, {
      base: s.base,
      cacheDir: dir,
      ...noSleep,
      onProgress: (p) => progress.push(p.done),
    });
    expect(sum.fetched).toBe(2);
    expect(sum.records).toBe(5 * 24);
    expect(sum.responses.every((m) => !m.capped && m.records === m.count)).toBe(true);
    expect(progress[progress.length - 1]).toBe(2);
    const recs = cachedRecords(dir, sum.responses);
    expect(recs.length).toBe(120);
    expect(recs.find((r) => r.cmdCode === '854232' && r.period === '201603')!.primaryValue).toBe(2000 + 160 + 3);
    expect(
      s.requests.every(
        (r) =>
          r.path === '/public/v1/preview/C/M/HS' &&
          r.params.partnerCode === '0' &&
          r.params.reporterCode === '156' &&
          r.params.flowCode === 'M',
      ),
    ).toBe(true);
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
    const faults: Record<number, MockFault> = {
      1: { kind: '429', retryAfter: 3 },
      2: { kind: '500' },
      3: { kind: 'timeout', ms: 2000 },
      4: { kind: 'truncate' },
    };
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
    expect(err.message).toMatch(
      /gave up on call 2\/2 \(http:\/\/127\.0\.0\.1:\d+\/public\/v1\/preview\/C\/M\/HS\?reporterCode=156&period=201601,/,
    );
    expect(err.message).toMatch(
      /after 4 attempts; last fault: HTTP 500 \(Internal server error\); 1 response\(s\) are cached/,
    );
    expect(s.requests.length).toBe(5);
    expect(readCached(dir, plan[0])).toBeDefined();
    expect(readCached(dir, plan[1])).toBeUndefined();
  });

  it('empty data is a valid (cached) answer; a malformed record stops with the record named; a 401 is not retried', async () => {
    const s = await serve(CODES, {
      fault: (n) => (n === 1 ? { kind: 'empty' } : n === 2 ? { kind: 'malformed' } : undefined),
    });
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2016-12', codes: CODES, keyed: false });
    const err = await fetchComtrade(plan, { base: s.base, cacheDir: tmp(), ...noSleep }).catch((e) => e);
    expect(err.message).toMatch(
      /call 2\/2 .* returned a malformed response: validateResponse: data\[0\]\.primaryValue must be a non-negative number or null \(got "n\/a"\)/,
    );
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
      const r = await fetchTransport(url, h, t);
      answered++;
      return r;
    };
    await expect(
      fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep, maxRetries: 0, transport: dying }),
    ).rejects.toThrow(/gave up/);
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
    expect(s.requests.every((r) => r.key === KEY && !r.url.includes(KEY) && r.path.startsWith('/data/v1/get/'))).toBe(
      true,
    );
    for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, f), 'utf8')).not.toContain(KEY);
    // an error whose text would contain the key is redacted
    const leaky: Transport = async () => {
      throw Object.assign(new Error(`upstream said ${KEY}`), { code: 'ECONNRESET' });
    };
    const err = await fetchComtrade(plan, {
      base: s.base,
      cacheDir: tmp(),
      apiKey: KEY,
      ...noSleep,
      maxRetries: 1,
      transport: leaky,
    }).catch((e) => e);
    expect(err.message).toMatch(/gave up/);
    expect(err.message).not.toContain(KEY);
    expect(err.message).toContain('<key>');
  });

  it('tariff lines: the tariffline endpoint, every partner, national 8-digit lines imported at HS8', async () => {
    const s = await serve(CODES.slice(0, 3));
    const dir = tmp();
    const plan = planRequests({
      dataset: 'tariffline',
      freq: 'M',
      from: '2015-01',
      to: '2015-12',
      codes: CODES.slice(0, 3),
      keyed: false,
    });
    expect(plan.every((q) => q.partnerCode === null)).toBe(true);
    const sum = await fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep });
    expect(
      s.requests.every((r) => r.path === '/public/v1/previewTariffline/C/M/HS' && !('partnerCode' in r.params)),
    ).toBe(true);
    expect(sum.records).toBe(3 * 12 * 4);
    const parts = sum.responses.map((m) => ({
      file: m.file,
      cells: importComtradeJson(path.join(dir, m.file), { level: 'HS8' }).cells,
    }));
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
    expect(err.message).toBe(
      `the fetch needs internet access to reach comtradeapi.un.org (ENOTFOUND on call 1/1); 0 response(s) are cached in ${err.message.split(' cached in ')[1].split(' (re-run')[0]} (re-run the same command to resume)`,
    );
    expect(err.message.split('\n').length).toBe(1);
    expect(calls).toBe(1);
  });

  it('ENETDOWN (the network interface is down) is no internet access: the offline line, no retries', async () => {
    let calls = 0;
    const down: Transport = async () => {
      calls++;
      throw netError('ENETDOWN', 'connect ENETDOWN 1.2.3.4:443');
    };
    const dir = tmp();
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2015-12', codes: CODES, keyed: false });
    const err = await fetchComtrade(plan, { cacheDir: dir, ...noSleep, transport: down }).catch((e) => e);
    expect([err.noNetwork, calls]).toEqual([true, 1]);
    expect(err.message).toBe(
      `the fetch needs internet access to reach comtradeapi.un.org (ENETDOWN on call 1/1); 0 response(s) are cached in ${dir} (re-run the same command to resume)`,
    );
  });

  it("count = records = the call's limit: taken as possibly cut and split, even though count says complete; the panel is complete", async () => {
    const codes = Array.from({ length: 50 }, (_, k) => String(850000 + k));
    const s = await startMockComtrade({ data: mockData(codes, 2015, 2015), countIsRecords: true });
    servers.push(s);
    const dir = tmp();
    const q: ComtradeQuery = {
      dataset: 'final',
      freq: 'M',
      periods: monthPeriods('2015-01', '2015-12'),
      cmdCodes: codes,
      reporterCode: '156',
      partnerCode: '0',
      flowCode: 'M',
    };
    const events: string[] = [];
    const sum = await fetchComtrade([q], {
      base: s.base,
      cacheDir: dir,
      ...noSleep,
      onProgress: (p) => p.event && events.push(p.event),
    });
    // 50 codes × 12 months = 600 records; the first answer holds 500 with count 500
    expect(readCached(dir, q)).toMatchObject({ count: 500, records: 500, capped: true });
    expect(events[0]).toBe("split a response at the call's limit (500 records, count 500)");
    expect(sum.splits).toBe(1);
    expect(sum.responses.map((m) => m.records)).toEqual([300, 300]);
    const keys = cachedRecords(dir, sum.responses).map((r) => `${r.cmdCode}|${r.period}`);
    expect(new Set(keys).size).toBe(600);
    expect(keys.length).toBe(600);
  });

  it('a used-up quota (403, Retry-After 86400) stops at once: one line with the cached count and when to run again; the cache intact', async () => {
    const s = await serve(CODES, { fault: (n) => (n === 2 ? { kind: 'quota', retryAfter: 86400 } : undefined) });
    const dir = tmp();
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2016-12', codes: CODES, keyed: false });
    const sleeps: number[] = [];
    const t0 = Date.now();
    const err = await fetchComtrade(plan, {
      base: s.base,
      cacheDir: dir,
      throttleMs: 0,
      sleep: async (ms) => void sleeps.push(ms),
    }).catch((e) => e);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(sleeps).toEqual([]);
    expect(s.requests.length).toBe(2);
    expect([err.quota, err.cached]).toEqual([true, 1]);
    expect(err.message).toMatch(
      new RegExp(
        `^the API will not answer more calls for now: its call quota is used up \\(HTTP 403 on call 2/2: Out of call volume quota\\. Quota will be replenished in 23:59:59\\.\\); 1 response\\(s\\) are cached in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(run again after \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(the API's Retry-After: 86400 s\\): the same command resumes\\)$`,
      ),
    );
    const when = Date.parse(/run again after (\S+)/.exec(err.message)![1]);
    expect(Math.abs(when - (t0 + 86_400_000))).toBeLessThan(10_000);
    expect(readCached(dir, plan[0])!.records).toBe(60);
    expect(readCached(dir, plan[1])).toBe(undefined);
  });

  it('release-aware cache: a period released again since makes only its call asked again; refresh asks all', async () => {
    const releases = new Map([
      ['201501', '2025-01-15T10:00:00'],
      ['201601', '2025-01-15T10:00:00'],
    ]);
    const s = await serve(CODES);
    const dir = tmp();
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2016-12', codes: CODES, keyed: false });
    const first = await fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep, releases });
    expect(first.responses.map((m) => m.released)).toEqual(['2025-01-15T10:00:00', '2025-01-15T10:00:00']);
    const again = await fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep, releases });
    expect([again.fetched, again.fromCache, again.refetched, s.requests.length]).toEqual([0, 2, 0, 2]);
    releases.set('201603', '2025-06-01T08:30:00');
    const progress: number[] = [];
    const third = await fetchComtrade(plan, {
      base: s.base,
      cacheDir: dir,
      ...noSleep,
      releases,
      onProgress: (p) => progress.push(p.refetched),
    });
    expect([third.fetched, third.fromCache, third.refetched]).toEqual([1, 1, 1]);
    expect(progress[progress.length - 1]).toBe(1);
    expect(s.requests.length).toBe(3);
    expect(s.requests[2].params.period).toBe(plan[1].periods.join(','));
    expect(readCached(dir, plan[1])!.released).toBe('2025-06-01T08:30:00');
    expect(third.records).toBe(120);
    const all = await fetchComtrade(plan, { base: s.base, cacheDir: dir, ...noSleep, releases, refresh: true });
    expect([all.fetched, all.refetched, s.requests.length]).toEqual([2, 0, 5]);
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
