/**
 * Step 02, grouping: curated codes → the 17 technology groups (Table 1) → the study's four (+1)
 * categories. Codes per group, the category × BEC end-use cross-tab, each group's end-use mix, a
 * batch's codes summed into group series, and category shares of the groups' annual imports.
 *
 * @module steps/grouping
 */
import { fail } from '../core/errors.js';
import { aggregatePanel, type AggregatedPanel } from '../core/codes.js';
import type { Batch, Category, EndUse, Panel } from '../core/types.js';
import { codeGroupMap, loadCodes, loadGroups, type CodeBecRow, type CodeRow, type GroupRow } from '../io/data.js';
import { distinctCodes, type CodeFilter } from './extraction.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPanel } from '../io/panel.js';
import { importedDir } from '../io/paths.js';
import {
  hs6GroupInput,
  hs6Parents,
  hs8ValueShares,
  jointGroupRows,
  type Hs6Family,
  type Hs6Treatment,
} from './hs6-grouping.js';

export * from './hs6-grouping.js';
import type { GroupAnnual } from './macro.js';

/** Distinct codes of one group in one batch. */
export interface GroupCount {
  group_id: number;
  group: string;
  codes: number;
}

/**
 * Distinct codes per group for a batch (every group of `groups` listed, 0 when empty), in group order.
 * @example codesPerGroup(loadCodes(), loadGroups(), { batch: 1 }).find((g) => g.group_id === 2)?.codes; // => 13
 * @example codesPerGroup(loadCodes(), loadGroups(), { batch: 1, year: 2018 }).find((g) => g.group_id === 2)?.codes; // => 9
 */
export function codesPerGroup(codes: CodeRow[], groups: GroupRow[], f: CodeFilter = {}): GroupCount[] {
  const keep = new Set(distinctCodes(codes, f));
  const per = new Map<number, Set<string>>();
  for (const r of codes) {
    if (!keep.has(r.code) || (f.batch !== undefined && r.batch !== f.batch)) continue;
    if (f.excludeTech && f.excludeTech.includes(r.tech_id)) continue;
    if (f.onlyTech && !f.onlyTech.includes(r.tech_id)) continue;
    per.set(r.group_id, (per.get(r.group_id) ?? new Set()).add(r.code));
  }
  return groups.map((g) => ({ group_id: g.group_id, group: g.group, codes: per.get(g.group_id)?.size ?? 0 }));
}

/** The study's five classes: Table-1 category split by the semiconductor flag (Medicaments = consumption). */
export type StudyCategory =
  'semiconductor intermediate' | 'semiconductor capital' | 'other intermediate' | 'other capital' | 'consumption';

/** The five classes in display order. */
export const STUDY_CATEGORIES: readonly StudyCategory[] = [
  'semiconductor intermediate',
  'semiconductor capital',
  'other intermediate',
  'other capital',
  'consumption',
];

/**
 * A group's study category: Table-1 category × semiconductor flag.
 * @throws {StudyError} on a semiconductor-related consumption group (not in Table 1)
 * @example studyCategory(loadGroups()[0]); // => 'semiconductor capital' (Passive Components, as printed)
 */
export function studyCategory(g: Pick<GroupRow, 'category' | 'semiconductor' | 'group'>): StudyCategory {
  if (g.category === 'consumption goods') {
    if (g.semiconductor)
      fail('studyCategory', 'a semiconductor-related consumption group is not a study category', g.group);
    return 'consumption';
  }
  const k = g.category === 'capital goods' ? 'capital' : 'intermediate';
  return `${g.semiconductor ? 'semiconductor' : 'other'} ${k}` as StudyCategory;
}

/** The BEC end use that corresponds to a Table-1 category. */
export const CATEGORY_END_USE: Readonly<Record<Category, EndUse>> = Object.freeze({
  'capital goods': 'capital',
  intermediate: 'intermediate',
  'consumption goods': 'consumption',
});

/** One cell of the category × end-use cross-tab. */
export interface CrossTabCell {
  category: Category;
  end_use: EndUse;
  /** Distinct codes of the batch in that cell. */
  codes: number;
}

