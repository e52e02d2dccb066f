/**
 * Typed-array aggregation for the importers and the panel loader: an
 * open-addressing hash table of numeric cell keys, a duplicate-row guard with
 * bounded memory for sorted files, and the conversion of the aggregated cells
 * to the tidy columns every importer returns.
 *
 * Cell keys are exact integers below 2^53: codeInt × 4096 + monthIndex for a
 * code × month cell, times 8192 plus a partner/regime combination id when
 * partners are kept.
 *
 * @module importers/cells
 */
import { fail, failAt } from '../../core/errors.js';
import { monthLabel } from '../../core/months.js';
import { fmtCount, type ImportReport } from './report.js';

/** Months are packed in 12 bits of a cell key. */
export const MONTH_STRIDE = 4096;
/** Partner/regime combinations are packed in 13 bits of a kept-partner cell key. */
export const SUB_STRIDE = 8192;

/**
 * An open-addressing hash table from exact integer keys (< 2^53) to dense slots
 * holding a running sum, counts of valued and missing rows, and the first line.
 *
 * @example
 * const t = new CellTable(); const key = 1012100 * 4096 + 1380; // code 01012100, month 2015-01
 * const i = t.add(key, 7); t.value[i] += 5; // a new cell (first seen on line 7) summing 5
 * t.get(key) === i; // => true (get returns the cell's slot; -1 for an unknown key)
 * t.value[t.get(key)]; // => 5
 */
