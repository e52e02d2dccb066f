/**
 * The project's one month index: months are counted from January of {@link MONTH_ORIGIN_YEAR}
 * (index 0), so that a month fits a small integer everywhere (panel columns, the importers' packed
 * cell keys, window arithmetic). `monthIndex` and `monthLabel` are inverses.
 *
 * @module core/months
 */
import { fail } from './errors.js';

/** Year whose January has month index 0. */
export const MONTH_ORIGIN_YEAR = 1900;
/** Last year a month index may fall in (keeps indices below 4,096). */
export const MONTH_LAST_YEAR = 2240;

/**
 * Month 'YYYY-MM' → its month index, (year − 1900)·12 + month − 1.
 * @throws {StudyError} when not YYYY-MM with a month 01–12 and a year 1900–2240
 * @example monthIndex('2015-01'); // => 1380
 * @example monthIndex('2015-02') - monthIndex('2014-02'); // => 12
 */
export function monthIndex(month: string): number {
  const m = typeof month === 'string' ? /^(\d{4})-(\d{2})$/.exec(month) : null;
  const y = m ? Number(m[1]) : NaN;
  const mm = m ? Number(m[2]) : NaN;
  if (!m || mm < 1 || mm > 12 || y < MONTH_ORIGIN_YEAR || y > MONTH_LAST_YEAR)
    return fail('monthIndex', `month must be YYYY-MM (years ${MONTH_ORIGIN_YEAR}–${MONTH_LAST_YEAR})`, month);
  return (y - MONTH_ORIGIN_YEAR) * 12 + mm - 1;
}

/**
 * The 'YYYY-MM' label of a month index (the inverse of {@link monthIndex}).
 * @throws {StudyError} when the index is not a non-negative integer
 * @example monthLabel(1380); // => '2015-01'
 */
export function monthLabel(idx: number): string {
  if (!Number.isInteger(idx) || idx < 0) return fail('monthLabel', 'month index must be a non-negative integer', idx);
  const y = MONTH_ORIGIN_YEAR + Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}`;
}

/**
 * `n` consecutive months starting at `start`, as 'YYYY-MM' labels.
 * @throws {StudyError} as {@link monthIndex}, or when n is not a non-negative integer
 * @example monthSequence('2015-11', 3); // => ['2015-11', '2015-12', '2016-01']
 */
export function monthSequence(start: string, n: number): string[] {
  if (!Number.isInteger(n) || n < 0) return fail('monthSequence', 'n must be a non-negative integer', n);
  const m0 = monthIndex(start);
  return Array.from({ length: n }, (_, k) => monthLabel(m0 + k));
}
