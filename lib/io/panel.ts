/**
 * The tidy panel file: reading it (streaming, bounded memory) into a {@link Panel},
 * writing it, and handing it to notebooks as an arquero table.
 *
 * Format: CSV, UTF-8; optional leading `#` comment lines (kept as notes); header
 * `code,level,month,value_usd` optionally followed by `partner,regime`; code = 8
 * (HS8) or 6 (HS6) digits; month = YYYY-MM; value_usd = monthly US dollars, a plain
 * number. A missing month is an absent row (never zero). Partner/regime rows are
 * summed per code × month when loading.
 *
 * @module panel
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as aq from 'arquero';
import { fail, failAt } from '../core/errors.js';
import { monthIndex, monthLabel } from '../core/months.js';
import { importedDir, projectPath, shownPath } from './paths.js';
import type { DataSource, Panel, PanelRow } from '../core/types.js';
import {
  AMOUNT_INVALID,
  AMOUNT_MISSING,
  AMOUNT_NEGATIVE,
  parseAmount,
  parseState,
  parseDigits,
  parseMonth,
  scanCsv,
} from './importers/stream.js';
import { SubInterner, type TidyCells } from './importers/cells.js';
import { ImportContext, withDupMode, type DupMode } from './importers/common.js';
import type { ImportReport } from './importers/report.js';

/** The synthetic teaching panel, relative to the project root. */
export const SYNTHETIC_PANEL_FILE = 'data/synthetic/teaching-panel-SYNTHETIC.csv';
/** The imported panel written by `npm run data:import`, relative to the project root. */
export const IMPORTED_PANEL_FILE = 'data/imported/panel.csv';

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
const pState = parseState;
const MISSING = AMOUNT_MISSING;
const NEGATIVE = AMOUNT_NEGATIVE;
const INVALID = AMOUNT_INVALID;

