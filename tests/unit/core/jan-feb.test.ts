import { describe, expect, it } from 'vitest';
import { messageOf } from '../../helpers/thrown.js';
import { monthSequence } from '../../../lib/core/months.js';
import * as fc from 'fast-check';
import { combinedYears, detectJanFeb, januaries, janFebText, JAN_FEB_DETECT } from '../../../lib/core/jan-feb.js';

const M = ['2019-12', '2020-01', '2020-02', '2020-03'];

describe('combinedYears: January empty, February ≥ 1.5 × the neighbouring months (from 2020)', () => {
  it('the ratio is inclusive at 1.5 and the level is the mean of December and March', () => {
    expect(combinedYears([100, NaN, 150, 100], M)).toEqual([2020]);
    expect(combinedYears([100, NaN, 149.99, 100], M)).toEqual([]);
    // level (80 + 120) / 2 = 100
    expect(combinedYears([80, 0, 150, 120], M)).toEqual([2020]);
  });
  it('a present January, an empty February or a year before 2020 is not combined', () => {
    expect(combinedYears([100, 1, 300, 100], M)).toEqual([]);
    expect(combinedYears([100, NaN, NaN, 100], M)).toEqual([]);
    expect(combinedYears([100, NaN, 0, 100], M)).toEqual([]);
    expect(combinedYears([100, NaN, 300, 100], ['2018-12', '2019-01', '2019-02', '2019-03'])).toEqual([]);
    expect(combinedYears([100, NaN, 300, 100], ['2018-12', '2019-01', '2019-02', '2019-03'], { from: 2019 })).toEqual([
      2019,
    ]);
  });
  it('with neither December nor March, the level is the mean of the present months March–December', () => {
    const months = monthSequence('2020-01', 12);
    const x = [NaN, 170, NaN, 100, 100, 100, 100, 100, 100, 100, 100, 100];
    expect(combinedYears(x, months)).toEqual([2020]);
    x[1] = 140;
    expect(combinedYears(x, months)).toEqual([]);
  });
  it("the series' own convention: when half of its candidate years pass, every candidate year is combined", () => {
    const months = monthSequence('2019-12', 16); // 2019-12 .. 2021-03
    const x = months.map((m) => (m.endsWith('-01') ? NaN : m === '2020-02' ? 210 : m === '2021-02' ? 140 : 100));
    expect(combinedYears(x, months)).toEqual([2020, 2021]); // 2020 passes, 2021 (140 < 150) follows: 1 of 2
    x[months.indexOf('2020-02')] = 120; // now neither passes
    expect(combinedYears(x, months)).toEqual([]);
  });
  it('a year the panel knows as combined needs no ratio', () => {
    expect(combinedYears([100, NaN, 120, 100], M, {}, [2020])).toEqual([2020]);
  });
  it('the defaults are 2020 and 1.5', () => {
    expect(JAN_FEB_DETECT).toEqual({ from: 2020, ratio: 1.5 });
  });
});

describe('detectJanFeb: the panel convention', () => {
  it('a year where at least half of the candidates pass is combined for every candidate; otherwise only those that pass', () => {
    const p = (b: number) => ({
      months: M,
      codes: ['a', 'b', 'c'],
      values: [Float64Array.of(10, NaN, 21, 10), Float64Array.of(10, NaN, b, 10), Float64Array.of(10, NaN, 12, 10)],
    });
    // a passes, b passes, c does not: 2 of 3 → c combined by convention
    expect(detectJanFeb(p(20)).cells.map((c) => `${c.code} ${c.by}`)).toEqual(['a ratio', 'b ratio', 'c convention']);
    // only a passes: 1 of 3 → no convention
    expect(detectJanFeb(p(12)).cells.map((c) => `${c.code} ${c.by}`)).toEqual(['a ratio']);
  });
  it('rejects a ratio outside (1, 2)', () => {
    expect(() => detectJanFeb({ months: M, codes: [], values: [] }, { ratio: 2 })).toThrow(
      /ratio must lie between 1 and 2/,
    );
  });
  it('janFebText names the years and the codes', () => {
    expect(janFebText({ years: [2020, 2021, 2022, 2023, 2024], codes: ['x'] }, 'merge')).toBe(
      '2020–2024: January and February combined in 1 code (treatment: merge)',
    );
    expect(janFebText({ years: [], codes: [] })).toBe('');
  });
});

/** A series over `months`: 100 everywhere, January missing (NaN), except the months given. */
const series = (months: string[], set: Record<string, number>): number[] =>
  months.map((m) => (m in set ? set[m] : m.endsWith('-01') ? NaN : 100));

describe('januaries: a January counts only when a February follows it', () => {
  it('a January in the last position is left out; one followed by a month is kept', () => {
    expect(januaries(['2019-12', '2020-01'])).toEqual([]);
    expect(januaries(['2020-01'])).toEqual([]);
    expect(januaries(['2020-01', '2020-02'])).toEqual([{ year: 2020, t: 0 }]);
    expect(januaries(monthSequence('2019-11', 15))).toEqual([{ year: 2020, t: 2 }]); // 2019-11 .. 2021-01
    expect(januaries(monthSequence('2019-11', 16))).toEqual([
      { year: 2020, t: 2 },
      { year: 2021, t: 14 },
    ]);
  });
});

