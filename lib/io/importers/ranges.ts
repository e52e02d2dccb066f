/**
 * The byte ranges of the parallel import, shared by the importers that read a large file on several threads (the
 * tidy panel, importers/tidy; China Customs downloads, importers/customs): which files are read in ranges and where
 * the ranges start, the gate by which a range owns whole code × month runs, and the merge of the ranges' results
 * into the single-thread result — or the reason they cannot stand for it (the importer then reads the file again on
 * one thread, which gives the single-thread result and errors by construction).
 *
 * A range starts at a record start `from` (its lines numbered from 1 there) and owns the records from its first
 * change of code × month (the earlier rows of that code × month belong to the range before) up to the first change
 * of code × month at or after `to`, the next range's nominal start; so no code × month is split between ranges,
 * each cell's sum is added in file order, and the duplicate check of neighbouring records sees every neighbour but
 * the two around each boundary (checked at the merge). A record without a code × month (a customs total row) does
 * not change a run: it belongs to the range that owns the run it is in.
 *
 * @module io/importers/ranges
 */
import * as fs from 'node:fs';
import { MONTH_STRIDE as CELL_MONTH_STRIDE } from './cell-table.js';
import type { PackedGrid } from './cell-grid.js';
import type { ImportContext } from './common.js';
import { StopScan } from './csv-scan.js';
import { DupGuard } from './dup-guard.js';
import { availableThreads, runRanges, splitOffsets } from './parallel.js';

const MONTH_STRIDE = CELL_MONTH_STRIDE;

/**
 * Files smaller than this are read on one thread: below it a worker's start-up
 * (about 0.2 s of CPU: the thread, tsx, the importer compiled again) costs more than the second core saves.
 */
export const PARALLEL_MIN_BYTES: number = 64 * 2 ** 20;
/**
 * Bytes this thread reads beyond an equal share, for the workers' start-up. None: measured on the 20 M-row bench
 * file (623 MB, 2 cores, idle), a worker starts in ~50 ms and then reads faster per byte than this thread, so with
 * 24 MiB ahead this thread finished 0.07–0.19 s after the worker, and equal shares end together (import 1.26–1.30 s
 * against 1.29–1.44 s).
 */
const HEAD_START = 0;

/** The importers' options of the parallel read. */
export interface RangeOptions {
  /** Threads to use (default: every core); 1 reads on this thread. */
  threads?: number;
  /** Smallest file read in parallel, bytes (default {@link PARALLEL_MIN_BYTES}). */
  minParallelBytes?: number;
  /** Nominal range starts after 0 (tests: put the boundaries anywhere); sets the number of ranges. */
  splits?: number[];
}

/** One range: a record start to read from (0: the file's start) and the next range's nominal start (Infinity: the end). */
export interface ByteRange {
  from: number;
  to: number;
}

/** How a file was read: in how many ranges, or on one thread and why (when more were allowed). */
export interface ThreadsUsed {
  ranges: number;
  serialBecause?: string;
}

function threadsWanted(opts: RangeOptions): number {
  return opts.splits ? opts.splits.length + 1 : (opts.threads ?? availableThreads());
}

/**
 * The size of a file to read in byte ranges, or -1 when it is read on one thread as asked: one thread allowed, a
 * file smaller than `minParallelBytes` (unless `splits` are given), or no such file.
 * @example rangedSize('tests/fixtures/tidy-small.csv', { threads: 2 }); // => -1 (smaller than PARALLEL_MIN_BYTES)
 * @example rangedSize('tests/fixtures/tidy-small.csv', { splits: [200] }) === fs.statSync('tests/fixtures/tidy-small.csv').size; // => true
 */
export function rangedSize(file: string, opts: RangeOptions): number {
  if (threadsWanted(opts) < 2 || !fs.existsSync(file)) return -1;
  const size = fs.statSync(file).size;
  if (!opts.splits && size < (opts.minParallelBytes ?? PARALLEL_MIN_BYTES)) return -1;
  return size;
}

/**
 * The byte ranges of a file of `size` bytes: the nominal starts (`splits`, or equal shares after the first range's
 * head start) each moved to the line start at or after it; or why the file cannot be cut there.
 * tests/fixtures/tidy-small.csv (276 bytes): its lines start at bytes 0, 55, 105, 147, 179 …
 * @example byteRanges('tests/fixtures/tidy-small.csv', 276, { splits: [150] }); // => [{ from: 0, to: 150 }, { from: 179, to: Infinity }]
 * @example byteRanges('tests/fixtures/tidy-small.csv', 276, { splits: [276] }); // => 'a range starts at the end of the file'
 */
