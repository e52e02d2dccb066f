/**
 * lib/io/comtrade/request.ts: the error a fetch stops with (its defaults), the default transport's error codes and its
 * timer (cleared once the answer is in; a local server on 127.0.0.1, never the network), and the requester's rules
 * with a scripted transport and a fake clock: the default throttle and the real sleep, the headers of a keyless
 * requester, which stops are not "no network", the short call name of retry events, Retry-After in seconds (spaces,
 * decimals) and as a date, a Retry-After equal to the wait bound, how the run-again time is written, a 403 with and
 * without Retry-After, and a transport error without a code.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ComtradeFetchError,
  comtradeRequester,
  fetchTransport,
  type HttpReply,
  type RequestOptions,
} from '../../../../lib/io/comtrade/request.js';
import { OK, reply, scripted } from '../../../helpers/scripted-transport.js';

/** A clock that only moves when the requester sleeps; it starts at 2026-01-01T00:00:00Z. */
function fakeClock() {
  let t = Date.parse('2026-01-01T00:00:00Z');
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)),
    sleeps,
  };
}

/** A requester on a fake clock with a small back-off (random 0: 0.5 × backoffMs = 50 ms first). */
function onClock(replies: (HttpReply | Error)[], o: Partial<RequestOptions> = {}) {
  const clock = fakeClock();
  const transport = scripted(replies);
  const events: string[] = [];
  const r = comtradeRequester({
    throttleMs: 0,
    backoffMs: 100,
    random: () => 0,
    transport,
    now: clock.now,
    sleep: clock.sleep,
    onRetry: (e) => events.push(e),
    ...o,
  });
  return { r, clock, transport, events };
}

describe('ComtradeFetchError', () => {
  it('defaults: not offline, nothing cached, not a quota stop, no run-again time; named ComtradeFetchError', () => {
    const e = new ComtradeFetchError('stopped');
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.message, e.noNetwork, e.cached, e.quota, e.runAgain]).toEqual([
      'ComtradeFetchError',
      'stopped',
      false,
      0,
      false,
      '',
    ]);
  });
});

describe('fetchTransport', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/cut') {
        // promises 100 bytes, sends 9, then closes the connection
        res.socket!.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"count":');
        setTimeout(() => res.socket!.destroy(), 20);
        return;
      }
      res.setHeader('Retry-After', '7');
      res.end(OK);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('answers status, lower-case headers and body, and clears its timeout timer (no timer left to hold the process)', async () => {
    const set = vi.spyOn(globalThis, 'setTimeout');
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    const r = await fetchTransport(`${base}/x`, { Accept: 'application/json' }, 61_234);
    expect([r.status, r.headers['retry-after'], r.body]).toEqual([200, '7', OK]);
    const k = set.mock.calls.findIndex((c) => c[1] === 61_234);
    expect(k).toBeGreaterThanOrEqual(0);
    const timer = set.mock.results[k].value;
    expect(clear.mock.calls.some((c) => c[0] === timer)).toBe(true);
  });

  it('an error without a code (a header name fetch refuses) gets code EFETCH and keeps its message', async () => {
    const e = await fetchTransport(`${base}/x`, { 'bad header': 'x' }, 5000).catch((x) => x);
    expect([e.code, e.message]).toEqual(['EFETCH', 'Headers.append: "bad header" is an invalid header name.']);
  });

  it('a body cut short is an error with a code (undici: UND_ERR_SOCKET, other side closed)', async () => {
    const e = await fetchTransport(`${base}/cut`, {}, 5000).catch((x) => x);
    expect(e).toBeInstanceOf(Error);
    expect(['UND_ERR_SOCKET', 'ETRUNCATED']).toContain(e.code);
  });

  it('a fetch error without any code whose message says the connection ended is ETRUNCATED, any other EFETCH', async () => {
    const code = async (message: string) => {
      vi.stubGlobal('fetch', async () => {
        throw new TypeError(message);
      });
      const e = await fetchTransport('http://127.0.0.1:9/', {}, 5000).catch((x) => x);
      vi.unstubAllGlobals();
      return [e.code, e.message];
    };
    expect(await code('terminated')).toEqual(['ETRUNCATED', 'terminated']);
    expect(await code('Other side closed')).toEqual(['ETRUNCATED', 'Other side closed']);
    expect(await code('something else')).toEqual(['EFETCH', 'something else']);
  });
});

