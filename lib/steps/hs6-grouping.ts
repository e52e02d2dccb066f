/**
 * The grouping step at HS6, for data that come by HS 6-digit code (UN Comtrade): each
 * curated HS8 code's HS6 parent stands for its group. An HS6 parent is broader than the
 * paper's HS8 lines — it adds every other national line under it — and one parent can hold
 * curated lines of two groups (at HS6 the semiconductor-equipment heading 8486 cannot be told
 * apart: groups 3, 6, 8 and 11 share 848610–848640). This module says which lines each parent
 * adds and flags the shared parents. Groups linked by shared parents form a family
 * ({@link hs6Families}); at HS6 a family is one series. The grouping step reports it as one joint
 * group ("3+6+8+11 (one HS6 heading family)"), unless the user has HS8 data covering the period,
 * whose value shares then split each shared parent ({@link hs8ValueShares}). A split by the count
 * of curated lines ({@link hs6Allocation}) would make the family's groups fixed mixtures of the
 * same series — nearly identical V and G, saying nothing about each group; it stays only where a
 * sum over the family is all that counts (the macro step's semiconductor sums).
 *
 * HS revisions inside the window (HS2012 → HS2017 → HS2022) need no extra table here: the
 * curated codes already hold each group's predecessor and successor lines (code-bridges.csv),
 * so the HS6 parents of both sides belong to the same group and the group series stays
 * continuous, as at HS8.
 *
 * @module steps/hs6-grouping
 */
import { fail } from '../core/errors.js';
import { loadCodes, type CodeRow } from '../io/data.js';
import { codeListIndex, codeListYears } from '../io/reference.js';
import { referenceDir } from '../io/paths.js';
import type { Batch, Panel } from '../core/types.js';
import type { GroupRow } from '../io/data.js';

/** One HS6 parent of a batch's curated codes. */
export interface Hs6Parent {
  hs6: string;
  /** The group the parent's imports are counted in. */
  group_id: number;
  /** Every group with a curated line under this parent (ascending). */
  groups: number[];
  /** True when curated lines of two or more groups share the parent. */
  shared: boolean;
  /** The batch's curated HS8 codes under the parent. */
  curated: string[];
  /** Share of the parent's imports allocated to each group (curated lines of the group / curated lines under the parent). */
  shares: { group_id: number; share: number }[];
}

/**
 * The HS6 parents of a batch's curated codes, ascending. A parent shared by several groups
 * is counted in the group with most curated lines under it (ties: the lowest group id).
 * @example hs6Parents([{ batch: 1, code: '85423110', group_id: 2 }, { batch: 1, code: '85423190', group_id: 2 }, { batch: 1, code: '85423200', group_id: 3 }] as CodeRow[], 1);
 * // => [{ hs6: '854231', group_id: 2, groups: [2], shared: false, curated: ['85423110', '85423190'], shares: [{ group_id: 2, share: 1 }] },
 * //     { hs6: '854232', group_id: 3, groups: [3], shared: false, curated: ['85423200'], shares: [{ group_id: 3, share: 1 }] }]
 */
export function hs6Parents(codes: Pick<CodeRow, 'batch' | 'code' | 'group_id'>[], batch: Batch): Hs6Parent[] {
  const by = new Map<string, Map<number, Set<string>>>();
  for (const r of codes) {
    if (r.batch !== batch) continue;
    if (!/^\d{8}$/.test(r.code)) fail('hs6Parents', 'curated code must have 8 digits', r.code);
    const hs6 = r.code.slice(0, 6);
    const g = by.get(hs6) ?? new Map<number, Set<string>>();
    const s = g.get(r.group_id) ?? new Set<string>();
    s.add(r.code);
    g.set(r.group_id, s);
    by.set(hs6, g);
  }
  return [...by.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([hs6, g]) => {
      const groups = [...g.keys()].sort((a, b) => a - b);
      const group_id = groups.reduce((best, id) => (g.get(id)!.size > g.get(best)!.size ? id : best), groups[0]);
      const curated = [...new Set(groups.flatMap((id) => [...g.get(id)!]))].sort();
      const n = groups.reduce((t, id) => t + g.get(id)!.size, 0);
      const shares = groups.map((id) => ({ group_id: id, share: g.get(id)!.size / n }));
      return { hs6, group_id, groups, shared: groups.length > 1, curated, shares };
    });
}

