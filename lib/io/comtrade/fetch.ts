/**
 * Talking to the UN Comtrade data API over HTTP: one GET with a timeout
 * ({@link fetchTransport}), calls spaced by a throttle and retried with back-off
 * ({@link comtradeRequester}: 429/403 wait for Retry-After; 5xx, timeouts and cut bodies back
 * off exponentially with jitter; no internet access stops at once with one clear message), and
 * a whole plan fetched through the cache ({@link fetchComtrade}: a cached call is not asked
 * again, a capped answer is split and its halves asked). The subscription key travels only in
 * the `Ocp-Apim-Subscription-Key` header: never in a URL, a cached file or a message.
 *
 * Facts about the API and where they come from (public sources, read for this module):
 * - The key goes in the `Ocp-Apim-Subscription-Key` header (ropensci/comtradr, R/ct_build_request.R).
 * - 429 (and 403) responses carry `Retry-After` in seconds; comtradr waits that long
 *   (ropensci/comtradr, R/ct_perform_request.R), and throttles to one request per 6 s by default.
 * - A call may take long: comtradeapicall waits 120 s (uncomtrade/comtradeapicall).
 *
 * @module io/comtrade/fetch
 */
import * as fs from 'node:fs';
import { readCached, writeCached, type CacheMeta } from './cache.js';
import { COMTRADE_DEFAULT_BASE, MAX_URL_LENGTH, requestUrl, splitQuery, type ComtradeQuery } from './plan.js';
import { apiErrorMessage, validateResponse, type ComtradeResponse } from './response.js';

/** What a transport returns. */
export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Performs one GET (injectable for tests); rejects with an error whose `code` says why (ETIMEDOUT, ENOTFOUND…). */
export type Transport = (url: string, headers: Record<string, string>, timeoutMs: number) => Promise<HttpReply>;

/**
 * The default transport: Node's fetch with a timeout; network errors keep their code
 * (ENOTFOUND, ECONNREFUSED…), a timeout has code ETIMEDOUT, a body cut short ETRUNCATED.
 * @example await fetchTransport('http://127.0.0.1:59999/', {}, 1000).catch((e) => e.code); // => 'ECONNREFUSED' (nothing listens there)
 */
export const fetchTransport: Transport = async (url, headers, timeoutMs) => {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  try {
    const res = await fetch(url, { headers, signal: ac.signal });
    const body = await res.text();
    const h: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      h[k.toLowerCase()] = v;
    });
    return { status: res.status, headers: h, body };
  } catch (e) {
    const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
    const out = new Error(
      ac.signal.aborted ? `no response within ${timeoutMs} ms` : (err.cause?.message ?? err.message),
    ) as Error & { code: string };
    out.code = ac.signal.aborted
      ? 'ETIMEDOUT'
      : (err.cause?.code ?? err.code ?? (/terminated|other side closed/i.test(err.message) ? 'ETRUNCATED' : 'EFETCH'));
    throw out;
  } finally {
    clearTimeout(timer);
  }
};

/** Error codes that mean "no internet here" (no retry). */
const NO_NETWORK = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

/** The error a fetch stops with; `noNetwork` when the machine has no internet access, `cached` the calls cached so far. */
export class ComtradeFetchError extends Error {
  constructor(
    message: string,
    readonly noNetwork = false,
    readonly cached = 0,
  ) {
    super(message);
    this.name = 'ComtradeFetchError';
  }
}

