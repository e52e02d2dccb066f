/**
 * The duplicate-row guard (lib/io/importers/dup-guard.ts): 'hash' mode remembers every key; 'stream' mode keeps
 * one code × month run and the order flags, and throws RestartUnsorted when no order holds. Checked: the line and
 * value of the earlier copy, keys that differ in one part only (including sub-keys that share a slot of the run's
 * table), runs long enough to grow the run's arrays and table, the six order flags against tuple comparison for
 * every kind of step, and the numbering of partner/regime/province keys.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DupGuard, RestartUnsorted, SubInterner } from '../../../../lib/io/importers/dup-guard.js';

type Sub = [number, number, number];

/** The stream guard's private run table (its size is the guard's bounded memory). */
const inner = (g: DupGuard): { rtMask: number; rtGen: Int32Array; gen: number; run0: Float64Array } =>
  g as unknown as { rtMask: number; rtGen: Int32Array; gen: number; run0: Float64Array };

/** The first slot a sub-key takes in a fresh run's table (256 slots; built when a key repeats). */
function homeSlot(sub: Sub): number {
  const g = new DupGuard('stream');
  g.check(1, 1, ...sub, 0, 2);
  g.check(1, 1, ...sub, 0, 3);
  const { rtGen, gen } = inner(g);
  return rtGen.findIndex((x) => x === gen);
}

/** A sub-key like `base` but for part `part`, with the same first slot as `base`. */
function sameSlot(base: Sub, part: 0 | 1 | 2): Sub {
  const h = homeSlot(base);
  for (let v = 100; ; v++) {
    const s: Sub = [...base];
    s[part] = v;
    if (homeSlot(s) === h) return s;
  }
}

/** Sign of the lexicographic comparison of two tuples. */
function cmp(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return Math.sign(a[i] - b[i]);
  return 0;
}

/** The orders (bits as the guard numbers them) that a step from record p to record q keeps. */
function keptOrders(p: { c: number; m: number; s: Sub }, q: { c: number; m: number; s: Sub }): number {
  const orders = [
    (r: typeof p) => [r.c, r.m], // grouped by code, month
    (r: typeof p) => [r.m, r.c], // grouped by month, code
    (r: typeof p) => [r.c, ...r.s, r.m], // sorted by code, sub-key, month
    (r: typeof p) => [...r.s, r.c, r.m], // sub-key, code, month
    (r: typeof p) => [r.m, ...r.s, r.c], // month, sub-key, code
    (r: typeof p) => [...r.s, r.m, r.c], // sub-key, month, code
  ];
  return orders.reduce((bits, key, i) => (cmp(key(q), key(p)) > 0 ? bits | (1 << i) : bits), 0);
}

describe('RestartUnsorted', () => {
  it('is an Error saying what to do', () => {
    const e = new RestartUnsorted();
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('file is not sorted: restart with the hash duplicate check');
  });
});

