/**
 * The byte ranges of the parallel import (lib/io/importers/ranges.ts): the gate by which a range owns whole code ×
 * month runs (total rows belonging to the run they are in) and the merge of the ranges' parts — joins, the order
 * test of the two records around a boundary (with the location sub-key), lines shifted to file lines, a cell in two
 * ranges refused. Hand-computed cases; the importers' parallel reads against their single-thread reads are tested in
 * tests/unit/io/importers/parallel.test.ts (tidy) and tests/unit/io/importers/customs.test.ts (customs).
 */
import { describe, expect, it } from 'vitest';
import { StopScan } from '../../../../lib/io/importers/csv-scan.js';
import { CellGrid } from '../../../../lib/io/importers/cell-grid.js';
import { ImportContext } from '../../../../lib/io/importers/common.js';
import { mergeRanges, RangeGate, type RangePart } from '../../../../lib/io/importers/ranges.js';

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
