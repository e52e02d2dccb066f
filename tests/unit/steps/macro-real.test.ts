/** The macro step on real (annual HS6) data: records → rows, BEC by HS revision, totals, the macro table. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeValue } from '../../../lib/core/errors.js';
import { loadGroups } from '../../../lib/io/data.js';
import { hasCodeLists } from '../../../lib/io/reference.js';
import { referenceDir } from '../../../lib/io/paths.js';
import { tempDir } from '../../helpers/temp.js';
import {
  annualHs6FromRecords,
  becTotalsCsv,
  becTotalsFromHs6,
  classifyHs6,
  groupAnnualFromHs6,
  loadHsBecTables,
  macroReal,
  revisionOfYear,
  type HsBecTables,
} from '../../../lib/steps/macro-real.js';

const T: HsBecTables = {
  HS2012: new Map([
    ['848620', ['41']],
    ['854231', ['22']],
    ['300490', ['63']],
    ['710820', []],
  ]),
  HS2017: new Map([
    ['848620', ['41']],
    ['854231', ['42', '22', '41']],
    ['300490', ['63', '41']],
  ]),
  HS2022: new Map([
    ['848620', ['41']],
    ['854231', ['22']],
  ]),
};
const rec = (period: string, cmdCode: string, v: number | null, extra: Record<string, unknown> = {}) => ({
  freqCode: 'A',
  period,
  flowCode: 'M',
  partnerCode: 0,
  cmdCode,
  primaryValue: v,
  ...extra,
});

describe('annualHs6FromRecords', () => {
  it('keeps annual imports from the World at HS6; revision from classificationCode, else the year', () => {
    const { rows, skipped } = annualHs6FromRecords([
      rec('2015', '848620', 5, { classificationCode: 'H4' }),
      rec('2017', '848620', 6),
      rec('2022', '854231', 7, { classificationCode: 'H6' }),
      rec('2015', 'TOTAL', 99),
      rec('2015', '8486', 99),
      rec('2015', '848620', 1, { flowCode: 'X' }),
      rec('2015', '848620', 1, { partnerCode: 392 }),
      rec('2015', '854231', null),
      rec('2015', '848620', 5),
    ]);
    expect(rows).toEqual([
      { year: 2015, hs6: '848620', revision: 'HS2012', value_usd: 5 },
      { year: 2017, hs6: '848620', revision: 'HS2017', value_usd: 6 },
      { year: 2022, hs6: '854231', revision: 'HS2022', value_usd: 7 },
    ]);
    expect(skipped).toEqual({
      'not a 6-digit code (total or aggregate)': 2,
      'not imports': 1,
      'partner other than World': 1,
      'no value': 1,
      'duplicate (same value)': 1,
    });
  });

  it('bad input: conflicting duplicate, negative value', () => {
    expect(() => annualHs6FromRecords([rec('2015', '848620', 5), rec('2015', '848620', 6)])).toThrow(
      /code 848620 in 2015 appears twice with different values \(5 and 6\)/,
    );
    expect(() => annualHs6FromRecords([rec('2015', '848620', -1)])).toThrow(
      /value must be a non-negative number \(got -1\)/,
    );
  });
});

describe('BEC classification and totals', () => {
  it('the revision of the year; n:n by rule R3; no row or n/a → unclassified', () => {
    expect([2015, 2016, 2017, 2021, 2022].map(revisionOfYear)).toEqual([
      'HS2012',
      'HS2012',
      'HS2017',
      'HS2017',
      'HS2022',
    ]);
    expect(classifyHs6('848620', 'HS2012', T)).toEqual({ bec4: '41', end_use: 'capital', rule: 'R1' });
    expect(classifyHs6('854231', 'HS2017', T)).toEqual({ bec4: '22', end_use: 'intermediate', rule: 'R3' }); // lowest-numbered intermediate of 22/41/42
    expect(classifyHs6('300490', 'HS2017', T)).toEqual({ bec4: '41', end_use: 'capital', rule: 'R3' }); // no intermediate: lowest of 41/63
    expect(classifyHs6('710820', 'HS2012', T)).toBeUndefined();
    expect(classifyHs6('999999', 'HS2022', T)).toBeUndefined();
    expect(classifyHs6('271012', 'HS2012', { ...T, HS2012: new Map([['271012', ['32']]]) })).toEqual({
      bec4: '32',
      end_use: 'unclassified',
      rule: 'R1',
    });
    expect(() => classifyHs6('271012', 'HS2012', { ...T, HS2012: new Map([['271012', ['99']]]) })).toThrow(
      /BEC class 99 of 271012 \(HS2012\) has no end use/,
    );
  });

  it('hand-summed totals by year and end use', () => {
    const rows = [
      { year: 2015, hs6: '848620', revision: 'HS2012' as const, value_usd: 100 },
      { year: 2015, hs6: '854231', revision: 'HS2012' as const, value_usd: 30 },
      { year: 2015, hs6: '300490', revision: 'HS2012' as const, value_usd: 5 },
      { year: 2015, hs6: '710820', revision: 'HS2012' as const, value_usd: 2 },
      { year: 2017, hs6: '854231', revision: 'HS2017' as const, value_usd: 40 },
    ];
    const r = becTotalsFromHs6(rows, T);
    expect(r.totals.filter((t) => t.year === 2015)).toEqual([
      { year: 2015, end_use: 'capital', value_usd: 100 },
      { year: 2015, end_use: 'intermediate', value_usd: 30 },
      { year: 2015, end_use: 'consumption', value_usd: 5 },
      { year: 2015, end_use: 'unclassified', value_usd: 2 },
    ]);
    expect(r.totals.find((t) => t.year === 2017 && t.end_use === 'intermediate')!.value_usd).toBe(40);
    expect(r.unmatched).toEqual([{ year: 2015, hs6: '710820', revision: 'HS2012', value_usd: 2 }]);
    expect(r.nToN).toBe(1);
    expect(
      groupAnnualFromHs6(
        rows,
        new Map([
          ['854231', 2],
          ['848620', 6],
        ]),
      ),
    ).toEqual([
      { year: 2015, group_id: 2, value_usd: 30 },
      { year: 2015, group_id: 6, value_usd: 100 },
      { year: 2017, group_id: 2, value_usd: 40 },
      { year: 2017, group_id: 6, value_usd: 0 },
    ]);
    expect(becTotalsCsv(r.totals.slice(0, 1), 'Real data: x').split('\n')).toEqual([
      '# Real data: x',
      'year,end_use,value_usd',
      '2015,capital,100',
      '',
    ]);
  });

  it('macroReal: shares of GDP with and without the semiconductor groups, labelled as real data', () => {
    const rows = [
      { year: 2015, hs6: '848620', revision: 'HS2012' as const, value_usd: 300 },
      { year: 2015, hs6: '854231', revision: 'HS2012' as const, value_usd: 900 },
      { year: 2015, hs6: '300490', revision: 'HS2012' as const, value_usd: 50 },
    ];
    const r = macroReal(
      rows,
      T,
      [{ year: 2015, gdp_usd: 10_000 }],
      loadGroups(),
      new Map([
        ['854231', 2],
        ['848620', 6],
      ]),
    );
    // capital 300 (all semiconductor equipment, group 6) → 3 % and 0 % adjusted; intermediate 900 (ICs, group 2) → 9 % and 0 %
    expect(r.rows[0]).toMatchObject({
      capital_pct: 3,
      intermediate_pct: 9,
      capital_adjusted_pct: 0,
      intermediate_adjusted_pct: 0,
    });
    expect(r.sourceNote).toMatch(/^Real data: UN Comtrade/);
    expect(r.sourceNote).not.toMatch(/synthetic/i);
    expect(() => macroReal([], T, [], loadGroups(), new Map())).toThrow(/macroReal: no annual HS6 rows/);
  });

  it('macroReal: a heading of a capital group that BEC counts as intermediate (848690, parts) comes out of intermediates; without it, of nothing', () => {
    // GDP 10,000. 848620 (lithography, BEC 41) 300 and 848690 (parts, BEC 42) 200, both counted in group 8 at HS6;
    // ICs 854231 (BEC 22 in T) 700. Totals: capital 300, intermediate 200 + 700 = 900.
    const T2: HsBecTables = { ...T, HS2012: new Map([...T.HS2012, ['848690', ['42']]]) };
    const rows = [
      { year: 2015, hs6: '848620', revision: 'HS2012' as const, value_usd: 300 },
      { year: 2015, hs6: '848690', revision: 'HS2012' as const, value_usd: 200 },
      { year: 2015, hs6: '854231', revision: 'HS2012' as const, value_usd: 700 },
    ];
    const map = new Map([
      ['848620', 8],
      ['848690', 8],
      ['854231', 2],
    ]);
    const gdp = [{ year: 2015, gdp_usd: 10_000 }];
    const byClass = macroReal(rows, T2, gdp, loadGroups(), map).rows[0];
    // capital: 300 − 300 = 0; intermediates: 900 − 200 − 700 = 0; semiconductor capital 3 %, intermediates 9 %
    expect(byClass).toMatchObject({ semi_capital_pct: 3, semi_intermediate_pct: 9, capital_adjusted_pct: 0 });
    expect(byClass.intermediate_adjusted_pct).toBeCloseTo(0, 12);
    // Table 1's rule takes group 8 wholly from capital goods: 500 > 300, which the step refuses
    expect(() => macroReal(rows, T2, gdp, loadGroups(), map, { subtract: 'table1' })).toThrow(
      /semiconductor capital goods exceed total capital goods in 2015/,
    );
    // without 848690: it stays in intermediates, adjusted intermediates 900 − 700 = 200 → 2 %
    const without = macroReal(rows, T2, gdp, loadGroups(), map, { excludeHs6: ['848690'] });
    expect(without.rows[0].semi_capital_pct).toBeCloseTo(3, 12);
    expect(without.rows[0].semi_intermediate_pct).toBeCloseTo(7, 12);
    expect(without.rows[0].intermediate_adjusted_pct).toBeCloseTo(2, 12);
    expect(without.sourceNote).toMatch(/by each code's BEC class without 848690/);
  });
});

describe.skipIf(!referenceDir())('the UNSD HS→BEC reference tables', () => {
  if (!hasCodeLists()) console.warn('reference tables absent: skipped');
  it('load for the three revisions, with a few known classes', () => {
    const t = loadHsBecTables();
    expect(t.HS2012.size).toBeGreaterThan(5000);
    expect(t.HS2022.size).toBeGreaterThan(5000);
    expect(classifyHs6('848620', 'HS2012', t)?.end_use).toBe('capital');
    expect(classifyHs6('854231', 'HS2017', t)?.end_use).toBe('intermediate');
    expect(classifyHs6('710820', 'HS2012', t)).toBeUndefined(); // monetary gold: n/a
  });
});

describe('revisionOfYear: bounds', () => {
  it('2012 is the first year; earlier or fractional years are refused with the exact message', () => {
    expect(revisionOfYear(2012)).toBe('HS2012');
    expect(() => revisionOfYear(2011)).toThrow('revisionOfYear: year must be an integer from 2012 (got 2011)');
    expect(() => revisionOfYear(2015.5)).toThrow('revisionOfYear: year must be an integer from 2012 (got 2015.5)');
  });
});

describe('annualHs6FromRecords: which records count', () => {
  const { freqCode: _f, partnerCode: _p, ...bare } = rec('2016', '848620', 3);
  it('a record without freqCode or partnerCode counts as annual and World; another frequency is skipped', () => {
    const { rows, skipped } = annualHs6FromRecords([bare, rec('2016', '854231', 4, { freqCode: 'M' })]);
    expect(rows).toEqual([{ year: 2016, hs6: '848620', revision: 'HS2012', value_usd: 3 }]);
    expect(skipped).toEqual({ 'not annual': 1 });
  });

  it('the code must be exactly six digits; no code, no value: skipped; a zero value is kept', () => {
    const { cmdCode: _c, ...noCode } = rec('2016', '848620', 1);
    const { primaryValue: _v, ...noValue } = rec('2016', '848620', 1);
    const { rows, skipped } = annualHs6FromRecords([
      rec('2016', '84862011', 1),
      rec('2016', 'X848620', 1),
      noCode,
      noValue,
      rec('2016', '300490', 0),
    ]);
    expect(rows).toEqual([{ year: 2016, hs6: '300490', revision: 'HS2012', value_usd: 0 }]);
    expect(skipped).toEqual({ 'not a 6-digit code (total or aggregate)': 3, 'no value': 1 });
  });

  it("the year is the period's first four digits, else refYear; 1988–2100 accepted", () => {
    const { period: _p, ...noPeriod } = rec('', '854231', 2);
    const { rows } = annualHs6FromRecords([
      rec('2100', '848620', 1),
      rec('1988', '848620', 1, { classificationCode: 'H4' }),
      rec('201712', '848620', 1),
      { ...noPeriod, refYear: 2019 },
    ]);
    expect(rows.map((r) => [r.year, r.revision])).toEqual([
      [1988, 'HS2012'],
      [2017, 'HS2017'],
      [2019, 'HS2017'],
      [2100, 'HS2022'],
    ]);
  });

  it('a classificationCode wins over the year (H4 data of 2017 stay HS2012)', () => {
    expect(
      annualHs6FromRecords([
        rec('2017', '848620', 1, { classificationCode: 'H4' }),
        rec('2023', '848620', 1, { classificationCode: 'H5' }),
      ]).rows.map((r) => r.revision),
    ).toEqual(['HS2012', 'HS2017']);
  });

  it('rows sorted by year, then code', () => {
    const { rows } = annualHs6FromRecords([
      rec('2017', '300490', 1),
      rec('2016', '854231', 2),
      rec('2016', '300490', 3),
      rec('2015', '848620', 4),
      rec('2016', '848620', 5),
      rec('2015', '300490', 6),
    ]);
    expect(rows.map((r) => `${r.year} ${r.hs6} ${r.value_usd}`)).toEqual([
      '2015 300490 6',
      '2015 848620 4',
      '2016 300490 3',
      '2016 848620 5',
      '2016 854231 2',
      '2017 300490 1',
    ]);
  });
});

describe('annualHs6FromRecords: exact messages', () => {
  const msg = (records: Record<string, unknown>[]) => {
    try {
      annualHs6FromRecords(records);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  it('a year outside 1988–2100 or not a number, named with the period or refYear as given', () => {
    const { period: _p, ...noPeriod } = rec('', '848620', 1);
    expect(msg([rec('1987', '848620', 1)])).toBe('annualHs6FromRecords: record 0: bad year (got "1987")');
    expect(msg([rec('2015', '848620', 1), rec('2101', '848620', 1)])).toBe(
      'annualHs6FromRecords: record 1: bad year (got "2101")',
    );
    expect(msg([rec('20x5', '848620', 1)])).toBe('annualHs6FromRecords: record 0: bad year (got "20x5")');
    expect(msg([{ ...noPeriod, refYear: 1900 }])).toBe('annualHs6FromRecords: record 0: bad year (got 1900)');
  });

  it('a value that is negative, not finite or not a number; a conflicting duplicate', () => {
    const m = (v: unknown) =>
      `annualHs6FromRecords: record 0 (848620, 2015): value must be a non-negative number (got ${v})`;
    expect(msg([rec('2015', '848620', -1)])).toBe(m('-1'));
    expect(msg([rec('2015', '848620', NaN)])).toBe(m('NaN'));
    expect(msg([rec('2015', '848620', Infinity)])).toBe(m('Infinity'));
    expect(msg([{ ...rec('2015', '848620', 0), primaryValue: '5' }])).toBe(m('"5"'));
    expect(msg([rec('2015', '848620', 5), rec('2015', '848620', 6)])).toBe(
      'annualHs6FromRecords: code 848620 in 2015 appears twice with different values (5 and 6) (got "2015|848620")',
    );
  });
});

describe('loadHsBecTables on hand-made tables', () => {
  const HEAD = 'HS 2012,BEC,Relationship';
  /** A reference folder with the three tables (HS2012's text given, the others one line each). */
  const refDir = (hs2012: string) => {
    const dir = tempDir('hs-bec-');
    fs.mkdirSync(path.join(dir, 'unsd-hs-bec'));
    fs.writeFileSync(path.join(dir, 'unsd-hs-bec', 'hs2012-to-bec4.csv'), hs2012);
    fs.writeFileSync(path.join(dir, 'unsd-hs-bec', 'hs2017-to-bec4.csv'), 'HS 2017,BEC\r\n848620,41\r\n');
    fs.writeFileSync(path.join(dir, 'unsd-hs-bec', 'hs2022-to-bec4.csv'), 'HS 2022,BEC\n854231,22\n,,\n,,\n');
    return dir;
  };
  const msg = (dir: string) => {
    try {
      loadHsBecTables(dir);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };

  it('classes per code (spaces trimmed, repeats once), n/a in its spellings as no class, blank lines skipped', () => {
    const t = loadHsBecTables(
      refDir(
        `\uFEFF${HEAD}\n 848620 , 41 ,n to 1\n854231,22,n to n\n854231,41,n to n\n854231,22,n to n\n` +
          '710820,n/a,\n710821,NA\n710822,N/A\n , ,\n\n',
      ),
    );
    expect([...t.HS2012]).toEqual([
      ['848620', ['41']],
      ['854231', ['22', '41']],
      ['710820', []],
      ['710821', []],
      ['710822', []],
    ]);
    expect([...t.HS2017]).toEqual([['848620', ['41']]]);
    expect([...t.HS2022]).toEqual([['854231', ['22']]]);
  });

  it('a line without an HS6 code, named by file and line', () => {
    expect(msg(refDir(`${HEAD}\n848620,41\nabc,41\n`))).toBe(
      'loadHsBecTables: hs2012-to-bec4.csv line 3: expected an HS6 code (got "abc,41")',
    );
    expect(msg(refDir(`${HEAD}\n8486201,41\n`))).toBe(
      'loadHsBecTables: hs2012-to-bec4.csv line 2: expected an HS6 code (got "8486201,41")',
    );
    expect(msg(refDir(`${HEAD}\nX848620,41\n`))).toBe(
      'loadHsBecTables: hs2012-to-bec4.csv line 2: expected an HS6 code (got "X848620,41")',
    );
    // only a byte-order mark at the start of the file is removed
    expect(msg(refDir(`${HEAD}\n8486\uFEFF20,41\n`))).toBe(
      'loadHsBecTables: hs2012-to-bec4.csv line 2: expected an HS6 code (got "8486\uFEFF20,41")',
    );
  });

  it('a line whose class is neither a 1–3 digit BEC class nor n/a', () => {
    for (const bec of ['4100', 'x41', 'xn/a', 'n/ax', 'n//a', 'other'])
      expect(msg(refDir(`${HEAD}\n848620,${bec}\n`))).toBe(
        `loadHsBecTables: hs2012-to-bec4.csv line 2: expected a BEC class or n/a (got "848620,${bec}")`,
      );
    expect(msg(refDir(`${HEAD}\n848620,41\n854231\n`))).toBe(
      'loadHsBecTables: hs2012-to-bec4.csv line 3: expected a BEC class or n/a (got "854231")',
    );
  });

  it('no reference folder, or a table absent', () => {
    expect(msg('')).toBe(
      'loadHsBecTables: the reference tables are needed (STUDY_REFERENCE_DIR or data/reference) (got "")',
    );
    const dir = tempDir('hs-bec-');
    expect(msg(dir)).toBe(
      `loadHsBecTables: HS→BEC table missing (got ${describeValue(path.join(dir, 'unsd-hs-bec', 'hs2012-to-bec4.csv'))})`,
    );
  });
});

