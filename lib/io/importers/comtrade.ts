/**
 * Importers for UN Comtrade monthly data: the bulk/“get data” CSV (Comtrade+
 * camelCase columns such as `period`, `refYear`, `refMonth`, `cmdCode`,
 * `flowCode`, `partnerCode`, `primaryValue`; the legacy column names `Period`,
 * `Commodity Code`, `Trade Flow Code`, `Partner Code`, `Trade Value (US$)` too)
 * and the public API JSON (`{"data": [{ period, cmdCode, flowCode, partnerCode,
 * primaryValue, … }]}`). Only imports (flowCode `M`, legacy code 1) are kept; codes
 * are HS6 (HS8 national tariff lines with `level: 'HS8'`). Partner 0 (World) rows are the
 * total when the file has no partner breakdown (as the API's partner-World responses): then
 * they are used. When a file holds both, each World row is checked against the sum of the
 * partner rows of its code and month (within rounding), the partner rows are kept and the
 * World rows counted as rejected, and the report says so (a World row with no partner rows
 * is used). In final data (the `data` dataset) rows broken down by second partner, customs
 * procedure or transport mode are parts of the aggregate row and are skipped, counted.
 *
 * Tariff-line data (the `tariffline` dataset, national 8-digit lines) has no such filters: its
 * records carry their own breakdowns (partner2Code, customsCode, motCode other than the totals
 * 0 / C00 / 0) and often no total row. There the breakdown rows of one code, month and partner
 * are summed into the cell, each counted as used. When the cell also has a total row, the total
 * is used and checked against the sum of its breakdown rows within rounding (half a dollar per
 * row, or 1e-9 of the total); the breakdown rows are then counted as rejected, agreeing or not,
 * and the report names the cells that differ (a total row without a value is counted as missing and
 * its breakdown rows are summed instead). Which dataset a file holds is the caller's
 * `dataset` option; without it, tariff lines are recognised by 8-digit codes (`level: 'HS8'` or
 * a first code of 7–8 digits: final data stops at HS6) or by the tariff-line record shape
 * (partner2Code, customsCode, mosCode and motCode present, but none of refYear, refMonth and
 * isAggregate, which every final record carries).
 *
 * Partner rows of a code and month with no World row are summed: the value is then the sum of those
 * partners, not China's total imports (a Comtrade answer for partners 32 and 276 holds China's imports
 * from Argentina and Germany). The report's `partners` ({@link PartnerSum}) says which partners were
 * summed, named by the records' partnerDesc (else by code), and in how many code-months; the import
 * report, the imported panel's manifest and label (so the notebook banner and every chart's source note)
 * carry its line. A caller whose request asked for every partner (the tariff-line fetch) says so with
 * `everyPartner`: then the sum is the total, and only a note says how it was made.
 *
 * @module io/importers/comtrade
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { failAt } from '../../core/errors.js';
import { scanCsv } from './csv-scan.js';
import { AMOUNT_INVALID, AMOUNT_MISSING, AMOUNT_NEGATIVE, parseAmount, parseState } from './fields.js';
import { SubInterner } from './dup-guard.js';
import { countReason, fmtCount } from './report.js';
import { partnerSum, type PartnerSum } from '../partners.js';
import { ImportContext, MISSING_REASON, TOTAL_REASON, withDupMode, type DupMode, type ImportResult } from './common.js';

/** Options of the Comtrade importers. */
export interface ComtradeImportOptions {
  /** Keep partners as a column instead of summing over them (default false). */
  keepPartners?: boolean;
  /** Name used for the file in messages and the report (default: the base name). */
  label?: string;
  /** Duplicate check mode (see {@link DupMode}). */
  dupMode?: DupMode;
  /** Code level: 'HS6' (default) or 'HS8' (national tariff lines). */
  level?: 'HS6' | 'HS8';
  /**
   * The Comtrade dataset the file holds: 'final' (breakdown rows skipped, the aggregate row used)
   * or 'tariffline' (breakdown rows summed into the cell). Default: recognised from the file (see the module doc).
   */
  dataset?: 'final' | 'tariffline';
  /**
   * The file holds every partner (the request asked for all partners, as the tariff-line fetch does): partner rows
   * without a World row then sum to the total, and the report has no {@link PartnerSum}. Default false: such a sum
   * is reported as partial.
   */
  everyPartner?: boolean;
}

