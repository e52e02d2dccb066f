/**
 * The byte ranges of the parallel import (lib/io/importers/ranges.ts): the gate by which a range owns whole code ×
 * month runs (total rows belonging to the run they are in) and the merge of the ranges' parts — joins, the order
 * test of the two records around a boundary (with the location sub-key), lines shifted to file lines, a cell in two
 * ranges refused. Hand-computed cases; the importers' parallel reads against their single-thread reads are tested in
 * tests/unit/io/importers/parallel.test.ts (tidy) and tests/unit/io/importers/customs.test.ts (customs).
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StopScan } from '../../../../lib/io/importers/csv-scan.js';
import { CellGrid } from '../../../../lib/io/importers/cell-grid.js';
import { ImportContext } from '../../../../lib/io/importers/common.js';
import {
  byteRanges,
  gridBuffers,
  mergeRanges,
  RangeGate,
  rangedSize,
  readRanges,
  type RangePart,
} from '../../../../lib/io/importers/ranges.js';
import { availableThreads } from '../../../../lib/io/importers/parallel.js';
import { tmpFile } from '../../../helpers/importers.js';

const A = 1012100;
const B = 85423111;
const JAN = 1380; // 2015-01
const FEB = 1381;

/** Feed records [code, month, offset] (code -1: a total row) to a gate; what it answered, up to a StopScan ('stop'). */
function feed(g: RangeGate, recs: [number, number, number][]): (boolean | 'stop')[] {
  const out: (boolean | 'stop')[] = [];
  let line = 1;
  for (const [code, month, off] of recs) {
    if (off < g.limit) {
      out.push(false); // not at the gate: read
    } else {
      try {
        out.push(code < 0 ? g.atTotal(off, line) : g.at(code, month, 1, 10, 5, off, line));
      } catch (e) {
        expect(e).toBeInstanceOf(StopScan);
        out.push('stop');
        break;
      }
    }
    line++;
  }
  return out;
}

describe('RangeGate', () => {
  it('skips the first run, reads to the run crossing `to`, stops at its change', () => {
    const g = new RangeGate({ from: 100, to: 300 }, 3);
    const got = feed(g, [
      [A, JAN, 100], // the range before's run: skipped
      [A, JAN, 130],
      [A, FEB, 160], // the first change: owned
      [B, JAN, 200],
      [B, FEB, 310], // the first record at or after `to`: its run is read
      [B, FEB, 340],
      [B, 1382, 370], // the change after `to`: the next range's
      [B, 1383, 400],
    ]);
    expect(got).toEqual([true, true, false, false, false, false, 'stop']);
    expect([g.firstRec, g.firstRecLine, g.firstUsed, g.firstKey]).toEqual([100, 1, 160, [A, FEB, 1, 10, 5]]);
    expect([g.nextS, g.nextSLine, g.endPos]).toEqual([310, 5, 370]);
  });

  it('two sub-keys (tidy): the first key without the location', () => {
    const g = new RangeGate({ from: 10, to: 1000 }, 2);
    feed(g, [
      [A, JAN, 10],
      [A, FEB, 40],
    ]);
    expect(g.firstKey).toEqual([A, FEB, 1, 10]);
  });

  it('total rows do not change a run: skipped in the first run, read in the last, and the run after `to` starts at the next code × month', () => {
    const g = new RangeGate({ from: 100, to: 300 }, 3);
    const got = feed(g, [
      [-1, 0, 100], // a total row before the first run: the range before's
      [A, JAN, 120], // the first run
      [-1, 0, 140], // inside it: the range before's
      [A, FEB, 160], // owned from here
      [-1, 0, 310], // a total row at `to`: owned, the last run not yet known
      [B, JAN, 330], // the last run: B, January
      [-1, 0, 350],
      [B, JAN, 360],
      [B, FEB, 390], // its change
    ]);
    expect(got).toEqual([true, true, true, false, false, false, false, false, 'stop']);
    expect([g.firstRec, g.firstUsed, g.nextS, g.endPos]).toEqual([100, 160, 310, 390]);
  });

  it('a run longer than the range: nothing of its own', () => {
    const g = new RangeGate({ from: 100, to: 200 }, 3);
    const got = feed(g, [
      [A, JAN, 100],
      [A, JAN, 150],
      [A, JAN, 210],
      [A, FEB, 240],
    ]);
    expect(got).toEqual([true, true, true, 'stop']);
    expect([g.firstUsed, g.nextS, g.endPos]).toEqual([-1, -1, -1]);
  });

  it('the first range (from 0) owns from the start; to 0 reads the header only', () => {
    const g = new RangeGate({ from: 0, to: 200 }, 3);
    expect([g.limit, g.firstUsed]).toEqual([200, 0]);
    expect(new RangeGate({ from: 0, to: 0 }, 3).limit).toBe(0);
  });
});

