/**
 * What every importer shares (lib/io/importers/common.ts): the total-row markers, the duplicate-check mode and its
 * restart on an unsorted file, and the import context — code level detection and the lost-leading-zero repair
 * with their exact errors, duplicate rows (identical dropped and counted, conflicting an error naming both
 * lines), missing values, and finishing: the repairs written, an empty import, the year-to-date hand-over, the
 * January–February line and the balanced books.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ImportContext,
  MISSING_REASON,
  TOTAL_REASON,
  isTotalMarker,
  withDupMode,
} from '../../../../lib/io/importers/common.js';
import { Aggregator } from '../../../../lib/io/importers/aggregate.js';
import { RestartUnsorted } from '../../../../lib/io/importers/dup-guard.js';
import { newReport, type ImportReport } from '../../../../lib/io/importers/report.js';
import { monthIndex, monthLabel } from '../../../../lib/core/months.js';
import { cellsToObject } from '../../../helpers/importers.js';

const SORT_NOTE =
  'the file is not sorted, so duplicates were checked with a full key index (memory grows with the rows)';

/** A context of a customs import of a.csv by 'demo'. */
const context = (
  level: 'HS8' | 'HS6' | undefined,
  opts: { mode?: 'hash' | 'stream'; keep?: boolean } = {},
): ImportContext => new ImportContext('demo', 'a.csv', 'customs', opts.mode ?? 'hash', level, opts.keep ?? false);

/** A data row as an importer gives it: read (rowsRead + 1), then handed to the context. */
function row(
  ctx: ImportContext,
  code: number,
  month: string,
  value: number,
  line: number,
  partner = 116,
  text: string = Number.isNaN(value) ? '-' : String(value),
): void {
  ctx.report.rowsRead++;
  ctx.row(code, monthIndex(month), partner, 10, -1, 0, value, line, 'value', text);
}

describe('reasons and total markers', () => {
  it('the reasons counted in the report, word for word', () => {
    expect(MISSING_REASON).toBe('missing value (empty or "-")');
    expect(TOTAL_REASON).toBe('total/subtotal row (总值/合计/Total)');
  });

  it('isTotalMarker: a total or subtotal word at the start of the text, in Chinese or English, any case', () => {
    const yes = [
      '总值',
      '总计',
      ' 合计',
      '小计',
      '总值（美元）',
      '合计表', // no word boundary after Chinese text: the second pattern takes it
      '全部', // "all" (all partners, all commodities): it was missed while only the \b pattern named it
      '全部国家',
      'Total',
      'TOTAL imports',
      '  total',
      'subtotal',
      'Sub-total',
      'grand total',
      'All',
      'all partners',
    ];
    const no = ['Tomatoes', 'totally', 'Allspice', 'subtotals', '进口总值', 'not total', '', '01012100', '-'];
    expect(yes.filter((t) => isTotalMarker(t) !== true)).toEqual([]);
    expect(no.filter((t) => isTotalMarker(t) !== false)).toEqual([]);
  });
});

describe('withDupMode', () => {
  it("runs one pass: 'hash' and 'stream' as asked, 'auto' and no mode streaming", () => {
    for (const [mode, want] of [
      ['hash', 'hash'],
      ['stream', 'stream'],
      ['auto', 'stream'],
      [undefined, 'stream'],
    ] as const) {
      const calls: string[] = [];
      expect(
        withDupMode('a.csv', mode, (m) => {
          calls.push(m);
          return m.length;
        }),
      ).toBe(want.length);
      expect(calls).toEqual([want]);
    }
  });

  it('an unsorted streamed file is read again with the hash check, and the report says so', () => {
    const calls: string[] = [];
    const got = withDupMode('a.csv', 'auto', (m) => {
      calls.push(m);
      if (m === 'stream') throw new RestartUnsorted();
      return { report: newReport('a.csv', 'customs'), pass: m };
    });
    expect(calls).toEqual(['stream', 'hash']);
    expect(got.pass).toBe('hash');
    expect(got.report.notes).toEqual([SORT_NOTE]);
    // a result without a report is returned as is
    expect(
      withDupMode('a.csv', 'stream', (m) => {
        if (m === 'stream') throw new RestartUnsorted();
        return 42;
      }),
    ).toBe(42);
  });

  it('any other error goes through, with no second pass', () => {
    const calls: string[] = [];
    const boom = new Error('boom');
    expect(() =>
      withDupMode('a.csv', 'auto', (m) => {
        calls.push(m);
        throw boom;
      }),
    ).toThrow(boom);
    expect(calls).toEqual(['stream']);
  });

  it('end to end: a context streaming an unsorted file restarts and still drops the duplicate', () => {
    const calls: string[] = [];
    const result = withDupMode('a.csv', undefined, (m) => {
      calls.push(m);
      const ctx = context('HS8', { mode: m });
      row(ctx, 1012100, '2015-01', 5, 2);
      row(ctx, 2012100, '2015-02', 6, 3);
      row(ctx, 1012100, '2015-02', 7, 4); // back to an earlier code, same month: no sorted order holds
      row(ctx, 1012100, '2015-01', 5, 5); // an identical duplicate of line 2
      return ctx.finish(false);
    });
    expect(calls).toEqual(['stream', 'hash']);
    expect(result.report.notes).toEqual([SORT_NOTE]);
    expect([result.report.rowsRead, result.report.rowsUsed, result.report.duplicatesDropped]).toEqual([4, 3, 1]);
    expect(cellsToObject(result.cells)).toEqual({
      '01012100': { '2015-01': 5, '2015-02': 7 },
      '02012100': { '2015-02': 6 },
    });
  });
});

