/**
 * Study steps 1–2 as counts and comparisons over the curated code tables:
 * keyword candidates from the official code lists against the curated choice,
 * counts of technologies and codes per batch and group, the batch-2 label flags,
 * the study's four (+1) categories, the Table-1 category × BEC end-use cross-tab,
 * and category shares of annual group imports. Pure functions over rows the
 * loaders of lib/data.ts and lib/reference.ts return.
 *
 * @module extraction
 */
import { fail, describeValue } from './errors.js';
import { displayHtml, escapeHtml } from './display.js';
import { parameterChanges, type ParameterChange } from './notebook.js';
import type { CodeBecRow, CodeRow, GroupRow, TechnologyRow } from './data.js';
import { searchCodeLists, type CodeSearchHit } from './reference.js';
import { referenceDir } from './paths.js';
import type { GroupAnnual } from './macro.js';
import type { Batch, Category, EndUse } from './types.js';

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One candidate code of a technology: found by the keyword search, curated, or both. */
export interface CandidateRow {
  code: string;
  /** Official description (search hit's, else the curated row's Chinese description). */
  description: string;
  /** First and last year the code appears among the searched lists (curated years when not found by search). */
  first_year: number;
  last_year: number;
  /** The keyword search found it. */
  found_by_search: boolean;
  /** Curated for this technology. */
  curated: boolean;
  /** Group of the curated row (null when not curated for this technology). */
  group_id: number | null;
  /** Other technologies of the same batch that the code is curated for ('' when none). */
  curated_elsewhere: string;
}

/**
 * Candidates of one technology: every keyword hit and every code curated for it, ascending by code,
 * each marked found-by-search / curated. Shows what the search offers and what the curation kept.
 *
 * @param hits keyword hits ({@link searchCodeLists}); pass [] when the code lists are absent
 * @param curated curated rows of one batch ({@link loadCodes})
 * @param techId the technology ('1', '21', …)
 * @throws {StudyError} when techId is empty or the curated rows mix batches
 * @example compareCandidates([{ code: '84862031', description: '…光刻机', years: [2018, 2019] }], loadCodes({ batch: 1 }), '1')
 *   .filter((c) => c.found_by_search && c.curated).map((c) => c.code);
 * // => ['84862031']
 */
export function compareCandidates(hits: CodeSearchHit[], curated: CodeRow[], techId: string): CandidateRow[] {
  const fn = 'compareCandidates';
  if (typeof techId !== 'string' || techId.trim() === '') fail(fn, 'techId must be a non-empty string', techId);
  const batches = new Set(curated.map((r) => r.batch));
  if (batches.size > 1) fail(fn, 'pass the curated rows of one batch', [...batches]);
  const mine = new Map(curated.filter((r) => r.tech_id === techId).map((r) => [r.code, r] as const));
  const elsewhere = new Map<string, string[]>();
  for (const r of curated) if (r.tech_id !== techId) elsewhere.set(r.code, [...(elsewhere.get(r.code) ?? []), r.tech_id]);
  const out = new Map<string, CandidateRow>();
  for (const h of hits) {
    if (h.years.length === 0) fail(fn, 'a search hit has no years', h.code);
    const c = mine.get(h.code);
    out.set(h.code, {
      code: h.code,
      description: h.description,
      first_year: Math.min(...h.years),
      last_year: Math.max(...h.years),
      found_by_search: true,
      curated: c !== undefined,
      group_id: c ? c.group_id : null,
      curated_elsewhere: (elsewhere.get(h.code) ?? []).join(', '),
    });
  }
  for (const [code, c] of mine) {
    if (out.has(code)) continue;
    out.set(code, {
      code,
      description: c.desc_zh,
      first_year: c.first_year,
      last_year: c.last_year,
      found_by_search: false,
      curated: true,
      group_id: c.group_id,
      curated_elsewhere: (elsewhere.get(code) ?? []).join(', '),
    });
  }
  return [...out.values()].sort((a, b) => byCode(a.code, b.code));
}

