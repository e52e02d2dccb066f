/**
 * Typed loaders for the study's curated tables in `data/study/`: the 17 groups, the technologies of
 * the three batches, the curated HS8 codes (one row per batch × technology × code), each code's
 * HS→BEC end use, and the code changes (bridges) inside 2015–2025. Every loader validates its file
 * and throws an {@link InputError} naming file, line, column and value on the first bad cell.
 *
 * Every loader takes an optional `dir` (default `<project>/data/study`) so tests can load bad copies.
 *
 * @module io/data
 */
import * as path from 'node:path';
import { failAt } from '../core/errors.js';
import { readCsvFile, type CsvTable } from './csv.js';
import { projectPath } from './paths.js';
import type { Batch, Category, EndUse } from '../core/types.js';

/** First and last year of the study's code window. */
export const STUDY_FIRST_YEAR = 2015;
/** Last year of the study's code window. */
export const STUDY_LAST_YEAR = 2025;

/** One of the 17 technology groups (data/study/groups.csv). */
export interface GroupRow {
  /** 1–17 (Table 1 order). */
  group_id: number;
  /** Name as in Table 1 of the slides. */
  group: string;
  /** Name as on the partition-matrix slide. */
  matrixLabel: string;
  category: Category;
  /** Semiconductor-related (Table 1 "Semi"). */
  semiconductor: boolean;
  source: string;
  note: string;
}

/** One technology (batch 1), slide label (batch 2) or reported category (batch 3) (data/study/technologies.csv). */
export interface TechnologyRow {
  batch: Batch;
  /** '1'…'35' and 'M' (batch 1), 'B2-01'… (batch 2), 'B3-…' (batch 3). */
  tech_id: string;
  name_zh: string;
  name_en: string;
  /** false for items that are not goods (software, standards, a lab technique…). */
  has_codes: boolean;
  note: string;
  source: string;
}

/**
 * Where a code comes from (every code is also checked to exist in the official China Customs code lists):
 * 'curated' = chosen by this project from the official code lists (batch 1 and Medicaments: the paper never
 * published its 85 codes; batch-2 bridge rows); 'printed' = printed on a slide (batch 2's 19 codes);
 * 'reported' = known from press reports only (batch 3).
 */
export type CodeStatus = 'curated' | 'printed' | 'reported';

/** One curated (batch, technology, HS8 code) row (data/study/codes.csv). */
export interface CodeRow {
  batch: Batch;
  tech_id: string;
  /** 8-digit China Customs code, as text. */
  code: string;
  /** 1–17; the same for a code in every row of a batch. */
  group_id: number;
  /** Official Chinese description (latest year the code exists). */
  desc_zh: string;
  /** Official English description (latest English list that has the code). */
  desc_en: string;
  /** First year 2015–2025 in which the code is in the code lists. */
  first_year: number;
  /** Last year 2015–2025 in which the code is in the code lists. */
  last_year: number;
  status: CodeStatus;
  rationale: string;
  source: string;
}

/**
 * The columns of data/study/codes.csv, in file order (read by {@link loadCodes}, written by scripts/build-code-tables.ts).
 * @example CODES_COLUMNS[2]; // => 'code'
 */
export const CODES_COLUMNS: readonly (keyof CodeRow)[] = Object.freeze([
  'batch',
  'tech_id',
  'code',
  'group_id',
  'desc_zh',
  'desc_en',
  'first_year',
  'last_year',
  'status',
  'rationale',
  'source',
] as (keyof CodeRow)[]);

/** HS revision whose HS6→BEC table was used for a code. */
export type HsVintage = 'HS2012' | 'HS2017' | 'HS2022';

/** One code's BEC Rev.4 class and end use (data/study/code-bec.csv). */
export interface CodeBecRow {
  code: string;
  hs6: string;
  hs_vintage: HsVintage;
  /** BEC Rev.4 code, e.g. '41', '42', '521'. */
  bec4: string;
  end_use: EndUse;
  /** Relationship as printed in the UNSD table ('1 to 1', 'n:1', 'n:n', …). */
  relationship: string;
  /** The rule that picked the BEC code (named rule id and words). */
  rule: string;
  source: string;
}

