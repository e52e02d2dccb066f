/**
 * Read China Customs' HS8 code lists (`data/reference/china-customs/hs8-{zh,en}-YYYY.csv.gz`,
 * 2015–2025; there is no English 2024 list). The lists are real, published tables (see
 * data/reference/README.md for source and licence); the project ships them gzip-compressed and
 * reads a plain `.csv` too when an override folder (`STUDY_REFERENCE_DIR`) holds one.
 *
 * A missing list THROWS a {@link StudyError} naming it (never an empty list that could pass for
 * "code not found"). {@link hasCodeLists} tells whether a folder holds the lists.
 *
 * Loaded lists are cached in memory per (folder, year, language).
 *
 * @module io/reference
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail, failAt } from '../core/errors.js';
import { parseCsv } from './csv.js';
import { readReferenceText, referenceDir, referenceFile } from './paths.js';

/** Description language of a code list. */
export type CodeListLang = 'zh' | 'en';

/** One HS8 line of a China Customs code list. */
export interface CodeListEntry {
  /** 8-digit code as text (leading zeros kept). */
  code: string;
  /** Official description; `null` when the source has `#N/A`. A `?` inside is a character lost at the source. */
  description: string | null;
  /** First unit of quantity (name), `null` when absent. */
  unit1: string | null;
  /** Second unit of quantity (name), `null` when the source has `?`, `#N/A` or nothing (no second unit). */
  unit2: string | null;
}

/** First and last year of the code lists (the study window for code checks). */
export const CODE_LIST_FIRST_YEAR = 2015;
/** Last year of the code lists. */
export const CODE_LIST_LAST_YEAR = 2025;

const COLUMNS: Record<CodeListLang, { code: string; desc: string; year: string; unit1: string; unit2: string }> = {
  en: { code: 'CODES', desc: 'DESCRIPTION', year: 'YEAR', unit1: 'UNIT_1_DESCRIPTION', unit2: 'UNIT_2_DESCRIPTION' },
  zh: { code: '商品编码', desc: '商品名称', year: '年份', unit1: '第一计量单位名称', unit2: '第二计量单位名称' },
};

const cache = new Map<string, CodeListEntry[]>();
const indexCache = new Map<string, Map<string, CodeListEntry>>();

/**
 * Whether a reference folder holds the China Customs code lists (the project's own always does).
 * @example hasCodeLists(); // => true
 */
export function hasCodeLists(dir: string | undefined = referenceDir()): boolean {
  return dir !== undefined && referenceFile(listRel(CODE_LIST_FIRST_YEAR, 'zh'), dir) !== undefined;
}

/**
 * The years for which a code list exists in a language (zh: 2015–2025; en: 2015–2023 and 2025).
 * @throws {StudyError} when the reference folder is absent
 * @example codeListYears('en'); // => [2015, 2016, …, 2023, 2025]
 */
export function codeListYears(lang: CodeListLang = 'zh', dir: string | undefined = referenceDir()): number[] {
  const base = requireDir('codeListYears', dir);
  const out: number[] = [];
  for (let y = CODE_LIST_FIRST_YEAR; y <= CODE_LIST_LAST_YEAR; y++)
    if (referenceFile(listRel(y, lang), base)) out.push(y);
  return out;
}

/**
 * Load one year's China Customs HS8 code list: every line's code and official description.
 * Handles the trailing empty column, `#N/A` (→ `null`) and `?` unit markers (→ `null`); checks that
 * every code is 8 digits and every row carries the requested year.
 *
 * @param year 2015–2025
 * @param lang 'zh' (every year) or 'en' (no 2024)
 * @param dir the reference folder (default {@link referenceDir})
 * @throws {StudyError} when the reference folder is absent, the year is out of range, or there is no list for (year, lang)
 * @throws {InputError} naming file/line/column on a malformed row
 * @example loadCodeList(2017, 'zh').find((r) => r.code === '85423111')?.description;
 * // => '具有变流功能的半导体模块'
 */
export function loadCodeList(
  year: number,
  lang: CodeListLang = 'zh',
  dir: string | undefined = referenceDir(),
): CodeListEntry[] {
  const fn = 'loadCodeList';
  const base = requireDir(fn, dir);
  if (!Number.isInteger(year) || year < CODE_LIST_FIRST_YEAR || year > CODE_LIST_LAST_YEAR)
    fail(fn, `year must be an integer ${CODE_LIST_FIRST_YEAR}–${CODE_LIST_LAST_YEAR}`, year);
  if (lang !== 'zh' && lang !== 'en') fail(fn, "lang must be 'zh' or 'en'", lang);
  const file = referenceFile(listRel(year, lang), base);
  if (file === undefined)
    fail(
      fn,
      `no ${lang} code list for ${year}${lang === 'en' && year === 2024 ? ' (there is no English 2024 list: use zh)' : ''}`,
      path.join(base, listRel(year, lang)),
    );
  const key = file;
  const hit = cache.get(key);
  if (hit) return hit;
  const table = parseCsv(readReferenceText(listRel(year, lang), base), file);
  const c = COLUMNS[lang];
  for (const col of [c.code, c.desc, c.year])
    if (!table.header.includes(col)) failAt(fn, { file, line: 1 }, `missing column "${col}"`, table.header);
  const na = (s: string | undefined): string | null => {
    const t = (s ?? '').trim();
    return t === '' || t === '#N/A' || t === '?' ? null : t;
  };
  const out: CodeListEntry[] = table.rows.map((r, k) => {
    const line = table.lines[k];
    const code = r[c.code].trim();
    if (!/^\d{8}$/.test(code)) failAt(fn, { file, line, column: c.code }, 'code is not 8 digits', code);
    if (Number(r[c.year]) !== year)
      failAt(fn, { file, line, column: c.year }, `year differs from the file's year ${year}`, r[c.year]);
    const d = r[c.desc].trim();
    return { code, description: d === '' || d === '#N/A' ? null : d, unit1: na(r[c.unit1]), unit2: na(r[c.unit2]) };
  });
  cache.set(key, out);
  return out;
}

