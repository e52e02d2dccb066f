/**
 * The aggregator's dense layout (lib/io/importers/cell-grid.ts): rows in blocks of codes, relaid when a month
 * falls outside the range. Checked against a plain map, with more codes than one block and months far apart
 * in any order, so both the blocks and the relaying are exercised.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CellGrid } from '../../../../lib/io/importers/cell-grid.js';

describe('CellGrid', () => {
  it('property: sums, missing counts and first lines equal a plain map, across blocks and relayings', () => {
    const rowArb = fc.record({
      code: fc.integer({ min: 0, max: 600 }), // up to 601 codes: three blocks of 256
      month: fc.oneof(fc.integer({ min: 1380, max: 1390 }), fc.integer({ min: 1100, max: 1700 })), // far months relay the rows
      value: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined, freq: 6 }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 400 }), (random) => {
        // 300 codes first (more than one block), then the random rows
        const rows = [
          ...Array.from({ length: 300 }, (_, c) => ({ code: c * 2, month: 1380, value: c as number | undefined })),
          ...random,
        ];
        const g = new CellGrid();
        const want = new Map<string, { sum: number; miss: number; line: number }>();
        rows.forEach((r, k) => {
          const code = 1000000 + r.code;
          g.add(code, r.month, r.value ?? NaN, k + 2);
          const key = `${code}|${r.month}`;
          const w = want.get(key) ?? { sum: NaN, miss: 0, line: k + 2 };
          if (r.value === undefined) w.miss++;
          else w.sum = Number.isNaN(w.sum) ? r.value : w.sum + r.value;
          want.set(key, w);
        });
        const got = new Map<string, { sum: number; miss: number; line: number }>();
        let strayInEmpty = 0; // a value or missing count in a cell no row fell in
        g.codeInts.forEach((code, s) => {
          expect(g.vals[s].length).toBe(g.span);
          for (let t = 0; t < g.span; t++)
            if (g.line[s][t] !== 0)
              got.set(`${code}|${g.base + t}`, { sum: g.vals[s][t], miss: g.miss[s][t], line: g.line[s][t] });
            else if (g.vals[s][t] === g.vals[s][t] || g.miss[s][t] !== 0) strayInEmpty++;
        });
        expect(got).toEqual(want);
        expect(strayInEmpty).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});

describe('CellGrid: the range, its relaying, packing and merging (exact values, by hand)', () => {
  it('the first month sets the range: base = month − 12, 96 months; clamped at 0', () => {
    const g = new CellGrid();
    g.add(1, 1380, 5, 2); // code 1 (not −1, the "no code yet" mark): base 1380 − 12 = 1368
    expect([g.base, g.span, g.codeInts]).toEqual([1368, 96, [1]]);
    expect([g.vals[0][12], g.line[0][12], g.miss[0][12]]).toEqual([5, 2, 0]);
    const h = new CellGrid();
    h.add(9, 5, 3, 1); // 5 − 12 = −7 → base 0
    expect([h.base, h.span, h.vals[0][5]]).toEqual([0, 96, 3]);
  });
  it('a month past the range widens it by max(24, span/2) = 48 past the end: 1368 … 1511 (144 months)', () => {
    const g = new CellGrid();
    g.add(7, 1380, 5, 2); // 1368 … 1463
    const rows = g.vals[0];
    g.add(7, 1463, 1, 3); // last month of the range: no relaying, same arrays
    expect(g.vals[0]).toBe(rows);
    g.add(7, 1464, 4, 4); // hi = max(1464 + 12, 1463 + 48) = 1511; span = 1511 − 1368 + 1 = 144
    expect([g.base, g.span]).toEqual([1368, 144]);
    expect([g.vals[0][1380 - 1368], g.vals[0][1463 - 1368], g.vals[0][1464 - 1368], g.line[0][1464 - 1368]]).toEqual([
      5, 1, 4, 4,
    ]);
  });
  it('a month before the range widens it by 48 before the start: 1320 … 1463 (144 months)', () => {
    const g = new CellGrid();
    g.add(7, 1380, 5, 2); // 1368 … 1463
    const rows = g.vals[0];
    g.add(7, 1368, 1, 3); // first month of the range: no relaying, same arrays
    expect(g.vals[0]).toBe(rows);
    g.add(7, 1367, 4, 4); // lo = max(0, min(1367 − 12, 1368 − 48)) = 1320; span = 1463 − 1320 + 1 = 144
    expect([g.base, g.span]).toEqual([1320, 144]);
    expect([g.vals[0][1380 - 1320], g.vals[0][1368 - 1320], g.vals[0][1367 - 1320], g.line[0][1367 - 1320]]).toEqual([
      5, 1, 4, 4,
    ]);
  });
  it('a month far before the range: lo = month − 12 (1000 − 12 = 988), never below 0 (30 → 0)', () => {
    const g = new CellGrid();
    g.add(7, 1380, 5, 2);
    g.add(7, 1000, 6, 3); // min(988, 1320) = 988; span = 1463 − 988 + 1 = 476
    expect([g.base, g.span, g.vals[0][1000 - 988], g.vals[0][1380 - 988]]).toEqual([988, 476, 6, 5]);
    g.add(7, 30, 1, 4); // min(18, 988 − max(24, 476 >> 1 = 238) = 750) = 18; span = 1463 − 18 + 1 = 1446
    expect([g.base, g.span, g.vals[0][30 - 18], g.vals[0][1380 - 18]]).toEqual([18, 1446, 1, 5]);
  });
  it('a month far past the range: hi = month + 12 (2000 + 12 = 2012)', () => {
    const g = new CellGrid();
    g.add(7, 1380, 5, 2); // 1368 … 1463
    g.add(7, 2000, 6, 3); // max(2012, 1511) = 2012; span = 2012 − 1368 + 1 = 645
    expect([g.base, g.span, g.vals[0][2000 - 1368], g.vals[0][1380 - 1368]]).toEqual([1368, 645, 6, 5]);
  });
  it('missing rows are counted up to 255 and stay there (256 and 300 missing rows → 255)', () => {
    const g = new CellGrid();
    for (let k = 0; k < 254; k++) g.add(7, 1380, NaN, k + 1);
    expect(g.miss[0][12]).toBe(254);
    g.add(7, 1380, NaN, 999);
    expect(g.miss[0][12]).toBe(255);
    for (let k = 0; k < 45; k++) g.add(7, 1380, NaN, 999); // 300 in all
    expect([g.miss[0][12], g.line[0][12]]).toEqual([255, 1]);
    expect(g.vals[0][12]).toBeNaN();
  });
  it('put: the first put sets the range at month − 12; a second put in the same cell is refused', () => {
    const g = new CellGrid();
    expect(g.put(7, 1380, 10, 2, 3)).toBe(true);
    expect([g.base, g.span, g.vals[0][12], g.miss[0][12], g.line[0][12]]).toEqual([1368, 96, 10, 2, 3]);
    expect(g.put(7, 1380, 99, 0, 9)).toBe(false);
    expect([g.vals[0][12], g.miss[0][12], g.line[0][12]]).toEqual([10, 2, 3]);
  });
  it('put at the first and last month of the range keeps the arrays; one month outside widens (1320 … 1511)', () => {
    const g = new CellGrid();
    g.put(7, 1380, 10, 0, 3); // 1368 … 1463
    const rows = g.line[0];
    expect(g.put(7, 1368, 1, 0, 4)).toBe(true); // t = 0
    expect(g.put(7, 1463, 2, 0, 5)).toBe(true); // t = 95 = span − 1
    expect(g.line[0]).toBe(rows);
    expect([g.base, g.span]).toEqual([1368, 96]);
    expect(g.put(7, 1464, 3, 1, 6)).toBe(true); // t = 96 = span: hi = max(1476, 1463 + 48 = 1511)
    expect([g.base, g.span]).toEqual([1368, 144]);
    expect(g.put(7, 1367, 4, 2, 7)).toBe(true); // t = −1: lo = max(0, min(1355, 1368 − max(24, 144 >> 1 = 72) = 1296))
    expect([g.base, g.span]).toEqual([1296, 1511 - 1296 + 1]); // 216 months
    const at = (m: number) => [g.vals[0][m - 1296], g.miss[0][m - 1296], g.line[0][m - 1296]];
    expect([at(1367), at(1368), at(1380), at(1463), at(1464)]).toEqual([
      [4, 2, 7],
      [1, 0, 4],
      [10, 0, 3],
      [2, 0, 5],
      [3, 1, 6],
    ]);
  });
  it('pack: row s of the flat arrays starts at s × span (3 codes × 96 months)', () => {
    const g = new CellGrid();
    g.add(5, 1380, 1, 2); // base 1368: t = 12
    g.add(6, 1381, 2, 3); // t = 13
    g.add(6, 1381, NaN, 4);
    g.add(8, 1369, NaN, 5); // t = 1
    const p = g.pack();
    expect([Array.from(p.codes), p.base, p.span, p.vals.length]).toEqual([[5, 6, 8], 1368, 96, 3 * 96]);
    // row 0 at 12; row 1 at 96 + 13 = 109; row 2 at 192 + 1 = 193
    expect([p.vals[12], p.line[12], p.miss[12]]).toEqual([1, 2, 0]);
    expect([p.vals[109], p.line[109], p.miss[109]]).toEqual([2, 3, 1]);
    expect([p.line[193], p.miss[193]]).toEqual([5, 1]);
    expect(p.vals[193]).toBeNaN();
    expect(p.line.reduce((a, b) => a + (b !== 0 ? 1 : 0), 0)).toBe(3); // three cells with a row
    expect(p.miss.reduce((a, b) => a + b, 0)).toBe(2);
  });
  it('merge: every cell of every code at its month, lines shifted; nothing past the last row or month', () => {
    const a = new CellGrid();
    a.add(5, 1380, 1, 1); // base 1368, 96 months
    const b = new CellGrid();
    b.add(5, 1381, 2, 1); // base 1369, 96 months: 1369 … 1464
    b.add(6, 1369, 3, 2); // row 1, t = 0 (just past row 0's last month)
    b.add(6, 1464, NaN, 3); // row 1, t = 95
    expect(a.merge(b.pack(), 10)).toBe(true);
    // 1464 is past a's range 1368 … 1463: widened once to 1368 … 1511
    expect([a.codeInts, a.base, a.span]).toEqual([[5, 6], 1368, 144]);
    const cells: string[] = [];
    a.codeInts.forEach((code, s) => {
      for (let t = 0; t < a.span; t++)
        if (a.line[s][t] !== 0) cells.push(`${code} ${a.base + t} ${a.vals[s][t]} ${a.miss[s][t]} ${a.line[s][t]}`);
    });
    expect(cells).toEqual(['5 1380 1 0 1', '5 1381 2 0 11', '6 1369 3 0 12', '6 1464 NaN 1 13']);
  });
  it('merge of a row reaching outside the range (before or after it): every cell put, values and lines kept; a cell present in both stops it', () => {
    const a = new CellGrid();
    a.add(5, 1380, 1, 1); // base 1368 … 1463
    const b = new CellGrid();
    b.add(6, 1300, 2, 1); // before a's range
    b.add(6, 1310, 3, 2);
    b.add(7, 1400, 4, 3);
    b.add(7, 1440, 5, 4);
    b.add(7, 1500, 6, 5); // after it
    expect(a.merge(b.pack(), 10)).toBe(true);
    const cells: string[] = [];
    a.codeInts.forEach((code, s) => {
      for (let t = 0; t < a.span; t++)
        if (a.line[s][t] !== 0) cells.push(`${code} ${a.base + t} ${a.vals[s][t]} ${a.line[s][t]}`);
    });
    expect(cells).toEqual(['5 1380 1 1', '6 1300 2 11', '6 1310 3 12', '7 1400 4 13', '7 1440 5 14', '7 1500 6 15']);
    // a row reaching outside the (widened) range again, with a cell already present: put finds it and stops
    const c = new CellGrid();
    c.add(7, 1500, 1, 1);
    c.add(7, 1700, 1, 2);
    expect(a.merge(c.pack(), 0)).toBe(false);
  });

  it('merge of rows inside the range: sums, missing counts and shifted lines copied; a cell present in both stops it', () => {
    const a = new CellGrid();
    a.add(5, 1380, 1, 1); // base 1368 … 1463
    const b = new CellGrid();
    b.add(7, 1390, 4, 1);
    b.add(7, 1390, 6, 2); // one cell: 10 from two rows
    b.add(7, 1392, NaN, 3);
    b.add(7, 1392, NaN, 4); // all missing: two missing rows
    b.add(5, 1400, 9, 5);
    expect(a.merge(b.pack(), 100)).toBe(true);
    expect([a.codeInts, a.base, a.span]).toEqual([[5, 7], 1368, 96]);
    const cells: string[] = [];
    a.codeInts.forEach((code, s) => {
      for (let t = 0; t < a.span; t++)
        if (a.line[s][t] !== 0) cells.push(`${code} ${a.base + t} ${a.vals[s][t]} ${a.miss[s][t]} ${a.line[s][t]}`);
    });
    expect(cells).toEqual(['5 1380 1 0 1', '5 1400 9 0 105', '7 1390 10 0 101', '7 1392 NaN 2 103']);
    const c = new CellGrid();
    c.add(7, 1391, 1, 1);
    c.add(7, 1392, 1, 2); // 1392 is a's already
    expect(a.merge(c.pack(), 0)).toBe(false);
  });
});