function codeGroups(codes: Pick<CodeRow, 'batch' | 'code' | 'group_id'>[], batch: Batch): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of codes) if (r.batch === batch) m.set(r.code, r.group_id);
  return m;
}

function becMap(bec: CodeBecRow[]): Map<string, EndUse> {
  return new Map(bec.map((r) => [r.code, r.end_use] as const));
}

/**
 * Table-1 category (of the code's group) × BEC end use (of the code), counted over a batch's distinct
 * codes. Every (category, end use) pair is listed, zeros included (3 × 4 cells).
 * @throws {StudyError} when a code has no BEC row or its group is not in `groups`
 * @example categoryEndUseCrossTab(loadCodes(), loadGroups(), loadCodeBec(), 1)
 *   .find((c) => c.category === 'capital goods' && c.end_use === 'intermediate')?.codes; // => 19
 */
export function categoryEndUseCrossTab(
  codes: CodeRow[],
  groups: GroupRow[],
  bec: CodeBecRow[],
  batch: Batch,
): CrossTabCell[] {
  const fn = 'categoryEndUseCrossTab';
  const cat = new Map(groups.map((g) => [g.group_id, g.category] as const));
  const eu = becMap(bec);
  const n = new Map<string, number>();
  for (const [code, gid] of codeGroups(codes, batch)) {
    const c = cat.get(gid);
    if (c === undefined) fail(fn, `group ${gid} of code ${code} is not in the groups`, gid);
    const e = eu.get(code);
    if (e === undefined) fail(fn, 'code has no BEC end use (code-bec.csv)', code);
    n.set(`${c}|${e}`, (n.get(`${c}|${e}`) ?? 0) + 1);
  }
  const cats: Category[] = ['capital goods', 'intermediate', 'consumption goods'];
  const ends: EndUse[] = ['capital', 'intermediate', 'consumption', 'unclassified'];
  return cats.flatMap((category) =>
    ends.map((end_use) => ({ category, end_use, codes: n.get(`${category}|${end_use}`) ?? 0 })),
  );
}

/** One group's codes (one batch) by BEC end use, beside its Table-1 category. */
export interface GroupEndUseRow {
  group_id: number;
  group: string;
  category: Category;
  study_category: StudyCategory;
  semiconductor: boolean;
  /** Distinct codes of the group in the batch. */
  codes: number;
  capital: number;
  intermediate: number;
  consumption: number;
  unclassified: number;
  /** Distinct BEC Rev.4 codes of the group's codes, ascending as text. */
  bec4: string[];
  /** The end use of most codes (ties: capital, intermediate, consumption, unclassified). */
  majority: EndUse;
  /** The Table-1 category's end use equals the majority BEC end use. */
  matches: boolean;
  /** Share (0–1) of the group's codes whose BEC end use is the category's end use. */
  agree_share: number;
}

/**
 * Per group of a batch: its distinct codes counted by BEC end use, the majority end use, and the share
 * agreeing with the group's Table-1 category. Shows where Table 1 and BEC disagree (Passive Components:
 * capital goods in Table 1, partly intermediate by BEC). Groups without codes in the batch are left out.
 * @throws {StudyError} when a code of the batch has no BEC row or its group is not in `groups`
 * @example groupEndUse(loadCodes(), loadGroups(), loadCodeBec(), 1)[0];
 * // => { group_id: 1, group: 'Passive Components', category: 'capital goods', capital: 4, intermediate: 2, agree_share: 0.666…, … }
 */
