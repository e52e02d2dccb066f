/**
 * One pass of the China Customs importer (lib/io/importers/customs) over a whole download or over one byte range
 * of it — the header matching and row logic shared by the single-thread import and the threads of the parallel
 * one, and the task a worker thread runs. Which records a range owns (whole code × month runs; total rows belong to
 * the run they are in) is decided by the range gate of importers/ranges.
 *
 * @module io/importers/customs-pass
 */
import { failAt } from '../../core/errors.js';
import { MONTH_LAST_YEAR, MONTH_ORIGIN_YEAR } from '../../core/months.js';
import { scanCsv, StopScan, type CsvRecord, type Encoding, type EncodingOption } from './csv-scan.js';
import {
  AMOUNT_INVALID,
  AMOUNT_MISSING,
  AMOUNT_NEGATIVE,
  parseAmount,
  parseState,
  parseDigits,
  parseMonth,
} from './fields.js';
import { SubInterner } from './dup-guard.js';
import { parseCustomsHeader, type CustomsHeader } from './customs-header.js';
import { ImportContext, TOTAL_REASON, isTotalMarker } from './common.js';
import { addJanFebCell, parseJanFebLabel } from './jan-feb.js';
import type { PackedGrid } from './cell-grid.js';
import type { TaskResult } from './parallel.js';
import { RangeGate, gridBuffers, rangePart, type ByteRange, type RangePart } from './ranges.js';
import type { JanFebCellFound } from './report.js';

// Local bindings for the per-row path: bundlers (tsx/esbuild) compile imported
// names to getter calls, which cost more than the parsing itself.
const pDigits = parseDigits;
const pMonth = parseMonth;
const pAmount = parseAmount;
const pState = parseState;
const MISSING = AMOUNT_MISSING;
const NEGATIVE = AMOUNT_NEGATIVE;
const INVALID = AMOUNT_INVALID;

/** The function named in the customs importer's messages. */
export const FN = 'importCustomsCsv';

/** The note of a download that starts with a UTF-8 byte-order mark. */
export const BOM_NOTE = 'UTF-8 byte-order mark skipped';

/** The options a range's pass reads (plain data: they go to a worker thread). */
export interface PassOptions {
  encoding?: EncodingOption;
  keepPartners?: boolean;
  level?: 'HS8' | 'HS6';
}

/** A range of the parallel read, as a worker thread gets it. */
export interface CustomsTask {
  file: string;
  label: string;
  range: ByteRange;
  /** The first range: the caller's encoding option (its scan decides as the single-thread one); the others: the encoding decided. */
  opts: PassOptions;
  /** The month of a file without a date column, or -1. */
  fixedMonth: number;
  /** The header's fields (a range after the first does not read it). */
  header: string[];
}

/** What a range's pass sends back: the shared books and bounds, and what only customs keeps. */
export interface CustomsPart extends RangePart {
  encoding: Encoding;
  bom: boolean;
  separators: number;
  janFeb: JanFebCellFound[];
}
/**
 * A range of the parallel read in the shape a worker sends back (grid packed, buffers listed to move).
 * tests/fixtures/customs-en-utf8.csv from its third record (byte 355, line 4): its first code × month
 * (84862031, 2015-01) belongs to the range before, so the two records after it are this range's.
 * @throws {InputError} as importCustomsCsv does (the caller then reads the file on one thread)
 * @example
 * const header = ['Date of data', 'Commodity code', 'Commodity', 'Trading partner code', 'Trading partner', 'Quantity', 'Unit', 'Supplementary Quantity', 'Supplementary Unit', 'US dollar', ''];
 * const p = customsRangeTask({ file: 'tests/fixtures/customs-en-utf8.csv', label: 'a.csv', range: { from: 355, to: Infinity }, opts: { encoding: 'utf-8' }, fixedMonth: -1, header }).value;
 * [p.rowsRead, p.rowsUsed, p.separators, p.firstRecLine, p.firstKey]; // => [2, 2, 1, 1, [85423111, 1380, 116, -1, -1]]
 */
export function customsRangeTask(task: CustomsTask): TaskResult<CustomsPart> {
  const r = customsPass(task.file, task.label, task.opts, 'stream', task.fixedMonth, task.range, task.header);
  const grid = r.ctx.agg?.grid?.pack();
  return { value: partOf(r, grid), transfer: gridBuffers(grid) };
}

/**
 * The first range on the calling thread: its part keeps the context (nothing packed).
 * @throws {InputError} as importCustomsCsv does
 * @example customsLocalRange({ file: 'tests/fixtures/customs-en-utf8.csv', label: 'a.csv', range: { from: 0, to: Infinity }, opts: {}, fixedMonth: -1, header: [] }).rowsRead; // => 5
 */