describe("DupGuard 'hash'", () => {
  it('returns -1 for a new key, else the first line with that key and its value', () => {
    const g = new DupGuard('hash');
    expect(g.mode).toBe('hash');
    expect(Number.isNaN(g.dupValue)).toBe(true);
    expect(g.check(1012100, 1380, 116, 10, -1, 5, 2)).toBe(-1);
    expect(g.check(1012100, 1380, 116, 10, -1, 6, 3)).toBe(2);
    expect(g.dupValue).toBe(5);
    expect(g.check(1012100, 1380, 116, 10, -1, 7, 4)).toBe(2); // a third copy: still the first
    expect(g.dupValue).toBe(5);
    expect(g.check(1012100, 1380, 116, 10, -1, 8, 5)).toBe(2);
  });

  it('keys that differ in one part only are different keys', () => {
    const g = new DupGuard('hash');
    const base = [1012100, 1380, 116, 10, 3] as const;
    expect(g.check(...base, 1, 2)).toBe(-1);
    const variants: (readonly [number, number, number, number, number])[] = [
      [1012101, 1380, 116, 10, 3],
      [1012100, 1381, 116, 10, 3],
      [1012100, 1380, 117, 10, 3],
      [1012100, 1380, 116, 11, 3],
      [1012100, 1380, 116, 10, 4],
      [1012100, 1380, 116, 10, -1],
      [1012100, 1380, 10, 116, 3],
    ];
    variants.forEach((v, i) => expect(g.check(...v, 10 + i, 10 + i)).toBe(-1));
    variants.forEach((v, i) => {
      expect(g.check(...v, 0, 100)).toBe(10 + i);
      expect(g.dupValue).toBe(10 + i);
    });
    expect(g.check(...base, 0, 100)).toBe(2);
    expect(g.dupValue).toBe(1);
  });

  it('code × month keys do not run into each other (code 4096 month 0 ≠ code 0 month 1)', () => {
    const g = new DupGuard('hash');
    expect(g.check(4096, 0, 1, 1, 1, 1, 2)).toBe(-1);
    expect(g.check(0, 1, 1, 1, 1, 1, 3)).toBe(-1);
    expect(g.check(1, 4095, 1, 1, 1, 1, 4)).toBe(-1);
    expect(g.check(2, 0, 1, 1, 1, 1, 5)).toBe(-1);
    expect(g.check(0, 1, 1, 1, 1, 1, 6)).toBe(3);
  });

  it('finds duplicates in any order, never restarts, keeps no stream state', () => {
    const g = new DupGuard('hash');
    const rows: [number, number, number][] = [
      [9, 5, 3],
      [1, 1, 1],
      [5, 9, 2],
      [1, 1, 0],
      [3, 2, 9],
    ];
    rows.forEach(([c, m, s], i) => expect(g.check(c, m, s, 0, 0, i * 10, i + 2)).toBe(-1));
    [...rows].reverse().forEach(([c, m, s], j) => {
      const i = rows.length - 1 - j;
      expect(g.check(c, m, s, 0, 0, -1, 50)).toBe(i + 2);
      expect(g.dupValue).toBe(i * 10);
    });
    expect(g.orderFlags).toBe(0b111111);
    expect(g.lastKey()).toEqual([]);
  });

  it('a missing value (NaN) comes back as NaN', () => {
    const g = new DupGuard('hash');
    g.check(1, 1, 1, 1, 1, NaN, 2);
    expect(g.check(1, 1, 1, 1, 1, 4, 3)).toBe(2);
    expect(Number.isNaN(g.dupValue)).toBe(true);
  });

  it('property: agrees with a Map of the first line and value of each key', () => {
    const rowArb = fc.tuple(
      fc.integer({ min: 0, max: 5 }),
      fc.integer({ min: 0, max: 4095 }),
      fc.integer({ min: -1, max: 3 }),
      fc.integer({ min: -1, max: 2 }),
      fc.integer({ min: -1, max: 1 }),
    );
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 200 }), (rows) => {
        const g = new DupGuard('hash');
        const want = new Map<string, { line: number; value: number }>();
        rows.forEach((r, i) => {
          const k = r.join(',');
          const w = want.get(k);
          expect(g.check(...r, i * 3, i + 2)).toBe(w?.line ?? -1);
          if (w) expect(g.dupValue).toBe(w.value);
          else want.set(k, { line: i + 2, value: i * 3 });
        });
      }),
    );
  });
});