export function byteRanges(file: string, size: number, opts: RangeOptions): ByteRange[] | string {
  const nominal = opts.splits
    ? [0, ...opts.splits]
    : splitOffsets(size, threadsWanted(opts), Math.min(HEAD_START, size / 4));
  const ranges = nominal.map((from, k) => ({
    from: k === 0 ? 0 : lineStartAtOrAfter(file, from, size),
    to: nominal[k + 1] ?? Infinity,
  }));
  if (ranges.some((r, k) => k > 0 && r.from >= size)) return 'a range starts at the end of the file';
  return ranges;
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

/**
 * Read the ranges: `tasks[0]` on this thread with `local`, the others on worker threads (`fn` of the module at
 * `modulePath`, see importers/parallel); the parts in task order, or why not (a range failed: the importer reads the
 * file on one thread, which throws the single-thread error).
 * @example readRanges(path.join(os.tmpdir(), 'none.ts'), 'f', [1], (t) => t * 2, 100); // => [2]
 * @example readRanges(path.join(os.tmpdir(), 'none.ts'), 'f', [1], () => { throw new Error('bad row\nmore'); }, 100); // => 'a range failed (bad row)'
 */
export function readRanges<T, P>(
  modulePath: string,
  fn: string,
  tasks: T[],
  local: (task: T) => P,
  size: number,
): P[] | string {
  let parts: P[] | undefined;
  try {
    parts = runRanges(modulePath, fn, tasks, local, 60_000 + size / 1e5);
  } catch (e) {
    return `a range failed (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
  }
  return parts ?? 'a worker could not read its range (no worker threads, or an error there)';
}

/**
 * Which records of a file one range owns (see the module's note), called by a pass for each record at or past
 * {@link RangeGate.limit} (a single comparison per row on the hot path); it keeps where the range began and ended.
 * @example
 * const g = new RangeGate({ from: 50, to: 100 }, 2); // lines numbered from 1 at byte 50
 * [g.at(1012100, 1380, 1, 10, -1, 50, 1), g.at(1012100, 1381, 1, 10, -1, 60, 2), g.limit]; // => [true, false, 100]
 * [g.firstRecLine, g.firstUsed, g.firstKey]; // => [1, 60, [1012100, 1381, 1, 10]]
 */
export class RangeGate {
  /** Records at or past this offset go through {@link at} or {@link atTotal} (0: every record; Infinity: none). */
  limit: number;
  /** Offset and line of the first record seen (-1 when none). */
  firstRec = -1;
  firstRecLine = -1;
  /** Offset of the first record owned (a range after the first: its first change of code × month; -1 when none). */
  firstUsed: number;
  /** Its key: code, month and the sub-keys (partner, regime, and location when the pass has three). */
  firstKey: number[] = [];
  /** Offset and line of the first record at or after `to` (-1 when none). */
  nextS = -1;
  nextSLine = -1;
  /** Offset where the range stopped (the next range's first record owned), or -1 when it read to its end. */
  endPos = -1;
  /** 0 skips the range's first code × month run; 1 reads; 2 reads the run that crosses `to`, up to its change. */
  private phase: number;
  private runCm = -1;

  /** A gate for `range`, whose keys have `subKeys` sub-keys (2: partner, regime; 3: and location). */
  constructor(
    readonly range: ByteRange,
    private readonly subKeys: number,
  ) {
    this.phase = range.from > 0 ? 0 : 1;
    this.limit = this.phase === 0 ? 0 : range.to;
    this.firstUsed = range.from === 0 ? 0 : -1;
  }

  /**
   * A record of code × month at offset `off`: true when the range does not own it (skip it).
   * @throws {StopScan} at the end of the range (the record is the next range's)
   */
  at(code: number, month: number, s0: number, s1: number, s2: number, off: number, line: number): boolean {
    const cm = code * MONTH_STRIDE + month;
    if (this.phase === 0) {
      if (this.firstRec < 0) {
        this.firstRec = off;
        this.firstRecLine = line;
      }
      if (this.runCm < 0) this.runCm = cm;
      if (cm === this.runCm) return true;
      if (off >= this.range.to) throw new StopScan(); // a run longer than the range: nothing of its own
      this.phase = 1;
      this.limit = this.range.to;
      this.firstUsed = off;
      this.firstKey = this.subKeys > 2 ? [code, month, s0, s1, s2] : [code, month, s0, s1];
      return false; // off < range.to = limit (the line above): the record is this range's
    }
    if (this.phase === 1) {
      this.startLastRun(off, line);
      this.runCm = cm;
      return false;
    }
    if (this.runCm < 0) this.runCm = cm; // the run after total rows at `to`
    if (cm === this.runCm) return false;
    this.endPos = off;
    throw new StopScan();
  }

  /**
   * A record without a code × month (a total row) at offset `off`: true when the range does not own it. It does not
   * change a run, so it belongs to the range owning the run it is in.
   * @example
   * const g = new RangeGate({ from: 50, to: 100 }, 3);
   * [g.atTotal(50, 1), g.at(1012100, 1380, 1, 10, 11, 60, 2), g.at(1012100, 1381, 1, 10, 11, 70, 3), g.firstRecLine]; // => [true, true, false, 1]
   */
  atTotal(off: number, line: number): boolean {
    if (this.phase === 0) {
      if (this.firstRec < 0) {
        this.firstRec = off;
        this.firstRecLine = line;
      }
      return true;
    }
    if (this.phase === 1) this.startLastRun(off, line);
    return false;
  }

  private startLastRun(off: number, line: number): void {
    this.phase = 2;
    this.limit = 0;
    this.nextS = off;
    this.nextSLine = line;
    this.runCm = -1;
  }
}

/** What a range's pass hands to the merge: its books, its packed cells, and where it began and ended. */
export interface RangePart {
  rowsRead: number;
  rowsUsed: number;
  rejected: Record<string, number>;
  duplicatesDropped: number;
  zeroRepairs: number;
  level: 'HS8' | 'HS6' | undefined;
  grid: PackedGrid | undefined;
  /** The duplicate check's orders kept inside the range, and its last key (code, month, sub-keys). */
  flags: number;
  lastKey: number[];
  /** See {@link RangeGate}. */
  firstRec: number;
  firstRecLine: number;
  firstUsed: number;
  firstKey: number[];
  nextS: number;
  nextSLine: number;
  /** Offset where the range stopped: the next range's first record owned, or the end of what it read. */
  endPos: number;
  /** Partner, regime or location keys that were text (numbered in order of appearance, so per range). */
  textKeys: number;
  /** The first range, read on the calling thread: its context (cells unpacked, counts kept), to merge the others into. */
  local?: ImportContext;
}

/**
 * The common part of a range's {@link RangePart}: the books and the duplicate check of `ctx`, the bounds of `gate`
 * (`bytesRead` from its `from`: where it stopped when it read to its end).
 * @example
 * const p = rangePart(new importers.ImportContext('f', 'a.csv', 'customs', 'stream', 'HS8', false), new RangeGate({ from: 0, to: Infinity }, 3), 120, 0, undefined);
 * [p.rowsRead, p.endPos, p.firstUsed, p.level]; // => [0, 120, 0, 'HS8']
 */
export function rangePart(
  ctx: ImportContext,
  gate: RangeGate,
  bytesRead: number,
  textKeys: number,
  grid: PackedGrid | undefined,
): RangePart {
  const rep = ctx.report;
  return {
    rowsRead: rep.rowsRead,
    rowsUsed: rep.rowsUsed,
    rejected: rep.rejected,
    duplicatesDropped: rep.duplicatesDropped,
    zeroRepairs: ctx.zeroRepairs,
    level: ctx.level,
    grid,
    flags: ctx.guard.orderFlags,
    lastKey: ctx.guard.lastKey(),
    firstRec: gate.firstRec,
    firstRecLine: gate.firstRecLine,
    firstUsed: gate.firstUsed,
    firstKey: gate.firstKey,
    nextS: gate.nextS,
    nextSLine: gate.nextSLine,
    endPos: gate.endPos < 0 ? gate.range.from + bytesRead : gate.endPos,
    textKeys,
  };
}

/**
 * The buffers of a packed grid, to move (not copy) to the calling thread.
 * @example
 * const one = { codes: Int32Array.of(1012100), base: 1380, span: 1, vals: Float64Array.of(5), miss: new Uint8Array(1), line: Int32Array.of(2) };
 * gridBuffers(one).length; // => 4
 */
export function gridBuffers(grid: PackedGrid | undefined): ArrayBuffer[] {
  return grid ? [grid.vals, grid.miss, grid.line, grid.codes].map((a) => a.buffer as ArrayBuffer) : [];
}

/**
 * Merge the ranges' parts into the first range's context (its counts and cells in place): the ranges must join
 * (each starts where the one before stopped), the two records around each boundary must keep an order of the
 * duplicate check, every code level must agree, and no code × month may be in two ranges; the cells' lines are
 * shifted to file lines. `each` adds what only one importer keeps (called for every part after the first, with the
 * line offset of its lines; a string it returns stops the merge). Returns the context, ready to finish, or why the
 * parts cannot stand for the single-thread read.
 * @example mergeRanges([{ rowsRead: 0, level: undefined } as RangePart], 10); // => 'the first range read no rows'
 */
export function mergeRanges<P extends RangePart>(
  parts: P[],
  size: number,
  each?: (ctx: ImportContext, p: P, lineOffset: number) => string | undefined,
): ImportContext | string {
  const p0 = parts[0];
  const level = parts.find((p) => p.rowsRead > 0)?.level ?? p0.level;
  // the other ranges are merged into the first range's context (its counts and cells are in place)
  const ctx = p0.local;
  if (!ctx?.agg?.grid || ctx.level !== level) return 'the first range read no rows';
  const rep = ctx.report;
  let flags = 0b111111;
  let lineOffset = 0;
  let prev: P | undefined;
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
      const [c0, m0, a0, b0, d0 = -1] = prev.lastKey;
      const [c1, m1, a1, b1, d1 = -1] = p.firstKey;
      try {
        g.check(c0, m0, a0, b0, d0, 0, 1);
        g.check(c1, m1, a1, b1, d1, 0, 2);
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
    const why = each?.(ctx, p, lineOffset);
    if (why !== undefined) return why;
  }
  return ctx;
}
