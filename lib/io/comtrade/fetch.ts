/**
 * Fetching a whole plan from the UN Comtrade data API (one call: io/comtrade/request, re-exported here): one GET with a timeout
 * ({@link fetchTransport}), calls spaced by a throttle and retried with back-off
 * ({@link comtradeRequester}: 429/403 wait for Retry-After, never less than the back-off; a used-up
 * quota or a Retry-After beyond the wait bound stops at once, saying when to run again; 5xx,
 * timeouts and cut bodies back off exponentially with jitter; no internet access stops at once
 * with one clear message), and a whole plan fetched through the cache ({@link fetchComtrade}: a
 * cached call is not asked again unless its periods were released again since, a capped answer —
 * count > records, or as many records as the call's limit — is split and its halves asked). The subscription key travels only in
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
 * @module io/comtrade/fetch
 */
import * as fs from 'node:fs';
import { releaseOf } from './availability.js';
import { isStale, readCached, removeStaleTemps, writeCached, type CacheMeta } from './cache.js';
import {
  COMTRADE_DEFAULT_BASE,
  MAX_URL_LENGTH,
  recordLimit,
  requestUrl,
  splitQuery,
  type ComtradeQuery,
} from './plan.js';
import { ComtradeFetchError, comtradeRequester, type CallOptions, type ComtradeAnswer } from './request.js';

export * from './request.js';

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
  /** Cached calls asked again because their periods were released again since. */
  refetched: number;
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
  /** Period (API form) → its latest release date (io/comtrade/availability): a cached call fetched before its periods' release is asked again. */
  releases?: ReadonlyMap<string, string>;
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
  /** Cached calls asked again because their periods were released since (counted in `fetched` too). */
  refetched: number;
  /** Attempts repeated after a fault. */
  retries: number;
  /** Capped responses that were split. */
  splits: number;
  records: number;
}

/**
 * Fetch every query of a plan, through the cache: a cached call is not repeated (unless
 * `refresh`, or `releases` dates its periods after the cached answer: then it is asked again and
 * counted in `refetched`), each response is written (temp file + rename) with its periods' release
 * date before the next call, a capped response (count > records, or records = the call's limit) is
 * split and its halves fetched; calls are spaced and retried by a {@link comtradeRequester}. On
 * give-up it throws a {@link ComtradeFetchError} naming the call and saying how many responses are
 * cached (and, when the quota is used up, when to run again); everything fetched so far stays cached.
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
  removeStaleTemps(o.cacheDir); // a killed run's half-written answers

  const queue = [...plan];
  const summary: FetchSummary = {
    responses: [],
    fetched: 0,
    fromCache: 0,
    refetched: 0,
    retries: 0,
    splits: 0,
    records: 0,
  };
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
      refetched: summary.refetched,
      etaMs: perCall === undefined ? undefined : left * Math.max(perCall, throttle),
      event,
    });
  };
  const requester = comtradeRequester({ ...o, onRetry: (event) => report(event) });
  const keyed = requester.keyed;
  const cachedCount = (): number => summary.fromCache + summary.fetched;
  const stop = (msg: string, noNet = false, runAgain = ''): never => {
    throw new ComtradeFetchError(
      redact(
        `${msg}; ${cachedCount()} response(s) are cached in ${o.cacheDir} (${runAgain ? `${runAgain}: the same command resumes` : 're-run the same command to resume'})`,
      ),
      noNet,
      cachedCount(),
      !!runAgain,
      runAgain,
    );
  };
  const releases = o.releases ?? new Map<string, string>();

  report();
  while (queue.length > 0) {
    const q = queue.shift()!;
    const idx = done + 1;
    const released = releaseOf(q.periods, releases);
    let meta = o.refresh ? undefined : readCached(o.cacheDir, q);
    if (meta && isStale(meta, released)) {
      meta = undefined;
      summary.refetched++;
    }
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
        if (e instanceof ComtradeFetchError) stop(e.message, e.noNetwork, e.runAgain);
        throw e;
      }
      meta = writeCached(o.cacheDir, q, {
        url,
        keyed,
        fetchedAt: new Date(now()).toISOString(),
        ...answer,
        limit: recordLimit(keyed),
        released,
      });
      summary.fetched++;
      summary.retries = requester.retries;
    }
    done++;
    const atLimit = meta.records >= recordLimit(meta.keyed);
    if (meta.capped || atLimit) {
      const parts = splitQuery(q);
      const what =
        meta.count > meta.records
          ? `matches ${meta.count} records but returns only ${meta.records}`
          : `returns ${meta.records} records, the call's limit, so it may be cut whatever its count (${meta.count}) says`;
      if (!parts)
        stop(
          `call ${idx} (${meta.url}) ${what}, and it cannot be split further (one period, one code)${meta.keyed ? '' : ': set COMTRADE_API_KEY for the keyed API'}`,
        );
      summary.splits++;
      queue.unshift(...parts!);
      total += 2;
      report(
        meta.count > meta.records
          ? `split a capped response (${meta.records} of ${meta.count} records)`
          : `split a response at the call's limit (${meta.records} records, count ${meta.count})`,
      );
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