describe("DupGuard 'stream'", () => {
  it('the example: a new key, then the same key returns line 2 and its value', () => {
    const g = new DupGuard('stream');
    expect(g.mode).toBe('stream');
    expect(g.lastKey()).toEqual([]);
    expect(g.orderFlags).toBe(0b111111);
    expect(g.check(1012100, 1380, 116, 10, -1, 5, 2)).toBe(-1);
    expect(g.lastKey()).toEqual([1012100, 1380, 116, 10, -1]);
    expect(g.check(1012100, 1380, 116, 10, -1, 5, 3)).toBe(2);
    expect(g.dupValue).toBe(5);
    expect(g.orderFlags).toBe(0b111111);
  });

  it('lastKey is the last key checked, from code 0 month 0 on', () => {
    const g = new DupGuard('stream');
    g.check(0, 0, 5, 6, 7, 1, 2);
    expect(g.lastKey()).toEqual([0, 0, 5, 6, 7]);
    const h = new DupGuard('stream');
    h.check(0, 1, 0, 0, 0, 1, 2);
    expect(h.lastKey()).toEqual([0, 1, 0, 0, 0]);
    h.check(0, 1, 0, 0, 4, 1, 3);
    expect(h.lastKey()).toEqual([0, 1, 0, 0, 4]);
    h.check(0, 5, 2, 0, 0, 1, 4);
    expect(h.lastKey()).toEqual([0, 5, 2, 0, 0]);
  });

  it('compares within the code × month run only: the same sub-key in the next month is new', () => {
    const g = new DupGuard('stream');
    expect(g.check(7, 1, 1, 2, 3, 10, 2)).toBe(-1);
    expect(g.check(7, 2, 1, 2, 3, 11, 3)).toBe(-1);
    expect(g.check(8, 2, 1, 2, 3, 12, 4)).toBe(-1);
    expect(g.check(8, 2, 1, 2, 3, 13, 5)).toBe(4);
    expect(g.dupValue).toBe(12);
    // code 4096 month 0 and code 0 month 1 are different runs
    const h = new DupGuard('stream');
    expect(h.check(0, 1, 1, 1, 1, 1, 2)).toBe(-1);
    expect(h.check(4096, 0, 1, 1, 1, 1, 3)).toBe(-1);
  });

  it('sub-keys that share a first slot and differ in one part are different keys', () => {
    const base: Sub = [1, 2, 3];
    const others = [sameSlot(base, 2), sameSlot(base, 1), sameSlot(base, 0)];
    for (const o of others) expect(homeSlot(o)).toBe(homeSlot(base));
    const g = new DupGuard('stream');
    expect(g.check(5, 5, ...base, 10, 2)).toBe(-1);
    others.forEach((o, i) => expect(g.check(5, 5, ...o, 20 + i, 3 + i)).toBe(-1));
    expect(g.check(5, 5, ...base, 0, 9)).toBe(2);
    expect(g.dupValue).toBe(10);
    others.forEach((o, i) => {
      expect(g.check(5, 5, ...o, 0, 9)).toBe(3 + i);
      expect(g.dupValue).toBe(20 + i);
    });
  });

  it("the run table's hash spreads sub-keys over its 256 slots (each part counts)", () => {
    const spread = (subs: Sub[]): number => new Set(subs.map(homeSlot)).size;
    const n = Array.from({ length: 200 }, (_, i) => i);
    // 200 keys over 256 slots land on about 140 distinct first slots when the hash is good; all on one when not
    expect(spread(n.map((i): Sub => [i, 0, 0]))).toBeGreaterThan(110);
    expect(spread(n.map((i): Sub => [0, i, 0]))).toBeGreaterThan(110);
    expect(spread(n.map((i): Sub => [0, 0, i]))).toBeGreaterThan(110);
    expect(spread(n.map((i): Sub => [-1, -1, 1e15 + i]))).toBeGreaterThan(110);
  });

  it('a run whose sub-keys rise builds no table; the first key that does not rise indexes the run', () => {
    const g = new DupGuard('stream');
    for (let i = 0; i < 600; i++) {
      expect(g.check(3, 3, i, i % 7, -1, i * 2, i + 2)).toBe(-1);
      expect(inner(g).rtMask).toBe(255);
    }
    expect(inner(g).gen).toBe(1); // no table built
    expect(inner(g).run0.length).toBe(1024);
    // key 0 again: the 600 keys are indexed in a table over twice their number (2048 slots), every one found
    expect(g.check(3, 3, 0, 0, -1, 0, 9999)).toBe(2);
    expect(inner(g).rtMask).toBe(2047);
    for (let i = 599; i >= 0; i--) {
      expect(g.check(3, 3, i, i % 7, -1, 0, 9999)).toBe(i + 2);
      expect(g.dupValue).toBe(i * 2);
    }
    expect(g.check(3, 3, 600, 600 % 7, -1, 0, 700)).toBe(-1);
    // duplicates leave the flags alone, and so does a rising run; the first key's -1 below the guard's start
    // (0, 0, 0) cleared the two orders led by the sub-key
    expect(g.orderFlags).toBe(0b010111);
  });

  it('a run whose sub-keys fall grows its table (doubling when more than half full) and still finds every key', () => {
    const g = new DupGuard('stream');
    const masks: number[] = [];
    for (let i = 0; i < 600; i++) {
      const j = 599 - i;
      expect(g.check(3, 3, j, j % 7, -1, j * 2, j + 2)).toBe(-1);
      masks.push(inner(g).rtMask);
    }
    expect(masks.slice(0, 127)).toEqual(Array(127).fill(255)); // 127 × 2 = 254 ≤ 255
    expect(masks.slice(127, 255)).toEqual(Array(128).fill(511)); // the 128th: 256 > 255
    expect(masks.slice(255, 511)).toEqual(Array(256).fill(1023));
    expect(masks.slice(511)).toEqual(Array(89).fill(2047));
    for (let i = 599; i >= 0; i--) {
      expect(g.check(3, 3, i, i % 7, -1, 0, 9999)).toBe(i + 2);
      expect(g.dupValue).toBe(i * 2);
    }
    // the next run starts empty (the table keeps its size)
    for (let i = 0; i < 600; i++) expect(g.check(3, 4, i, i % 7, -1, -i, 1000 + i)).toBe(-1);
    for (let i = 0; i < 600; i++) {
      expect(g.check(3, 4, i, i % 7, -1, 0, 9999)).toBe(1000 + i);
      expect(g.dupValue).toBe(-i);
    }
    expect(inner(g).rtMask).toBe(2047);
    // falling sub-keys in a run keep only the grouped orders
    expect(g.orderFlags).toBe(0b000011);
  });

  it('indexing a run takes its keys so far, not the unused entry after them (sub-key 0, 0, 0)', () => {
    const g = new DupGuard('stream');
    for (let i = 1; i <= 128; i++) g.check(2, 2, i, 0, 0, 1, i + 1);
    expect(g.check(2, 2, 0, 0, 0, 5, 200)).toBe(-1);
    expect(inner(g).rtMask).toBe(511); // 128 keys: 256 ≥ 256 slots, doubled
    expect(g.check(2, 2, 0, 0, 0, 6, 201)).toBe(200);
    expect(g.dupValue).toBe(5);
    expect(g.check(2, 2, 128, 0, 0, 1, 202)).toBe(129);
  });

  it('a run over 64 records keeps values and lines of every record (the arrays double at 64)', () => {
    const g = new DupGuard('stream');
    for (let i = 0; i < 130; i++) g.check(1, 1, 1, i, 0, i + 0.5, i + 2);
    expect(inner(g).run0.length).toBe(256);
    for (let i = 0; i < 130; i++) {
      expect(g.check(1, 1, 1, i, 0, 0, 0)).toBe(i + 2);
      expect(g.dupValue).toBe(i + 0.5);
    }
  });

  it('within a run: a rising sub-key keeps every order, a falling one keeps only the grouped orders', () => {
    const subs: Sub[] = [];
    for (const a of [1, 2]) for (const b of [1, 2]) for (const c of [1, 2]) subs.push([a, b, c]);
    for (const p of subs)
      for (const q of subs) {
        const g = new DupGuard('stream');
        g.check(5, 5, ...p, 1, 2);
        const got = g.check(5, 5, ...q, 1, 3);
        const c = cmp(q, p);
        expect(got).toBe(c === 0 ? 2 : -1);
        expect(g.orderFlags).toBe(c < 0 ? 0b000011 : 0b111111);
        expect(g.lastKey()).toEqual([5, 5, ...(c === 0 ? p : q)]);
      }
  });

  it('from run to run: the order flags are those every step kept, by tuple comparison; none left throws', () => {
    const subs: Sub[] = [];
    for (const a of [1, 2]) for (const b of [1, 2]) for (const c of [1, 2]) subs.push([a, b, c]);
    let throws = 0;
    for (const dc of [-1, 0, 1])
      for (const dm of [-1, 0, 1]) {
        if (dc === 0 && dm === 0) continue;
        for (const ps of subs)
          for (const qs of subs) {
            const p = { c: 5, m: 5, s: ps };
            const q = { c: 5 + dc, m: 5 + dm, s: qs };
            const g = new DupGuard('stream');
            expect(g.check(p.c, p.m, ...p.s, 1, 2)).toBe(-1);
            expect(g.orderFlags).toBe(0b111111);
            const want = keptOrders(p, q);
            if (want === 0) {
              expect(() => g.check(q.c, q.m, ...q.s, 1, 3)).toThrow(RestartUnsorted);
              throws++;
            } else {
              expect(g.check(q.c, q.m, ...q.s, 1, 3)).toBe(-1);
              expect(g.orderFlags).toBe(want);
            }
          }
      }
    // code and month fall or hold, not both hold (3 steps), and the sub-key does not rise (36 of the 64 pairs)
    expect(throws).toBe(3 * 36);
  });

  it('property: over random sequences the flags are the orders every step kept, and it throws exactly when none is', () => {
    const recArb = fc.record({
      c: fc.integer({ min: 0, max: 3 }),
      m: fc.integer({ min: 0, max: 3 }),
      s: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
    });
    fc.assert(
      fc.property(fc.array(recArb, { minLength: 1, maxLength: 30 }), (recs) => {
        const g = new DupGuard('stream');
        let want = 0b111111;
        let prev: (typeof recs)[number] | undefined;
        let run: { s: Sub; line: number }[] = [];
        for (const [i, r] of recs.entries()) {
          if (prev && prev.c === r.c && prev.m === r.m) {
            const hit = run.find((x) => cmp(x.s, r.s) === 0);
            if (hit) {
              expect(g.check(r.c, r.m, ...r.s, 0, i + 2)).toBe(hit.line);
              continue;
            }
            if (cmp(r.s, prev.s) < 0) want &= 0b000011;
          } else {
            if (prev) want &= keptOrders(prev, r);
            run = [];
          }
          if (want === 0) {
            expect(() => g.check(r.c, r.m, ...r.s, 0, i + 2)).toThrow(RestartUnsorted);
            return;
          }
          expect(g.check(r.c, r.m, ...r.s, 0, i + 2)).toBe(-1);
          expect(g.orderFlags).toBe(want);
          run.push({ s: r.s, line: i + 2 });
          prev = r;
        }
      }),
    );
  });

  it('flags fall step by step; the record that leaves none throws, within a run too, and so does every later one', () => {
    const g = new DupGuard('stream');
    expect(g.check(1, 1, 1, 0, 0, 0, 2)).toBe(-1);
    expect(g.orderFlags).toBe(0b111111);
    // code and month fall, the sub-key rises: only the sub-key-first orders are left
    expect(g.check(0, 0, 2, 0, 0, 0, 3)).toBe(-1);
    expect(g.orderFlags).toBe(0b101000);
    // same code and month, a falling sub-key: no order left
    expect(() => g.check(0, 0, 1, 0, 0, 0, 4)).toThrow('file is not sorted: restart with the hash duplicate check');
    expect(g.orderFlags).toBe(0);
    expect(() => g.check(0, 0, 3, 0, 0, 0, 5)).toThrow(RestartUnsorted);
    expect(() => g.check(9, 9, 9, 0, 0, 0, 6)).toThrow(RestartUnsorted);
  });

  it('a file sorted by month, then code keeps that order through many runs and finds duplicates in each', () => {
    const g = new DupGuard('stream');
    let line = 2;
    for (let m = 0; m < 5; m++)
      for (let c = 0; c < 5; c++) {
        const first = line;
        expect(g.check(c, m, 3, 3, 3, c + m, line++)).toBe(-1);
        expect(g.check(c, m, 1, 1, 1, 0, line++)).toBe(-1); // sub-keys fall within the run
        expect(g.check(c, m, 3, 3, 3, 0, line++)).toBe(first);
        expect(g.dupValue).toBe(c + m);
      }
    expect(g.orderFlags).toBe(0b000010);
  });
});