/** How calls are made, spaced and retried (options of {@link comtradeRequester} and {@link fetchComtrade}). */
export interface CallOptions {
  /** API base URL (default {@link COMTRADE_DEFAULT_BASE}). */
  base?: string;
  /** Subscription key (keyed API); never written anywhere. */
  apiKey?: string;
  /** Minimum milliseconds between the starts of two calls (default 1000). */
  throttleMs?: number;
  /** Retries of one call on 429, 5xx, timeouts and cut bodies (default 5). */
  maxRetries?: number;
  /** First back-off in ms, doubled each retry, with jitter (default 2000). */
  backoffMs?: number;
  /** Longest back-off or Retry-After wait in ms (default 120000). */
  maxWaitMs?: number;
  /** Per-call timeout in ms (default 120000, as comtradeapicall). */
  timeoutMs?: number;
  transport?: Transport;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** Options of {@link comtradeRequester}. */
export interface RequestOptions extends CallOptions {
  /** Told before each retry's wait, e.g. 'retry 2/5 of call 3 in 4.1 s after HTTP 500 (Internal server error)'. */
  onRetry?: (event: string) => void;
}

/** A checked answer: the body as received and its validated content. */
export interface ComtradeAnswer {
  body: string;
  response: ComtradeResponse;
}

/** Makes API calls one at a time, spaced by the throttle and retried on faults (see {@link comtradeRequester}). */
export interface ComtradeRequester {
  /**
   * GET one URL and check the answer. `call` names it in messages: `{ index, total }` of a plan
   * ('call 3/10') or words ('the latest-period call'; default 'the call').
   * @throws {ComtradeFetchError} on no network (`noNetwork`), a refusal (4xx), an API error,
   *   a malformed answer, or faults beyond the retries; its message never holds the key
   */
  get(url: string, call?: { index: number; total: number } | string): Promise<ComtradeAnswer>;
  /** Whether calls carry the key. */
  readonly keyed: boolean;
  /** Attempts repeated after a fault so far. */
  readonly retries: number;
  /** Milliseconds spent on calls so far (from the start of an attempt to its answer or fault). */
  readonly netMs: number;
}

const sleepReal = (ms: number): Promise<void> => new Promise<void>((r) => setTimeout(r, ms));

function retryAfterMs(h: string | undefined, now: number): number | undefined {
  if (!h) return undefined;
  if (/^\d+(\.\d+)?$/.test(h.trim())) return Number(h) * 1000;
  const t = Date.parse(h);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/**
 * A requester: calls go one at a time, each starting at least `throttleMs` after the previous
 * one started; 429 (and 403 with Retry-After) wait for Retry-After, 5xx, timeouts and cut
 * bodies back off `backoffMs × 2^(k−1) × (0.5 + random)` (at most `maxWaitMs`), at most
 * `maxRetries` times; other 4xx and malformed answers stop at once, and so does a network
 * error that means no internet access (ENOTFOUND, EAI_AGAIN, ENETUNREACH, EHOSTUNREACH,
 * ENETDOWN). A 200 answer whose `error` is set and whose data are empty is an API error.
 * @example
 * const answer: Transport = async () => ({ status: 200, headers: {}, body: '{"count":1,"data":[{"cmdCode":"TOTAL","period":"2024","flowCode":"M","primaryValue":5}]}' });
 * (await comtradeRequester({ throttleMs: 0, transport: answer }).get('https://example.org/x')).response.count; // => 1
 */
export function comtradeRequester(o: RequestOptions): ComtradeRequester {
  const base = (o.base ?? COMTRADE_DEFAULT_BASE).replace(/\/+$/, '');
  const throttle = o.throttleMs ?? 1000;
  const maxRetries = o.maxRetries ?? 5;
  const backoff = o.backoffMs ?? 2000;
  const maxWait = o.maxWaitMs ?? 120_000;
  const timeout = o.timeoutMs ?? 120_000;
  const transport = o.transport ?? fetchTransport;
  const sleep = o.sleep ?? sleepReal;
  const random = o.random ?? Math.random;
  const now = o.now ?? Date.now;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (o.apiKey) headers['Ocp-Apim-Subscription-Key'] = o.apiKey;
  const redact = (s: string): string => (o.apiKey ? s.split(o.apiKey).join('<key>') : s);
  const stop = (msg: string, noNet = false): never => {
    throw new ComtradeFetchError(redact(msg), noNet);
  };
  let lastStart = -Infinity;
  let retries = 0;
  let netMs = 0;

  const get = async (url: string, call?: { index: number; total: number } | string): Promise<ComtradeAnswer> => {
    const name = call === undefined ? 'the call' : typeof call === 'string' ? call : `call ${call.index}/${call.total}`;
    const short = typeof call === 'object' ? `call ${call.index}` : name;
    const where = typeof call === 'object' ? ` on ${name}` : '';
    let attempt = 0;
    for (;;) {
      const wait = lastStart + throttle - now();
      if (wait > 0) await sleep(wait);
      lastStart = now();
      let reply: HttpReply | undefined;
      let fault = '';
      let waitMs: number | undefined;
      try {
        reply = await transport(url, headers, timeout);
      } catch (e) {
        const err = e as Error & { code?: string };
        if (err.code && NO_NETWORK.has(err.code))
          stop(`the fetch needs internet access to reach ${new URL(base).host} (${err.code}${where})`, true);
        fault = `${err.code ?? 'network error'}: ${err.message}`;
      }
      netMs += Math.max(0, now() - lastStart);
      if (reply) {
        if (reply.status === 200) {
          let response: ComtradeResponse | undefined;
          try {
            response = validateResponse(reply.body);
          } catch (e) {
            if (!(e as { truncated?: boolean }).truncated)
              stop(`${name} (${url}) returned a malformed response: ${(e as Error).message}`);
            fault = 'a truncated body (not complete JSON)';
          }
          if (response) {
            if (response.error && response.data.length === 0)
              stop(`${name} (${url}): the API answered with an error: ${response.error}`);
            return { body: reply.body, response };
          }
        } else if (reply.status === 429 || (reply.status === 403 && reply.headers['retry-after'])) {
          fault = `HTTP ${reply.status} (${apiErrorMessage(reply.body)})`;
          waitMs = retryAfterMs(reply.headers['retry-after'], now());
        } else if (reply.status >= 500) {
          fault = `HTTP ${reply.status} (${apiErrorMessage(reply.body)})`;
        } else {
          stop(`${name} (${url}) was refused: HTTP ${reply.status}: ${apiErrorMessage(reply.body)}`);
        }
      }
      if (attempt >= maxRetries)
        stop(`gave up on ${name} (${url}) after ${attempt + 1} attempts; last fault: ${fault}`);
      attempt++;
      retries++;
      const backoffWait = Math.min(maxWait, backoff * 2 ** (attempt - 1)) * (0.5 + random());
      const w = Math.min(maxWait, waitMs ?? backoffWait);
      o.onRetry?.(redact(`retry ${attempt}/${maxRetries} of ${short} in ${(w / 1000).toFixed(1)} s after ${fault}`));
      await sleep(w);
    }
  };
  return {
    get,
    keyed: !!o.apiKey,
    get retries(): number {
      return retries;
    },
    get netMs(): number {
      return netMs;
    },
  };
}

/** Progress of a fetch, for a progress bar. */
export interface FetchProgress {
  /** Calls finished (fetched or found in the cache). */
  done: number;
  /** Calls known so far (grows when a capped response is split). */
  total: number;
  /** Records in the responses used so far. */
  records: number;
  fromCache: number;
  fetched: number;
  /** Estimated milliseconds left (undefined before the first fetched call). */
  etaMs: number | undefined;
  /** What just happened, e.g. 'retry 2/5 after HTTP 500'. */
  event?: string;
}

/** Options of {@link fetchComtrade}. */
export interface FetchOptions extends CallOptions {
  /** Folder of the response cache. */
  cacheDir: string;
  /** Fetch again even when cached. */
  refresh?: boolean;
  onProgress?: (p: FetchProgress) => void;
}

/** What {@link fetchComtrade} did. */
export interface FetchSummary {
  /** The uncapped responses that make up the selection, in plan order. */
  responses: CacheMeta[];
  /** Calls made over the network (retries not counted). */
  fetched: number;
  /** Calls answered from the cache. */
  fromCache: number;
  /** Attempts repeated after a fault. */
  retries: number;
  /** Capped responses that were split. */
  splits: number;
  records: number;
}

/**
 * Fetch every query of a plan, through the cache: a cached call is not repeated (unless
 * `refresh`), each response is written (temp file + rename) before the next call, a capped
 * response is split and its halves fetched; calls are spaced and retried by a
 * {@link comtradeRequester}. On give-up it throws a {@link ComtradeFetchError} naming the call
 * and saying how many responses are cached; everything fetched so far stays cached.
 *
 * @throws {ComtradeFetchError} on give-up, an API error (4xx), a malformed record or no network
 * @example
 * const q: ComtradeQuery = { dataset: 'final', freq: 'A', periods: ['2015'], cmdCodes: ['854231'], reporterCode: '156', partnerCode: '0', flowCode: 'M' };
 * const answer: Transport = async () => ({ status: 200, headers: {}, body: '{"count":0,"data":[],"error":""}' });
 * (await fetchComtrade([q], { cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'comtrade-example-')), throttleMs: 0, transport: answer })).records; // => 0
 */
export async function fetchComtrade(plan: ComtradeQuery[], o: FetchOptions): Promise<FetchSummary> {
  const base = (o.base ?? COMTRADE_DEFAULT_BASE).replace(/\/+$/, '');
  const throttle = o.throttleMs ?? 1000;
  const now = o.now ?? Date.now;
  const redact = (s: string): string => (o.apiKey ? s.split(o.apiKey).join('<key>') : s);
  fs.mkdirSync(o.cacheDir, { recursive: true });

  const queue = [...plan];
  const summary: FetchSummary = { responses: [], fetched: 0, fromCache: 0, retries: 0, splits: 0, records: 0 };
  let total = plan.length;
  let done = 0;
  const report = (event?: string): void => {
    const perCall = summary.fetched > 0 ? requester.netMs / summary.fetched : undefined;
    const left = total - done;
    o.onProgress?.({
      done,
      total,
      records: summary.records,
      fromCache: summary.fromCache,
      fetched: summary.fetched,
      etaMs: perCall === undefined ? undefined : left * Math.max(perCall, throttle),
      event,
    });
  };
  const requester = comtradeRequester({ ...o, onRetry: (event) => report(event) });
  const keyed = requester.keyed;
  const cachedCount = (): number => summary.fromCache + summary.fetched;
  const stop = (msg: string, noNet = false): never => {
    throw new ComtradeFetchError(
      redact(`${msg}; ${cachedCount()} response(s) are cached in ${o.cacheDir} (re-run the same command to resume)`),
      noNet,
      cachedCount(),
    );
  };

  report();
  while (queue.length > 0) {
    const q = queue.shift()!;
    const idx = done + 1;
    let meta = o.refresh ? undefined : readCached(o.cacheDir, q);
    if (meta) summary.fromCache++;
    else {
      const url = requestUrl(base, q, keyed);
      if (url.length > MAX_URL_LENGTH)
        stop(
          `call ${idx}/${total} is longer than the API's ${MAX_URL_LENGTH} characters (${url.length}): ${url.slice(0, 120)}…`,
        );
      let answer: ComtradeAnswer;
      try {
        answer = await requester.get(url, { index: idx, total });
      } catch (e) {
        if (e instanceof ComtradeFetchError) stop(e.message, e.noNetwork);
        throw e;
      }
      meta = writeCached(o.cacheDir, q, { url, keyed, fetchedAt: new Date(now()).toISOString(), ...answer });
      summary.fetched++;
      summary.retries = requester.retries;
    }
    done++;
    if (meta.capped) {
      const parts = splitQuery(q);
      if (!parts)
        stop(
          `call ${idx} (${meta.url}) matches ${meta.count} records but returns only ${meta.records}, and it cannot be split further (one period, one code)${keyed ? '' : ': set COMTRADE_API_KEY for the keyed API'}`,
        );
      summary.splits++;
      queue.unshift(...parts!);
      total += 2;
      report(`split a capped response (${meta.records} of ${meta.count} records)`);
      continue;
    }
    summary.records += meta.records;
    summary.responses.push(meta);
    report();
  }
  summary.retries = requester.retries;
  return summary;
}

/**
 * Format milliseconds as h:mm:ss or m:ss.
 * @example formatDuration(3_725_000); // => '1:02:05'
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
