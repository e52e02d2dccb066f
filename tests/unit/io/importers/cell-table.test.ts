/**
 * The importers' cell table (lib/io/importers/cell-table.ts): an open-addressing hash table from exact integer
 * cell keys to dense slots. Checked against a plain Map over random key sequences (small keys, keys near 2^53,
 * keys that differ only above bit 32, code × month keys), with enough keys to grow the dense arrays and rehash
 * several times; plus the exact sizes the constructor, growth and rehash choose, keys that share a home slot
 * (probing, wrapping past the last slot) and the hash itself.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CellTable, MONTH_STRIDE, SUB_STRIDE } from '../../../../lib/io/importers/cell-table.js';

/** The table's private slot index (the sizes it picks are part of its contract with the importers' memory use). */
const inner = (t: CellTable): { mask: number; slots: Int32Array } =>
  t as unknown as { mask: number; slots: Int32Array };
/** The table's private hash. */
const hash = (key: number): number => (CellTable as unknown as { hash(k: number): number }).hash(key);
/** The slot a key probes first in a table of `cap` slots. */
const home = (key: number, cap: number): number => hash(key) & (cap - 1);

/** The five dense arrays' lengths. */
const denseLengths = (t: CellTable): number[] => [t.key, t.value, t.nVal, t.nMiss, t.line].map((a) => a.length);

/** Slot invariants: each dense index 0..size-1 is in exactly one slot, the others are empty, at most 70 % full. */
function expectSlotsConsistent(t: CellTable): void {
  const { slots, mask } = inner(t);
  expect(slots.length).toBe(mask + 1);
  const used = [...slots].filter((s) => s !== 0).sort((a, b) => a - b);
  expect(used).toEqual(Array.from({ length: t.size }, (_, i) => i + 1));
  expect(t.size * 10).toBeLessThanOrEqual(slots.length * 7);
}

describe('CellTable constants', () => {
  it('months take 12 bits and partner/regime combinations 13', () => {
    expect(MONTH_STRIDE).toBe(4096);
    expect(SUB_STRIDE).toBe(8192);
  });
});

