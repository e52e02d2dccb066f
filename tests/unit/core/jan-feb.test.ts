import { describe, expect, it } from 'vitest';
import { monthSequence } from '../../../lib/core/months.js';
import { combinedYears, detectJanFeb, janFebText, JAN_FEB_DETECT } from '../../../lib/core/jan-feb.js';

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