/**
 * HS6 code → the group with most curated lines under it, for one batch (shared parents: see {@link hs6Allocation}).
 * @example hs6GroupMap(1).get('848620'); // => 8 (shared by groups 6, 8 and 11; 8 has 5 of its 9 curated lines)
 */
export function hs6GroupMap(
  batch: Batch,
  codes: Pick<CodeRow, 'batch' | 'code' | 'group_id'>[] = loadCodes({ batch }),
): Map<string, number> {
  return new Map(hs6Parents(codes, batch).map((p) => [p.hs6, p.group_id] as const));
}

/**
 * HS6 code → the groups its imports are allocated to, with shares summing to 1 (one batch): a
 * shared parent by the count of curated lines. Right for a sum over a family (the macro step's
 * semiconductor sums); for the groups one by one see {@link hs6GroupInput}.
 * @example hs6Allocation(1).get('848640'); // => [{ group_id: 6, share: 0.5 }, { group_id: 8, share: 0.5 }]
 */
export function hs6Allocation(
  batch: Batch,
  codes: Pick<CodeRow, 'batch' | 'code' | 'group_id'>[] = loadCodes({ batch }),
): Map<string, { group_id: number; share: number }[]> {
  return new Map(hs6Parents(codes, batch).map((p) => [p.hs6, p.shares] as const));
}

/** Groups whose curated lines share HS6 parents, directly or through another group: one series at HS6. */
export interface Hs6Family {
  /** The groups, ascending. */
  groups: number[];
  /** Every HS6 parent of these groups (shared or not), ascending. */
  hs6: string[];
  /** The joint group's id: {@link JOINT_GROUP_OFFSET} + the lowest group id. */
  group_id: number;
  /** e.g. '3+6+8+11 (one HS6 heading family)'. */
  name: string;
  /** Why the groups are joined, for notes and captions. */
  reason: string;
}

/** A joint group's id is this plus its lowest group id (no Table-1 group has an id this large). */
export const JOINT_GROUP_OFFSET = 100;

/**
 * The families of groups linked by shared HS6 parents, for one batch.
 * @example hs6Families(1).map((f) => f.name); // => ['3+6+8+11 (one HS6 heading family)']
 */
export function hs6Families(
  batch: Batch,
  codes: Pick<CodeRow, 'batch' | 'code' | 'group_id'>[] = loadCodes({ batch }),
): Hs6Family[] {
  const parents = hs6Parents(codes, batch);
  const root = new Map<number, number>();
  const find = (g: number): number => {
    while (root.get(g) !== g) g = root.get(g)!;
    return g;
  };
  for (const p of parents) for (const g of p.groups) if (!root.has(g)) root.set(g, g);
  for (const p of parents.filter((x) => x.shared))
    for (const g of p.groups.slice(1)) root.set(find(g), find(p.groups[0]));
  const fams = new Map<number, Set<number>>();
  for (const p of parents.filter((x) => x.shared))
    for (const g of p.groups) fams.set(find(g), (fams.get(find(g)) ?? new Set()).add(g));
  return [...fams.values()]
    .map((set) => {
      const groups = [...set].sort((a, b) => a - b);
      const hs6 = parents.filter((p) => p.groups.some((g) => set.has(g))).map((p) => p.hs6);
      const shared = parents.filter((p) => p.shared && p.groups.some((g) => set.has(g))).map((p) => p.hs6);
      return {
        groups,
        hs6,
        group_id: JOINT_GROUP_OFFSET + groups[0],
        name: `${groups.join('+')} (one HS6 heading family)`,
        reason: `at HS6 the curated lines of groups ${groups.join(', ')} share the headings ${shared.join(', ')}: their imports cannot be told apart without HS8 data, so they are one group`,
      };
    })
    .sort((a, b) => a.group_id - b.group_id);
}