export function customsLocalRange(task: CustomsTask): CustomsPart {
  const r = customsPass(task.file, task.label, task.opts, 'stream', task.fixedMonth, task.range);
  return { ...partOf(r, undefined), local: r.ctx };
}

function partOf(r: CustomsPassResult, grid: PackedGrid | undefined): CustomsPart {
  return {
    ...rangePart(r.ctx, r.gate, r.bytes, r.textKeys, grid),
    encoding: r.encoding,
    bom: r.bom,
    separators: r.ctx.separators,
    janFeb: r.ctx.report.janFeb?.cells ?? [],
  };
}

/** What one pass found: the context (report, cells, not finished), the scan's facts, where a range began and ended. */
export interface CustomsPassResult {
  ctx: ImportContext;
  gate: RangeGate;
  /** Bytes read from the range's start. */
  bytes: number;
  encoding: Encoding;
  bom: boolean;
  /** Partner, regime or location keys that were text. */
  textKeys: number;
  /** The header's fields. */
  header: string[];
}

/**
 * One pass over a download: all of it (the default range), or one range of the parallel read (`header`: the
 * header's fields when the range starts after it). The context is not finished.
 * @throws {InputError} as importCustomsCsv does
 * @throws {RestartUnsorted} when a streamed duplicate check finds the file unsorted
 * @example customsPass('tests/fixtures/customs-en-utf8.csv', 'a.csv', {}, 'stream', -1).ctx.report.rowsRead; // => 5
 */
