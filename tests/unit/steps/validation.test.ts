import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadCodeBec, loadCodes, loadGroups } from '../../../lib/io/data.js';
import { batchOverlap, overlapPerGroup, persistenceRows, persistenceSummary, type BatchCode } from '../../../lib/steps/validation.js';
import { groupEndUse } from '../../../lib/steps/grouping.js';
import { macroTable, overrideGroups } from '../../../lib/steps/macro.js';
import type { Batch, Pattern } from '../../../lib/core/types.js';

const toy: BatchCode[] = [
  { batch: 1, code: '11111111', group_id: 2 },
  { batch: 1, code: '22222222', group_id: 3 },
  { batch: 1, code: '33333333', group_id: 3 },
  { batch: 3, code: '11111111', group_id: 2 },
  { batch: 3, code: '33333333', group_id: 8 }, // common code, different group
  { batch: 3, code: '44444444', group_id: 16 },
  { batch: 3, code: '44444444', group_id: 16 }, // duplicate row (two technologies): counted once
];

describe('batchOverlap (hand-computed)', () => {
  it('toy batches 1 and 3: codes 3 and 3, 2 in common (1 in the same group), groups {2,3} and {2,8,16}, common {2}', () => {
    expect(batchOverlap(toy, 1, 3)).toEqual({
      a: 1, b: 3, codesA: 3, codesB: 3,
      commonCodes: ['11111111', '33333333'], commonCodesSameGroup: 1,
      groupsA: [2, 3], groupsB: [2, 8, 16], commonGroups: [2],
    });
  });
  it('is symmetric in its common parts', () => {
    const ab = batchOverlap(toy, 1, 3);
    const ba = batchOverlap(toy, 3, 1);
    expect(ba.commonCodes).toEqual(ab.commonCodes);
    expect(ba.commonGroups).toEqual(ab.commonGroups);
  });
  it('rejects a bad batch, an empty batch and a code with two groups in one batch', () => {
    expect(() => batchOverlap(toy, 1, 4 as Batch)).toThrow(/batch must be 1, 2 or 3/);
    expect(() => batchOverlap(toy, 1, 2)).toThrow(/batch 2 has no codes/);
    expect(() => batchOverlap([...toy, { batch: 1, code: '11111111', group_id: 5 }], 1, 3)).toThrow(/two groups/);
  });
  it('property: common codes ⊆ both batches, commonCodesSameGroup ≤ common codes', () => {
    const row = fc.record({ batch: fc.constantFrom<Batch>(1, 2), code: fc.constantFrom('a', 'b', 'c', 'd', 'e'), group_id: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        // make codes unique per batch (one group per code and batch)
        const seen = new Set<string>();
        const clean = rows.filter((r) => (seen.has(`${r.batch}|${r.code}`) ? false : (seen.add(`${r.batch}|${r.code}`), true)));
        if (!clean.some((r) => r.batch === 1) || !clean.some((r) => r.batch === 2)) return;
        const o = batchOverlap(clean, 1, 2);
        for (const c of o.commonCodes) {
          expect(clean.some((r) => r.batch === 1 && r.code === c)).toBe(true);
          expect(clean.some((r) => r.batch === 2 && r.code === c)).toBe(true);
        }
        expect(o.commonCodesSameGroup).toBeLessThanOrEqual(o.commonCodes.length);
        expect(o.commonCodes.length).toBeLessThanOrEqual(Math.min(o.codesA, o.codesB));
      }),
      { numRuns: 200 },
    );
  });
  it('curated tables: batch 2 shares no code with batch 1, but 5 groups; batch 3 shares 82 codes and 7 groups', () => {
    const codes = loadCodes();
    const b2 = batchOverlap(codes, 1, 2);
    expect(b2.commonCodes).toEqual([]);
    expect(b2.commonGroups).toEqual([5, 9, 10, 11, 16]);
    const b3 = batchOverlap(codes, 1, 3);
    expect(b3.commonCodes.length).toBe(82);
    expect(b3.commonGroups).toEqual([2, 3, 6, 8, 11, 16, 17]);
  });
});

