/**
 * The parallel import (lib/io/importers/parallel.ts and its use by readTidyPanel): a file read in byte ranges on
 * worker threads gives the single-thread result byte for byte — cells, report (rows in = used + rejected),
 * notes — or, when the ranges cannot stand for it (a bad row, a quoted line break across a boundary, a file not
 * grouped by code and month), the file is read again on one thread, so errors name the same file, line, column
 * and value. Hand-computed cases; the property over random files and random boundaries, and a boundary on every byte of a
 * file, are in tests/study/bench/parallel-import.test.ts (seconds).
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTidyPanel } from '../../../../lib/io/importers/tidy.js';
import { splitOffsets } from '../../../../lib/io/importers/parallel.js';
import { cellsToObject, grouped, H6, outcome, tmpFile, whole } from '../../../helpers/importers.js';

describe('readTidyPanel in byte ranges', () => {
  const codes = ['01012100', '01012900', '85423111'];
  const months = ['2015-01', '2015-02', '2015-03', '2015-04'];
  const text = grouped(codes, months, [1, 2, 3], (i) => String(i + 1));

  it('three ranges give the single-thread cells and report (hand-computed sums)', () => {
    const file = tmpFile('par-3.csv', text);
    const size = fs.statSync(file).size;
    const one = readTidyPanel(file, { threads: 1 });
    const three = readTidyPanel(file, { splits: [Math.round(size / 3), Math.round((2 * size) / 3)] });
    expect(three.threads).toEqual({ ranges: 3 });
    expect(whole(three)).toEqual(whole(one));
    // code 01012100, 2015-01: rows 1, 2, 3 → 6; the last cell (85423111, 2015-04): rows 34, 35, 36 → 105
    const obj = cellsToObject(three.cells);
    expect(obj['01012100']['2015-01']).toBe(6);
    expect(obj['85423111']['2015-04']).toBe(105);
    expect(three.report.rowsRead).toBe(36);
    expect(three.report.rowsUsed).toBe(36);
    expect(three.notes).toEqual(['SYNTHETIC test file']);
  });

  it('bad rows on both sides of a boundary: the error names the first one (file, line, column, value)', () => {
    const lines = text.split('\n');
    lines[5] = '01012100,HS8,2015-02,-5,1,10'; // line 6, before the boundary
    lines[30] = '85423111,HS8,2015-13,7,1,10'; // line 31, after it
    const file = tmpFile('par-bad.csv', lines.join('\n'));
    const at = lines.slice(0, 20).join('\n').length;
    const e1 = outcome(() => readTidyPanel(file, { threads: 1 }));
    const e2 = outcome(() => readTidyPanel(file, { splits: [at] }));
    expect(e2).toEqual(e1);
    expect(e2.error).toMatch(/par-bad\.csv, line 6, column "value_usd".*negative import value/s);
    // only the bad row after the boundary: its line number is counted across the boundary
    lines[5] = '01012100,HS8,2015-02,5,1,10';
    const file2 = tmpFile('par-bad2.csv', lines.join('\n'));
    const e3 = outcome(() => readTidyPanel(file2, { splits: [at] }));
    expect(e3).toEqual(outcome(() => readTidyPanel(file2, { threads: 1 })));
    expect(e3.error).toMatch(/par-bad2\.csv, line 31, column "month".*YYYY-MM/s);
  });

  it('a quoted line break across a boundary: the ranges do not join, the file is read on one thread', () => {
    const lines = text.split('\n');
    lines[12] = '01012900,HS8,2015-01,"1\n2",1,10';
    const file = tmpFile('par-quoted.csv', lines.join('\n'));
    const at = lines.slice(0, 12).join('\n').length + 24; // inside the quoted field, after its line break
    const a = outcome(() => readTidyPanel(file, { threads: 1 }));
    const b = outcome(() => readTidyPanel(file, { splits: [at] }));
    expect(b).toEqual(a);
    expect(a.error).toMatch(/line 13, column "value_usd"/);
  });

  it('a file not grouped by code and month (sums in another order) is read on one thread', () => {
    const rows = [H6, '01012100,HS8,2015-01,0.1,1,10', '01012100,HS8,2015-02,0.2,1,10'];
    rows.push('01012100,HS8,2015-01,0.2,2,10', '01012100,HS8,2015-02,0.3,2,10');
    const file = tmpFile('par-unsorted.csv', rows.join('\n') + '\n');
    const r = readTidyPanel(file, { splits: [rows.slice(0, 3).join('\n').length + 1] });
    expect(r.threads.ranges).toBe(1);
    expect(whole(r)).toEqual(whole(readTidyPanel(file, { threads: 1 })));
  });

  it('a small file stays on one thread unless asked', () => {
    const file = tmpFile('par-small.csv', text);
    expect(readTidyPanel(file).threads).toEqual({ ranges: 1 });
    expect(readTidyPanel(file, { threads: 2, minParallelBytes: 0 }).threads.ranges).toBe(2);
  });

  it('splitOffsets: the first range reads ahead while the workers start', () => {
    expect(splitOffsets(1000, 2, 100)).toEqual([0, 550]);
    expect(splitOffsets(1000, 3, 0)).toEqual([0, 333, 667]);
  });
});
