/**
 * The UN Comtrade data API, as this project uses it: China's (reporter 156)
 * imports (flow M) from the World (partner 0), monthly or annual, by HS code —
 * request planning (no response may be capped), throttling, retries with
 * back-off, a resumable on-disk cache (temp file + rename) and response
 * validation. No request ever carries the subscription key in its URL: the key
 * travels only in the `Ocp-Apim-Subscription-Key` header and is never written.
 *
 * Facts about the API and where they come from (public sources, read for this module):
 * - Endpoints `{base}/public/v1/preview/{typeCode}/{freqCode}/{clCode}` (keyless) and
 *   `{base}/data/v1/get/{typeCode}/{freqCode}/{clCode}` (keyed); tariff lines:
 *   `public/v1/previewTariffline/…` and `data/v1/getTariffline/…`
 *   (uncomtrade/comtradeapicall, src/comtradeapicall/PreviewGet.py).
 * - Query parameters reporterCode, period (comma list), cmdCode (comma list), flowCode,
 *   partnerCode, partner2Code, customsCode, motCode, maxRecords, format, breakdownMode,
 *   includeDesc (same file; README "Selection Criteria" and "Query Options").
 * - The keyless preview returns at most 500 records per call; keyed calls return far more
 *   (comtradeapicall README "Components": 500 for preview, 250K for get; ropensci/comtradr,
 *   R/ct_process_response.R warns when a response reaches 100k rows) — this module uses
 *   100,000 for keyed calls, the smaller of the two.
 * - At most 12 periods per call (ropensci/comtradr, R/ct_check_params.R, check_date), and a
 *   URL of at most 4,096 characters (ropensci/comtradr, R/ct_build_request.R).
 * - The key goes in the `Ocp-Apim-Subscription-Key` header (ropensci/comtradr, R/ct_build_request.R).
 * - 429 (and 403) responses carry `Retry-After` in seconds; comtradr waits that long
 *   (ropensci/comtradr, R/ct_perform_request.R), and throttles to one request per 6 s by default.
 * - A response is `{"elapsedTime": "0.11 secs", "count": n, "data": [...], "error": ""}`; annual
 *   records have freqCode A, period "YYYY" and refMonth 52; records carry typeCode, freqCode,
 *   refYear, refMonth, period, reporterCode, flowCode, partnerCode, partner2Code,
 *   classificationCode (H4/H5/H6…), cmdCode, customsCode, motCode, primaryValue, isAggregate…
 *   (ropensci/comtradr, tests/testthat/goods/comtradeapi.un.org/data/v1/get/C/A/HS-5e2730.R).
 *   Error bodies carry `statusCode` and `message` (comtradeapicall PreviewGet.py) or
 *   `errorObject.errorMessage` (comtradr R/ct_perform_request.R).
 * - cmdCode `AG6` asks for every 6-digit HS code (the API's HS reference list: "AG6 - All
 *   6-digit HS commodities").
 *
 * @module io/comtrade-api
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from '../core/errors.js';

/** The public API host (override with `--api-base` or `COMTRADE_API_BASE`). */
export const COMTRADE_DEFAULT_BASE = 'https://comtradeapi.un.org';
/** Records one keyless preview call returns at most. */
export const PREVIEW_MAX_RECORDS = 500;
/** Records one keyed call is planned to return at most. */
export const KEYED_MAX_RECORDS = 100_000;
/** Periods one call may ask for. */
export const MAX_PERIODS_PER_CALL = 12;
/** Longest URL the API accepts. */
export const MAX_URL_LENGTH = 4096;
/** China's reporter code (M49). */
export const CHINA = '156';

/** Monthly or annual data. */
export type ComtradeFreq = 'M' | 'A';
/** Final (HS) data or national tariff lines. */
export type ComtradeDataset = 'final' | 'tariffline';

