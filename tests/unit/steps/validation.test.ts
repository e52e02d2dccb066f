/** Step 6's validation (lib/steps/validation.ts): the overlap of two batches (by code and by group) and the persistence of the partition across batches, hand-computed on toy batches and on the curated tables. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadCodes } from '../../../lib/io/data.js';
import {
  batchOverlap,
  overlapPerGroup,
  persistenceRows,
  persistenceSummary,
  type BatchCode,
} from '../../../lib/steps/validation.js';
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
      a: 1,
      b: 3,
      codesA: 3,
      codesB: 3,
      commonCodes: ['11111111', '33333333'],
      commonCodesSameGroup: 1,
      groupsA: [2, 3],
      groupsB: [2, 8, 16],
      commonGroups: [2],
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
    const row = fc.record({
      batch: fc.constantFrom<Batch>(1, 2),
      code: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      group_id: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        // make codes unique per batch (one group per code and batch)
        const seen = new Set<string>();
        const clean = rows.filter((r) =>
          seen.has(`${r.batch}|${r.code}`) ? false : (seen.add(`${r.batch}|${r.code}`), true),
        );
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

type P = {
  group_id: number;
  group: string;
  growth: 'high' | 'low';
  volatility: 'high' | 'medium' | 'low';
  pattern: Pattern;
};
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
      {
        group_id: 2,
        group: 'ICs',
        growth: 'high' as const,
        volatility: 'high' as const,
        pattern: 'stockpiling' as Pattern,
      }, // same pattern, other cell
      {
        group_id: 9,
        group: 'Fluid',
        growth: 'low' as const,
        volatility: 'low' as const,
        pattern: 'substitution' as Pattern,
      }, // changed
    ],
    listed: [2, 9, 16], // 16 listed but skipped (zero base)
  };
  // computed inside each test (not while the file loads), so a mutant fails a test rather than the file
  const persistence = () => persistenceRows(base, other);
  it('one row per reference group, with the right status', () => {
    const rows = persistence();
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
    expect(persistenceSummary(persistence())).toEqual([
      { batch: 2, listed: 3, computed: 2, skipped: 1, same_pattern: 1, pattern_changed: 1, same_cell: 0 },
    ]);
  });
  it('a group not in the reference is reported, not dropped', () => {
    const r = persistenceRows(base, {
      batch: 3,
      partition: [{ ...base[0], group_id: 17, group: 'Medicaments' }],
      listed: [17],
    });
    expect(r.find((x) => x.group_id === 17)?.status).toBe('not in reference');
    expect(persistenceSummary(r)[0]).toMatchObject({ listed: 1, computed: 1 });
  });
  it('identical partitions persist fully', () => {
    const r = persistenceRows(base, { batch: 3, partition: base, listed: base.map((b) => b.group_id) });
    expect(persistenceSummary(r)[0]).toEqual({
      batch: 3,
      listed: 4,
      computed: 4,
      skipped: 0,
      same_pattern: 4,
      pattern_changed: 0,
      same_cell: 4,
    });
  });
  it('rejects duplicates and partitioned groups that are not listed', () => {
    expect(() => persistenceRows([...base, base[0]], other)).toThrow(/duplicate/);
    expect(() => persistenceRows(base, { ...other, listed: [2] })).toThrow(/not in the listed groups/);
    expect(() => persistenceRows(base, { ...other, batch: 0 as Batch })).toThrow(/batch/);
  });
});

describe('batchOverlap / overlapPerGroup: orders and exact errors', () => {
  // batch 2 is listed first in neither code nor group order
  const unsorted: BatchCode[] = [
    { batch: 2, code: '99999999', group_id: 12 },
    { batch: 2, code: '22222222', group_id: 4 },
    { batch: 2, code: '55555555', group_id: 9 },
    { batch: 1, code: '99999999', group_id: 12 },
    { batch: 1, code: '22222222', group_id: 5 },
  ];
  it('batch 2 is a valid batch; common codes and group ids come sorted whatever the row order', () => {
    expect(batchOverlap(unsorted, 2, 1)).toEqual({
      a: 2,
      b: 1,
      codesA: 3,
      codesB: 2,
      commonCodes: ['22222222', '99999999'],
      commonCodesSameGroup: 1,
      groupsA: [4, 9, 12],
      groupsB: [5, 12],
      commonGroups: [12],
    });
    expect(batchOverlap(unsorted, 1, 2).groupsB).toEqual([4, 9, 12]);
  });
  it('overlapPerGroup: rows in group order whatever the row order', () => {
    expect(overlapPerGroup(unsorted, 2)).toEqual([
      { batch: 2, group_id: 4, codes: 1, shared: 1, only_here: 0 },
      { batch: 2, group_id: 9, codes: 1, shared: 0, only_here: 1 },
      { batch: 2, group_id: 12, codes: 1, shared: 1, only_here: 0 },
    ]);
  });
  it('the errors name the function, the bad value and the empty batch', () => {
    expect(() => batchOverlap(toy, 2, 1)).toThrow('batchOverlap: batch 2 has no codes (got 2)');
    expect(() => batchOverlap(toy, 1, 2)).toThrow('batchOverlap: batch 2 has no codes (got 2)');
    expect(() => overlapPerGroup(toy, 2)).toThrow('overlapPerGroup: batch 2 has no codes (got 2)');
    expect(() => batchOverlap([...toy, { batch: 1, code: '11111111', group_id: 5 }], 1, 3)).toThrow(
      'batchOverlap: code 11111111 has two groups in batch 1 (got [2, 5])',
    );
    expect(() => batchOverlap([...toy, { batch: 1, code: '', group_id: 5 }], 1, 3)).toThrow(
      'batchOverlap: a code must be a non-empty string (got "")',
    );
    expect(() => overlapPerGroup([...toy, { batch: 3, code: 85423111 as never, group_id: 2 }], 3)).toThrow(
      'overlapPerGroup: a code must be a non-empty string (got 85423111)',
    );
    expect(() => batchOverlap([...toy, { batch: 3, code: '12345678', group_id: 2.5 }], 1, 3)).toThrow(
      'batchOverlap: group_id of code 12345678 must be an integer (got 2.5)',
    );
  });
});

describe('persistenceRows: names, statuses and cells (hand-computed)', () => {
  const row = (
    group_id: number,
    group: string,
    growth: 'high' | 'low',
    volatility: P['volatility'],
    pattern: Pattern,
  ) => ({
    group_id,
    group,
    growth,
    volatility,
    pattern,
  });
  it('every reference or listed group once, in group order, named from the reference, the batch, the names or its id', () => {
    const ref = [
      row(9, 'Fluid', 'high', 'low', 'no effect'),
      row(2, 'ICs', 'high', 'medium', 'stockpiling'),
      row(16, 'Aviation', 'low', 'high', 'substitution'),
      row(7, 'Telecom', 'low', 'medium', 'substitution'),
    ];
    const rows = persistenceRows(ref, {
      batch: 2,
      partition: [
        row(17, 'Medicaments', 'low', 'low', 'substitution'),
        row(2, 'Integrated circuits', 'high', 'high', 'stockpiling'),
        row(9, 'Fluid', 'high', 'low', 'substitution'),
      ],
      listed: [17, 16, 12, 9, 5, 2],
      names: { 12: 'Twelve' },
    });
    expect(rows).toEqual([
      {
        batch: 2,
        group_id: 2,
        group: 'ICs',
        base_pattern: 'stockpiling',
        base_cell: 'high growth / medium volatility',
        pattern: 'stockpiling',
        cell: 'high growth / high volatility',
        status: 'same pattern',
        same_cell: false,
      },
      {
        batch: 2,
        group_id: 5,
        group: 'group 5',
        base_pattern: null,
        base_cell: null,
        pattern: null,
        cell: null,
        status: 'not in reference',
        same_cell: false,
      },
      {
        batch: 2,
        group_id: 7,
        group: 'Telecom',
        base_pattern: 'substitution',
        base_cell: 'low growth / medium volatility',
        pattern: null,
        cell: null,
        status: 'not listed',
        same_cell: false,
      },
      {
        batch: 2,
        group_id: 9,
        group: 'Fluid',
        base_pattern: 'no effect',
        base_cell: 'high growth / low volatility',
        pattern: 'substitution',
        cell: 'high growth / low volatility',
        status: 'pattern changed',
        same_cell: true,
      },
      {
        batch: 2,
        group_id: 12,
        group: 'Twelve',
        base_pattern: null,
        base_cell: null,
        pattern: null,
        cell: null,
        status: 'not in reference',
        same_cell: false,
      },
      {
        batch: 2,
        group_id: 16,
        group: 'Aviation',
        base_pattern: 'substitution',
        base_cell: 'low growth / high volatility',
        pattern: null,
        cell: null,
        status: 'skipped',
        same_cell: false,
      },
      {
        batch: 2,
        group_id: 17,
        group: 'Medicaments',
        base_pattern: null,
        base_cell: null,
        pattern: 'substitution',
        cell: 'low growth / low volatility',
        status: 'not in reference',
        same_cell: false,
      },
    ]);
  });
  it('without names, a group listed only by id is named "group <id>"', () => {
    const rows = persistenceRows([row(2, 'ICs', 'high', 'medium', 'stockpiling')], {
      batch: 3,
      partition: [],
      listed: [4],
    });
    expect(rows.map((r) => [r.group_id, r.group, r.status])).toEqual([
      [2, 'ICs', 'not listed'],
      [4, 'group 4', 'not in reference'],
    ]);
  });
  it('the errors name the function, the duplicated table and the group', () => {
    const ics = row(2, 'ICs', 'high', 'medium', 'stockpiling');
    expect(() => persistenceRows([ics, ics], { batch: 2, partition: [], listed: [] })).toThrow(
      'persistenceRows: duplicate group_id in the reference partition (got 2)',
    );
    expect(() => persistenceRows([ics], { batch: 3, partition: [ics, ics], listed: [2] })).toThrow(
      "persistenceRows: duplicate group_id in batch 3's partition (got 2)",
    );
    expect(() => persistenceRows([ics], { batch: 3, partition: [ics], listed: [] })).toThrow(
      'persistenceRows: group 2 is partitioned but not in the listed groups of batch 3 (got 2)',
    );
  });
  it('persistenceSummary: one summary per batch, ascending', () => {
    const s = persistenceSummary([
      { batch: 3, status: 'pattern changed', same_cell: true, pattern: 'substitution' },
      { batch: 2, status: 'skipped', same_cell: false, pattern: null },
      { batch: 3, status: 'same pattern', same_cell: false, pattern: 'no effect' },
    ]);
    expect(s).toEqual([
      { batch: 2, listed: 1, computed: 0, skipped: 1, same_pattern: 0, pattern_changed: 0, same_cell: 0 },
      { batch: 3, listed: 2, computed: 2, skipped: 0, same_pattern: 1, pattern_changed: 1, same_cell: 1 },
    ]);
  });
});
