import { describe, expect, it } from 'vitest';
import { messageOf } from '../../helpers/thrown.js';
import * as fc from 'fast-check';
import {
  aggregatePanel,
  bridgeCodes,
  isHS6,
  isHS8,
  normaliseCode,
  validateCode,
  type AggregateMissing,
  type CodeBridge,
} from '../../../lib/core/codes.js';
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

describe('normaliseCode: exact messages', () => {
  it('names the function and the value for a non-integer number and for a value neither text nor a number', () => {
    expect(messageOf(() => normaliseCode(8542.5))).toBe(
      'normaliseCode: a numeric code must be an integer (got 8542.5)',
    );
    // String(null) would be 'null' and fail the digits rule instead: the type check comes first
    expect(messageOf(() => normaliseCode(null as unknown as string))).toBe(
      'normaliseCode: code must be text or a number (got null)',
    );
    expect(messageOf(() => normaliseCode(true as unknown as string, 'HS6'))).toBe(
      'normaliseCode: code must be text or a number (got true)',
    );
  });
});

describe('isHS8 / isHS6: exactly the digits, anchored, text only', () => {
  it('a longer code, a code with a prefix or suffix, and a number are rejected', () => {
    // 9 digits: /\d{8}$/ and /^\d{8}/ would both find 8 of them
    expect(isHS8('185423111')).toBe(false);
    expect(isHS8('x85423111')).toBe(false);
    expect(isHS8('85423111x')).toBe(false);
    // a number is not a code even when its digits are (RegExp.test would turn it into text)
    expect(isHS8(85423111 as unknown as string)).toBe(false);
    expect(isHS6('1854231')).toBe(false);
    expect(isHS6('x854231')).toBe(false);
    expect(isHS6('854231x')).toBe(false);
    expect(isHS6(854231 as unknown as string)).toBe(false);
  });
  it('on digit strings, isHS8 holds exactly at length 8 and isHS6 exactly at length 6 (property)', () =>
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{0,10}$/),
        (s) => isHS8(s) === (s.length === 8) && isHS6(s) === (s.length === 6),
      ),
    ));
});

describe('validateCode: the level decides the length', () => {
  it("the default level is 'HS8'; 'HS8' takes 8 digits and rejects 6", () => {
    expect(validateCode('85423111')).toBe('85423111');
    expect(validateCode('85423111', 'HS8')).toBe('85423111');
    expect(messageOf(() => validateCode('854231'))).toBe(
      'validateCode: not a valid HS8 code (8 digits) (got "854231")',
    );
    expect(messageOf(() => validateCode('85423111', 'HS6'))).toBe(
      'validateCode: not a valid HS6 code (6 digits) (got "85423111")',
    );
  });
});

describe('bridgeCodes: exact messages and order', () => {
  const b = (old_code: string, new_code: string, year_changed = 2017): CodeBridge => ({
    old_code,
    new_code,
    year_changed,
  });
  it('names the function and the bad code or year', () => {
    expect(messageOf(() => bridgeCodes([], [b('1111', '11111111')]))).toBe(
      'bridgeCodes: bridge codes must be HS8 or HS6 digits (got "1111")',
    );
    expect(messageOf(() => bridgeCodes([], [b('11111111', '2222')]))).toBe(
      'bridgeCodes: bridge codes must be HS8 or HS6 digits (got "2222")',
    );
    expect(messageOf(() => bridgeCodes([], [b('11111111', '11111111')]))).toBe(
      'bridgeCodes: a bridge must link two different codes (got "11111111")',
    );
    expect(messageOf(() => bridgeCodes([], [b('11111111', '22222222', 2017.5)]))).toBe(
      'bridgeCodes: year_changed must be an integer year (got 2017.5)',
    );
    // an HS6 bridge is accepted
    expect(bridgeCodes([], [b('854231', '854232')]).mapping.get('854231')).toBe('854232');
  });
  it('a family lists its codes ascending and its key joins the successors ascending, whatever the bridge order', () => {
    // the new codes arrive 90 before 11: the key is still '85423111+85423190'
    const r = bridgeCodes([], [b('85423100', '85423190'), b('85423100', '85423111')]);
    expect([...r.families.entries()]).toEqual([['85423111+85423190', ['85423100', '85423111', '85423190']]]);
    expect(r.mapping.get('85423100')).toBe('85423111+85423190');
  });
  it('the mapping and the families do not depend on the order of the bridges (property)', () => {
    const bridges = [
      b('85423100', '85423190'),
      b('85423100', '85423111'),
      b('85423100', '85423119'),
      b('84561000', '84561100'),
      b('33333333', '22222222'),
      b('22222222', '11111111', 2022),
    ];
    const sorted = (m: Map<string, unknown>) => [...m.entries()].sort(([x], [y]) => (x < y ? -1 : 1));
    const ref = bridgeCodes([], bridges);
    expect(ref.mapping.get('33333333')).toBe('11111111');
    fc.assert(
      fc.property(fc.shuffledSubarray(bridges, { minLength: bridges.length, maxLength: bridges.length }), (order) => {
        const r = bridgeCodes([], order);
        expect(sorted(r.mapping)).toEqual(sorted(ref.mapping));
        expect(sorted(r.families)).toEqual(sorted(ref.families));
      }),
    );
  });
  it('late old codes: only bridged codes, from their year of change on, non-zero and present', () => {
    const p = panel(
      ['85423100', '84141000'],
      [
        [5, 6, 7, 0],
        [1, 2, 3, 4],
      ],
    );
    // 84141000 has no bridge: never reported; 85423100 changes in 2017: 2016-11 and 2016-12 are before, 2017-02 is 0
    expect(bridgeCodes(p, [b('85423100', '85423111')]).lateOldCodes).toEqual([
      { code: '85423100', month: '2017-01', value: 7 },
    ]);
    // the year of change 2016 (one year earlier) takes in 2016-11 and 2016-12 too
    expect(bridgeCodes(p, [b('85423100', '85423111', 2016)]).lateOldCodes.map((x) => x.month)).toEqual([
      '2016-11',
      '2016-12',
      '2017-01',
    ]);
    // 2018 (one year later): none
    expect(bridgeCodes(p, [b('85423100', '85423111', 2018)]).lateOldCodes).toEqual([]);
  });
});