/** A part of a range after the first (nothing counted but one row, no cells unless given). */
function part(over: Partial<RangePart>): RangePart {
  return {
    rowsRead: 1,
    rowsUsed: 1,
    rejected: {},
    duplicatesDropped: 0,
    zeroRepairs: 0,
    level: 'HS8',
    grid: undefined,
    flags: 0b111111,
    lastKey: [],
    firstRec: -1,
    firstRecLine: -1,
    firstUsed: -1,
    firstKey: [],
    nextS: -1,
    nextSLine: -1,
    endPos: -1,
    textKeys: 0,
    ...over,
  };
}

/** The first range's part: a context with one row of code A in February on line 2, stopped at byte 60 (its last run from byte 50, line 9). */
function first(over: Partial<RangePart> = {}): RangePart {
  const ctx = new ImportContext('f', 'a.csv', 'customs', 'stream', 'HS8', false);
  ctx.report.rowsRead = 1;
  ctx.row(A, FEB, 1, 10, 5, 0, 7, 2, 'value', '7');
  return part({ local: ctx, lastKey: [A, FEB, 1, 10, 5], nextS: 50, nextSLine: 9, endPos: 60, firstUsed: 0, ...over });
}

describe('mergeRanges', () => {
  it('adds the books and shifts the cells’ lines to file lines', () => {
    const g = new CellGrid();
    g.add(B, JAN, 5, 2); // line 2 of the second range
    const p1 = part({ firstRec: 50, firstRecLine: 1, firstUsed: 60, firstKey: [B, JAN, 1, 10, 5], grid: g.pack() });
    p1.rejected = { 'missing value (empty or "-")': 2 };
    p1.rowsRead = 3;
    const ctx = mergeRanges([first(), p1], 1000);
    if (typeof ctx === 'string') throw new Error(ctx);
    expect([ctx.report.rowsRead, ctx.report.rowsUsed, ctx.report.rejected]).toEqual([
      4,
      2,
      { 'missing value (empty or "-")': 2 },
    ]);
    // line 9 of the first range is line 1 of the second: offset 8, so line 2 → line 10
    const grid = ctx.agg!.grid!;
    const s = grid.codeInts.indexOf(B);
    expect([grid.vals[s][JAN - grid.base], grid.line[s][JAN - grid.base]]).toEqual([5, 10]);
  });

  it('the location sub-key decides the order test around a boundary', () => {
    // the file is sorted by code, sub-key, month only (flag 0b000100): February, location 5, then January
    const flags = 0b000100;
    const later = part({ firstRec: 50, firstRecLine: 1, firstUsed: 60, flags, firstKey: [A, JAN, 1, 10, 7] });
    expect(typeof mergeRanges([first({ flags }), later], 1000)).toBe('object'); // location 5 → 7: still sorted
    const earlier = part({ firstRec: 50, firstRecLine: 1, firstUsed: 60, flags, firstKey: [A, JAN, 1, 10, 3] });
    expect(mergeRanges([first({ flags }), earlier], 1000)).toBe('the file is not sorted'); // 5 → 3
  });

  it('refuses ranges that do not join, a code × month in two ranges, another code level', () => {
    const k = [B, JAN, 1, 10, 5];
    expect(mergeRanges([first(), part({ firstRec: 40, firstUsed: 60, firstKey: k })], 1000)).toBe(
      'the ranges do not join',
    );
    expect(mergeRanges([first(), part({ firstRec: 50, firstUsed: 70, firstKey: k })], 1000)).toBe(
      'the ranges do not join',
    );
    const g = new CellGrid();
    g.add(A, FEB, 1, 1); // the first range's cell again
    expect(
      mergeRanges([first(), part({ firstRec: 50, firstRecLine: 1, firstUsed: 60, firstKey: k, grid: g.pack() })], 1000),
    ).toBe('a code × month in two ranges (the file is not grouped by code and month)');
    expect(mergeRanges([first(), part({ firstRec: 50, firstUsed: 60, firstKey: k, level: 'HS6' })], 1000)).toBe(
      'mixed code levels',
    );
  });

  it('after a range that read to the end, a later one must have nothing of its own', () => {
    const toEnd = first({ nextS: -1, endPos: 1000 });
    expect(typeof mergeRanges([toEnd, part({ rowsRead: 0 })], 1000)).toBe('object');
    expect(mergeRanges([first({ nextS: -1, endPos: 1000 }), part({})], 1000)).toBe('the ranges do not join');
  });

  it('what one importer keeps is added by its callback, which may stop the merge', () => {
    const p1 = part({ firstRec: 50, firstRecLine: 1, firstUsed: 60, firstKey: [B, JAN, 1, 10, 5] });
    const seen: number[] = [];
    mergeRanges([first(), p1], 1000, (_c, _p, off) => {
      seen.push(off);
      return undefined;
    });
    expect(seen).toEqual([8]);
    expect(mergeRanges([first(), p1], 1000, () => 'no')).toBe('no');
  });
});