describe('combinedYears: the neighbouring level and the conventions', () => {
  it('the level is the previous December and March, not November', () => {
    const months = monthSequence('2019-11', 5); // 2019-11 .. 2020-03
    // level (100 + 200) / 2 = 150, threshold 1.5 × 150 = 225; November (1000) plays no part
    expect(combinedYears([1000, 100, NaN, 225, 200], months)).toEqual([2020]);
    expect(combinedYears([1000, 100, NaN, 224.99, 200], months)).toEqual([]);
    // only March present: level 200, threshold 300
    expect(combinedYears([1000, NaN, NaN, 300, 200], months)).toEqual([2020]);
    expect(combinedYears([1000, NaN, 0, 299.99, 200], months)).toEqual([]);
  });
  it('the fallback level is March–December of the same year, not the months before January', () => {
    const months = monthSequence('2019-10', 15); // 2019-10 .. 2020-12; January at t = 3
    // December, January and March missing: level = mean of April–December (9 × 100) / 9 = 100, threshold 150
    // (2019-10 = 1000 and February itself are outside the pool)
    const x = series(months, { '2019-10': 1000, '2019-11': NaN, '2019-12': NaN, '2020-02': 150, '2020-03': NaN });
    expect(combinedYears(x, months)).toEqual([2020]);
    x[months.indexOf('2020-02')] = 149.99;
    expect(combinedYears(x, months)).toEqual([]);
    // no month present at all besides February: no level, a candidate only (not combined alone)
    expect(combinedYears([NaN, NaN, 500, NaN], ['2019-12', '2020-01', '2020-02', '2020-03'])).toEqual([]);
  });
  it("the series' convention counts only candidate years (empty January, positive February)", () => {
    const months = monthSequence('2019-12', 28); // 2019-12 .. 2022-03
    // 2020: 210 ≥ 150 combined; 2022: 120 < 150 candidate; 2021 is no candidate (February 0):
    // 1 pass of 2 candidates, 1 × 2 ≥ 2 → 2022 follows, 2021 does not
    expect(combinedYears(series(months, { '2020-02': 210, '2021-02': 0, '2022-02': 120 }), months)).toEqual([
      2020, 2022,
    ]);
    // the same with 2021's January present (5) or February missing
    expect(
      combinedYears(series(months, { '2020-02': 210, '2021-01': 5, '2021-02': 300, '2022-02': 120 }), months),
    ).toEqual([2020, 2022]);
    expect(combinedYears(series(months, { '2020-02': 210, '2021-02': NaN, '2022-02': 120 }), months)).toEqual([
      2020, 2022,
    ]);
    // 1 pass of 3 candidates (2021 February 130 is a candidate): 2 < 3 → only 2020
    expect(combinedYears(series(months, { '2020-02': 210, '2021-02': 130, '2022-02': 120 }), months)).toEqual([2020]);
    // 2 of 3 pass → all three
    expect(combinedYears(series(months, { '2020-02': 210, '2021-02': 150, '2022-02': 120 }), months)).toEqual([
      2020, 2021, 2022,
    ]);
  });
  it('a known year still needs an empty January and a positive February', () => {
    expect(combinedYears([100, 5, 300, 100], M, {}, [2020])).toEqual([]);
    expect(combinedYears([100, NaN, 0, 100], M, {}, [2020])).toEqual([]);
    expect(combinedYears([100, 0, 1, 100], M, {}, [2020])).toEqual([2020]);
    expect(combinedYears([100, NaN, 120, 100], M, {}, [2021])).toEqual([]);
  });
});

