/**
 * Importer of the project's own tidy panel file (what `npm run data:import` and
 * the synthetic generator write): streaming, bounded memory, summing
 * partner/regime rows per code × month.
 *
 * Format: CSV, UTF-8; optional leading `#` comment lines (kept as notes); header
 * `code,level,month,value_usd` optionally followed by `partner,regime`; code = 8
 * (HS8) or 6 (HS6) digits; month = YYYY-MM; value_usd = monthly US dollars, a plain
 * number. A missing month is an absent row (never zero); an empty value is
 * missing (counted, never zero).
 *
 * Lines are split by the CSV scanner and read by the shared field parsers: plain
 * lines (`digits,HSn,YYYY-MM,number[,digits,digits]`) on the scanner's line fast
 * path with the `plain…` parsers, every other line (quotes, spaces, empty cells,
 * repairs, the first data line) as a record with the `parse…` parsers, which also
 * name what is wrong.
 *
 * @module io/importers/tidy
 */
import * as path from 'node:path';
import { failAt } from '../../core/errors.js';
import { scanCsv } from './csv-scan.js';
import {
  AMOUNT_INVALID,
  AMOUNT_MISSING,
  AMOUNT_NEGATIVE,
  parseAmount,
  parseDigits,
  parseMonth,
  parseState,
  plainAmount,
  plainDigits,
  plainMonth,
} from './fields.js';
import { SubInterner } from './dup-guard.js';
import type { TidyCells } from './aggregate.js';
import { ImportContext, withDupMode, type DupMode } from './common.js';
import type { ImportReport } from './report.js';

/** What {@link readTidyPanel} returns. */
export interface TidyRead {
  cells: TidyCells;
  /** The leading `#` comment lines. */
  notes: string[];
  report: ImportReport;
}

// Local bindings for the per-row path: bundlers (tsx/esbuild) compile imported
// names to getter calls, which cost more than the parsing itself.
const pDigits = parseDigits;
const pMonth = parseMonth;
const pAmount = parseAmount;
const qDigits = plainDigits;
const qMonth = plainMonth;
const qAmount = plainAmount;
const pState = parseState;
const MISSING = AMOUNT_MISSING;
const NEGATIVE = AMOUNT_NEGATIVE;
const INVALID = AMOUNT_INVALID;

const FN = 'readTidyPanel';
const TIDY_HEADER = ['code', 'level', 'month', 'value_usd', 'partner', 'regime'];
const COMMA = 44;

/** The level field `HS8` / `HS6` in buf[s, e): 8, 6, or 0 for anything else. */
function levelDigits(buf: Uint8Array, s: number, e: number): number {
  if (e - s !== 3 || buf[s] !== 72 || buf[s + 1] !== 83) return 0;
  const c = buf[s + 2];
  return c === 56 ? 8 : c === 54 ? 6 : 0;
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
export function readTidyPanel(file: string, opts: { label?: string; dupMode?: DupMode } = {}): TidyRead {
  const label = opts.label ?? path.basename(file);
  return withDupMode(file, opts.dupMode, (mode) => {
    const ctx = new ImportContext(FN, label, 'tidy', mode, undefined, false);
    const report = ctx.report;
    const interner = new SubInterner();
    let header: string[] | undefined;
    let nH = 0;
    let cPartner = -1;
    let level = 0; // 8 or 6
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
    const onLine = (buf: Uint8Array, s: number, e: number, line: number): boolean => {
      if (level === 0) return false;
      const code = qDigits(buf, s, e);
      if (code < 0 || pState.digits !== level) return false;
      const ls = pState.end + 1;
      if (ls + 3 >= e || buf[ls + 3] !== COMMA || levelDigits(buf, ls, ls + 3) !== level) return false;
      const month = qMonth(buf, ls + 4, e);
      if (month < 0 || pState.end >= e) return false;
      const vs = pState.end + 1;
      const v = qAmount(buf, vs, e);
      if (v < 0) return false;
      const ve = pState.end;
      let s0 = -1;
      let s1 = -1;
      if (nH === 6) {
        if (ve >= e) return false;
        s0 = qDigits(buf, ve + 1, e);
        if (s0 < 0 || pState.end >= e) return false;
        s1 = qDigits(buf, pState.end + 1, e);
        if (s1 < 0 || pState.end !== e) return false;
      } else if (ve !== e) return false;
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
      comments: true,
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
        ctx.row(code, month, s0, s1, -1, 0, value, line, 'value_usd', rec, 3);
      },
    });
    if (!header) failAt(FN, { file: label }, 'file is empty (no header row)');
    ctx.report.encoding = scan.encoding;
    const res = ctx.finish(false);
    return { cells: res.cells, notes: scan.comments, report: res.report };
  });
}