describe('rangedSize', () => {
  const file = tmpFile('sized.csv', 'aaaa\n'.repeat(200)); // 1000 bytes

  it('-1 (one thread) when one thread is asked for or the file does not exist', () => {
    expect(rangedSize(file, { threads: 1, minParallelBytes: 0 })).toBe(-1);
    expect(rangedSize(file + '.none', { splits: [10] })).toBe(-1);
    expect(rangedSize(file, { splits: [10] })).toBe(1000);
  });

  it('a file of exactly minParallelBytes is read in ranges, one byte less is not', () => {
    expect(rangedSize(file, { threads: 2, minParallelBytes: 1000 })).toBe(1000);
    expect(rangedSize(file, { threads: 2, minParallelBytes: 1001 })).toBe(-1);
  });
});

describe('byteRanges', () => {
  const file = tmpFile('ranges.csv', 'aaaa\n'.repeat(200)); // 1000 bytes, lines start at multiples of 5

  it('without splits: equal shares (no head start), each moved to a line start', () => {
    expect(byteRanges(file, 1000, { threads: 2 })).toEqual([
      { from: 0, to: 500 },
      { from: 500, to: Infinity },
    ]);
    expect(byteRanges(file, 1000, { threads: 4 })).toEqual([
      { from: 0, to: 250 },
      { from: 250, to: 500 },
      { from: 500, to: 750 },
      { from: 750, to: Infinity },
    ]);
  });

  it('as many ranges as threads asked for, more than the machine offers too', () => {
    const n = availableThreads() + 1;
    expect((byteRanges(file, 1000, { threads: n }) as unknown[]).length).toBe(n);
  });

  it('splits inside a line move to the next line start; no splits: one range, even of an empty file', () => {
    expect(byteRanges(file, 1000, { splits: [3, 501] })).toEqual([
      { from: 0, to: 3 },
      { from: 5, to: 501 },
      { from: 505, to: Infinity },
    ]);
    expect(byteRanges(file, 0, { splits: [] })).toEqual([{ from: 0, to: Infinity }]);
  });

  it('a split in a last line without a line break starts a range at the end of the file', () => {
    const f = tmpFile('no-eol.csv', 'a\nbbbb');
    expect(byteRanges(f, 6, { splits: [3] })).toBe('a range starts at the end of the file');
    expect(byteRanges(f, 6, { splits: [2] })).toEqual([
      { from: 0, to: 2 },
      { from: 2, to: Infinity },
    ]);
  });

  it('a line longer than the 64 KiB read buffer: the next line start is found in a later read', () => {
    const f = tmpFile('long-line.csv', 'x'.repeat(70_000) + '\ny\n');
    expect(byteRanges(f, 70_003, { splits: [10] })).toEqual([
      { from: 0, to: 10 },
      { from: 70_001, to: Infinity },
    ]);
  });

  it('closes the file it reads', () => {
    if (!fs.existsSync('/proc/self/fd')) return;
    const open = (): number => fs.readdirSync('/proc/self/fd').length;
    const before = open();
    for (let k = 0; k < 200; k++) byteRanges(file, 1000, { splits: [3] });
    expect(open() - before).toBeLessThan(100);
  });
});