/** Kind of a code change. */
export type BridgeKind = 'split' | 'rename' | 'merge';

/** One code change inside 2015–2025 (data/study/code-bridges.csv); compatible with CodeBridge of lib/core/codes.ts. */
export interface CodeBridgeRow {
  old_code: string;
  new_code: string;
  /** First year of the new code (the old code's last year is year_changed − 1). */
  year_changed: number;
  kind: BridgeKind;
  note: string;
  source: string;
}

/** BEC Rev.4 → SNA end use (reference README). */
export const BEC_END_USE: Readonly<Record<string, EndUse>> = {
  '41': 'capital',
  '521': 'capital',
  '111': 'intermediate',
  '121': 'intermediate',
  '21': 'intermediate',
  '22': 'intermediate',
  '31': 'intermediate',
  '322': 'intermediate',
  '42': 'intermediate',
  '53': 'intermediate',
  '112': 'consumption',
  '122': 'consumption',
  '522': 'consumption',
  '61': 'consumption',
  '62': 'consumption',
  '63': 'consumption',
  '321': 'unclassified',
  '51': 'unclassified',
  '7': 'unclassified',
};

type Where = { file: string; line: number; column: string };

/** A reader of one validated CSV file (internal). */
class Cells {
  constructor(
    readonly fn: string,
    readonly t: CsvTable,
  ) {}
  requireColumns(cols: string[]): void {
    for (const c of cols)
      if (!this.t.header.includes(c))
        failAt(this.fn, { file: this.t.file, line: 1 }, `missing column "${c}"`, this.t.header);
  }
  where(k: number, column: string): Where {
    return { file: this.t.file, line: this.t.lines[k], column };
  }
  str(k: number, col: string, opts: { nonEmpty?: boolean } = {}): string {
    const v = this.t.rows[k][col] ?? '';
    if (opts.nonEmpty && v.trim() === '') failAt(this.fn, this.where(k, col), 'must not be empty', v);
    return v;
  }
  int(k: number, col: string, lo: number, hi: number): number {
    const v = this.str(k, col).trim();
    if (!/^-?\d+$/.test(v)) failAt(this.fn, this.where(k, col), 'must be an integer', v);
    const n = Number(v);
    if (n < lo || n > hi) failAt(this.fn, this.where(k, col), `must be between ${lo} and ${hi}`, v);
    return n;
  }
  code(k: number, col: string, digits = 8): string {
    const v = this.str(k, col);
    if (!new RegExp(`^\\d{${digits}}$`).test(v))
      failAt(this.fn, this.where(k, col), `must be a ${digits}-digit code written as text (leading zeros kept)`, v);
    return v;
  }
  oneOf<T extends string>(k: number, col: string, allowed: readonly T[]): T {
    const v = this.str(k, col).trim();
    if (!(allowed as readonly string[]).includes(v))
      failAt(this.fn, this.where(k, col), `must be one of ${allowed.join(', ')}`, v);
    return v as T;
  }
  yesNo(k: number, col: string): boolean {
    return this.oneOf(k, col, ['yes', 'no'] as const) === 'yes';
  }
}

function open(fn: string, dir: string | undefined, name: string, cols: string[]): Cells {
  const file = path.join(dir ?? projectPath('data', 'study'), name);
  const c = new Cells(fn, readCsvFile(file));
  c.requireColumns(cols);
  return c;
}

/**
 * Load the 17 technology groups (data/study/groups.csv).
 *
 * @param dir folder holding groups.csv (default `<project>/data/study`)
 * @throws {InputError} naming file/line/column on a missing column, a group id outside 1–17, a duplicate id,
 *   an unknown category or a semiconductor flag other than yes/no
 * @example loadGroups().find((g) => g.group_id === 2);
 * // => { group_id: 2, group: 'Integrated Circuits (ICs)', matrixLabel: 'Integrated Circuits', category: 'intermediate', semiconductor: true, … }
 */
