/** The macro step on real (annual HS6) data: records → rows, BEC by HS revision, totals, the macro table. */
import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../../lib/io/data.js';
import { hasCodeLists } from '../../../lib/io/reference.js';
import { referenceDir } from '../../../lib/io/paths.js';
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
