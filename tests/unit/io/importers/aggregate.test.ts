/**
 * The importers' aggregator (lib/io/importers/aggregate.ts): code × month cells in the dense grid when partners
 * are summed and in the hash table when they are kept — the same cells from the same rows, emitted in key order
 * (code, month, then partner/regime id); missing values left missing and counted, partial sums noted; the
 * partner/regime combination limit; the year-to-date hand-over through both layouts (differences by hand); the
 * report's cells, codes, level, period and notes; code text padded to 8 or 6 digits by level.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Aggregator, type TidyCells } from '../../../../lib/io/importers/aggregate.js';
import { CellGrid } from '../../../../lib/io/importers/cell-grid.js';
import { newReport, type ImportReport } from '../../../../lib/io/importers/report.js';
import { monthIndex, monthLabel } from '../../../../lib/core/months.js';
import { cellsToObject } from '../../../helpers/importers.js';

const ALL_MISSING = (n: number) => `${n} cells had only missing values (empty or "-"): left missing, not zero`;
const PARTIAL = (n: number) =>
  `${n} cells sum several rows of which some were missing: the sum covers the rows with values`;
const CONVERTED =
  'converted year-to-date cumulative values to monthly by differencing within each year (January kept as is)';
const NO_PREV = (n: number) =>
  `${n} cumulative cells could not be differenced (previous month of the year missing): left missing`;

/** A row: code integer, month label, partner (kept partners only), value (NaN = missing). */
type Row = [code: number, month: string, partner: string, value: number];

/** Feed rows to an aggregator (lines 2, 3, … in order); partners get ids in order of first appearance. */
function feed(level: 'HS8' | 'HS6', keep: boolean, rows: Row[]): Aggregator {
  const agg = new Aggregator(level, keep);
  rows.forEach(([code, month, partner, value], k) => {
    const combo = keep ? agg.comboId(partner, '10', 'demo', 'a.csv', k + 2) : 0;
    agg.add(code, monthIndex(month), combo, value, k + 2);
  });
  return agg;
}

function finish(agg: Aggregator, cumulative: boolean | 'auto' = false): { cells: TidyCells; report: ImportReport } {
  const report = newReport('a.csv', 'customs');
  const cells = agg.finish(cumulative, report, 'demo', 'a.csv');
  return { cells, report };
}

/** The cells in emission order: [code, month, value] (plus the partner when kept). */
function list(c: TidyCells): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (let i = 0; i < c.n; i++) {
    const row: (string | number)[] = [c.codes[c.code[i]], monthLabel(c.month[i]), c.value[i]];
    if (c.sub) row.push(c.subs![c.sub[i]].partner);
    out.push(row);
  }
  return out;
}

/** The report's fields the aggregator writes. */
const books = (r: ImportReport) => ({
  cells: r.cells,
  codes: r.codes,
  level: r.level,
  period: r.period,
  notes: r.notes,
  cumulative: r.cumulative,
});

describe('Aggregator: layout and combinations', () => {
  it('partners summed use the dense grid, partners kept the hash table', () => {
    const summed = new Aggregator('HS8', false);
    const kept = new Aggregator('HS6', true);
    expect(summed.grid).toBeInstanceOf(CellGrid);
    expect(kept.grid).toBeUndefined();
    expect([summed.level, summed.keepSubs, kept.level, kept.keepSubs]).toEqual(['HS8', false, 'HS6', true]);
  });

  it('comboId numbers partner/regime pairs in order of first appearance; the pair, not the joined text, is the key', () => {
    const agg = new Aggregator('HS8', true);
    const id = (p: string, r: string) => agg.comboId(p, r, 'demo', 'a.csv', 2);
    // '1' + '12' and '11' + '2' join to the same text without the separator
    expect([id('116', '10'), id('304', '10'), id('116', '10'), id('116', '20'), id('1', '12'), id('11', '2')]).toEqual([
      0, 1, 0, 2, 3, 4,
    ]);
    expect(id('304', '10')).toBe(1);
    expect(agg.combos).toEqual([
      { partner: '116', regime: '10' },
      { partner: '304', regime: '10' },
      { partner: '116', regime: '20' },
      { partner: '1', regime: '12' },
      { partner: '11', regime: '2' },
    ]);
  });

  it('at most 8192 combinations (ids 0 … 8191 fit 13 bits): the 8193rd distinct pair is an error naming its line', () => {
    const agg = new Aggregator('HS8', true);
    for (let k = 0; k < 8192; k++) expect(agg.comboId(`p${k}`, '', 'demo', 'a.csv', k + 2)).toBe(k);
    const msg = 'demo: a.csv, line 9: more than 8192 distinct partner/regime combinations: import without keepPartners';
    expect(() => agg.comboId('p8192', '', 'demo', 'a.csv', 9)).toThrow(msg);
    // nothing was registered by the failed call: known pairs keep their ids, the new one fails again
    expect(agg.combos.length).toBe(8192);
    expect(agg.comboId('p8191', '', 'demo', 'a.csv', 10)).toBe(8191);
    expect(agg.comboId('p0', '', 'demo', 'a.csv', 10)).toBe(0);
    expect(() => agg.comboId('p8192', '', 'demo', 'a.csv', 9)).toThrow(msg);
  });
});

