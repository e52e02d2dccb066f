/**
 * The parallel import (lib/io/importers/parallel.ts and readTidyPanel), the heavier checks (seconds: hundreds of
 * reads, each handing ranges to a worker thread): a boundary on every few bytes of a file, and random files (BOM,
 * CRLF, quoted fields and line breaks, lost leading zeros, missing and bad values, duplicates) cut at random
 * boundaries read the same in ranges as on one thread — cells byte for byte, report (rows in = used + rejected +
 * duplicates), notes, or the same first error (file, line, column, value). The hand-computed unit checks are in
 * tests/unit/io/importers/parallel.test.ts.
 */
import * as fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTidyPanel } from '../../../lib/io/importers/tidy.js';
import { cellsToObject, grouped, H6, outcome, tmpFile, whole } from '../../helpers/importers.js';

describe('readTidyPanel in byte ranges, at random', () => {
  const codes = ['01012100', '01012900', '85423111'];
  const months = ['2015-01', '2015-02', '2015-03', '2015-04'];
  const text = grouped(codes, months, [1, 2, 3], (i) => String(i + 1));

  it('a boundary inside a code × month run: the run stays whole (boundaries on every byte)', () => {
    const file = tmpFile('par-every.csv', text);
    const size = fs.statSync(file).size;
    const one = whole(readTidyPanel(file, { threads: 1 }));
    let parallel = 0;
    for (let b = 1; b < size; b += 7) {
      const r = readTidyPanel(file, { splits: [b] });
      expect(whole(r)).toEqual(one);
      if (r.threads.ranges === 2) parallel++;
    }
    // only boundaries in the comment, the header, the first run or the last run read on one thread
    expect(parallel).toBeGreaterThan(size / 7 / 2);
  });

  it('property: random files (BOM, CRLF, quotes, repairs, missing and bad values, duplicates), random boundaries', () => {
    const row = fc.record({
      value: fc.oneof(
        { weight: 10, arbitrary: fc.integer({ min: 0, max: 1e6 }).map(String) },
        { weight: 4, arbitrary: fc.tuple(fc.nat(999), fc.nat(99)).map(([a, c]) => `${a}.${c}`) },
        { weight: 1, arbitrary: fc.constantFrom('', '-', '-3', 'x', '"1\n2"', '"7"') },
      ),
      partners: fc.integer({ min: 1, max: 3 }),
      dup: fc.boolean(),
    });
    const file = fc.record({
      rows: fc.array(row, { minLength: 4, maxLength: 40 }),
      bom: fc.boolean(),
      crlf: fc.boolean(),
      sevenDigits: fc.boolean(),
      cuts: fc.array(fc.integer({ min: 0, max: 9999 }), { minLength: 1, maxLength: 2 }),
    });
    let parallel = 0;
    let runs = 0;
    fc.assert(
      fc.property(file, (f) => {
        const lines = ['# SYNTHETIC', H6];
        let k = 0;
        for (const r of f.rows) {
          const code = String(1012100 + (k >> 2)).padStart(f.sevenDigits && k % 5 === 0 ? 7 : 8, '0'); // 7: a lost leading zero
          const month = `2015-${String((k % 4) + 1).padStart(2, '0')}`;
          for (let p = 1; p <= r.partners; p++) {
            lines.push(`${code},HS8,${month},${r.value},${p},10`);
            if (r.dup && p === 1) lines.push(`${code},HS8,${month},${r.value},${p},10`);
          }
          k++;
        }
        const body = lines.join(f.crlf ? '\r\n' : '\n') + (f.crlf ? '\r\n' : '\n');
        const bytes = Buffer.from((f.bom ? '\uFEFF' : '') + body, 'utf8');
        const name = tmpFile('par-prop.csv', bytes);
        const splits = [...new Set(f.cuts.map((c) => 1 + Math.floor((c / 10000) * (bytes.length - 2))))].sort(
          (a, b) => a - b,
        );
        const one = outcome(() => readTidyPanel(name, { threads: 1 }));
        const par = outcome(() => readTidyPanel(name, { splits }));
        expect({ ...par, ranges: undefined, why: undefined }).toEqual({ ...one, ranges: undefined, why: undefined });
        if (!one.error) {
          runs++;
          if ((par.ranges ?? 1) > 1) parallel++;
          const rep = (
            one.value as {
              report: {
                rowsRead: number;
                rowsUsed: number;
                duplicatesDropped: number;
                rejected: Record<string, number>;
              };
            }
          ).report;
          const rejected = Object.values(rep.rejected).reduce((a, b) => a + b, 0);
          expect(rep.rowsRead).toBe(rep.rowsUsed + rejected + rep.duplicatesDropped);
        }
      }),
      { numRuns: 120, seed: 26 },
    );
    // the property is not passed by reading everything on one thread
    expect(parallel).toBeGreaterThan(runs / 4);
  });
});