export function loadGroups(dir?: string): GroupRow[] {
  const fn = 'loadGroups';
  const c = open(fn, dir, 'groups.csv', [
    'group_id',
    'group',
    'matrix_label',
    'category',
    'semiconductor',
    'source',
    'note',
  ]);
  const seen = new Set<number>();
  return c.t.rows.map((_, k) => {
    const group_id = c.int(k, 'group_id', 1, 17);
    if (seen.has(group_id)) failAt(fn, c.where(k, 'group_id'), 'duplicate group id', group_id);
    seen.add(group_id);
    return {
      group_id,
      group: c.str(k, 'group', { nonEmpty: true }),
      matrixLabel: c.str(k, 'matrix_label', { nonEmpty: true }),
      category: c.oneOf(k, 'category', ['capital goods', 'intermediate', 'consumption goods'] as const),
      semiconductor: c.yesNo(k, 'semiconductor'),
      source: c.str(k, 'source'),
      note: c.str(k, 'note'),
    };
  });
}

/**
 * Load the technologies of the three batches (data/study/technologies.csv).
 *
 * @param dir folder holding technologies.csv (default `<project>/data/study`)
 * @throws {InputError} on a batch outside 1–3, an empty or duplicate (batch, tech_id), has_codes not yes/no,
 *   or a has_codes=no row without a note saying why
 * @example loadTechnologies().filter((t) => t.batch === 1 && !t.has_codes).map((t) => t.name_en)[0];
 * // => 'operating systems'
 */
export function loadTechnologies(dir?: string): TechnologyRow[] {
  const fn = 'loadTechnologies';
  const c = open(fn, dir, 'technologies.csv', [
    'batch',
    'tech_id',
    'name_zh',
    'name_en',
    'has_codes',
    'note',
    'source',
  ]);
  const seen = new Set<string>();
  return c.t.rows.map((_, k) => {
    const batch = c.int(k, 'batch', 1, 3) as Batch;
    const tech_id = c.str(k, 'tech_id', { nonEmpty: true });
    const key = `${batch}|${tech_id}`;
    if (seen.has(key)) failAt(fn, c.where(k, 'tech_id'), `duplicate technology id in batch ${batch}`, tech_id);
    seen.add(key);
    const has_codes = c.yesNo(k, 'has_codes');
    const note = c.str(k, 'note');
    if (!has_codes && note.trim() === '')
      failAt(fn, c.where(k, 'note'), 'an item without codes needs a note saying why', note);
    return {
      batch,
      tech_id,
      name_zh: c.str(k, 'name_zh'),
      name_en: c.str(k, 'name_en', { nonEmpty: true }),
      has_codes,
      note,
      source: c.str(k, 'source', { nonEmpty: true }),
    };
  });
}

/** Options of {@link loadCodes}. */
export interface LoadCodesOptions {
  /** Keep only this batch. */
  batch?: Batch;
  /** Folder holding codes.csv (default `<project>/data/study`). */
  dir?: string;
}

/**
 * Load the curated codes (data/study/codes.csv), one row per (batch, technology, code).
 * Validates each cell and two table rules: no duplicate (batch, tech_id, code) row, and a code has
 * one group within a batch (the grouping step aggregates by code within a batch).
 *
 * @throws {InputError} naming file/line/column on: a code that is not 8 digits, a group outside 1–17,
 *   a batch outside 1–3, a year outside 2015–2025 or first_year > last_year, an unknown status,
 *   an empty description or source, a duplicate row, or one code in two groups within a batch
 * @example loadCodes({ batch: 2 }).find((r) => r.code === '84561000');
 * // => { batch: 2, tech_id: 'B2-01', code: '84561000', group_id: 11, first_year: 2015, last_year: 2016, status: 'curated', … }
 */
