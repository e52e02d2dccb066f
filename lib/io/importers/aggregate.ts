/**
 * The aggregator of the importers: collects the rows of an import into
 * code × month (× partner/regime) cells — the dense {@link CellGrid} when
 * partners are summed, the hash {@link CellTable} when they are kept — and turns
 * them into the tidy columns every importer returns ({@link TidyCells}), applying
 * the year-to-date rule (importers/year-to-date) to either layout and writing
 * the report's cells, codes, period and notes.
 *
 * @module io/importers/aggregate
 */
import { failAt } from '../../core/errors.js';
import { monthLabel } from '../../core/months.js';
import { CellGrid } from './cell-grid.js';
import { CellTable, MONTH_STRIDE as CELL_MONTH_STRIDE, SUB_STRIDE as CELL_SUB_STRIDE } from './cell-table.js';
import type { DenseCells } from './jan-feb.js';
import { fmtCount, type ImportReport } from './report.js';
import { yearToDateToMonthly, type MonthCells } from './year-to-date.js';

// Local copies for the per-row path: bundlers compile imported names to getter calls.
const MONTH_STRIDE = CELL_MONTH_STRIDE;
const SUB_STRIDE = CELL_SUB_STRIDE;

/**
 * An importer's result in tidy columns: one entry per code × month (× partner ×
 * regime) cell with a value, ordered by code, month, then partner/regime.
 * Missing cells are absent (a missing month is never zero).
 */
export interface TidyCells {
  level: 'HS8' | 'HS6';
  /** Distinct codes, ascending. */
  codes: string[];
  /** Number of cells. */
  n: number;
  /** code[i]: index into codes. */
  code: Int32Array;
  /** month[i]: month index ((year − 1900) × 12 + month − 1). */
  month: Int32Array;
  /** value[i]: US dollars for the month. */
  value: Float64Array;
  /** Partner/regime combinations, when kept. */
  subs?: { partner: string; regime: string }[];
  /** sub[i]: index into subs, when kept. */
  sub?: Int32Array;
}

/**
 * Collects rows into code × month (× partner/regime) cells, then turns them into
 * {@link TidyCells}: converting year-to-date values to monthly when asked, and
 * counting what it did in the report.
 * @example
 * const agg = new Aggregator('HS8', false);
 * agg.add(1012100, 1380, 0, 5, 2); agg.add(1012100, 1380, 0, 7, 3); agg.add(1012100, 1381, 0, NaN, 4); // 2015-01: 5 + 7; 2015-02 missing
 * const cells = agg.finish(false, importers.newReport('a.csv', 'customs'), 'demo', 'a.csv');
 * [cells.codes, Array.from(cells.month), Array.from(cells.value)]; // => [['01012100'], [1380], [12]]
 */
export class Aggregator {
  readonly table: CellTable;
  private readonly comboIds = new Map<string, number>();
  readonly combos: { partner: string; regime: string }[] = [];

  constructor(
    readonly level: 'HS8' | 'HS6',
    readonly keepSubs: boolean,
  ) {
    this.table = new CellTable(keepSubs ? 4096 : 8);
    if (!keepSubs) this.grid = new CellGrid();
  }

  /** The dense grid (partners summed), else undefined (the hash table is used). */
  readonly grid: CellGrid | undefined;

  /** After {@link finish} of the grid: its rows of monthly values, one per code, for the January–February detection. */
  dense: DenseCells | undefined;

  /** Id of a partner/regime combination (kept partners only). */
  comboId(partner: string, regime: string, fn: string, file: string, line: number): number {
    const k = `${partner}\u0000${regime}`;
    let id = this.comboIds.get(k);
    if (id === undefined) {
      id = this.combos.length;
      if (id >= SUB_STRIDE)
        failAt(
          fn,
          { file, line },
          `more than ${SUB_STRIDE} distinct partner/regime combinations: import without keepPartners`,
        );
      this.comboIds.set(k, id);
      this.combos.push({ partner, regime });
    }
    return id;
  }

  private lastKey = -1;
  private lastIdx = -1;

