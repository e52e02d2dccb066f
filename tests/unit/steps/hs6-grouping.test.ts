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
  jointGroupRows,
  studyHs6Codes,
  type Hs6Family,
} from '../../../lib/steps/hs6-grouping.js';
import type { Panel } from '../../../lib/core/types.js';
import { loadGroups, type GroupRow } from '../../../lib/io/data.js';
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

describe('hs6Parents: a code of exactly 8 digits', () => {
  it('rejects a longer code or one with a prefix, with the exact message', () => {
    expect(() => hs6Parents([row('854231100', 2)], 1)).toThrow(
      'hs6Parents: curated code must have 8 digits (got "854231100")',
    );
    expect(() => hs6Parents([row('x85423110', 2)], 1)).toThrow(
      'hs6Parents: curated code must have 8 digits (got "x85423110")',
    );
  });
});

describe('hs6Families on hand-made codes: several families, each with its own headings', () => {
  // 1+2 share 222222; 5+7 share 111111 (5 also has 333333 alone); 10+11 share 555555 and 11+12 share 666666; 9 alone
  const codes = [
    row('11111110', 5),
    row('11111120', 7),
    row('22222210', 1),
    row('22222220', 2),
    row('33333310', 5),
    row('44444410', 9),
    row('55555510', 10),
    row('55555520', 11),
    row('66666610', 11),
    row('66666620', 12),
    row('11111130', 9, 2),
  ];
  const reason = (groups: string, headings: string) =>
    `at HS6 the curated lines of groups ${groups} share the headings ${headings}: their imports cannot be told apart without HS8 data, so they are one group`;
  it('one family per linked set of groups (also through a third group), ordered by joint id', () => {
    expect(hs6Families(1, codes)).toEqual([
      {
        groups: [1, 2],
        hs6: ['222222'],
        group_id: 101,
        name: '1+2 (one HS6 heading family)',
        reason: reason('1, 2', '222222'),
      },
      {
        groups: [5, 7],
        hs6: ['111111', '333333'],
        group_id: 105,
        name: '5+7 (one HS6 heading family)',
        reason: reason('5, 7', '111111'),
      },
      {
        groups: [10, 11, 12],
        hs6: ['555555', '666666'],
        group_id: 110,
        name: '10+11+12 (one HS6 heading family)',
        reason: reason('10, 11, 12', '555555, 666666'),
      },
    ]);
  });
});

describe('jointGroupRows on hand-made groups', () => {
  const g = (group_id: number, source: string, p: Partial<GroupRow> = {}): GroupRow => ({
    group_id,
    group: `G${group_id}`,
    matrixLabel: `g${group_id}`,
    category: 'intermediate',
    semiconductor: true,
    source,
    note: `n${group_id}`,
    ...p,
  });
  const family: Hs6Family = { groups: [1, 2, 3], hs6: ['111111'], group_id: 101, name: 'N', reason: 'R' };
  it("the family's groups become one row where its first group was; its sources listed once each", () => {
    expect(
      jointGroupRows([g(1, 'A'), g(2, 'B'), g(4, 'C', { category: 'capital goods' }), g(3, 'A')], [family]),
    ).toEqual([
      { ...g(1, 'A'), group_id: 101, group: 'N', matrixLabel: 'N', note: 'R', source: 'A; B', members: [1, 2, 3] },
      g(4, 'C', { category: 'capital goods' }),
    ]);
  });
  it('groups of a family that differ in category or semiconductor flag: the exact message', () => {
    expect(() => jointGroupRows([g(1, 'A'), g(2, 'B'), g(3, 'A', { category: 'capital goods' })], [family])).toThrow(
      'jointGroupRows: the groups 1+2+3 differ in category: at HS6 they are one series (got "category")',
    );
    expect(() => jointGroupRows([g(1, 'A'), g(2, 'B', { semiconductor: false }), g(3, 'A')], [family])).toThrow(
      'jointGroupRows: the groups 1+2+3 differ in semiconductor: at HS6 they are one series (got "semiconductor")',
    );
  });
});