export function loadCodes(opts: LoadCodesOptions = {}): CodeRow[] {
  const fn = 'loadCodes';
  const c = open(fn, opts.dir, 'codes.csv', [...CODES_COLUMNS]);
  const rows: CodeRow[] = [];
  const seen = new Set<string>();
  const groupOf = new Map<string, number>();
  c.t.rows.forEach((_, k) => {
    const batch = c.int(k, 'batch', 1, 3) as Batch;
    const tech_id = c.str(k, 'tech_id', { nonEmpty: true });
    const code = c.code(k, 'code');
    const group_id = c.int(k, 'group_id', 1, 17);
    const first_year = c.int(k, 'first_year', STUDY_FIRST_YEAR, STUDY_LAST_YEAR);
    const last_year = c.int(k, 'last_year', STUDY_FIRST_YEAR, STUDY_LAST_YEAR);
    if (first_year > last_year)
      failAt(fn, c.where(k, 'last_year'), `last_year is before first_year ${first_year}`, last_year);
    const key = `${batch}|${tech_id}|${code}`;
    if (seen.has(key)) failAt(fn, c.where(k, 'code'), `duplicate row for batch ${batch}, technology ${tech_id}`, code);
    seen.add(key);
    const gk = `${batch}|${code}`;
    const g0 = groupOf.get(gk);
    if (g0 !== undefined && g0 !== group_id)
      failAt(
        fn,
        c.where(k, 'group_id'),
        `code ${code} already has group ${g0} in batch ${batch}; a code has one group within a batch`,
        group_id,
      );
    groupOf.set(gk, group_id);
    const row: CodeRow = {
      batch,
      tech_id,
      code,
      group_id,
      desc_zh: c.str(k, 'desc_zh', { nonEmpty: true }),
      desc_en: c.str(k, 'desc_en', { nonEmpty: true }),
      first_year,
      last_year,
      status: c.oneOf(k, 'status', ['curated', 'printed', 'reported'] as const),
      rationale: c.str(k, 'rationale', { nonEmpty: true }),
      source: c.str(k, 'source', { nonEmpty: true }),
    };
    if (opts.batch === undefined || opts.batch === batch) rows.push(row);
  });
  return rows;
}

/**
 * The columns of data/study/code-bec.csv, in file order (read by {@link loadCodeBec}, written by scripts/build-code-tables.ts).
 * @example CODE_BEC_COLUMNS[3]; // => 'bec4'
 */
export const CODE_BEC_COLUMNS: readonly string[] = Object.freeze([
  'code',
  'hs6',
  'hs_vintage',
  'bec4',
  'end_use',
  'relationship',
  'rule',
  'source',
]);

/**
 * Load each curated code's HS6, HS vintage, BEC Rev.4 code and end use (data/study/code-bec.csv).
 *
 * @param dir folder holding code-bec.csv (default `<project>/data/study`)
 * @throws {InputError} on a code not 8 digits, an hs6 that is not the code's first six digits, an unknown
 *   vintage, a BEC code not in the end-use table, an end_use that disagrees with the BEC code, or a duplicate code
 * @example loadCodeBec().find((r) => r.code === '84862031');
 * // => { code: '84862031', hs6: '848620', hs_vintage: 'HS2012', bec4: '41', end_use: 'capital', … }
 */
export function loadCodeBec(dir?: string): CodeBecRow[] {
  const fn = 'loadCodeBec';
  const c = open(fn, dir, 'code-bec.csv', [...CODE_BEC_COLUMNS]);
  const seen = new Set<string>();
  return c.t.rows.map((_, k) => {
    const code = c.code(k, 'code');
    if (seen.has(code)) failAt(fn, c.where(k, 'code'), 'duplicate code', code);
    seen.add(code);
    const hs6 = c.code(k, 'hs6', 6);
    if (!code.startsWith(hs6)) failAt(fn, c.where(k, 'hs6'), `hs6 is not the first six digits of ${code}`, hs6);
    const bec4 = c.str(k, 'bec4').trim();
    const eu = BEC_END_USE[bec4];
    if (eu === undefined) failAt(fn, c.where(k, 'bec4'), 'not a BEC Rev.4 code of the end-use table', bec4);
    const end_use = c.oneOf(k, 'end_use', ['capital', 'intermediate', 'consumption', 'unclassified'] as const);
    if (end_use !== eu) failAt(fn, c.where(k, 'end_use'), `BEC ${bec4} is ${eu}`, end_use);
    return {
      code,
      hs6,
      hs_vintage: c.oneOf(k, 'hs_vintage', ['HS2012', 'HS2017', 'HS2022'] as const),
      bec4,
      end_use,
      relationship: c.str(k, 'relationship'),
      rule: c.str(k, 'rule', { nonEmpty: true }),
      source: c.str(k, 'source', { nonEmpty: true }),
    };
  });
}

