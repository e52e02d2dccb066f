/**
 * One pass of the tidy panel importer (lib/io/importers/tidy) over a whole file or
 * over one byte range of it — the row logic shared by the single-thread import and
 * the threads of the parallel one, and the task a worker thread runs.
 *
 * Which records a range owns (whole code × month runs) is decided by the range
 * gate of importers/ranges, shared with the customs importer.
 *
 * @module io/importers/tidy-pass
 */
import { failAt } from '../../core/errors.js';
import { MONTH_LAST_YEAR, MONTH_ORIGIN_YEAR } from '../../core/months.js';
import { scanCsv, StopScan } from './csv-scan.js';
import {
  AMOUNT_INVALID,
  AMOUNT_MISSING,
  AMOUNT_NEGATIVE,
  parseAmount,
  parseDigits,
  parseMonth,
  parseState,
  plainAmount,
} from './fields.js';
import { SubInterner } from './dup-guard.js';
import type { PackedGrid } from './cell-grid.js';
import { ImportContext } from './common.js';
import type { TaskResult } from './parallel.js';
import { RangeGate, gridBuffers, rangePart, type RangePart } from './ranges.js';

// Local bindings for the per-row path: bundlers (tsx/esbuild) compile imported
// names to getter calls, which cost more than the parsing itself.
const pDigits = parseDigits;
const pMonth = parseMonth;
const pAmount = parseAmount;
const qAmount = plainAmount;
const pState = parseState;
const MISSING = AMOUNT_MISSING;
const NEGATIVE = AMOUNT_NEGATIVE;
const INVALID = AMOUNT_INVALID;

/** The function named in the tidy importer's messages. */
export const FN = 'readTidyPanel';
/**
 * The tidy panel header (the last two columns optional).
 * @example TIDY_HEADER.slice(0, 4).join(','); // => 'code,level,month,value_usd'
 */
export const TIDY_HEADER: readonly string[] = ['code', 'level', 'month', 'value_usd', 'partner', 'regime'];
const COMMA = 44;
const DASH = 45;
const ORIGIN_YEAR = MONTH_ORIGIN_YEAR;
const LAST_YEAR = MONTH_LAST_YEAR;

/** The level field `HS8` / `HS6` in buf[s, e): 8, 6, or 0 for anything else. */
function levelDigits(buf: Uint8Array, s: number, e: number): number {
  if (e - s !== 3 || buf[s] !== 72 || buf[s + 1] !== 83) return 0;
  const c = buf[s + 2];
  return c === 56 ? 8 : c === 54 ? 6 : 0;
}

/** Where a pass reads: the whole file (the defaults) or one range of the parallel import. */
export interface TidyRange {
  /** A record start to read from (0: the file's start, with its comments and header). */
  from: number;
  /** The nominal start of the next range (Infinity: read to the end). */
  to: number;
  /** The header's width when `from` > 0 (the header is not read then). */
  nH: number;
}

/** What one pass found: the context (report, cells), the notes, and where a range began and ended. */
export interface TidyPassResult {
  ctx: ImportContext;
  notes: string[];
  encoding: 'utf-8' | 'gb18030';
  nH: number;
  /** Where the range began and ended (see importers/ranges). */
  gate: RangeGate;
  /** Bytes read from the range's start. */
  bytes: number;
  /** Partner or regime keys that were text (numbered in order of appearance, so per range). */
  textKeys: number;
  /**
   * Lines the fast path read (plain lines after the first data line, which fixes the level); the others went through
   * the record path, which gives the same result, only slower.
   */
  fastLines: number;
}

/**
 * One pass over a tidy file (all of it, or a range: see the module's note).
 * @throws {InputError} as readTidyPanel does
 * @throws {RestartUnsorted} when a streamed duplicate check finds the file unsorted
 * @example tidyPass('tests/fixtures/tidy-small.csv', 'a.csv', 'stream').ctx.report.rowsRead; // => 4
 * @example tidyPass('tests/fixtures/tidy-small.csv', 'a.csv', 'stream').fastLines; // => 3 (the first data line fixes the level)
 */