describe('readRanges', () => {
  // a worker module in plain CommonJS: doubles its task after ~300 ms, or throws
  const mod = tmpFile(
    'range-task.cjs',
    [
      'exports.slow = (t) => { const end = Date.now() + 300; while (Date.now() < end); return { value: t * 2, transfer: [] }; };',
      "exports.bad = () => { throw new Error('bad task'); };",
    ].join('\n'),
  );

  it('waits 60 s plus 1 s per 100 MB for a worker: a 6 GB file waits 120 s, so a slow worker is waited for', () => {
    expect(readRanges(mod, 'slow', [1, 2], (t) => t * 2, 6e9)).toEqual([2, 4]);
  });

  it('a worker that throws: the reason, to read the file on one thread', () => {
    expect(readRanges(mod, 'bad', [1, 2], (t) => t * 2, 100)).toBe(
      'a worker could not read its range (no worker threads, or an error there)',
    );
  });
});

describe('RangeGate: starting values and keys', () => {
  it('a new gate has seen nothing', () => {
    const g = new RangeGate({ from: 0, to: Infinity }, 2);
    expect([g.firstRec, g.firstRecLine, g.firstKey, g.nextS, g.nextSLine, g.endPos]).toEqual([-1, -1, [], -1, -1, -1]);
  });

  it('codes one month stride apart are different runs', () => {
    const g = new RangeGate({ from: 100, to: 300 }, 3);
    expect(
      feed(g, [
        [A, FEB, 100],
        [A + 4096, JAN, 130],
      ]),
    ).toEqual([true, false]);
  });

  it('code 0 is a code like any other; a run keyed 0 (code 0, month 0) is a run like any other', () => {
    const g = new RangeGate({ from: 100, to: 300 }, 3);
    expect(
      feed(g, [
        [0, JAN, 100],
        [0, FEB, 130],
      ]),
    ).toEqual([true, false]);
    const g0 = new RangeGate({ from: 100, to: 300 }, 3);
    expect(
      feed(g0, [
        [0, 0, 100],
        [0, 1, 130],
      ]),
    ).toEqual([true, false]);
    // the run crossing `to` keyed 0: the next code × month stops the range
    const g1 = new RangeGate({ from: 0, to: 100 }, 3);
    expect(
      feed(g1, [
        [A, JAN, 10],
        [0, 0, 100],
        [0, 0, 120],
        [0, 1, 140],
      ]),
    ).toEqual([false, false, false, 'stop']);
    expect(g1.endPos).toBe(140);
  });

  it('a change of code × month exactly at `to` in the first run: nothing of its own', () => {
    const g = new RangeGate({ from: 100, to: 200 }, 3);
    expect(
      feed(g, [
        [A, JAN, 100],
        [A, FEB, 200],
      ]),
    ).toEqual([true, 'stop']);
    expect(g.firstUsed).toBe(-1);
  });
});

