/**
 * The import report every importer returns: what was read, used, rejected
 * (by reason), repaired and dropped. Nothing is dropped without being counted:
 * rowsRead = rowsUsed + Σ rejected + duplicatesDropped.
 *
 * @module io/importers/report
 */
import { fail } from '../../core/errors.js';
import type { PartnerSum } from '../partners.js';

/** What one import did. */
export interface ImportReport {
  /** The file imported (as given). */
  file: string;
  /** Which importer read it. */
  format: 'customs' | 'comtrade-csv' | 'comtrade-json' | 'tidy';
  /** Text encoding used (detected or given); 'json' files are UTF-8. */
  encoding: 'utf-8' | 'gb18030';
  /** Language of the header row. */
  headerLanguage: 'zh' | 'en';
  /** Data records read (header, blank and comment lines excluded). */
  rowsRead: number;
  /** Records that contributed a value. */
  rowsUsed: number;
  /** Records not used, counted by reason. */
  rejected: Record<string, number>;
  /** Repairs made, in words, with counts (e.g. "restored leading zero on 1,234 codes"). */
  repairs: string[];
  /** Other facts a reader should know (cumulative conversion, options used). */
  notes: string[];
  /** Identical duplicate records dropped (each extra copy counts once). */
  duplicatesDropped: number;
  /** First and last month with data, YYYY-MM, or null when nothing was used. */
  period: [string, string] | null;
  /** Distinct commodity codes with data. */
  codes: number;
  /** Code level of the import. */
  level: 'HS8' | 'HS6';
  /** Code × month (× partner × regime) cells written. */
  cells: number;
  /** Whether the values were year-to-date cumulative and converted to monthly. */
  cumulative: boolean;
  /**
   * UN Comtrade: the partners summed where a code and month has partner rows and no partner 0 (World) row, so the
   * values are not China's total imports (lib/io/partners.ts). Absent when every value is a World total.
   */
  partners?: PartnerSum;
  /**
   * Combined January–February (China Customs publishes the two months as one figure since 2020), per code and year,
   * and how each was found (lib/io/importers/jan-feb.ts), with the report's line. Absent when none.
   */
  janFeb?: { text: string; cells: JanFebCellFound[] };
}

/** One combined January–February code-year an import found, and how: a 1–2月 label, a year-to-date first entry in February, or the panel's detection (ratio test or convention). */
export interface JanFebCellFound {
  code: string;
  year: number;
  by: 'label' | 'year-to-date' | 'ratio' | 'convention';
}

/**
 * A fresh report with zero counts.
 * @example newReport('a.csv', 'customs').rowsRead; // => 0
 */
export function newReport(file: string, format: ImportReport['format']): ImportReport {
  return {
    file,
    format,
    encoding: 'utf-8',
    headerLanguage: 'en',
    rowsRead: 0,
    rowsUsed: 0,
    rejected: {},
    repairs: [],
    notes: [],
    duplicatesDropped: 0,
    period: null,
    codes: 0,
    level: 'HS8',
    cells: 0,
    cumulative: false,
  };
}

/**
 * Check the report's books balance: rowsRead = rowsUsed + Σ rejected + duplicatesDropped.
 * @throws {StudyError} when they do not (an importer bug)
 * @example assertBalanced(newReport('a.csv', 'customs')); // => undefined
 */
export function assertBalanced(r: ImportReport): void {
  const rej = Object.values(r.rejected).reduce((a, b) => a + b, 0);
  if (r.rowsRead !== r.rowsUsed + rej + r.duplicatesDropped)
    fail(
      'assertBalanced',
      `import report does not balance: read ${r.rowsRead} ≠ used ${r.rowsUsed} + rejected ${rej} + duplicates ${r.duplicatesDropped}`,
      r.file,
    );
}

/**
 * Add `n` to a reason's count.
 * @example const r: Record<string, number> = {}; countReason(r, 'total/subtotal row'); r; // => { 'total/subtotal row': 1 }
 */
export function countReason(rejected: Record<string, number>, reason: string, n = 1): void {
  rejected[reason] = (rejected[reason] ?? 0) + n;
}

/**
 * A number with thousands separators, for report lines.
 * @example fmtCount(1234); // => '1,234'
 */
export function fmtCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Combined code-years as 'code years' pairs (at most 10 codes, then how many more).
 * @example janFebByCode([{ code: 'a', year: 2020, by: 'label' }, { code: 'a', year: 2021, by: 'label' }, { code: 'b', year: 2020, by: 'ratio' }]);
 * // => 'a 2020, 2021; b 2020'
 */
export function janFebByCode(cells: readonly JanFebCellFound[]): string {
  const by = new Map<string, number[]>();
  for (const c of cells) by.set(c.code, [...(by.get(c.code) ?? []), c.year]);
  const parts = [...by].map(([code, ys]) => `${code} ${[...new Set(ys)].sort((a, b) => a - b).join(', ')}`);
  return parts.length > 10
    ? `${parts.slice(0, 10).join('; ')}; … and ${fmtCount(parts.length - 10)} more codes`
    : parts.join('; ');
}

/**
 * The report as plain text lines (for the import script and notebooks).
 * @example formatImportReport(importers.importFile('tests/fixtures/customs-zh-gb18030.csv').report).split('\n')[0];
 * // => 'Imported customs-zh-gb18030.csv (customs, gb18030, zh headers)'
 */
export function formatImportReport(r: ImportReport): string {
  const out: string[] = [];
  out.push(`Imported ${r.file} (${r.format}, ${r.encoding}, ${r.headerLanguage} headers)`);
  if (r.partners) out.push(`  PARTNERS: ${r.partners.text}`);
  if (r.janFeb) out.push(`  JANUARY–FEBRUARY: ${r.janFeb.text}; by code and year: ${janFebByCode(r.janFeb.cells)}`);
  out.push(
    `  rows read ${fmtCount(r.rowsRead)}, used ${fmtCount(r.rowsUsed)}, duplicates dropped ${fmtCount(r.duplicatesDropped)}`,
  );
  const rej = Object.entries(r.rejected);
  if (rej.length === 0) out.push('  rejected: none');
  else for (const [why, n] of rej) out.push(`  rejected ${fmtCount(n)}: ${why}`);
  for (const rep of r.repairs) out.push(`  repair: ${rep}`);
  for (const note of r.notes) out.push(`  note: ${note}`);
  out.push(
    `  ${r.level} codes ${fmtCount(r.codes)}, cells ${fmtCount(r.cells)}, period ${r.period ? `${r.period[0]} to ${r.period[1]}` : 'none'}${r.cumulative ? ' (converted from year-to-date cumulative)' : ''}`,
  );
  return out.join('\n');
}
