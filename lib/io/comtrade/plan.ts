/**
 * Planning UN Comtrade data API calls: a reporter's imports (China, reporter 156, by default; any reporter with `reporterCode`) (flow M) from the World
 * (partner 0), monthly or annual, by HS code, cut into calls so that no response should be
 * capped — the endpoint and URL of a call ({@link requestUrl}), the periods of a selection
 * ({@link monthPeriods}, {@link hsRevisionOfYear}), the plan ({@link planRequests}), the halves
 * of a capped call ({@link splitQuery}). Which periods exist is asked first (io/comtrade/availability);
 * the plan then asks only those. No URL ever carries the subscription key (see io/comtrade/fetch).
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
 *   100,000 for keyed calls, the smaller of the two. comtradr judges a response capped by its
 *   row count reaching the limit ("exactly 100k rows … most likely not all the data"), not by
 *   `count`: so does io/comtrade/fetch (records ≥ the call's limit, or count > records).
 * - At most 12 periods per call (ropensci/comtradr, R/ct_check_params.R, check_date), and a
 *   URL of at most 4,096 characters (ropensci/comtradr, R/ct_build_request.R).
 * - cmdCode `AG6` asks for every 6-digit HS code (the API's HS reference list: "AG6 - All
 *   6-digit HS commodities"); cmdCode `TOTAL` for all commodities together.
 *
 * @module io/comtrade/plan
 */
import { fail } from '../../core/errors.js';

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
  /** HS codes, or ['AG6'] for every 6-digit code, or ['TOTAL'] for all commodities together. */
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
  const what = keyed
    ? dataset === 'tariffline'
      ? 'data/v1/getTariffline'
      : 'data/v1/get'
    : dataset === 'tariffline'
      ? 'public/v1/previewTariffline'
      : 'public/v1/preview';
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
  if (q.dataset === 'final')
    p.push(['partner2Code', '0'], ['customsCode', 'C00'], ['motCode', '0'], ['breakdownMode', 'classic']);
  p.push(['maxRecords', String(recordLimit(keyed))], ['format', 'JSON'], ['includeDesc', 'false']);
  const qs = p.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`).join('&');
  return `${base.replace(/\/+$/, '')}${endpointPath(q.dataset, q.freq, keyed)}?${qs}`;
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
  /** The periods the API has (API form, from io/comtrade/availability): only these are asked; undefined = every period. */
  available?: ReadonlySet<string>;
  /** The reporter's Comtrade code (default China, '156'; io/reporters resolves names and ISO3 codes). */
  reporterCode?: string;
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
 * within the call's record limit and the URL within 4,096 characters. With `available`, periods
 * the API does not have are left out (a call whose periods are all missing is not planned).
 * (Responses that still come back capped are split further by {@link splitQuery}.)
 *
 * @throws {StudyError} on an empty code list, a bad period, or codes 'all' keyless without `codesOfYear`
 * @example planRequests({ freq: 'M', from: '2015-01', to: '2015-12', codes: ['854231', '854232'], keyed: false }).length; // => 1
 * @example planRequests({ freq: 'A', from: '2022', to: '2024', codes: ['854231'], keyed: false, available: new Set(['2022', '2023']) })[0].periods; // => ['2022', '2023']
 * @example planRequests({ freq: 'A', from: '2022', to: '2022', codes: ['854231'], keyed: false, reporterCode: '410' })[0].reporterCode; // => '410'
 */
export function planRequests(o: PlanOptions): ComtradeQuery[] {
  const fn = 'planRequests';
  const dataset = o.dataset ?? 'final';
  const base = o.base ?? COMTRADE_DEFAULT_BASE;
  const perCell = o.recordsPerCodePeriod ?? (dataset === 'tariffline' ? 20 : 1);
  if (!(perCell >= 1)) fail(fn, 'recordsPerCodePeriod must be at least 1', perCell);
  const reporterCode = o.reporterCode ?? CHINA;
  if (!/^\d{1,4}$/.test(reporterCode)) fail(fn, 'reporterCode must be a Comtrade reporter code (digits)', reporterCode);
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
  if (o.available) {
    const av = o.available;
    periodGroups = periodGroups.map((g) => g.filter((p) => av.has(p))).filter((g) => g.length > 0);
  }
  const template = (periods: string[], cmdCodes: string[]): ComtradeQuery => ({
    dataset,
    freq: o.freq,
    periods,
    cmdCodes,
    reporterCode,
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
    return [
      { ...q, periods: q.periods.slice(0, h) },
      { ...q, periods: q.periods.slice(h) },
    ];
  }
  if (q.cmdCodes.length > 1) {
    const h = Math.ceil(q.cmdCodes.length / 2);
    return [
      { ...q, cmdCodes: q.cmdCodes.slice(0, h) },
      { ...q, cmdCodes: q.cmdCodes.slice(h) },
    ];
  }
  return undefined;
}
