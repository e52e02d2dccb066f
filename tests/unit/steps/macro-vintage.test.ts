/** One HS vintage on real data (lib/steps/macro-vintage.ts): the converted annual file is preferred, and the macro shares as reported beside the converted ones show the revision breaks (hand-computed). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../../lib/io/data.js';
import type { HsVintage } from '../../../lib/io/hs-vintage.js';
import type { AnnualHs6, HsBecTables } from '../../../lib/steps/macro-real.js';
import { annualHs6File, findAnnualHs6, readAnnualHs6, vintageBreaks } from '../../../lib/steps/macro-vintage.js';
import { tempDir } from '../../helpers/temp.js';

const HEAD = '# Real data (test, values made up)\nyear,hs6,revision,value_usd\n';

/** The message of the error `f` throws (fails the test when it throws none). */
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

/** A file x.csv with `text` in a new temporary folder. */
function csv(text: string): string {
  const f = path.join(tempDir('annual-'), 'x.csv');
  fs.writeFileSync(f, text);
  return f;
}

describe('annualHs6File', () => {
  it('names the converted file of a vintage, and refuses an unknown vintage naming the known ones', () => {
    expect(annualHs6File('HS2022')).toBe('comtrade-annual-hs6-HS2022.csv');
    expect(errorOf(() => annualHs6File('HS2007' as HsVintage))).toBe(
      'annualHs6File: unknown vintage (HS2012, HS2017, HS2022) (got "HS2007")',
    );
  });
});

describe('findAnnualHs6: which annual file the macro step reads', () => {
  it('both files: the converted one (one vintage) is preferred and named', () => {
    const dir = tempDir('annual-');
    fs.writeFileSync(path.join(dir, 'comtrade-annual-hs6.csv'), HEAD + '2017,901380,HS2017,5\n');
    fs.writeFileSync(path.join(dir, 'comtrade-annual-hs6-HS2012.csv'), HEAD + '2017,901380,HS2012,5\n');
    const d = findAnnualHs6(dir);
    expect(d.preferred!.vintage).toBe('HS2012');
    expect(path.basename(d.preferred!.file)).toBe('comtrade-annual-hs6-HS2012.csv');
    expect(d.asReported!.rows).toEqual([{ year: 2017, hs6: '901380', revision: 'HS2017', value_usd: 5 }]);
  });
  it('only the as-reported file: used, and said to be as reported; no file: nothing', () => {
    const dir = tempDir('annual-');
    fs.writeFileSync(path.join(dir, 'comtrade-annual-hs6.csv'), HEAD + '2017,901380,HS2017,5\n');
    expect(findAnnualHs6(dir).preferred!.vintage).toBe('as-reported');
    expect(findAnnualHs6(tempDir('annual-')).preferred).toBeUndefined();
  });
});

describe('readAnnualHs6', () => {
  it('a missing file is an error naming it', () => {
    const f = path.join(tempDir('annual-'), 'none.csv');
    expect(errorOf(() => readAnnualHs6(f))).toBe(`readAnnualHs6: file not found (got ${JSON.stringify(f)})`);
  });
  it('a byte-order mark at the start of the file is dropped', () => {
    expect(readAnnualHs6(csv('\uFEFF' + HEAD + '2015,848690,HS2012,7\n'))).toEqual([
      { year: 2015, hs6: '848690', revision: 'HS2012', value_usd: 7 },
    ]);
  });
  it('a byte-order mark elsewhere is not: a code carrying one is not 6 digits', () => {
    expect(errorOf(() => readAnnualHs6(csv(HEAD + '2015,\uFEFF848690,HS2012,7\n')))).toBe(
      'readAnnualHs6: x.csv line 3: expected year, 6-digit code and HS2012/HS2017/HS2022 (got "2015,\uFEFF848690,HS2012,7")',
    );
  });
  it('the header may carry trailing spaces; blank and space-only rows are skipped, a value 0 is kept', () => {
    expect(
      readAnnualHs6(csv('year,hs6,revision,value_usd  \n2015,848690,HS2012,0\n   \n\n2016,848690,HS2012,3')),
    ).toEqual([
      { year: 2015, hs6: '848690', revision: 'HS2012', value_usd: 0 },
      { year: 2016, hs6: '848690', revision: 'HS2012', value_usd: 3 },
    ]);
  });
  it('a malformed header is an error naming the line, also when the file has only comments', () => {
    expect(errorOf(() => readAnnualHs6(csv('year,code,value\n')))).toBe(
      'readAnnualHs6: x.csv line 1: expected the header year,hs6,revision,value_usd (got "year,code,value")',
    );
    expect(errorOf(() => readAnnualHs6(csv('# a comment\n# and another')))).toBe(
      'readAnnualHs6: x.csv line 3: expected the header year,hs6,revision,value_usd (got undefined)',
    );
  });
  it('a code of other than 6 digits is an error naming the line', () => {
    for (const code of ['9013', '9013801', 'x901380'])
      expect(errorOf(() => readAnnualHs6(csv(HEAD + `2017,${code},HS2017,5\n`)))).toBe(
        `readAnnualHs6: x.csv line 3: expected year, 6-digit code and HS2012/HS2017/HS2022 (got "2017,${code},HS2017,5")`,
      );
  });
  it('a negative or non-numeric value is an error naming the line and the value', () => {
    expect(errorOf(() => readAnnualHs6(csv(HEAD + '2017,901380,HS2017,5\n2017,901390,HS2017,-5\n')))).toBe(
      'readAnnualHs6: x.csv line 4: value must be a non-negative number (got "-5")',
    );
    expect(errorOf(() => readAnnualHs6(csv(HEAD + '2017,901380,HS2017,n/a\n')))).toBe(
      'readAnnualHs6: x.csv line 3: value must be a non-negative number (got "n/a")',
    );
  });
});