describe('CellTable sizes', () => {
  it.each([
    // capacity, dense length, slots (the smallest power of two ≥ 16 and ≥ 2 × capacity)
    [0, 8, 16],
    [1, 8, 16],
    [7, 8, 16],
    [8, 8, 16],
    [9, 9, 32],
    [16, 16, 32],
    [17, 17, 64],
    [100, 100, 256],
    [1024, 1024, 2048],
    [5000, 5000, 16384],
  ])('capacity %i: dense arrays of %i, %i slots, empty', (capacity, dense, slots) => {
    const t = new CellTable(capacity);
    expect(denseLengths(t)).toEqual([dense, dense, dense, dense, dense]);
    expect(inner(t).slots.length).toBe(slots);
    expect(inner(t).mask).toBe(slots - 1);
    expect(t.size).toBe(0);
    expect(t.created).toBe(false);
    expect(t.get(0)).toBe(-1);
  });

  it('the default capacity is 1024 cells (2048 slots)', () => {
    const t = new CellTable();
    expect(denseLengths(t)).toEqual([1024, 1024, 1024, 1024, 1024]);
    expect(inner(t).slots.length).toBe(2048);
    expect(inner(t).mask).toBe(2047);
  });

  it('the dense arrays double exactly when a cell finds them full, keeping every earlier cell', () => {
    const t = new CellTable(8);
    const lengths: number[] = [];
    for (let i = 0; i < 40; i++) {
      const idx = t.add(1000 + i, 2 + i);
      expect(idx).toBe(i);
      t.value[idx] = i * 1.5;
      t.nVal[idx] = i + 1;
      t.nMiss[idx] = 2 * i;
      lengths.push(t.key.length);
      expect(denseLengths(t)).toEqual([t.key.length, t.key.length, t.key.length, t.key.length, t.key.length]);
    }
    // 8 cells fit the first arrays, the 9th doubles them to 16, the 17th to 32, the 33rd to 64
    expect(lengths.slice(0, 8)).toEqual(Array(8).fill(8));
    expect(lengths.slice(8, 16)).toEqual(Array(8).fill(16));
    expect(lengths.slice(16, 32)).toEqual(Array(16).fill(32));
    expect(lengths.slice(32)).toEqual(Array(8).fill(64));
    for (let i = 0; i < 40; i++) {
      expect(t.get(1000 + i)).toBe(i);
      expect([t.key[i], t.value[i], t.nVal[i], t.nMiss[i], t.line[i]]).toEqual([
        1000 + i,
        i * 1.5,
        i + 1,
        2 * i,
        2 + i,
      ]);
    }
    // past the cells: zeros
    expect([t.key[40], t.value[40], t.nVal[40], t.nMiss[40], t.line[40]]).toEqual([0, 0, 0, 0, 0]);
  });

  it('the slots double when more than 70 % full: after the 12th cell of 16 slots, the 23rd of 32, the 45th of 64', () => {
    const t = new CellTable(8);
    const slots: number[] = [];
    for (let i = 0; i < 50; i++) {
      t.add(7 * i + 3, i);
      slots.push(inner(t).slots.length);
      expect(inner(t).mask).toBe(inner(t).slots.length - 1);
      expectSlotsConsistent(t);
    }
    expect(slots.slice(0, 11)).toEqual(Array(11).fill(16)); // 11 × 10 = 110 ≤ 16 × 7 = 112
    expect(slots.slice(11, 22)).toEqual(Array(11).fill(32)); // 12 × 10 = 120 > 112; 22 × 10 = 220 ≤ 224
    expect(slots.slice(22, 44)).toEqual(Array(22).fill(64)); // 23 × 10 = 230 > 224; 44 × 10 = 440 ≤ 448
    expect(slots.slice(44)).toEqual(Array(6).fill(128)); // 45 × 10 = 450 > 448
    for (let i = 0; i < 50; i++) expect(t.get(7 * i + 3)).toBe(i);
  });

  it('adding a key already there neither grows nor rehashes', () => {
    const t = new CellTable(8);
    for (let i = 0; i < 11; i++) t.add(i, i);
    for (let r = 0; r < 5; r++) for (let i = 0; i < 11; i++) expect(t.add(i, 99)).toBe(i);
    expect(t.size).toBe(11);
    expect(inner(t).slots.length).toBe(16);
    expect(t.key.length).toBe(16); // the 9th cell doubled the dense arrays once
    expect([...t.line.slice(0, 11)]).toEqual(Array.from({ length: 11 }, (_, i) => i));
  });
});

