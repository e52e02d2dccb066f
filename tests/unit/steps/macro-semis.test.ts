/** Which semiconductor imports come out of which class (lib/steps/macro-semis.ts): the rules on hand-made rows, a panel split by its codes' classes, each code's class. */
import { describe, expect, it } from 'vitest';
import type { Panel } from '../../../lib/core/types.js';
import { annualGroupClassSums, codeClassOf, semiSums, splitPanelByClass } from '../../../lib/steps/macro-semis.js';

const months = Array.from({ length: 12 }, (_, k) => `2015-${String(k + 1).padStart(2, '0')}`);
/** Hand panel: capacitors 85322110 (BEC 41) 1 a month, resistors 85332110 (BEC 42) 2 a month, ICs 85423100 (BEC 42) 10 a month. */
const panel: Panel = {
  source: { kind: 'synthetic', label: 'hand-made (test)', files: [], period: ['2015-01', '2015-12'] },
  months,
  codes: ['85322110', '85332110', '85423100'],
  values: [1, 2, 10].map((v) => new Float64Array(12).fill(v)),
};

describe('semiSums', () => {
  const groups = [
    { group_id: 1, category: 'capital goods', semiconductor: true },
    { group_id: 4, category: 'capital goods', semiconductor: false },
  ];
  const rows = [
    { year: 2015, group_id: 1, end_use: 'capital' as const, value_usd: 12 },
    { year: 2015, group_id: 1, end_use: 'intermediate' as const, value_usd: 24 },
    { year: 2015, group_id: 4, end_use: 'capital' as const, value_usd: 99 }, // not semiconductor: never subtracted
  ];
  it('by rule: each code’s class, Table 1, none', () => {
    expect(semiSums(rows, groups, 'code-class', [2015]).get(2015)).toEqual({
      capital: 12,
      intermediate: 24,
      neither: 0,
    });
    expect(semiSums(rows, groups, 'table1', [2015]).get(2015)).toEqual({ capital: 36, intermediate: 0, neither: 0 });
    expect(semiSums(rows, groups, 'none', [2015]).get(2015)).toEqual({ capital: 0, intermediate: 0, neither: 0 });
  });
  it('a semiconductor group without a row for a year: an error, or zero when asked', () => {
    expect(() => semiSums(rows, groups, 'code-class', [2015, 2016])).toThrow(
      /semiSums: no annual value for semiconductor group 1 in 2016/,
    );
    expect(semiSums(rows, groups, 'code-class', [2016], 'zero').get(2016)).toEqual({
      capital: 0,
      intermediate: 0,
      neither: 0,
    });
  });
});

describe('each code’s class and the split panel', () => {
  it('codeClassOf: HS8 from code-bec.csv, HS6 from the UNSD table of the year’s revision, else the nearest other, else unclassified', () => {
    const of = codeClassOf();
    expect([of('85322110', 2015), of('85332110', 2015), of('84869091', 2015)]).toEqual([
      'capital',
      'intermediate',
      'intermediate',
    ]);
    expect(of('99999999', 2015)).toBe('unclassified'); // in no table: not subtracted
    expect(of('300210', 2017)).toBe('intermediate'); // an HS2012 code reported in 2017: HS2012's table
    expect(of('85332190', 2023)).toBe('intermediate'); // curated: code-bec.csv whatever the year
  });
  it('splitPanelByClass: the classes sum back to the panel; a code without a class is an error', () => {
    const parts = splitPanelByClass(panel, codeClassOf());
    expect([...parts.keys()].sort()).toEqual(['capital', 'intermediate']);
    expect(parts.get('capital')!.codes).toEqual(['85322110']);
    expect(parts.get('intermediate')!.codes).toEqual(['85332110', '85423100']);
    expect(() => splitPanelByClass(panel, () => undefined)).toThrow(
      /splitPanelByClass: code 85322110 has no BEC end use in 2015/,
    );
  });
  it('a code whose class changes with the year is split month by month (missing months stay missing)', () => {
    const two: Panel = {
      ...panel,
      months: ['2016-12', '2017-01'],
      codes: ['848690'],
      values: [Float64Array.from([5, NaN])],
    };
    const parts = splitPanelByClass(two, (_c, y) => (y <= 2016 ? 'intermediate' : 'capital'));
    expect(Array.from(parts.get('intermediate')!.values[0])).toEqual([5, NaN]);
    expect(Array.from(parts.get('capital')!.values[0])).toEqual([0, NaN]);
  });
  it('annualGroupClassSums: Passive Components 12 capital + 24 intermediate; ICs 120 intermediate (hand sums of 12 months)', () => {
    expect(annualGroupClassSums(panel, 1)).toEqual([
      { year: 2015, group_id: 1, value_usd: 12, end_use: 'capital' },
      { year: 2015, group_id: 1, value_usd: 24, end_use: 'intermediate' },
      { year: 2015, group_id: 2, value_usd: 120, end_use: 'intermediate' },
    ]);
  });
});
