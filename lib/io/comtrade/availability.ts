/**
 * Which periods the UN Comtrade API has for China before any data call: the URL of the
 * data-availability call ({@link availabilityUrl}), its answer checked and read
 * ({@link parseAvailability}: one entry per period with its classification and release date),
 * the periods of a selection it has and the holes in the middle of the series
 * ({@link availabilityGaps}), and the release date of a call's periods ({@link releaseOf}), which
 * the cache compares to refetch only what was released again.
 *
 * Facts about the API and where they come from (public sources, read for this module):
 * - The availability endpoints are `{base}/public/v1/getDa/{typeCode}/{freqCode}/{clCode}`
 *   (keyless) and `{base}/data/v1/getDa/…` (keyed); tariff lines `…/getDaTariffline/…`; query
 *   parameters `reportercode`, `period`, `publishedDateFrom`, `publishedDateTo`, each left out
 *   when not given (uncomtrade/comtradeapicall, src/comtradeapicall/DataAvailability.py,
 *   getDataAvailability; README "DataAvailability": `_getFinalDataAvailability` "no
 *   subscription key").
 * - The answer has the data API's envelope `{elapsedTime, count, data: [...], error}`
 *   (ropensci/comtradr, tests/goods_bulk/comtradeapi.un.org/bulk/v1/get/C/A/HS-4f1d0f.json, a
 *   recorded availability-style answer of the bulk API: period as a number, classificationCode,
 *   isOriginalClassification, publicationDate).
 * - A record of the getDa answer carries period, reporterCode, reporterISO, classificationCode,
 *   classificationSearchCode, isOriginalClassification, datasetCode, datasetChecksum,
 *   firstReleased, lastReleased (ISO date-time without a zone, e.g. "2026-02-06T10:18:40.23") and
 *   totalRecords — NOT from the API's own documentation: from public clients' code and test
 *   fixtures modelled on its answers (found by exact-string search of public repositories for
 *   `"lastReleased"`; one reads `row["lastReleased"][:10]` from `/public/v1/getDA`, one parses
 *   getFinalDataAvailability's `period` as YYYYMM and `lastReleased` as a date). See README
 *   "Real data" for what this leaves unverified.
 *
 * @module io/comtrade/availability
 */
import { fail } from '../../core/errors.js';
import { CHINA, type ComtradeDataset, type ComtradeFreq } from './plan.js';

/** What the API says it has for one period. */
export interface AvailablePeriod {
  /** YYYYMM (monthly) or YYYY (annual). */
  period: string;
  /** The HS revision the data are held in (H4, H5, H6…). */
  classificationCode: string;
  /** When the period's data were last released (as the API wrote it). */
  lastReleased: string;
  /** Whether the classification is the one the reporter reported in. */
  isOriginalClassification: boolean;
  /** Records of the period's dataset, when the answer says. */
  totalRecords?: number;
}

/**
 * The URL of the availability call for a reporter (default China, 156), every period of a frequency:
 * keyless `public/v1/getDa`, keyed `data/v1/getDa` (tariff lines: `getDaTariffline`). No period
 * parameter: one small answer lists every period the API has for China. Never carries the key.
 * @example availabilityUrl('https://comtradeapi.un.org', 'final', 'M', false); // => 'https://comtradeapi.un.org/public/v1/getDa/C/M/HS?reportercode=156'
 * @example availabilityUrl('https://comtradeapi.un.org/', 'tariffline', 'A', true); // => 'https://comtradeapi.un.org/data/v1/getDaTariffline/C/A/HS?reportercode=156'
 * @example availabilityUrl('https://comtradeapi.un.org', 'final', 'A', false, '410'); // => 'https://comtradeapi.un.org/public/v1/getDa/C/A/HS?reportercode=410'
 */
export function availabilityUrl(
  base: string,
  dataset: ComtradeDataset,
  freq: ComtradeFreq,
  keyed: boolean,
  reporterCode: string = CHINA,
): string {
  if (!/^\d{1,4}$/.test(reporterCode)) fail('availabilityUrl', 'reporter code must be digits', reporterCode);
  const what = `${keyed ? 'data' : 'public'}/v1/${dataset === 'tariffline' ? 'getDaTariffline' : 'getDa'}`;
  return `${base.replace(/\/+$/, '')}/${what}/C/${freq}/HS?reportercode=${reporterCode}`;
}

/** The checked answer of an availability call. */
export interface AvailabilityResponse {
  count: number;
  /** The records as received. */
  data: Record<string, unknown>[];
  error: string;
  /** One entry per period of the reporter asked for (default China, 156), ascending. */
  periods: AvailablePeriod[];
}