describe('ImportContext: setting up', () => {
  it('a fresh report of the file and format, the duplicate check in the mode given', () => {
    const ctx = new ImportContext('importX', 'b.json', 'comtrade-json', 'stream', undefined, false);
    expect([ctx.fn, ctx.file, ctx.report.file, ctx.report.format, ctx.guard.mode]).toEqual([
      'importX',
      'b.json',
      'b.json',
      'comtrade-json',
      'stream',
    ]);
    expect([ctx.report.rowsRead, ctx.report.notes, ctx.zeroRepairs, ctx.separators, ctx.keyWords]).toEqual([
      0,
      [],
      0,
      0,
      '',
    ]);
    expect(context(undefined, { mode: 'hash' }).guard.mode).toBe('hash');
  });

  it('a level given makes the aggregator at once (keeping partners as asked); no level waits for the first code', () => {
    const kept = context('HS6', { keep: true });
    expect(kept.agg).toBeInstanceOf(Aggregator);
    expect([kept.level, kept.agg!.level, kept.agg!.keepSubs, kept.keepSubs]).toEqual(['HS6', 'HS6', true, true]);
    const later = context(undefined, { keep: true });
    expect([later.level, later.agg]).toEqual([undefined, undefined]);
    later.code(10121, 5, 2, 'code', '10121');
    expect([later.level, later.agg!.level, later.agg!.keepSubs]).toEqual(['HS6', 'HS6', true]);
  });
});

