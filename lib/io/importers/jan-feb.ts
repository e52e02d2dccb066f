/**
 * Combined January–February in the importers. Since 2020 China Customs publishes January and February
 * as one figure; an import meets it three ways, each recorded per code and year in the import report
 * (`report.janFeb`), the manifest and, through the panel's detection, the banner:
 * - a period label `1-2月` / `1–2月` (e.g. `2020年1-2月`) in a customs download's date column: the value
 *   is the two months' total, placed in February ({@link parseJanFebLabel});
 * - a year-to-date download whose first value of the year is in February, with no January entry: it
 *   covers two months and is kept as February's value (lib/io/importers/year-to-date.ts);
 * - any series (a UN Comtrade answer too) with no or a zero January and a February that holds about two
 *   months: the panel's detection, lib/core/jan-feb.ts ({@link janFebOfCells}).
 * The study treats them by its janFeb choice (lib/steps/jan-feb.ts).
 *
 * @module io/importers/jan-feb
 */
import { detectJanFeb, janFebText } from '../../core/jan-feb.js';
import { monthLabel } from '../../core/months.js';
import type { TidyCells } from './aggregate.js';
import { fmtCount, type ImportReport, type JanFebCellFound } from './report.js';

const LABEL = /^\s*(\d{4})\s*(?:年|-|\/|\.)?\s*0?1\s*(?:-|–|—|~|～|至)\s*0?2\s*月?\s*$/;

/**
 * The year of a January–February period label (`2020年1-2月`, `2020年1–2月`, `2020年01-02月`, `202001-02`), or -1.
 * @example [parseJanFebLabel('2021年1-2月'), parseJanFebLabel('2021年1–2月'), parseJanFebLabel('202101-02'), parseJanFebLabel('202102')];
 * // => [2021, 2021, 2021, -1]
 */
export function parseJanFebLabel(text: string): number {
  const m = LABEL.exec(text);
  return m ? Number(m[1]) : -1;
}

/**
 * Record one combined code-year in the report (once per code and year: the first way found).
 * @example const r = importers.newReport('a.csv', 'customs'); addJanFebCell(r, '84862000', 2020, 'label'); addJanFebCell(r, '84862000', 2020, 'label');
 * r.janFeb!.cells; // => [{ code: '84862000', year: 2020, by: 'label' }]
 */
export function addJanFebCell(report: ImportReport, code: string, year: number, by: JanFebCellFound['by']): void {
  const jf = (report.janFeb ??= { text: '', cells: [] });
  if (!jf.cells.some((c) => c.code === code && c.year === year)) jf.cells.push({ code, year, by });
}

/**
 * Finish the report's combined January–February: the cells the reading found (labels, year-to-date) and
 * those the panel's detection finds in the imported cells (partners and regimes summed per code), once
 * per code and year, with the line for the report. Leaves `report.janFeb` absent when there is none.
 * @example
 * const cells = { level: 'HS6', codes: ['848620'], n: 4, code: Int32Array.of(0, 0, 0, 0),
 *   month: Int32Array.of(1439, 1440, 1441, 1442), value: Float64Array.of(100, NaN, 210, 100) }; // 2019-12 … 2020-03
 * const r = importers.newReport('a.json', 'comtrade-json'); janFebOfCells(cells, r); r.janFeb!.text;
 * // => '2020: January and February combined in 1 code (found: 1 by the panel detection)'
 */
export function janFebOfCells(cells: TidyCells, report: ImportReport, dense?: DenseCells): void {
  const found = report.janFeb?.cells ?? [];
  if (cells.n > 0) {
    const { months, codes, values } = dense ?? denseOf(cells);
    const seen = new Set(found.map((c) => `${c.code}|${c.year}`));
    for (const c of detectJanFeb({ months, codes, values }).cells)
      if (!seen.has(`${c.code}|${c.year}`)) found.push({ code: c.code, year: c.year, by: c.by });
  }
  if (found.length === 0) {
    delete report.janFeb;
    return;
  }
  found.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.year - b.year));
  report.janFeb = { text: janFebFoundText(found), cells: found };
}

/**
 * Cells as a panel's rows for the detection: one row of values per code (partners summed; NaN where none) over
 * consecutive months. Rows and months beyond the cells' (all NaN) change nothing in the detection.
 */
export interface DenseCells {
  months: string[];
  codes: string[];
  values: Float64Array[];
}

/**
 * The cells' rows: one per code, from their first month to their last.
 * @example
 * const d = denseOf({ level: 'HS6', codes: ['848620', '848690'], n: 3, code: Int32Array.of(0, 0, 1),
 *   month: Int32Array.of(1440, 1442, 1441), value: Float64Array.of(5, 7, 2) });
 * [d.months.join(' '), d.values.map((v) => Array.from(v).join(' '))];
 * // => ['2020-01 2020-02 2020-03', ['5 NaN 7', 'NaN 2 NaN']]
 */
export function denseOf(cells: TidyCells): DenseCells {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < cells.n; i++) {
    lo = Math.min(lo, cells.month[i]);
    hi = Math.max(hi, cells.month[i]);
  }
  const T = hi - lo + 1;
  const values = cells.codes.map(() => new Float64Array(T).fill(NaN));
  for (let i = 0; i < cells.n; i++) {
    const v = cells.value[i];
    if (v !== v) continue;
    const x = values[cells.code[i]];
    const t = cells.month[i] - lo;
    x[t] = x[t] !== x[t] ? v : x[t] + v;
  }
  return { months: Array.from({ length: T }, (_, t) => monthLabel(lo + t)), codes: cells.codes, values };
}

const BY_WORDS: Record<JanFebCellFound['by'], string> = {
  label: 'by a 1–2月 label',
  'year-to-date': 'as a year-to-date first entry in February',
  ratio: 'by the panel detection',
  convention: 'by the panel convention',
};

/**
 * The report's line for combined January–February cells: the years, the codes and how they were found.
 * @example janFebFoundText([{ code: 'a', year: 2020, by: 'label' }, { code: 'a', year: 2021, by: 'year-to-date' }]);
 * // => '2020–2021: January and February combined in 1 code (found: 1 by a 1–2月 label, 1 as a year-to-date first entry in February)'
 */
export function janFebFoundText(found: readonly JanFebCellFound[]): string {
  const years = [...new Set(found.map((c) => c.year))].sort((a, b) => a - b);
  const codes = [...new Set(found.map((c) => c.code))];
  const by = (Object.keys(BY_WORDS) as JanFebCellFound['by'][])
    .map((k) => [k, found.filter((c) => c.by === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${fmtCount(n)} ${BY_WORDS[k]}`);
  return `${janFebText({ years, codes })} (found: ${by.join(', ')})`;
}