describe('detectJanFeb: parameters, years from 2020, the panel convention and the order of the result', () => {
  it('names the function and the bad value', () => {
    const empty = { months: M, codes: [], values: [] };
    expect(messageOf(() => detectJanFeb(empty, { from: 2020.5 }))).toBe(
      'detectJanFeb: from must be a year (got 2020.5)',
    );
    expect(messageOf(() => detectJanFeb(empty, { ratio: 1 }))).toBe(
      'detectJanFeb: ratio must lie between 1 and 2 (one and two months) (got 1)',
    );
    expect(messageOf(() => detectJanFeb(empty, { ratio: 0.5 }))).toBe(
      'detectJanFeb: ratio must lie between 1 and 2 (one and two months) (got 0.5)',
    );
    // one step inside either bound is accepted
    expect(detectJanFeb(empty, { ratio: 1.01 })).toEqual({ from: 2020, ratio: 1.01, cells: [], years: [], codes: [] });
    expect(detectJanFeb(empty, { ratio: 1.99, from: 2019 }).ratio).toBe(1.99);
  });
  it('a year before `from` is not looked at (2019 vs 2020)', () => {
    const p = {
      months: ['2018-12', '2019-01', '2019-02', '2019-03'],
      codes: ['a'],
      values: [Float64Array.of(10, NaN, 30, 10)],
    };
    expect(detectJanFeb(p).cells).toEqual([]);
    expect(detectJanFeb(p, { from: 2019 }).cells).toEqual([{ code: 'a', year: 2019, february: 30, by: 'ratio' }]);
    expect(detectJanFeb(p, { from: 2020 }).years).toEqual([]);
  });
  it('the convention counts only candidate codes: a code with a present January is neither counted nor combined', () => {
    // a: 21 ≥ 1.5 × 10 passes; b: 12 < 15 a candidate; c: January 5 present → no candidate.
    // (a's level (8 + 12) / 2 = 10, threshold 15.) 1 pass of 2 candidates: 1 × 2 ≥ 2 → b by convention, c stays out
    // (counting c would give 1 × 2 < 3 and no convention)
    const p = {
      months: M,
      codes: ['a', 'b', 'c'],
      values: [Float64Array.of(8, NaN, 21, 12), Float64Array.of(10, 0, 12, 10), Float64Array.of(10, 5, 30, 10)],
    };
    expect(detectJanFeb(p)).toEqual({
      from: 2020,
      ratio: 1.5,
      cells: [
        { code: 'a', year: 2020, february: 21, by: 'ratio' },
        { code: 'b', year: 2020, february: 12, by: 'convention' },
      ],
      years: [2020],
      codes: ['a', 'b'],
    });
  });
  it('cells come by code then year, the years and codes ascending, whatever the panel order', () => {
    const months = monthSequence('2019-12', 16); // 2019-12 .. 2021-03
    // a combined only in 2021, b only in 2020: the cells in panel order would give the years 2021, 2020
    const p = {
      months,
      codes: ['a', 'b'],
      values: [
        Float64Array.from(series(months, { '2020-01': 100, '2021-02': 300 })),
        Float64Array.from(series(months, { '2020-02': 250, '2021-01': 100 })),
      ],
    };
    const d = detectJanFeb(p);
    expect(d.cells.map((c) => `${c.code} ${c.year} ${c.february}`)).toEqual(['a 2021 300', 'b 2020 250']);
    expect(d.years).toEqual([2020, 2021]);
    expect(d.codes).toEqual(['a', 'b']);
    // panel order z, y, x, each combined in both years
    const q = {
      months,
      codes: ['z', 'y', 'x'],
      values: [200, 300, 400].map((f) => Float64Array.from(series(months, { '2020-02': f, '2021-02': f + 1 }))),
    };
    expect(detectJanFeb(q).cells.map((c) => `${c.code} ${c.year} ${c.february}`)).toEqual([
      'x 2020 400',
      'x 2021 401',
      'y 2020 300',
      'y 2021 301',
      'z 2020 200',
      'z 2021 201',
    ]);
    expect(detectJanFeb(q).codes).toEqual(['x', 'y', 'z']);
  });
  it('the result does not depend on the order of the codes, and agrees with combinedYears on one code (property)', () => {
    const months = monthSequence('2019-12', 40); // 2019-12 .. 2023-03: four Januaries
    const cell = fc.constantFrom(NaN, 0, 5, 100, 140, 150, 300);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-e]{1,2}$/), { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(cell, { minLength: 8, maxLength: 8 }), { minLength: 6, maxLength: 6 }),
        (codes, janFebs) => {
          const values = codes.map((_, k) =>
            Float64Array.from(
              series(
                months,
                Object.fromEntries(
                  [2020, 2021, 2022, 2023].flatMap((y, i) => [
                    [`${y}-01`, janFebs[k][2 * i]],
                    [`${y}-02`, janFebs[k][2 * i + 1]],
                  ]),
                ),
              ),
            ),
          );
          const d = detectJanFeb({ months, codes, values });
          const order = codes.map((_, k) => k).reverse();
          const r = detectJanFeb({ months, codes: order.map((k) => codes[k]), values: order.map((k) => values[k]) });
          expect(r).toEqual(d);
          // by code, then year: each cell after the one before it
          d.cells.forEach((c, i) => {
            if (i > 0) {
              const b = d.cells[i - 1];
              expect(b.code < c.code || (b.code === c.code && b.year < c.year)).toBe(true);
            }
          });
          expect(d.years).toEqual([...new Set(d.cells.map((c) => c.year))].sort((a, b) => a - b));
          expect(d.codes).toEqual(codes.filter((c) => d.cells.some((x) => x.code === c)).sort());
          // one code alone cannot make a convention (0 passes of 1 candidate): its years are those of the ratio test,
          // which combinedYears finds too (it may add candidate years by the series' own convention)
          if (codes.length === 1) {
            expect(d.cells.every((c) => c.by === 'ratio')).toBe(true);
            for (const y of d.years) expect(combinedYears(values[0], months)).toContain(y);
          }
        },
      ),
    );
  });
});