/**
 * Check and read an availability answer: JSON `{count, data: [...]}`, every record with a period
 * (YYYY or YYYYMM, a number or a string) and a `lastReleased` date; records of reporters other than
 * `reporterCode` (default China, 156) are left out. Several records of one period (e.g. original and converted classifications) become one
 * entry: the original classification's, with the latest `lastReleased` of them.
 * @throws {StudyError} naming the record and field; `truncated: true` when the body is not complete JSON
 * @example parseAvailability('{"count":1,"data":[{"period":202501,"reporterCode":156,"classificationCode":"H6","isOriginalClassification":true,"lastReleased":"2025-03-10T08:00:00"}],"error":""}').periods;
 * // => [{ period: '202501', classificationCode: 'H6', lastReleased: '2025-03-10T08:00:00', isOriginalClassification: true }]
 */
export function parseAvailability(body: string, reporterCode: string = CHINA): AvailabilityResponse {
  const fn = 'parseAvailability';
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    try {
      fail(
        fn,
        `the body is not complete JSON (${(e as Error).message}; ${Buffer.byteLength(body)} bytes): a truncated response?`,
      );
    } catch (err) {
      throw Object.assign(err as Error, { truncated: true });
    }
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { data?: unknown }).data))
    fail(fn, 'expected {"count": n, "data": [...]} from the availability service', doc);
  const d = doc as { count?: unknown; data: Record<string, unknown>[]; error?: unknown };
  const byPeriod = new Map<string, AvailablePeriod>();
  d.data.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) fail(fn, `data[${i}] is not a record`, r);
    if (r.reporterCode !== undefined && String(r.reporterCode) !== reporterCode) return;
    const period = String(r.period ?? '');
    if (!/^\d{4}(\d{2})?$/.test(period)) fail(fn, `data[${i}].period must be YYYY or YYYYMM`, r.period);
    const released = r.lastReleased;
    if (typeof released !== 'string' || Number.isNaN(Date.parse(released)))
      fail(fn, `data[${i}].lastReleased must be a date`, released);
    const entry: AvailablePeriod = {
      period,
      classificationCode: typeof r.classificationCode === 'string' ? r.classificationCode : '',
      lastReleased: released as string,
      isOriginalClassification: r.isOriginalClassification !== false,
    };
    if (typeof r.totalRecords === 'number') entry.totalRecords = r.totalRecords;
    const prev = byPeriod.get(period);
    if (!prev) byPeriod.set(period, entry);
    else {
      const keep = !prev.isOriginalClassification && entry.isOriginalClassification ? entry : prev;
      byPeriod.set(period, { ...keep, lastReleased: laterRelease(prev.lastReleased, entry.lastReleased)! });
    }
  });
  const count = typeof d.count === 'number' ? d.count : d.data.length;
  const periods = [...byPeriod.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
  return { count, data: d.data, error: typeof d.error === 'string' ? d.error : '', periods };
}

/**
 * The later of two release dates (compared as times; either may be missing).
 * @example laterRelease('2025-03-10T08:00:00', '2025-04-01T00:00:00'); // => '2025-04-01T00:00:00'
 * @example laterRelease(undefined, '2025-03-10'); // => '2025-03-10'
 */
export function laterRelease(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * The latest release date of a call's periods, or undefined when the availability answer names none of them.
 * @example releaseOf(['202501', '202502'], new Map([['202501', '2025-03-10'], ['202502', '2025-04-02']])); // => '2025-04-02'
 */
export function releaseOf(periods: string[], releases: ReadonlyMap<string, string>): string | undefined {
  let out: string | undefined;
  for (const p of periods) out = laterRelease(out, releases.get(p));
  return out;
}

/** What the API has of a selection's periods (see {@link availabilityGaps}). */
export interface AvailabilityGaps {
  /** The selection's periods the API has, ascending (API form). */
  have: string[];
  /** Periods missing between the first and the last it has: holes in the series. */
  holes: string[];
  /** Periods after the last it has (not released yet). */
  after: string[];
  /** Periods before the first it has. */
  before: string[];
}

/**
 * Compare a selection's periods (API form, ascending) with the periods the API has.
 * @example availabilityGaps(['201501', '201502', '201503', '201504', '201505'], new Set(['201502', '201504']));
 * // => { have: ['201502', '201504'], holes: ['201503'], after: ['201505'], before: ['201501'] }
 */
export function availabilityGaps(wanted: string[], available: ReadonlySet<string>): AvailabilityGaps {
  const have = wanted.filter((p) => available.has(p));
  if (have.length === 0) return { have, holes: [], after: [], before: [...wanted] };
  const first = have[0];
  const last = have[have.length - 1];
  const missing = wanted.filter((p) => !available.has(p));
  return {
    have,
    holes: missing.filter((p) => p > first && p < last),
    after: missing.filter((p) => p > last),
    before: missing.filter((p) => p < first),
  };
}