export function groupEndUse(
  codes: Pick<CodeRow, 'batch' | 'code' | 'group_id'>[],
  groups: Pick<GroupRow, 'group_id' | 'group' | 'category' | 'semiconductor'>[],
  bec: Pick<CodeBecRow, 'code' | 'bec4' | 'end_use'>[],
  batch: Batch = 1,
): GroupEndUseRow[] {
  const fn = 'groupEndUse';
  const becOf = new Map(bec.map((r) => [r.code, r] as const));
  const per = new Map<number, { n: Record<EndUse, number>; bec4: Set<string> }>();
  for (const [code, gid] of codeGroups(codes, batch)) {
    const b = becOf.get(code);
    if (b === undefined) fail(fn, 'code has no BEC end use (code-bec.csv)', code);
    const r = per.get(gid) ?? {
      n: { capital: 0, intermediate: 0, consumption: 0, unclassified: 0 },
      bec4: new Set<string>(),
    };
    r.n[b!.end_use]++;
    r.bec4.add(b!.bec4);
    per.set(gid, r);
  }
  for (const gid of per.keys())
    if (!groups.some((g) => g.group_id === gid)) fail(fn, `group ${gid} is not in the groups`, gid);
  const order: EndUse[] = ['capital', 'intermediate', 'consumption', 'unclassified'];
  return groups
    .filter((g) => per.has(g.group_id))
    .map((g) => {
      const { n, bec4 } = per.get(g.group_id)!;
      const codesN = n.capital + n.intermediate + n.consumption + n.unclassified;
      const majority = order.reduce((best, u) => (n[u] > n[best] ? u : best), order[0]);
      const own = CATEGORY_END_USE[g.category];
      return {
        group_id: g.group_id,
        group: g.group,
        category: g.category,
        study_category: studyCategory(g),
        semiconductor: g.semiconductor,
        codes: codesN,
        ...n,
        bec4: [...bec4].sort(),
        majority,
        matches: own === majority,
        agree_share: n[own] / codesN,
      };
    });
}
/** One year's imports of one study category. */
export interface CategoryShareRow {
  year: number;
  category: StudyCategory;
  value_usd: number;
  /** Share (0–1) of the year's total over the groups given. */
  share: number;
}

/**
 * Annual imports summed by study category, with each category's share of the year's total.
 * Every category is listed every year (0 when it has no group).
 * @throws {StudyError} when a row's group is unknown, a value is negative or not finite, or a year's total is 0
 * @example categoryShares([{ year: 2015, group_id: 2, value_usd: 3 }, { year: 2015, group_id: 17, value_usd: 1 }], loadGroups())
 *   .find((r) => r.category === 'semiconductor intermediate')?.share; // => 0.75
 */
export function categoryShares(annual: GroupAnnual[], groups: GroupRow[]): CategoryShareRow[] {
  const fn = 'categoryShares';
  const cat = new Map(groups.map((g) => [g.group_id, studyCategory(g)] as const));
  const sums = new Map<number, Map<StudyCategory, number>>();
  for (const r of annual) {
    const c = cat.get(r.group_id);
    if (c === undefined) fail(fn, 'unknown group id', r.group_id);
    if (!Number.isFinite(r.value_usd) || r.value_usd < 0)
      fail(fn, `value of group ${r.group_id} in ${r.year} is not a non-negative number`, r.value_usd);
    const y = sums.get(r.year) ?? new Map<StudyCategory, number>();
    y.set(c, (y.get(c) ?? 0) + r.value_usd);
    sums.set(r.year, y);
  }
  const out: CategoryShareRow[] = [];
  for (const year of [...sums.keys()].sort((a, b) => a - b)) {
    const y = sums.get(year)!;
    const total = [...y.values()].reduce((a, b) => a + b, 0);
    if (total <= 0) fail(fn, 'the year has no imports to share', year);
    for (const category of STUDY_CATEGORIES) {
      const v = y.get(category) ?? 0;
      out.push({ year, category, value_usd: v, share: v / total });
    }
  }
  return out;
}

/** A batch's codes summed into its technology groups: one series per group, keyed by group name. */
export interface GroupPanel extends AggregatedPanel {
  batch: Batch;
  /** The groups present, in group_id order (at HS6, a joint group where its first group was). */
  groups: (GroupRow & { members?: number[] })[];
  /** HS6 data only: how the shared HS6 parents were treated, and why. */
  hs6?: { treatment: Hs6Treatment; families: Hs6Family[]; note: string };
}