describe('CellTable add and get', () => {
  it('a new key gets the next dense index, a zero sum and counts, and the line it was first seen on', () => {
    const t = new CellTable(4);
    const key = 1012100 * MONTH_STRIDE + 1380;
    expect(t.get(key)).toBe(-1);
    expect(t.add(key, 7)).toBe(0);
    expect(t.created).toBe(true);
    expect(t.size).toBe(1);
    expect([t.key[0], t.value[0], t.nVal[0], t.nMiss[0], t.line[0]]).toEqual([key, 0, 0, 0, 7]);
    t.value[0] += 5;
    t.nVal[0]++;
    // the same key again: the same cell, not created, first line kept, sums untouched
    expect(t.add(key, 9)).toBe(0);
    expect(t.created).toBe(false);
    expect(t.size).toBe(1);
    expect([t.key[0], t.value[0], t.nVal[0], t.nMiss[0], t.line[0]]).toEqual([key, 5, 1, 0, 7]);
    // another key: created again
    expect(t.add(key + 1, 11)).toBe(1);
    expect(t.created).toBe(true);
    expect(t.size).toBe(2);
    expect(t.add(key, 12)).toBe(0);
    expect(t.created).toBe(false);
    expect(t.get(key)).toBe(0);
    expect(t.get(key + 1)).toBe(1);
    expect(t.get(key - 1)).toBe(-1);
    expect(t.get(key + 2)).toBe(-1);
  });

  it('keys near 2^53 and keys that differ only above bit 32 are distinct cells', () => {
    const keys = [
      2 ** 53 - 1,
      2 ** 53 - 2,
      2 ** 53 - 3,
      2 ** 53 - 2 ** 32 - 1,
      2 ** 52,
      2 ** 32,
      2 * 2 ** 32,
      3 * 2 ** 32,
      2 ** 32 + 1,
      0,
      1,
      99999999 * MONTH_STRIDE * SUB_STRIDE + 4095, // the largest kept-partner key of an 8-digit code
    ];
    const t = new CellTable(0);
    keys.forEach((k, i) => {
      expect(t.add(k, i + 2)).toBe(i);
      expect(t.created).toBe(true);
    });
    keys.forEach((k, i) => {
      expect(t.get(k)).toBe(i);
      expect(t.key[i]).toBe(k);
      expect(t.line[i]).toBe(i + 2);
    });
    expect(t.size).toBe(keys.length);
    expect(t.get(2 ** 53 - 4)).toBe(-1);
    expect(t.get(4 * 2 ** 32)).toBe(-1);
    expect(t.get(2)).toBe(-1);
    expectSlotsConsistent(t);
  });

  it('keys sharing a home slot probe on, wrapping from the last slot to the first; get follows them', () => {
    // 16 slots (capacity 8): five keys whose first slot is the last one, found among code × month keys
    const t = new CellTable(8);
    expect(inner(t).slots.length).toBe(16);
    const same: number[] = [];
    for (let k = 1; same.length < 6; k++)
      if (home(k * MONTH_STRIDE + 1380, 16) === 15) same.push(k * MONTH_STRIDE + 1380);
    const [a, b, c, d, e, absent] = same;
    [a, b, c, d, e].forEach((k, i) => expect(t.add(k, 10 + i)).toBe(i));
    // slot 15, then 0, 1, 2, 3
    expect([...inner(t).slots]).toEqual([2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    [a, b, c, d, e].forEach((k, i) => {
      expect(t.get(k)).toBe(i);
      expect(t.add(k, 99)).toBe(i);
      expect(t.created).toBe(false);
      expect(t.line[i]).toBe(10 + i);
    });
    expect(t.get(absent)).toBe(-1); // probes past all five to the empty slot 4
    expect(t.size).toBe(5);
  });

  it('after a rehash, keys that shared a slot are all found and nothing else is', () => {
    // keys with one home slot in 32 slots, added to a 16-slot table: the 12th cell rehashes them into 32
    const same: number[] = [];
    for (let k = 1; same.length < 12; k++) if (home(k, 32) === 31) same.push(k);
    const t = new CellTable(8);
    same.forEach((k, i) => expect(t.add(k, i)).toBe(i));
    expect(inner(t).slots.length).toBe(32);
    const slots = [...inner(t).slots];
    // the 12 cells in slot order 31, 0, 1, …, 10 (each probing on from the last)
    expect(slots[31]).toBe(1);
    expect(slots.slice(0, 11)).toEqual(Array.from({ length: 11 }, (_, i) => i + 2));
    expect(slots.slice(11, 31)).toEqual(Array(20).fill(0));
    same.forEach((k, i) => expect(t.get(k)).toBe(i));
    expect(t.get(0)).toBe(-1); // the dense arrays' unused entries hold key 0: never a cell
    for (let k = 0; k < 2000; k++) if (!same.includes(k)) expect(t.get(k)).toBe(-1);
  });

  it('key 0 is an ordinary key (an empty slot is 0, the dense index is stored plus one)', () => {
    const t = new CellTable(8);
    expect(t.get(0)).toBe(-1);
    expect(t.add(0, 3)).toBe(0);
    expect(t.get(0)).toBe(0);
    expect(t.add(0, 4)).toBe(0);
    expect(t.created).toBe(false);
    expect(t.line[0]).toBe(3);
    for (let i = 1; i < 30; i++) t.add(i, i);
    expect(t.get(0)).toBe(0);
    expectSlotsConsistent(t);
  });

  it('property: over random key sequences the table agrees with a Map (slots, sums, counts, first lines, created)', () => {
    const keyArb = fc.oneof(
      fc.integer({ min: 0, max: 40 }), // many repeats
      fc.integer({ min: 0, max: 3000 }).map((k) => 2 ** 53 - 1 - k), // near 2^53
      fc.integer({ min: 0, max: 2 ** 21 - 1 }).map((k) => k * 2 ** 32), // only the high word differs
      fc
        .tuple(fc.integer({ min: 1000000, max: 99999999 }), fc.integer({ min: 1300, max: 1500 }))
        .map(([code, month]) => code * MONTH_STRIDE + month),
    );
    const opArb = fc.record({
      key: keyArb,
      value: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 0, maxLength: 600 }),
        fc.constantFrom(0, 1, 8, 9, 64),
        fc.array(keyArb, { maxLength: 50 }),
        (ops, capacity, probes) => {
          const t = new CellTable(capacity);
          const want = new Map<number, { idx: number; sum: number; nVal: number; nMiss: number; line: number }>();
          ops.forEach((op, n) => {
            const line = n + 2;
            const old = want.get(op.key);
            const idx = t.add(op.key, line);
            expect(t.created).toBe(old === undefined);
            const w = old ?? { idx: want.size, sum: 0, nVal: 0, nMiss: 0, line };
            want.set(op.key, w);
            expect(idx).toBe(w.idx);
            expect(t.size).toBe(want.size);
            if (op.value === undefined) {
              t.nMiss[idx]++;
              w.nMiss++;
            } else {
              t.value[idx] += op.value;
              t.nVal[idx]++;
              w.sum += op.value;
              w.nVal++;
            }
          });
          expect(t.size).toBe(want.size);
          for (const [key, w] of want) {
            expect(t.get(key)).toBe(w.idx);
            expect([t.key[w.idx], t.value[w.idx], t.nVal[w.idx], t.nMiss[w.idx], t.line[w.idx]]).toEqual([
              key,
              w.sum,
              w.nVal,
              w.nMiss,
              w.line,
            ]);
          }
          for (const key of probes) expect(t.get(key)).toBe(want.get(key)?.idx ?? -1);
          expectSlotsConsistent(t);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('CellTable hash', () => {
  it('is a fixed function of the key (its exact values)', () => {
    // pinned: the slot layout, and so the importers' memory and speed, follow from these
    expect(hash(0)).toBe(1244442692);
    expect(hash(1)).toBe(596920426);
    expect(hash(4096)).toBe(2001251355);
    expect(hash(1012100 * 4096 + 1380)).toBe(-1026180240);
    expect(hash(2 ** 32)).toBe(-2023597461);
    expect(hash(2 ** 32 + 1)).toBe(-363101553);
    expect(hash(2 ** 53 - 1)).toBe(-1538938399);
    expect(hash(99999999 * 4096 * 8192 + 4095)).toBe(-817576877);
  });

  it('mixes both 32-bit words: keys differing only above bit 32, or only below, spread over the slots', () => {
    const high = new Set(Array.from({ length: 1000 }, (_, k) => home(k * 2 ** 32 + 12345, 4096)));
    const low = new Set(Array.from({ length: 1000 }, (_, k) => home(7 * 2 ** 32 + k, 4096)));
    // 1000 keys into 4096 slots land on about 890 distinct slots when the hash is good
    expect(high.size).toBeGreaterThan(850);
    expect(low.size).toBeGreaterThan(850);
  });
});
