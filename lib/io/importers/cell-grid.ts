/**
 * The dense cell layout of the importers' aggregator: a grid of code × month
 * cells for imports that sum over partners — the counterpart of the hash
 * {@link CellTable} used when partners are kept.
 *
 * @module io/importers/cell-grid
 */

/** A {@link CellGrid} as flat typed arrays: row s is code `codes[s]`, month `base + t` at `s × span + t`. */
export interface PackedGrid {
  codes: Int32Array;
  base: number;
  span: number;
  vals: Float64Array;
  miss: Uint8Array;
  line: Int32Array;
}

/** Codes per block of the grid's rows: one allocation of each typed array per block, not per code. */
const GRID_BLOCK = 256;

/**
 * Dense code × month storage for imports that sum over partners: one row of
 * months per code (relaid when a month falls outside the current range), so a
 * cell costs 13 bytes and needs no hashing. The rows are views into blocks of
 * {@link GRID_BLOCK} codes (allocating typed arrays one by one cost more than
 * filling them). Row `s` holds code `codeInts[s]`; month `base + t` is at `t`:
 * `vals` the running sum (NaN until a value is added), `miss` the count of
 * missing rows (up to 255), `line` the first line (0 = no row).
 * @example
 * const g = new CellGrid();
 * g.add(1012100, 1380, 5, 2); g.add(1012100, 1380, 7, 3); g.add(1012100, 1381, NaN, 4); // 2015-01: 5 + 7; 2015-02 missing
 * [g.codeInts, g.vals[0][1380 - g.base], g.miss[0][1381 - g.base], g.line[0][1380 - g.base]]; // => [[1012100], 12, 1, 2]
 */
export class CellGrid {
  private readonly slotOf = new Map<number, number>();
  readonly codeInts: number[] = [];
  private lastCode = -1;
  private lastVals: Float64Array = new Float64Array(0);
  private lastMiss: Uint8Array = new Uint8Array(0);
  private lastLine: Int32Array = new Int32Array(0);
  base = 0;
  span = 0;
  vals: Float64Array[] = [];
  miss: Uint8Array[] = [];
  line: Int32Array[] = [];
  private blockUsed = GRID_BLOCK;
  private blockVals: Float64Array = new Float64Array(0);
  private blockMiss: Uint8Array = new Uint8Array(0);
  private blockLine: Int32Array = new Int32Array(0);

  /** Add a row's value (NaN = missing) to the cell of code × month `m`, first seen on line `lineNo`. */
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

  /**
   * Put a finished cell (sum, missing rows, first line) into an empty cell; false when
   * the cell already had a row (the caller cannot merge sums in file order then).
   */
  put(code: number, m: number, sum: number, missing: number, lineNo: number): boolean {
    if (code !== this.lastCode) this.select(code, m);
    let t = m - this.base;
    if (t < 0 || t >= this.span) {
      this.widen(m);
      this.select(code, m);
      t = m - this.base;
    }
    if (this.lastLine[t] !== 0) return false;
    this.lastLine[t] = lineNo;
    this.lastMiss[t] = missing;
    this.lastVals[t] = sum;
    return true;
  }

  /** The grid as flat typed arrays (row s = codes[s], months base … base + span − 1), to move between threads. */
  pack(): PackedGrid {
    const n = this.codeInts.length;
    const S = this.span;
    const p: PackedGrid = {
      codes: Int32Array.from(this.codeInts),
      base: this.base,
      span: S,
      vals: new Float64Array(n * S),
      miss: new Uint8Array(n * S),
      line: new Int32Array(n * S),
    };
    for (let s = 0; s < n; s++) {
      p.vals.set(this.vals[s], s * S);
      p.miss.set(this.miss[s], s * S);
      p.line.set(this.line[s], s * S);
    }
    return p;
  }

  /**
   * Put every cell of a packed grid, its lines shifted by `lineOffset`; false as soon
   * as a cell was already present.
   * @example
   * const a = new CellGrid(); a.add(1012100, 1380, 5, 2);
   * const b = new CellGrid(); b.add(1012100, 1381, 7, 1);
   * [a.merge(b.pack(), 10), a.vals[0][1381 - a.base], a.line[0][1381 - a.base], a.merge(b.pack(), 10)]; // => [true, 7, 11, false]
   */
  merge(p: PackedGrid, lineOffset: number): boolean {
    const S = p.span;
    const { line, vals, miss } = p;
    for (let s = 0; s < p.codes.length; s++) {
      const code = p.codes[s];
      const row = s * S;
      let t0 = 0;
      while (t0 < S && line[row + t0] === 0) t0++;
      if (t0 === S) continue;
      let t1 = S - 1;
      while (line[row + t1] === 0) t1--;
      const off = p.base - this.base;
      if (this.span === 0 || off + t0 < 0 || off + t1 >= this.span) {
        // months outside this grid: cell by cell, widening as put does
        for (let t = t0; t <= t1; t++)
          if (
            line[row + t] !== 0 &&
            !this.put(code, p.base + t, vals[row + t], miss[row + t], line[row + t] + lineOffset)
          )
            return false;
        continue;
      }
      this.select(code, p.base + t0);
      const ln = this.lastLine;
      const va = this.lastVals;
      const mi = this.lastMiss;
      for (let t = t0; t <= t1; t++) {
        const i = row + t;
        if (line[i] === 0) continue;
        const u = off + t;
        if (ln[u] !== 0) return false;
        ln[u] = line[i] + lineOffset;
        mi[u] = miss[i];
        va[u] = vals[i];
      }
    }
    return true;
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
      this.pushRow();
    }
    this.lastCode = code;
    this.lastVals = this.vals[slot];
    this.lastMiss = this.miss[slot];
    this.lastLine = this.line[slot];
  }

  /** Append an empty row (all months missing) of the current span, from the current block or a new one. */
  private pushRow(): void {
    const span = this.span;
    if (this.blockUsed === GRID_BLOCK) {
      this.blockVals = new Float64Array(GRID_BLOCK * span).fill(NaN);
      this.blockMiss = new Uint8Array(GRID_BLOCK * span);
      this.blockLine = new Int32Array(GRID_BLOCK * span);
      this.blockUsed = 0;
    }
    const a = this.blockUsed++ * span;
    this.vals.push(this.blockVals.subarray(a, a + span));
    this.miss.push(this.blockMiss.subarray(a, a + span));
    this.line.push(this.blockLine.subarray(a, a + span));
  }

  private widen(m: number): void {
    let lo = this.base;
    let hi = this.base + this.span - 1;
    const grow = Math.max(24, this.span >> 1);
    if (m < lo) lo = Math.max(0, Math.min(m - 12, lo - grow));
    if (m > hi) hi = Math.max(m + 12, hi + grow);
    const off = this.base - lo;
    const { vals, miss, line } = this;
    this.vals = [];
    this.miss = [];
    this.line = [];
    this.base = lo;
    this.span = hi - lo + 1;
    this.blockUsed = GRID_BLOCK; // rows of the new span start a new block
    for (let s = 0; s < vals.length; s++) {
      this.pushRow();
      this.vals[s].set(vals[s], off);
      this.miss[s].set(miss[s], off);
      this.line[s].set(line[s], off);
    }
    this.lastCode = -1;
  }
}
