/**
 * UN Comtrade reporters: the API's reporter reference list (`Reporters.json`, shipped in
 * data/reference/un-comtrade/ with its provenance), read into typed rows; a reporter named by its
 * Comtrade code, ISO3 code or name resolved to one row, with a clear error naming close matches;
 * and where a reporter's imported data live (China in the imported folder itself, every other
 * reporter in `reporters/<code>/` beside it, so data of several reporters are never mixed).
 *
 * Comtrade reporter codes are M49-like but differ from M49 for some economies: USA 842 (M49 840),
 * Switzerland 757 (756), India 699 (356), France 251 (250), Norway 579 (578). Taiwan has no row of
 * its own: its trade is reported as "Other Asia, nes" (code 490, ISO3 `S19`, a group in the list).
 *
 * @module io/reporters
 */
import * as path from 'node:path';
import { fail } from '../core/errors.js';
import { importedDir, readReferenceText } from './paths.js';

/** China's Comtrade reporter code, the study's default reporter. */
export const CHINA_REPORTER = '156';
/** The reference list's file under data/reference/. */
export const REPORTERS_FILE = 'un-comtrade/Reporters.json';

/** One reporter of the API's reference list. */
export interface Reporter {
  /** Comtrade reporter code, as text ('156', '842', '490'). */
  code: string;
  /** The API's short description ('Rep. of Korea', 'USA', 'Other Asia, nes'). */
  name: string;
  /** The API's note (the long name: 'USA, Puerto Rico and US Virgin Islands'). */
  note: string;
  /** ISO 3166 alpha-3 as the API writes it ('KOR'; 'S19' for Other Asia, nes). */
  iso3: string;
  /** A group of economies (the EU, Other Asia, nes …) rather than one economy. */
  isGroup: boolean;
  /** First date of the entry (YYYY-MM-DD). */
  from: string;
  /** Last date of the entry, when it has expired. */
  to?: string;
}

/**
 * Read the API's reporter list (`{"results": [{reporterCode, reporterDesc, reporterNote,
 * reporterCodeIsoAlpha3, isGroup, entryEffectiveDate, entryExpiredDate?}, …]}`).
 * @throws {StudyError} when the text is not that shape, naming the entry
 * @example parseReporters('{"results":[{"reporterCode":410,"reporterDesc":"Rep. of Korea","reporterNote":"Republic of Korea","reporterCodeIsoAlpha3":"KOR","isGroup":false,"entryEffectiveDate":"1900-01-01T00:00:00"}]}');
 * // => [{ code: '410', name: 'Rep. of Korea', note: 'Republic of Korea', iso3: 'KOR', isGroup: false, from: '1900-01-01' }]
 */
export function parseReporters(text: string): Reporter[] {
  const fn = 'parseReporters';
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    fail(fn, `not JSON (${(e as Error).message})`);
  }
  const rows = (doc as { results?: unknown })?.results;
  if (!Array.isArray(rows)) fail(fn, 'expected {"results": [...]}', doc);
  return (rows as Record<string, unknown>[]).map((r, i) => {
    if (typeof r !== 'object' || r === null) fail(fn, `results[${i}] is not an object`, r);
    const code = r.reporterCode;
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 0)
      fail(fn, `results[${i}].reporterCode must be a whole number`, code);
    if (typeof r.reporterDesc !== 'string' || !r.reporterDesc) fail(fn, `results[${i}].reporterDesc is missing`, r);
    const out: Reporter = {
      code: String(code),
      name: r.reporterDesc as string,
      note: typeof r.reporterNote === 'string' ? r.reporterNote : '',
      iso3: typeof r.reporterCodeIsoAlpha3 === 'string' ? r.reporterCodeIsoAlpha3 : '',
      isGroup: r.isGroup === true,
      from: String(r.entryEffectiveDate ?? '').slice(0, 10),
    };
    if (typeof r.entryExpiredDate === 'string' && r.entryExpiredDate) out.to = r.entryExpiredDate.slice(0, 10);
    return out;
  });
}

let cached: Reporter[] | undefined;

/**
 * The shipped reporter list (data/reference/un-comtrade/Reporters.json, 255 entries, the API's file of 2025-06-05).
 * @example loadReporters().find((r) => r.code === '842')!.name; // => 'USA'
 */