/** One API call's selection. */
export interface ComtradeQuery {
  dataset: ComtradeDataset;
  freq: ComtradeFreq;
  /** YYYYMM (monthly) or YYYY (annual), ascending. */
  periods: string[];
  /** HS codes, or ['AG6'] for every 6-digit code. */
  cmdCodes: string[];
  reporterCode: string;
  /** '0' = World; null = every partner (tariff lines). */
  partnerCode: string | null;
  flowCode: string;
}

/**
 * The endpoint path of a query (keyless preview or keyed data API).
 * @example endpointPath('final', 'M', false); // => '/public/v1/preview/C/M/HS'
 * @example endpointPath('tariffline', 'A', true); // => '/data/v1/getTariffline/C/A/HS'
 */
export function endpointPath(dataset: ComtradeDataset, freq: ComtradeFreq, keyed: boolean): string {
  const what = keyed ? (dataset === 'tariffline' ? 'data/v1/getTariffline' : 'data/v1/get') : dataset === 'tariffline' ? 'public/v1/previewTariffline' : 'public/v1/preview';
  return `/${what}/C/${freq}/HS`;
}

/**
 * The most records one call returns (500 keyless, 100,000 keyed).
 * @example recordLimit(false); // => 500
 */
export function recordLimit(keyed: boolean): number {
  return keyed ? KEYED_MAX_RECORDS : PREVIEW_MAX_RECORDS;
}

/**
 * The full URL of a query. The subscription key is never part of it.
 * @example requestUrl('https://comtradeapi.un.org', { dataset: 'final', freq: 'M', periods: ['201501'], cmdCodes: ['854231'], reporterCode: '156', partnerCode: '0', flowCode: 'M' }, false);
 * // => 'https://comtradeapi.un.org/public/v1/preview/C/M/HS?reporterCode=156&period=201501&cmdCode=854231&flowCode=M&partnerCode=0&partner2Code=0&customsCode=C00&motCode=0&breakdownMode=classic&maxRecords=500&format=JSON&includeDesc=false'
 */
