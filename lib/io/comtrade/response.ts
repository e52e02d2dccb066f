/**
 * Checking UN Comtrade data API answers before anything is cached or imported: the shape of a
 * response and of every record ({@link validateResponse}), the message of an error body
 * ({@link apiErrorMessage}) and whether an error answer says the call quota is used up ({@link quotaReset}).
 *
 * Facts about the API's answers and where they come from (public sources, read for this module):
 * - A response is `{"elapsedTime": "0.11 secs", "count": n, "data": [...], "error": ""}`; annual
 *   records have freqCode A, period "YYYY" and refMonth 52; records carry typeCode, freqCode,
 *   refYear, refMonth, period, reporterCode, flowCode, partnerCode, partner2Code,
 *   classificationCode (H4/H5/H6…), cmdCode, customsCode, motCode, primaryValue, isAggregate…
 *   (ropensci/comtradr, tests/testthat/goods/comtradeapi.un.org/data/v1/get/C/A/HS-5e2730.R).
 * - `count` is taken as the number of records matching the selection, so count > records means
 *   the answer was capped — an assumption (no source found says what `count` holds when the
 *   answer is cut); io/comtrade/fetch also treats records = the call's limit as capped.
 * - Error bodies carry `statusCode` and `message` (uncomtrade/comtradeapicall,
 *   src/comtradeapicall/PreviewGet.py) or `errorObject.errorMessage` (ropensci/comtradr,
 *   R/ct_perform_request.R). 429 bodies read "Rate limit is exceeded. Try again in N seconds."
 *   (uncomtrade/comtradeapicall issue #3); a used-up quota is a 403 whose message reads "Out of
 *   call volume quota. Quota will be replenished in 03:14:17." (a public Comtrade client's
 *   comment, found by exact-string search; the same wording as other Azure API Management APIs,
 *   where the time may also read "2.12 days" or "20.09:58:55").
 *
 * @module io/comtrade/response
 */
import { fail } from '../../core/errors.js';

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
    const why = `the body is not complete JSON (${(e as Error).message}; ${Buffer.byteLength(body)} bytes): a truncated response?`;
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
 * When an error body says the call quota is used up ("Out of call volume quota. Quota will be
 * replenished in [d.]hh:mm:ss." or "in N days"): the milliseconds until it is replenished (0 when
 * the time cannot be read); undefined when the body is not about the quota.
 * @example quotaReset('{"statusCode":403,"message":"Out of call volume quota. Quota will be replenished in 03:14:17."}'); // => 11657000
 * @example quotaReset('{"statusCode":403,"message":"Out of call volume quota. Quota will be replenished in 1.00:00:05."}'); // => 86405000
 * @example quotaReset('{"statusCode":429,"message":"Rate limit is exceeded. Try again in 2 seconds."}'); // => undefined
 */
export function quotaReset(body: string): number | undefined {
  const msg = apiErrorMessage(body);
  if (!/quota/i.test(msg)) return undefined;
  const hms = /replenished in (?:(\d+)\.)?(\d+):(\d{2}):(\d{2})/i.exec(msg);
  if (hms) return ((Number(hms[1] ?? 0) * 24 + Number(hms[2])) * 3600 + Number(hms[3]) * 60 + Number(hms[4])) * 1000;
  const days = /replenished in (\d+(?:\.\d+)?) days?/i.exec(msg);
  if (days) return Math.round(Number(days[1]) * 86_400_000);
  return 0;
}