export class CellTable {
  size = 0;
  private mask: number;
  private slots: Int32Array;
  key: Float64Array;
  value: Float64Array;
  nVal: Int32Array;
  nMiss: Int32Array;
  line: Int32Array;
  /** True when the last {@link add} created the cell. */
  created = false;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap);
    const dense = Math.max(8, capacity);
    this.key = new Float64Array(dense);
    this.value = new Float64Array(dense);
    this.nVal = new Int32Array(dense);
    this.nMiss = new Int32Array(dense);
    this.line = new Int32Array(dense);
  }

  private static hash(key: number): number {
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    return h;
  }

  /** Dense index of a key, or -1. */
  get(key: number): number {
    const mask = this.mask;
    let h = CellTable.hash(key) & mask;
    for (;;) {
      const s = this.slots[h];
      if (s === 0) return -1;
      if (this.key[s - 1] === key) return s - 1;
      h = (h + 1) & mask;
    }
  }

  /** Dense index of a key, created (zero sum, given first line) when new. */
  add(key: number, line: number): number {
    const mask = this.mask;
    let h = CellTable.hash(key) & mask;
    for (;;) {
      const s = this.slots[h];
      if (s === 0) break;
      if (this.key[s - 1] === key) {
        this.created = false;
        return s - 1;
      }
      h = (h + 1) & mask;
    }
    const idx = this.size++;
    if (idx === this.key.length) this.growDense();
    this.key[idx] = key;
    this.value[idx] = 0;
    this.nVal[idx] = 0;
    this.nMiss[idx] = 0;
    this.line[idx] = line;
    this.slots[h] = idx + 1;
    this.created = true;
    if (this.size * 10 > (mask + 1) * 7) this.rehash();
    return idx;
  }

  private growDense(): void {
    const n = this.key.length * 2;
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.key = grow(this.key, (k) => new Float64Array(k));
    this.value = grow(this.value, (k) => new Float64Array(k));
    this.nVal = grow(this.nVal, (k) => new Int32Array(k));
    this.nMiss = grow(this.nMiss, (k) => new Int32Array(k));
    this.line = grow(this.line, (k) => new Int32Array(k));
  }

  private rehash(): void {
    const cap = (this.mask + 1) * 2;
    const mask = cap - 1;
    const slots = new Int32Array(cap);
    for (let i = 0; i < this.size; i++) {
      let h = CellTable.hash(this.key[i]) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = i + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Thrown inside a streaming pass when the file turns out not to be sorted; the importer restarts in hash mode. */
export class RestartUnsorted extends Error {
  constructor() {
    super('file is not sorted: restart with the hash duplicate check');
  }
}

function runHash(s0: number, s1: number, s2: number): number {
  let h = Math.imul(s0 >>> 0, 0x9e3779b1) ^ Math.imul(s1 >>> 0, 0x85ebca77) ^ Math.imul(s2 >>> 0, 0xc2b2ae3d);
  h ^= h >>> 15;
  return Math.imul(h, 0x27d4eb2d) ^ (h >>> 13);
}

function lex(a: number, b: number, c: number): boolean {
  return a !== 0 ? a > 0 : b !== 0 ? b > 0 : c >= 0;
}

/**
 * Finds duplicate records (same code, month and every partner/regime/province
 * column). Two modes:
 * - 'hash': remembers every key (memory grows with the rows; for ordinary downloads);
 * - 'stream': bounded memory for large files that are grouped by code × month or
 *   sorted in any order of (code, month, sub-key): it compares each record with the
 *   current code × month run and the previous record, and tracks whether the file is
 *   still in such an order. When no order holds any more, {@link check} throws
 *   {@link RestartUnsorted} and the caller reruns in 'hash' mode.
 */
export class DupGuard {
  /** Value of the earlier duplicate found by the last {@link check} (NaN = missing). */
  dupValue: number = NaN;
  private map = new Map<string, number>();
  private vals: number[] = [];
  private lines: number[] = [];
  // stream mode
  private prevCm = -1;
  private prevCode = -1;
  private prevMonth = -1;
  private p0 = 0;
  private p1 = 0;
  private p2 = 0;
  private flags = 0b111111;
  private runN = 0;
  private run0: Float64Array = new Float64Array(64);
  private run1: Float64Array = new Float64Array(64);
  private run2: Float64Array = new Float64Array(64);
  private runV: Float64Array = new Float64Array(64);
  private runL: Int32Array = new Int32Array(64);
  private rtIdx: Int32Array = new Int32Array(256);
  private rtGen: Int32Array = new Int32Array(256);
  private rtMask = 255;
  private gen = 1;

  constructor(readonly mode: 'hash' | 'stream') {}

  /**
   * Check one record. Returns -1 when its key is new, else the line of the earlier
   * record with the same key (whose value is left in {@link dupValue}).
   * @throws {RestartUnsorted} in stream mode once the file is in no sorted order
   */
  check(codeKey: number, month: number, s0: number, s1: number, s2: number, value: number, line: number): number {
    const cm = codeKey * MONTH_STRIDE + month;
    if (this.mode === 'hash') {
      const k = `${cm}|${s0}|${s1}|${s2}`;
      const hit = this.map.get(k);
      if (hit !== undefined) {
        this.dupValue = this.vals[hit];
        return this.lines[hit];
      }
      this.map.set(k, this.vals.length);
      this.vals.push(value);
      this.lines.push(line);
      return -1;
    }
    let slot: number;
    if (cm === this.prevCm) {
      // look the sub-key up in this code × month run's small hash table
      const mask = this.rtMask;
      slot = runHash(s0, s1, s2) & mask;
      for (;;) {
        if (this.rtGen[slot] !== this.gen) break;
        const k = this.rtIdx[slot];
        if (this.run0[k] === s0 && this.run1[k] === s1 && this.run2[k] === s2) {
          this.dupValue = this.runV[k];
          return this.runL[k];
        }
        slot = (slot + 1) & mask;
      }
      // same code and month: the sub-key orders need a non-decreasing sub-key
      const cs = s0 !== this.p0 ? s0 - this.p0 : s1 !== this.p1 ? s1 - this.p1 : s2 - this.p2;
      if (cs < 0) this.flags &= 0b000011;
    } else {
      const cc = codeKey - this.prevCode;
      const cmo = month - this.prevMonth;
      const cs = s0 !== this.p0 ? s0 - this.p0 : s1 !== this.p1 ? s1 - this.p1 : s2 - this.p2;
      let f = this.flags;
      if (!(cc > 0 || (cc === 0 && cmo > 0))) f &= ~0b000001; // grouped by code, month
      if (!(cmo > 0 || (cmo === 0 && cc > 0))) f &= ~0b000010; // grouped by month, code
      if (!lex(cc, cs, cmo)) f &= ~0b000100;
      if (!lex(cs, cc, cmo)) f &= ~0b001000;
      if (!lex(cmo, cs, cc)) f &= ~0b010000;
      if (!lex(cs, cmo, cc)) f &= ~0b100000;
      this.flags = f;
      this.prevCm = cm;
      this.prevCode = codeKey;
      this.prevMonth = month;
      this.runN = 0;
      this.gen++;
      slot = runHash(s0, s1, s2) & this.rtMask;
    }
    if (this.flags === 0) throw new RestartUnsorted();
    this.p0 = s0;
    this.p1 = s1;
    this.p2 = s2;
    const k = this.runN;
    if (k === this.run0.length) this.growRun();
    this.run0[k] = s0;
    this.run1[k] = s1;
    this.run2[k] = s2;
    this.runV[k] = value;
    this.runL[k] = line;
    this.runN = k + 1;
    this.rtGen[slot] = this.gen;
    this.rtIdx[slot] = k;
    if (this.runN * 2 > this.rtMask) this.growTable();
    return -1;
  }

  private growTable(): void {
    const size = (this.rtMask + 1) * 2;
    this.rtMask = size - 1;
    this.rtIdx = new Int32Array(size);
    this.rtGen = new Int32Array(size);
    for (let k = 0; k < this.runN; k++) {
      let h = runHash(this.run0[k], this.run1[k], this.run2[k]) & this.rtMask;
      while (this.rtGen[h] === this.gen) h = (h + 1) & this.rtMask;
      this.rtGen[h] = this.gen;
      this.rtIdx[h] = k;
    }
  }

  private growRun(): void {
    const n = this.run0.length * 2;
    const f = (a: Float64Array): Float64Array => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.run0 = f(this.run0);
    this.run1 = f(this.run1);
    this.run2 = f(this.run2);
    this.runV = f(this.runV);
    const l = new Int32Array(n);
    l.set(this.runL);
    this.runL = l;
  }
}

/**
 * Numbers for partner/regime/province keys: an all-digit code is its own value;
 * other text gets an id above 10^15 in order of appearance.
 */
export class SubInterner {
  private map = new Map<string, number>();
  /** Number for a text key. */
  id(text: string): number {
    if (text === '') return -1;
    if (/^\d{1,15}$/.test(text)) return Number(text);
    let v = this.map.get(text);
    if (v === undefined) {
      v = 1e15 + this.map.size;
      this.map.set(text, v);
    }
    return v;
  }
}

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
 * Dense code × month storage for imports that sum over partners: one row of
 * months per code (relaid when a month falls outside the current range), so a
 * cell costs 13 bytes and needs no hashing.
 */
class Grid {
  private readonly slotOf = new Map<number, number>();
  readonly codeInts: number[] = [];
  private lastCode = -1;
  private lastSlot = -1;
  private lastVals: Float64Array = new Float64Array(0);
  private lastMiss: Uint8Array = new Uint8Array(0);
  private lastLine: Int32Array = new Int32Array(0);
  base = 0;
  span = 0;
  vals: Float64Array[] = [];
  miss: Uint8Array[] = [];
  line: Int32Array[] = [];

  add(code: number, m: number, value: number, lineNo: number): void {
    if (code !== this.lastCode) this.select(code, m);
    let t = m - this.base;
    if (t < 0 || t >= this.span) {
      this.widen(m);
      this.select(code, m);
      t = m - this.base;
    }
    const ln = this.lastLine;
    if (ln[t] === 0) ln[t] = lineNo;
    if (value !== value) {
      const mi = this.lastMiss;
      if (mi[t] < 255) mi[t]++;
    } else {
      const va = this.lastVals;
      const v0 = va[t];
      va[t] = v0 !== v0 ? value : v0 + value;
    }
  }

  private select(code: number, m: number): void {
    let slot = this.slotOf.get(code);
    if (slot === undefined) {
      if (this.span === 0) {
        this.base = Math.max(0, m - 12);
        this.span = 96;
      }
      slot = this.codeInts.length;
      this.codeInts.push(code);
      this.slotOf.set(code, slot);
      this.vals.push(new Float64Array(this.span).fill(NaN));
      this.miss.push(new Uint8Array(this.span));
      this.line.push(new Int32Array(this.span));
    }
    this.lastCode = code;
    this.lastSlot = slot;
    this.lastVals = this.vals[slot];
    this.lastMiss = this.miss[slot];
    this.lastLine = this.line[slot];
  }

  private widen(m: number): void {
    let lo = this.base;
    let hi = this.base + this.span - 1;
    const grow = Math.max(24, this.span >> 1);
    if (m < lo) lo = Math.max(0, Math.min(m - 12, lo - grow));
    if (m > hi) hi = Math.max(m + 12, hi + grow);
    const span = hi - lo + 1;
    const off = this.base - lo;
    for (let s = 0; s < this.codeInts.length; s++) {
      const v = new Float64Array(span).fill(NaN);
      v.set(this.vals[s], off);
      this.vals[s] = v;
      const mi = new Uint8Array(span);
      mi.set(this.miss[s], off);
      this.miss[s] = mi;
      const l = new Int32Array(span);
      l.set(this.line[s], off);
      this.line[s] = l;
    }
    this.base = lo;
    this.span = span;
    this.lastCode = -1;
  }
}

/**
 * Collects rows into code × month (× partner/regime) cells, then turns them into
 * {@link TidyCells}: converting year-to-date values to monthly when asked, and
 * counting what it did in the report.
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
    if (!keepSubs) this.grid = new Grid();
  }

  private readonly grid: Grid | undefined;

  /** Id of a partner/regime combination (kept partners only). */
  comboId(partner: string, regime: string, fn: string, file: string, line: number): number {
    const k = `${partner}\u0000${regime}`;
    let id = this.comboIds.get(k);
    if (id === undefined) {
      id = this.combos.length;
      if (id >= SUB_STRIDE) failAt(fn, { file, line }, `more than ${SUB_STRIDE - 1} distinct partner/regime combinations: import without keepPartners`);
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
    const stride = this.keepSubs ? SUB_STRIDE : 1;
    const sorted = t.key.slice(0, n).sort();
    const keep = this.keepSubs;
    const monthOf = (key: number): number => {
      const cm = keep ? Math.floor(key / SUB_STRIDE) : key;
      return cm - Math.floor(cm / MONTH_STRIDE) * MONTH_STRIDE;
    };
    const codeOf = (key: number): number => Math.floor((keep ? Math.floor(key / SUB_STRIDE) : key) / MONTH_STRIDE);
    const val = (i: number): number => (t.nVal[i] > 0 ? t.value[i] : NaN);
    // partial sums and all-missing cells
    let allMissing = 0;
    let partial = 0;
    for (let i = 0; i < n; i++) {
      if (t.nVal[i] === 0) allMissing++;
      else if (t.nMiss[i] > 0) partial++;
    }
    noteMissingCells(report, allMissing, partial);
    // cumulative?
    let isCum = cumulative === true;
    if (cumulative === 'auto') {
      let pairs = 0;
      let up = 0;
      for (let i = 0; i < n; i++) {
        const m = monthOf(t.key[i]);
        if (m % 12 === 0) continue;
        const j = t.get(t.key[i] - stride);
        if (j < 0) continue;
        const a = val(j);
        const b = val(i);
        if (a !== a || b !== b) continue;
        pairs++;
        if (b >= a) up++;
      }
      isCum = pairs >= 6 && up >= 0.9 * pairs;
      report.notes.push(autoNote(pairs, up, isCum));
    }
    const out = new Float64Array(n);
    if (isCum) {
      let noPrev = 0;
      for (let i = 0; i < n; i++) {
        const key = t.key[i];
        const m = monthOf(key);
        const v = val(i);
        if (m % 12 === 0 || v !== v) {
          out[i] = v;
          continue;
        }
        const j = t.get(key - stride);
        const prev = j < 0 ? NaN : val(j);
        if (prev !== prev) {
          out[i] = NaN;
          noPrev++;
          continue;
        }
        const d = v - prev;
        if (d < 0) {
          failAt(
            fn,
            { file, line: t.line[i] },
            `year-to-date value falls from ${prev} in ${monthLabel(m - 1)} (line ${t.line[j]}) to ${v} in ${monthLabel(m)} for code ${this.codeString(codeOf(key))}: not a cumulative series (is the file monthly? pass cumulative: false)`,
            v,
          );
        }
        out[i] = d;
      }
      report.notes.push('converted year-to-date cumulative values to monthly by differencing within each year (January kept as is)');
      if (noPrev > 0)
        report.notes.push(`${fmtCount(noPrev)} cumulative cells could not be differenced (previous month of the year missing): left missing`);
    } else {
      for (let i = 0; i < n; i++) out[i] = val(i);
    }
    report.cumulative = isCum;
    // emit in key order, skipping missing
    const codes: string[] = [];
    const code = new Int32Array(n);
    const month = new Int32Array(n);
    const value = new Float64Array(n);
    const sub = this.keepSubs ? new Int32Array(n) : undefined;
    let k = 0;
    let lastCode = -1;
    let minM = Infinity;
    let maxM = -Infinity;
    for (let r = 0; r < n; r++) {
      const key = sorted[r];
      const i = t.get(key);
      const v = out[i];
      if (v !== v) continue;
      const c = codeOf(key);
      const m = monthOf(key);
      const s = keep ? key - Math.floor(key / SUB_STRIDE) * SUB_STRIDE : 0;
      if (c !== lastCode) {
        codes.push(this.codeString(c));
        lastCode = c;
      }
      code[k] = codes.length - 1;
      month[k] = m;
      value[k] = v;
      if (sub) sub[k] = s;
      if (m < minM) minM = m;
      if (m > maxM) maxM = m;
      k++;
    }
    summarise(report, codes.length, k, this.level, minM, maxM);
    const res: TidyCells = { level: this.level, codes, n: k, code: code.slice(0, k), month: month.slice(0, k), value: value.slice(0, k) };
    if (sub) {
      res.sub = sub.slice(0, k);
      res.subs = this.combos.slice();
    }
    return res;
  }

  private finishGrid(g: Grid, cumulative: boolean | 'auto', report: ImportReport, fn: string, file: string): TidyCells {
    const S = g.span;
    const nSlots = g.codeInts.length;
    let allMissing = 0;
    let partial = 0;
    for (let s = 0; s < nSlots; s++) {
      const vals = g.vals[s];
      const line = g.line[s];
      const miss = g.miss[s];
      for (let t = 0; t < S; t++) {
        if (line[t] === 0) continue;
        if (vals[t] !== vals[t]) allMissing++;
        else if (miss[t] > 0) partial++;
      }
    }
    noteMissingCells(report, allMissing, partial);
    let isCum = cumulative === true;
    if (cumulative === 'auto') {
      let pairs = 0;
      let up = 0;
      for (let s = 0; s < nSlots; s++)
        for (let t = 1; t < S; t++) {
          if ((g.base + t) % 12 === 0) continue;
          const a = g.vals[s][t - 1];
          const b = g.vals[s][t];
          if (a !== a || b !== b) continue;
          pairs++;
          if (b >= a) up++;
        }
      isCum = pairs >= 6 && up >= 0.9 * pairs;
      report.notes.push(autoNote(pairs, up, isCum));
    }
    let out = g.vals;
    if (isCum) {
      out = g.vals.map(() => new Float64Array(S).fill(NaN));
      let noPrev = 0;
      for (let s = 0; s < nSlots; s++)
        for (let t = 0; t < S; t++) {
          const vals = g.vals[s];
          const line = g.line[s];
          const i = t;
          const v = vals[i];
          const m = g.base + t;
          if (v !== v) continue;
          if (m % 12 === 0) {
            out[s][i] = v;
            continue;
          }
          const prev = t > 0 ? vals[i - 1] : NaN;
          if (prev !== prev) {
            noPrev++;
            continue;
          }
          if (v < prev)
            failAt(
              fn,
              { file, line: line[i] },
              `year-to-date value falls from ${prev} in ${monthLabel(m - 1)} (line ${line[i - 1]}) to ${v} in ${monthLabel(m)} for code ${this.codeString(g.codeInts[s])}: not a cumulative series (is the file monthly? pass cumulative: false)`,
              v,
            );
          out[s][i] = v - prev;
        }
      report.notes.push('converted year-to-date cumulative values to monthly by differencing within each year (January kept as is)');
      if (noPrev > 0)
        report.notes.push(`${fmtCount(noPrev)} cumulative cells could not be differenced (previous month of the year missing): left missing`);
    }
    report.cumulative = isCum;
    const order = Array.from({ length: nSlots }, (_, k) => k).sort((a, b) => g.codeInts[a] - g.codeInts[b]);
    let n = 0;
    for (let s = 0; s < nSlots; s++) for (let t = 0; t < S; t++) if (out[s][t] === out[s][t]) n++;
    const codes: string[] = [];
    const code = new Int32Array(n);
    const month = new Int32Array(n);
    const value = new Float64Array(n);
    let k = 0;
    let minM = Infinity;
    let maxM = -Infinity;
    for (const s of order) {
      let has = false;
      for (let t = 0; t < S; t++) {
        const v = out[s][t];
        if (v !== v) continue;
        if (!has) {
          codes.push(this.codeString(g.codeInts[s]));
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
    return { level: this.level, codes, n: k, code, month, value };
  }

  /** The code text of a code integer at this level. */
  codeString(c: number): string {
    return String(c).padStart(this.level === 'HS8' ? 8 : 6, '0');
  }
}

function autoNote(pairs: number, up: number, isCum: boolean): string {
  return pairs >= 6
    ? `cumulative: 'auto' found ${fmtCount(up)} of ${fmtCount(pairs)} month-to-month steps within a year non-decreasing: values read as ${isCum ? 'year-to-date cumulative' : 'monthly'}`
    : `cumulative: 'auto' had too few month-to-month steps (${pairs}) to tell: values read as monthly (pass cumulative: true if the query was year-to-date)`;
}

/**
 * A fresh report with zero counts.
 * @example newReport('a.csv', 'customs').rowsRead; // => 0
 */
export function newReport(file: string, format: ImportReport['format']): ImportReport {
  return {
    file,
    format,
    encoding: 'utf-8',
    headerLanguage: 'en',
    rowsRead: 0,
    rowsUsed: 0,
    rejected: {},
    repairs: [],
    notes: [],
    duplicatesDropped: 0,
    period: null,
    codes: 0,
    level: 'HS8',
    cells: 0,
    cumulative: false,
  };
}

/**
 * Check the report's books balance: rowsRead = rowsUsed + Σ rejected + duplicatesDropped.
 * @throws {StudyError} when they do not (an importer bug)
 * @example assertBalanced(newReport('a.csv', 'customs')); // => undefined
 */
export function assertBalanced(r: ImportReport): void {
  const rej = Object.values(r.rejected).reduce((a, b) => a + b, 0);
  if (r.rowsRead !== r.rowsUsed + rej + r.duplicatesDropped)
    fail('assertBalanced', `import report does not balance: read ${r.rowsRead} ≠ used ${r.rowsUsed} + rejected ${rej} + duplicates ${r.duplicatesDropped}`, r.file);
}



/** Report cells left missing and cells summed over partly missing rows (one wording for both aggregation paths). */
function noteMissingCells(report: ImportReport, allMissing: number, partial: number): void {
  if (allMissing > 0) report.notes.push(`${fmtCount(allMissing)} cells had only missing values (empty or "-"): left missing, not zero`);
  if (partial > 0) report.notes.push(`${fmtCount(partial)} cells sum several rows of which some were missing: the sum covers the rows with values`);
}

/** The report's summary of the cells built (one wording for both aggregation paths). */
function summarise(report: ImportReport, codes: number, cells: number, level: ImportReport['level'], minM: number, maxM: number): void {
  report.codes = codes;
  report.cells = cells;
  report.level = level;
  report.period = cells > 0 ? [monthLabel(minM), monthLabel(maxM)] : null;
}
