import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { aggregatePanel, bridgeCodes, isHS6, isHS8, normaliseCode, validateCode } from '../../../lib/core/codes.js';
import type { Panel } from '../../../lib/core/types.js';

const panel = (codes: string[], values: number[][], months = ['2016-11', '2016-12', '2017-01', '2017-02']): Panel => ({
  source: {
    kind: 'synthetic',
    label: 'SYNTHETIC test panel',
    files: [],
    period: [months[0], months[months.length - 1]],
  },
  months,
  codes,
  values: values.map((v) => Float64Array.from(v)),
});

describe('normaliseCode', () => {
  it('strips spaces and dots', () => {
    expect(normaliseCode('8542.31 11')).toEqual({ code: '85423111' });
    expect(normaliseCode(' 854231 ', 'HS6')).toEqual({ code: '854231' });
  });
  it('restores a lost leading zero and reports it', () => {
    expect(normaliseCode(1012100)).toEqual({
      code: '01012100',
      repair: 'restored a lost leading zero ("1012100" → "01012100")',
    });
    expect(normaliseCode('10121', 'HS6').repair).toMatch(/leading zero/);
  });
  it('rejects bad codes naming the function', () => {
    expect(() => normaliseCode('8542A111')).toThrow(/^normaliseCode: HS8 code must contain only digits/);
    expect(() => normaliseCode('854231')).toThrow(/normaliseCode: HS8 code must have 8 digits \(got "854231"\)/);
    expect(() => normaliseCode(8542.5)).toThrow(/must be an integer/);
    expect(() => normaliseCode('')).toThrow(/only digits/);
  });
  it('is idempotent on valid codes (property)', () =>
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), (c) => {
        const a = normaliseCode(c);
        return a.code === c && a.repair === undefined && normaliseCode(a.code).code === c;
      }),
    ));
  it('validators', () => {
    expect(isHS8('85423111')).toBe(true);
    expect(isHS8('8542311')).toBe(false);
    expect(isHS6('854231')).toBe(true);
    expect(validateCode('854231', 'HS6')).toBe('854231');
    expect(() => validateCode('85423', 'HS6')).toThrow(/validateCode: not a valid HS6 code/);
  });
});

describe('bridgeCodes', () => {
  const ics = ['85423111', '85423119', '85423190'].map((n) => ({
    old_code: '85423100',
    new_code: n,
    year_changed: 2017,
  }));
  it('a split maps old and new codes to one family key (the successor set)', () => {
    const r = bridgeCodes([{ code: '85423100' }, { code: '85423111' }, { code: '84141000' }], ics);
    const key = '85423111+85423119+85423190';
    expect(r.mapping.get('85423100')).toBe(key);
    expect(r.mapping.get('85423119')).toBe(key);
    expect(r.mapping.get('84141000')).toBe('84141000');
    expect(r.families.get(key)).toEqual(['85423100', '85423111', '85423119', '85423190']);
  });
  it('a rename maps to the new code; a chain to its last code', () => {
    const r = bridgeCodes(
      [{ code: '84561000' }],
      [
        { old_code: '84561000', new_code: '84561100', year_changed: 2017 },
        { old_code: '84775990', new_code: '84775900', year_changed: 2022 },
        { old_code: '11111111', new_code: '22222222', year_changed: 2017 },
        { old_code: '22222222', new_code: '33333333', year_changed: 2022 },
      ],
    );
    expect(r.mapping.get('84561000')).toBe('84561100');
    expect(r.mapping.get('84775990')).toBe('84775900');
    expect(r.mapping.get('11111111')).toBe('33333333');
  });
  it('reports an old code still used after its change year', () => {
    const p = panel(
      ['85423100', '85423111'],
      [
        [5, 6, 7, 0],
        [NaN, NaN, 1, 2],
      ],
    );
    expect(bridgeCodes(p, ics).lateOldCodes).toEqual([{ code: '85423100', month: '2017-01', value: 7 }]);
  });
  it('rejects cycles and self-bridges', () => {
    expect(() =>
      bridgeCodes(
        [],
        [
          { old_code: '11111111', new_code: '22222222', year_changed: 2017 },
          { old_code: '22222222', new_code: '11111111', year_changed: 2018 },
        ],
      ),
    ).toThrow(/bridgeCodes: bridges form a cycle/);
    expect(() => bridgeCodes([], [{ old_code: '11111111', new_code: '11111111', year_changed: 2017 }])).toThrow(
      /two different codes/,
    );
    expect(() => bridgeCodes([], [{ old_code: '1111', new_code: '11111111', year_changed: 2017 }])).toThrow(
      /HS8 or HS6/,
    );
  });
});

