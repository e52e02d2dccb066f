/**
 * The year-to-date rule (lib/io/importers/year-to-date.ts), once for both cell layouts of the aggregator:
 * differencing by hand, the 'auto' thresholds, the error for a falling value, and the same results from the
 * dense grid (partners summed) and the hash table (partners kept), the latter also end to end.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { yearToDateToMonthly, type MonthCells } from '../../../../lib/io/importers/year-to-date.js';
import { Aggregator } from '../../../../lib/io/importers/aggregate.js';
import { newReport } from '../../../../lib/io/importers/report.js';
import { importCustomsCsv } from '../../../../lib/io/importers/customs.js';
import { monthIndex } from '../../../../lib/core/months.js';
import { customsText, cumulativeRows } from '../../../fixtures/customs-fixtures.js';
import { FIXTURES, cellsToObject, tmpFile } from '../../../helpers/importers.js';
import * as path from 'node:path';

/** One series (code 01012100) of consecutive months from `first`, values NaN = missing; lines 2, 3, … */
function series(first: string, values: number[]): MonthCells {
  const m0 = monthIndex(first);
  return {
    n: values.length,
    value: (i) => values[i],
    month: (i) => m0 + i,
    prev: (i) => i - 1,
    line: (i) => i + 2,
    code: () => '01012100',
  };
}

const run = (cells: MonthCells, cumulative: boolean | 'auto') => {
  const report = newReport('a.csv', 'customs');
  const out = yearToDateToMonthly(cells, cumulative, report, 'demo', 'a.csv');
  return { out: out && Array.from(out), report };
};

describe('yearToDateToMonthly', () => {
  it('differences within the year, keeps January, leaves a month without its previous month missing (by hand)', () => {
    // 2015-11 … 2016-03, year-to-date: Nov 100 (October missing), Dec 250, Jan 40, Feb 100, Mar 100
    const { out, report } = run(series('2015-11', [100, 250, 40, 100, 100]), true);
    expect(out).toEqual([NaN, 150, 40, 60, 0]);
    expect(report.cumulative).toBe(true);
    expect(report.notes).toEqual([
      'converted year-to-date cumulative values to monthly by differencing within each year (January kept as is)',
      '1 cumulative cells could not be differenced (previous month of the year missing): left missing',
    ]);
  });

  it('a missing value stays missing and leaves the next month without its previous month', () => {
    expect(run(series('2015-01', [10, NaN, 30, 45]), true).out).toEqual([10, NaN, NaN, 15]);
  });

  it('monthly values (cumulative false, or auto deciding monthly) come back as null: nothing converted', () => {
    const r = run(series('2015-01', [5, 3, 8]), false);
    expect(r.out).toBeNull();
    expect(r.report.cumulative).toBe(false);
    expect(r.report.notes).toEqual([]);
  });

  it('a falling year-to-date value is an error naming both lines, the months, the code and the value', () => {
    expect(() => run(series('2015-01', [10, 5]), true)).toThrow(
      'demo: a.csv, line 3: year-to-date value falls from 10 in 2015-01 (line 2) to 5 in 2015-02 for code 01012100: not a cumulative series (is the file monthly? pass cumulative: false) (got 5)',
    );
  });

  it("'auto': at least 6 steps within a year, at least 90 % of them not falling", () => {
    // 6 steps, all equal: cumulative (equal counts as not falling)
    const six = run(series('2015-01', [7, 7, 7, 7, 7, 7, 7]), 'auto');
    expect(six.report.cumulative).toBe(true);
    expect(six.out).toEqual([7, 0, 0, 0, 0, 0, 0]);
    expect(six.report.notes[0]).toBe(
      "cumulative: 'auto' found 6 of 6 month-to-month steps within a year non-decreasing: values read as year-to-date cumulative",
    );
    // 5 steps: too few to tell
    const five = run(series('2015-01', [1, 2, 3, 4, 5, 6]), 'auto');
    expect(five.report.cumulative).toBe(false);
    expect(five.report.notes).toEqual([
      "cumulative: 'auto' had too few month-to-month steps (5) to tell: values read as monthly (pass cumulative: true if the query was year-to-date)",
    ]);
    // steps across a year end do not count: 2015-09 … 2016-03 has 6 steps, 5 within a year
    expect(run(series('2015-09', [1, 2, 3, 4, 5, 6, 7]), 'auto').report.cumulative).toBe(false);
    // 10 steps, 8 up: monthly
    const eight = run(series('2015-01', [1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 0]), 'auto');
    expect(eight.report.cumulative).toBe(false);
    expect(eight.report.notes[0]).toMatch(/found 8 of 10 .* values read as monthly$/);
    // 10 steps, 9 up: cumulative — so the one fall is an error
    expect(() => run(series('2015-01', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0]), 'auto')).toThrow(
      /line 12: year-to-date value falls from 10 in 2015-10 \(line 11\) to 0 in 2015-11/,
    );
  });

  it("'auto': a step from or to a missing month is not a step (counted neither up nor at all)", () => {
    // 2015-01 missing, then 5, 8, 12, 20, 25, 30: Feb's step has no January, so 6 steps (Mar … Aug), all up.
    // Counting it as a step that is not up would give 6 of 7 (86 % < 90 %) and read the values as monthly.
    const gap = run(series('2015-01', [NaN, 5, 8, 12, 20, 25, 30, 40]), 'auto');
    expect(gap.report.notes[0]).toBe(
      "cumulative: 'auto' found 6 of 6 month-to-month steps within a year non-decreasing: values read as year-to-date cumulative",
    );
    // February has no January to difference: left missing (counted), the rest differenced
    expect(gap.out).toEqual([NaN, NaN, 3, 4, 8, 5, 5, 10]);
    // the same with a missing month at the end: 40 → NaN is not a step either
    const end = run(series('2015-01', [1, 5, 8, 12, 20, 25, 30, NaN]), 'auto');
    expect(end.report.notes[0]).toMatch(/found 6 of 6 month-to-month steps/);
  });
});