describe('classifyHs6 and becTotalsFromHs6: edges', () => {
  it('a revision absent from the tables: no class', () => {
    expect(classifyHs6('848620', 'HS2017', { HS2012: T.HS2012 } as HsBecTables)).toBeUndefined();
  });

  it('a BEC class without end use: the exact message', () => {
    expect(() => classifyHs6('271012', 'HS2012', { ...T, HS2012: new Map([['271012', ['99']]]) })).toThrow(
      'classifyHs6: BEC class 99 of 271012 (HS2012) has no end use (got "99")',
    );
  });

  it('totals by year ascending, whatever the order of the rows', () => {
    const r = becTotalsFromHs6(
      [
        { year: 2017, hs6: '848620', revision: 'HS2017', value_usd: 1 },
        { year: 2015, hs6: '848620', revision: 'HS2012', value_usd: 2 },
        { year: 2016, hs6: '848620', revision: 'HS2012', value_usd: 3 },
      ],
      T,
    );
    expect(r.totals.filter((t) => t.end_use === 'capital').map((t) => [t.year, t.value_usd])).toEqual([
      [2015, 2],
      [2016, 3],
      [2017, 1],
    ]);
  });
});

describe('groupAnnualFromHs6: shares, classes, order', () => {
  it('a code shared between groups is split by its shares', () => {
    expect(
      groupAnnualFromHs6(
        [{ year: 2015, hs6: '848690', revision: 'HS2012', value_usd: 100 }],
        new Map([
          [
            '848690',
            [
              { group_id: 8, share: 0.25 },
              { group_id: 6, share: 0.75 },
            ],
          ],
        ]),
      ),
    ).toEqual([
      { year: 2015, group_id: 6, value_usd: 75 },
      { year: 2015, group_id: 8, value_usd: 25 },
    ]);
  });

  it('with the tables: one row per year, group and end use (a code without a row: unclassified), sorted', () => {
    const map = new Map([
      ['848620', 6],
      ['854231', 6],
      ['300490', 2],
      ['999999', 2],
    ]);
    const rows = [
      { year: 2017, hs6: '848620', revision: 'HS2017' as const, value_usd: 10 },
      { year: 2015, hs6: '854231', revision: 'HS2012' as const, value_usd: 20 },
      { year: 2015, hs6: '848620', revision: 'HS2012' as const, value_usd: 30 },
      { year: 2015, hs6: '999999', revision: 'HS2012' as const, value_usd: 50 },
      { year: 2015, hs6: '300490', revision: 'HS2012' as const, value_usd: 40 },
    ];
    expect(groupAnnualFromHs6(rows, map, T)).toEqual([
      { year: 2015, group_id: 2, value_usd: 40, end_use: 'consumption' },
      { year: 2015, group_id: 2, value_usd: 50, end_use: 'unclassified' },
      { year: 2015, group_id: 6, value_usd: 30, end_use: 'capital' },
      { year: 2015, group_id: 6, value_usd: 20, end_use: 'intermediate' },
      { year: 2017, group_id: 6, value_usd: 10, end_use: 'capital' },
    ]);
  });
});