  /** Add a row's value (NaN = missing) to its cell. */
  add(codeInt: number, month: number, combo: number, value: number, line: number): void {
    if (this.grid) {
      this.grid.add(codeInt, month, value, line);
      return;
    }
    const cm = codeInt * MONTH_STRIDE + month;
    const t = this.table;
    const key = this.keepSubs ? cm * SUB_STRIDE + combo : cm;
    let i = this.lastIdx;
    if (key !== this.lastKey) {
      i = t.add(key, line);
      this.lastKey = key;
      this.lastIdx = i;
    }
    if (value !== value) t.nMiss[i]++;
    else {
      t.value[i] += value;
      t.nVal[i]++;
    }
  }

  /**
   * Finish: order the cells, convert cumulative values when asked (`'auto'`
   * decides from the data), and fill the report's cells, codes, period and notes.
   * @throws {InputError} when converted year-to-date values would be negative
   */
  finish(cumulative: boolean | 'auto', report: ImportReport, fn: string, file: string): TidyCells {
    if (this.grid) return this.finishGrid(this.grid, cumulative, report, fn, file);
    const t = this.table;
    const n = t.size;
    const keep = this.keepSubs;
    // partial sums and all-missing cells
    let allMissing = 0;
    let partial = 0;
    for (let i = 0; i < n; i++) {
      if (t.nVal[i] === 0) allMissing++;
      else if (t.nMiss[i] > 0) partial++;
    }
    noteMissingCells(report, allMissing, partial);
    const cells = new TableCells(t, keep, this);
    const monthly = yearToDateToMonthly(cells, cumulative, report, fn, file);
    // emit in key order, skipping missing
    const sorted = t.key.slice(0, n).sort();
    const codes: string[] = [];
    const code = new Int32Array(n);
    const month = new Int32Array(n);
    const value = new Float64Array(n);
    const sub = keep ? new Int32Array(n) : undefined;
    let k = 0;
    let lastCode = -1;
    let minM = Infinity;
    let maxM = -Infinity;
    for (let r = 0; r < n; r++) {
      const key = sorted[r];
      const i = t.get(key);
      const v = monthly ? monthly[i] : cells.value(i);
      if (v !== v) continue;
      const cm = keep ? Math.floor(key / SUB_STRIDE) : key;
      const c = Math.floor(cm / MONTH_STRIDE);
      const m = cm - c * MONTH_STRIDE;
      if (c !== lastCode) {
        codes.push(this.codeString(c));
        lastCode = c;
      }
      code[k] = codes.length - 1;
      month[k] = m;
      value[k] = v;
      if (sub) sub[k] = key - cm * SUB_STRIDE;
      if (m < minM) minM = m;
      if (m > maxM) maxM = m;
      k++;
    }
    summarise(report, codes.length, k, this.level, minM, maxM);
    const res: TidyCells = {
      level: this.level,
      codes,
      n: k,
      code: code.slice(0, k),
      month: month.slice(0, k),
      value: value.slice(0, k),
    };
    if (sub) {
      res.sub = sub.slice(0, k);
      res.subs = this.combos.slice();
    }
    return res;
  }

  private finishGrid(
    g: CellGrid,
    cumulative: boolean | 'auto',
    report: ImportReport,
    fn: string,
    file: string,
  ): TidyCells {
    const S = g.span;
    const nSlots = g.codeInts.length;
    let allMissing = 0;
    let partial = 0;
    let present = 0;
    for (let s = 0; s < nSlots; s++) {
      const vals = g.vals[s];
      const line = g.line[s];
      const miss = g.miss[s];
      for (let t = 0; t < S; t++) {
        if (line[t] === 0) continue;
        present++;
        if (vals[t] !== vals[t]) allMissing++;
        else if (miss[t] > 0) partial++;
      }
    }
    noteMissingCells(report, allMissing, partial);
    const monthly = yearToDateToMonthly(new GridCells(g, this), cumulative, report, fn, file);
    // each code's row of monthly values (position = slot × span + month offset)
    const out = monthly ? g.vals.map((_, s) => monthly.subarray(s * S, (s + 1) * S)) : g.vals;
    const order = Array.from({ length: nSlots }, (_, k) => k).sort((a, b) => g.codeInts[a] - g.codeInts[b]);
    // a cell without a row has no value, and the rows' sums are the values unless converted from year to date
    let n = present - allMissing;
    if (monthly) {
      n = 0;
      for (let s = 0; s < nSlots; s++) for (let t = 0; t < S; t++) if (out[s][t] === out[s][t]) n++;
    }
    const codes: string[] = [];
    const slotCodes: string[] = new Array<string>(nSlots);
    const code = new Int32Array(n);
    const month = new Int32Array(n);
    const value = new Float64Array(n);
    let k = 0;
    let minM = Infinity;
    let maxM = -Infinity;
    for (const s of order) {
      const name = this.codeString(g.codeInts[s]);
      slotCodes[s] = name;
      let has = false;
      const row = out[s];
      for (let t = 0; t < S; t++) {
        const v = row[t];
        if (v !== v) continue;
        if (!has) {
          codes.push(name);
          has = true;
        }
        code[k] = codes.length - 1;
        const m = g.base + t;
        month[k] = m;
        value[k] = v;
        if (m < minM) minM = m;
        if (m > maxM) maxM = m;
        k++;
      }
    }
    summarise(report, codes.length, k, this.level, minM, maxM);
    this.dense = {
      months: Array.from({ length: S }, (_, t) => monthLabel(g.base + t)),
      codes: slotCodes,
      values: out,
    };
    return { level: this.level, codes, n: k, code, month, value };
  }

