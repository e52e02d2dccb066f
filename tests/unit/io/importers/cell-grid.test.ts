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