describe('Aggregator: cells, missing values and the report', () => {
  // code 84862031 first, then 01012100, then 85423111: the grid's slots are in file order, the output in code order
  const rows: Row[] = [
    [84862031, '2015-02', '116', 100], // line 2
    [1012100, '2015-03', '116', 4], // line 3
    [1012100, '2015-01', '116', 5], // line 4
    [1012100, '2015-01', '116', 7], // line 5: same cell as line 4 (consecutive): 5 + 7 = 12
    [1012100, '2015-03', '116', NaN], // line 6: 2015-03 = 4 with one missing row: partial
    [1012100, '2015-02', '116', NaN], // line 7: 2015-02 only missing: left missing
    [85423111, '2014-12', '116', 1], // line 8
    [1012100, '2015-01', '116', 0.5], // line 9: back to 2015-01: 12 + 0.5 = 12.5
  ];
  const want = [
    ['01012100', '2015-01', 12.5],
    ['01012100', '2015-03', 4],
    ['84862031', '2015-02', 100],
    ['85423111', '2014-12', 1],
  ];
  const wantBooks = {
    cells: 4,
    codes: 3,
    level: 'HS8',
    period: ['2014-12', '2015-03'], // earliest month from the last code, latest from the first
    notes: [ALL_MISSING(1), PARTIAL(1)],
    cumulative: false,
  };

  it('partners summed (grid): sums per code × month in code order, missing left missing, partial noted', () => {
    const { cells, report } = finish(feed('HS8', false, rows));
    expect(list(cells)).toEqual(want);
    expect(cells.codes).toEqual(['01012100', '84862031', '85423111']);
    expect(Array.from(cells.code)).toEqual([0, 0, 1, 2]);
    expect(Array.from(cells.month)).toEqual([1380, 1382, 1381, 1379]);
    expect(Array.from(cells.value)).toEqual([12.5, 4, 100, 1]);
    expect([cells.n, cells.level, cells.sub, cells.subs]).toEqual([4, 'HS8', undefined, undefined]);
    expect(books(report)).toEqual(wantBooks);
  });

  it('partners kept (hash table), one partner: the same cells, report and arrays sized to the cells', () => {
    const agg = feed('HS8', true, rows);
    const { cells, report } = finish(agg);
    expect(list(cells)).toEqual(want.map((w) => [...w, '116']));
    expect(cells.codes).toEqual(['01012100', '84862031', '85423111']);
    expect(Array.from(cells.code)).toEqual([0, 0, 1, 2]);
    expect([cells.code.length, cells.month.length, cells.value.length, cells.sub!.length]).toEqual([4, 4, 4, 4]);
    expect(Array.from(cells.sub!)).toEqual([0, 0, 0, 0]);
    expect(cells.subs).toEqual([{ partner: '116', regime: '10' }]);
    expect(cells.subs).not.toBe(agg.combos); // a copy: the result does not change with the aggregator
    expect(books(report)).toEqual(wantBooks);
  });

  it('partners kept: cells per partner, ordered by code, month, then combination id (first appearance)', () => {
    const kept: Row[] = [
      [1012100, '2015-02', '304', 3], // line 2: combination 0 = 304
      [1012100, '2015-01', '116', 5], // line 3: combination 1 = 116
      [1012100, '2015-01', '116', 2], // line 4: consecutive, same cell: 7
      [1012100, '2015-01', '304', 9], // line 5
      [1012100, '2015-01', '116', NaN], // line 6: 116 × 2015-01 partial (7)
      [1012100, '2015-02', '116', NaN], // line 7: only missing
      [1012100, '2015-02', '304', 1], // line 8: 3 + 1 = 4
      [1012100, '2015-02', '116', NaN], // line 9: still only missing (2 rows)
      [10121, '2016-05', '116', 8], // line 10: a smaller code, later month
    ];
    const { cells, report } = finish(feed('HS8', true, kept));
    expect(list(cells)).toEqual([
      ['00010121', '2016-05', 8, '116'],
      ['01012100', '2015-01', 9, '304'],
      ['01012100', '2015-01', 7, '116'],
      ['01012100', '2015-02', 4, '304'],
    ]);
    expect(Array.from(cells.sub!)).toEqual([1, 0, 1, 0]);
    expect(books(report)).toEqual({
      cells: 4,
      codes: 2,
      level: 'HS8',
      period: ['2015-01', '2016-05'],
      notes: [ALL_MISSING(1), PARTIAL(1)],
      cumulative: false,
    });
    // summed over partners: the grid's cells from the same rows
    const summed = finish(feed('HS8', false, kept));
    expect(cellsToObject(cells)).toEqual(cellsToObject(summed.cells));
    expect(list(summed.cells)).toEqual([
      ['00010121', '2016-05', 8],
      ['01012100', '2015-01', 16], // 5 + 2 + 9, one missing row
      ['01012100', '2015-02', 4], // 3 + 1, two missing rows
    ]);
    expect(summed.report.notes).toEqual([PARTIAL(2)]);
  });

  it('no missing rows: no notes; several all-missing and partial cells are counted', () => {
    for (const keep of [false, true]) {
      const clean = finish(feed('HS8', keep, [[1012100, '2015-01', '116', 5]]));
      expect(books(clean.report)).toEqual({
        cells: 1,
        codes: 1,
        level: 'HS8',
        period: ['2015-01', '2015-01'],
        notes: [],
        cumulative: false,
      });
      const missing = finish(
        feed('HS8', keep, [
          [1012100, '2015-01', '116', NaN],
          [1012100, '2015-02', '116', NaN],
          [1012100, '2015-02', '116', NaN],
          [1012100, '2015-03', '116', 1],
          [1012100, '2015-03', '116', NaN],
          [2012100, '2015-03', '116', NaN],
          [2012100, '2015-03', '116', 2],
          [2012100, '2015-04', '116', 3],
        ]),
      );
      // all missing: 01012100 × 2015-01, × 2015-02; partial: 01012100 × 2015-03, 02012100 × 2015-03
      expect(missing.report.notes).toEqual([ALL_MISSING(2), PARTIAL(2)]);
      expect(list(missing.cells).map((r) => r.slice(0, 3))).toEqual([
        ['01012100', '2015-03', 1],
        ['02012100', '2015-03', 2],
        ['02012100', '2015-04', 3],
      ]);
    }
  });

  it('only missing rows: no cells, no period, the cells counted as missing', () => {
    for (const keep of [false, true]) {
      const { cells, report } = finish(
        feed('HS8', keep, [
          [1012100, '2015-01', '116', NaN],
          [1012100, '2015-02', '304', NaN],
        ]),
      );
      expect([cells.n, cells.codes, Array.from(cells.month), Array.from(cells.value)]).toEqual([0, [], [], []]);
      expect(books(report)).toEqual({
        cells: 0,
        codes: 0,
        level: 'HS8',
        period: null,
        notes: [ALL_MISSING(2)],
        cumulative: false,
      });
    }
  });

  it('no rows at all: empty cells at the level, period null', () => {
    for (const keep of [false, true]) {
      const { cells, report } = finish(new Aggregator('HS6', keep));
      expect([cells.n, cells.level, cells.codes, cells.code.length]).toEqual([0, 'HS6', [], 0]);
      expect(books(report)).toEqual({ cells: 0, codes: 0, level: 'HS6', period: null, notes: [], cumulative: false });
      if (keep) expect([Array.from(cells.sub!), cells.subs]).toEqual([[], []]);
      else expect(cells.sub).toBeUndefined();
    }
  });

  it('code text is padded to 8 digits for HS8 and 6 for HS6; report.level follows', () => {
    for (const keep of [false, true]) {
      const hs6 = finish(
        feed('HS6', keep, [
          [10121, '2015-01', '116', 3],
          [848620, '2015-01', '116', 4],
        ]),
      );
      expect(hs6.cells.codes).toEqual(['010121', '848620']);
      expect([hs6.cells.level, hs6.report.level]).toEqual(['HS6', 'HS6']);
      const hs8 = finish(feed('HS8', keep, [[10121, '2015-01', '116', 3]]));
      expect(hs8.cells.codes).toEqual(['00010121']);
      expect(new Aggregator('HS8', keep).codeString(7)).toBe('00000007');
      expect(new Aggregator('HS6', keep).codeString(84862031)).toBe('84862031'); // never cut
    }
  });

  it('partners kept: the first row may be code 0, month 0 (1900-01), combination 1; code 1 may come first', () => {
    const agg = new Aggregator('HS8', true);
    expect([agg.comboId('A', '', 'demo', 'a.csv', 2), agg.comboId('B', '', 'demo', 'a.csv', 2)]).toEqual([0, 1]);
    agg.add(0, 0, 1, 5, 2); // key 0 × 4096 × 8192 + 1 = 1
    agg.add(0, 0, 1, 6, 3); // 5 + 6 = 11
    const { cells, report } = finish(agg);
    expect(list(cells)).toEqual([['00000000', '1900-01', 11, 'B']]);
    expect(report.period).toEqual(['1900-01', '1900-01']);

    const one = new Aggregator('HS8', true);
    const b = one.comboId('116', '', 'demo', 'a.csv', 2);
    one.add(1, 1380, b, 9, 2);
    one.add(1, 1381, b, 4, 3);
    const r = finish(one);
    expect(list(r.cells)).toEqual([
      ['00000001', '2015-01', 9, '116'],
      ['00000001', '2015-02', 4, '116'],
    ]);
    expect(Array.from(r.cells.code)).toEqual([0, 0]);
  });

  it('property: grid (summed) and hash table (kept) give the same cells and notes as a plain map', () => {
    const rowArb = fc.record({
      code: fc.integer({ min: 0, max: 12 }),
      month: fc.integer({ min: 0, max: 30 }),
      partner: fc.constantFrom('116', '304', '110'),
      value: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined, freq: 4 }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), (random) => {
        const rows: Row[] = random.map((r) => [
          1012100 + r.code * 1000,
          monthLabel(1370 + r.month),
          r.partner,
          r.value ?? NaN,
        ]);
        // the plain map: code → month → partner → { sum, values, missing }
        const cell = (key: string) => ({ key, sum: 0, values: 0, missing: 0 });
        const byPartner = new Map<string, ReturnType<typeof cell>>();
        const summed = new Map<string, ReturnType<typeof cell>>();
        for (const [code, month, partner, value] of rows) {
          const base = `${String(code).padStart(8, '0')}|${month}`;
          for (const [map, key] of [
            [byPartner, `${base}|${partner}`],
            [summed, base],
          ] as const) {
            const c = map.get(key) ?? cell(key);
            if (Number.isNaN(value)) c.missing++;
            else {
              c.sum += value;
              c.values++;
            }
            map.set(key, c);
          }
        }
        const expectFrom = (map: Map<string, ReturnType<typeof cell>>) => {
          const cs = [...map.values()];
          const notes: string[] = [];
          const allMissing = cs.filter((c) => c.values === 0).length;
          const partial = cs.filter((c) => c.values > 0 && c.missing > 0).length;
          if (allMissing > 0) notes.push(ALL_MISSING(allMissing));
          if (partial > 0) notes.push(PARTIAL(partial));
          return { cells: cs.filter((c) => c.values > 0), notes };
        };
        const g = finish(feed('HS8', false, rows));
        const t = finish(feed('HS8', true, rows));
        const ws = expectFrom(summed);
        const wp = expectFrom(byPartner);
        // summed: in code, month order
        const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
        expect(list(g.cells)).toEqual(
          ws.cells
            .sort((a, b) => order(a.key, b.key))
            .map((c) => {
              const [code, month] = c.key.split('|');
              return [code, month, c.sum];
            }),
        );
        expect(g.report.notes).toEqual(ws.notes);
        expect(t.report.notes).toEqual(wp.notes);
        // kept: the same cells per partner (sorted by code, month, then partner id)
        const got = list(t.cells).map((r) => `${r[0]}|${r[1]}|${r[3]}=${r[2]}`);
        expect([...got].sort()).toEqual(wp.cells.map((c) => `${c.key}=${c.sum}`).sort());
        const sortKey = (r: (string | number)[]) =>
          `${r[0]}|${r[1]}|${String(t.cells.subs!.findIndex((s) => s.partner === r[3])).padStart(2, '0')}`;
        const keys = list(t.cells).map(sortKey);
        expect(keys).toEqual([...keys].sort());
        // summing the kept partners gives the grid's cells, and the same report
        expect(cellsToObject(t.cells)).toEqual(cellsToObject(g.cells));
        const gb = books(g.report);
        const tb = books(t.report);
        expect([tb.period, tb.level, tb.cumulative]).toEqual([gb.period, gb.level, gb.cumulative]);
        expect(gb.codes).toBe(g.cells.codes.length);
        expect(tb.codes).toBe(t.cells.codes.length);
        expect([gb.cells, tb.cells]).toEqual([ws.cells.length, wp.cells.length]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('Aggregator: the year-to-date hand-over through both layouts', () => {
  it('partners kept: each partner differenced (cumulative 10, 15, 30 → 10, 5, 15; 4, 4, 9 → 4, 0, 5)', () => {
    const rows: Row[] = [
      [1012100, '2015-01', '116', 10],
      [1012100, '2015-01', '304', 4],
      [1012100, '2015-02', '116', 15],
      [1012100, '2015-02', '304', 4],
      [1012100, '2015-03', '116', 30],
      [1012100, '2015-03', '304', 9],
    ];
    const { cells, report } = finish(feed('HS8', true, rows), true);
    expect(list(cells)).toEqual([
      ['01012100', '2015-01', 10, '116'],
      ['01012100', '2015-01', 4, '304'],
      ['01012100', '2015-02', 5, '116'], // 15 − 10
      ['01012100', '2015-02', 0, '304'], // 4 − 4
      ['01012100', '2015-03', 15, '116'], // 30 − 15
      ['01012100', '2015-03', 5, '304'], // 9 − 4
    ]);
    expect(cells.codes).toEqual(['01012100']);
    expect(books(report)).toEqual({
      cells: 6,
      codes: 1,
      level: 'HS8',
      period: ['2015-01', '2015-03'],
      notes: [CONVERTED],
      cumulative: true,
    });
    // partners summed: 14, 19, 39 → 14, 5, 20 (= the kept cells summed)
    const summed = finish(feed('HS8', false, rows), true);
    expect(list(summed.cells)).toEqual([
      ['01012100', '2015-01', 14],
      ['01012100', '2015-02', 5],
      ['01012100', '2015-03', 20],
    ]);
    expect(cellsToObject(cells)).toEqual(cellsToObject(summed.cells));
    expect(books(summed.report)).toEqual({ ...books(report), cells: 3 });
  });

  it('several codes, a month without its previous month, a missing cell: both layouts by hand', () => {
    const rows: Row[] = [
      [84862031, '2015-02', '116', 50], // no 2015-01: cannot be differenced (before 2020: not January–February)
      [84862031, '2015-03', '116', 80], // 80 − 50 = 30
      [1012100, '2015-01', '116', 10],
      [1012100, '2015-02', '116', NaN], // missing: left missing
      [1012100, '2015-03', '116', 30], // previous month missing: left missing
      [1012100, '2015-04', '116', 42], // 42 − 30 = 12
      [1012100, '2015-05', '116', NaN], // a missing cell last in key order
    ];
    for (const keep of [false, true]) {
      const { cells, report } = finish(feed('HS8', keep, rows), true);
      expect(list(cells).map((r) => r.slice(0, 3))).toEqual([
        ['01012100', '2015-01', 10],
        ['01012100', '2015-04', 12],
        ['84862031', '2015-03', 30],
      ]);
      expect([cells.n, cells.code.length, cells.codes]).toEqual([3, 3, ['01012100', '84862031']]);
      expect(books(report)).toEqual({
        cells: 3,
        codes: 2,
        level: 'HS8',
        period: ['2015-01', '2015-04'],
        notes: [ALL_MISSING(2), CONVERTED, NO_PREV(2)], // 84862031 × 2015-02, 01012100 × 2015-03
        cumulative: true,
      });
    }
  });

  it('a falling value is an error naming both lines, the months and the code, in either layout', () => {
    const rows: Row[] = [
      [84862031, '2015-01', '304', 1], // line 2: another code first (grid slot 0, another combination)
      [1012100, '2015-01', '116', 10], // line 3
      [1012100, '2015-02', '116', 12], // line 4
      [1012100, '2015-03', '116', 8], // line 5: falls from 12
    ];
    const msg =
      'demo: a.csv, line 5: year-to-date value falls from 12 in 2015-02 (line 4) to 8 in 2015-03 for code 01012100: not a cumulative series (is the file monthly? pass cumulative: false) (got 8)';
    for (const keep of [false, true]) {
      expect(() => finish(feed('HS8', keep, rows), true)).toThrow(msg);
      // read as monthly, nothing falls
      expect(list(finish(feed('HS8', keep, rows), false).cells).map((r) => r[2])).toEqual([10, 12, 8, 1]);
    }
  });

  it('from 2020 a February with no January is kept and recorded per code and year, in either layout', () => {
    const rows: Row[] = [
      [848620, '2020-01', '304', 3],
      [848620, '2020-02', '304', 7], // 7 − 3 = 4
      [10121, '2020-02', '116', 20], // no January: January–February combined, kept as 20
      [10121, '2020-03', '116', 26], // 26 − 20 = 6
      [10121, '2019-03', '116', 5], // 2019: March without February: left missing
    ];
    for (const keep of [false, true]) {
      const { cells, report } = finish(feed('HS6', keep, rows), true);
      expect(list(cells).map((r) => r.slice(0, 3))).toEqual([
        ['010121', '2020-02', 20],
        ['010121', '2020-03', 6],
        ['848620', '2020-01', 3],
        ['848620', '2020-02', 4],
      ]);
      expect(report.janFeb?.cells).toEqual([{ code: '010121', year: 2020, by: 'year-to-date' }]);
      expect(report.notes).toEqual([CONVERTED, NO_PREV(1)]);
      expect(report.period).toEqual(['2020-01', '2020-03']);
    }
    // HS8 padding reaches the record too
    const hs8 = finish(feed('HS8', false, [[1012100, '2021-02', '116', 20]]), true);
    expect(hs8.report.janFeb?.cells).toEqual([{ code: '01012100', year: 2021, by: 'year-to-date' }]);
  });

  it("'auto' counts the steps within a year per series, in either layout", () => {
    // two partners, 2015-01 … 2015-04 each: 3 steps per partner; summed: 3 steps
    const rows: Row[] = [];
    const cum = { '116': [1, 3, 6, 10], '304': [2, 2, 5, 5] };
    for (const [p, vs] of Object.entries(cum)) vs.forEach((v, t) => rows.push([1012100, monthLabel(1380 + t), p, v]));
    const kept = finish(feed('HS8', true, rows), 'auto');
    expect(kept.report.notes).toEqual([
      "cumulative: 'auto' found 6 of 6 month-to-month steps within a year non-decreasing: values read as year-to-date cumulative",
      CONVERTED,
    ]);
    expect(list(kept.cells)).toEqual([
      ['01012100', '2015-01', 1, '116'],
      ['01012100', '2015-01', 2, '304'],
      ['01012100', '2015-02', 2, '116'],
      ['01012100', '2015-02', 0, '304'],
      ['01012100', '2015-03', 3, '116'],
      ['01012100', '2015-03', 3, '304'],
      ['01012100', '2015-04', 4, '116'],
      ['01012100', '2015-04', 0, '304'],
    ]);
    const summed = finish(feed('HS8', false, rows), 'auto');
    expect(summed.report.notes).toEqual([
      "cumulative: 'auto' had too few month-to-month steps (3) to tell: values read as monthly (pass cumulative: true if the query was year-to-date)",
    ]);
    expect(summed.report.cumulative).toBe(false);
    expect(list(summed.cells).map((r) => r[2])).toEqual([3, 5, 11, 15]); // 1+2, 3+2, 6+5, 10+5 as read
  });

  it('partners summed: a series starting at the first column of the grid has no previous month', () => {
    // the first row (2015-04) puts the grid's first month at 2014-04 and its last (96 months) at 2022-03:
    // code 84862031's 2014-04 sits right after code 01012100's 2022-03, but is not its next month
    const rows: Row[] = [
      [1012100, '2015-04', '116', 7],
      [1012100, '2022-03', '116', 1],
      [84862031, '2014-04', '116', 5],
      [84862031, '2014-05', '116', 9], // 9 − 5 = 4
    ];
    const { cells, report } = finish(feed('HS8', false, rows), true);
    expect(list(cells)).toEqual([['84862031', '2014-05', 4]]);
    expect(report.notes).toEqual([CONVERTED, NO_PREV(3)]); // 01012100 × 2015-04, × 2022-03; 84862031 × 2014-04
    expect(report.period).toEqual(['2014-05', '2014-05']);
  });
});