/** Options of {@link groupPanel}. */
export interface GroupPanelOptions {
  /**
   * HS6 data only: HS8 data (e.g. a China Customs import) whose value shares split the shared HS6
   * parents; they must cover the HS6 panel's months. Default: the imported HS8 panel in
   * `<imported folder>/hs8/panel.csv` when present; null: none (shared parents make a joint group).
   */
  hs8?: Panel | null;
}

/**
 * The HS8 panel the HS6 grouping may take value shares from: `<imported folder>/hs8/panel.csv`
 * (`npm run data:import -- --out data/imported/hs8 <customs files>`), or null when absent.
 * @example hs8SharesPanel(os.tmpdir()); // => null
 */
export function hs8SharesPanel(dir: string = importedDir()): Panel | null {
  const f = path.join(dir, 'hs8', 'panel.csv');
  return fs.existsSync(f) ? loadPanel({ source: 'imported', file: f }) : null;
}

/**
 * Sum a batch's curated codes into its groups (codes outside the batch are
 * ignored; a code's pre-split predecessor and successors fall in the same
 * group, so the group series is continuous across code changes).
 *
 * @throws {StudyError} when none of the batch's codes is in the panel
 * @example groupPanel(loadPanel({ source: 'synthetic' }), 1).codes.length; // => 17
 */
export function groupPanel(
  panel: Panel,
  batch: Batch,
  groups: GroupRow[] = loadGroups(),
  opts: GroupPanelOptions = {},
): GroupPanel {
  // HS6 data (UN Comtrade): each curated code's HS6 parent stands for its group; parents shared by
  // groups are split by HS8 value shares when HS8 data cover the period, else the groups are one joint group
  let byCode: Map<string, number>;
  let hs6: GroupPanel['hs6'];
  if (panel.codes.length > 0 && panel.codes.every((c) => c.length === 6)) {
    const hs8 = opts.hs8 === undefined ? hs8SharesPanel() : opts.hs8;
    const shares =
      hs8 && panel.months.every((m) => hs8.months.includes(m)) ? hs8ValueShares(hs8, batch, panel.months) : null;
    // every shared parent in the HS6 data needs its shares, else the family stays one joint group
    const shared = hs6Parents(loadCodes({ batch }), batch).filter((p) => p.shared && panel.codes.includes(p.hs6));
    const lacking = shares ? shared.filter((p) => !shares.has(p.hs6)).map((p) => p.hs6) : [];
    const covers = !!shares && lacking.length === 0;
    const input = covers ? hs6GroupInput(panel, batch, undefined, { shares: shares! }) : hs6GroupInput(panel, batch);
    ({ panel, groupOf: byCode } = input);
    groups = covers ? groups : jointGroupRows(groups, input.families);
    const span = hs8 ? `${hs8.months[0]}–${hs8.months[hs8.months.length - 1]}` : '';
    hs6 = covers
      ? {
          treatment: 'hs8-value-shares',
          families: [],
          note: `shared HS6 headings split by the value shares of ${hs8!.source.label}`,
        }
      : {
          treatment: 'joint',
          families: input.families,
          note:
            input.families.map((f) => `${f.name}: ${f.reason}`).join('; ') +
            (!hs8
              ? ''
              : !shares
                ? ` (the HS8 data, ${span}, do not cover the period)`
                : ` (the HS8 data, ${span}, hold nothing under ${lacking.join(', ')})`),
        };
  } else byCode = codeGroupMap(batch);
  const names = new Map(groups.map((g) => [g.group_id, g.group] as const));
  const inBatch = panel.codes.filter((c) => byCode.has(c));
  if (inBatch.length === 0)
    fail('groupPanel', `none of batch ${batch}'s curated codes is in the panel (${panel.source.label})`, batch);
  const agg = aggregatePanel(
    panel,
    (c) => {
      const id = byCode.get(c);
      return id === undefined ? undefined : names.get(id);
    },
    { unmapped: 'drop' },
  );
  const present = groups.filter((g) => agg.codes.includes(g.group));
  return { ...agg, batch, groups: present, ...(hs6 ? { hs6 } : {}) };
}