export function tidyPass(
  file: string,
  label: string,
  mode: 'hash' | 'stream',
  range: TidyRange = { from: 0, to: Infinity, nH: 0 },
): TidyPassResult {
  const ctx = new ImportContext(FN, label, 'tidy', mode, undefined, false);
  const report = ctx.report;
  const interner = new SubInterner();
  let header: string[] | undefined;
  let nH = 0;
  let cPartner = -1;
  let level = 0; // 8 or 6
  const gate = new RangeGate(range, 2);
  const res: TidyPassResult = { ctx, notes: [], encoding: 'utf-8', nH: 0, gate, bytes: 0, textKeys: 0, fastLines: 0 };
  let fastLines = 0;
  if (range.from > 0) {
    nH = range.nH;
    header = TIDY_HEADER.slice(0, nH);
    cPartner = nH > 4 ? 4 : -1;
    ctx.keyWords = nH > 4 ? ', partner, regime' : '';
  }
  // the value field of the last plain line, for a conflicting duplicate's message
  const fastVal = {
    buf: new Uint8Array(0) as Uint8Array,
    s: 0,
    e: 0,
    text(): string {
      return Buffer.from(this.buf.subarray(this.s, this.e)).toString('latin1');
    },
  };
  // Fast path for plain lines `digits,HSn,YYYY-MM,number[,digits,digits]` (the fields one
  // after the other, each up to its comma); returning false hands the line to onRecord.
  // The code, month and key fields are read here as plainDigits and plainMonth (importers/fields)
  // read them: V8 does not inline those calls into this function, and inline they save about
  // 5 % of the import's time. tests/unit/io/importers/tidy.test.ts checks this path against the
  // record path, which uses the field parsers, on lines with bytes next to every rule's edge.
  const onLine = (buf: Uint8Array, s: number, e: number, line: number, off: number): boolean => {
    if (level === 0) return false;
    // the code: `level` digits up to a comma
    let i = s;
    let code = 0;
    let c = 0;
    while (i < e && (c = buf[i]) !== COMMA) {
      const d = c - 48;
      if (d < 0 || d > 9) return false;
      code = code * 10 + d;
      i++;
    }
    if (i - s !== level) return false;
    const ls = i + 1;
    if (ls + 3 >= e || buf[ls + 3] !== COMMA || levelDigits(buf, ls, ls + 3) !== level) return false;
    // the month: YYYY-MM up to a comma
    const ms = ls + 4;
    const me = ms + 7;
    if (me >= e || buf[me] !== COMMA || buf[ms + 4] !== DASH) return false;
    const y0 = buf[ms] - 48;
    const y1 = buf[ms + 1] - 48;
    const y2 = buf[ms + 2] - 48;
    const y3 = buf[ms + 3] - 48;
    const m0 = buf[ms + 5] - 48;
    const m1 = buf[ms + 6] - 48;
    // a byte below '0' makes its digit negative, so the OR too; one above '9' makes it 10 or more. The first digit
    // of the year or the month need neither check: out of 0–9 it gives a year or a month out of range below
    if ((y1 | y2 | y3 | m1) < 0 || y1 > 9 || y2 > 9 || y3 > 9 || m1 > 9) return false;
    const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    const mo = m0 * 10 + m1;
    if (mo < 1 || mo > 12 || y < ORIGIN_YEAR || y > LAST_YEAR) return false;
    const month = (y - ORIGIN_YEAR) * 12 + (mo - 1);
    const vs = me + 1;
    const v = qAmount(buf, vs, e);
    if (v < 0) return false;
    const ve = pState.end;
    let s0 = -1;
    let s1 = -1;
    if (nH === 6) {
      if (ve >= e) return false;
      i = ve + 1;
      let a = 0;
      let j = i;
      while (j < e && (c = buf[j]) !== COMMA) {
        const d = c - 48;
        if (d < 0 || d > 9) return false;
        a = a * 10 + d;
        j++;
      }
      if (j === i || j - i > 15 || j >= e) return false;
      s0 = a;
      i = j + 1;
      a = 0;
      j = i;
      while (j < e && (c = buf[j]) !== COMMA) {
        const d = c - 48;
        if (d < 0 || d > 9) return false;
        a = a * 10 + d;
        j++;
      }
      if (j === i || j - i > 15 || j !== e) return false;
      s1 = a;
    } else if (ve !== e) return false;
    fastLines++;
    if (off >= gate.limit && gate.at(code, month, s0, s1, -1, off, line)) return true;
    fastVal.buf = buf;
    fastVal.s = vs;
    fastVal.e = ve;
    report.rowsRead++;
    ctx.row(code, month, s0, s1, -1, 0, v, line, 'value_usd', fastVal);
    return true;
  };
  const scan = scanCsv(file, {
    file: label,
    fn: FN,
    comments: range.from === 0,
    from: range.from,
    onLine,
    onRecord(rec) {
      if (!header) {
        header = rec.texts().map((h) => h.trim());
        const ok =
          header.length >= 4 &&
          header.length <= 6 &&
          header.every((h, k) => h === TIDY_HEADER[k]) &&
          header.length !== 5;
        if (!ok)
          failAt(
            FN,
            { file: label, line: rec.line },
            `the tidy panel header must be ${TIDY_HEADER.slice(0, 4).join(',')} optionally followed by partner,regime`,
            header.join(','),
          );
        nH = header.length;
        cPartner = nH > 4 ? 4 : -1;
        ctx.keyWords = nH > 4 ? ', partner, regime' : '';
        if (gate.limit === 0) throw new StopScan(); // reading the header only
        return;
      }
      const line = rec.line;
      report.rowsRead++;
      if (rec.n !== nH) {
        if (rec.atEofNoNewline)
          failAt(
            FN,
            { file: label, line },
            `the last line has ${rec.n} fields, the header ${nH}: the file ends mid-record (truncated?)`,
            rec.raw(),
          );
        failAt(FN, { file: label, line }, `expected ${nH} fields as in the header, found ${rec.n}`, rec.raw());
      }
      const buf = rec.buf;
      const st = rec.starts;
      const en = rec.ends;
      const lv = levelDigits(buf, st[1], en[1]);
      if (lv === 0) failAt(FN, { file: label, line, column: 'level' }, 'level must be HS8 or HS6', rec.text(1));
      if (level === 0) {
        level = lv;
        ctx.code(lv === 8 ? 10000000 : 100000, lv, line, 'code', ''); // fixes the level (and creates the aggregator)
      } else if (lv !== level)
        failAt(
          FN,
          { file: label, line, column: 'level' },
          `mixed code levels: earlier rows are HS${level}`,
          rec.text(1),
        );
      const repairs = ctx.zeroRepairs;
      let code = pDigits(buf, st[0], en[0]);
      if (code < 0) failAt(FN, { file: label, line, column: 'code' }, 'code must be digits', rec.text(0));
      if (pState.digits !== level) code = ctx.code(code, pState.digits, line, 'code', rec.text(0));
      const month = pMonth(buf, st[2], en[2]);
      if (month < 0) failAt(FN, { file: label, line, column: 'month' }, 'month must be YYYY-MM', rec.text(2));
      let value = pAmount(buf, st[3], en[3]);
      if (value < 0) {
        if (value === MISSING) value = NaN;
        else if (value === NEGATIVE)
          failAt(FN, { file: label, line, column: 'value_usd' }, 'negative import value', rec.text(3));
        else if (value === INVALID)
          failAt(FN, { file: label, line, column: 'value_usd' }, 'value_usd is not a number', rec.text(3));
      }
      let s0 = -1;
      let s1 = -1;
      if (cPartner >= 0) {
        s0 = pDigits(buf, st[4], en[4]);
        if (s0 < 0 && en[4] > st[4]) s0 = interner.id(rec.text(4).trim());
        s1 = pDigits(buf, st[5], en[5]);
        if (s1 < 0 && en[5] > st[5]) s1 = interner.id(rec.text(5).trim());
      }
      if (rec.offset >= gate.limit) {
        // a record the range may not own (the gate skips it or stops before it): not counted here until it is
        const counted = ctx.zeroRepairs;
        ctx.zeroRepairs = repairs;
        report.rowsRead--;
        if (gate.at(code, month, s0, s1, -1, rec.offset, line)) return;
        report.rowsRead++;
        ctx.zeroRepairs = counted;
      }
      ctx.row(code, month, s0, s1, -1, 0, value, line, 'value_usd', rec, 3);
    },
  });
  if (!header) failAt(FN, { file: label }, 'file is empty (no header row)');
  res.bytes = scan.bytes;
  res.nH = nH;
  res.textKeys = interner.size;
  res.fastLines = fastLines;
  res.notes = scan.comments;
  res.encoding = scan.encoding;
  return res;
}