describe('the aggregator applies the one rule to both layouts', () => {
  /** Cumulative rows: code → consecutive months from 2015-01 → value (NaN = missing). */
  const rowsArb = fc.dictionary(
    fc.integer({ min: 1000000, max: 1000040 }).map(String),
    fc.array(fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined, freq: 5 }), {
      minLength: 1,
      maxLength: 26,
    }),
    { minKeys: 1, maxKeys: 5 },
  );

  /** Naive year-to-date differencing of one code's monthly increments. */
  function naive(steps: (number | undefined)[]): Map<number, number> {
    const out = new Map<number, number>();
    let cum = 0;
    steps.forEach((s, t) => {
      const m = monthIndex('2015-01') + t;
      if (m % 12 === 0) cum = 0;
      if (s === undefined) return;
      const prevMissing = t > 0 && m % 12 !== 0 && steps[t - 1] === undefined;
      cum += s;
      if (!prevMissing) out.set(m, m % 12 === 0 ? cum : s);
    });
    return out;
  }

  it('property: grid (partners summed) and hash table (partners kept) give the naive monthly values', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const results = [false, true].map((keep) => {
          const agg = new Aggregator('HS8', keep);
          const combo = keep ? agg.comboId('116', '', 'demo', 'a.csv', 1) : 0;
          let line = 2;
          for (const [code, steps] of Object.entries(rows)) {
            let cum = 0;
            steps.forEach((s, t) => {
              const m = monthIndex('2015-01') + t;
              if (m % 12 === 0) cum = 0;
              if (s === undefined) return;
              cum += s;
              agg.add(Number(code), m, combo, cum, line++);
            });
          }
          const report = newReport('a.csv', 'customs');
          const cells = agg.finish(true, report, 'demo', 'a.csv');
          const got: Record<string, [number, number][]> = {};
          for (let i = 0; i < cells.n; i++)
            (got[cells.codes[cells.code[i]]] ??= []).push([cells.month[i], cells.value[i]]);
          return { got, notes: report.notes, cells: report.cells };
        });
        const want: Record<string, [number, number][]> = {};
        for (const code of Object.keys(rows).sort()) {
          const m = [...naive(rows[code])];
          if (m.length) want[code.padStart(8, '0')] = m;
        }
        expect(results[0].got).toEqual(want);
        expect(results[1].got).toEqual(want);
        expect(results[1].notes).toEqual(results[0].notes);
      }),
      { numRuns: 80 },
    );
  });

  it('end to end, partners kept: the customs year-to-date download differenced per partner (by hand)', () => {
    const { cells, report } = importCustomsCsv(path.join(FIXTURES, 'customs-cumulative-zh-gb18030.csv'), {
      keepPartners: true,
    });
    expect(report.cumulative).toBe(true);
    expect(report.notes).toContain(
      "cumulative: 'auto' found 11 of 11 month-to-month steps within a year non-decreasing: values read as year-to-date cumulative",
    );
    expect(report.notes).toContain(
      '1 cumulative cells could not be differenced (previous month of the year missing): left missing',
    );
    const got: Record<string, Record<string, number>> = {};
    for (let i = 0; i < cells.n; i++) {
      const key = `${cells.codes[cells.code[i]]}|${cells.subs![cells.sub![i]].partner}`;
      (got[key] ??= {})[['2015-01', '2015-02', '2015-03'][cells.month[i] - monthIndex('2015-01')]] = cells.value[i];
    }
    expect(got).toEqual({
      '01012100|116': { '2015-01': 1000000, '2015-02': 2000000, '2015-03': 500000 },
      '01012100|304': { '2015-01': 234567, '2015-02': 0, '2015-03': 500001 },
      '84862031|110': { '2015-01': 5848714, '2015-02': 6000000, '2015-03': 7000000 },
      '84862031|116': { '2015-03': 0 }, // first seen in February: no January to difference against, left missing
      '85423111|116': { '2015-01': 123456789, '2015-02': 0, '2015-03': 100000000 },
      '85423111|304': { '2015-01': 10, '2015-02': 0, '2015-03': 0 },
    });
    expect(report.rowsRead).toBe(report.rowsUsed);
  });

  it('end to end, partners summed: the same download counts its steps per code', () => {
    const { report } = importCustomsCsv(path.join(FIXTURES, 'customs-cumulative-zh-gb18030.csv'));
    expect(report.notes).toContain(
      "cumulative: 'auto' found 6 of 6 month-to-month steps within a year non-decreasing: values read as year-to-date cumulative",
    );
  });

  it('end to end, partners kept: a falling value names its line in the file', () => {
    const rows = cumulativeRows().map((r) =>
      r.ym === '201503' && r.code === '84862031' && r.partner === '110' ? { ...r, value: '1' } : r,
    );
    const file = tmpFile('cum-fall.csv', customsText(rows, 'en'));
    const line =
      customsText(rows, 'en')
        .split('\r\n')
        .findIndex((l) => l.startsWith('"201503","84862031"')) + 1;
    expect(() => importCustomsCsv(file, { keepPartners: true, cumulative: true })).toThrow(
      `importCustomsCsv: cum-fall.csv, line ${line}: year-to-date value falls from 11848714 in 2015-02 (line ${line - 6}) to 1 in 2015-03 for code 84862031`,
    );
    expect(
      cellsToObject(importCustomsCsv(file, { keepPartners: true, cumulative: false }).cells)['84862031']['2015-03'],
    ).toBe(1 + 12345);
  });
});