/** A keyword search for one technology: Chinese and English keywords (any may match). */
export interface CandidateSearch {
  techId: string;
  zh: string[];
  en: string[];
}

/** A candidate with the languages whose keywords found it ('zh', 'en', 'zh + en', or '–'). */
export interface LabelledCandidate extends CandidateRow {
  search: string;
}

/**
 * Search the Chinese and English code lists for one technology's keywords and compare the hits with the
 * curated codes ({@link compareCandidates}).
 * @param dir reference folder (default: the project's data/reference, or STUDY_REFERENCE_DIR)
 * @throws {StudyError} as {@link compareCandidates}, or when the folder holds no code lists
 * @example searchCandidates({ techId: '32', zh: ['环氧树脂'], en: [] }, loadCodes({ batch: 1 }), referenceDir()).map((c) => c.code);
 * // => ['32099010', '35069120', '39073000']
 */
export function searchCandidates(s: CandidateSearch, curated: CodeRow[], dir: string = referenceDir()): LabelledCandidate[] {
  const zh = s.zh.length ? searchCodeLists({ keywords: s.zh, lang: 'zh', match: 'any' }, dir) : [];
  const en = s.en.length ? searchCodeLists({ keywords: s.en, lang: 'en', match: 'any' }, dir) : [];
  const zhCodes = new Set(zh.map((h) => h.code));
  const enCodes = new Set(en.map((h) => h.code));
  const merged = [...zh, ...en.filter((h) => !zhCodes.has(h.code))];
  return compareCandidates(merged, curated, s.techId).map((r) => ({
    ...r,
    search: !r.found_by_search ? '–' : [zhCodes.has(r.code) ? 'zh' : '', enCodes.has(r.code) ? 'en' : ''].filter((x) => x !== '').join(' + '),
  }));
}

/** Filter of {@link distinctCodes}. */
export interface CodeFilter {
  batch?: Batch;
  /** Keep codes valid in this year (first_year ≤ year ≤ last_year). */
  year?: number;
  /** Leave out these technology ids (e.g. ['M'] for the 35 items only). */
  excludeTech?: string[];
  /** Keep only these technology ids. */
  onlyTech?: string[];
}

/**
 * The distinct codes of the curated rows that pass a filter, ascending.
 * @throws {StudyError} when year is not an integer
 * @example distinctCodes(loadCodes(), { batch: 1, excludeTech: ['M'] }).length; // => 98
 * @example distinctCodes(loadCodes(), { batch: 1, excludeTech: ['M'], year: 2018 }).length; // => 86
 */
export function distinctCodes(codes: CodeRow[], f: CodeFilter = {}): string[] {
  if (f.year !== undefined && !Number.isInteger(f.year)) fail('distinctCodes', 'year must be an integer', f.year);
  const set = new Set<string>();
  for (const r of codes) {
    if (f.batch !== undefined && r.batch !== f.batch) continue;
    if (f.year !== undefined && (r.first_year > f.year || r.last_year < f.year)) continue;
    if (f.excludeTech && f.excludeTech.includes(r.tech_id)) continue;
    if (f.onlyTech && !f.onlyTech.includes(r.tech_id)) continue;
    set.add(r.code);
  }
  return [...set].sort(byCode);
}

/** Counts of one batch. */
export interface BatchCount {
  batch: Batch;
  /** Items listed (technologies, slide labels or reported categories). */
  items: number;
  items_with_codes: number;
  items_without_codes: number;
  /** (technology, code) rows. */
  rows: number;
  distinct_codes: number;
  /** Distinct codes whose rows are all 'confirmed' / any 'reported'. */
  confirmed_codes: number;
  reported_codes: number;
  /** Groups that hold at least one code. */
  groups: number;
}