describe('overlapPerGroup', () => {
  it('toy batch 3 against batch 1: group 2 one shared, group 8 one shared (code in another group in batch 1), group 16 one only here', () => {
    expect(overlapPerGroup(toy, 3)).toEqual([
      { batch: 3, group_id: 2, codes: 1, shared: 1, only_here: 0 },
      { batch: 3, group_id: 8, codes: 1, shared: 1, only_here: 0 },
      { batch: 3, group_id: 16, codes: 1, shared: 0, only_here: 1 },
    ]);
  });
  it('the reference batch against itself: everything shared', () => {
    expect(overlapPerGroup(toy, 1).every((r) => r.only_here === 0 && r.shared === r.codes)).toBe(true);
  });
  it('counts add up to the batch size', () => {
    const codes = loadCodes();
    const rows = overlapPerGroup(codes, 2);
    expect(rows.reduce((s, r) => s + r.codes, 0)).toBe(batchOverlap(codes, 1, 2).codesB);
    for (const r of rows) expect(r.shared + r.only_here).toBe(r.codes);
  });
  it('rejects an empty batch', () => {
    expect(() => overlapPerGroup(toy, 2)).toThrow(/no codes/);
  });
});

type P = { group_id: number; group: string; growth: 'high' | 'low'; volatility: 'high' | 'medium' | 'low'; pattern: Pattern };
const base: P[] = [
  { group_id: 2, group: 'ICs', growth: 'high', volatility: 'medium', pattern: 'stockpiling' },
  { group_id: 7, group: 'Telecom', growth: 'low', volatility: 'medium', pattern: 'substitution' },
  { group_id: 9, group: 'Fluid', growth: 'high', volatility: 'low', pattern: 'no effect' },
  { group_id: 16, group: 'Aviation', growth: 'low', volatility: 'high', pattern: 'substitution' },
];

