/** Step 2's grouping (lib/steps/grouping.ts): study categories, the category × end-use cross-tab and the end use per group (hand-counted on the curated tables), category shares. */
import { describe, expect, it } from 'vitest';
import { codeRow } from '../../helpers/fixtures.js';
import fc from 'fast-check';
import { loadCodeBec, loadCodes, loadGroups, type GroupRow } from '../../../lib/io/data.js';
import type { BatchCode } from '../../../lib/steps/validation.js';
import {
  categoryEndUseCrossTab,
  categoryShares,
  groupEndUse,
  studyCategory,
  STUDY_CATEGORIES,
} from '../../../lib/steps/grouping.js';

const codes = loadCodes();
const groups = loadGroups();
const bec = loadCodeBec();

describe('categories and end use', () => {
  it('study category of each Table-1 group', () => {
    const c = groups.map((g) => studyCategory(g));
    expect(c[0]).toBe('semiconductor capital');
    expect(c[1]).toBe('semiconductor intermediate');
    expect(c[3]).toBe('other capital');
    expect(c[9]).toBe('other intermediate');
    expect(c[16]).toBe('consumption');
    expect(() => studyCategory({ group: 'x', category: 'consumption goods', semiconductor: true })).toThrow(
      /consumption/,
    );
  });
  it('cross-tab, batch 1 (hand-counted from codes.csv × code-bec.csv)', () => {
    const x = categoryEndUseCrossTab(codes, groups, bec, 1);
    expect(x).toHaveLength(12);
    const get = (c: string, e: string) => x.find((r) => r.category === c && r.end_use === e)!.codes;
    expect(get('capital goods', 'capital')).toBe(37);
    expect(get('capital goods', 'intermediate')).toBe(19);
    expect(get('intermediate', 'capital')).toBe(4);
    expect(get('intermediate', 'intermediate')).toBe(38);
    expect(get('consumption goods', 'intermediate')).toBe(8);
    expect(get('consumption goods', 'consumption')).toBe(38);
    expect(x.reduce((a, r) => a + r.codes, 0)).toBe(144);
  });
  it('per group: Passive Components = 4 capacitors (BEC 41, capital) + 2 resistors (BEC 42, intermediate)', () => {
    const g = groupEndUse(codes, groups, bec, 1);
    expect(g[0]).toMatchObject({ group_id: 1, capital: 4, intermediate: 2, consumption: 0, unclassified: 0 });
    expect(g[0].agree_share).toBeCloseTo(4 / 6, 12);
    expect(g.find((r) => r.group_id === 7)).toMatchObject({ capital: 0, intermediate: 7, agree_share: 0 });
    expect(g).toHaveLength(17);
  });
  it('rejects a code without a BEC row or an unknown group', () => {
    const c = [codeRow({ code: '99999999' })];
    expect(() => categoryEndUseCrossTab(c, groups, bec, 1)).toThrow(/BEC/);
    expect(() => groupEndUse(c, groups, bec, 1)).toThrow(/BEC/);
    expect(() =>
      categoryEndUseCrossTab(
        [codeRow({ group_id: 6 })],
        groups.filter((g) => g.group_id !== 6),
        bec,
        1,
      ),
    ).toThrow(/group 6/);
  });
});

describe('categoryShares', () => {
  it('hand example', () => {
    const out = categoryShares(
      [
        { year: 2015, group_id: 2, value_usd: 3 },
        { year: 2015, group_id: 17, value_usd: 1 },
        { year: 2016, group_id: 1, value_usd: 2 },
        { year: 2016, group_id: 4, value_usd: 6 },
      ],
      groups,
    );
    expect(out).toHaveLength(10);
    const s = (y: number, c: string) => out.find((r) => r.year === y && r.category === c)!.share;
    expect(s(2015, 'semiconductor intermediate')).toBe(0.75);
    expect(s(2015, 'consumption')).toBe(0.25);
    expect(s(2015, 'other capital')).toBe(0);
    expect(s(2016, 'semiconductor capital')).toBe(0.25);
    expect(s(2016, 'other capital')).toBe(0.75);
  });
  it('rejects bad values', () => {
    expect(() => categoryShares([{ year: 2015, group_id: 99, value_usd: 1 }], groups)).toThrow(/group/);
    expect(() => categoryShares([{ year: 2015, group_id: 1, value_usd: NaN }], groups)).toThrow(/non-negative/);
    expect(() => categoryShares([{ year: 2015, group_id: 1, value_usd: 0 }], groups)).toThrow(/no imports/);
  });
  it('property: shares of a year sum to 1 and each lies in [0, 1]', () => {
    const gs: GroupRow[] = groups;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            group_id: fc.integer({ min: 1, max: 17 }),
            value_usd: fc.double({ min: 1, max: 1e12, noNaN: true }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (rs) => {
          const out = categoryShares(
            rs.map((r) => ({ year: 2020, ...r })),
            gs,
          );
          expect(out.map((r) => r.category)).toEqual([...STUDY_CATEGORIES]);
          expect(out.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 9);
          for (const r of out) expect(r.share >= 0 && r.share <= 1).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('groupEndUse', () => {
  const groups = [
    { group_id: 1, group: 'Passive Components', category: 'capital goods' as const, semiconductor: true },
    { group_id: 2, group: 'ICs', category: 'intermediate' as const, semiconductor: true },
  ];
  const bec = [
    { code: 'c1', bec4: '41', end_use: 'capital' as const },
    { code: 'c2', bec4: '42', end_use: 'intermediate' as const },
    { code: 'c3', bec4: '42', end_use: 'intermediate' as const },
    { code: 'i1', bec4: '42', end_use: 'intermediate' as const },
  ];
  const codes: BatchCode[] = [
    { batch: 1, code: 'c1', group_id: 1 },
    { batch: 1, code: 'c2', group_id: 1 },
    { batch: 1, code: 'c3', group_id: 1 },
    { batch: 1, code: 'i1', group_id: 2 },
  ];
  it('counts codes by end use and flags a category that differs from the majority', () => {
    const rows = groupEndUse(codes, groups, bec);
    expect(rows[0]).toMatchObject({
      group_id: 1,
      codes: 3,
      capital: 1,
      intermediate: 2,
      bec4: ['41', '42'],
      majority: 'intermediate',
      matches: false,
    });
    expect(rows[1]).toMatchObject({ group_id: 2, codes: 1, intermediate: 1, majority: 'intermediate', matches: true });
  });
  it('a tie goes to capital (documented order)', () => {
    const rows = groupEndUse(codes.slice(0, 2), groups, bec);
    expect(rows[0].majority).toBe('capital');
  });
  it('rejects a code without a BEC row or with an unknown group', () => {
    expect(() => groupEndUse([{ batch: 1, code: 'zz', group_id: 1 }], groups, bec)).toThrow(
      /groupEndUse: code has no BEC end use.*zz/,
    );
    expect(() => groupEndUse([{ batch: 1, code: 'c1', group_id: 9 }], groups, bec)).toThrow(
      /groupEndUse: group 9 is not in the groups/,
    );
  });
  it('curated tables: Passive Components = 4 capital (BEC 41, capacitors) + 2 intermediate (BEC 42, resistors)', () => {
    const row = groupEndUse(loadCodes(), loadGroups(), loadCodeBec()).find((r) => r.group_id === 1)!;
    expect([row.capital, row.intermediate, row.bec4]).toEqual([4, 2, ['41', '42']]);
  });
});
