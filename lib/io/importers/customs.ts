/**
 * Importer for China Customs online-query downloads (stats.customs.gov.cn):
 * CSV in GB18030 or UTF-8, Chinese or English headers matched by name, every
 * field quoted, a trailing comma on each line, US-dollar values with thousands
 * separators, `数据年月`/`Date of data` as YYYYMM (or a single queried period; a January–February
 * label such as `2020年1-2月` puts the two months' total in February, recorded in `report.janFeb`),
 * monthly or year-to-date cumulative values.
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
import { failAt, fail } from '../../core/errors.js';
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
import { ImportContext, TOTAL_REASON, isTotalMarker, withDupMode, type DupMode, type ImportResult } from './common.js';
import { addJanFebCell, parseJanFebLabel } from './jan-feb.js';
import type { PackedGrid } from './cell-grid.js';
import type { TaskResult } from './parallel.js';
import {
  RangeGate,
  byteRanges,
  gridBuffers,
  mergeRanges,
  rangePart,
  rangedSize,
  readRanges,
  type ByteRange,
  type RangeOptions,
  type RangePart,
  type ThreadsUsed,
} from './ranges.js';
import type { JanFebCellFound } from './report.js';

/**
 * Header names of a China Customs online-query download → clean column names.
 * Source: data/reference/china-customs/download-columns.csv (the column
 * headers of the China Customs statistics portal downloads; both spellings of
 * "Supplementary" occur).
 */
export const CUSTOMS_COLUMNS: readonly {
  readonly name: string;
  readonly en: readonly string[];
  readonly zh: string;
}[] = [
  { name: 'yearmonth', en: ['Date of data'], zh: '数据年月' },
  { name: 'commodity', en: ['Commodity code'], zh: '商品编码' },
  { name: 'commodity_name', en: ['Commodity'], zh: '商品名称' },
  { name: 'partner', en: ['Trading partner code'], zh: '贸易伙伴编码' },
  { name: 'partner_name', en: ['Trading partner'], zh: '贸易伙伴名称' },
  { name: 'regime', en: ['Customs Regime code'], zh: '贸易方式编码' },
  { name: 'regime_name', en: ['Customs Regime'], zh: '贸易方式名称' },
  { name: 'province', en: ['Locations of importers and exporters code'], zh: '注册地编码' },
  { name: 'province_name', en: ['Locations of importers and exporters'], zh: '注册地名称' },
  { name: 'quantity_1', en: ['Quantity'], zh: '第一数量' },
  { name: 'unit_1', en: ['Unit'], zh: '第一计量单位' },
  { name: 'quantity_2', en: ['Supplimentary Quantity', 'Supplementary Quantity'], zh: '第二数量' },
  { name: 'unit_2', en: ['Supplimentary Unit', 'Supplementary Unit'], zh: '第二计量单位' },
  { name: 'value_usd', en: ['US dollar'], zh: '美元' },
  { name: 'value_cny', en: ['Renminbi Yuan'], zh: '人民币' },
];

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

// Local bindings for the per-row path: bundlers (tsx/esbuild) compile imported
// names to getter calls, which cost more than the parsing itself.
const pDigits = parseDigits;
const pMonth = parseMonth;
const pAmount = parseAmount;
const pState = parseState;
const MISSING = AMOUNT_MISSING;
const NEGATIVE = AMOUNT_NEGATIVE;
const INVALID = AMOUNT_INVALID;

const FN = 'importCustomsCsv';

function norm(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const HEADER_LOOKUP: Map<string, { name: string; lang: 'zh' | 'en' }> = (() => {
  const m = new Map<string, { name: string; lang: 'zh' | 'en' }>();
  for (const c of CUSTOMS_COLUMNS) {
    m.set(norm(c.zh), { name: c.name, lang: 'zh' });
    for (const e of c.en) m.set(norm(e), { name: c.name, lang: 'en' });
  }
  return m;
})();

/** The expected header names, for error messages. */
export function customsHeaderNames(): string[] {
  return CUSTOMS_COLUMNS.flatMap((c) => [c.zh, ...c.en]);
}

interface CustomsHeader {
  n: number;
  trailingEmpty: boolean;
  col: Record<string, number>;
  names: string[];
  lang: 'zh' | 'en';
}

/**
 * Match a customs download header row by name.
 * @throws {InputError} for an unknown or repeated header, or when the commodity code or US-dollar column is missing
 * @example parseCustomsHeader(['数据年月', '商品编码', '美元', ''], 'a.csv').col.value_usd; // => 2
 */
export function parseCustomsHeader(fields: string[], file: string): CustomsHeader {
  const col: Record<string, number> = {};
  let zh = 0;
  let en = 0;
  fields.forEach((raw, k) => {
    const h = norm(raw);
    if (h === '') {
      if (k === fields.length - 1) return;
      failAt(FN, { file, line: 1 }, `empty header in column ${k + 1}`, fields.join(','));
    }
    const hit = HEADER_LOOKUP.get(h);
    if (!hit)
      failAt(
        FN,
        { file, line: 1, column: raw },
        `unknown header: a China Customs download has the headers ${customsHeaderNames().join(', ')}`,
        raw,
      );
    if (col[hit.name] !== undefined) {
      // Quantity and unit names repeat in some English downloads only for the two units; anything else is an error
      failAt(FN, { file, line: 1, column: raw }, 'the same column appears twice', raw);
    }
    col[hit.name] = k;
    if (hit.lang === 'zh') zh++;
    else en++;
  });
  if (col.commodity === undefined)
    failAt(FN, { file, line: 1 }, 'no commodity code column (商品编码 / Commodity code)', fields.join(','));
  if (col.value_usd === undefined)
    failAt(
      FN,
      { file, line: 1 },
      col.value_cny !== undefined
        ? 'only a 人民币/Renminbi Yuan value column: download the values in US dollars (美元/US dollar)'
        : 'no US-dollar value column (美元 / US dollar)',
      fields.join(','),
    );
  return {
    n: fields.length,
    trailingEmpty: norm(fields[fields.length - 1] ?? '') === '',
    col,
    names: fields,
    lang: zh >= en ? 'zh' : 'en',
  };
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

const BOM_NOTE = 'UTF-8 byte-order mark skipped';

/** The options a range's pass reads (plain data: they go to a worker thread). */
type PassOptions = Pick<CustomsImportOptions, 'encoding' | 'keepPartners' | 'level'>;

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
  const parts = readRanges(__filename, 'customsRangeTask', tasks, customsLocalRange, size);
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
interface CustomsPassResult {
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
 * header's fields when the range starts after it).
 */
function customsPass(
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
          if (janFebYear < 0)
            failAt(
              FN,
              { file: label, line, column: dateName },
              'date must be YYYYMM (or a 1-2月 label)',
              rec.text(cDate),
            );
          month = (janFebYear - 1900) * 12 + 1;
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