export function customsPass(
  file: string,
  label: string,
  opts: PassOptions,
  mode: 'hash' | 'stream',
  fixedMonth: number,
  range: ByteRange = { from: 0, to: Infinity },
  header?: string[],
): CustomsPassResult {
  const keep = !!opts.keepPartners;
  const ctx = new ImportContext(FN, label, 'customs', mode, opts.level, keep);
  const report = ctx.report;
  const interner = new SubInterner();
  const comboCache = new Map<string, number>();
  const gate = new RangeGate(range, 3);
  let h: CustomsHeader | undefined;
  let cCode = -1;
  let cDate = -1;
  let cValue = -1;
  let cPartner = -1;
  let cRegime = -1;
  let cProvince = -1;
  let nameCols: number[] = [];
  let valueName = '';
  let codeName = '';
  let dateName = '';

  const subNum = (rec: CsvRecord, c: number): number => {
    if (c < 0) return -1;
    const v = pDigits(rec.buf, rec.starts[c], rec.ends[c]);
    if (v >= 0) return v;
    return interner.id(rec.text(c).trim());
  };
  const isTotalRow = (rec: CsvRecord): boolean => {
    for (const c of [cCode, cPartner, cRegime, cProvince]) {
      if (c < 0) continue;
      if (pDigits(rec.buf, rec.starts[c], rec.ends[c]) >= 0) continue;
      if (isTotalMarker(rec.text(c))) return true;
    }
    for (const c of nameCols) if (isTotalMarker(rec.text(c))) return true;
    return false;
  };
  const useHeader = (fields: string[], line1: boolean): CustomsHeader => {
    const hd = parseCustomsHeader(fields, label);
    cCode = hd.col.commodity;
    cDate = hd.col.yearmonth ?? -1;
    cValue = hd.col.value_usd;
    cPartner = hd.col.partner ?? -1;
    cRegime = hd.col.regime ?? -1;
    cProvince = hd.col.province ?? -1;
    nameCols = ['commodity_name', 'partner_name', 'regime_name', 'province_name']
      .map((n) => hd.col[n])
      .filter((c) => c !== undefined);
    valueName = hd.names[cValue];
    codeName = hd.names[cCode];
    dateName = cDate >= 0 ? hd.names[cDate] : '';
    report.headerLanguage = hd.lang;
    const words = [
      cPartner >= 0 ? 'partner' : '',
      cRegime >= 0 ? 'regime' : '',
      cProvince >= 0 ? 'location' : '',
    ].filter(Boolean);
    ctx.keyWords = words.length ? `, ${words.join(', ')}` : '';
    if (cDate < 0 && fixedMonth < 0)
      failAt(
        FN,
        { file: label, line: 1 },
        'no date column (数据年月 / Date of data): pass the queried month as the period option (YYYY-MM)',
        hd.names.join(','),
      );
    if (cDate >= 0 && fixedMonth >= 0 && line1)
      report.notes.push('the period option was ignored: the file has a date column');
    return hd;
  };
  if (range.from > 0 && header) h = useHeader(header, false);

  const scan = scanCsv(file, {
    file: label,
    fn: FN,
    encoding: opts.encoding,
    from: range.from,
    onRecord(rec) {
      if (!h) {
        h = useHeader(rec.texts(), true);
        if (gate.limit === 0) throw new StopScan(); // reading the header only
        return;
      }
      const line = rec.line;
      report.rowsRead++;
      if (rec.n !== h.n) {
        const okShort = rec.n === h.n - 1 && h.trailingEmpty && !rec.atEofNoNewline;
        if (!okShort) {
          if (rec.atEofNoNewline)
            failAt(
              FN,
              { file: label, line },
              `the last record has ${rec.n} fields, the header ${h.n}: the file ends mid-record (truncated download?)`,
              rec.raw(),
            );
          failAt(FN, { file: label, line }, `expected ${h.n} fields as in the header, found ${rec.n}`, rec.raw());
        }
      }
      const buf = rec.buf;
      const starts = rec.starts;
      const ends = rec.ends;
      let codeInt = pDigits(buf, starts[cCode], ends[cCode]);
      const digits = pState.digits;
      if (
        codeInt < 0 ||
        (cPartner >= 0 && pDigits(buf, starts[cPartner], ends[cPartner]) < 0) ||
        (cRegime >= 0 && pDigits(buf, starts[cRegime], ends[cRegime]) < 0)
      ) {
        if (isTotalRow(rec)) {
          // a record the range may not own (the gate skips it): not counted here
          if (rec.offset >= gate.limit && gate.atTotal(rec.offset, line)) {
            report.rowsRead--;
            return;
          }
          report.rejected[TOTAL_REASON] = (report.rejected[TOTAL_REASON] ?? 0) + 1;
          return;
        }
        if (codeInt < 0)
          failAt(FN, { file: label, line, column: codeName }, 'commodity code is not a number', rec.text(cCode));
      }
      const repairs = ctx.zeroRepairs;
      codeInt = ctx.code(codeInt, digits, line, codeName, rec.text(cCode));
      let month = fixedMonth;
      let janFebYear = -1;
      if (cDate >= 0) {
        month = pMonth(buf, starts[cDate], ends[cDate]);
        if (month < 0) {
          // a January–February label (China Customs since 2020): the two months' total, in February
          janFebYear = parseJanFebLabel(rec.text(cDate));
          if (janFebYear < MONTH_ORIGIN_YEAR || janFebYear > MONTH_LAST_YEAR)
            failAt(
              FN,
              { file: label, line, column: dateName },
              'date must be YYYYMM (or a 1-2月 label)',
              rec.text(cDate),
            );
          month = (janFebYear - MONTH_ORIGIN_YEAR) * 12 + 1;
        }
      }
      let value = pAmount(buf, starts[cValue], ends[cValue]);
      let separators = false;
      if (value < 0) {
        if (value === MISSING) value = NaN;
        else if (value === NEGATIVE)
          failAt(FN, { file: label, line, column: valueName }, 'negative import value', rec.text(cValue));
        else if (value === INVALID)
          failAt(FN, { file: label, line, column: valueName }, 'value is not a number', rec.text(cValue));
      } else separators = pState.separators;
      const s0 = subNum(rec, cPartner);
      const s1 = subNum(rec, cRegime);
      const s2 = subNum(rec, cProvince);
      if (rec.offset >= gate.limit) {
        // a record the range may not own (the gate skips it or stops before it): not counted here until it is
        const counted = ctx.zeroRepairs;
        ctx.zeroRepairs = repairs;
        report.rowsRead--;
        if (gate.at(codeInt, month, s0, s1, s2, rec.offset, line)) return;
        report.rowsRead++;
        ctx.zeroRepairs = counted;
      }
      if (janFebYear >= 0)
        addJanFebCell(report, String(codeInt).padStart(ctx.level === 'HS6' ? 6 : 8, '0'), janFebYear, 'label');
      if (separators) ctx.separators++;
      let combo = 0;
      if (keep) {
        const ck = `${s0}|${s1}`;
        const hit = comboCache.get(ck);
        if (hit !== undefined) combo = hit;
        else {
          combo = ctx.agg!.comboId(
            cPartner >= 0 ? rec.text(cPartner).trim() : '',
            cRegime >= 0 ? rec.text(cRegime).trim() : '',
            FN,
            label,
            line,
          );
          comboCache.set(ck, combo);
        }
      }
      ctx.row(codeInt, month, s0, s1, s2, combo, value, line, valueName, rec, cValue);
    },
  });
  if (!h) failAt(FN, { file: label }, 'file is empty (no header row)');
  return {
    ctx,
    gate,
    bytes: scan.bytes,
    encoding: scan.encoding,
    bom: scan.bom,
    textKeys: interner.size,
    header: h.names,
  };
}