/** Comtrade column names (Comtrade+ and legacy) → the field the importer uses. */
const COMTRADE_HEADERS: Record<string, string> = {
  period: 'period',
  refyear: 'refYear',
  refmonth: 'refMonth',
  refperiodid: 'refPeriodId',
  freqcode: 'freqCode',
  cmdcode: 'cmdCode',
  'commodity code': 'cmdCode',
  flowcode: 'flowCode',
  'trade flow code': 'flowCode',
  partnercode: 'partnerCode',
  'partner code': 'partnerCode',
  partnerdesc: 'partnerDesc',
  partner: 'partnerDesc',
  reportercode: 'reporterCode',
  'reporter code': 'reporterCode',
  primaryvalue: 'primaryValue',
  'trade value (us$)': 'primaryValue',
  partner2code: 'partner2Code',
  customscode: 'customsCode',
  motcode: 'motCode',
  year: 'refYear',
};

const REQUIRED = ['cmdCode', 'flowCode', 'partnerCode', 'primaryValue'];
const NOT_IMPORTS = 'not imports (flowCode other than M)';
const WORLD =
  'partner 0 (World): a total over the partner rows of the file, which agree with it within rounding (partner rows kept)';
const WORLD_DIFFERS =
  'partner 0 (World): differs from the sum of the partner rows by more than rounding (partner rows kept)';
const BREAKDOWN = 'breakdown by second partner, customs procedure or transport mode (the aggregate row is used)';
const AGGREGATE_CODE = 'aggregate commodity level (2- or 4-digit code)';
const TL_AGREE =
  'tariff-line breakdown row of a cell that has a total row, which is used (the breakdown rows agree with it within rounding)';
const TL_DIFFER =
  'tariff-line breakdown row of a cell that has a total row, which is used (the breakdown rows differ from it by more than rounding)';
/** Fields every final record carries and tariff-line records lack (UN Comtrade's TradeDataItems). */
const FINAL_ONLY = ['refyear', 'refmonth', 'isaggregate'];
/** Fields of the tariff-line record's breakdown. */
const TL_FIELDS = ['partner2code', 'customscode', 'moscode', 'motcode'];

/** A tariff-line record, held until the end of the file. */
interface TlRow {
  key: number;
  partner: string;
  breakdown: string;
  value: number;
  line: number;
  column: string;
  raw: string;
}

type Getter = (field: string) => unknown;

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).trim();
}

class ComtradeRows {
  readonly ctx: ImportContext;
  private reporter: string | undefined;
  private readonly interner = new SubInterner();
  private readonly combos = new Map<number, number>();
  private readonly scratch = Buffer.alloc(64);
  /** World (partner 0) rows, held until the end: used when the file has no partner rows. */
  private readonly world: {
    key: number;
    codeInt: number;
    month: number;
    value: number;
    line: number;
    column: string;
    raw: string;
    s1: number;
  }[] = [];
  /** Sum and count of the partner rows of each code × month key, and the partners in it. */
  private readonly partnerSum = new Map<number, { sum: number; n: number; partners: Set<string> }>();
  /** Each partner (not World) of a used row → its partnerDesc ('' when the file gives none). */
  private readonly partnerDesc = new Map<string, string>();
  /** Tariff-line data (breakdown rows summed); undefined until the first record decides. */
  private tariffline: boolean | undefined;
  /** Tariff-line records by code × month × partner cell, held until the end. */
  private readonly tl = new Map<string, TlRow[]>();

