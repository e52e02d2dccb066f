/**
 * The cell table of the importers: an open-addressing hash table from exact
 * integer cell keys to dense slots holding a running sum, counts of valued and
 * missing rows, and the first line of each cell.
 *
 * Cell keys are exact integers below 2^53: codeInt × 4096 + monthIndex for a
 * code × month cell, times 8192 plus a partner/regime combination id when
 * partners are kept.
 *
 * @module io/importers/cell-table
 */

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