const FN = 'readTidyPanel';
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const TIDY_HEADER = ['code', 'level', 'month', 'value_usd', 'partner', 'regime'];

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
    let cRegime = -1;
    let level = 0; // 8 or 6
    const fastVal = {
      buf: new Uint8Array(0) as Uint8Array,
      s: 0,
      e: 0,
      text(): string {
        return Buffer.from(this.buf.subarray(this.s, this.e)).toString('latin1');
      },
    };
    // Fast path for plain lines `digits,HSn,YYYY-MM,number[,digits,digits]`; anything
    // else (quotes, spaces, empty cells, repairs, the first data line) goes to onRecord.
    const onLine = (buf: Uint8Array, s: number, e: number, line: number): boolean => {
      if (level === 0) return false;
      let i = s;
      let code = 0;
      let c = 0;
      while (i < e && (c = buf[i]) !== 44) {
        const d = c - 48;
        if (d < 0 || d > 9) return false;
        code = code * 10 + d;
        i++;
      }
      if (i - s !== level || i + 13 > e) return false;
      i++;
      if (buf[i] !== 72 || buf[i + 1] !== 83 || buf[i + 2] !== (level === 8 ? 56 : 54) || buf[i + 3] !== 44) return false;
      i += 4;
      if (buf[i + 4] !== 45 || buf[i + 7] !== 44) return false;
      const y0 = buf[i] - 48, y1 = buf[i + 1] - 48, y2 = buf[i + 2] - 48, y3 = buf[i + 3] - 48, m0 = buf[i + 5] - 48, m1 = buf[i + 6] - 48;
      if ((y0 | y1 | y2 | y3 | m0 | m1) < 0 || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9) return false;
      const mm = m0 * 10 + m1;
      const yy = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
      if (mm < 1 || mm > 12 || yy < 1900 || yy > 2240) return false;
      const month = (yy - 1900) * 12 + mm - 1;
      i += 8;
      let v = 0;
      let nd = 0;
      let frac = -1;
      fastVal.buf = buf;
      fastVal.s = i;
      while (i < e && (c = buf[i]) !== 44) {
        const d = c - 48;
        if (d >= 0 && d <= 9) {
          v = v * 10 + d;
          nd++;
          if (frac >= 0) frac++;
        } else if (c === 46 && frac < 0) frac = 0;
        else return false;
        i++;
      }
      fastVal.e = i;
      if (nd === 0 || nd > 15 || frac === 0) return false;
      if (frac > 0) v = v / POW10[frac];
      let s0 = -1;
      let s1 = -1;
      if (nH === 6) {
        if (i >= e) return false;
        i++;
        const a = i;
        s0 = 0;
        while (i < e && (c = buf[i]) !== 44) {
          const d = c - 48;
          if (d < 0 || d > 9) return false;
          s0 = s0 * 10 + d;
          i++;
        }
        if (i === a || i >= e || i - a > 15) return false;
        i++;
        const b = i;
        s1 = 0;
        while (i < e) {
          const d = buf[i] - 48;
          if (d < 0 || d > 9) return false;
          s1 = s1 * 10 + d;
          i++;
        }
        if (i === b || i - b > 15) return false;
      } else if (i !== e) return false;
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
          const ok = header.length >= 4 && header.length <= 6 && header.every((h, k) => h === TIDY_HEADER[k]) && header.length !== 5;
          if (!ok)
            failAt(FN, { file: label, line: rec.line }, `the tidy panel header must be ${TIDY_HEADER.slice(0, 4).join(',')} optionally followed by partner,regime`, header.join(','));
          nH = header.length;
          cPartner = nH > 4 ? 4 : -1;
          cRegime = nH > 5 ? 5 : -1;
          ctx.keyWords = nH > 4 ? ', partner, regime' : '';
          return;
        }
        const line = rec.line;
        report.rowsRead++;
        if (rec.n !== nH) {
          if (rec.atEofNoNewline) failAt(FN, { file: label, line }, `the last line has ${rec.n} fields, the header ${nH}: the file ends mid-record (truncated?)`, rec.raw());
          failAt(FN, { file: label, line }, `expected ${nH} fields as in the header, found ${rec.n}`, rec.raw());
        }
        const buf = rec.buf;
        const st = rec.starts;
        const en = rec.ends;
        // level
        const ls = st[1];
        let lv = 0;
        if (en[1] - ls === 3 && buf[ls] === 72 && buf[ls + 1] === 83) lv = buf[ls + 2] === 56 ? 8 : buf[ls + 2] === 54 ? 6 : 0;
        if (lv === 0) failAt(FN, { file: label, line, column: 'level' }, 'level must be HS8 or HS6', rec.text(1));
        if (level === 0) {
          level = lv;
          ctx.code(lv === 8 ? 10000000 : 100000, lv, line, 'code', ''); // fixes the level (and creates the aggregator)
        } else if (lv !== level) failAt(FN, { file: label, line, column: 'level' }, `mixed code levels: earlier rows are HS${level}`, rec.text(1));
        let code = pDigits(buf, st[0], en[0]);
        if (code < 0) failAt(FN, { file: label, line, column: 'code' }, 'code must be digits', rec.text(0));
        if (pState.digits !== level) code = ctx.code(code, pState.digits, line, 'code', rec.text(0));
        const month = pMonth(buf, st[2], en[2]);
        if (month < 0) failAt(FN, { file: label, line, column: 'month' }, 'month must be YYYY-MM', rec.text(2));
        let value = pAmount(buf, st[3], en[3]);
        if (value < 0) {
          if (value === MISSING) value = NaN;
          else if (value === NEGATIVE) failAt(FN, { file: label, line, column: 'value_usd' }, 'negative import value', rec.text(3));
          else if (value === INVALID) failAt(FN, { file: label, line, column: 'value_usd' }, 'value_usd is not a number', rec.text(3));
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

/**
 * Turn tidy cells into a {@link Panel}: codes ascending, contiguous months from the
 * first to the last, NaN for missing months, partner/regime cells summed.
 * @throws {StudyError} when there are no cells
 * @example
 * const { cells } = readTidyPanel('tests/fixtures/tidy-small.csv');
 * cellsToPanel(cells, { kind: 'imported', label: 'tidy-small.csv', files: ['tidy-small.csv'], period: ['', ''] }).source.period;
 * // => ['2015-01', '2015-03']
 */
export function cellsToPanel(cells: TidyCells, source: DataSource): Panel {
  if (cells.n === 0) fail('cellsToPanel', 'the panel has no values', source.files);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < cells.n; i++) {
    const m = cells.month[i];
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  const T = hi - lo + 1;
  const months: string[] = [];
  for (let m = lo; m <= hi; m++) months.push(monthLabel(m));
  const values = cells.codes.map(() => new Float64Array(T).fill(NaN));
  for (let i = 0; i < cells.n; i++) {
    const row = values[cells.code[i]];
    const t = cells.month[i] - lo;
    const v = cells.value[i];
    row[t] = row[t] !== row[t] ? v : row[t] + v;
  }
  return { source: { ...source, period: [months[0], months[T - 1]] }, months, codes: cells.codes.slice(), values };
}

/**
 * Load the synthetic teaching panel or the imported real panel.
 *
 * - `'synthetic'`: data/synthetic/teaching-panel-SYNTHETIC.csv, labelled
 *   "SYNTHETIC teaching panel — not China's data (seed …), first to last month"
 *   (seed and period from the `.meta.json` beside it when present).
 * - `'imported'`: data/imported/panel.csv (or `$STUDY_IMPORTED_DIR/panel.csv`) written by `npm run data:import`,
 *   labelled with the source file names from manifest.json and the period.
 *
 * @throws {StudyError} when the file is absent (with the command that makes it) or malformed
 * @example loadPanel({ source: 'synthetic' }).source.label;
 * // => "SYNTHETIC teaching panel — not China's data (seed 20250101), 2015-01 to 2025-06"
 */
export function loadPanel(opts: { source: 'synthetic' | 'imported'; file?: string }): Panel {
  const kind = opts.source;
  if (kind !== 'synthetic' && kind !== 'imported') fail('loadPanel', "source must be 'synthetic' or 'imported'", kind);
  const file = opts.file ?? (kind === 'synthetic' ? projectPath(SYNTHETIC_PANEL_FILE) : path.join(importedDir(), 'panel.csv'));
  if (!fs.existsSync(file))
    fail(
      'loadPanel',
      kind === 'synthetic' ? 'the synthetic panel is missing: run `npm run data:synthetic`' : 'no imported panel: run `npm run data:import -- <downloaded files>`',
      file,
    );
  const { cells, notes } = readTidyPanel(file);
  const provisional: DataSource = { kind, label: '', files: [shownPath(file)], period: ['', ''] };
  const panel = cellsToPanel(cells, provisional);
  const [p0, p1] = panel.source.period;
  if (kind === 'synthetic') {
    const meta = file.replace(/\.csv$/i, '.meta.json');
    let seed: unknown;
    if (fs.existsSync(meta)) {
      try {
        const m = JSON.parse(fs.readFileSync(meta, 'utf8')) as Record<string, unknown>;
        seed = m.seed;
        panel.source.files.push(shownPath(meta));
      } catch {
        fail('loadPanel', 'the synthetic panel metadata is not valid JSON', meta);
      }
    } else {
      const hit = notes.map((n) => /seed\s*[:=]?\s*(\d+)/i.exec(n)).find(Boolean);
      seed = hit ? hit[1] : undefined;
    }
    panel.source.label = `SYNTHETIC teaching panel — not China's data${seed !== undefined ? ` (seed ${String(seed)})` : ''}, ${p0} to ${p1}`;
  } else {
    const manifest = path.join(path.dirname(file), 'manifest.json');
    let sources: string[] = [];
    if (fs.existsSync(manifest)) {
      try {
        const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { sources?: { file?: string }[] };
        sources = (m.sources ?? []).map((s) => path.basename(String(s.file ?? ''))).filter(Boolean);
        panel.source.files.push(shownPath(manifest));
      } catch {
        fail('loadPanel', 'the import manifest is not valid JSON', manifest);
      }
    }
    panel.source.label = `Imported data from ${sources.length ? sources.join(', ') : path.basename(file)}, ${p0} to ${p1}`;
  }
  return panel;
}

function fmtValue(v: number, where: string): string {
  if (!Number.isFinite(v) || v < 0) fail('writePanelCsv', `value must be a finite non-negative number (${where})`, v);
  const s = String(v);
  return s.includes('e') ? v.toFixed(10).replace(/\.?0+$/, '') : s;
}

/**
 * Write the tidy panel CSV (streamed in blocks): optional `# note` lines, then
 * `code,level,month,value_usd[,partner,regime]`. From a Panel, missing (NaN)
 * months are left out; rows must be monthly, non-negative values.
 *
 * @throws {StudyError} for a negative or non-finite value, a bad code or month
 * @example
 * const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panel-')), 'p.csv');
 * writePanelCsv([{ code: '01012100', level: 'HS8', month: '2015-01', value: 5 }], file, ['note']); // => { rows: 1 }
 * fs.readFileSync(file, 'utf8'); // => '# note\ncode,level,month,value_usd\n01012100,HS8,2015-01,5\n'
 */
export function writePanelCsv(data: PanelRow[] | Panel | TidyCells, file: string, notes: string[] = []): { rows: number } {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = fs.openSync(file, 'w');
  let out = '';
  let rows = 0;
  const flush = (force: boolean): void => {
    if (out.length > (force ? 0 : 1 << 20)) {
      fs.writeSync(fd, out);
      out = '';
    }
  };
  try {
    for (const n of notes) for (const l of n.split(/\r?\n/)) out += `# ${l}\n`;
    if (Array.isArray(data)) {
      const withSub = data.some((r) => r.partner !== undefined || r.regime !== undefined);
      out += withSub ? 'code,level,month,value_usd,partner,regime\n' : 'code,level,month,value_usd\n';
      data.forEach((r, i) => {
        const want = r.level === 'HS8' ? 8 : r.level === 'HS6' ? 6 : 0;
        if (!want || !new RegExp(`^\\d{${want}}$`).test(r.code)) fail('writePanelCsv', `row ${i}: code must have ${want || '8 or 6'} digits for level ${r.level}`, r.code);
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(r.month)) fail('writePanelCsv', `row ${i}: month must be YYYY-MM`, r.month);
        const q = (s: string | undefined): string => (s === undefined ? '' : /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
        out += `${r.code},${r.level},${r.month},${fmtValue(r.value, `row ${i}`)}${withSub ? `,${q(r.partner)},${q(r.regime)}` : ''}\n`;
        rows++;
        flush(false);
      });
    } else if ('values' in data) {
      const level = data.codes[0]?.length === 6 ? 'HS6' : 'HS8';
      out += 'code,level,month,value_usd\n';
      data.codes.forEach((code, k) => {
        const lv = code.length === 6 ? 'HS6' : code.length === 8 ? 'HS8' : fail('writePanelCsv', 'panel code must have 8 or 6 digits', code);
        void level;
        const row = data.values[k];
        for (let t = 0; t < data.months.length; t++) {
          const v = row[t];
          if (v !== v) continue;
          out += `${code},${lv},${data.months[t]},${fmtValue(v, `${code} ${data.months[t]}`)}\n`;
          rows++;
        }
        flush(false);
      });
    } else {
      const c = data;
      const labels = new Map<number, string>();
      const lab = (m: number): string => {
        let s = labels.get(m);
        if (s === undefined) labels.set(m, (s = monthLabel(m)));
        return s;
      };
      const q = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      out += c.sub ? 'code,level,month,value_usd,partner,regime\n' : 'code,level,month,value_usd\n';
      for (let i = 0; i < c.n; i++) {
        out += `${c.codes[c.code[i]]},${c.level},${lab(c.month[i])},${fmtValue(c.value[i], `cell ${i}`)}`;
        if (c.sub && c.subs) {
          const s = c.subs[c.sub[i]];
          out += `,${q(s.partner)},${q(s.regime)}\n`;
        } else out += '\n';
        rows++;
        if ((i & 4095) === 0) flush(false);
      }
    }
    flush(true);
  } finally {
    fs.closeSync(fd);
  }
  return { rows };
}

/**
 * The panel as a long arquero table with columns code, month, value (US dollars);
 * missing months are left out, so no NaN reaches a notebook's aggregates.
 * @example panelToTable(panel).columnNames(); // => ['code', 'month', 'value']
 */
export function panelToTable(panel: Panel): aq.ColumnTable {
  const code: string[] = [];
  const month: string[] = [];
  const value: number[] = [];
  panel.codes.forEach((c, k) => {
    const row = panel.values[k];
    for (let t = 0; t < panel.months.length; t++) {
      const v = row[t];
      if (v !== v) continue;
      code.push(c);
      month.push(panel.months[t]);
      value.push(v);
    }
  });
  return aq.table({ code, month, value });
}

/** Where a study run takes its data: the bundled SYNTHETIC panel or the user's imported download. */
export type DataSourceKind = 'synthetic' | 'imported';

/**
 * The source note every table and chart built on a panel carries.
 * @example sourceNote(panel.source);
 * // => "Data: SYNTHETIC teaching panel — not China's data (seed 20250101), 2015-01 to 2025-06. Not the paper's figures."
 */
export function sourceNote(source: DataSource): string {
  return source.kind === 'synthetic'
    ? `Data: ${source.label}. Not the paper's figures.`
    : `Data: ${source.label} (China Customs / UN Comtrade download imported by the user).`;
}