describe('ImportContext.code', () => {
  it('the first code fixes the level: 8 or 7 digits HS8, 6 or 5 digits HS6', () => {
    for (const [digits, level, repairs] of [
      [8, 'HS8', 0],
      [7, 'HS8', 1],
      [6, 'HS6', 0],
      [5, 'HS6', 1],
    ] as const) {
      const ctx = context(undefined);
      expect(ctx.code(1234, digits, 2, 'code', 'x')).toBe(1234);
      expect([ctx.level, ctx.agg!.level, ctx.agg!.keepSubs, ctx.zeroRepairs]).toEqual([level, level, false, repairs]);
    }
  });

  it('a first code of another length is an error naming the line and column (or none) and the text', () => {
    for (const digits of [4, 9, 1, 10]) {
      const ctx = context(undefined);
      expect(() => ctx.code(1234, digits, 3, '商品编码', '1234')).toThrow(
        'demo: a.csv, line 3, column "商品编码": commodity code must have 8 digits (HS8) or 6 digits (HS6) (got "1234")',
      );
      expect(ctx.agg).toBeUndefined();
    }
    expect(() => context(undefined).code(123, 3, undefined, 'code', '123')).toThrow(
      'demo: a.csv, column "code": commodity code must have 8 digits (HS8) or 6 digits (HS6) (got "123")',
    );
  });

  it('HS8: 8 digits as is, 7 digits a restored leading zero (counted), others an error', () => {
    const ctx = context('HS8');
    expect(ctx.code(84862031, 8, 2, 'code', '84862031')).toBe(84862031);
    expect(ctx.zeroRepairs).toBe(0);
    expect(ctx.code(1012100, 7, 3, 'code', '1012100')).toBe(1012100);
    expect(ctx.code(2012100, 7, 4, 'code', '2012100')).toBe(2012100);
    expect(ctx.zeroRepairs).toBe(2);
    const suffix = ' (an aggregate level, or more than one leading zero lost)';
    const msg = (line: number, text: string, tail: string) =>
      `demo: a.csv, line ${line}, column "code": commodity code must have 8 digits in this HS8 file${tail} (got "${text}")`;
    expect(() => ctx.code(848620, 6, 5, 'code', '848620')).toThrow(msg(5, '848620', suffix));
    expect(() => ctx.code(84862, 5, 6, 'code', '84862')).toThrow(msg(6, '84862', suffix));
    // longer: no aggregate-level hint
    expect(() => ctx.code(848620311, 9, 7, 'code', '848620311')).toThrow(msg(7, '848620311', ''));
    expect(ctx.zeroRepairs).toBe(2);
  });

  it('HS6: 6 digits as is, 5 digits repaired, 7, 8 and 4 digits an error (only 4 an aggregate level)', () => {
    const ctx = context('HS6');
    expect([ctx.code(848620, 6, 2, 'c', '848620'), ctx.code(10121, 5, 3, 'c', '10121'), ctx.zeroRepairs]).toEqual([
      848620, 10121, 1,
    ]);
    const head = 'demo: a.csv, line 4, column "c": commodity code must have 6 digits in this HS6 file';
    expect(() => ctx.code(1012100, 7, 4, 'c', '1012100')).toThrow(`${head} (got "1012100")`);
    expect(() => ctx.code(84862031, 8, 4, 'c', '84862031')).toThrow(`${head} (got "84862031")`);
    expect(() => ctx.code(8486, 4, 4, 'c', '8486')).toThrow(
      `${head} (an aggregate level, or more than one leading zero lost) (got "8486")`,
    );
  });
});