/**
 * The group table with each family's groups replaced by one joint group (placed where its first
 * group was): the family's category and semiconductor flag when its groups agree, `members` listing them.
 * @throws {StudyError} when a family's groups differ in category or semiconductor flag (no one class for the joint series)
 * @example jointGroupRows(loadGroups(), hs6Families(1)).map((g) => g.group_id).slice(0, 4); // => [1, 2, 103, 4]
 */
export function jointGroupRows<T extends GroupRow>(groups: T[], families: Hs6Family[]): (T & { members?: number[] })[] {
  const out: (T & { members?: number[] })[] = [];
  for (const g of groups) {
    const f = families.find((x) => x.groups.includes(g.group_id));
    if (!f) {
      out.push(g);
      continue;
    }
    if (g.group_id !== f.groups[0]) continue;
    const rows = groups.filter((x) => f.groups.includes(x.group_id));
    for (const k of ['category', 'semiconductor'] as const)
      if (new Set(rows.map((x) => x[k])).size > 1)
        fail('jointGroupRows', `the groups ${f.groups.join('+')} differ in ${k}: at HS6 they are one series`, k);
    out.push({
      ...g,
      group_id: f.group_id,
      group: f.name,
      matrixLabel: f.name,
      note: f.reason,
      source: rows
        .map((x) => x.source)
        .filter((v, i, a) => a.indexOf(v) === i)
        .join('; '),
      members: f.groups,
    });
  }
  return out;
}

/**
 * Value shares of each shared HS6 parent from HS8 data (e.g. a China Customs import): each group's
 * curated lines under the parent summed over the months given (default: all), over the parent's
 * curated lines. Missing months count as nothing; a parent whose curated lines hold nothing in those
 * months gets no shares (the grouping step then keeps the joint group).
 * @example hs8ValueShares(panel, 1).get('848640'); // => [{ group_id: 6, share: 0.4384… }, { group_id: 8, share: 0.5615… }] (SYNTHETIC: 84864010 and 84864031 over the whole period)
 */
export function hs8ValueShares(
  hs8: Panel,
  batch: Batch,
  months?: string[],
  codes: Pick<CodeRow, 'batch' | 'code' | 'group_id'>[] = loadCodes({ batch }),
): Map<string, { group_id: number; share: number }[]> {
  const keep = months ? new Set(months) : undefined;
  const idx = new Map(hs8.codes.map((c, k) => [c, k] as const));
  const out = new Map<string, { group_id: number; share: number }[]>();
  for (const p of hs6Parents(codes, batch).filter((x) => x.shared)) {
    const sum = new Map<number, number>(p.groups.map((g) => [g, 0]));
    for (const r of codes) {
      if (r.batch !== batch || r.code.slice(0, 6) !== p.hs6) continue;
      const k = idx.get(r.code);
      if (k === undefined) continue;
      hs8.months.forEach((m, t) => {
        const v = hs8.values[k][t];
        if ((!keep || keep.has(m)) && !Number.isNaN(v)) sum.set(r.group_id, sum.get(r.group_id)! + v);
      });
    }
    const total = [...sum.values()].reduce((a, b) => a + b, 0);
    if (!(total > 0)) continue;
    out.set(
      p.hs6,
      p.groups.map((group_id) => ({ group_id, share: sum.get(group_id)! / total })),
    );
  }
  return out;
}

/** How the HS6 grouping treats shared parents. */
export type Hs6Treatment = 'joint' | 'hs8-value-shares' | 'count-shares';

/**
 * An HS6 panel made ready for the grouping step. Shared parents: with `shares` (from
 * {@link hs8ValueShares}, or {@link hs6Allocation} by count) each is split into one series per
 * group (`<hs6>:<group_id>`, times the group's share); without, every parent of a family's groups
 * goes to the family's joint group ({@link hs6Families}). Codes that are no parent of the batch are left out.
 * @example hs6GroupInput(aggregatePanel(panel, Object.fromEntries(panel.codes.map((c) => [c, c.slice(0, 6)]))), 1).groupOf.get('848640');
 * // => 103 (groups 3, 6, 8 and 11 are one joint group at HS6; panel: the SYNTHETIC panel summed to HS6)
 * @example hs6GroupInput(aggregatePanel(panel, Object.fromEntries(panel.codes.map((c) => [c, c.slice(0, 6)]))), 1, undefined, { shares: hs6Allocation(1) }).groupOf.get('848640:6');
 * // => 6 (split by shares: group 6's share is a series of its own)
 */