  constructor(
    readonly fn: string,
    readonly file: string,
    format: 'comtrade-csv' | 'comtrade-json',
    mode: 'hash' | 'stream',
    readonly keep: boolean,
    level: 'HS6' | 'HS8' | undefined,
    private readonly dataset: 'final' | 'tariffline' | undefined,
  ) {
    this.ctx = new ImportContext(fn, file, format, mode, level ?? 'HS6', keep);
    this.ctx.keyWords = ', partner';
    this.level = level;
  }

  private readonly level: 'HS6' | 'HS8' | undefined;

  /**
   * Decide final or tariff-line data from the caller's option, the level, the first record's
   * field names (lower case) and its commodity code; noted in the report.
   */
  decide(fields: string[], firstCmd: string): void {
    let why = '';
    if (this.dataset) {
      this.tariffline = this.dataset === 'tariffline';
      why = 'as the caller said';
    } else if (this.level === 'HS8' || /^\d{7,8}$/.test(firstCmd)) {
      this.tariffline = true;
      why = 'recognised from its 8-digit codes';
    } else if (TL_FIELDS.every((f) => fields.includes(f)) && !FINAL_ONLY.some((f) => fields.includes(f))) {
      this.tariffline = true;
      why =
        'recognised from its fields: partner2Code, customsCode, mosCode, motCode and no refYear, refMonth or isAggregate';
    } else this.tariffline = false;
    // tariff lines: the first code fixes the level (8 digits: HS8) unless the caller gave one
    if (this.tariffline && !this.level) {
      this.ctx.level = undefined;
      this.ctx.agg = undefined;
    }
    this.ctx.report.notes.push(
      `UN Comtrade: imports (flowCode M) only, ${this.ctx.level ?? 'national (the first code fixes the level)'} codes, primaryValue in US dollars (CIF)`,
    );
    if (this.tariffline)
      this.ctx.report.notes.push(
        `tariff-line data (${why}): rows of one code, month and partner broken down by second partner, customs procedure or transport mode are summed into the cell`,
      );
  }