/**
 * Items, rows, distinct codes and status counts per batch (1, 2, 3).
 * @example countByBatch(loadCodes(), loadTechnologies()).map((b) => b.distinct_codes); // => [144, 22, 92]
 */
export function countByBatch(codes: CodeRow[], techs: TechnologyRow[]): BatchCount[] {
  return ([1, 2, 3] as Batch[]).map((batch) => {
    const t = techs.filter((x) => x.batch === batch);
    const c = codes.filter((x) => x.batch === batch);
    const reported = new Set(c.filter((x) => x.status === 'reported').map((x) => x.code));
    const all = new Set(c.map((x) => x.code));
    return {
      batch,
      items: t.length,
      items_with_codes: t.filter((x) => x.has_codes).length,
      items_without_codes: t.filter((x) => !x.has_codes).length,
      rows: c.length,
      distinct_codes: all.size,
      confirmed_codes: all.size - reported.size,
      reported_codes: reported.size,
      groups: new Set(c.map((x) => x.group_id)).size,
    };
  });
}

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

/**
 * The items of a batch that have no customs code, with the reason (technologies.csv note).
 * @example itemsWithoutCodes(loadTechnologies(), 1).map((t) => t.tech_id); // => ['3', '8', '11', '13', '15', '20', '31', '33']
 */
export function itemsWithoutCodes(techs: TechnologyRow[], batch: Batch): { tech_id: string; name_zh: string; name_en: string; reason: string }[] {
  return techs
    .filter((t) => t.batch === batch && !t.has_codes)
    .map((t) => ({ tech_id: t.tech_id, name_zh: t.name_zh, name_en: t.name_en, reason: t.note }));
}

/** How well a batch-2 slide label matches the code's official description. */
export type LabelFlag = 'consistent' | 'broad' | 'weak' | 'mismatch';

/**
 * Read the label flag from a batch-2 technology note ("… label vs official line: MISMATCH: …").
 * @throws {StudyError} when the note carries no "label vs official line:" verdict
 * @example labelFlag('slide code 84662000; label vs official line: MISMATCH: the official line is work holders'); // => 'mismatch'
 */
export function labelFlag(note: string): LabelFlag {
  const m = /label vs official line:\s*([A-Za-z]+)/.exec(note ?? '');
  const w = m ? m[1].toLowerCase() : '';
  if (w === 'consistent' || w === 'broad' || w === 'weak' || w === 'mismatch') return w;
  return fail('labelFlag', 'the note has no "label vs official line: consistent|broad|WEAK|MISMATCH" verdict', note);
}

/**
 * Batch-2 slide labels with their code and flag, and the count per flag.
 * @example batch2Flags(loadTechnologies()).counts; // => { consistent: 4, broad: 8, weak: 3, mismatch: 4 }
 */
export function batch2Flags(techs: TechnologyRow[]): { rows: { tech_id: string; code: string; label: string; flag: LabelFlag; verdict: string }[]; counts: Record<LabelFlag, number> } {
  const counts: Record<LabelFlag, number> = { consistent: 0, broad: 0, weak: 0, mismatch: 0 };
  const rows = techs
    .filter((t) => t.batch === 2)
    .map((t) => {
      const flag = labelFlag(t.note);
      counts[flag]++;
      const code = /slide code (\d{8})/.exec(t.note)?.[1] ?? '';
      const verdict = t.note.replace(/^.*label vs official line:\s*/, '');
      return { tech_id: t.tech_id, code, label: t.name_en, flag, verdict };
    });
  return { rows, counts };
}

/** The study's five classes: Table-1 category split by the semiconductor flag (Medicaments = consumption). */
export type StudyCategory = 'semiconductor intermediate' | 'semiconductor capital' | 'other intermediate' | 'other capital' | 'consumption';

/** The five classes in display order. */
export const STUDY_CATEGORIES: readonly StudyCategory[] = ['semiconductor intermediate', 'semiconductor capital', 'other intermediate', 'other capital', 'consumption'];

