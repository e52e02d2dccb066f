/**
 * The grouping step at HS6, for data that come by HS 6-digit code (UN Comtrade): each
 * curated HS8 code's HS6 parent stands for its group. An HS6 parent is broader than the
 * paper's HS8 lines — it adds every other national line under it — and one parent can hold
 * curated lines of two groups (at HS6 the semiconductor-equipment heading 8486 cannot be told
 * apart: groups 3, 6, 8 and 11 share 848610–848640). This module says which lines each parent
 * adds and flags the shared parents. A shared parent's imports are allocated to its groups in
 * proportion to their curated lines under it, so every group keeps a series and a sum over
 * groups counts each heading once (the macro step's semiconductor sums stay right).
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
 * HS6 code → the groups its imports are allocated to, with shares summing to 1 (one batch).
 * @example hs6Allocation(1).get('848640'); // => [{ group_id: 6, share: 0.5 }, { group_id: 8, share: 0.5 }]
 */
export function hs6Allocation(
  batch: Batch,
  codes: Pick<CodeRow, 'batch' | 'code' | 'group_id'>[] = loadCodes({ batch }),
): Map<string, { group_id: number; share: number }[]> {
  return new Map(hs6Parents(codes, batch).map((p) => [p.hs6, p.shares] as const));
}

/**
 * An HS6 panel made ready for the grouping step: each shared parent's series is split into one
 * series per group (`<hs6>:<group_id>`, times the group's share), others kept as they are; with
 * the key → group id map. Codes that are no parent of the batch are left out.
 * @example hs6GroupInput(aggregatePanel(panel, Object.fromEntries(panel.codes.map((c) => [c, c.slice(0, 6)]))), 1).groupOf.get('848640:6');
 * // => 6 (848640 is the parent of codes of two groups: group 6's share is a series of its own; panel: the SYNTHETIC panel summed to HS6)
 */
export function hs6GroupInput(
  panel: Panel,
  batch: Batch,
  codes: Pick<CodeRow, 'batch' | 'code' | 'group_id'>[] = loadCodes({ batch }),
): { panel: Panel; groupOf: Map<string, number> } {
  const alloc = hs6Allocation(batch, codes);
  const entries: { key: string; values: Float64Array; group_id: number }[] = [];
  panel.codes.forEach((c, k) => {
    const a = alloc.get(c);
    if (!a) return;
    if (a.length === 1) entries.push({ key: c, values: panel.values[k], group_id: a[0].group_id });
    else
      for (const { group_id, share } of a)
        entries.push({ key: `${c}:${group_id}`, values: panel.values[k].map((v) => v * share), group_id });
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