/** What a worker sends back for its range: the counts, the packed cells, and the boundary facts. */
export interface TidyPart extends RangePart, Pick<TidyPassResult, 'encoding' | 'notes' | 'nH'> {}

/**
 * A range pass in the shape a worker sends back (grid packed, buffers listed to move).
 * tests/fixtures/tidy-small.csv from its first data line (byte 147, line 4 of the file): its first
 * code × month (01012100, 2015-01, two rows) belongs to the range before, so two rows are this range's.
 * @throws {InputError} as readTidyPanel does (the caller then reads the file on one thread)
 * @example
 * const p = tidyRangeTask({ file: 'tests/fixtures/tidy-small.csv', label: 'a.csv', range: { from: 147, to: Infinity, nH: 6 } }).value;
 * [p.rowsRead, p.firstRecLine, p.firstKey]; // => [2, 1, [1012100, 1382, 116, 10]]
 */
export function tidyRangeTask(task: { file: string; label: string; range: TidyRange }): TaskResult<TidyPart> {
  const r = tidyPass(task.file, task.label, 'stream', task.range);
  const grid = r.ctx.agg?.grid?.pack();
  return {
    value: partOf(r, grid),
    transfer: gridBuffers(grid),
  };
}

/**
 * The first range on the calling thread: its part keeps the context (nothing packed).
 * tests/fixtures/tidy-small.csv up to byte 179: its first three rows (the run of 01012100, 2015-01 crosses byte 179).
 * @throws {InputError} as readTidyPanel does
 * @example
 * const p = tidyLocalRange({ file: 'tests/fixtures/tidy-small.csv', label: 'a.csv', range: { from: 0, to: 179, nH: 0 } });
 * [p.rowsRead, p.nextS, p.endPos, p.local !== undefined]; // => [2, 179, 210, true]
 */
export function tidyLocalRange(task: { file: string; label: string; range: TidyRange }): TidyPart {
  const r = tidyPass(task.file, task.label, 'stream', task.range);
  return { ...partOf(r, undefined), local: r.ctx };
}

function partOf(r: TidyPassResult, grid: PackedGrid | undefined): TidyPart {
  return {
    ...rangePart(r.ctx, r.gate, r.bytes, r.textKeys, grid),
    encoding: r.encoding,
    notes: r.notes,
    nH: r.nH,
  };
}