describe('aggregatePanel: validation, policies and the copy of months', () => {
  const q = panel(
    ['a1', 'a2', 'b'],
    [
      [NaN, 1, NaN, 4],
      [NaN, 2, 3, 5],
      [7, 8, 9, 10],
    ],
  );
  const m = { a1: 'A', a2: 'A', b: 'B' };
  it('rejects an unknown missing policy, naming it', () => {
    expect(messageOf(() => aggregatePanel(q, m, { missing: 'skip' as AggregateMissing }))).toBe(
      'aggregatePanel: unknown missing policy (got "skip")',
    );
  });
  it('rejects a series shorter or longer than the months', () => {
    expect(
      messageOf(() =>
        aggregatePanel(
          panel(
            ['a', 'b'],
            [
              [1, 2, 3, 4],
              [1, 2, 3],
            ],
          ),
          { a: 'A', b: 'B' },
        ),
      ),
    ).toBe('aggregatePanel: series of b has 3 values for 4 months (got "b")');
    expect(messageOf(() => aggregatePanel(panel(['a'], [[1, 2, 3, 4, 5]]), { a: 'A' }))).toBe(
      'aggregatePanel: series of a has 5 values for 4 months (got "a")',
    );
  });
  it("an empty key ('') is no key: an error, or dropped", () => {
    expect(messageOf(() => aggregatePanel(q, { ...m, b: '' }))).toBe(
      'aggregatePanel: code has no key in the mapping (got "b")',
    );
    const d = aggregatePanel(q, (c) => (c === 'b' ? '' : 'A'), { unmapped: 'drop' });
    expect(d.codes).toEqual(['A']);
    expect(d.report.droppedCodes).toEqual(['b']);
  });
  it('names the code, the month and the value of a negative or infinite value', () => {
    expect(messageOf(() => aggregatePanel(panel(['a'], [[1, -1, 1, 1]]), { a: 'A' }))).toBe(
      'aggregatePanel: value of a in 2016-12 must be a finite non-negative number of US dollars (got -1)',
    );
    expect(messageOf(() => aggregatePanel(panel(['a'], [[1, 1, 1, Infinity]]), { a: 'A' }))).toBe(
      'aggregatePanel: value of a in 2017-02 must be a finite non-negative number of US dollars (got Infinity)',
    );
  });
  it('each policy on a month where every member is missing and on one where one member is', () => {
    const show = (a: { values: Float64Array[] }) =>
      a.values.map((v) => Array.from(v, (x) => (Number.isNaN(x) ? null : x)));
    // month 1 (2016-11): a1, a2 both missing; month 3 (2017-01): a1 missing, a2 = 3
    // sum-present: A = [missing, 1+2=3, 3, 4+5=9]
    const sp = aggregatePanel(q, m);
    expect(show(sp)).toEqual([
      [null, 3, 3, 9],
      [7, 8, 9, 10],
    ]);
    expect(sp.report).toEqual({
      missing: 'sum-present',
      missingMemberMonths: 3,
      missingKeyMonths: 1,
      droppedCodes: [],
    });
    // propagate: any missing member → missing: A = [missing, 3, missing, 9]
    const pr = aggregatePanel(q, m, { missing: 'propagate' });
    expect(show(pr)[0]).toEqual([null, 3, null, 9]);
    expect(pr.report).toEqual({ missing: 'propagate', missingMemberMonths: 3, missingKeyMonths: 2, droppedCodes: [] });
    // zero: a missing member counts 0, even when every member is missing: A = [0, 3, 0+3=3, 9]
    const z = aggregatePanel(q, m, { missing: 'zero' });
    expect(show(z)[0]).toEqual([0, 3, 3, 9]);
    expect(z.report).toEqual({ missing: 'zero', missingMemberMonths: 3, missingKeyMonths: 0, droppedCodes: [] });
    expect(messageOf(() => aggregatePanel(q, m, { missing: 'error' }))).toBe(
      'aggregatePanel: missing month 2016-11 for code a1 (missing policy \'error\') (got "a1")',
    );
  });
  it('the months are a copy: changing the result leaves the input panel alone', () => {
    const before = q.months.slice();
    const a = aggregatePanel(q, m);
    expect(a.months).toEqual(before);
    expect(a.months).not.toBe(q.months);
    a.months.push('2017-03');
    a.months[0] = '1999-01';
    expect(q.months).toEqual(before);
    expect(a.source).toBe(q.source);
    expect(a.members).toEqual([['a1', 'a2'], ['b']]);
  });
});
