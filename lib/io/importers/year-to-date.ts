/**
 * The year-to-date rule of the importers, once for every cell layout: whether
 * the values of a download are cumulative within each year (China Customs
 * queries can be year-to-date), and their conversion to monthly values by
 * differencing within each year, January kept as is.
 *
 * The aggregator keeps cells in two layouts (a dense code × month grid when
 * partners are summed, a hash table of cell keys when they are kept); each hands
 * its cells over as {@link MonthCells}, so detection, differencing, their errors
 * and their report notes are the same for both.
 *
 * @module io/importers/year-to-date
 */
import { failAt } from '../../core/errors.js';
import { monthLabel } from '../../core/months.js';
import { JAN_FEB_DETECT } from '../../core/jan-feb.js';
import { addJanFebCell } from './jan-feb.js';
import { fmtCount, type ImportReport } from './report.js';

/**
 * Cells as the year-to-date rule reads them, whatever their storage: positions
 * 0 … n − 1, each a month of one series (a code, or a code × partner × regime).
 */
export interface MonthCells {
  /** Number of positions. */
  readonly n: number;
  /** Value at position i: the cell's sum, NaN when missing or when no row fell there. */
  value(i: number): number;
  /** Month index of position i ((year − 1900) × 12 + month − 1). */
  month(i: number): number;
  /** Position of the same series one month earlier, or -1 when there is none. */
  prev(i: number): number;
  /** First file line of the cell at position i (for messages). */
  line(i: number): number;
  /** Code text of position i (for messages). */
  code(i: number): string;
}

/** The least number of month-to-month steps within a year that `'auto'` needs to call values cumulative. */
export const AUTO_MIN_STEPS = 6;
/** The share of those steps that must be non-decreasing for `'auto'` to call values cumulative. */
export const AUTO_UP_SHARE = 0.9;

/**
 * Decide whether values are year-to-date cumulative and, when they are, convert
 * them to monthly values: each month minus the previous month of the same year
 * and series; January is kept as is; from 2020 a February with no January entry is the
 * year's first value and covers January and February together (China Customs publishes
 * them as one figure since then): it is kept as February's value and recorded per code and year in `report.janFeb`; any
 * other month whose previous month is missing is left missing (counted). `'auto'` calls the values cumulative when at least
 * {@link AUTO_MIN_STEPS} month-to-month steps within a year have both values and
 * at least {@link AUTO_UP_SHARE} of them do not fall. Writes `report.cumulative`
 * and notes saying what was decided and done.
 *
 * @returns the monthly value of every position (NaN = missing), or null when the
 *   values are monthly as read
 * @throws {InputError} naming the line and value when a cumulative value falls
 *   within a year (not a cumulative series)
 * @example
 * // one code, 2015-01 … 2015-03, year-to-date 5, 8, 12 (lines 2–4)
 * const ytd = [5, 8, 12];
 * const cells = { n: 3, value: (i: number) => ytd[i], month: (i: number) => 1380 + i, prev: (i: number) => i - 1, line: (i: number) => i + 2, code: () => '01012100' };
 * const report = importers.newReport('a.csv', 'customs');
 * Array.from(yearToDateToMonthly(cells, true, report, 'demo', 'a.csv') ?? []); // => [5, 3, 4]
 * report.cumulative; // => true
 */
export function yearToDateToMonthly(
  cells: MonthCells,
  cumulative: boolean | 'auto',
  report: ImportReport,
  fn: string,
  file: string,
): Float64Array | null {
  const n = cells.n;
  let isCum = cumulative === true;
  if (cumulative === 'auto') {
    let pairs = 0;
    let up = 0;
    for (let i = 0; i < n; i++) {
      if (cells.month(i) % 12 === 0) continue;
      const j = cells.prev(i);
      if (j < 0) continue;
      const a = cells.value(j);
      const b = cells.value(i);
      if (a !== a || b !== b) continue;
      pairs++;
      if (b >= a) up++;
    }
    isCum = pairs >= AUTO_MIN_STEPS && up >= AUTO_UP_SHARE * pairs;
    report.notes.push(autoNote(pairs, up, isCum));
  }
  report.cumulative = isCum;
  if (!isCum) return null;
  const out = new Float64Array(n).fill(NaN);
  let noPrev = 0;
  for (let i = 0; i < n; i++) {
    const v = cells.value(i);
    if (v !== v) continue;
    const m = cells.month(i);
    if (m % 12 === 0) {
      out[i] = v;
      continue;
    }
    const j = cells.prev(i);
    const prev = j < 0 ? NaN : cells.value(j);
    if (prev !== prev && m % 12 === 1 && 1900 + (m - 1) / 12 >= JAN_FEB_DETECT.from) {
      // from 2020, the year's first entry is February's: January and February combined
      out[i] = v;
      addJanFebCell(report, cells.code(i), 1900 + (m - 1) / 12, 'year-to-date');
      continue;
    }
    if (prev !== prev) {
      noPrev++;
      continue;
    }
    if (v < prev)
      failAt(
        fn,
        { file, line: cells.line(i) },
        `year-to-date value falls from ${prev} in ${monthLabel(m - 1)} (line ${cells.line(j)}) to ${v} in ${monthLabel(m)} for code ${cells.code(i)}: not a cumulative series (is the file monthly? pass cumulative: false)`,
        v,
      );
    out[i] = v - prev;
  }
  report.notes.push(
    'converted year-to-date cumulative values to monthly by differencing within each year (January kept as is)',
  );
  if (noPrev > 0)
    report.notes.push(
      `${fmtCount(noPrev)} cumulative cells could not be differenced (previous month of the year missing): left missing`,
    );
  return out;
}

function autoNote(pairs: number, up: number, isCum: boolean): string {
  return pairs >= AUTO_MIN_STEPS
    ? `cumulative: 'auto' found ${fmtCount(up)} of ${fmtCount(pairs)} month-to-month steps within a year non-decreasing: values read as ${isCum ? 'year-to-date cumulative' : 'monthly'}`
    : `cumulative: 'auto' had too few month-to-month steps (${pairs}) to tell: values read as monthly (pass cumulative: true if the query was year-to-date)`;
}
