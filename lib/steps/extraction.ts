/**
 * Step 01, list extraction: policy lists of bottleneck technologies → China Customs HS8 codes.
 * Keyword candidates from the official code lists against the curated choice, distinct codes and
 * counts per batch, items without a customs code, and the batch-2 label flags. Pure functions over
 * the rows the loaders of lib/io/data.ts and lib/io/reference.ts return.
 *
 * @module steps/extraction
 */
import { fail } from '../core/errors.js';
import type { Batch } from '../core/types.js';
import type { CodeRow, TechnologyRow } from '../io/data.js';
import { referenceDir } from '../io/paths.js';
import { searchCodeLists, type CodeSearchHit } from '../io/reference.js';

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
  for (const r of curated)
    if (r.tech_id !== techId) elsewhere.set(r.code, [...(elsewhere.get(r.code) ?? []), r.tech_id]);
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
export function searchCandidates(
  s: CandidateSearch,
  curated: CodeRow[],
  dir: string = referenceDir(),
): LabelledCandidate[] {
  const zh = s.zh.length ? searchCodeLists({ keywords: s.zh, lang: 'zh', match: 'any' }, dir) : [];
  const en = s.en.length ? searchCodeLists({ keywords: s.en, lang: 'en', match: 'any' }, dir) : [];
  const zhCodes = new Set(zh.map((h) => h.code));
  const enCodes = new Set(en.map((h) => h.code));
  const merged = [...zh, ...en.filter((h) => !zhCodes.has(h.code))];
  return compareCandidates(merged, curated, s.techId).map((r) => ({
    ...r,
    search: !r.found_by_search
      ? '–'
      : [zhCodes.has(r.code) ? 'zh' : '', enCodes.has(r.code) ? 'en' : ''].filter((x) => x !== '').join(' + '),
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
  /** Distinct codes whose rows are all 'curated' or 'printed' / any 'reported'. */
  curated_or_printed_codes: number;
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
      curated_or_printed_codes: all.size - reported.size,
      reported_codes: reported.size,
      groups: new Set(c.map((x) => x.group_id)).size,
    };
  });
}

/**
 * The items of a batch that have no customs code, with the reason (technologies.csv note).
 * @example itemsWithoutCodes(loadTechnologies(), 1).map((t) => t.tech_id); // => ['3', '8', '11', '13', '15', '20', '31', '33']
 */
export function itemsWithoutCodes(
  techs: TechnologyRow[],
  batch: Batch,
): { tech_id: string; name_zh: string; name_en: string; reason: string }[] {
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
export function batch2Flags(techs: TechnologyRow[]): {
  rows: { tech_id: string; code: string; label: string; flag: LabelFlag; verdict: string }[];
  counts: Record<LabelFlag, number>;
} {
  const counts: Record<LabelFlag, number> = { consistent: 0, broad: 0, weak: 0, mismatch: 0 };
  const rows = techs
    .filter((t) => t.batch === 2)
    .map((t) => {
      const flag = labelFlag(t.note);
      counts[flag]++;
      const code = /slide code (\d{8})/.exec(t.note)?.[1] ?? '';
      // what follows the first "label vs official line:" (the one labelFlag read), over line breaks too
      const at = /label vs official line:\s*/.exec(t.note)!;
      const verdict = t.note.slice(at.index + at[0].length);
      return { tech_id: t.tech_id, code, label: t.name_en, flag, verdict };
    });
  return { rows, counts };
}