export function loadReporters(): Reporter[] {
  cached ??= parseReporters(readReferenceText(REPORTERS_FILE));
  return cached;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}

/**
 * One reporter named by its Comtrade code ('410'), ISO3 code ('KOR', any case) or name ('Rep. of Korea',
 * 'Republic of Korea', any case). Expired entries are matched by code only.
 * @throws {StudyError} for an unknown name, listing up to 5 close matches ("KORR" → KOR Rep. of Korea, …); for Taiwan, naming 490
 * @example resolveReporter('kor').code; // => '410'
 * @example resolveReporter('490').name; // => 'Other Asia, nes'
 * @example resolveReporter('USA').code; // => '842'
 */
export function resolveReporter(token: string, list: readonly Reporter[] = loadReporters()): Reporter {
  const t = token.trim();
  if (!t) fail('resolveReporter', 'empty reporter name', token);
  const live = list.filter((r) => !r.to);
  const u = t.toUpperCase();
  const hit = /^\d+$/.test(t)
    ? list.find((r) => r.code === String(Number(t)))
    : (live.find((r) => r.iso3.toUpperCase() === u) ??
      live.find((r) => r.name.toUpperCase() === u || r.note.toUpperCase() === u));
  if (hit) return hit;
  if (/^(TWN|TAIWAN|CHINESE TAIPEI|TAIPEI)$/.test(u))
    fail(
      'resolveReporter',
      'Comtrade has no reporter Taiwan: its trade is reported as "Other Asia, nes": give 490',
      token,
    );
  const close = live
    .map((r) => ({
      r,
      d: Math.min(
        distance(u, r.iso3.toUpperCase()),
        distance(u, r.name.toUpperCase()),
        r.name.toUpperCase().includes(u) || r.note.toUpperCase().includes(u) ? 0 : Infinity,
      ),
    }))
    .filter((x) => x.d <= Math.max(2, Math.floor(u.length / 3)))
    .sort((a, b) => a.d - b.d || Number(a.r.code) - Number(b.r.code))
    .slice(0, 5)
    .map((x) => `${x.r.iso3} ${x.r.code} ${x.r.name}`);
  return fail(
    'resolveReporter',
    `unknown reporter (give a Comtrade code, an ISO3 code or a name of data/reference/${REPORTERS_FILE})${close.length ? `; close matches: ${close.join('; ')}` : ''}`,
    token,
  );
}

/**
 * A comma list of reporters, resolved, without repeats, in the order given.
 * @throws {StudyError} as {@link resolveReporter}, or for an empty list
 * @example resolveReporters('KOR,JPN,USA,DEU,VNM,IND,490').map((r) => r.code); // => ['410', '392', '842', '276', '704', '699', '490']
 */
export function resolveReporters(spec: string, list: readonly Reporter[] = loadReporters()): Reporter[] {
  const parts = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) fail('resolveReporters', 'no reporter given', spec);
  const out: Reporter[] = [];
  for (const p of parts) {
    const r = resolveReporter(p, list);
    if (!out.some((o) => o.code === r.code)) out.push(r);
  }
  return out;
}

/**
 * A reporter for captions: 'Rep. of Korea (KOR, 410)'; 490 says it is Taiwan's trade.
 * @example reporterLabel(resolveReporter('490')); // => 'Other Asia, nes (490: Taiwan as Comtrade reports it)'
 * @example reporterLabel(resolveReporter('156')); // => 'China (CHN, 156)'
 */
export function reporterLabel(r: Reporter): string {
  if (r.code === '490') return `${r.name} (490: Taiwan as Comtrade reports it)`;
  return `${r.name} (${r.iso3}, ${r.code})`;
}

/**
 * The folder of a reporter's imported data: China's is the imported folder itself (as before),
 * every other reporter's `<imported>/reporters/<code>/`, so no two reporters share a file.
 * @example path.relative(importedDir(), reporterDir('410')); // => 'reporters/410'
 * @example reporterDir('156') === importedDir(); // => true
 */
export function reporterDir(code: string = CHINA_REPORTER, base: string = importedDir()): string {
  if (!/^\d+$/.test(code)) fail('reporterDir', 'reporter code must be digits', code);
  return code === CHINA_REPORTER ? base : path.join(base, 'reporters', code);
}