export function hs6GroupInput(
  panel: Panel,
  batch: Batch,
  codes: Pick<CodeRow, 'batch' | 'code' | 'group_id'>[] = loadCodes({ batch }),
  opts: { shares?: Map<string, { group_id: number; share: number }[]> } = {},
): { panel: Panel; groupOf: Map<string, number>; families: Hs6Family[] } {
  const parents = new Map(hs6Parents(codes, batch).map((p) => [p.hs6, p] as const));
  const families = opts.shares ? [] : hs6Families(batch, codes);
  const jointOf = new Map(families.flatMap((f) => f.hs6.map((h) => [h, f.group_id] as const)));
  const entries: { key: string; values: Float64Array; group_id: number }[] = [];
  panel.codes.forEach((c, k) => {
    const p = parents.get(c);
    if (!p) return;
    const joint = jointOf.get(c);
    if (joint !== undefined) entries.push({ key: c, values: panel.values[k], group_id: joint });
    else if (!p.shared) entries.push({ key: c, values: panel.values[k], group_id: p.groups[0] });
    else {
      const a = opts.shares!.get(c);
      if (!a) fail('hs6GroupInput', `no shares for the shared HS6 parent ${c}`, c);
      for (const { group_id, share } of a!)
        entries.push({ key: `${c}:${group_id}`, values: panel.values[k].map((v) => v * share), group_id });
    }
  });
  entries.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return {
    panel: {
      source: panel.source,
      months: panel.months,
      codes: entries.map((e) => e.key),
      values: entries.map((e) => e.values),
    },
    groupOf: new Map(entries.map((e) => [e.key, e.group_id] as const)),
    families,
  };
}

/**
 * The study's HS6 codes: every curated HS8 code's HS6 parent, all batches, ascending.
 * @example studyHs6Codes().includes('854231'); // => true
 */
export function studyHs6Codes(codes: Pick<CodeRow, 'code'>[] = loadCodes()): string[] {
  return [...new Set(codes.map((r) => r.code.slice(0, 6)))].sort();
}

/** What an HS6 parent adds to a group: the national lines under it that the batch does not curate. */
export interface Hs6Addition extends Hs6Parent {
  /** HS8 lines under the parent in any code list 2015–2025 that are not curated in the batch. */
  added: string[];
  /** Their descriptions (latest list that has them), in the same order. */
  addedDescriptions: string[];
}

/**
 * For each HS6 parent of a batch: the other HS8 lines it adds (from China Customs' code lists
 * 2015–2025, the reference tables) and whether two groups share it.
 * @throws {StudyError} when the reference code lists are absent
 * @example hs6Additions(1).find((a) => a.hs6 === '848620')?.added; // => ['84862090'] (the one line of 848620 batch 1 does not curate)
 */
export function hs6Additions(
  batch: Batch,
  dir: string | undefined = referenceDir(),
  codes: CodeRow[] = loadCodes({ batch }),
): Hs6Addition[] {
  if (!dir) fail('hs6Additions', 'the reference code lists are needed (STUDY_REFERENCE_DIR or data/reference)', dir);
  const parents = hs6Parents(codes, batch);
  const want = new Set(parents.map((p) => p.hs6));
  const lines = new Map<string, Map<string, string>>();
  for (const y of codeListYears('zh', dir)) {
    for (const [code, e] of codeListIndex(y, 'zh', dir)) {
      const h = code.slice(0, 6);
      if (!want.has(h)) continue;
      const m = lines.get(h) ?? new Map<string, string>();
      m.set(code, e.description ?? '');
      lines.set(h, m);
    }
  }
  return parents.map((p) => {
    const all = lines.get(p.hs6) ?? new Map<string, string>();
    const cur = new Set(p.curated);
    const added = [...all.keys()].filter((c) => !cur.has(c)).sort();
    return { ...p, added, addedDescriptions: added.map((c) => all.get(c) ?? '') };
  });
}