describe('persistenceRows / persistenceSummary (hand-computed)', () => {
  const other = {
    batch: 2 as Batch,
    partition: [
      { group_id: 2, group: 'ICs', growth: 'high' as const, volatility: 'high' as const, pattern: 'stockpiling' as Pattern }, // same pattern, other cell
      { group_id: 9, group: 'Fluid', growth: 'low' as const, volatility: 'low' as const, pattern: 'substitution' as Pattern }, // changed
    ],
    listed: [2, 9, 16], // 16 listed but skipped (zero base)
  };
  const rows = persistenceRows(base, other);
  it('one row per reference group, with the right status', () => {
    expect(rows.map((r) => [r.group_id, r.status, r.same_cell])).toEqual([
      [2, 'same pattern', false],
      [7, 'not listed', false],
      [9, 'pattern changed', false],
      [16, 'skipped', false],
    ]);
    expect(rows[0].cell).toBe('high growth / high volatility');
    expect(rows[0].base_cell).toBe('high growth / medium volatility');
    expect(rows[3].pattern).toBeNull();
  });
  it('summary: listed 3, computed 2, skipped 1, same pattern 1, changed 1, same cell 0', () => {
    expect(persistenceSummary(rows)).toEqual([{ batch: 2, listed: 3, computed: 2, skipped: 1, same_pattern: 1, pattern_changed: 1, same_cell: 0 }]);
  });
  it('a group not in the reference is reported, not dropped', () => {
    const r = persistenceRows(base, { batch: 3, partition: [{ ...base[0], group_id: 17, group: 'Medicaments' }], listed: [17] });
    expect(r.find((x) => x.group_id === 17)?.status).toBe('not in reference');
    expect(persistenceSummary(r)[0]).toMatchObject({ listed: 1, computed: 1 });
  });
  it('identical partitions persist fully', () => {
    const r = persistenceRows(base, { batch: 3, partition: base, listed: base.map((b) => b.group_id) });
    expect(persistenceSummary(r)[0]).toEqual({ batch: 3, listed: 4, computed: 4, skipped: 0, same_pattern: 4, pattern_changed: 0, same_cell: 4 });
  });
  it('rejects duplicates and partitioned groups that are not listed', () => {
    expect(() => persistenceRows([...base, base[0]], other)).toThrow(/duplicate/);
    expect(() => persistenceRows(base, { ...other, listed: [2] })).toThrow(/not in the listed groups/);
    expect(() => persistenceRows(base, { ...other, batch: 0 as Batch })).toThrow(/batch/);
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
    { batch: 1, code: 'c1', group_id: 1 }, { batch: 1, code: 'c2', group_id: 1 }, { batch: 1, code: 'c3', group_id: 1 }, { batch: 1, code: 'i1', group_id: 2 },
  ];
  it('counts codes by end use and flags a category that differs from the majority', () => {
    const rows = groupEndUse(codes, groups, bec);
    expect(rows[0]).toMatchObject({ group_id: 1, codes: 3, capital: 1, intermediate: 2, bec4: ['41', '42'], majority: 'intermediate', matches: false });
    expect(rows[1]).toMatchObject({ group_id: 2, codes: 1, intermediate: 1, majority: 'intermediate', matches: true });
  });
  it('a tie goes to capital (documented order)', () => {
    const rows = groupEndUse(codes.slice(0, 2), groups, bec);
    expect(rows[0].majority).toBe('capital');
  });
  it('rejects a code without a BEC row or with an unknown group', () => {
    expect(() => groupEndUse([{ batch: 1, code: 'zz', group_id: 1 }], groups, bec)).toThrow(/groupEndUse: code has no BEC end use.*zz/);
    expect(() => groupEndUse([{ batch: 1, code: 'c1', group_id: 9 }], groups, bec)).toThrow(/groupEndUse: group 9 is not in the groups/);
  });
  it('curated tables: Passive Components = 4 capital (BEC 41, capacitors) + 2 intermediate (BEC 42, resistors)', () => {
    const row = groupEndUse(loadCodes(), loadGroups(), loadCodeBec()).find((r) => r.group_id === 1)!;
    expect([row.capital, row.intermediate, row.bec4]).toEqual([4, 2, ['41', '42']]);
  });
});

describe('overrideGroups', () => {
  const groups = loadGroups();
  it('moves a group to another category without changing the input', () => {
    const out = overrideGroups(groups, { 1: 'intermediate' });
    expect(out.find((g) => g.group_id === 1)!.category).toBe('intermediate');
    expect(groups.find((g) => g.group_id === 1)!.category).toBe('capital goods');
    expect(out.filter((g) => g.group_id !== 1)).toEqual(groups.filter((g) => g.group_id !== 1));
  });
  it("'not subtracted' clears the semiconductor flag", () => {
    expect(overrideGroups(groups, { 1: 'not subtracted' }).find((g) => g.group_id === 1)!.semiconductor).toBe(false);
  });
  it('rejects unknown ids and categories', () => {
    expect(() => overrideGroups(groups, { 99: 'intermediate' })).toThrow(/group id/);
    expect(() => overrideGroups(groups, { 1: 'capital' as never })).toThrow(/unknown category/);
  });
});

describe('macroTable', () => {
  const baseline = macroTable({ dataSource: 'synthetic' }).rows;
  it('with the unchanged groups equals macroTable', () => {
    expect(macroTable({ groups: loadGroups() }).rows).toEqual(baseline);
  });
  it('moving Passive Components to intermediates shifts its value from one adjusted class to the other, year by year', () => {
    const moved = macroTable({ groups: overrideGroups(loadGroups(), { 1: 'intermediate' }) }).rows;
    moved.forEach((r, k) => {
      const b = baseline[k];
      const shift = b.semi_capital_usd - r.semi_capital_usd; // Passive Components' annual imports
      expect(shift).toBeGreaterThan(0);
      expect(r.semi_intermediate_usd - b.semi_intermediate_usd).toBeCloseTo(shift, 0);
      expect(r.capital_adjusted_usd - b.capital_adjusted_usd).toBeCloseTo(shift, 0);
      expect(r.both_adjusted_usd).toBeCloseTo(b.both_adjusted_usd, 0);
    });
  });
  it("'not subtracted' raises adjusted capital and leaves adjusted intermediates as they were", () => {
    const kept = macroTable({ groups: overrideGroups(loadGroups(), { 1: 'not subtracted' }) }).rows;
    kept.forEach((r, k) => {
      expect(r.capital_adjusted_pct).toBeGreaterThan(baseline[k].capital_adjusted_pct);
      expect(r.intermediate_adjusted_pct).toBeCloseTo(baseline[k].intermediate_adjusted_pct, 10);
    });
  });
  it('a semiconductor group moved to consumption goods is an error (no class to subtract from)', () => {
    expect(() => macroTable({ groups: overrideGroups(loadGroups(), { 1: 'consumption goods' }) })).toThrow(/no end-use class/);
  });
});