describe('vintageBreaks (hand-computed)', () => {
  // GDP 1,000 each year. A capital good (BEC 41) of 20 every year; a code worth 10 that is capital in HS2012
  // and intermediate (BEC 42) in HS2017; an intermediate of 50 every year.
  const T: HsBecTables = {
    HS2012: new Map([
      ['111111', ['41']],
      ['222222', ['41']],
      ['333333', ['22']],
    ]),
    HS2017: new Map([
      ['111111', ['41']],
      ['222222', ['42']],
      ['333333', ['22']],
    ]),
    HS2022: new Map(),
  };
  const row = (year: number, hs6: string, revision: 'HS2012' | 'HS2017', value_usd: number): AnnualHs6 => ({
    year,
    hs6,
    revision,
    value_usd,
  });
  const reported = [
    ...[2015, 2016].flatMap((y) => [
      row(y, '111111', 'HS2012', 20),
      row(y, '222222', 'HS2012', 10),
      row(y, '333333', 'HS2012', 50),
    ]),
    ...[2017].flatMap((y) => [
      row(y, '111111', 'HS2017', 20),
      row(y, '222222', 'HS2017', 10),
      row(y, '333333', 'HS2017', 50),
    ]),
  ];
  const converted = reported.map((r) => ({ ...r, revision: 'HS2012' as const }));
  const gdp = [2015, 2016, 2017].map((year) => ({ year, gdp_usd: 1000 }));
  // computed inside each test (not while the file loads), so mutation testing sees which test reaches the code
  it('as reported, capital falls from 3 % to 2 % in 2017 (the code changes class); converted it stays at 3 %', () => {
    const b = vintageBreaks(reported, converted, T, gdp, loadGroups(), new Map());
    expect(b.map((r) => r.year)).toEqual([2015, 2016, 2017]);
    expect(b.map((r) => r.revisionBreak)).toEqual([false, false, true]);
    expect(b[2].capital_reported_pct).toBeCloseTo(2, 12);
    expect(b[2].capital_converted_pct).toBeCloseTo(3, 12);
    expect(b[2].capital_reported_change_pp).toBeCloseTo(-1, 12);
    expect(b[2].capital_converted_change_pp).toBeCloseTo(0, 12);
    expect(b[2].intermediate_reported_change_pp).toBeCloseTo(1, 12);
    expect(b[2].intermediate_converted_change_pp).toBeCloseTo(0, 12);
    expect(b[0].capital_reported_change_pp).toBeNull();
    expect(b[0].intermediate_converted_change_pp).toBeNull();
  });
  it('a year missing from the converted rows is left out, and the next year has no change (its previous year is gone)', () => {
    const b = vintageBreaks(
      reported,
      converted.filter((r) => r.year !== 2016),
      T,
      gdp,
      loadGroups(),
      new Map(),
    );
    expect(
      b.map((r) => [r.year, r.revisionBreak, r.capital_reported_change_pp, r.capital_converted_change_pp]),
    ).toEqual([
      [2015, false, null, null],
      [2017, true, null, null],
    ]);
  });
  it('the subtraction rule is passed to both macro computations (table 1 fails where a capital group has no capital imports)', () => {
    // 222222 in group 6 (printed as capital goods): under 'table1' its 10 come out of capital goods, which the
    // year has only where 222222 is classified BEC 41 (HS2012); in HS2017 (BEC 42) capital goods are 0 < 10.
    const groups = loadGroups();
    const g6 = new Map([['222222', 6]]);
    const in2012 = [row(2016, '222222', 'HS2012', 10)];
    const in2017 = [row(2016, '222222', 'HS2017', 10)];
    const one = [{ year: 2016, gdp_usd: 1000 }];
    const exceed =
      'macroShares: semiconductor capital goods exceed total capital goods in 2016: inconsistent inputs (got [10, 0])';
    expect(errorOf(() => vintageBreaks(in2017, in2012, T, one, groups, g6, 'table1'))).toBe(exceed);
    expect(errorOf(() => vintageBreaks(in2012, in2017, T, one, groups, g6, 'table1'))).toBe(exceed);
    // by the codes' own class (the default) 222222 comes out of intermediates: no error
    expect(vintageBreaks(in2012, in2017, T, one, groups, g6).map((r) => r.capital_converted_pct)).toEqual([0]);
  });
});
