/** Converting values between HS vintages (lib/io/hs-vintage.ts): components, the per-source split rule, the kept total, the shipped tables. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp.js';
import {
  convertHsVintage,
  convertToVintage,
  hsCorrelationGroups,
  loadHsCorrelation,
  parseVintage,
  type HsCorrelationRow,
} from '../../../lib/io/hs-vintage.js';

// Made-up codes and values (the shapes of UNSD's tables: one row per source–target pair).
const TABLE: HsCorrelationRow[] = [
  { from: '100001', to: '200001' }, // 1:1
  { from: '100002', to: '200002' }, // 1:n
  { from: '100002', to: '200003' },
  { from: '100004', to: '200004' }, // n:1
  { from: '100005', to: '200004' },
  { from: '100006', to: '200006' }, // n:n: 100006 → 200006, 200007; 100007 → 200007
  { from: '100006', to: '200007' },
  { from: '100007', to: '200007' },
  { from: '200008', to: '200008' }, // a code that exists in both vintages, with a marginal link to 200001
  { from: '200008', to: '200001' },
];

describe('hsCorrelationGroups', () => {
  it('finds each component and its relationship (hand-read from the table)', () => {
    expect(hsCorrelationGroups(TABLE)).toEqual([
      { from: ['100001', '200008'], to: ['200001', '200008'], relationship: 'n:n' },
      { from: ['100002'], to: ['200002', '200003'], relationship: '1:n' },
      { from: ['100004', '100005'], to: ['200004'], relationship: 'n:1' },
      { from: ['100006', '100007'], to: ['200006', '200007'], relationship: 'n:n' },
    ]);
  });
  it('rejects a code that is not 6 digits, naming it', () => {
    expect(() => hsCorrelationGroups([{ from: '8524', to: '851712' }])).toThrow(
      'hsCorrelationGroups: codes must be 6 digits (got "8524")',
    );
  });
});

describe('convertHsVintage', () => {
  const values = new Map([
    ['100001', 10],
    ['100002', 30],
    ['100004', 5],
    ['100005', 7],
    ['100006', 40],
    ['100007', 20],
    ['200008', 50], // exists in the target vintage: stays whole although it is paired with 200001 too
    ['999999', 3], // not in the table
  ]);
  it('1:1 and n:1 move or sum; a source with several targets is split among its own targets by the weights, else equally (hand-computed)', () => {
    const weights = new Map([
      ['200002', 1],
      ['200003', 2],
    ]);
    const r = convertHsVintage(values, TABLE, weights);
    expect(Object.fromEntries([...r.values].sort())).toEqual({
      '200001': 10,
      '200002': 10, // 30 · 1/3
      '200003': 20, // 30 · 2/3
      '200004': 12, // 5 + 7
      '200006': 20, // 100006's 40 split equally between its own targets 200006 and 200007 (no weights)
      '200007': 40, // 20 of 100006 + 100007's 20 (its only target): nothing of 100007 reaches 200006
      '200008': 50,
      '999999': 3,
    });
    expect(r.report).toEqual({ kept: 1, moved: 4, split: 2, equalSplits: 1, unmapped: ['999999'] });
  });
  it('weights that sum to 0 split equally; codes without a value produce nothing', () => {
    const r = convertHsVintage(new Map([['100002', 8]]), TABLE, new Map([['200002', 0]]));
    expect(Object.fromEntries(r.values)).toEqual({ '200002': 4, '200003': 4 });
    expect(r.report).toEqual({ kept: 0, moved: 0, split: 1, equalSplits: 1, unmapped: [] });
  });
  it('keeps the total, whatever the values and weights (property)', () => {
    const codes = ['100001', '100002', '100004', '100005', '100006', '100007', '200008', '999999'];
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: codes.length, maxLength: codes.length }),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (v, w) => {
          const input = new Map(codes.map((c, k) => [c, v[k]] as const));
          const weights = new Map(['200002', '200003', '200006', '200007'].map((c, k) => [c, w[k]] as const));
          const out = convertHsVintage(input, TABLE, weights).values;
          const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
          expect(Math.abs(sum(out) - sum(input))).toBeLessThanOrEqual(1e-9 * Math.max(1, sum(input)));
        },
      ),
    );
  });
  it('rejects a negative value or weight, naming the code', () => {
    expect(() => convertHsVintage(new Map([['100001', -1]]), TABLE)).toThrow(
      'convertHsVintage: value of 100001 must be finite and ≥ 0 (got -1)',
    );
    expect(() => convertHsVintage(new Map([['100001', 1]]), TABLE, new Map([['200002', NaN]]))).toThrow(
      'convertHsVintage: weight of 200002 must be finite and ≥ 0 (got NaN)',
    );
  });
});

describe('parseVintage', () => {
  it('reads the four values, any case, and rejects the rest naming it', () => {
    expect(['as-reported', 'HS2012', 'hs2017', 'Hs2022'].map(parseVintage)).toEqual([
      'as-reported',
      'HS2012',
      'HS2017',
      'HS2022',
    ]);
    expect(() => parseVintage('H4')).toThrow(
      'parseVintage: the vintage must be as-reported, HS2012, HS2017 or HS2022 (got "H4")',
    );
  });
});

describe('loadHsCorrelation (the shipped UNSD correlation tables)', () => {
  it('reads every pair with its sides as asked, either direction', () => {
    const down = loadHsCorrelation('HS2017', 'HS2012');
    const up = loadHsCorrelation('HS2012', 'HS2017');
    expect(down).toHaveLength(6141); // data/reference/README.md: 6,141 pairs
    expect(up).toHaveLength(6141);
    expect(up.map((r) => `${r.to}>${r.from}`).sort()).toEqual(down.map((r) => `${r.from}>${r.to}`).sort());
    expect(loadHsCorrelation('HS2022', 'HS2017')).toHaveLength(15657);
    expect(loadHsCorrelation('HS2022', 'HS2012')).toHaveLength(16377);
  });
  it('knows the revisions the study meets: ICs split in 2017, laser machines renumbered, flat panels new in 2022', () => {
    const to12 = (c: string) =>
      loadHsCorrelation('HS2017', 'HS2012')
        .filter((r) => r.from === c)
        .map((r) => r.to);
    expect(to12('845611')).toEqual(['845610']); // laser machine tools (84561000 → 84561100 at HS8)
    expect(to12('854231')).toHaveLength(159); // HS2017's multi-component ICs: marginal links to 158 other codes
    expect(to12('854231')).toContain('854231');
    const to17 = loadHsCorrelation('HS2022', 'HS2017').filter((r) => r.from === '852411');
    expect(to17.map((r) => r.to)).toContain('901380'); // LCD devices: where flat-panel modules sat until 2021
  });
  it('stops on the same vintage, and on a bad line naming the file and line', () => {
    expect(() => loadHsCorrelation('HS2017', 'HS2017')).toThrow(
      'loadHsCorrelation: the source and target vintages are the same (got "HS2017")',
    );
    const dir = tempDir('hs-vintage-');
    fs.mkdirSync(path.join(dir, 'unsd-hs-bec'));
    fs.writeFileSync(
      path.join(dir, 'unsd-hs-bec', 'hs2017-hs2012-correlation.csv'),
      'from,to,relationship\n010121,010121,1:1\n8542,854231,1:1\n',
    );
    expect(() => loadHsCorrelation('HS2017', 'HS2012', dir)).toThrow(
      'loadHsCorrelation: unsd-hs-bec/hs2017-hs2012-correlation.csv line 3: expected code,code,relationship (got "8542,854231,1:1")',
    );
  });
});

describe('convertToVintage', () => {
  // Made-up values, real shapes: two years reported in HS2012, one in HS2017; a code split 1:n between the two.
  const table = (): HsCorrelationRow[] => [
    { from: '100001', to: '200001' },
    { from: '100002', to: '200002' },
    { from: '100002', to: '200003' },
  ];
  const rows = [
    { period: '2016', code: '200002', vintage: 'HS2012' as const, value: 30 },
    { period: '2016', code: '200003', vintage: 'HS2012' as const, value: 10 },
    { period: '2015', code: '200002', vintage: 'HS2012' as const, value: 30 },
    { period: '2015', code: '200003', vintage: 'HS2012' as const, value: 30 },
    { period: '2017', code: '100001', vintage: 'HS2017' as const, value: 7 },
    { period: '2017', code: '100002', vintage: 'HS2017' as const, value: 100 },
  ];
  it('keeps the target vintage, converts the rest weighted by the target periods (hand-computed)', () => {
    const r = convertToVintage(rows, 'HS2012', () => table());
    expect(r.rows.filter((x) => x.period === '2017')).toEqual([
      { period: '2017', code: '200001', vintage: 'HS2012', value: 7 },
      { period: '2017', code: '200002', vintage: 'HS2012', value: 60 }, // 100 · (30+30)/(60+40)
      { period: '2017', code: '200003', vintage: 'HS2012', value: 40 }, // 100 · (10+30)/(60+40)
    ]);
    expect(r.rows.filter((x) => x.period !== '2017')).toHaveLength(4);
    expect(r.report).toEqual({
      target: 'HS2012',
      weightPeriods: ['2015', '2016'],
      steps: [
        {
          from: 'HS2017',
          periods: ['2017'],
          valueIn: 107,
          valueOut: 107,
          kept: 0,
          moved: 1,
          split: 1,
          equalSplits: 0,
          unmapped: [],
        },
      ],
    });
  });
  it('splits equally when no period is in the target vintage, and says so', () => {
    const r = convertToVintage(rows.slice(4), 'HS2012', () => table());
    expect(r.rows.map((x) => x.value)).toEqual([7, 50, 50]);
    expect(r.report.weightPeriods).toEqual([]);
    expect(r.report.steps[0].equalSplits).toBe(1);
  });
  it('rejects a period × code twice and a bad value, naming them', () => {
    expect(() => convertToVintage([rows[0], rows[0]], 'HS2017', () => table())).toThrow(
      'convertToVintage: a period × code appears twice (got "2016|200002")',
    );
    expect(() => convertToVintage([{ ...rows[0], value: -2 }], 'HS2017', () => table())).toThrow(
      'convertToVintage: 200002 in 2016: value must be ≥ 0 (got -2)',
    );
  });
});