describe('comtradeRequester: spacing, headers, names', () => {
  it('the throttle is 1,000 ms by default, or the one given', async () => {
    const byDefault = onClock([reply(200), reply(200)], { throttleMs: undefined });
    await byDefault.r.get('https://h/1');
    await byDefault.r.get('https://h/2');
    expect(byDefault.clock.sleeps).toEqual([1000]);
    const given = onClock([reply(200), reply(200)], { throttleMs: 300 });
    await given.r.get('https://h/1');
    await given.r.get('https://h/2');
    expect(given.clock.sleeps).toEqual([300]);
  });

  it('without a sleep given, the throttle really waits (and resolves)', async () => {
    const r = comtradeRequester({ throttleMs: 40, transport: scripted([reply(200), reply(200)]) });
    await r.get('https://h/1');
    const t0 = performance.now();
    const second = r.get('https://h/2').then((a) => a.response.count);
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error('the throttle never ended')), 3000));
    expect(await Promise.race([second, late])).toBe(1);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(30);
  });

  it('a keyless requester sends only the Accept header', async () => {
    const { r, transport } = onClock([reply(200)]);
    await r.get('https://h/1');
    expect(r.keyed).toBe(false);
    expect(Object.entries(transport.calls[0].headers)).toEqual([['Accept', 'application/json']]);
  });

  it('retry events name a plan call by its index only; a transport error without a code is a "network error"', async () => {
    const { r, events } = onClock([reply(500, '{"message":"busy"}'), new Error('boom')], { maxRetries: 1 });
    const e = await r.get('https://h/q', { index: 2, total: 3 }).catch((x) => x);
    expect(events).toEqual(['retry 1/1 of call 2 in 0.1 s after HTTP 500 (busy)']);
    expect(e.message).toBe('gave up on call 2/3 (https://h/q) after 2 attempts; last fault: network error: boom');
    expect([e.noNetwork, e.quota]).toEqual([false, false]);
  });

  it('five transport codes mean no internet (a stop at the first call, no retry); another code is retried', async () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']) {
      const { r, transport } = onClock([Object.assign(new Error('no route'), { code }), reply(200)]);
      const e = await r.get('https://h/q').catch((x) => x);
      expect([code, e.noNetwork, transport.calls.length]).toEqual([code, true, 1]);
      expect(e.message).toBe(`the fetch needs internet access to reach comtradeapi.un.org (${code})`);
    }
    const { r, transport } = onClock([Object.assign(new Error('reset'), { code: 'ECONNRESET' }), reply(200)]);
    expect((await r.get('https://h/q')).response.count).toBe(1);
    expect(transport.calls.length).toBe(2);
  });

  it('a refusal and a quota stop are not "no network"', async () => {
    const refused = await onClock([reply(404, '{"message":"Resource not found"}')])
      .r.get('https://h/q')
      .catch((x) => x);
    expect([refused.message, refused.noNetwork, refused.quota]).toEqual([
      'the call (https://h/q) was refused: HTTP 404: Resource not found',
      false,
      false,
    ]);
    const quota = await onClock([reply(403, '{"message":"Out of call volume quota."}')])
      .r.get('https://h/q')
      .catch((x) => x);
    expect([quota.noNetwork, quota.quota]).toEqual([false, true]);
  });
});

describe('comtradeRequester: Retry-After', () => {
  const waitFor = async (header: string, o: Partial<RequestOptions> = {}) => {
    const { r, clock } = onClock([reply(429, '', { 'retry-after': header }), reply(200)], o);
    await r.get('https://h/q');
    return clock.sleeps;
  };

  it('in seconds: surrounding spaces allowed, decimals read', async () => {
    expect(await waitFor(' 3 ')).toEqual([3000]);
    expect(await waitFor('2.25')).toEqual([2250]);
  });

  it('as a date, written with a numeric offset or Z (a date is not read as seconds)', async () => {
    expect(await waitFor('2026-01-01T00:00:05+00:00')).toEqual([5000]);
    expect(await waitFor('2026-01-01T00:00:07Z')).toEqual([7000]);
  });

  it('a Retry-After equal to the wait bound is waited; one second more stops at once', async () => {
    expect(await waitFor('10', { maxWaitMs: 10_000 })).toEqual([10_000]);
    const { r, transport } = onClock([reply(429, '', { 'retry-after': '11' }), reply(200)], { maxWaitMs: 10_000 });
    const e = await r.get('https://h/q').catch((x) => x);
    expect([e.quota, e.message, transport.calls.length]).toEqual([
      true,
      'the API will not answer more calls for now: it asks to wait 11 s, more than the 10 s this fetch waits (HTTP 429: (empty body))',
      1,
    ]);
  });

  it('the run-again time quotes the header trimmed: seconds with " s", a date as given', async () => {
    const runAgain = async (header: string) => {
      const { r } = onClock([reply(429, '', { 'retry-after': header })], { maxWaitMs: 1000 });
      return (await r.get('https://h/q').catch((x) => x)).runAgain;
    };
    expect(await runAgain(' 3600 ')).toBe("run again after 2026-01-01T01:00:00Z (the API's Retry-After: 3600 s)");
    expect(await runAgain('2026-01-01T01:00:00+00:00')).toBe(
      "run again after 2026-01-01T01:00:00Z (the API's Retry-After: 2026-01-01T01:00:00+00:00)",
    );
    expect(await runAgain('2026-01-01T02:00:00Z')).toBe(
      "run again after 2026-01-01T02:00:00Z (the API's Retry-After: 2026-01-01T02:00:00Z)",
    );
  });

  it('a used-up quota that gives no time: run again later', async () => {
    const { r } = onClock([reply(403, '{"statusCode":403,"message":"Out of call volume quota."}')]);
    const e = await r.get('https://h/q', { index: 1, total: 2 }).catch((x) => x);
    expect([e.message, e.quota, e.runAgain]).toEqual([
      'the API will not answer more calls for now: its call quota is used up (HTTP 403 on call 1/2: Out of call volume quota.)',
      true,
      'run again later (the API gave no time)',
    ]);
  });

  it('a 403 without Retry-After is a refusal (one call); with a Retry-After within the bound it is waited and asked again', async () => {
    const refused = onClock([reply(403, '{"message":"Forbidden"}'), reply(200)]);
    const e = await refused.r.get('https://h/q', 'the availability call').catch((x) => x);
    expect([e.message, refused.transport.calls.length]).toEqual([
      'the availability call (https://h/q) was refused: HTTP 403: Forbidden',
      1,
    ]);
    const waited = onClock([reply(403, '{"message":"Forbidden"}', { 'retry-after': '1' }), reply(200)]);
    expect((await waited.r.get('https://h/q')).response.count).toBe(1);
    expect([waited.clock.sleeps, waited.transport.calls.length]).toEqual([[1000], 2]);
  });
});