/**
 * A group's study category: Table-1 category × semiconductor flag.
 * @throws {StudyError} on a semiconductor-related consumption group (not in Table 1)
 * @example studyCategory(loadGroups()[0]); // => 'semiconductor capital' (Passive Components, as printed)
 */
export function studyCategory(g: Pick<GroupRow, 'category' | 'semiconductor' | 'group'>): StudyCategory {
  if (g.category === 'consumption goods') {
    if (g.semiconductor) fail('studyCategory', 'a semiconductor-related consumption group is not a study category', g.group);
    return 'consumption';
  }
  const k = g.category === 'capital goods' ? 'capital' : 'intermediate';
  return `${g.semiconductor ? 'semiconductor' : 'other'} ${k}` as StudyCategory;
}

/** The BEC end use that corresponds to a Table-1 category. */
export const CATEGORY_END_USE: Readonly<Record<Category, EndUse>> = Object.freeze({ 'capital goods': 'capital', intermediate: 'intermediate', 'consumption goods': 'consumption' });

/** One cell of the category × end-use cross-tab. */
export interface CrossTabCell {
  category: Category;
  end_use: EndUse;
  /** Distinct codes of the batch in that cell. */
  codes: number;
}

function codeGroups(codes: CodeRow[], batch: Batch): Map<string, number> {
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
export function categoryEndUseCrossTab(codes: CodeRow[], groups: GroupRow[], bec: CodeBecRow[], batch: Batch): CrossTabCell[] {
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
  return cats.flatMap((category) => ends.map((end_use) => ({ category, end_use, codes: n.get(`${category}|${end_use}`) ?? 0 })));
}

/** One group's codes by BEC end use, and whether they agree with its Table-1 category. */
export interface GroupEndUseRow {
  group_id: number;
  group: string;
  category: Category;
  study_category: StudyCategory;
  capital: number;
  intermediate: number;
  consumption: number;
  unclassified: number;
  /** Share (0–1) of the group's codes whose BEC end use is the category's end use. */
  agree_share: number;
}

/**
 * Per group of a batch: distinct codes by BEC end use, and the share agreeing with Table 1.
 * Groups without codes in the batch are left out.
 * @throws {StudyError} as {@link categoryEndUseCrossTab}
 * @example groupEndUse(loadCodes(), loadGroups(), loadCodeBec(), 1)[0];
 * // => { group_id: 1, group: 'Passive Components', category: 'capital goods', capital: 4, intermediate: 2, agree_share: 0.666…, … }
 */
export function groupEndUse(codes: CodeRow[], groups: GroupRow[], bec: CodeBecRow[], batch: Batch): GroupEndUseRow[] {
  const fn = 'groupEndUse';
  const eu = becMap(bec);
  const per = new Map<number, Record<EndUse, number>>();
  for (const [code, gid] of codeGroups(codes, batch)) {
    const e = eu.get(code);
    if (e === undefined) fail(fn, 'code has no BEC end use (code-bec.csv)', code);
    const r = per.get(gid) ?? { capital: 0, intermediate: 0, consumption: 0, unclassified: 0 };
    r[e]++;
    per.set(gid, r);
  }
  for (const gid of per.keys()) if (!groups.some((g) => g.group_id === gid)) fail(fn, `group ${gid} is not in the groups`, gid);
  return groups
    .filter((g) => per.has(g.group_id))
    .map((g) => {
      const r = per.get(g.group_id)!;
      const total = r.capital + r.intermediate + r.consumption + r.unclassified;
      return { group_id: g.group_id, group: g.group, category: g.category, study_category: studyCategory(g), ...r, agree_share: r[CATEGORY_END_USE[g.category]] / total };
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
    if (!Number.isFinite(r.value_usd) || r.value_usd < 0) fail(fn, `value of group ${r.group_id} in ${r.year} is not a non-negative number`, r.value_usd);
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

/**
 * The banner text of a notebook that reads only the curated tables and the official code lists
 * (no import panel): which lists are used, and the parameters changed from their defaults.
 * @example listBannerText('/ref', []);
 * // => 'Data: real, public code lists — curated tables data/study/*.csv and China Customs HS8 code lists 2015–2025 (/ref) · no import data, nothing synthetic · Parameters: defaults'
 */
export function listBannerText(dir: string, changed: ParameterChange[] = parameterChanges()): string {
  const lists = `curated tables data/study/*.csv and China Customs HS8 code lists 2015–2025 (${dir})`;
  const params = changed.length
    ? 'Parameters changed: ' + changed.map((c) => `${c.name} = ${describeValue(c.value)} (default ${describeValue(c.default)})`).join('; ')
    : 'Parameters: defaults';
  return `Data: real, public code lists — ${lists} · no import data, nothing synthetic · ${params}`;
}

/**
 * Show {@link listBannerText} as the notebook's banner (blue: real reference data, no panel).
 * @example showListBanner('data/reference'); // shows 'REAL CODE LISTS — Data: real, public code lists — …'
 */
export function showListBanner(dir: string, changed: ParameterChange[] = parameterChanges()): void {
  const text = listBannerText(dir, changed);
  displayHtml(
    `<div class="study-banner" data-source="code-lists" style="background:#e8f0fb;border-left:6px solid #1f5fbf;padding:8px 12px;font-family:system-ui,sans-serif;font-size:14px">` +
      `<strong>REAL CODE LISTS</strong> — ${escapeHtml(text)}</div>`,
    { text },
  );
}

/** Options of {@link categoryShareChart}. */
export interface CategoryShareChartOptions {
  /** Source line under the title (say SYNTHETIC for synthetic data). */
  sourceNote: string;
  title?: string;
  width?: number;
  height?: number;
}

/**
 * A stacked-area chart of each study category's share of the groups' annual imports (vega-lite JSON).
 * @throws {StudyError} when sourceNote is empty or a share is not finite
 * @example categoryShareChart(categoryShares(rows, loadGroups()), { sourceNote: 'SYNTHETIC teaching panel' }).mark;
 * // => { type: 'area', tooltip: true }
 */
export function categoryShareChart(rows: CategoryShareRow[], o: CategoryShareChartOptions): Record<string, unknown> {
  const fn = 'categoryShareChart';
  if (typeof o?.sourceNote !== 'string' || o.sourceNote.trim() === '') fail(fn, 'sourceNote is required (say SYNTHETIC for synthetic data)', o?.sourceNote);
  for (const r of rows) if (!Number.isFinite(r.share)) fail(fn, `share of ${r.category} in ${r.year} is not finite`, r.share);
  const order = new Map(STUDY_CATEGORIES.map((c, k) => [c, k] as const));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: o.title ?? 'Imports of the technology groups by study category (share of the groups’ total)', subtitle: [o.sourceNote], anchor: 'start' },
    width: o.width ?? 520,
    height: o.height ?? 240,
    data: { values: rows.map((r) => ({ year: r.year, category: r.category, share: r.share, order: order.get(r.category) })) },
    mark: { type: 'area', tooltip: true },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'Year' },
      y: { field: 'share', type: 'quantitative', stack: 'normalize', title: 'Share of the groups’ imports', axis: { format: '%' } },
      color: { field: 'category', type: 'nominal', title: 'Study category', sort: [...STUDY_CATEGORIES], scale: { domain: [...STUDY_CATEGORIES], range: ['#D55E00', '#E69F00', '#0072B2', '#56B4E9', '#009E73'] } },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'year', type: 'ordinal' },
        { field: 'category', type: 'nominal' },
        { field: 'share', type: 'quantitative', format: '.1%' },
      ],
    },
  };
}