describe('gridBuffers', () => {
  it('the four buffers of a packed grid, none without one', () => {
    const g = new CellGrid();
    g.add(A, JAN, 5, 2);
    const p = g.pack();
    const b = gridBuffers(p);
    expect(b).toHaveLength(4);
    expect(b[0]).toBe(p.vals.buffer);
    expect(b[1]).toBe(p.miss.buffer);
    expect(b[2]).toBe(p.line.buffer);
    expect(b[3]).toBe(p.codes.buffer);
    expect(gridBuffers(undefined)).toEqual([]);
  });
});

describe('mergeRanges: levels, joins and orders', () => {
  const k = [B, JAN, 1, 10, 5];
  const joins = { firstRec: 50, firstRecLine: 1, firstUsed: 60 };

  it('the code level is that of the first range that read rows', () => {
    const p0 = first({ rowsRead: 0, level: undefined });
    expect(typeof mergeRanges([p0, part({ ...joins, firstKey: k })], 1000)).toBe('object');
    // a range without rows may have no level
    expect(typeof mergeRanges([first(), part({ ...joins, firstKey: k, rowsRead: 0, level: undefined })], 1000)).toBe(
      'object',
    );
  });

  it('the first range read no rows: no cells, or not at the level of the others', () => {
    const empty = new ImportContext('f', 'a.csv', 'customs', 'stream', undefined, false);
    expect(mergeRanges([part({ local: empty, rowsRead: 0, level: undefined })], 1000)).toBe(
      'the first range read no rows',
    );
    expect(mergeRanges([first({ level: 'HS6' }), part({ ...joins, firstKey: k, level: 'HS6' })], 1000)).toBe(
      'the first range read no rows',
    );
  });

  it('a range that read to the end of the file but started a run after `to` must be joined', () => {
    expect(mergeRanges([first({ endPos: 1000, nextS: 50 }), part({ rowsRead: 0 })], 1000)).toBe(
      'the ranges do not join',
    );
  });

  it('a range that stopped before the end with no record after `to` must be joined', () => {
    expect(mergeRanges([first({ nextS: -1, endPos: 60 }), part({ rowsRead: 0 })], 1000)).toBe('the ranges do not join');
  });

  it('an order kept on both sides but broken at the boundary: not sorted', () => {
    // grouped by code, month (0b000001) in each range; B January then A February breaks it
    const p = part({ ...joins, flags: 0b000001, firstKey: [A, FEB, 1, 10, 5] });
    expect(mergeRanges([first({ flags: 0b000001, lastKey: [B, JAN, 1, 10, 5] }), p], 1000)).toBe(
      'the file is not sorted',
    );
  });

  it('keys out of every order at the boundary: not sorted, before any other reason', () => {
    // A February then A January, and the later range at another level
    const p = part({ ...joins, firstKey: [A, JAN, 1, 10, 5], level: 'HS6' });
    expect(mergeRanges([first(), p], 1000)).toBe('the file is not sorted');
  });

  it('no order common to the ranges: not sorted', () => {
    const p = part({ ...joins, flags: 0b000010, firstKey: k });
    expect(mergeRanges([first({ flags: 0b000001 }), p], 1000)).toBe('the file is not sorted');
  });

  it('a key without the location (tidy) is compared as location -1', () => {
    // sorted by sub-key, code, month (0b001000): A then B with the same sub-keys keeps it
    const f = 0b001000;
    const ab = part({ ...joins, flags: f, firstKey: [B, JAN, 1, 10] });
    expect(typeof mergeRanges([first({ flags: f, lastKey: [A, JAN, 1, 10] }), ab], 1000)).toBe('object');
    // B then A with the same sub-keys breaks it
    const ba = part({ ...joins, flags: f, firstKey: [A, JAN, 1, 10] });
    expect(mergeRanges([first({ flags: f, lastKey: [B, JAN, 1, 10, -1] }), ba], 1000)).toBe('the file is not sorted');
  });
});
