/**
 * One call to the UN Comtrade data API over HTTP: one GET with a timeout
 * ({@link fetchTransport}), calls spaced by a throttle and retried with back-off
 * ({@link comtradeRequester}: 429/403 wait for Retry-After, never less than the back-off; a used-up
 * quota or a Retry-After beyond the wait bound stops at once, saying when to run again; 5xx,
 * timeouts and cut bodies back off exponentially with jitter; no internet access stops at once
 * with one clear message). A whole plan goes through io/comtrade/fetch. The subscription key travels only in
 * the `Ocp-Apim-Subscription-Key` header: never in a URL, a cached file or a message.
 *
 * Facts about the API and where they come from (public sources, read for this module):
 * - The key goes in the `Ocp-Apim-Subscription-Key` header (ropensci/comtradr, R/ct_build_request.R).
 * - 429 (and 403) responses may carry `Retry-After` in seconds; comtradr retries them after that
 *   long unless it is "0" (then it does not treat them as transient) and throttles to one request
 *   per 6 s by default (ropensci/comtradr, R/ct_perform_request.R). Here a Retry-After of 0 (or
 *   less than the back-off) waits the back-off: it is not taken as leave to ask again at once.
 * - A used-up quota answers 403 "Out of call volume quota. Quota will be replenished in hh:mm:ss."
 *   (see io/comtrade/response, quotaReset); waiting that out inside one run is pointless, so the
 *   fetch stops. How many calls a day a key or the keyless preview gets is not stated in any
 *   source read here (comtradeapicall issue #3 points to an account-dependent wiki page).
 * - A call may take long: comtradeapicall waits 120 s (uncomtrade/comtradeapicall).
 *
 * @module io/comtrade/request
 */
import { COMTRADE_DEFAULT_BASE } from './plan.js';
import { apiErrorMessage, quotaReset, validateResponse, type ComtradeResponse } from './response.js';

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
 * (ENOTFOUND, ECONNREFUSED…), a timeout has code ETIMEDOUT; a body cut short keeps its socket error's code
 * (UND_ERR_SOCKET on Node 20), or gets ETRUNCATED when the error has none.
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

/** Error codes that mean "no internet here" (no retry); a function, not a module-level table, so that tests reach it. */
const noNetworkCode = (code: string): boolean =>
  code === 'ENOTFOUND' ||
  code === 'EAI_AGAIN' ||
  code === 'ENETUNREACH' ||
  code === 'EHOSTUNREACH' ||
  code === 'ENETDOWN';

/**
 * The error a fetch stops with; `noNetwork` when the machine has no internet access, `cached` the
 * calls cached so far; `quota` when the API will not answer again soon (its call quota is used up,
 * or its Retry-After is beyond the wait bound), with `runAgain` saying when (the time the API gave).
 */
