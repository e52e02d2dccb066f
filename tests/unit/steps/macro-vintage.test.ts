/** One HS vintage on real data (lib/steps/macro-vintage.ts): the converted annual file is preferred, and the macro shares as reported beside the converted ones show the revision breaks (hand-computed). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../../lib/io/data.js';
import type { HsBecTables } from '../../../lib/steps/macro-real.js';
import { findAnnualHs6, readAnnualHs6, vintageBreaks } from '../../../lib/steps/macro-vintage.js';
import { tempDir } from '../../helpers/temp.js';

const HEAD = '# Real data (test, values made up)\nyear,hs6,revision,value_usd\n';

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
  it('a malformed file is an error naming the line', () => {
    const dir = tempDir('annual-');
    const f = path.join(dir, 'x.csv');
    fs.writeFileSync(f, 'year,code,value\n');
    expect(() => readAnnualHs6(f)).toThrow(/readAnnualHs6: x.csv line 1: expected the header/);
    fs.writeFileSync(f, HEAD + '2017,9013,HS2017,5\n');
    expect(() => readAnnualHs6(f)).toThrow(/readAnnualHs6: x.csv line 3: expected year, 6-digit code/);
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
  const row = (year: number, hs6: string, revision: 'HS2012' | 'HS2017', value_usd: number) => ({
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
  const b = vintageBreaks(reported, converted, T, gdp, loadGroups(), new Map());
  it('as reported, capital falls from 3 % to 2 % in 2017 (the code changes class); converted it stays at 3 %', () => {
    expect(b.map((r) => r.year)).toEqual([2015, 2016, 2017]);
    expect(b.map((r) => r.revisionBreak)).toEqual([false, false, true]);
    expect(b[2].capital_reported_pct).toBeCloseTo(2, 12);
    expect(b[2].capital_converted_pct).toBeCloseTo(3, 12);
    expect(b[2].capital_reported_change_pp).toBeCloseTo(-1, 12);
    expect(b[2].capital_converted_change_pp).toBeCloseTo(0, 12);
    expect(b[2].intermediate_reported_change_pp).toBeCloseTo(1, 12);
    expect(b[2].intermediate_converted_change_pp).toBeCloseTo(0, 12);
    expect(b[0].capital_reported_change_pp).toBeNull();
  });
});
