/** The grouping step at HS6 (UN Comtrade data): parents, shared parents, added lines, the HS6 group panel. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeGroupMap, loadCodes, type CodeRow } from '../../../lib/io/data.js';
import { referenceDir } from '../../../lib/io/paths.js';
import { hasCodeLists } from '../../../lib/io/reference.js';
import { groupPanel } from '../../../lib/steps/grouping.js';
import {
  hs6Additions,
  hs6Allocation,
  hs6GroupInput,
  hs6GroupMap,
  hs6Parents,
  studyHs6Codes,
} from '../../../lib/steps/hs6-grouping.js';
import type { Panel } from '../../../lib/core/types.js';

const row = (code: string, group_id: number, batch: 1 | 2 | 3 = 1) => ({ batch, code, group_id }) as CodeRow;

describe('hs6Parents', () => {
  it('hand example: one parent per HS6, a parent shared by two groups goes to the group with more lines, flagged', () => {
    const p = hs6Parents(
      [row('85423110', 2), row('85423190', 2), row('85423120', 3), row('85423200', 3), row('84862031', 6, 2)],
      1,
    );
    expect(p).toEqual([
      {
        hs6: '854231',
        group_id: 2,
        groups: [2, 3],
        shared: true,
        curated: ['85423110', '85423120', '85423190'],
        shares: [
          { group_id: 2, share: 2 / 3 },
          { group_id: 3, share: 1 / 3 },
        ],
      },
      {
        hs6: '854232',
        group_id: 3,
        groups: [3],
        shared: false,
        curated: ['85423200'],
        shares: [{ group_id: 3, share: 1 }],
      },
    ]);
    // tie → lowest group id
    expect(hs6Parents([row('85423110', 5), row('85423120', 3)], 1)[0].group_id).toBe(3);
    expect(() => hs6Parents([row('8542311', 2)], 1)).toThrow(
      /hs6Parents: curated code must have 8 digits \(got "8542311"\)/,
    );
  });

  it('property: every curated code is under exactly one parent; the parent group is one of the groups with the most lines', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 10000000, max: 10009999 }).map(String), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 60, maxLength: 60 }),
        (codes, gs) => {
          const rows = codes.map((c, k) => row(c, gs[k]));
          const p = hs6Parents(rows, 1);
          expect(p.flatMap((x) => x.curated).sort()).toEqual([...codes].sort());
          for (const x of p) {
            const counts = x.groups.map((g) => rows.filter((r) => r.code.startsWith(x.hs6) && r.group_id === g).length);
            expect(counts[x.groups.indexOf(x.group_id)]).toBe(Math.max(...counts));
            expect(x.shared).toBe(x.groups.length > 1);
            expect(x.shares.reduce((t, a) => t + a.share, 0)).toBeCloseTo(1, 12);
            expect(x.shares.map((a) => a.group_id)).toEqual(x.groups);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('the curated tables: 97 study HS6 codes over all batches; batch 1 map agrees with the HS8 map for unshared parents', () => {
    const all = studyHs6Codes();
    expect(all.length).toBe(new Set(loadCodes().map((r) => r.code.slice(0, 6))).size);
    const m6 = hs6GroupMap(1);
    const m8 = codeGroupMap(1);
    for (const p of hs6Parents(loadCodes({ batch: 1 }), 1)) {
      expect(m6.get(p.hs6)).toBe(p.group_id);
      if (!p.shared) for (const c of p.curated) expect(m8.get(c)).toBe(p.group_id);
    }
  });
});

describe('groupPanel on an HS6 panel', () => {
  it('sums each HS6 parent into its group (hand example)', () => {
    const m = hs6GroupMap(1);
    const [a, b] = [...m.entries()].filter(([, g]) => g === 2).slice(0, 2);
    const panel: Panel = {
      source: { kind: 'imported', label: 'test', files: [], period: ['2015-01', '2015-02'] },
      months: ['2015-01', '2015-02'],
      codes: [a[0], b[0], '999999'].sort(),
      values: [a[0], b[0], '999999']
        .sort()
        .map((c) => Float64Array.from(c === '999999' ? [100, 100] : c === a[0] ? [1, 2] : [10, 20])),
    };
    const gp = groupPanel(panel, 1);
    const k = gp.codes.indexOf('Integrated Circuits (ICs)');
    expect(Array.from(gp.values[k])).toEqual([11, 22]);
  });
});

describe('shared parents on the curated tables', () => {
  it('the semiconductor-equipment heading 8486 is shared by groups 3, 6, 8 and 11 in batch 1; every group keeps a series', () => {
    const p = hs6Parents(loadCodes({ batch: 1 }), 1);
    expect(p.filter((x) => x.shared).map((x) => [x.hs6, x.groups])).toEqual([
      ['848610', [3, 11]],
      ['848620', [6, 8, 11]],
      ['848630', [6, 8, 11]],
      ['848640', [6, 8]],
    ]);
  });

  it('hs6GroupInput splits a shared parent by shares; the group panel sums to the parent once', () => {
    const panel: Panel = {
      source: { kind: 'imported', label: 'test', files: [], period: ['2015-01', '2015-01'] },
      months: ['2015-01'],
      codes: ['848640', '854231'],
      values: [Float64Array.from([100]), Float64Array.from([7])],
    };
    const rows = [row('84864010', 6), row('84864031', 8), row('84864032', 8), row('85423110', 2)];
    const x = hs6GroupInput(panel, 1, rows);
    expect(x.panel.codes).toEqual(['848640:6', '848640:8', '854231']);
    const got = x.panel.values.map((v) => v[0]);
    [100 / 3, 200 / 3, 7].forEach((want, k) => expect(got[k]).toBeCloseTo(want, 12));
    expect([...x.groupOf]).toEqual([
      ['848640:6', 6],
      ['848640:8', 8],
      ['854231', 2],
    ]);
    const gp = groupPanel(panel, 1);
    const total = gp.values.reduce((t, v) => t + v[0], 0);
    const alloc = hs6Allocation(1);
    const expected = panel.codes.reduce((t, c, k) => t + (alloc.has(c) ? panel.values[k][0] : 0), 0);
    expect(total).toBeCloseTo(expected, 9);
  });
});

describe.skipIf(!hasCodeLists())('hs6Additions (reference code lists)', () => {
  if (!referenceDir()) console.warn('hs6Additions tests skipped: no reference code lists (STUDY_REFERENCE_DIR)');
  it('lists the HS8 lines a parent adds, never a curated one', () => {
    const adds = hs6Additions(1);
    const cur = new Set(loadCodes({ batch: 1 }).map((r) => r.code));
    expect(adds.length).toBe(hs6Parents(loadCodes({ batch: 1 }), 1).length);
    for (const a of adds) {
      for (const c of a.added) {
        expect(c.startsWith(a.hs6)).toBe(true);
        expect(cur.has(c)).toBe(false);
      }
      expect(a.addedDescriptions.length).toBe(a.added.length);
    }
    expect(adds.some((a) => a.added.length > 0)).toBe(true);
  });
});
