/** Step 2's grouping (lib/steps/grouping.ts): study categories, the category × end-use cross-tab and the end use per group (hand-counted on the curated tables), category shares. */
import { describe, expect, it } from 'vitest';
import { codeRow } from '../../helpers/fixtures.js';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/temp.js';
import type { Panel } from '../../../lib/core/types.js';
import { loadCodeBec, loadCodes, loadGroups, type CodeBecRow, type GroupRow } from '../../../lib/io/data.js';
import type { BatchCode } from '../../../lib/steps/validation.js';
import {
  categoryEndUseCrossTab,
  categoryShares,
  codesPerGroup,
  groupEndUse,
  groupPanel,
  hs6Families,
  hs8SharesPanel,
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

describe('codesPerGroup: a code counted in the group of its own batch and technology', () => {
  // 11111111: batch 1 (tech 1, group 2) and batch 2 (tech B2-01, group 5); 22222222: batch 1 only (tech M, group 17)
  const rows = [
    codeRow({ batch: 1, tech_id: '1', code: '11111111', group_id: 2 }),
    codeRow({ batch: 2, tech_id: 'B2-01', code: '11111111', group_id: 5 }),
    codeRow({ batch: 1, tech_id: 'M', code: '22222222', group_id: 17 }),
  ];
  const count = (f: Parameters<typeof codesPerGroup>[2]) =>
    codesPerGroup(rows, groups, f)
      .filter((g) => g.codes > 0)
      .map((g) => [g.group_id, g.codes]);
  it('no filter: every batch', () => {
    expect(count({})).toEqual([
      [2, 1],
      [5, 1],
      [17, 1],
    ]);
  });
  it("one batch: the other batch's group of the same code is left out", () => {
    expect(count({ batch: 1 })).toEqual([
      [2, 1],
      [17, 1],
    ]);
    expect(count({ batch: 2 })).toEqual([[5, 1]]);
  });
  it('excludeTech and onlyTech apply to each row, not only to the code', () => {
    expect(count({ excludeTech: ['B2-01'] })).toEqual([
      [2, 1],
      [17, 1],
    ]);
    expect(count({ onlyTech: ['1'] })).toEqual([[2, 1]]);
  });
});

describe('exact messages of the grouping step', () => {
  it('studyCategory and categoryEndUseCrossTab name themselves and the bad value', () => {
    expect(() => studyCategory({ group: 'x', category: 'consumption goods', semiconductor: true })).toThrow(
      'studyCategory: a semiconductor-related consumption group is not a study category (got "x")',
    );
    expect(() => categoryEndUseCrossTab([codeRow({ code: '99999999' })], groups, bec, 1)).toThrow(
      'categoryEndUseCrossTab: code has no BEC end use (code-bec.csv) (got "99999999")',
    );
    expect(() =>
      categoryEndUseCrossTab(
        [codeRow({ group_id: 6 })],
        groups.filter((g) => g.group_id !== 6),
        bec,
        1,
      ),
    ).toThrow('categoryEndUseCrossTab: group 6 of code 84862031 is not in the groups (got 6)');
  });
  it('categoryShares: unknown group, negative or non-finite value, a year without imports', () => {
    expect(() => categoryShares([{ year: 2015, group_id: 99, value_usd: 1 }], groups)).toThrow(
      'categoryShares: unknown group id (got 99)',
    );
    expect(() => categoryShares([{ year: 2015, group_id: 1, value_usd: -1 }], groups)).toThrow(
      'categoryShares: value of group 1 in 2015 is not a non-negative number (got -1)',
    );
    expect(() => categoryShares([{ year: 2016, group_id: 1, value_usd: Infinity }], groups)).toThrow(
      'categoryShares: value of group 1 in 2016 is not a non-negative number (got Infinity)',
    );
    expect(() => categoryShares([{ year: 2015, group_id: 1, value_usd: 0 }], groups)).toThrow(
      'categoryShares: the year has no imports to share (got 2015)',
    );
  });
});

describe('end use: unclassified and consumption codes', () => {
  const bec = [
    { code: 'k1', bec4: '61', end_use: 'consumption' as const },
    { code: 'k2', bec4: '52', end_use: 'consumption' as const },
    { code: 'k3', bec4: '7', end_use: 'unclassified' as const },
    { code: 'u1', bec4: '7', end_use: 'unclassified' as const },
    { code: 'u2', bec4: '7', end_use: 'unclassified' as const },
    { code: 'i1', bec4: '42', end_use: 'intermediate' as const },
  ];
  const codes: BatchCode[] = ['k1', 'k2', 'k3', 'u1', 'u2', 'i1'].map((code) => ({
    batch: 1,
    code,
    group_id: code.startsWith('k') ? 17 : 10,
  }));
  it('groupEndUse: every end use counted, consumption and unclassified majorities, BEC codes ascending as text', () => {
    const rows = groupEndUse(codes, groups, bec);
    expect(
      rows.map((r) => [r.group_id, r.codes, r.consumption, r.unclassified, r.majority, r.matches, r.bec4]),
    ).toEqual([
      [10, 3, 0, 2, 'unclassified', false, ['42', '7']],
      [17, 3, 2, 1, 'consumption', true, ['52', '61', '7']],
    ]);
    expect(rows[1].agree_share).toBe(2 / 3);
  });
  it('categoryEndUseCrossTab: the 3 × 4 cells in order, unclassified codes in their own column', () => {
    const x = categoryEndUseCrossTab(
      codes.map((c) => codeRow(c)),
      groups,
      bec as unknown as CodeBecRow[],
      1,
    );
    expect(x.map((c) => [c.category, c.end_use, c.codes])).toEqual([
      ['capital goods', 'capital', 0],
      ['capital goods', 'intermediate', 0],
      ['capital goods', 'consumption', 0],
      ['capital goods', 'unclassified', 0],
      ['intermediate', 'capital', 0],
      ['intermediate', 'intermediate', 1],
      ['intermediate', 'consumption', 0],
      ['intermediate', 'unclassified', 2],
      ['consumption goods', 'capital', 0],
      ['consumption goods', 'intermediate', 0],
      ['consumption goods', 'consumption', 2],
      ['consumption goods', 'unclassified', 1],
    ]);
  });
});

describe('categoryShares: years ascending whatever the order of the rows', () => {
  it('2017, 2015, 2016 in → 2015, 2016, 2017 out', () => {
    const out = categoryShares(
      [2017, 2015, 2016].map((year) => ({ year, group_id: 17, value_usd: 1 })),
      groups,
    );
    expect(out.filter((r) => r.category === 'consumption').map((r) => [r.year, r.share])).toEqual([
      [2015, 1],
      [2016, 1],
      [2017, 1],
    ]);
  });
});

describe('groupPanel: HS8 or HS6 panel, the notes at HS6, no code of the batch', () => {
  const months = ['2015-01'];
  const src = (label: string) => ({
    kind: 'imported' as const,
    label,
    files: [],
    period: ['2015-01', '2015-01'] as [string, string],
  });
  const panel = (label: string, codes: string[], v: number[]): Panel => ({
    source: src(label),
    months,
    codes,
    values: v.map((x) => Float64Array.from([x])),
  });
  const name = (id: number) => groups.find((g) => g.group_id === id)!.group;
  const [family] = hs6Families(1);
  const familyNote = `${family.name}: ${family.reason}`;
  it('a panel mixing HS6 and HS8 codes is read at HS8 (the HS6 code has no group)', () => {
    const gp = groupPanel(panel('mixed', ['848640', '84864010'], [100, 7]), 1, groups, { hs8: null });
    expect(gp.hs6).toBeUndefined();
    expect(gp.codes).toEqual([name(6)]);
    expect(Array.from(gp.values[0])).toEqual([7]);
  });
  it("none of the batch's codes in the panel: the exact message", () => {
    expect(() => groupPanel(panel('other', ['01012100'], [1]), 1, groups, { hs8: null })).toThrow(
      "groupPanel: none of batch 1's curated codes is in the panel (other) (got 1)",
    );
    expect(() => groupPanel(panel('other HS6', ['010121'], [1]), 2, groups, { hs8: null })).toThrow(
      "groupPanel: none of batch 2's curated codes is in the panel (other HS6) (got 2)",
    );
  });
  it("at HS6 without HS8 data the note is the family's reason alone", () => {
    const gp = groupPanel(panel('HS6', ['848640'], [100]), 1, groups, { hs8: null });
    expect(gp.hs6!.note).toBe(familyNote);
  });
  it('HS8 data with nothing under two shared headings: both named in the note', () => {
    const gp = groupPanel(panel('HS6', ['848620', '848640'], [100, 50]), 1, groups, {
      hs8: panel('HS8', ['84864010'], [0]),
    });
    expect(gp.hs6!.treatment).toBe('joint');
    expect(gp.hs6!.note).toBe(`${familyNote} (the HS8 data, 2015-01–2015-01, hold nothing under 848620, 848640)`);
  });
  it('by default the HS8 panel of the imported folder splits the shared headings; the note names its source', () => {
    const dir = tempDir('grouping-imported-');
    fs.mkdirSync(path.join(dir, 'hs8'));
    fs.writeFileSync(
      path.join(dir, 'hs8', 'panel.csv'),
      'code,level,month,value_usd\n84864010,HS8,2015-01,10\n84864031,HS8,2015-01,30\n',
    );
    const saved = process.env.STUDY_IMPORTED_DIR;
    process.env.STUDY_IMPORTED_DIR = dir;
    try {
      const gp = groupPanel(panel('HS6', ['848640'], [100]), 1);
      expect(gp.hs6).toEqual({
        treatment: 'hs8-value-shares',
        families: [],
        note: `shared HS6 headings split by the value shares of ${hs8SharesPanel(dir)!.source.label}`,
      });
      const v = (id: number) => gp.values[gp.codes.indexOf(name(id))][0];
      expect([gp.codes.length, v(6), v(8)]).toEqual([2, 25, 75]); // 100 × 10/40 and 100 × 30/40
    } finally {
      if (saved === undefined) delete process.env.STUDY_IMPORTED_DIR;
      else process.env.STUDY_IMPORTED_DIR = saved;
    }
  });
});
