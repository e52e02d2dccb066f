/** Converting values between HS vintages (lib/io/hs-vintage.ts): components, the split rule, the kept total. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertHsVintage, hsCorrelationGroups, type HsCorrelationRow } from '../../../lib/io/hs-vintage.js';

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
];

describe('hsCorrelationGroups', () => {
  it('finds each component and its relationship (hand-read from the table)', () => {
    expect(hsCorrelationGroups(TABLE)).toEqual([
      { from: ['100001'], to: ['200001'], relationship: '1:1' },
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
    ['999999', 3], // not in the table
  ]);
  it('1:1 and n:1 move or sum; 1:n and n:n split by the weights, else equally (hand-computed)', () => {
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
      '200006': 30, // (40 + 20) / 2: no weights for 200006, 200007 → equal split
      '200007': 30,
      '999999': 3,
    });
    expect(r.report).toEqual({
      components: { '1:1': 1, '1:n': 1, 'n:1': 1, 'n:n': 1 },
      unmapped: ['999999'],
      equalSplits: 1,
    });
  });
  it('weights that sum to 0 split equally; a component with no value is left out', () => {
    const r = convertHsVintage(new Map([['100002', 8]]), TABLE, new Map([['200002', 0]]));
    expect(Object.fromEntries(r.values)).toEqual({ '200002': 4, '200003': 4 });
    expect(r.report.components).toEqual({ '1:1': 0, '1:n': 1, 'n:1': 0, 'n:n': 0 });
  });
  it('keeps the total, whatever the values and weights (property)', () => {
    const codes = ['100001', '100002', '100004', '100005', '100006', '100007', '999999'];
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