describe('hs8ValueShares and hs6GroupInput on hand-made codes', () => {
  // 848640: group 6 (84864010) and group 8 (84864031) share it; 854231: group 2 alone; a batch-2 row of 84864031
  const codes = [row('84864010', 6), row('84864031', 8), row('85423110', 2), row('84864031', 8, 2)];
  const hs8: Panel = {
    source: { kind: 'imported', label: 'HS8 (test)', files: [], period: ['2015-01', '2015-02'] },
    months: ['2015-01', '2015-02'],
    codes: ['84864010', '84864031', '85423110'],
    values: [Float64Array.from([10, 100]), Float64Array.from([30, 100]), Float64Array.from([5, 5])],
  };
  it("shares only of the shared parents, over the months given, from the batch's rows only", () => {
    const jan = hs8ValueShares(hs8, 1, ['2015-01'], codes);
    expect([...jan]).toEqual([
      [
        '848640',
        [
          { group_id: 6, share: 0.25 },
          { group_id: 8, share: 0.75 },
        ],
      ],
    ]);
    expect(hs8ValueShares(hs8, 1, undefined, codes).get('848640')).toEqual([
      { group_id: 6, share: 110 / 240 },
      { group_id: 8, share: 130 / 240 },
    ]);
  });
  // an HS6 panel (codes ascending, as every Panel's): 848620 shared by groups 6, 8 and 11 (hand-made rows)
  const rows620 = [row('84862010', 6), row('84862020', 8), row('84862030', 11), row('85423110', 2)];
  const panel: Panel = {
    source: { kind: 'imported', label: 'HS6 (test)', files: [], period: ['2015-01', '2015-01'] },
    months: ['2015-01'],
    codes: ['848620', '854231', '999999'],
    values: [Float64Array.from([100]), Float64Array.from([7]), Float64Array.from([1])],
  };
  it('split series keyed <hs6>:<group>, ascending as text (group 11 before 6), the codes of no parent left out', () => {
    const shares = new Map([
      [
        '848620',
        [
          { group_id: 6, share: 0.5 },
          { group_id: 8, share: 0.25 },
          { group_id: 11, share: 0.25 },
        ],
      ],
    ]);
    const x = hs6GroupInput(panel, 1, rows620, { shares });
    expect(x.panel.codes).toEqual(['848620:11', '848620:6', '848620:8', '854231']);
    expect(x.panel.values.map((v) => v[0])).toEqual([25, 50, 25, 7]);
    expect([...x.groupOf.values()]).toEqual([11, 6, 8, 2]);
    const j = hs6GroupInput(panel, 1, rows620);
    expect([...j.groupOf]).toEqual([
      ['848620', 106],
      ['854231', 2],
    ]);
  });
  it('a shared parent without shares: the exact message', () => {
    expect(() => hs6GroupInput(panel, 1, rows620, { shares: new Map() })).toThrow(
      'hs6GroupInput: no shares for the shared HS6 parent 848620 (got "848620")',
    );
  });
  it('studyHs6Codes: each parent once, ascending', () => {
    expect(studyHs6Codes([{ code: '85423190' }, { code: '84864010' }, { code: '85423110' }])).toEqual([
      '848640',
      '854231',
    ]);
  });
});

describe('hs6Additions on a hand-made reference folder (zh 2015 and 2016)', () => {
  // 848640 curated: 84864010; the lists add 84864090 (2015), 84864030 (2015, renamed 2016), 84864050 (2016, #N/A)
  const dir = tempDir('hs6-additions-ref-');
  fs.mkdirSync(path.join(dir, 'china-customs'));
  fs.writeFileSync(
    path.join(dir, 'china-customs', 'hs8-zh-2015.csv'),
    '商品编码,商品名称,年份\n84864090,丙,2015\n84864010,甲,2015\n84864030,乙,2015\n85000000,无关,2015\n',
  );
  fs.writeFileSync(
    path.join(dir, 'china-customs', 'hs8-zh-2016.csv'),
    '商品编码,商品名称,年份\n84864030,乙二,2016\n84864050,#N/A,2016\n',
  );
  it('the lines a parent adds, ascending, with their latest description ("" when missing)', () => {
    const [a] = hs6Additions(1, dir, [row('84864010', 6)]);
    expect([a.hs6, a.curated, a.added, a.addedDescriptions]).toEqual([
      '848640',
      ['84864010'],
      ['84864030', '84864050', '84864090'],
      ['乙二', '', '丙'],
    ]);
  });
  it('no reference folder: the exact message', () => {
    expect(() => hs6Additions(1, '', [row('84864010', 6)])).toThrow(
      'hs6Additions: the reference code lists are needed (STUDY_REFERENCE_DIR or data/reference) (got "")',
    );
  });
});
