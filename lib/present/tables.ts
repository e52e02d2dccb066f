/**
 * Readable HTML tables from arquero tables: number formats per column
 * (thousands separators, percentages, fixed decimals, US dollars), a caption,
 * and a data-source note (which carries the SYNTHETIC label when it applies).
 *
 * @module present/tables
 */
import type { ColumnTable } from 'arquero';
import { fail } from '../core/errors.js';
import { displayHtml, escapeHtml } from './display.js';

/**
 * How to print a column's numbers:
 * - `'int'`: 12,345 · `'usd'`: $12,345 · `'usd-bn'`: $12.3 bn ·
 * - `'pct'`: a fraction as percent (0.1234 → 12.3 %) · `'pp'`: a number already in percent (1.27 → 1.27 %)
 * - `{ decimals: k }`: fixed decimals with separators · `'text'`: as is
 */
export type ColumnFormat = 'int' | 'usd' | 'usd-bn' | 'pct' | 'pp' | 'text' | { decimals: number; suffix?: string };

/** Options of {@link tableHtml}. */
export interface TableOptions {
  /** Shown above the table. */
  caption?: string;
  /** Where the numbers come from; shown under the table (e.g. the SYNTHETIC label). */
  source?: string;
  /**
   * Per-column formats. A column without one gets {@link defaultColumnFormat} of its name (G, V and their variants
   * 3 decimals; years as text), and otherwise integers print whole and other numbers with 2 decimals, with separators.
   */
  formats?: Record<string, ColumnFormat>;
  /** Column header labels (default: the column names). */
  labels?: Record<string, string>;
  /** Show at most this many rows (default 50); the rest is counted in a note. */
  maxRows?: number;
}

const groupDigits = (s: string): string => s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * Format one value with a {@link ColumnFormat}. Missing values print as "–".
 * @throws {StudyError} on an unknown format
 * @example formatValue(1234567.891, 'int'); // => '1,234,568'
 * @example formatValue(0.1234, 'pct'); // => '12.3 %'
 * @example formatValue(2.5e9, 'usd-bn'); // => '$2.50 bn'
 */
export function formatValue(value: unknown, format: ColumnFormat | undefined): string {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '–';
  if (typeof value !== 'number') return String(value);
  const fixed = (x: number, d: number): string => {
    const [i, f] = Math.abs(x).toFixed(d).split('.');
    const neg = x < 0 && Number(Math.abs(x).toFixed(d)) !== 0 ? '−' : '';
    return neg + groupDigits(i) + (f !== undefined ? '.' + f : '');
  };
  if (format === undefined) return Number.isInteger(value) ? fixed(value, 0) : fixed(value, 2);
  if (typeof format === 'object') return fixed(value, format.decimals) + (format.suffix ?? '');
  switch (format) {
    case 'int':
      return fixed(value, 0);
    case 'usd':
      return (value < 0 ? '−$' : '$') + fixed(Math.abs(value), 0);
    case 'usd-bn':
      return (value < 0 ? '−$' : '$') + fixed(Math.abs(value) / 1e9, 2) + ' bn';
    case 'pct':
      return fixed(value * 100, 1) + ' %';
    case 'pp':
      return fixed(value, 2) + ' %';
    case 'text':
      return String(value);
    default:
      return fail('formatValue', 'unknown column format', format);
  }
}

/**
 * The format a column gets from its name alone, when a table gives it none:
 * - the indices and their parts, 3 decimals: `G`, `V`, `G_<variant>`, `V_<variant>`, `Xprime`, `wXprime`, `gMargin`, `vMargin`;
 * - years, as text (no thousands separator): `year`, `<something>_year`, `year_<something>`;
 * - anything else: undefined (whole numbers whole, other numbers 2 decimals).
 * @example defaultColumnFormat('G_uniform'); // => { decimals: 3 }
 * @example defaultColumnFormat('ours_year'); // => 'text'
 * @example defaultColumnFormat('Growth'); // => undefined
 */
export function defaultColumnFormat(column: string): ColumnFormat | undefined {
  if (/^[GV](_|$)/.test(column) || /^w?Xprime$/.test(column) || /^[gv]Margin$/.test(column)) return { decimals: 3 };
  if (/(^|_)year(_|$)/.test(column)) return 'text';
  return undefined;
}

/**
 * Render an arquero table as an HTML table with caption, formats and source note.
 * @example tableHtml(aq.table({ year: [2015], share: [0.0206] }), { caption: 'Capital goods', formats: { share: 'pct' } });
 * // => '<figure class="study-table"><style>…</style><table><caption>Capital goods</caption>…<td class="num">2.1 %</td>…'
 */
export function tableHtml(table: ColumnTable, opts: TableOptions = {}): string {
  if (!table || typeof (table as { columnNames?: unknown }).columnNames !== 'function')
    fail('tableHtml', 'expected an arquero table', table);
  const cols = table.columnNames();
  const formats = opts.formats ?? {};
  for (const c of Object.keys(formats))
    if (!cols.includes(c))
      fail('tableHtml', `format given for a column the table does not have (columns: ${cols.join(', ')})`, c);
  const maxRows = opts.maxRows ?? 50;
  const n = table.numRows();
  const rows = table.objects({ limit: maxRows }) as Record<string, unknown>[];
  const numeric = new Set(cols.filter((c) => rows.some((r) => typeof r[c] === 'number')));
  const head = cols
    .map((c) => `<th${numeric.has(c) ? ' class="num"' : ''}>${escapeHtml(opts.labels?.[c] ?? c)}</th>`)
    .join('');
  const body = rows
    .map(
      (r) =>
        '<tr>' +
        cols
          .map(
            (c) =>
              `<td${numeric.has(c) ? ' class="num"' : ''}>${escapeHtml(formatValue(r[c], formats[c] ?? defaultColumnFormat(c)))}</td>`,
          )
          .join('') +
        '</tr>',
    )
    .join('\n');
  const more =
    n > maxRows ? `<p class="study-table-more">Showing ${maxRows} of ${formatValue(n, 'int')} rows.</p>` : '';
  const source = opts.source
    ? `<figcaption class="study-table-source">Source: ${escapeHtml(opts.source)}</figcaption>`
    : '';
  return [
    '<figure class="study-table">',
    TABLE_STYLE,
    '<table>',
    opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>` : '',
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    '</table>',
    more,
    source,
    '</figure>',
  ].join('');
}

const TABLE_STYLE =
  '<style>figure.study-table{margin:0.8em 0;font-family:system-ui,sans-serif;font-size:13px}' +
  'figure.study-table table{border-collapse:collapse}figure.study-table caption{text-align:left;font-weight:600;padding:4px 0}' +
  'figure.study-table th,figure.study-table td{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left!important}' +
  'figure.study-table th{border-bottom:2px solid #888}figure.study-table .num{text-align:right!important;font-variant-numeric:tabular-nums}' +
  'figure.study-table figcaption,figure.study-table .study-table-more{color:#555;font-size:12px;margin-top:4px}</style>';

/**
 * Show an arquero table in the notebook as formatted HTML (see {@link tableHtml}
 * for the HTML itself). Returns nothing, so the cell shows only the table.
 * @example showTable(aq.table({ code: ['85423111'], value: [1.5e9] }), { formats: { value: 'usd' }, caption: 'Imports' });
 * // shows a table whose value cell reads $1,500,000,000
 */
export function showTable(table: ColumnTable, opts: TableOptions = {}): void {
  displayHtml(tableHtml(table, opts), { text: `[table: ${opts.caption ?? `${table.numRows()} rows`}]` });
}
