/**
 * The duplicate-row guard of the importers: finds records with the same code,
 * month and partner/regime/province key, with bounded memory for files grouped or
 * sorted by those keys (and a full key index otherwise), plus the numbering of
 * partner/regime/province keys it compares.
 *
 * @module io/importers/dup-guard
 */
import { MONTH_STRIDE as CELL_MONTH_STRIDE } from './cell-table.js';

// A local copy for the per-row path: bundlers compile imported names to getter calls.
const MONTH_STRIDE = CELL_MONTH_STRIDE;

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
 * @example
 * const g = new DupGuard('stream');
 * g.check(1012100, 1380, 116, 10, -1, 5, 2); // => -1 (a new key: code, month, partner 116, regime 10)
 * g.check(1012100, 1380, 116, 10, -1, 5, 3); // => 2 (the same key as line 2)
 * g.dupValue; // => 5 (line 2's value)
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
  /** The current run's sub-keys have risen at every record so far (its hash table is not built). */
  private rising = true;

  constructor(readonly mode: 'hash' | 'stream') {}

  /** Stream mode: the last key checked (code, month, s0, s1, s2), or [] before any. */
  lastKey(): number[] {
    return this.prevCm < 0 ? [] : [this.prevCode, this.prevMonth, this.p0, this.p1, this.p2];
  }

  /** Stream mode: the orders (one bit each) every pair of neighbouring records so far kept; 0 = none (restart). */
  get orderFlags(): number {
    return this.flags;
  }

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
    if (cm === this.prevCm) {
      // same code and month: the sub-key orders need a non-decreasing sub-key
      const cs = s0 !== this.p0 ? s0 - this.p0 : s1 !== this.p1 ? s1 - this.p1 : s2 - this.p2;
      // while the run's sub-keys rise (the usual sorted file), a key above the last is new: no look-up; the run's
      // small hash table is built only when a key does not rise
      if (cs <= 0 || !this.rising) {
        if (this.rising) this.indexRun();
        const mask = this.rtMask;
        let slot = runHash(s0, s1, s2) & mask;
        for (;;) {
          if (this.rtGen[slot] !== this.gen) break;
          const k = this.rtIdx[slot];
          if (this.run0[k] === s0 && this.run1[k] === s1 && this.run2[k] === s2) {
            this.dupValue = this.runV[k];
            return this.runL[k];
          }
          slot = (slot + 1) & mask;
        }
        if (cs < 0) this.flags &= 0b000011;
        this.rtGen[slot] = this.gen;
        this.rtIdx[slot] = this.runN;
      }
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
      this.rising = true;
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
    if (!this.rising && this.runN * 2 > this.rtMask) this.indexRun();
    return -1;
  }

  /**
   * Index the current run's keys so far in its hash table (a new generation of it), grown to more than twice their
   * number: once its sub-keys stop rising, and again whenever it fills up.
   */
  private indexRun(): void {
    this.rising = false;
    let size = this.rtMask + 1;
    if (this.runN * 2 >= size) {
      while (this.runN * 2 >= size) size *= 2;
      this.rtMask = size - 1;
      this.rtIdx = new Int32Array(size);
      this.rtGen = new Int32Array(size);
    }
    const mask = this.rtMask;
    const gen = ++this.gen;
    for (let k = 0; k < this.runN; k++) {
      let h = runHash(this.run0[k], this.run1[k], this.run2[k]) & mask;
      while (this.rtGen[h] === gen) h = (h + 1) & mask;
      this.rtGen[h] = gen;
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
 * @example
 * const ids = new SubInterner();
 * [ids.id('116'), ids.id('Japan'), ids.id('Korea'), ids.id('Japan'), ids.id('')]; // => [116, 1000000000000000, 1000000000000001, 1000000000000000, -1]
 */
export class SubInterner {
  private map = new Map<string, number>();
  /** Text keys numbered so far. */
  get size(): number {
    return this.map.size;
  }
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
