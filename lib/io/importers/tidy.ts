/**
 * Importer of the project's own tidy panel file (what `npm run data:import` and
 * the synthetic generator write): streaming, bounded memory, summing
 * partner/regime rows per code × month, on every core for a large file.
 *
 * Format: CSV, UTF-8; optional leading `#` comment lines (kept as notes); header
 * `code,level,month,value_usd` optionally followed by `partner,regime`; code = 8
 * (HS8) or 6 (HS6) digits; month = YYYY-MM; value_usd = monthly US dollars, a plain
 * number. A missing month is an absent row (never zero); an empty value is
 * missing (counted, never zero).
 *
 * The rows are read by one pass (importers/tidy-pass). A file of at least
 * {@link PARALLEL_MIN_BYTES} is read in byte ranges (importers/ranges), one per thread: this thread
 * reads the first while worker threads (importers/parallel) read the others, each
 * into its own code × month grid; the grids are merged and the books added up.
 * The result is the single-thread one byte for byte, or the parallel result is
 * not used: when the ranges do not join exactly (a quoted line break across a
 * boundary, blank lines there), a code × month turns up in two ranges (a file not
 * grouped by code and month, whose sums would be added in another order), text
 * partner keys, a file not in UTF-8 or ASCII, an unsorted file, any error, or no
 * worker threads, the file is read again on one thread, which gives the
 * single-thread result and errors (file, line, column, value) by construction.
 *
 * @module io/importers/tidy
 */
import * as path from 'node:path';
import { withDupMode, type DupMode } from './common.js';
import type { TidyCells } from './aggregate.js';
import { byteRanges, mergeRanges, rangedSize, readRanges, type RangeOptions, type ThreadsUsed } from './ranges.js';
import { tidyLocalRange, tidyPass, type TidyPart, type TidyRange } from './tidy-pass.js';
import type { ImportReport } from './report.js';

export { PARALLEL_MIN_BYTES } from './ranges.js';

/** What {@link readTidyPanel} returns. */
export interface TidyRead {
  cells: TidyCells;
  /** The leading `#` comment lines. */
  notes: string[];
  report: ImportReport;
  /** How the file was read: in how many ranges, or on one thread and why (when more were allowed). */
  threads: ThreadsUsed;
}

/** Options of {@link readTidyPanel}. */
export interface TidyOptions extends RangeOptions {
  /** Name used for the file in messages and the report (default: the base name). */
  label?: string;
  dupMode?: DupMode;
}

/**
 * Read a tidy panel file, streaming, summing partner/regime rows per code × month.
 * Empty values are missing (counted, never zero).
 *
 * @throws {InputError} naming file, line, column and value: a wrong header, a code
 *   of the wrong length for its level, mixed levels, a bad month or value, a negative
 *   value, a conflicting duplicate, a truncated last line
 * @example readTidyPanel('tests/fixtures/tidy-small.csv').cells.codes; // => ['01012100', '85423111']
 */
export function readTidyPanel(file: string, opts: TidyOptions = {}): TidyRead {
  const label = opts.label ?? path.basename(file);
  const par = readParallel(file, label, opts);
  if (typeof par !== 'string') return par;
  return withDupMode(file, opts.dupMode, (mode) => {
    const r = tidyPass(file, label, mode);
    r.ctx.report.encoding = r.encoding;
    const res = r.ctx.finish(false);
    const threads = par === '' ? { ranges: 1 } : { ranges: 1, serialBecause: par };
    return { cells: res.cells, notes: r.notes, report: res.report, threads };
  });
}

/** The parallel read, or why the file is read on one thread ('' when one thread was asked for or the file is small). */
function readParallel(file: string, label: string, opts: TidyOptions): TidyRead | string {
  if (opts.dupMode === 'hash') return '';
  const size = rangedSize(file, opts);
  if (size < 0) return '';
  let nH: number;
  try {
    nH = tidyPass(file, label, 'stream', { from: 0, to: 0, nH: 0 }).nH;
  } catch {
    return 'the header is not read here';
  }
  const ranges = byteRanges(file, size, opts);
  if (typeof ranges === 'string') return ranges;
  const tasks: { file: string; label: string; range: TidyRange }[] = ranges.map((r) => ({
    file,
    label,
    range: { ...r, nH },
  }));
  const parts = readRanges(
    __filename.replace(/tidy\.(ts|js)$/, 'tidy-pass.$1'),
    'tidyRangeTask',
    tasks,
    tidyLocalRange,
    size,
  );
  if (typeof parts === 'string') return parts;
  return mergeParts(parts, size);
}

/** Join the ranges' results, or say why they cannot stand for the single-thread read. */
function mergeParts(parts: TidyPart[], size: number): TidyRead | string {
  if (parts.some((p) => p.encoding !== 'utf-8')) return 'not UTF-8 or ASCII';
  if (parts.some((p) => p.textKeys > 0)) return 'text partner or regime keys';
  const ctx = mergeRanges(parts, size);
  if (typeof ctx === 'string') return ctx;
  ctx.report.encoding = 'utf-8';
  const res = ctx.finish(false);
  return { cells: res.cells, notes: parts[0].notes, report: res.report, threads: { ranges: parts.length } };
}
