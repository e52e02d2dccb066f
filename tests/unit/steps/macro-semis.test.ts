/** Which semiconductor imports come out of which class (lib/steps/macro-semis.ts): the rules on hand-made rows, a panel split by its codes' classes, each code's class. */
import { describe, expect, it } from 'vitest';
import type { Panel } from '../../../lib/core/types.js';
import { loadGroups } from '../../../lib/io/data.js';
import type { HsBecTables } from '../../../lib/steps/macro-real.js';
import {
  annualGroupClassSums,
  codeClassOf,
  overrideGroups,
  semiSums,
  splitPanelByClass,
  SUBTRACT_RULE_LABELS,
  SUBTRACT_RULES,
  withoutCodes,
} from '../../../lib/steps/macro-semis.js';
import { tempDir } from '../../helpers/temp.js';

const months = Array.from({ length: 12 }, (_, k) => `2015-${String(k + 1).padStart(2, '0')}`);
/** Hand panel: capacitors 85322110 (BEC 41) 1 a month, resistors 85332110 (BEC 42) 2 a month, ICs 85423100 (BEC 42) 10 a month. */
const panel: Panel = {
  source: { kind: 'synthetic', label: 'hand-made (test)', files: [], period: ['2015-01', '2015-12'] },
  months,
  codes: ['85322110', '85332110', '85423100'],
  values: [1, 2, 10].map((v) => new Float64Array(12).fill(v)),
};

describe('the subtraction rules in words', () => {
  it('each rule has the words captions and notes print after "subtracted"', () => {
    expect(SUBTRACT_RULES.map((r) => SUBTRACT_RULE_LABELS[r])).toEqual([
      "by each code's BEC class",
      'by Table 1 (whole group from its printed class)',
      'none',
    ]);
  });
});

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

describe('semiSums: a semiconductor group printed as consumption goods', () => {
  const groups = [{ group_id: 7, category: 'consumption goods', semiconductor: true }];
  const rows = [
    { year: 2015, group_id: 7, end_use: 'intermediate' as const, value_usd: 5 },
    { year: 2015, group_id: 7, end_use: 'consumption' as const, value_usd: 3 },
  ];
  const message =
    'semiSums: semiconductor group 7 has category "consumption goods", which has no end-use class to subtract from (got "consumption goods")';
  it("is an error under 'table1' and when the whole group is put there", () => {
    expect(() => semiSums(rows, groups, 'table1', [2015])).toThrow(message);
    expect(() => semiSums(rows, [{ ...groups[0], wholeGroup: true }], 'code-class', [2015])).toThrow(message);
  });
  it("under 'code-class' each code counts in its own class (consumption: neither)", () => {
    expect(semiSums(rows, groups, 'code-class', [2015]).get(2015)).toEqual({ capital: 0, intermediate: 5, neither: 3 });
  });
});

describe('codeClassOf with hand-made tables', () => {
  // 111111: capital in HS2012 (BEC 41), intermediate in HS2017 (42), consumption in HS2022 (112);
  // 333333: only in HS2012 (capital) and HS2017 (intermediate)
  const tables: HsBecTables = {
    HS2012: new Map([
      ['111111', ['41']],
      ['333333', ['41']],
    ]),
    HS2017: new Map([
      ['111111', ['42']],
      ['333333', ['42']],
    ]),
    HS2022: new Map([['111111', ['112']]]),
  };
  const of = codeClassOf(
    [
      { code: '11111188', end_use: 'unclassified' },
      { code: '111111', end_use: 'unclassified' },
    ],
    tables,
  );
  it("the year's own revision first: 2015 HS2012, 2018 HS2017, 2023 HS2022", () => {
    expect([of('111111', 2015), of('111111', 2018), of('111111', 2023)]).toEqual([
      'capital',
      'intermediate',
      'consumption',
    ]);
  });
  it('a code not in its year’s revision: the nearest other (2023 → HS2017, before HS2012)', () => {
    expect(of('333333', 2023)).toBe('intermediate');
  });
  it('a curated 8-digit code wins; an uncurated one takes its HS6 parent; a 6-digit code is never read as curated', () => {
    expect(of('11111188', 2015)).toBe('unclassified');
    expect(of('11111199', 2015)).toBe('capital');
    expect(of('111111', 2018)).toBe('intermediate');
  });
  it('a code in no table is unclassified', () => {
    expect(of('999999', 2015)).toBe('unclassified');
  });
});

