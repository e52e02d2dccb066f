/**
 * lib/io/comtrade/fetch.ts beyond tests/comtrade-fetch.test.ts: the requester on its own (what
 * data:fetch's latest-period call uses) — throttle spacing, Retry-After as a date and its cap,
 * the no-network stop, the names in messages, the key redacted everywhere — and fetchComtrade's
 * stops that need no server (a URL too long, a capped call that cannot be split).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComtradeFetchError, comtradeRequester, fetchComtrade, type HttpReply, type Transport } from '../../../../lib/io/comtrade/fetch.js';
import type { ComtradeQuery } from '../../../../lib/io/comtrade/plan.js';

const OK = '{"count":1,"data":[{"cmdCode":"TOTAL","period":"2024","flowCode":"M","primaryValue":5}],"error":""}';

/** A transport that plays the given replies (or throws the given errors) in turn, recording the calls. */
function scripted(replies: (HttpReply | Error)[]): Transport & { calls: { url: string; headers: Record<string, string> }[] } {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const t: Transport = async (url, headers) => {
    calls.push({ url, headers });
    const r = replies.shift();
    if (!r) throw new Error('no more replies scripted');
    if (r instanceof Error) throw r;
    return r;
  };
  return Object.assign(t, { calls });
}
const reply = (status: number, body = OK, headers: Record<string, string> = {}): HttpReply => ({ status, headers, body });
const netError = (code: string, message = code): Error => Object.assign(new Error(message), { code });

/** A clock that only moves when the requester sleeps or a call takes time. */
function fakeClock() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)), advance: (ms: number) => (t += ms), sleeps };
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

  it('429 with Retry-After as an HTTP date waits until then; a Retry-After beyond maxWaitMs is cut to it', async () => {
    const clock = fakeClock();
    const at = new Date(clock.now() + 7000).toUTCString(); // whole seconds: up to 1 s less than 7 s
    const t = scripted([reply(429, '{"message":"slow down"}', { 'retry-after': at }), reply(429, '', { 'retry-after': '3600' }), reply(200)]);
    const events: string[] = [];
    const r = comtradeRequester({ throttleMs: 0, maxWaitMs: 10_000, transport: t, now: clock.now, sleep: clock.sleep, onRetry: (e) => events.push(e) });
    const a = await r.get('https://h/x', 'the latest-period call');
    expect(a.response.count).toBe(1);
    expect(clock.sleeps[0]).toBeGreaterThan(6000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(7000);
    expect(clock.sleeps[1]).toBe(10_000);
    expect(events[1]).toBe('retry 2/5 of the latest-period call in 10.0 s after HTTP 429 ((empty body))');
    expect(events[0]).toMatch(/^retry 1\/5 of the latest-period call in [67]\.\d s after HTTP 429 \(slow down\)$/);
    expect(r.retries).toBe(2);
  });

  it('no internet access stops at once, without retries, in one line (naming the call only when it is one of a plan)', async () => {
    const offline = () => comtradeRequester({ base: 'https://comtradeapi.un.org/', throttleMs: 0, transport: scripted([netError('EAI_AGAIN'), netError('ENETDOWN')]) });
    const e1 = await offline().get('https://comtradeapi.un.org/x', 'the latest-period call').catch((e) => e);
    expect(e1).toBeInstanceOf(ComtradeFetchError);
    expect([e1.message, e1.noNetwork]).toEqual(['the fetch needs internet access to reach comtradeapi.un.org (EAI_AGAIN)', true]);
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
    expect(await get([reply(404, '{"statusCode":404,"message":"Resource not found"}')])).toBe('call 2/3 (https://h/q) was refused: HTTP 404: Resource not found');
    expect(await get([reply(200, '{"count":0,"data":[],"error":"Invalid period"}')])).toBe('call 2/3 (https://h/q): the API answered with an error: Invalid period');
    expect(await get([reply(200, '{"data":[{"cmdCode":"1","period":"2015","flowCode":"M","primaryValue":"x"}]}')])).toBe(
      'call 2/3 (https://h/q) returned a malformed response: validateResponse: data[0].primaryValue must be a non-negative number or null (got "x")',
    );
    expect(await get([reply(503, 'busy'), netError('ECONNRESET', 'socket hang up'), reply(200, '{"count":1,"data":[')])).toBe(
      'gave up on call 2/3 (https://h/q) after 3 attempts; last fault: a truncated body (not complete JSON)',
    );
    // an API note beside data is not an error
    expect(await get([reply(200, '{"count":1,"data":[{"cmdCode":"1","period":"2015","flowCode":"M","primaryValue":1}],"error":"note"}')]).then((x) => typeof x)).toBe('object');
  });

  it('the key goes in the header only, and is redacted from retry events and errors', async () => {
    const KEY = 'sekret-KEY-42';
    const t = scripted([netError('ECONNRESET', `reset by ${KEY}`), netError('ECONNRESET', `again ${KEY}`)]);
    const events: string[] = [];
    const r = comtradeRequester({ apiKey: KEY, throttleMs: 0, maxRetries: 1, sleep: async () => {}, transport: t, onRetry: (e) => events.push(e) });
    expect(r.keyed).toBe(true);
    const e = await r.get('https://h/data/v1/get/C/M/HS?x=1').catch((x) => x);
    expect(t.calls.map((c) => c.headers)).toEqual([
      { Accept: 'application/json', 'Ocp-Apim-Subscription-Key': KEY },
      { Accept: 'application/json', 'Ocp-Apim-Subscription-Key': KEY },
    ]);
    expect(t.calls.every((c) => !c.url.includes(KEY))).toBe(true);
    expect(events).toEqual([expect.stringMatching(/^retry 1\/1 of the call in \d\.\d s after ECONNRESET: reset by <key>$/)]);
    expect(e.message).toBe('gave up on the call (https://h/data/v1/get/C/M/HS?x=1) after 2 attempts; last fault: ECONNRESET: again <key>');
  });

  it('back-off doubles per retry with jitter (0.5 + random), capped by maxWaitMs', async () => {
    const waits: number[] = [];
    const r = comtradeRequester({ throttleMs: 0, backoffMs: 1000, maxWaitMs: 3000, maxRetries: 4, random: () => 0.25, sleep: async (ms) => void waits.push(ms), transport: scripted([reply(500), reply(502), reply(500), reply(500), reply(200)]) });
    await r.get('https://h/x');
    expect(waits).toEqual([750, 1500, 2250, 2250]); // min(3000, 1000 × 2^(k−1)) × 0.75
  });
});