describe('aggregatePanel', () => {
  // old IC code until 2016-12, new codes from 2017-01
  const p = panel(
    ['85423100', '85423111', '85423119', '84141000'],
    [
      [10, 20, NaN, NaN],
      [NaN, NaN, 15, 16],
      [NaN, NaN, 5, NaN],
      [1, 2, 3, 4],
    ],
  );
  const ics = ['85423111', '85423119'].map((n) => ({ old_code: '85423100', new_code: n, year_changed: 2017 }));
  it("'sum-present' (default) gives a continuous bridged series", () => {
    const fam = bridgeCodes(p, ics).mapping;
    const a = aggregatePanel(p, fam);
    expect(a.codes).toEqual(['84141000', '85423111+85423119']);
    // 10, 20 | 15 + 5 = 20 | 16 (85423119 missing in 2017-02 → sum of present)
    expect(Array.from(a.values[1])).toEqual([10, 20, 20, 16]);
    expect(a.members[1]).toEqual(['85423100', '85423111', '85423119']);
    expect(a.report).toMatchObject({ missing: 'sum-present', missingMemberMonths: 7, missingKeyMonths: 0 });
  });
  it('groups by any key and the other policies', () => {
    const m = { '85423100': 'ICs', '85423111': 'ICs', '85423119': 'ICs', '84141000': 'Vacuum' };
    const prop = aggregatePanel(p, m, { missing: 'propagate' });
    expect(Array.from(prop.values[0]).map((v) => (Number.isNaN(v) ? null : v))).toEqual([null, null, null, null]);
    expect(prop.report.missingKeyMonths).toBe(4);
    expect(Array.from(aggregatePanel(p, m, { missing: 'zero' }).values[0])).toEqual([10, 20, 20, 16]);
    expect(() => aggregatePanel(p, m, { missing: 'error' })).toThrow(
      /aggregatePanel: missing month 2016-11 for code 85423111/,
    );
    expect(aggregatePanel(p, (c) => (c.startsWith('8542') ? 'intermediate' : 'capital')).codes).toEqual([
      'capital',
      'intermediate',
    ]);
  });
  it('a key with every member missing stays missing (NaN) and is counted', () => {
    const q = panel(
      ['a1', 'a2'],
      [
        [NaN, 1, 1, 1],
        [NaN, 2, NaN, 2],
      ],
    );
    const a = aggregatePanel(q, { a1: 'A', a2: 'A' });
    expect(Number.isNaN(a.values[0][0])).toBe(true);
    expect(a.report.missingKeyMonths).toBe(1);
  });
  it('unmapped codes: error or drop', () => {
    expect(() => aggregatePanel(p, { '84141000': 'V' })).toThrow(
      /aggregatePanel: code has no key in the mapping \(got "85423100"\)/,
    );
    const d = aggregatePanel(p, { '84141000': 'V' }, { unmapped: 'drop' });
    expect(d.report.droppedCodes).toEqual(['85423100', '85423111', '85423119']);
  });
  it('negative or infinite values are rejected', () => {
    const q = panel(['a'], [[1, -1, 1, 1]]);
    expect(() => aggregatePanel(q, { a: 'A' })).toThrow(/finite non-negative/);
  });
  it('the total is preserved (property)', () =>
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 4, maxLength: 4 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (rows) => {
          const codes = rows.map((_, k) => String(10000000 + k));
          const a = aggregatePanel(panel(codes, rows), (c) => (Number(c) % 2 ? 'odd' : 'even'));
          const total = rows.flat().reduce((s, v) => s + v, 0);
          const agg = a.values.reduce((s, v) => s + v.reduce((x, y) => x + y, 0), 0);
          return Math.abs(total - agg) <= 1e-6 * Math.max(1, total);
        },
      ),
    ));
});
