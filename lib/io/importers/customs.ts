/**
 * Importer for China Customs online-query downloads (stats.customs.gov.cn):
 * CSV in GB18030 or UTF-8, Chinese or English headers matched by name, every
 * field quoted, a trailing comma on each line, US-dollar values with thousands
 * separators, `数据年月`/`Date of data` as YYYYMM (or a single queried period; a January–February
 * label such as `2020年1-2月` puts the two months' total in February, recorded in `report.janFeb`),
 * monthly or year-to-date cumulative values. The header is matched by importers/customs-header, the rows read
 * by one pass (importers/customs-pass).
 *
 * A download of at least 64 MiB (`PARALLEL_MIN_BYTES` of importers/ranges) is read in byte ranges, as the
 * tidy panel is: this thread reads the first while worker threads (importers/parallel) read the
 * others, each into its own code × month grid, in the encoding the first chunk of the file decides (as the
 * single-thread scan decides it; a range after the first looks for no byte-order mark). The grids are merged,
 * the books (rows, totals rejected, duplicates, repairs, thousands separators, January–February labels) added up,
 * and the year-to-date rule runs once on the merged cells. When the ranges cannot stand for the single-thread
 * read — they do not join, a code × month is in two ranges, text partner, regime or location keys, kept
 * partners, the hash duplicate check, another encoding in a range, any error, no worker threads — the file is
 * read again on one thread, which gives the single-thread result and errors by construction.
 *
 * @module io/importers/customs
 */
import * as path from 'node:path';
import { fail } from '../../core/errors.js';
import { parseMonth } from './fields.js';
import { addJanFebCell } from './jan-feb.js';
import { withDupMode, type DupMode, type ImportResult } from './common.js';
import type { EncodingOption } from './csv-scan.js';
import {
  BOM_NOTE,
  FN,
  customsLocalRange,
  customsPass,
  type CustomsPassResult,
  type CustomsTask,
  type PassOptions,
} from './customs-pass.js';
import { byteRanges, mergeRanges, rangedSize, readRanges, type RangeOptions, type ThreadsUsed } from './ranges.js';

export { CUSTOMS_COLUMNS, customsHeaderNames, parseCustomsHeader } from './customs-header.js';

/** Options of {@link importCustomsCsv} (`threads`, `minParallelBytes`, `splits`: the parallel read, see the module's note). */
export interface CustomsImportOptions extends RangeOptions {
  /** 'auto' (default): BOM → UTF-8; valid UTF-8 → UTF-8; else GB18030. */
  encoding?: EncodingOption;
  /** Year-to-date cumulative values? 'auto' (default) decides from the data and reports it. */
  cumulative?: boolean | 'auto';
  /** YYYY-MM: the month of a download without a date column (required then). */
  period?: string;
  /** Keep partner and regime as columns instead of summing over them (default false). */
  keepPartners?: boolean;
  /** Code level; by default fixed by the first code (8/7 digits → HS8, 6/5 → HS6). */
  level?: 'HS8' | 'HS6';
  /** Name used for the file in messages and the report (default: the base name). */
  label?: string;
  /** Duplicate check: 'auto' (default) streams for files over 64 MB, else hashes. */
  dupMode?: DupMode;
}

/** What {@link importCustomsCsv} returns: the report and cells, and how the file was read. */
export interface CustomsImportResult extends ImportResult {
  /** In how many byte ranges, or on one thread and why (when more were allowed). */
  threads: ThreadsUsed;
}

/**
 * Import a China Customs online-query download into tidy code × month cells
 * (US dollars, monthly), summing over partners, regimes and locations unless
 * `keepPartners` is set. A large file is read on every core (see the module's note);
 * `threads` says how it was read.
 *
 * @throws {InputError} naming file, line, column and value for: an unknown header,
 *   a missing date column without `period`, a bad code, month or value, a negative
 *   value, a conflicting duplicate, a truncated last record, or text invalid in the
 *   file's encoding
 * @example
 * const { report, cells } = importCustomsCsv('tests/fixtures/customs-zh-gb18030.csv');
 * report.encoding; // => 'gb18030'
 * cells.codes[0]; // => '01012100'
 * @example importCustomsCsv('tests/fixtures/customs-zh-gb18030.csv', { splits: [900] }).threads; // => { ranges: 2 }
 */
export function importCustomsCsv(file: string, opts: CustomsImportOptions = {}): CustomsImportResult {
  const label = opts.label ?? path.basename(file);
  let fixedMonth = -1;
  if (opts.period !== undefined) {
    fixedMonth = /^\d{4}-?\d{2}$/.test(opts.period)
      ? parseMonth(Buffer.from(opts.period, 'latin1'), 0, opts.period.length)
      : -1;
    if (fixedMonth < 0) fail(FN, 'period must be YYYY-MM', opts.period);
  }
  const par = readParallel(file, label, opts, fixedMonth);
  if (typeof par !== 'string') return par;
  const res = withDupMode(file, opts.dupMode, (mode) => {
    const r = customsPass(file, label, opts, mode, fixedMonth);
    r.ctx.report.encoding = r.encoding;
    if (r.bom) r.ctx.report.notes.push(BOM_NOTE);
    return r.ctx.finish(opts.cumulative ?? 'auto');
  });
  return { ...res, threads: par === '' ? { ranges: 1 } : { ranges: 1, serialBecause: par } };
}
/** The parallel read, or why the file is read on one thread ('' when one thread was asked for or the file is small). */
function readParallel(
  file: string,
  label: string,
  opts: CustomsImportOptions,
  fixedMonth: number,
): CustomsImportResult | string {
  const size = rangedSize(file, opts);
  if (size < 0) return '';
  if (opts.keepPartners) return 'partners kept (keepPartners): their cells are not merged across ranges';
  if (opts.dupMode === 'hash') return 'the hash duplicate check (dupMode: hash)';
  const passOpts: PassOptions = { encoding: opts.encoding, level: opts.level };
  let head: CustomsPassResult;
  try {
    head = customsPass(file, label, passOpts, 'stream', fixedMonth, { from: 0, to: 0 });
  } catch {
    return 'the header is not read here';
  }
  // the first chunk decides the encoding, as in the single-thread scan (all ASCII: UTF-8, checked at the merge)
  const encoding = head.encoding;
  const ranges = byteRanges(file, size, opts);
  if (typeof ranges === 'string') return ranges;
  const tasks: CustomsTask[] = ranges.map((range, k) => ({
    file,
    label,
    range,
    opts: k === 0 ? passOpts : { ...passOpts, encoding },
    fixedMonth,
    header: head.header,
  }));
  const parts = readRanges(
    __filename.replace(/customs\.(ts|js)$/, 'customs-pass.$1'),
    'customsRangeTask',
    tasks,
    customsLocalRange,
    size,
  );
  if (typeof parts === 'string') return parts;
  if (parts.some((p) => p.encoding !== encoding)) return 'a range read another encoding';
  if (parts.some((p) => p.textKeys > 0)) return 'text partner, regime or location keys';
  const ctx = mergeRanges(parts, size, (c, p) => {
    c.separators += p.separators;
    for (const j of p.janFeb) addJanFebCell(c.report, j.code, j.year, j.by);
    return undefined;
  });
  if (typeof ctx === 'string') return ctx;
  ctx.report.encoding = encoding;
  if (parts[0].bom) ctx.report.notes.push(BOM_NOTE);
  let res: ImportResult;
  try {
    res = ctx.finish(opts.cumulative ?? 'auto');
  } catch (e) {
    return `the merged cells failed to finish (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
  }
  return { ...res, threads: { ranges: parts.length } };
}