describe('fetchComtrade stops that need no server', () => {
  const q: ComtradeQuery = { dataset: 'final', freq: 'M', periods: ['201501'], cmdCodes: ['854231'], reporterCode: '156', partnerCode: '0', flowCode: 'M' };
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'comtrade-fetch-unit-'));

  it('a call longer than the API accepts is refused before any request', async () => {
    const t = scripted([]);
    const long = { ...q, cmdCodes: Array.from({ length: 500 }, (_, k) => String(1000000000 + k)) };
    const e = await fetchComtrade([long], { cacheDir: dir(), throttleMs: 0, transport: t }).catch((x) => x);
    expect(e.message).toMatch(/^call 1\/1 is longer than the API's 4096 characters \(\d{4}\): https:\/\/comtradeapi\.un\.org\/public\/v1\/preview/);
    expect(t.calls).toEqual([]);
  });

  it('a capped answer of one code and one period cannot be split: keyless it says to set the key; the answer stays cached', async () => {
    const cacheDir = dir();
    const capped = '{"count":900,"data":[{"cmdCode":"854231","period":"201501","flowCode":"M","primaryValue":1}]}';
    const e = await fetchComtrade([q], { cacheDir, throttleMs: 0, transport: scripted([reply(200, capped)]) }).catch((x) => x);
    expect(e).toBeInstanceOf(ComtradeFetchError);
    expect(e.cached).toBe(1);
    expect(e.message).toMatch(
      /^call 1 \(https:\/\/comtradeapi\.un\.org\/public\/v1\/preview\/C\/M\/HS\?.*\) matches 900 records but returns only 1, and it cannot be split further \(one period, one code\): set COMTRADE_API_KEY for the keyed API; 1 response\(s\) are cached in /,
    );
    expect(fs.readdirSync(cacheDir).sort()).toEqual([expect.stringMatching(/^[0-9a-f]{16}\.json$/), expect.stringMatching(/^[0-9a-f]{16}\.meta\.json$/)]);
  });

  it('retries are summed over the calls of a plan', async () => {
    const q2 = { ...q, periods: ['201502'] };
    const sum = await fetchComtrade([q, q2], { cacheDir: dir(), throttleMs: 0, sleep: async () => {}, transport: scripted([reply(500), reply(200), reply(429), reply(500), reply(200)]) });
    expect([sum.fetched, sum.retries, sum.records]).toEqual([2, 3, 2]);
  });
});