export class ComtradeFetchError extends Error {
  constructor(
    message: string,
    readonly noNetwork = false,
    readonly cached = 0,
    readonly quota = false,
    readonly runAgain = '',
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
export interface ComtradeAnswer<R extends ComtradeResponse = ComtradeResponse> {
  body: string;
  response: R;
}

/** Makes API calls one at a time, spaced by the throttle and retried on faults (see {@link comtradeRequester}). */
export interface ComtradeRequester {
  /**
   * GET one URL and check the answer. `call` names it in messages: `{ index, total }` of a plan
   * ('call 3/10') or words ('the availability call'; default 'the call'). `parse` checks the body
   * (default validateResponse; a body it marks `truncated` is retried).
   * @throws {ComtradeFetchError} on no network (`noNetwork`), a used-up quota (`quota`), a refusal
   *   (4xx), an API error, a malformed answer, or faults beyond the retries; its message never holds the key
   */
  get<R extends ComtradeResponse = ComtradeResponse>(
    url: string,
    call?: { index: number; total: number } | string,
    parse?: (body: string) => R,
  ): Promise<ComtradeAnswer<R>>;
  /** Whether calls carry the key. */
  readonly keyed: boolean;
  /** Attempts repeated after a fault so far. */
  readonly retries: number;
  /** Milliseconds spent on calls so far (from the start of an attempt to its answer or fault). */
  readonly netMs: number;
}

function retryAfterMs(h: string | undefined, now: number): number | undefined {
  if (!h) return undefined;
  if (/^\d+(\.\d+)?$/.test(h.trim())) return Number(h) * 1000;
  const t = Date.parse(h);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/**
 * A requester: calls go one at a time, each starting at least `throttleMs` after the previous
 * one started; 5xx, timeouts and cut bodies back off `backoffMs × 2^(k−1) × (0.5 + random)`
 * (at most `maxWaitMs`), 429 (and 403 with Retry-After) wait for Retry-After but never less than
 * that back-off, at most `maxRetries` times. A 403/429 whose message says the quota is used up, or
 * whose Retry-After exceeds `maxWaitMs`, stops at once (`quota`, with the time to run again);
 * other 4xx and malformed answers stop at once, and so does a network error that means no
 * internet access (ENOTFOUND, EAI_AGAIN, ENETUNREACH, EHOSTUNREACH, ENETDOWN). A 200 answer
 * whose `error` is set and whose data are empty is an API error.
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
  const sleep = o.sleep ?? ((ms: number): Promise<void> => new Promise<void>((r) => setTimeout(r, ms)));
  const random = o.random ?? Math.random;
  const now = o.now ?? Date.now;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (o.apiKey) headers['Ocp-Apim-Subscription-Key'] = o.apiKey;
  const redact = (s: string): string => (o.apiKey ? s.split(o.apiKey).join('<key>') : s);
  const stop = (msg: string, noNet = false): never => {
    throw new ComtradeFetchError(redact(msg), noNet);
  };
  const stopQuota = (msg: string, runAgain: string): never => {
    throw new ComtradeFetchError(redact(msg), false, 0, true, runAgain);
  };
  let lastStart = -Infinity;
  let retries = 0;
  let netMs = 0;

  const get = async <R extends ComtradeResponse = ComtradeResponse>(
    url: string,
    call?: { index: number; total: number } | string,
    parse?: (body: string) => R,
  ): Promise<ComtradeAnswer<R>> => {
    const check = parse ?? (validateResponse as unknown as (body: string) => R);
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
        if (err.code && noNetworkCode(err.code))
          stop(`the fetch needs internet access to reach ${new URL(base).host} (${err.code}${where})`, true);
        fault = `${err.code ?? 'network error'}: ${err.message}`;
      }
      netMs += Math.max(0, now() - lastStart);
      if (reply) {
        if (reply.status === 200) {
          let response: R | undefined;
          try {
            response = check(reply.body);
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
        } else if (reply.status === 429 || reply.status === 403) {
          const header = reply.headers['retry-after'];
          const ra = retryAfterMs(header, now());
          const quota = quotaReset(reply.body);
          const msg = apiErrorMessage(reply.body);
          if (quota !== undefined || (ra !== undefined && ra > maxWait)) {
            const ms = ra ?? quota;
            const when = ms
              ? `run again after ${new Date(now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z')} (${
                  ra !== undefined
                    ? `the API's Retry-After: ${header!.trim()}${/^\d+$/.test(header!.trim()) ? ' s' : ''}`
                    : `the API: ${msg}`
                })`
              : 'run again later (the API gave no time)';
            stopQuota(
              `the API will not answer more calls for now: ${quota !== undefined ? 'its call quota is used up' : `it asks to wait ${((ra ?? 0) / 1000).toFixed(0)} s, more than the ${(maxWait / 1000).toFixed(0)} s this fetch waits`} (HTTP ${reply.status}${where}: ${msg})`,
              when,
            );
          }
          if (reply.status === 403 && ra === undefined) stop(`${name} (${url}) was refused: HTTP 403: ${msg}`);
          fault = `HTTP ${reply.status} (${msg})`;
          waitMs = ra;
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
      const w = Math.min(maxWait, Math.max(waitMs ?? 0, backoffWait));
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