  /** The code text of a code integer at this level. */
  codeString(c: number): string {
    return String(c).padStart(this.level === 'HS8' ? 8 : 6, '0');
  }
}

/** The hash table's cells as {@link MonthCells}: position = the cell's dense slot. */
class TableCells implements MonthCells {
  readonly n: number;
  private readonly stride: number;

  constructor(
    private readonly t: CellTable,
    private readonly keep: boolean,
    private readonly names: { codeString(c: number): string },
  ) {
    this.n = t.size;
    this.stride = keep ? SUB_STRIDE : 1;
  }

  private cm(i: number): number {
    const key = this.t.key[i];
    return this.keep ? Math.floor(key / SUB_STRIDE) : key;
  }

  value(i: number): number {
    return this.t.nVal[i] > 0 ? this.t.value[i] : NaN;
  }

  month(i: number): number {
    const cm = this.cm(i);
    return cm - Math.floor(cm / MONTH_STRIDE) * MONTH_STRIDE;
  }

  prev(i: number): number {
    return this.month(i) === 0 ? -1 : this.t.get(this.t.key[i] - this.stride);
  }

  line(i: number): number {
    return this.t.line[i];
  }

  code(i: number): string {
    return this.names.codeString(Math.floor(this.cm(i) / MONTH_STRIDE));
  }
}

/** The grid's cells as {@link MonthCells}: position = slot × span + month offset. */
class GridCells implements MonthCells {
  readonly n: number;

  constructor(
    private readonly g: CellGrid,
    private readonly names: { codeString(c: number): string },
  ) {
    this.n = g.codeInts.length * g.span;
  }

  value(i: number): number {
    const s = (i / this.g.span) | 0;
    return this.g.vals[s][i - s * this.g.span];
  }

  month(i: number): number {
    return this.g.base + (i % this.g.span);
  }

  prev(i: number): number {
    return i % this.g.span === 0 ? -1 : i - 1;
  }

  line(i: number): number {
    const s = (i / this.g.span) | 0;
    return this.g.line[s][i - s * this.g.span];
  }

  code(i: number): string {
    return this.names.codeString(this.g.codeInts[(i / this.g.span) | 0]);
  }
}

/** Report cells left missing and cells summed over partly missing rows (one wording for both layouts). */
function noteMissingCells(report: ImportReport, allMissing: number, partial: number): void {
  if (allMissing > 0)
    report.notes.push(`${fmtCount(allMissing)} cells had only missing values (empty or "-"): left missing, not zero`);
  if (partial > 0)
    report.notes.push(
      `${fmtCount(partial)} cells sum several rows of which some were missing: the sum covers the rows with values`,
    );
}

/** The report's summary of the cells built (one wording for both layouts). */
function summarise(
  report: ImportReport,
  codes: number,
  cells: number,
  level: ImportReport['level'],
  minM: number,
  maxM: number,
): void {
  report.codes = codes;
  report.cells = cells;
  report.level = level;
  report.period = cells > 0 ? [monthLabel(minM), monthLabel(maxM)] : null;
}