/**
 * One year's list as a Map code → entry (cached).
 * @throws {StudyError} as {@link loadCodeList}
 * @example codeListIndex(2016, 'zh').get('84561000')?.description; // => '用激光、其他光或光子束处理材料的加工机床'
 */
export function codeListIndex(
  year: number,
  lang: CodeListLang = 'zh',
  dir: string | undefined = referenceDir(),
): Map<string, CodeListEntry> {
  const list = loadCodeList(year, lang, dir);
  const key = `${requireDir('codeListIndex', dir)}|${year}|${lang}`;
  let idx = indexCache.get(key);
  if (!idx) {
    idx = new Map(list.map((e) => [e.code, e]));
    indexCache.set(key, idx);
  }
  return idx;
}

/**
 * The years 2015–2025 in which a code appears in China's (Chinese-language) code lists, ascending.
 * The Chinese lists cover every year, so this is the authoritative validity check.
 *
 * @throws {StudyError} when the code is not 8 digits or the reference folder is absent
 * @example codeYears('84561000'); // => [2015, 2016]
 * @example codeYears('84775910'); // => [2015, 2016, 2017, 2018, 2019, 2020, 2021]
 */
export function codeYears(code: string, dir: string | undefined = referenceDir()): number[] {
  if (typeof code !== 'string' || !/^\d{8}$/.test(code)) fail('codeYears', 'code must be an 8-digit string', code);
  return codeListYears('zh', dir).filter((y) => codeListIndex(y, 'zh', dir).has(code));
}

/**
 * A code's official description from the latest list (of that language) that has it with a
 * non-missing description; `undefined` when no list has it.
 *
 * @throws {StudyError} when the reference folder is absent
 * @example codeDescription('84862031', 'zh'); // => { description: '制半导体器件或集成电路用的分步重复光刻机', year: 2025 }
 */
export function codeDescription(
  code: string,
  lang: CodeListLang = 'zh',
  dir: string | undefined = referenceDir(),
): { description: string; year: number } | undefined {
  const years = codeListYears(lang, dir);
  for (let k = years.length - 1; k >= 0; k--) {
    const e = codeListIndex(years[k], lang, dir).get(code);
    if (e && e.description !== null) return { description: e.description, year: years[k] };
  }
  return undefined;
}

/** Options of {@link searchCodeLists}. */
export interface CodeSearchOptions {
  /** Keywords (plain text, case-insensitive; a keyword may also be a code prefix like '8486'). */
  keywords: string[];
  /** Language of the descriptions searched (default 'zh'). */
  lang?: CodeListLang;
  /** One year to search; omitted = every year of that language (each code reported once, latest description). */
  year?: number;
  /** 'all' (default): every keyword must match; 'any': at least one. */
  match?: 'all' | 'any';
}

/** One hit of {@link searchCodeLists}. */
export interface CodeSearchHit {
  code: string;
  /** Description from the latest searched year that has the code. */
  description: string;
  /** The searched years in which the code appears. */
  years: number[];
}

/**
 * Keyword search over the code lists: codes whose description contains the keywords
 * (or whose code starts with a keyword made of digits). Results ascending by code.
 *
 * @throws {StudyError} on an empty keyword list, or when the reference folder is absent
 * @example searchCodeLists({ keywords: ['光刻机'], year: 2020 }).map((h) => h.code);
 * // => ['84862031', '84863031']
 */
export function searchCodeLists(opts: CodeSearchOptions, dir: string | undefined = referenceDir()): CodeSearchHit[] {
  const fn = 'searchCodeLists';
  const lang = opts.lang ?? 'zh';
  const kws = (opts.keywords ?? []).map((k) => String(k).trim().toLowerCase()).filter((k) => k !== '');
  if (kws.length === 0) fail(fn, 'give at least one non-empty keyword', opts.keywords);
  const years = opts.year === undefined ? codeListYears(lang, dir) : [opts.year];
  const hits = new Map<string, CodeSearchHit>();
  for (const y of years) {
    for (const e of loadCodeList(y, lang, dir)) {
      const text = (e.description ?? '').toLowerCase();
      const ok = (k: string): boolean => (/^\d+$/.test(k) ? e.code.startsWith(k) : text.includes(k));
      const matched = opts.match === 'any' ? kws.some(ok) : kws.every(ok);
      if (!matched) continue;
      const h = hits.get(e.code);
      if (h) {
        h.years.push(y);
        if (e.description !== null) h.description = e.description;
      } else hits.set(e.code, { code: e.code, description: e.description ?? '', years: [y] });
    }
  }
  return [...hits.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Empty the in-memory cache of loaded code lists (for tests that swap folders). @example clearCodeListCache(); // => undefined */
export function clearCodeListCache(): void {
  cache.clear();
  indexCache.clear();
}

/** A code list's path inside the reference folder (stored as is or as `.gz`). */
function listRel(year: number, lang: CodeListLang): string {
  return `china-customs/hs8-${lang}-${year}.csv`;
}

function requireDir(fn: string, dir: string | undefined): string {
  if (dir === undefined || !fs.existsSync(path.join(dir, 'china-customs')))
    fail(
      fn,
      'the reference folder has no china-customs/ code lists (the project ships them in data/reference/; check STUDY_REFERENCE_DIR)',
      dir,
    );
  return dir;
}