  /**
   * Settle the tariff-line records (call once, after the last record, before {@link settleWorld}):
   * a cell's breakdown rows are summed; a cell with a total row uses the total, checked against them.
   */
  settleTariffLines(): void {
    if (this.tariffline === undefined) this.decide([], '');
    if (!this.tariffline) return;
    let summed = 0;
    let summedCells = 0;
    let agree = 0;
    let agreeRows = 0;
    const differ: string[] = [];
    let differRows = 0;
    const report = this.ctx.report;
    for (let rows of this.tl.values()) {
      let totals = rows.filter((r) => r.breakdown === '');
      const parts = rows.filter((r) => r.breakdown !== '');
      if (parts.length > 0 && totals.length > 0 && totals.every((t) => !(t.value === t.value))) {
        // a total without a value: its breakdown rows are the data
        countReason(report.rejected, MISSING_REASON, totals.length);
        totals = [];
        rows = parts;
      }
      if (totals.length === 0 || parts.length === 0) {
        for (const r of rows)
          this.use(r.key, r.partner, this.interner.id(r.breakdown), r.value, r.line, r.column, r.raw);
        if (parts.length > 0) {
          summed += parts.length;
          summedCells++;
        }
        continue;
      }
      for (const t of totals) this.use(t.key, t.partner, -1, t.value, t.line, t.column, t.raw);
      const total = totals[0].value;
      let sum = 0;
      for (const r of parts) if (r.value === r.value) sum += r.value;
      const gap = Math.abs(total - sum);
      if (gap <= Math.max(0.5 * (parts.length + 1), 1e-9 * Math.abs(total))) {
        countReason(report.rejected, TL_AGREE, parts.length);
        agree++;
        agreeRows += parts.length;
      } else {
        countReason(report.rejected, TL_DIFFER, parts.length);
        differRows += parts.length;
        const t = totals[0];
        const digits = this.ctx.level === 'HS8' ? 8 : 6;
        const code = String(Math.floor(t.key / 4096)).padStart(digits, '0');
        const m = t.key % 4096;
        const month = `${1900 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
        differ.push(
          `${code} ${month} partner ${t.partner}: total ${total} (${t.column} at ${t.line}), breakdown rows sum to ${sum}`,
        );
      }
    }
    if (summed > 0)
      report.notes.push(
        `tariff lines: ${fmtCount(summed)} breakdown rows summed into ${fmtCount(summedCells)} cells (cells without a total row)`,
      );
    if (agree + differ.length > 0)
      report.notes.push(
        `tariff lines: ${fmtCount(agree + differ.length)} cells have a total row and breakdown rows: the total is used; ` +
          `${fmtCount(agree)} agree with the sum of their breakdown rows within rounding (${fmtCount(agreeRows)} rows)` +
          (differ.length
            ? `, ${fmtCount(differ.length)} differ (${fmtCount(differRows)} rows): ${differ.slice(0, 20).join('; ')}${differ.length > 20 ? `; and ${fmtCount(differ.length - 20)} more` : ''}`
            : ''),
      );
  }

  /**
   * Settle the World rows (call once, after the last record): with no partner rows in the
   * file they are the data; otherwise each is checked against its partner sum.
   */
  settleWorld(): void {
    if (this.world.length === 0) return;
    const report = this.ctx.report;
    const s0 = this.interner.id('0');
    let combo = 0;
    if (this.keep && this.world.length) combo = this.ctx.agg!.comboId('0', '', this.fn, this.file, this.world[0].line);
    const use = (w: (typeof this.world)[number]) =>
      this.ctx.row(w.codeInt, w.month, s0, w.s1, -1, combo, w.value, w.line, w.column, w.raw);
    if (this.partnerSum.size === 0) {
      for (const w of this.world) use(w);
      report.notes.push(
        `partner 0 (World) rows used as the totals: the file has no partner breakdown (${this.world.length.toLocaleString('en-US')} rows)`,
      );
      return;
    }
    let agree = 0;
    let differ = 0;
    let alone = 0;
    let worst: { gap: number; where: string } | undefined;
    // World rows of one code and month (tariff-line breakdowns) are compared as their sum
    const worldSum = new Map<number, number>();
    for (const w of this.world) worldSum.set(w.key, (worldSum.get(w.key) ?? 0) + w.value);
    for (const w of this.world) {
      const p = this.partnerSum.get(w.key);
      if (!p) {
        use(w);
        alone++;
        continue;
      }
      const value = worldSum.get(w.key)!;
      const gap = Math.abs(value - p.sum);
      if (!(value === value) || gap <= Math.max(0.5 * (p.n + 1), 1e-9 * Math.abs(value))) {
        countReason(report.rejected, WORLD);
        agree++;
      } else {
        countReason(report.rejected, WORLD_DIFFERS);
        differ++;
        if (!worst || gap > worst.gap) worst = { gap, where: `${w.column} at ${w.line}` };
      }
    }
    report.notes.push(
      `the file holds both partner 0 (World) and partner rows: partner rows kept; ${agree.toLocaleString('en-US')} World rows agree with their partner sums within rounding` +
        (differ
          ? `, ${differ.toLocaleString('en-US')} differ (largest gap ${worst!.gap} US dollars, ${worst!.where})`
          : '') +
        (alone ? `, ${alone.toLocaleString('en-US')} World rows without partner rows used as they are` : ''),
    );
  }

  /**
   * Say which partners were summed where a code and month has partner rows and no World row (call once, after
   * {@link settleWorld}): the report's `partners`, or with `everyPartner` a note that the sum is the total.
   */
  settlePartners(everyPartner: boolean): void {
    const worldKeys = new Set(this.world.map((w) => w.key));
    const partners = new Map<string, string>();
    let cells = 0;
    for (const [key, p] of this.partnerSum) {
      if (worldKeys.has(key)) continue;
      cells++;
      for (const c of p.partners) partners.set(c, this.partnerDesc.get(c) ?? '');
    }
    if (cells === 0) return;
    const report = this.ctx.report;
    if (everyPartner) {
      report.notes.push(
        `no partner 0 (World) rows in ${fmtCount(cells)} code-months: their partner rows (${fmtCount(partners.size)} partners, every partner of the request) are summed into the total`,
      );
      return;
    }
    report.partners = partnerSum(partners, cells, this.partnerSum.size, this.file);
  }

  private where(
    line: number | undefined,
    column: string,
    rec: number | undefined,
  ): { file: string; line?: number; column: string } {
    return line !== undefined
      ? { file: this.file, line, column }
      : { file: this.file, column: `data[${rec}].${column}` };
  }

  /** One Comtrade record. `line` for CSV, `rec` (0-based index) for JSON. */
  take(get: Getter, line: number | undefined, rec: number | undefined): void {
    const fn = this.fn;
    const report = this.ctx.report;
    report.rowsRead++;
    const freq = str(get('freqCode'));
    if (freq !== '' && freq !== 'M')
      failAt(fn, this.where(line, 'freqCode', rec), 'only monthly data (freqCode M) can be imported', freq);
    const reporter = str(get('reporterCode'));
    if (reporter !== '') {
      if (this.reporter === undefined) this.reporter = reporter;
      else if (reporter !== this.reporter)
        failAt(
          fn,
          this.where(line, 'reporterCode', rec),
          `more than one reporter in the file (first was ${this.reporter}): import one reporter at a time`,
          reporter,
        );
    }
    const flow = str(get('flowCode'));
    if (flow !== 'M' && flow !== '1' && flow.toLowerCase() !== 'import') {
      countReason(report.rejected, NOT_IMPORTS);
      return;
    }
    const cmd = str(get('cmdCode'));
    if (/^total$/i.test(cmd)) {
      countReason(report.rejected, TOTAL_REASON);
      return;
    }
    if (!/^\d+$/.test(cmd)) failAt(fn, this.where(line, 'cmdCode', rec), 'commodity code is not a number', cmd);
    if (cmd.length === 2 || cmd.length === 4) {
      countReason(report.rejected, AGGREGATE_CODE);
      return;
    }
    const partner = str(get('partnerCode'));
    const p2 = str(get('partner2Code'));
    const cc = str(get('customsCode'));
    const mot = str(get('motCode'));
    const isBreakdown = (p2 !== '' && p2 !== '0') || (cc !== '' && cc !== 'C00') || (mot !== '' && mot !== '0');
    if (isBreakdown && !this.tariffline) {
      countReason(report.rejected, BREAKDOWN);
      return;
    }
    if (partner !== '0' && !this.partnerDesc.get(partner)) this.partnerDesc.set(partner, str(get('partnerDesc')));
    const codeInt = this.ctx.code(
      Number(cmd),
      cmd.length,
      line,
      line !== undefined ? 'cmdCode' : `data[${rec}].cmdCode`,
      cmd,
    );
    // month
    let y = NaN;
    let m = NaN;
    const period = str(get('period') ?? get('refPeriodId'));
    const pm = /^(\d{4})-?(\d{2})(\d{2})?$/.exec(period);
    if (pm) {
      y = Number(pm[1]);
      m = Number(pm[2]);
    } else if (period === '' || /^\d{4}$/.test(period)) {
      y = Number(str(get('refYear')) || period);
      m = Number(str(get('refMonth')));
    }
    if (!(y >= 1900 && y <= 2240 && m >= 1 && m <= 12 && Number.isInteger(m)))
      failAt(
        fn,
        this.where(line, 'period', rec),
        'period must be YYYYMM (or refYear and refMonth 1–12)',
        period || `${str(get('refYear'))}/${str(get('refMonth'))}`,
      );
    const month = (y - 1900) * 12 + m - 1;
    // value
    const raw = get('primaryValue');
    let value: number;
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) failAt(fn, this.where(line, 'primaryValue', rec), 'value is not a finite number', raw);
      if (raw < 0) failAt(fn, this.where(line, 'primaryValue', rec), 'negative import value', raw);
      value = raw;
    } else {
      const s = str(raw);
      const n = this.scratch.write(s.slice(0, 60), 0, 'utf8');
      value = parseAmount(this.scratch, 0, n);
      if (value === AMOUNT_MISSING) value = NaN;
      else if (value === AMOUNT_NEGATIVE) failAt(fn, this.where(line, 'primaryValue', rec), 'negative import value', s);
      else if (value === AMOUNT_INVALID || s.length > 60)
        failAt(fn, this.where(line, 'primaryValue', rec), 'value is not a number', s);
      else if (parseState.separators) this.ctx.separators++;
    }
    const key = codeInt * 4096 + month;
    const line1 = line ?? (rec ?? 0) + 1;
    const column = line !== undefined ? 'primaryValue' : `data[${rec}].primaryValue`;
    if (this.tariffline) {
      const cell = `${key}|${partner}`;
      const row: TlRow = {
        key,
        partner,
        breakdown: isBreakdown ? `${p2}|${cc}|${mot}` : '',
        value,
        line: line1,
        column,
        raw: str(raw),
      };
      const held = this.tl.get(cell);
      if (held) held.push(row);
      else this.tl.set(cell, [row]);
      return;
    }
    this.use(key, partner, -1, value, line1, column, str(raw));
  }

  /** One row's value into its cell (World rows held for {@link settleWorld}); `s1` numbers a tariff-line breakdown. */
  private use(
    key: number,
    partner: string,
    s1: number,
    value: number,
    line: number,
    column: string,
    raw: string,
  ): void {
    const codeInt = Math.floor(key / 4096);
    const month = key % 4096;
    if (partner === '0') {
      this.world.push({ key, codeInt, month, value, line, column, raw, s1 });
      return;
    }
    if (value === value) {
      const ps = this.partnerSum.get(key);
      if (ps) {
        ps.sum += value;
        ps.n++;
        ps.partners.add(partner);
      } else this.partnerSum.set(key, { sum: value, n: 1, partners: new Set([partner]) });
    }
    const s0 = this.interner.id(partner);
    let combo = 0;
    if (this.keep) {
      const hit = this.combos.get(s0);
      if (hit !== undefined) combo = hit;
      else {
        combo = this.ctx.agg!.comboId(partner, '', this.fn, this.file, line);
        this.combos.set(s0, combo);
      }
    }
    this.ctx.row(codeInt, month, s0, s1, -1, combo, value, line, column, raw);
  }
}

/**
 * Import a UN Comtrade monthly CSV (bulk download or API CSV) into tidy HS6
 * code × month cells of imports, in US dollars.
 *
 * @throws {InputError} naming file, line, column and value: missing columns,
 *   annual data, several reporters, a bad code/period/value, a negative value, a
 *   conflicting duplicate, a truncated last record
 * @example importComtradeCsv('tests/fixtures/comtrade-bulk.csv').cells.level; // => 'HS6'
 */
export function importComtradeCsv(file: string, opts: ComtradeImportOptions = {}): ImportResult {
  const fn = 'importComtradeCsv';
  const label = opts.label ?? path.basename(file);
  return withDupMode(file, opts.dupMode, (mode) => {
    const rows = new ComtradeRows(fn, label, 'comtrade-csv', mode, !!opts.keepPartners, opts.level, opts.dataset);
    let fields: string[] = [];
    let col: Record<string, number> | undefined;
    let nHeader = 0;
    let values: string[] = [];
    const get: Getter = (f) => {
      const c = col![f];
      return c === undefined ? undefined : values[c];
    };
    const scan = scanCsv(file, {
      file: label,
      fn,
      onRecord(rec) {
        if (!col) {
          const names = rec.texts().map((h) => h.replace(/^\uFEFF/, '').trim());
          col = {};
          names.forEach((h, k) => {
            const f = COMTRADE_HEADERS[h.toLowerCase()];
            if (f && col![f] === undefined) col![f] = k;
          });
          const missing = REQUIRED.filter((f) => col![f] === undefined);
          if (
            col.period === undefined &&
            col.refPeriodId === undefined &&
            (col.refYear === undefined || col.refMonth === undefined)
          )
            missing.push('period (or refYear and refMonth)');
          if (missing.length > 0)
            failAt(
              fn,
              { file: label, line: 1 },
              `not a UN Comtrade file: missing the columns ${missing.join(', ')} (expected headers like period, cmdCode, flowCode, partnerCode, primaryValue)`,
              names.join(','),
            );
          nHeader = names.length;
          fields = names.map((h) => h.toLowerCase());
          return;
        }
        if (rec.n !== nHeader) {
          rows.ctx.report.rowsRead++;
          if (rec.atEofNoNewline)
            failAt(
              fn,
              { file: label, line: rec.line },
              `the last record has ${rec.n} fields, the header ${nHeader}: the file ends mid-record (truncated download?)`,
              rec.raw(),
            );
          failAt(
            fn,
            { file: label, line: rec.line },
            `expected ${nHeader} fields as in the header, found ${rec.n}`,
            rec.raw(),
          );
        }
        values = rec.texts();
        if (rows.ctx.report.rowsRead === 0) rows.decide(fields, str(get('cmdCode')));
        rows.take(get, rec.line, undefined);
      },
    });
    if (!col) failAt(fn, { file: label }, 'file is empty (no header row)');
    rows.ctx.report.encoding = scan.encoding;
    rows.settleTariffLines();
    rows.settleWorld();
    rows.settlePartners(!!opts.everyPartner);
    return rows.ctx.finish(false);
  });
}

/**
 * Import a UN Comtrade API JSON response (`{"data": [...]}`) into tidy HS6
 * code × month cells of imports, in US dollars.
 *
 * @throws {InputError} when the file is not JSON or has no `data` array, and for the row errors of {@link importComtradeCsv}
 * @example importComtradeJson('tests/fixtures/comtrade-api.json').report.rowsUsed; // => 4
 */
export function importComtradeJson(file: string, opts: ComtradeImportOptions = {}): ImportResult {
  const fn = 'importComtradeJson';
  const label = opts.label ?? path.basename(file);
  if (!fs.existsSync(file)) failAt(fn, { file: label }, 'file not found');
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    failAt(fn, { file: label }, `not valid JSON (${(e as Error).message}); a truncated download?`);
  }
  const data = Array.isArray(doc) ? doc : (doc as { data?: unknown })?.data;
  if (!Array.isArray(data)) failAt(fn, { file: label }, 'expected a UN Comtrade API response {"data": [...]}', doc);
  return withDupMode(file, opts.dupMode === 'stream' ? 'stream' : 'hash', (mode) => {
    const rows = new ComtradeRows(fn, label, 'comtrade-json', mode, !!opts.keepPartners, opts.level, opts.dataset);
    data.forEach((r, i) => {
      if (typeof r !== 'object' || r === null)
        failAt(fn, { file: label, column: `data[${i}]` }, 'record is not an object', r);
      const o = r as Record<string, unknown>;
      if (i === 0) {
        const missing = REQUIRED.filter((f) => !(f in o));
        if (!('period' in o) && !('refMonth' in o)) missing.push('period');
        if (missing.length)
          failAt(
            fn,
            { file: label, column: 'data[0]' },
            `not a UN Comtrade record: missing ${missing.join(', ')}`,
            Object.keys(o),
          );
        rows.decide(
          Object.keys(o).map((k) => k.toLowerCase()),
          str(o.cmdCode),
        );
      }
      rows.take((f) => o[f], undefined, i);
    });
    rows.settleTariffLines();
    rows.settleWorld();
    rows.settlePartners(!!opts.everyPartner);
    return rows.ctx.finish(false);
  });
}