export function requestUrl(base: string, q: ComtradeQuery, keyed: boolean): string {
  const p: [string, string][] = [
    ['reporterCode', q.reporterCode],
    ['period', q.periods.join(',')],
    ['cmdCode', q.cmdCodes.join(',')],
    ['flowCode', q.flowCode],
  ];
  if (q.partnerCode !== null) p.push(['partnerCode', q.partnerCode]);
  if (q.dataset === 'final') p.push(['partner2Code', '0'], ['customsCode', 'C00'], ['motCode', '0'], ['breakdownMode', 'classic']);
  p.push(['maxRecords', String(recordLimit(keyed))], ['format', 'JSON'], ['includeDesc', 'false']);
  const qs = p.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`).join('&');
  return `${base.replace(/\/+$/, '')}${endpointPath(q.dataset, q.freq, keyed)}?${qs}`;
}

/**
 * A stable id of a query (cache file name): the first 16 hex digits of the sha256 of its canonical form.
 * @example requestId({ dataset: 'final', freq: 'A', periods: ['2015'], cmdCodes: ['AG6'], reporterCode: '156', partnerCode: '0', flowCode: 'M' }).length; // => 16
 */
export function requestId(q: ComtradeQuery): string {
  const canon = JSON.stringify([q.dataset, q.freq, q.reporterCode, q.partnerCode, q.flowCode, q.periods, q.cmdCodes]);
  return crypto.createHash('sha256').update(canon).digest('hex').slice(0, 16);
}

/**
 * Months from `from` to `to` (YYYY-MM, inclusive) as the API writes them (YYYYMM).
 * @throws {StudyError} on a malformed month or `to` before `from`
 * @example monthPeriods('2015-11', '2016-02'); // => ['201511', '201512', '201601', '201602']
 */
export function monthPeriods(from: string, to: string): string[] {
  const fn = 'monthPeriods';
  const parse = (s: string) => {
    const m = /^(\d{4})-(\d{2})$/.exec(s);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) fail(fn, 'month must be YYYY-MM', s);
    return Number(m![1]) * 12 + Number(m![2]) - 1;
  };
  const a = parse(from);
  const b = parse(to);
  if (b < a) fail(fn, `the period ends (${to}) before it starts`, from);
  const out: string[] = [];
  for (let k = a; k <= b; k++) out.push(`${Math.floor(k / 12)}${String((k % 12) + 1).padStart(2, '0')}`);
  return out;
}

/**
 * The HS revision China used in a year (and Comtrade reports it in): HS2012 for 2012–2016,
 * HS2017 for 2017–2021, HS2022 from 2022 (the same rule as the project's code tables).
 * @example hsRevisionOfYear(2016); // => 'HS2012'
 * @example hsRevisionOfYear(2022); // => 'HS2022'
 */
export function hsRevisionOfYear(year: number): 'HS2012' | 'HS2017' | 'HS2022' {
  if (!Number.isInteger(year) || year < 2012) fail('hsRevisionOfYear', 'year must be an integer from 2012', year);
  return year <= 2016 ? 'HS2012' : year <= 2021 ? 'HS2017' : 'HS2022';
}

/** Options of {@link planRequests}. */
export interface PlanOptions {
  dataset?: ComtradeDataset;
  freq: ComtradeFreq;
  /** First period: YYYY-MM (monthly) or YYYY (annual). */
  from: string;
  /** Last period, same form. */
  to: string;
  /** HS codes to ask for; 'all' = every 6-digit code. */
  codes: string[] | 'all';
  /** The code list of a year, needed for codes 'all' without a key (the preview caps AG6 at 500 records). */
  codesOfYear?: (year: number) => string[];
  keyed: boolean;
  /** Base URL (only for the URL-length check). */
  base?: string;
  /** Records expected per code and period (default 1 for final data at partner World, 20 for tariff lines: lines × partners). */
  recordsPerCodePeriod?: number;
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * Plan the calls for a selection so that no response should be capped: periods in
 * chunks of at most 12 (monthly: one calendar year per call; annual: years of one HS
 * revision per call), codes in chunks so that codes × periods × records-per-cell stays
 * within the call's record limit and the URL within 4,096 characters. (Responses that
 * still come back capped are split further by {@link splitQuery}.)
 *
 * @throws {StudyError} on an empty code list, a bad period, or codes 'all' keyless without `codesOfYear`
 * @example planRequests({ freq: 'M', from: '2015-01', to: '2015-12', codes: ['854231', '854232'], keyed: false }).length; // => 1
 */
export function planRequests(o: PlanOptions): ComtradeQuery[] {
  const fn = 'planRequests';
  const dataset = o.dataset ?? 'final';
  const base = o.base ?? COMTRADE_DEFAULT_BASE;
  const perCell = o.recordsPerCodePeriod ?? (dataset === 'tariffline' ? 20 : 1);
  if (!(perCell >= 1)) fail(fn, 'recordsPerCodePeriod must be at least 1', perCell);
  const limit = recordLimit(o.keyed);
  let periodGroups: string[][];
  if (o.freq === 'M') {
    const months = monthPeriods(o.from, o.to);
    const byYear = new Map<string, string[]>();
    for (const m of months) byYear.set(m.slice(0, 4), [...(byYear.get(m.slice(0, 4)) ?? []), m]);
    periodGroups = [...byYear.values()];
  } else {
    if (!/^\d{4}$/.test(o.from) || !/^\d{4}$/.test(o.to)) fail(fn, 'annual periods must be YYYY', `${o.from}..${o.to}`);
    const a = Number(o.from);
    const b = Number(o.to);
    if (b < a) fail(fn, `the period ends (${o.to}) before it starts`, o.from);
    const byRev = new Map<string, string[]>();
    for (let y = a; y <= b; y++) {
      const rev = y >= 2012 ? hsRevisionOfYear(y) : 'old';
      byRev.set(rev, [...(byRev.get(rev) ?? []), String(y)]);
    }
    periodGroups = [...byRev.values()].flatMap((g) => chunk(g, MAX_PERIODS_PER_CALL));
  }
  const template = (periods: string[], cmdCodes: string[]): ComtradeQuery => ({
    dataset,
    freq: o.freq,
    periods,
    cmdCodes,
    reporterCode: CHINA,
    partnerCode: dataset === 'tariffline' ? null : '0',
    flowCode: 'M',
  });
  const out: ComtradeQuery[] = [];
  for (const periods of periodGroups) {
    let codes: string[];
    if (o.codes === 'all') {
      if (o.keyed && dataset === 'final' && periods.length * 6000 * perCell <= limit) {
        out.push(template(periods, ['AG6']));
        continue;
      }
      if (!o.codesOfYear) fail(fn, "codes 'all' without a key needs the code list of each year (codesOfYear)", o.codes);
      const years = [...new Set(periods.map((p) => Number(p.slice(0, 4))))];
      codes = [...new Set(years.flatMap((y) => o.codesOfYear!(y)))].sort();
    } else codes = [...new Set(o.codes)].sort();
    if (codes.length === 0) fail(fn, 'no commodity codes to ask for', o.codes);
    for (const c of codes) if (!/^\d{2,10}$/.test(c)) fail(fn, 'commodity code must be 2–10 digits', c);
    let per = Math.max(1, Math.floor(limit / (periods.length * perCell)));
    // keep the URL within the limit
    const probe = requestUrl(base, template(periods, []), o.keyed).length;
    const maxLen = Math.max(...codes.map((c) => c.length)) + 1;
    per = Math.max(1, Math.min(per, Math.floor((MAX_URL_LENGTH - probe) / maxLen)));
    // balance the chunks (same number of calls, evener sizes)
    const n = Math.ceil(codes.length / per);
    per = Math.ceil(codes.length / n);
    for (const part of chunk(codes, per)) out.push(template(periods, part));
  }
  return out;
}

/**
 * Split a query whose response was capped: halve its periods, else halve its codes.
 * Returns undefined when it cannot be split (one period, one code or AG6).
 * @example splitQuery({ dataset: 'final', freq: 'M', periods: ['201501', '201502'], cmdCodes: ['854231'], reporterCode: '156', partnerCode: '0', flowCode: 'M' })!.map((q) => q.periods);
 * // => [['201501'], ['201502']]
 */
export function splitQuery(q: ComtradeQuery): [ComtradeQuery, ComtradeQuery] | undefined {
  if (q.periods.length > 1) {
    const h = Math.ceil(q.periods.length / 2);
    return [{ ...q, periods: q.periods.slice(0, h) }, { ...q, periods: q.periods.slice(h) }];
  }
  if (q.cmdCodes.length > 1) {
    const h = Math.ceil(q.cmdCodes.length / 2);
    return [{ ...q, cmdCodes: q.cmdCodes.slice(0, h) }, { ...q, cmdCodes: q.cmdCodes.slice(h) }];
  }
  return undefined;
}

/** A validated API response. */
export interface ComtradeResponse {
  count: number;
  data: Record<string, unknown>[];
  error: string;
}

/**
 * Validate a response body: JSON with a `data` array of records each having a cmdCode,
 * a period (or refYear), a flowCode and a primaryValue that is a finite non-negative
 * number or null; `count` (when present) a non-negative integer.
 *
 * @throws {StudyError} naming the record and field; `truncated: true` on the error when the body is not complete JSON
 * @example validateResponse('{"count":0,"data":[],"error":""}').count; // => 0
 */
export function validateResponse(body: string): ComtradeResponse {
  const fn = 'validateResponse';
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    const err = new Error(`${fn}: the body is not complete JSON (${(e as Error).message}; ${body.length} bytes): a truncated response?`) as Error & { truncated: boolean };
    err.truncated = true;
    throw err;
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { data?: unknown }).data)) fail(fn, 'expected {"count": n, "data": [...]} from the API', doc);
  const d = doc as { count?: unknown; data: unknown[]; error?: unknown };
  const data = d.data as Record<string, unknown>[];
  data.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) fail(fn, `data[${i}] is not a record`, r);
    const cmd = r.cmdCode;
    if ((typeof cmd !== 'string' && typeof cmd !== 'number') || String(cmd).trim() === '') fail(fn, `data[${i}].cmdCode is missing`, cmd);
    if (r.period === undefined && r.refYear === undefined) fail(fn, `data[${i}] has neither period nor refYear`, r);
    if (r.flowCode === undefined) fail(fn, `data[${i}].flowCode is missing`, r);
    const v = r.primaryValue;
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) fail(fn, `data[${i}].primaryValue must be a non-negative number or null`, v);
  });
  const count = d.count === undefined || d.count === null ? data.length : d.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) fail(fn, 'count must be a non-negative integer', d.count);
  return { count: count as number, data, error: typeof d.error === 'string' ? d.error : '' };
}

/**
 * The message of an API error body (`message`, `errorObject.errorMessage` or `error`), or the body's start.
 * @example apiErrorMessage('{"statusCode":401,"message":"Access denied"}'); // => 'Access denied'
 */
export function apiErrorMessage(body: string): string {
  try {
    const d = JSON.parse(body) as Record<string, unknown>;
    const eo = d.errorObject as { errorMessage?: unknown } | undefined;
    const m = d.message ?? eo?.errorMessage ?? d.error;
    if (typeof m === 'string' && m) return m;
  } catch {
    /* not JSON */
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200) || '(empty body)';
}

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
    const out = new Error(ac.signal.aborted ? `no response within ${timeoutMs} ms` : (err.cause?.message ?? err.message)) as Error & { code: string };
    out.code = ac.signal.aborted ? 'ETIMEDOUT' : (err.cause?.code ?? err.code ?? (/terminated|other side closed/i.test(err.message) ? 'ETRUNCATED' : 'EFETCH'));
    throw out;
  } finally {
    clearTimeout(timer);
  }
};

/** Error codes that mean "no internet here" (no retry). */
const NO_NETWORK = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

/** The cached record of one call (written beside the response body). */
export interface CacheMeta {
  id: string;
  query: ComtradeQuery;
  /** The URL asked (never with the key). */
  url: string;
  keyed: boolean;
  fetchedAt: string;
  /** The API's `count` (records matching the selection). */
  count: number;
  /** Records returned. */
  records: number;
  /** count > records: the response was cut at the call's limit; its halves are fetched instead. */
  capped: boolean;
  bytes: number;
  sha256: string;
  /** The response body file, relative to the cache folder. */
  file: string;
}

/**
 * Write a file atomically: to a temp file in the same folder, then rename.
 * @example writeAtomic('/tmp/x.json', '{}'); // => undefined
 */
export function writeAtomic(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/**
 * The cached record of a query, or undefined when it is not (completely) cached.
 * A body whose sha256 differs from its record counts as not cached.
 * @example readCached(fs.mkdtempSync(path.join(os.tmpdir(), 'cache-')),
 *   { dataset: 'final', freq: 'M', periods: ['201501'], cmdCodes: ['854231'], reporterCode: CHINA, partnerCode: '0', flowCode: 'M' }); // => undefined (an empty cache)
 */
export function readCached(cacheDir: string, q: ComtradeQuery): CacheMeta | undefined {
  const id = requestId(q);
  const metaFile = path.join(cacheDir, `${id}.meta.json`);
  if (!fs.existsSync(metaFile)) return undefined;
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as CacheMeta;
    const body = fs.readFileSync(path.join(cacheDir, meta.file));
    if (crypto.createHash('sha256').update(body).digest('hex') !== meta.sha256) return undefined;
    return meta;
  } catch {
    return undefined;
  }
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
export interface FetchOptions {
  /** API base URL (default {@link COMTRADE_DEFAULT_BASE}). */
  base?: string;
  /** Subscription key (keyed API); never written anywhere. */
  apiKey?: string;
  /** Folder of the response cache. */
  cacheDir: string;
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
  /** Fetch again even when cached. */
  refresh?: boolean;
  transport?: Transport;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
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

/** The error {@link fetchComtrade} stops with; `noNetwork` when the machine has no internet access. */
export class ComtradeFetchError extends Error {
  constructor(message: string, readonly noNetwork = false, readonly cached = 0) {
    super(message);
    this.name = 'ComtradeFetchError';
  }
}

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function retryAfterMs(h: string | undefined, now: number): number | undefined {
  if (!h) return undefined;
  if (/^\d+(\.\d+)?$/.test(h.trim())) return Number(h) * 1000;
  const t = Date.parse(h);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/**
 * Fetch every query of a plan, through the cache: a cached call is not repeated (unless
 * `refresh`), each response is written (temp file + rename) before the next call, a capped
 * response is split and its halves fetched, 429/403 wait for Retry-After, 5xx, timeouts and
 * cut bodies back off exponentially with jitter, all bounded by `maxRetries`. On give-up it
 * throws a {@link ComtradeFetchError} naming the call; everything fetched so far stays cached.
 *
 * @throws {ComtradeFetchError} on give-up, an API error (4xx), a malformed record or no network
 * @example
 * const q: ComtradeQuery = { dataset: 'final', freq: 'A', periods: ['2015'], cmdCodes: ['854231'], reporterCode: '156', partnerCode: '0', flowCode: 'M' };
 * const answer: Transport = async () => ({ status: 200, headers: {}, body: '{"count":0,"data":[],"error":""}' });
 * (await fetchComtrade([q], { cacheDir: '/tmp/comtrade-example', throttleMs: 0, transport: answer })).records; // => 0
 */
export async function fetchComtrade(plan: ComtradeQuery[], o: FetchOptions): Promise<FetchSummary> {
  const base = (o.base ?? COMTRADE_DEFAULT_BASE).replace(/\/+$/, '');
  const keyed = !!o.apiKey;
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
  const redact = (s: string) => (o.apiKey ? s.split(o.apiKey).join('<key>') : s);
  fs.mkdirSync(o.cacheDir, { recursive: true });

  const queue = [...plan];
  const summary: FetchSummary = { responses: [], fetched: 0, fromCache: 0, retries: 0, splits: 0, records: 0 };
  let total = plan.length;
  let done = 0;
  let lastStart = -Infinity;
  let netMs = 0;
  const report = (event?: string) => {
    const perCall = summary.fetched > 0 ? netMs / summary.fetched : undefined;
    const left = total - done;
    o.onProgress?.({ done, total, records: summary.records, fromCache: summary.fromCache, fetched: summary.fetched, etaMs: perCall === undefined ? undefined : left * Math.max(perCall, throttle), event });
  };
  const cachedCount = () => summary.fromCache + summary.fetched;
  const stop = (msg: string, noNet = false): never => {
    throw new ComtradeFetchError(redact(`${msg}; ${cachedCount()} response(s) are cached in ${o.cacheDir} (re-run the same command to resume)`), noNet, cachedCount());
  };

  report();
  while (queue.length > 0) {
    const q = queue.shift()!;
    const idx = done + 1;
    let meta = o.refresh ? undefined : readCached(o.cacheDir, q);
    if (meta) summary.fromCache++;
    else {
      const url = requestUrl(base, q, keyed);
      if (url.length > MAX_URL_LENGTH) stop(`call ${idx}/${total} is longer than the API's ${MAX_URL_LENGTH} characters (${url.length}): ${url.slice(0, 120)}…`);
      let attempt = 0;
      for (;;) {
        const wait = lastStart + throttle - now();
        if (wait > 0) await sleep(wait);
        lastStart = now();
        let reply: HttpReply | undefined;
        let fault: string;
        let waitMs: number | undefined;
        try {
          reply = await transport(url, headers, timeout);
        } catch (e) {
          const err = e as Error & { code?: string };
          if (err.code && NO_NETWORK.has(err.code))
            stop(`the fetch needs internet access to reach ${new URL(base).host} (${err.code} on call ${idx}/${total})`, true);
          fault = `${err.code ?? 'network error'}: ${err.message}`;
        }
        netMs += Math.max(0, now() - lastStart);
        if (reply) {
          if (reply.status === 200) {
            try {
              const r = validateResponse(reply.body);
              if (r.error && r.data.length === 0) stop(`call ${idx}/${total} (${url}): the API answered with an error: ${r.error}`);
              const id = requestId(q);
              const file = `${id}.json`;
              const buf = Buffer.from(reply.body, 'utf8');
              writeAtomic(path.join(o.cacheDir, file), buf);
              meta = {
                id,
                query: q,
                url,
                keyed,
                fetchedAt: new Date(now()).toISOString(),
                count: r.count,
                records: r.data.length,
                capped: r.count > r.data.length,
                bytes: buf.length,
                sha256: crypto.createHash('sha256').update(buf).digest('hex'),
                file,
              };
              writeAtomic(path.join(o.cacheDir, `${id}.meta.json`), JSON.stringify(meta, null, 1) + '\n');
              summary.fetched++;
              break;
            } catch (e) {
              if (e instanceof ComtradeFetchError) throw e;
              if (!(e as { truncated?: boolean }).truncated) stop(`call ${idx}/${total} (${url}) returned a malformed response: ${(e as Error).message}`);
              fault = 'a truncated body (not complete JSON)';
            }
          } else if (reply.status === 429 || (reply.status === 403 && reply.headers['retry-after'])) {
            fault = `HTTP ${reply.status} (${apiErrorMessage(reply.body)})`;
            waitMs = retryAfterMs(reply.headers['retry-after'], now());
          } else if (reply.status >= 500) {
            fault = `HTTP ${reply.status} (${apiErrorMessage(reply.body)})`;
          } else {
            stop(`call ${idx}/${total} (${url}) was refused: HTTP ${reply.status}: ${apiErrorMessage(reply.body)}`);
          }
        }
        if (attempt >= maxRetries) stop(`gave up on call ${idx}/${total} (${url}) after ${attempt + 1} attempts; last fault: ${fault!}`);
        attempt++;
        summary.retries++;
        const backoffWait = Math.min(maxWait, backoff * 2 ** (attempt - 1)) * (0.5 + random());
        const w = Math.min(maxWait, waitMs ?? backoffWait);
        report(`retry ${attempt}/${maxRetries} of call ${idx} in ${(w / 1000).toFixed(1)} s after ${fault!}`);
        await sleep(w);
      }
    }
    done++;
    if (meta!.capped) {
      const parts = splitQuery(q);
      if (!parts)
        stop(`call ${idx} (${meta!.url}) matches ${meta!.count} records but returns only ${meta!.records}, and it cannot be split further (one period, one code)${keyed ? '' : ': set COMTRADE_API_KEY for the keyed API'}`);
      summary.splits++;
      queue.unshift(...parts!);
      total += 2;
      report(`split a capped response (${meta!.records} of ${meta!.count} records)`);
      continue;
    }
    summary.records += meta!.records;
    summary.responses.push(meta!);
    report();
  }
  return summary;
}

/**
 * Read the records of cached responses.
 * @throws {StudyError} when a body is missing or not valid
 * @example cachedRecords(fs.mkdtempSync(path.join(os.tmpdir(), 'cache-')), []).length; // => 0 (after fetchComtrade: cachedRecords(dir, summary.responses).length === summary.records)
 */
export function cachedRecords(cacheDir: string, metas: CacheMeta[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const m of metas) {
    const f = path.join(cacheDir, m.file);
    if (!fs.existsSync(f)) fail('cachedRecords', 'cached response is missing', f);
    for (const r of validateResponse(fs.readFileSync(f, 'utf8')).data) out.push(r);
  }
  return out;
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