describe('macroReal: years and the source note', () => {
  const gdp = [
    { year: 2015, gdp_usd: 10_000 },
    { year: 2017, gdp_usd: 20_000 },
  ];
  const rows = [
    { year: 2017, hs6: '848620', revision: 'HS2017' as const, value_usd: 400 },
    { year: 2015, hs6: '848620', revision: 'HS2012' as const, value_usd: 200 },
    { year: 2016, hs6: '848620', revision: 'HS2012' as const, value_usd: 999 },
    { year: 2015, hs6: '854231', revision: 'HS2012' as const, value_usd: 100 },
  ];
  const map = new Map([['848620', 6]]);

  it('the years with data and GDP, ascending; every revision named, two excluded codes listed', () => {
    const r = macroReal(rows, T, gdp, loadGroups(), map, { excludeHs6: ['854231', '300490'] });
    expect(r.rows.map((y) => [y.year, y.capital_pct])).toEqual([
      [2015, 2],
      [2017, 2],
    ]);
    expect(r.sourceNote).toBe(
      "Real data: UN Comtrade, China's annual imports from the World by HS6 code, 2015–2017, classified by BEC Rev.4 end use " +
        '(UNSD HS→BEC tables, each year in the HS revision it was reported in (HS2012, HS2017)); semiconductor groups at HS6 ' +
        "(broader than the paper's HS8 groups), subtracted by each code's BEC class without 854231, 300490; " +
        'GDP: World Bank WDI, current US dollars.',
    );
  });

  it('one revision: its table named; nothing excluded', () => {
    const r = macroReal(rows.slice(1, 2), T, gdp, loadGroups(), map, { subtract: 'table1' });
    expect(r.sourceNote).toBe(
      "Real data: UN Comtrade, China's annual imports from the World by HS6 code, 2015–2015, classified by BEC Rev.4 end use " +
        "(every year in HS2012, UNSD's HS2012→BEC table); semiconductor groups at HS6 " +
        "(broader than the paper's HS8 groups), subtracted by Table 1 (whole group from its printed class); " +
        'GDP: World Bank WDI, current US dollars.',
    );
  });

  it('becTotalsCsv: a note over several lines becomes one comment line', () => {
    expect(becTotalsCsv([], 'a\nb\nc')).toBe('# a b c\nyear,end_use,value_usd\n');
  });
});