/**
 * Load the code changes inside 2015–2025 (data/study/code-bridges.csv).
 *
 * @param dir folder holding code-bridges.csv (default `<project>/data/study`)
 * @throws {InputError} on a code not 8 digits, old = new, a year outside 2016–2025, an unknown kind, or a duplicate pair
 * @example loadCodeBridges().filter((b) => b.old_code === '85423100').map((b) => b.new_code);
 * // => ['85423111', '85423119', '85423190']
 */
export function loadCodeBridges(dir?: string): CodeBridgeRow[] {
  const fn = 'loadCodeBridges';
  const c = open(fn, dir, 'code-bridges.csv', ['old_code', 'new_code', 'year_changed', 'kind', 'note', 'source']);
  const seen = new Set<string>();
  return c.t.rows.map((_, k) => {
    const old_code = c.code(k, 'old_code');
    const new_code = c.code(k, 'new_code');
    if (old_code === new_code) failAt(fn, c.where(k, 'new_code'), 'a code cannot bridge to itself', new_code);
    const key = `${old_code}>${new_code}`;
    if (seen.has(key)) failAt(fn, c.where(k, 'new_code'), `duplicate bridge from ${old_code}`, new_code);
    seen.add(key);
    return {
      old_code,
      new_code,
      year_changed: c.int(k, 'year_changed', STUDY_FIRST_YEAR + 1, STUDY_LAST_YEAR),
      kind: c.oneOf(k, 'kind', ['split', 'rename', 'merge'] as const),
      note: c.str(k, 'note'),
      source: c.str(k, 'source', { nonEmpty: true }),
    };
  });
}

/**
 * Code → group id for one batch (the grouping step's key).
 *
 * @throws {InputError} as {@link loadCodes}
 * @example codeGroupMap(1).get('84862031'); // => 6
 */
export function codeGroupMap(batch: Batch, dir?: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of loadCodes({ batch, dir })) m.set(r.code, r.group_id);
  return new Map([...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/**
 * Cross-file checks of the curated tables: every code row's technology exists (with has_codes=yes) in
 * its batch, every group id exists in groups.csv, every curated code has a code-bec row, and every
 * bridge touches a curated code. Returns the list of problems (empty = consistent).
 *
 * @throws {InputError} when a file itself is malformed (as the loaders)
 * @example checkStudyTables(); // => []
 */
export function checkStudyTables(dir?: string): string[] {
  const problems: string[] = [];
  const groups = new Set(loadGroups(dir).map((g) => g.group_id));
  const techs = new Map(loadTechnologies(dir).map((t) => [`${t.batch}|${t.tech_id}`, t]));
  const codes = loadCodes({ dir });
  const bec = new Set(loadCodeBec(dir).map((r) => r.code));
  const curated = new Set(codes.map((r) => r.code));
  for (const r of codes) {
    const t = techs.get(`${r.batch}|${r.tech_id}`);
    if (!t)
      problems.push(`codes.csv: batch ${r.batch} technology ${r.tech_id} (code ${r.code}) is not in technologies.csv`);
    else if (!t.has_codes)
      problems.push(`codes.csv: technology ${r.tech_id} of batch ${r.batch} has has_codes=no but code ${r.code}`);
    if (!groups.has(r.group_id)) problems.push(`codes.csv: group ${r.group_id} (code ${r.code}) is not in groups.csv`);
  }
  for (const code of curated) if (!bec.has(code)) problems.push(`code-bec.csv: no row for curated code ${code}`);
  for (const b of loadCodeBridges(dir))
    if (!curated.has(b.old_code) && !curated.has(b.new_code))
      problems.push(`code-bridges.csv: ${b.old_code} → ${b.new_code} touches no curated code`);
  for (const t of techs.values())
    if (t.has_codes && !codes.some((r) => r.batch === t.batch && r.tech_id === t.tech_id))
      problems.push(`technologies.csv: batch ${t.batch} technology ${t.tech_id} has has_codes=yes but no codes`);
  return problems;
}