describe('annualGroupClassSums: classes without a curated code, other errors, the order of rows', () => {
  it('a class holding no code of the batch is left out (99999999: unclassified)', () => {
    const p: Panel = {
      ...panel,
      codes: ['85322110', '99999999'],
      values: [1, 7].map((v) => new Float64Array(12).fill(v)),
    };
    expect(annualGroupClassSums(p, 1)).toEqual([{ year: 2015, group_id: 1, value_usd: 12, end_use: 'capital' }]);
  });
  it('another error of the grouping is not swallowed', () => {
    const p: Panel = { ...panel, values: [new Float64Array(11).fill(1), ...panel.values.slice(1)] };
    expect(() => annualGroupClassSums(p, 1)).toThrow('aggregatePanel: series of 85322110 has 11 values for 12 months');
  });
  it('nor is an error raised only by one class: its HS6 codes form a family whose groups differ in category', () => {
    // the panel mixes HS8 and HS6 codes, so the whole is grouped at HS8 (848640 is no curated code there);
    // the intermediate class holds only 848640, the HS6 parent shared by groups 6 and 8 (family 3+6+8+11), kept
    // one joint group as no HS8 shares are found (an empty imported folder)
    const groups = loadGroups().map((g) => (g.group_id === 8 ? { ...g, category: 'intermediate' as const } : g));
    const classOf = (c: string) => (c.length === 6 ? 'intermediate' : 'capital');
    const p: Panel = {
      ...panel,
      codes: ['85322110', '848640'],
      values: [1, 5].map((v) => new Float64Array(12).fill(v)),
    };
    const saved = process.env.STUDY_IMPORTED_DIR;
    process.env.STUDY_IMPORTED_DIR = tempDir('macro-semis-imported-');
    try {
      expect(() => annualGroupClassSums(p, 1, groups, classOf)).toThrow(
        'jointGroupRows: the groups 3+6+8+11 differ in category: at HS6 they are one series (got "category")',
      );
    } finally {
      if (saved === undefined) delete process.env.STUDY_IMPORTED_DIR;
      else process.env.STUDY_IMPORTED_DIR = saved;
    }
  });
  it('a class whose codes are missing all year has no row, though the group is complete by its other class', () => {
    // capacitors (capital) missing in every month of 2015; resistors (intermediate) make group 1 complete
    const p: Panel = { ...panel, values: [new Float64Array(12).fill(NaN), ...panel.values.slice(1)] };
    expect(annualGroupClassSums(p, 1)).toEqual([
      { year: 2015, group_id: 1, value_usd: 24, end_use: 'intermediate' },
      { year: 2015, group_id: 2, value_usd: 120, end_use: 'intermediate' },
    ]);
  });
  it('rows by year, then group, then class, whatever the order of the classes', () => {
    // resistors (group 1) intermediate, ICs (group 2) capital: the capital part comes first, group 1 still leads
    const classOf = (c: string) => (c === '85423100' ? 'capital' : 'intermediate');
    const p: Panel = { ...panel, codes: ['85423100', '85332110'], values: [panel.values[2], panel.values[1]] };
    expect(annualGroupClassSums(p, 1, undefined, classOf)).toEqual([
      { year: 2015, group_id: 1, value_usd: 24, end_use: 'intermediate' },
      { year: 2015, group_id: 2, value_usd: 120, end_use: 'capital' },
    ]);
  });
});

describe('overrideGroups and withoutCodes', () => {
  const groups = [
    { group_id: 1, category: 'intermediate' as const, semiconductor: true },
    { group_id: 2, category: 'capital goods' as const, semiconductor: true },
  ];
  it('a category override puts the whole group there; not subtracted clears the flag', () => {
    expect(overrideGroups(groups, { 1: 'capital goods', 2: 'not subtracted' })).toEqual([
      { group_id: 1, category: 'capital goods', semiconductor: true, wholeGroup: true },
      { group_id: 2, category: 'capital goods', semiconductor: false },
    ]);
  });
  it('an unknown group id or category: exact messages', () => {
    expect(() => overrideGroups(groups, { 3: 'intermediate' })).toThrow(
      'overrideGroups: override for a group id not in the group table (got "3")',
    );
    expect(() => overrideGroups(groups, { 1: 'services' as never })).toThrow(
      'overrideGroups: unknown category (expected one of capital goods, intermediate, consumption goods, not subtracted) (got "services")',
    );
  });
  it('withoutCodes with no code is the panel itself', () => {
    expect(withoutCodes(panel, [])).toBe(panel);
    expect(withoutCodes(panel, ['85332110']).codes).toEqual(['85322110', '85423100']);
  });
});
