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
 * {@link PARALLEL_MIN_BYTES} is read in byte ranges, one per thread: this thread
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
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withDupMode, type DupMode } from './common.js';
import { DupGuard } from './dup-guard.js';
import type { TidyCells } from './aggregate.js';
import { availableThreads, runRanges, splitOffsets } from './parallel.js';
import { FN, tidyLocalRange, tidyPass, type TidyPart, type TidyRange } from './tidy-pass.js';
import type { ImportReport } from './report.js';

/** What {@link readTidyPanel} returns. */
export interface TidyRead {
  cells: TidyCells;
  /** The leading `#` comment lines. */
  notes: string[];
  report: ImportReport;
  /** How the file was read: in how many ranges, or on one thread and why (when more were allowed). */
  threads: { ranges: number; serialBecause?: string };
}

/** Options of {@link readTidyPanel}. */
export interface TidyOptions {
  /** Name used for the file in messages and the report (default: the base name). */
  label?: string;
  dupMode?: DupMode;
  /** Threads to use (default: every core); 1 reads on this thread. */
  threads?: number;
  /** Smallest file read in parallel, bytes (default {@link PARALLEL_MIN_BYTES}). */
  minParallelBytes?: number;
  /** Nominal range starts after 0 (tests: put the boundaries anywhere); sets the number of ranges. */
  splits?: number[];
}

/**
 * Files smaller than this are read on one thread: below it a worker's start-up
 * (about 0.2 s of CPU: the thread, tsx, the importer compiled again) costs more than the second core saves.
 */
export const PARALLEL_MIN_BYTES: number = 64 * 2 ** 20;
/** Bytes this thread reads ahead while the workers start (their start-up at ~300 MB/s). */
const HEAD_START = 24 * 2 ** 20;

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
  const threads = opts.splits ? opts.splits.length + 1 : (opts.threads ?? availableThreads());
  if (threads < 2 || opts.dupMode === 'hash' || !fs.existsSync(file)) return '';
  const size = fs.statSync(file).size;
  if (!opts.splits && size < (opts.minParallelBytes ?? PARALLEL_MIN_BYTES)) return '';
  let nH: number;
  try {
    nH = tidyPass(file, label, 'stream', { from: 0, to: 0, nH: 0 }).nH;
  } catch {
    return 'the header is not read here';
  }
  const nominal = opts.splits ? [0, ...opts.splits] : splitOffsets(size, threads, Math.min(HEAD_START, size / 4));
  const tasks: { file: string; label: string; range: TidyRange }[] = nominal.map((from, k) => ({
    file,
    label,
    range: { from: k === 0 ? 0 : lineStartAtOrAfter(file, from, size), to: nominal[k + 1] ?? Infinity, nH },
  }));
  if (tasks.some((t, k) => k > 0 && t.range.from >= size)) return 'a range starts at the end of the file';
  let parts: TidyPart[] | undefined;
  try {
    parts = runRanges(
      __filename.replace(/tidy\.(ts|js)$/, 'tidy-pass.$1'),
      'tidyRangeTask',
      tasks,
      tidyLocalRange,
      60_000 + size / 1e5,
    );
  } catch (e) {
    return `a range failed (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
  }
  if (!parts) return 'a worker could not read its range (no worker threads, or an error there)';
  return mergeParts(parts, label, size);
}

/** Offset of the first line start at or after `from` (after the first LF at or after from − 1), or the size. */
function lineStartAtOrAfter(file: string, from: number, size: number): number {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    for (let pos = from - 1; pos < size; pos += buf.length) {
      const n = fs.readSync(fd, buf, 0, buf.length, pos);
      const j = buf.subarray(0, n).indexOf(10);
      if (j >= 0) return pos + j + 1;
      if (n === 0) break;
    }
    return size;
  } finally {
    fs.closeSync(fd);
  }
}

/** Join the ranges' results, or say why they cannot stand for the single-thread read. */
function mergeParts(parts: TidyPart[], label: string, size: number): TidyRead | string {
  const p0 = parts[0];
  if (parts.some((p) => p.encoding !== 'utf-8')) return 'not UTF-8 or ASCII';
  if (parts.some((p) => p.textKeys > 0)) return 'text partner or regime keys';
  const level = parts.find((p) => p.rowsRead > 0)?.level ?? p0.level;
  // the other ranges are merged into the first range's context (its counts and cells are in place)
  const ctx = p0.local;
  if (!ctx?.agg?.grid || ctx.level !== level) return 'the first range read no rows';
  const rep = ctx.report;
  let flags = 0b111111;
  let lineOffset = 0;
  let prev: TidyPart | undefined;
  for (const p of parts) {
    if (prev) {
      if (prev.endPos >= size && prev.nextS < 0) {
        // the range before read to the end: this one must have found nothing of its own
        if (p.rowsRead > 0) return 'the ranges do not join';
        continue;
      }
      if (p.firstRec !== prev.nextS || p.firstUsed !== prev.endPos) return 'the ranges do not join';
      lineOffset += prev.nextSLine - p.firstRecLine;
      // the two records around the boundary, as the duplicate check would have seen them
      const g = new DupGuard('stream');
      const [c0, m0, a0, b0] = prev.lastKey;
      const [c1, m1, a1, b1] = p.firstKey;
      try {
        g.check(c0, m0, a0, b0, -1, 0, 1);
        g.check(c1, m1, a1, b1, -1, 0, 2);
      } catch {
        return 'the file is not sorted';
      }
      flags &= g.orderFlags;
    }
    if (p.rowsRead > 0 && p.level !== level) return 'mixed code levels';
    flags &= p.flags;
    if (flags === 0) return 'the file is not sorted';
    prev = p;
    if (p === p0) continue;
    rep.rowsRead += p.rowsRead;
    rep.rowsUsed += p.rowsUsed;
    rep.duplicatesDropped += p.duplicatesDropped;
    for (const [k, v] of Object.entries(p.rejected)) rep.rejected[k] = (rep.rejected[k] ?? 0) + v;
    ctx.zeroRepairs += p.zeroRepairs;
    if (p.grid && !ctx.agg.grid.merge(p.grid, lineOffset))
      return 'a code × month in two ranges (the file is not grouped by code and month)';
  }
  rep.encoding = 'utf-8';
  const res = ctx.finish(false);
  return { cells: res.cells, notes: p0.notes, report: res.report, threads: { ranges: parts.length } };
}