describe('SubInterner', () => {
  it('the example: digits are their own value, text is numbered from 10^15, the empty key is -1', () => {
    const ids = new SubInterner();
    expect(ids.size).toBe(0);
    expect([ids.id('116'), ids.id('Japan'), ids.id('Korea'), ids.id('Japan'), ids.id('')]).toEqual([
      116, 1000000000000000, 1000000000000001, 1000000000000000, -1,
    ]);
    expect(ids.size).toBe(2);
    expect(ids.id('Chile')).toBe(1000000000000002);
    expect(ids.id('Korea')).toBe(1000000000000001);
    expect(ids.size).toBe(3);
  });

  it('all-digit keys of 1 to 15 digits are numbers; anything else is text', () => {
    const ids = new SubInterner();
    expect(ids.id('0')).toBe(0);
    expect(ids.id('7')).toBe(7);
    expect(ids.id('007')).toBe(7);
    expect(ids.id('123456789012345')).toBe(123456789012345); // 15 digits
    expect(ids.size).toBe(0);
    expect(ids.id('1234567890123456')).toBe(1e15); // 16 digits: text
    expect(ids.id('x1')).toBe(1e15 + 1);
    expect(ids.id('1x')).toBe(1e15 + 2);
    expect(ids.id(' 12')).toBe(1e15 + 3);
    expect(ids.id('12 ')).toBe(1e15 + 4);
    expect(ids.id('1.5')).toBe(1e15 + 5);
    expect(ids.id('-1')).toBe(1e15 + 6);
    expect(ids.id('d')).toBe(1e15 + 7);
    expect(ids.id('dd')).toBe(1e15 + 8);
    expect(ids.size).toBe(9);
    expect(ids.id('')).toBe(-1);
    expect(ids.id('')).toBe(-1);
    expect(ids.size).toBe(9);
    expect(ids.id('1234567890123456')).toBe(1e15);
  });
});
