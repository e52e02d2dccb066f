/**
 * Partial partners: a UN Comtrade file (or fetch) whose values are the sum of some partner rows,
 * with no partner 0 (World) row to say what China's total imports were. The importer
 * (lib/io/importers/comtrade.ts) records which partners it summed ({@link PartnerSum}); the import
 * report, the imported panel's manifest (`partners`), the panel's label (so the notebook banner and
 * every chart's source note) and `npm start` say it in one line ({@link partnerSumText}):
 * "sum of 2 partners: Argentina, Germany — not China's total imports".
 *
 * Partner names come from the records' own `partnerDesc` (Comtrade+ answers and bulk CSVs carry it;
 * the legacy CSV's `Partner`). The project ships no table of UN M49 partner names (the China Customs
 * partner table in data/reference/china-customs/ uses China Customs' own codes, not M49), so a partner
 * without a description is named by its code: "partner 32, 276".
 *
 * @module io/partners
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from '../core/errors.js';

/** The partners a Comtrade import summed with no World total: what the values are, in words. */
export interface PartnerSum {
  /** Partner codes as the file gives them (UN M49), in numeric order. */
  codes: string[];
  /** The partners' names (the records' partnerDesc), '' where the file gives none; same order as `codes`. */
  names: string[];
  /** Code × month cells whose value is a sum of partner rows with no World row. */
  cells: number;
  /** Code × month cells with partner rows in the file (with or without a World row). */
  ofCells: number;
  /** The files the partners come from (for a panel merged from several imports). */
  files: string[];
  /** The one line for reports, banners and source notes ({@link partnerSumText}). */
  text: string;
}

/** Partners named in full in the line; more are counted ("and 12 more"). */
const NAMED = 8;

/**
 * The partners in words: names where known, codes otherwise ("Argentina, partner 276"; "partner 32, 276"
 * when none has a name), the first {@link NAMED} and a count of the rest.
 * @example partnerNames(['32', '276'], ['Argentina', 'Germany']); // => 'Argentina, Germany'
 * @example partnerNames(['32', '276'], ['', '']); // => 'partner 32, 276'
 * @example partnerNames(['32', '276'], ['Argentina', '']); // => 'Argentina, partner 276'
 */
export function partnerNames(codes: string[], names: string[]): string {
  if (codes.length !== names.length) fail('partnerNames', 'codes and names differ in length', [codes, names]);
  const shown = codes.slice(0, NAMED);
  const out: string[] = [];
  let unnamed: string[] = [];
  const flush = () => {
    if (unnamed.length) out.push(`partner ${unnamed.join(', ')}`);
    unnamed = [];
  };
  shown.forEach((c, k) => {
    if (names[k]) {
      flush();
      out.push(names[k]);
    } else unnamed.push(c);
  });
  flush();
  const more = codes.length - shown.length;
  return out.join(', ') + (more > 0 ? `, and ${more.toLocaleString('en-US')} more` : '');
}

/**
 * The one line: "sum of 2 partners: Argentina, Germany — not China's total imports", and, when only some
 * code × month cells lack a World row, how many ("in 3 of 10 code-months; the others have World totals").
 * @throws {StudyError} when no partner is given or the cell counts are not 0 ≤ cells ≤ ofCells
 * @example partnerSumText(['32', '276'], ['Argentina', 'Germany'], 4, 4);
 * // => "sum of 2 partners: Argentina, Germany — not China's total imports"
 * @example partnerSumText(['32'], [''], 3, 10);
 * // => "sum of 1 partner: partner 32 — not China's total imports (in 3 of 10 code-months; the others have World totals)"
 */
export function partnerSumText(codes: string[], names: string[], cells: number, ofCells: number): string {
  if (codes.length === 0) fail('partnerSumText', 'no partners', codes);
  if (!(cells >= 0 && cells <= ofCells)) fail('partnerSumText', 'cells must be 0 ≤ cells ≤ ofCells', [cells, ofCells]);
  const n = codes.length;
  const some =
    cells < ofCells
      ? ` (in ${cells.toLocaleString('en-US')} of ${ofCells.toLocaleString('en-US')} code-months; the others have World totals)`
      : '';
  return `sum of ${n.toLocaleString('en-US')} partner${n === 1 ? '' : 's'}: ${partnerNames(codes, names)} — not China's total imports${some}`;
}

/**
 * A {@link PartnerSum} from the partners (code → name, '' for none) of one file; codes in numeric order.
 * @example partnerSum(new Map([['276', 'Germany'], ['32', 'Argentina']]), 4, 4, 'a.json').codes; // => ['32', '276']
 */
export function partnerSum(partners: Map<string, string>, cells: number, ofCells: number, file: string): PartnerSum {
  const codes = [...partners.keys()].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  const names = codes.map((c) => partners.get(c) ?? '');
  return { codes, names, cells, ofCells, files: [file], text: partnerSumText(codes, names, cells, ofCells) };
}

/**
 * The partial partners of several imports merged into one panel (undefined when none has any): the union of
 * their partners (a name from any import that gives one), their cells added, and the files.
 * @example mergePartnerSums([undefined]); // => undefined
 * @example mergePartnerSums([partnerSum(new Map([['32', 'Argentina']]), 2, 2, 'a.json'), partnerSum(new Map([['276', '']]), 1, 1, 'b.json')])!.text;
 * // => "sum of 2 partners: Argentina, partner 276 — not China's total imports"
 */
export function mergePartnerSums(sums: (PartnerSum | undefined)[]): PartnerSum | undefined {
  const have = sums.filter((s): s is PartnerSum => !!s);
  if (have.length === 0) return undefined;
  const names = new Map<string, string>();
  for (const s of have) s.codes.forEach((c, k) => names.set(c, names.get(c) || s.names[k]));
  const cells = have.reduce((t, s) => t + s.cells, 0);
  const ofCells = have.reduce((t, s) => t + s.ofCells, 0);
  const merged = partnerSum(names, cells, ofCells, have[0].files[0]);
  merged.files = have.flatMap((s) => s.files);
  return merged;
}

/**
 * The partial partners an imported panel's manifest records (its `partners` field), or undefined when it has
 * none or the field is not a partner sum.
 * @example partnersOfManifest({ partners: { text: "sum of 1 partner: partner 32 — not China's total imports" } });
 * // => "sum of 1 partner: partner 32 — not China's total imports"
 * @example partnersOfManifest({ kind: 'imported' }); // => undefined
 */
export function partnersOfManifest(manifest: unknown): string | undefined {
  const p = (manifest as { partners?: { text?: unknown } } | null | undefined)?.partners;
  return typeof p?.text === 'string' && p.text !== '' ? p.text : undefined;
}

/**
 * The partial-partner line of the imported panel in `dir` (the `partners` of its manifest.json), or undefined
 * when the folder has no manifest or the manifest records none.
 * @throws {StudyError} when the manifest is not valid JSON
 * @example importedPartners(fs.mkdtempSync(path.join(os.tmpdir(), 'none-'))); // => undefined
 */
export function importedPartners(dir: string): string | undefined {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) return undefined;
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    fail('importedPartners', 'the import manifest is not valid JSON', file);
  }
  return partnersOfManifest(manifest);
}
