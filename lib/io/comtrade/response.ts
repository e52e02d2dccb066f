/**
 * Checking UN Comtrade data API answers before anything is cached or imported: the shape of a
 * response and of every record ({@link validateResponse}), the message of an error body
 * ({@link apiErrorMessage}) and the latest period an answer holds ({@link latestPeriodIn}).
 *
 * Facts about the API's answers and where they come from (public sources, read for this module):
 * - A response is `{"elapsedTime": "0.11 secs", "count": n, "data": [...], "error": ""}`; annual
 *   records have freqCode A, period "YYYY" and refMonth 52; records carry typeCode, freqCode,
 *   refYear, refMonth, period, reporterCode, flowCode, partnerCode, partner2Code,
 *   classificationCode (H4/H5/H6…), cmdCode, customsCode, motCode, primaryValue, isAggregate…
 *   (ropensci/comtradr, tests/testthat/goods/comtradeapi.un.org/data/v1/get/C/A/HS-5e2730.R).
 * - `count` is the number of records matching the selection; a call returns at most its limit,
 *   so count > records means the answer was capped.
 * - Error bodies carry `statusCode` and `message` (uncomtrade/comtradeapicall,
 *   src/comtradeapicall/PreviewGet.py) or `errorObject.errorMessage` (ropensci/comtradr,
 *   R/ct_perform_request.R).
 *
 * @module io/comtrade/response
 */
import { fail } from '../../core/errors.js';
import type { ComtradeQuery } from './plan.js';

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
    const why = `the body is not complete JSON (${(e as Error).message}; ${body.length} bytes): a truncated response?`;
    try {
      fail(fn, why);
    } catch (err) {
      throw Object.assign(err as Error, { truncated: true });
    }
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { data?: unknown }).data))
    fail(fn, 'expected {"count": n, "data": [...]} from the API', doc);
  const d = doc as { count?: unknown; data: unknown[]; error?: unknown };
  const data = d.data as Record<string, unknown>[];
  data.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) fail(fn, `data[${i}] is not a record`, r);
    const cmd = r.cmdCode;
    if ((typeof cmd !== 'string' && typeof cmd !== 'number') || String(cmd).trim() === '')
      fail(fn, `data[${i}].cmdCode is missing`, cmd);
    if (r.period === undefined && r.refYear === undefined) fail(fn, `data[${i}] has neither period nor refYear`, r);
    if (r.flowCode === undefined) fail(fn, `data[${i}].flowCode is missing`, r);
    const v = r.primaryValue;
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0))
      fail(fn, `data[${i}].primaryValue must be a non-negative number or null`, v);
  });
  const count = d.count === undefined || d.count === null ? data.length : d.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
    fail(fn, 'count must be a non-negative integer', d.count);
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

/**
 * The latest period of a query's periods that an answer has a record for, as YYYY-MM (monthly)
 * or YYYY (annual), or undefined when it has none of them (records of other periods are ignored).
 * @example latestPeriodIn({ count: 2, error: '', data: [{ period: '202503' }, { period: '202504' }] }, { dataset: 'final', freq: 'M', periods: ['202503', '202504', '202505'], cmdCodes: ['TOTAL'], reporterCode: '156', partnerCode: '0', flowCode: 'M' });
 * // => '2025-04'
 */
export function latestPeriodIn(r: ComtradeResponse, q: ComtradeQuery): string | undefined {
  const have = r.data
    .map((x) => String(x.period))
    .filter((p) => q.periods.includes(p))
    .sort();
  if (have.length === 0) return undefined;
  const last = have[have.length - 1];
  return q.freq === 'M' ? `${last.slice(0, 4)}-${last.slice(4, 6)}` : last;
}
