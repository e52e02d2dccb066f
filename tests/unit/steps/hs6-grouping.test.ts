/** The grouping step at HS6 (UN Comtrade data): parents, shared parents, added lines, the HS6 group panel. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeGroupMap, loadCodes, type CodeRow } from '../../../lib/io/data.js';
import { referenceDir } from '../../../lib/io/paths.js';
import { hasCodeLists } from '../../../lib/io/reference.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { groupPanel, hs8SharesPanel } from '../../../lib/steps/grouping.js';
import { tempDir } from '../../helpers/temp.js';
import {
  hs6Additions,
  hs6Allocation,
  hs6Families,
  hs8ValueShares,
  hs6GroupInput,
  hs6GroupMap,
  hs6Parents,
  studyHs6Codes,
} from '../../../lib/steps/hs6-grouping.js';
import type { Panel } from '../../../lib/core/types.js';
import { loadGroups } from '../../../lib/io/data.js';
import { loadPublished } from '../../../lib/io/published.js';
import { comparePartition, partitionGroups } from '../../../lib/steps/partition.js';
import { aggregatePanel } from '../../../lib/core/codes.js';
import { loadPanel } from '../../../lib/io/panel.js';
import { runStudy } from '../../../lib/study.js';

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

  it('hs6GroupInput with shares (here by count) splits a shared parent; the group panel sums to the parent once', () => {
    const panel: Panel = {
      source: { kind: 'imported', label: 'test', files: [], period: ['2015-01', '2015-01'] },
      months: ['2015-01'],
      codes: ['848640', '854231'],
      values: [Float64Array.from([100]), Float64Array.from([7])],
    };
    const rows = [row('84864010', 6), row('84864031', 8), row('84864032', 8), row('85423110', 2)];
    const x = hs6GroupInput(panel, 1, rows, { shares: hs6Allocation(1, rows) });
    expect(x.panel.codes).toEqual(['848640:6', '848640:8', '854231']);
    const got = x.panel.values.map((v) => v[0]);
    [100 / 3, 200 / 3, 7].forEach((want, k) => expect(got[k]).toBeCloseTo(want, 12));
    expect([...x.groupOf]).toEqual([
      ['848640:6', 6],
      ['848640:8', 8],
      ['854231', 2],
    ]);
    const gp = groupPanel(panel, 1, undefined, { hs8: null });
    const total = gp.values.reduce((t, v) => t + v[0], 0);
    const alloc = hs6Allocation(1);
    const expected = panel.codes.reduce((t, c, k) => t + (alloc.has(c) ? panel.values[k][0] : 0), 0);
    expect(total).toBeCloseTo(expected, 9);
  });
});

describe('shared HS6 headings: a joint group, or HS8 value shares', () => {
  const months = ['2015-01', '2015-02'];
  const src = (label: string) => ({
    kind: 'imported' as const,
    label,
    files: [],
    period: ['2015-01', '2015-02'] as [string, string],
  });
  // HS6 data: 848640 (groups 6 and 8 share it) 100 and 50; 848690 (group 8 only) 10 and 10; ICs 854231 7 and 7
  const hs6: Panel = {
    source: src('HS6 (test)'),
    months,
    codes: ['848640', '848690', '854231'],
    values: [Float64Array.from([100, 50]), Float64Array.from([10, 10]), Float64Array.from([7, 7])],
  };
  it('the family of batch 1: groups 3, 6, 8 and 11, named, with every parent of theirs and the reason', () => {
    const [f] = hs6Families(1);
    expect(f.groups).toEqual([3, 6, 8, 11]);
    expect(f.group_id).toBe(103);
    expect(f.name).toBe('3+6+8+11 (one HS6 heading family)');
    expect(f.hs6).toEqual(expect.arrayContaining(['848610', '848620', '848630', '848640', '848690']));
    expect(f.reason).toMatch(/share the headings 848610, 848620, 848630, 848640/);
    expect(hs6Families(2)).toEqual([]);
  });
  it('without HS8 data: one joint group in the group panel, the partition and the comparison (members not comparable)', () => {
    const gp = groupPanel(hs6, 1, loadGroups(), { hs8: null });
    expect(gp.hs6!.treatment).toBe('joint');
    expect(gp.hs6!.note).toMatch(/^3\+6\+8\+11 \(one HS6 heading family\): at HS6/);
    const joint = gp.groups.find((g) => g.group_id === 103)!;
    expect(joint.group).toBe('3+6+8+11 (one HS6 heading family)');
    expect(joint.members).toEqual([3, 6, 8, 11]);
    expect(gp.groups.map((g) => g.group_id)).toEqual([2, 103]);
    // the joint series is the whole of 848640 and 848690: 110 and 60 (hand)
    const k = gp.codes.indexOf(joint.group);
    expect(Array.from(gp.values[k])).toEqual([110, 60]);
    const part = partitionGroups(
      [
        { group_id: 2, G: 1.2, V: 0.1 },
        { group_id: 103, G: 1.2, V: 0.1 },
      ],
      gp.groups,
    );
    expect(part[1].members).toEqual([3, 6, 8, 11]);
    const cmp = comparePartition(part, loadPublished().partition);
    expect(cmp.pattern.of).toBe(13); // 17 published groups, 4 inside the joint group
    expect(cmp.pattern.notComparable!.map((x) => x.group_id)).toEqual([3, 6, 8, 11]);
    expect(cmp.pattern.disagreements.map((d) => d.group_id)).not.toContain(6);
  });
  it('with HS8 data covering the period: each shared parent split by the HS8 value shares (hand: 30 / (30 + 90) = 0.25)', () => {
    const hs8: Panel = {
      source: src('customs HS8 (test)'),
      months,
      codes: ['84864010', '84864031', '84869091'],
      values: [Float64Array.from([10, 20]), Float64Array.from([40, 50]), Float64Array.from([1, 1])],
    };
    const shares = hs8ValueShares(hs8, 1, months);
    expect(shares.get('848640')).toEqual([
      { group_id: 6, share: 0.25 },
      { group_id: 8, share: 0.75 },
    ]);
    const gp = groupPanel(hs6, 1, loadGroups(), { hs8 });
    expect(gp.hs6!.treatment).toBe('hs8-value-shares');
    expect(gp.groups.some((g) => g.group_id === 103)).toBe(false);
    const series = (id: number) =>
      Array.from(gp.values[gp.codes.indexOf(gp.groups.find((g) => g.group_id === id)!.group)]);
    expect(series(6)).toEqual([25, 12.5]); // 848640 × 0.25
    expect(series(8)).toEqual([85, 47.5]); // 848640 × 0.75 + 848690
    // HS8 data that do not cover the period: the joint group, and the note says why
    const short = { ...hs8, months: ['2015-01'], values: hs8.values.map((v) => v.slice(0, 1)) };
    const j = groupPanel(hs6, 1, loadGroups(), { hs8: short });
    expect(j.hs6!.treatment).toBe('joint');
    expect(j.hs6!.note).toMatch(/the HS8 data, 2015-01–2015-01, do not cover the period/);
    // HS8 data with nothing under a shared parent of the HS6 data give it no shares: the joint group, and why
    const empty = { ...hs8, values: hs8.values.map((v) => v.map(() => 0)) };
    expect(hs8ValueShares(empty, 1, months).size).toBe(0);
    const e = groupPanel(hs6, 1, loadGroups(), { hs8: empty });
    expect(e.hs6!.treatment).toBe('joint');
    expect(e.hs6!.note).toMatch(/hold nothing under 848640/);
  });
});

describe('the HS8 data the HS6 grouping finds by itself: <imported folder>/hs8/panel.csv', () => {
  it('absent: null; present and covering the period: its value shares split the shared headings', () => {
    const dir = tempDir('hs8-');
    expect(hs8SharesPanel(dir)).toBeNull();
    fs.mkdirSync(path.join(dir, 'hs8'));
    fs.writeFileSync(
      path.join(dir, 'hs8', 'panel.csv'),
      'code,level,month,value_usd\n84864010,HS8,2015-01,10\n84864031,HS8,2015-01,30\n',
    );
    const hs8 = hs8SharesPanel(dir)!;
    expect(hs8.codes).toEqual(['84864010', '84864031']);
    const hs6: Panel = {
      source: { kind: 'imported', label: 'HS6 (test)', files: [], period: ['2015-01', '2015-01'] },
      months: ['2015-01'],
      codes: ['848640'],
      values: [Float64Array.from([100])],
    };
    const gp = groupPanel(hs6, 1, loadGroups(), { hs8 });
    expect(gp.hs6!.treatment).toBe('hs8-value-shares');
    const v = (id: number) => gp.values[gp.codes.indexOf(gp.groups.find((g) => g.group_id === id)!.group)][0];
    expect([v(6), v(8)]).toEqual([25, 75]); // 100 × 10/40 and 100 × 30/40
  });
});

describe('the study on HS6 data (the SYNTHETIC panel summed to HS6, no HS8 data)', () => {
  it('partition and comparison hold one joint group, and the source note says why', () => {
    const p = loadPanel({ source: 'synthetic' });
    const h = aggregatePanel(p, Object.fromEntries(p.codes.map((c) => [c, c.slice(0, 6)])));
    const hs6: Panel = { source: p.source, months: h.months, codes: h.codes, values: h.values };
    const run = runStudy({ panel: hs6 });
    expect(run.partition.map((r) => r.group_id)).toEqual([1, 2, 103, 4, 5, 7, 9, 10, 12, 13, 14, 15, 16, 17]);
    expect(run.partition.find((r) => r.group_id === 103)!.group).toBe('3+6+8+11 (one HS6 heading family)');
    expect(run.comparison!.pattern.of).toBe(13);
    expect(run.comparison!.pattern.notComparable!.map((x) => x.group_id)).toEqual([3, 6, 8, 11]);
    expect(run.sourceNote).toMatch(/HS6 grouping: 3\+6\+8\+11 \(one HS6 heading family\): at HS6 the curated lines/);
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