describe('ImportContext.row', () => {
  it('values are summed into the cells and counted as used; a missing value is counted by reason and left missing', () => {
    const ctx = context('HS8');
    row(ctx, 1012100, '2015-01', 5, 2, 116);
    row(ctx, 1012100, '2015-01', 7, 3, 304);
    row(ctx, 1012100, '2015-02', NaN, 4, 116);
    row(ctx, 1012100, '2015-03', 2, 5, 116);
    row(ctx, 1012100, '2015-03', NaN, 6, 304);
    expect([ctx.report.rowsUsed, ctx.report.rejected]).toEqual([3, { [MISSING_REASON]: 2 }]);
    const { report, cells } = ctx.finish(false);
    expect(cellsToObject(cells)).toEqual({ '01012100': { '2015-01': 12, '2015-03': 2 } }); // 5 + 7; 2 + missing
    expect(report.notes).toEqual([
      '1 cells had only missing values (empty or "-"): left missing, not zero',
      '1 cells sum several rows of which some were missing: the sum covers the rows with values',
    ]);
    expect([report.rowsRead, report.duplicatesDropped, report.cells, report.period]).toEqual([
      5,
      0,
      2,
      ['2015-01', '2015-03'],
    ]);
  });

  it('an identical duplicate (missing twice too) is dropped and counted, even of line 0', () => {
    const ctx = context('HS8');
    row(ctx, 1012100, '2015-01', 5, 0); // a record numbered 0
    row(ctx, 1012100, '2015-01', 5, 3);
    row(ctx, 1012100, '2015-02', NaN, 4);
    row(ctx, 1012100, '2015-02', NaN, 5);
    row(ctx, 1012100, '2015-01', 5, 6, 304); // another partner: not a duplicate
    expect([ctx.report.rowsUsed, ctx.report.duplicatesDropped, ctx.report.rejected]).toEqual([
      2,
      2,
      { [MISSING_REASON]: 1 },
    ]);
    const { cells, report } = ctx.finish(false);
    expect(cellsToObject(cells)).toEqual({ '01012100': { '2015-01': 10 } }); // 5 (116) + 5 (304), not 15
    expect(report.notes).toEqual(['1 cells had only missing values (empty or "-"): left missing, not zero']);
  });

  it('a duplicate with another value is an error naming both lines, the key words, the earlier value and the text', () => {
    const head = 'demo: a.csv, line 3, column "value": conflicting duplicate: line 2 has the same code, month';
    const clash = (first: number, second: number, text: string, keyWords?: string) => {
      const ctx = context('HS8');
      if (keyWords !== undefined) ctx.keyWords = keyWords;
      row(ctx, 1012100, '2015-01', first, 2);
      return () => row(ctx, 1012100, '2015-01', second, 3, 116, text);
    };
    expect(clash(5, 6, '6')).toThrow(`${head} with value 5 (got "6")`);
    expect(clash(5, 6, '6', ', partner and regime')).toThrow(
      'demo: a.csv, line 3, column "value": conflicting duplicate: line 2 has the same code, month, partner and regime with value 5 (got "6")',
    );
    expect(clash(NaN, 7, '7')).toThrow(`${head} with value missing (got "7")`);
    expect(clash(5, NaN, '-')).toThrow(`${head} with value 5 (got "-")`);
    expect(clash(0, 0.5, '0.5')).toThrow(`${head} with value 0 (got "0.5")`);
  });

  it('the offending text comes from the record: its value field (first by default)', () => {
    const rec = { text: (k: number) => ['first', 'second', 'third'][k] };
    const ctx = context('HS8');
    ctx.row(1012100, 1380, 116, 10, -1, 0, 5, 2, 'value', rec);
    expect(() => ctx.row(1012100, 1380, 116, 10, -1, 0, 6, 3, 'value', rec)).toThrow(
      'line 2 has the same code, month with value 5 (got "first")',
    );
    expect(() => ctx.row(1012100, 1380, 116, 10, -1, 0, 6, 3, 'value', rec, 2)).toThrow(
      'line 2 has the same code, month with value 5 (got "third")',
    );
  });

  it('partners kept: the combination id given is the cell of each row', () => {
    const ctx = context('HS8', { keep: true });
    const agg = ctx.agg!;
    const a = agg.comboId('116', '10', 'demo', 'a.csv', 2);
    const b = agg.comboId('304', '10', 'demo', 'a.csv', 3);
    ctx.report.rowsRead = 3;
    ctx.row(1012100, 1380, 116, 10, -1, a, 5, 2, 'value', '5');
    ctx.row(1012100, 1380, 304, 10, -1, b, 7, 3, 'value', '7');
    ctx.row(1012100, 1380, 304, 20, -1, b, 1, 4, 'value', '1'); // another regime key, same combination given
    const { cells } = ctx.finish(false);
    expect(Array.from(cells.value)).toEqual([5, 8]);
    expect(cells.subs).toEqual([
      { partner: '116', regime: '10' },
      { partner: '304', regime: '10' },
    ]);
  });

  it('property: identical duplicates never change the cells; the books balance', () => {
    const rowArb = fc.record({
      code: fc.integer({ min: 0, max: 4 }),
      month: fc.integer({ min: 0, max: 5 }),
      partner: fc.integer({ min: 1, max: 3 }),
      value: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined, freq: 4 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(rowArb, { selector: (r) => `${r.code}|${r.month}|${r.partner}`, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (rows, again) => {
          const ctx = context('HS8');
          const want: Record<string, Record<string, number>> = {};
          let line = 2;
          let missing = 0;
          const feedOne = (r: (typeof rows)[number]) =>
            row(ctx, 1012100 + r.code, monthLabel(1380 + r.month), r.value ?? NaN, line++, r.partner);
          for (const r of rows) {
            feedOne(r);
            if (r.value === undefined) missing++;
            else {
              const code = String(1012100 + r.code).padStart(8, '0');
              const m = monthLabel(1380 + r.month);
              (want[code] ??= {})[m] = (want[code][m] ?? 0) + r.value;
            }
          }
          const dups = rows.length ? again.map((k) => rows[k % rows.length]) : [];
          for (const r of dups) feedOne(r);
          const { report, cells } = ctx.finish(false);
          expect(cellsToObject(cells)).toEqual(want);
          expect([report.rowsRead, report.rowsUsed, report.duplicatesDropped]).toEqual([
            rows.length + dups.length,
            rows.length - missing,
            dups.length,
          ]);
          expect(report.rejected).toEqual(missing > 0 ? { [MISSING_REASON]: missing } : {});
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('ImportContext.finish', () => {
  it('writes the repairs: restored leading zeros by level, thousands separators, with counts', () => {
    const hs8 = context(undefined);
    hs8.code(1012100, 7, 2, 'code', '1012100');
    hs8.code(2012100, 7, 3, 'code', '2012100');
    hs8.separators = 3;
    expect(hs8.finish(false).report.repairs).toEqual([
      'restored leading zero on 2 codes (7 → 8 digits)',
      'parsed thousands separators in 3 values',
    ]);
    const hs6 = context('HS6');
    hs6.zeroRepairs = 1234;
    expect(hs6.finish(false).report.repairs).toEqual(['restored leading zero on 1,234 codes (5 → 6 digits)']);
    const seps = context('HS8');
    seps.separators = 1;
    expect(seps.finish(false).report.repairs).toEqual(['parsed thousands separators in 1 values']);
    expect(context('HS8').finish(false).report.repairs).toEqual([]);
  });

  it('nothing read and no level: empty HS8 cells (partners kept as asked), the books balanced at zero', () => {
    for (const keep of [false, true]) {
      const ctx = context(undefined, { keep });
      const { report, cells } = ctx.finish(false);
      expect(ctx.level).toBe('HS8');
      expect(ctx.agg).toBeInstanceOf(Aggregator);
      expect([ctx.agg!.level, ctx.agg!.keepSubs]).toEqual(['HS8', keep]);
      expect([cells.level, cells.n, cells.codes, cells.subs]).toEqual(['HS8', 0, [], keep ? [] : undefined]);
      expect([report.level, report.period, report.cells, report.codes, report.repairs, report.notes]).toEqual([
        'HS8',
        null,
        0,
        0,
        [],
        [],
      ]);
      expect(report.janFeb).toBeUndefined();
    }
    // a level given is kept
    expect(context('HS6').finish(false).cells.level).toBe('HS6');
  });

  it('hands the cumulative choice, function and file on to the year-to-date rule (by hand: 10, 15, 30 → 10, 5, 15)', () => {
    const ctx = context('HS8');
    row(ctx, 1012100, '2015-01', 10, 2);
    row(ctx, 1012100, '2015-02', 15, 3);
    row(ctx, 1012100, '2015-03', 30, 4);
    const res = ctx.finish(true);
    expect(res.report).toBe(ctx.report);
    expect(cellsToObject(res.cells)).toEqual({ '01012100': { '2015-01': 10, '2015-02': 5, '2015-03': 15 } });
    expect(res.report.cumulative).toBe(true);

    const fall = context('HS8');
    row(fall, 1012100, '2015-01', 10, 2);
    row(fall, 1012100, '2015-02', 4, 3);
    expect(() => fall.finish(true)).toThrow(
      'demo: a.csv, line 3: year-to-date value falls from 10 in 2015-01 (line 2) to 4 in 2015-02 for code 01012100: not a cumulative series (is the file monthly? pass cumulative: false) (got 4)',
    );
  });

  it('writes the January–February line of the cells found (a year-to-date first entry in February 2020)', () => {
    const ctx = context('HS8');
    row(ctx, 1012100, '2020-02', 20, 2);
    row(ctx, 1012100, '2020-03', 26, 3);
    const { report, cells } = ctx.finish(true);
    expect(cellsToObject(cells)).toEqual({ '01012100': { '2020-02': 20, '2020-03': 6 } }); // 26 − 20
    expect(report.janFeb).toEqual({
      text: '2020: January and February combined in 1 code (found: 1 as a year-to-date first entry in February)',
      cells: [{ code: '01012100', year: 2020, by: 'year-to-date' }],
    });
    // monthly values with a January: none
    const plain = context('HS8');
    row(plain, 1012100, '2020-01', 20, 2);
    row(plain, 1012100, '2020-02', 21, 3);
    expect(plain.finish(false).report.janFeb).toBeUndefined();
  });

  it('checks the books: a row taken but not counted as read is an importer bug', () => {
    const ctx = context('HS8');
    ctx.row(1012100, 1380, 116, 10, -1, 0, 5, 2, 'value', '5'); // rowsRead not counted
    expect(() => ctx.finish(false)).toThrow(
      'assertBalanced: import report does not balance: read 0 ≠ used 1 + rejected 0 + duplicates 0 (got "a.csv")',
    );
    const ok = context('HS8');
    ok.report.rowsRead = 1;
    ok.row(1012100, 1380, 116, 10, -1, 0, 5, 2, 'value', '5');
    expect(ok.finish(false).report.rowsUsed).toBe(1);
  });

  it('the report type is the one newReport makes', () => {
    const r: ImportReport = context('HS8').finish(false).report;
    expect(Object.keys(r).sort()).toEqual(Object.keys(newReport('a.csv', 'customs')).sort());
  });
});
