/**
 * Step 5 on real data in one HS vintage. China's annual HS6 imports are reported in the revision
 * of each year (HS2012 to 2016, HS2017 to 2021, HS2022 from 2022), so classifying each year with
 * its own HS→BEC table puts mechanical breaks into the end-use totals in 2017 and 2022 (a heading
 * that moves to a code of another BEC class moves its imports between capital goods and
 * intermediates). `npm run data:fetch -- comtrade --freq annual --codes all` writes both files:
 * `comtrade-annual-hs6.csv` (as reported) and `comtrade-annual-hs6-<vintage>.csv` (every year
 * converted to one vintage with UNSD's correlation tables, io/hs-vintage). This module reads them,
 * prefers the converted one, and sets the two macro series side by side to show the breaks.
 *
 * @module steps/macro-vintage
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from '../core/errors.js';
import type { GroupRow } from '../io/data.js';
import { HS_VINTAGES, type HsVintage } from '../io/hs-vintage.js';
import { importedDir } from '../io/paths.js';
import { macroReal, type AnnualHs6, type HsBecTables } from './macro-real.js';
import type { SubtractRule } from './macro-semis.js';

/** The annual HS6 file as reported by data:fetch. */
export const ANNUAL_HS6_FILE = 'comtrade-annual-hs6.csv';

/**
 * The name of the annual HS6 file converted to one vintage.
 * @example annualHs6File('HS2012'); // => 'comtrade-annual-hs6-HS2012.csv'
 */
export function annualHs6File(vintage: HsVintage): string {
  if (!HS_VINTAGES.includes(vintage)) fail('annualHs6File', `unknown vintage (${HS_VINTAGES.join(', ')})`, vintage);
  return `comtrade-annual-hs6-${vintage}.csv`;
}

/**
 * Read an annual HS6 file of data:fetch (`year,hs6,revision,value_usd`, `#` lines first).
 * @throws {StudyError} on a missing header column or a bad row (naming file and line)
 * @example fs.writeFileSync(path.join(os.tmpdir(), 'a.csv'), '# real data\nyear,hs6,revision,value_usd\n2015,848690,HS2012,7\n');
 * readAnnualHs6(path.join(os.tmpdir(), 'a.csv')); // => [{ year: 2015, hs6: '848690', revision: 'HS2012', value_usd: 7 }]
 */
export function readAnnualHs6(file: string): AnnualHs6[] {
  const fn = 'readAnnualHs6';
  if (!fs.existsSync(file)) fail(fn, 'file not found', file);
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  let k = 0;
  while (k < lines.length && lines[k].startsWith('#')) k++;
  if (lines[k]?.trim() !== 'year,hs6,revision,value_usd')
    fail(fn, `${path.basename(file)} line ${k + 1}: expected the header year,hs6,revision,value_usd`, lines[k]);
  const rows: AnnualHs6[] = [];
  for (let i = k + 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const [y, hs6, revision, v] = lines[i].split(',');
    const year = Number(y);
    const value_usd = Number(v);
    if (!Number.isInteger(year) || !/^\d{6}$/.test(hs6) || !HS_VINTAGES.includes(revision as HsVintage))
      fail(fn, `${path.basename(file)} line ${i + 1}: expected year, 6-digit code and HS2012/HS2017/HS2022`, lines[i]);
    if (!Number.isFinite(value_usd) || value_usd < 0)
      fail(fn, `${path.basename(file)} line ${i + 1}: value must be a non-negative number`, v);
    rows.push({ year, hs6, revision: revision as HsVintage, value_usd });
  }
  return rows;
}

/** The annual HS6 data present in a folder. */
export interface AnnualHs6Data {
  /** As reported (each year in its own revision), when the file exists. */
  asReported?: { file: string; rows: AnnualHs6[] };
  /** Converted to one vintage, when such a file exists (HS2012 first, then HS2017, HS2022). */
  converted?: { file: string; vintage: HsVintage; rows: AnnualHs6[] };
  /** The rows the macro step uses: the converted ones when present (one vintage), else as reported. */
  preferred?: { file: string; vintage: HsVintage | 'as-reported'; rows: AnnualHs6[] };
}

/**
 * The annual HS6 data in the imported-data folder (or `dir`): the converted file is preferred.
 * @example findAnnualHs6(os.tmpdir()).preferred; // => undefined (no annual data there)
 */
export function findAnnualHs6(dir: string = importedDir()): AnnualHs6Data {
  const out: AnnualHs6Data = {};
  const rep = path.join(dir, ANNUAL_HS6_FILE);
  if (fs.existsSync(rep)) out.asReported = { file: rep, rows: readAnnualHs6(rep) };
  for (const vintage of HS_VINTAGES) {
    const f = path.join(dir, annualHs6File(vintage));
    if (fs.existsSync(f)) {
      out.converted = { file: f, vintage, rows: readAnnualHs6(f) };
      break;
    }
  }
  if (out.converted) out.preferred = out.converted;
  else if (out.asReported) out.preferred = { ...out.asReported, vintage: 'as-reported' };
  return out;
}

/** One year of the macro shares as reported and in one vintage. */
export interface VintageBreakRow {
  year: number;
  capital_reported_pct: number;
  capital_converted_pct: number;
  intermediate_reported_pct: number;
  intermediate_converted_pct: number;
  /** Change from the previous year, percentage points (null in the first year). */
  capital_reported_change_pp: number | null;
  capital_converted_change_pp: number | null;
  intermediate_reported_change_pp: number | null;
  intermediate_converted_change_pp: number | null;
  /** True in a year whose data start a new HS revision as reported (2017, 2022). */
  revisionBreak: boolean;
}

/**
 * Capital goods and intermediates as % of GDP from the as-reported and the converted annual rows,
 * side by side, with each year's change: in a year that starts a new revision (2017, 2022) the
 * difference between the two changes is the mechanical break the conversion removes.
 * @example vintageBreaks(
 *   [{ year: 2016, hs6: '901380', revision: 'HS2012', value_usd: 10 }, { year: 2017, hs6: '901380', revision: 'HS2017', value_usd: 10 }],
 *   [{ year: 2016, hs6: '901380', revision: 'HS2012', value_usd: 10 }, { year: 2017, hs6: '901380', revision: 'HS2012', value_usd: 10 }],
 *   { HS2012: new Map([['901380', ['41']]]), HS2017: new Map([['901380', ['42']]]), HS2022: new Map() },
 *   [{ year: 2016, gdp_usd: 1000 }, { year: 2017, gdp_usd: 1000 }], loadGroups(), new Map())[1].capital_reported_change_pp;
 * // => -1 (as reported the code leaves capital goods in 2017; converted it stays: change 0)
 */
export function vintageBreaks(
  asReported: AnnualHs6[],
  converted: AnnualHs6[],
  tables: HsBecTables,
  gdp: { year: number; gdp_usd: number }[],
  groups: GroupRow[],
  hs6Group: Map<string, number | { group_id: number; share: number }[]>,
  subtract: SubtractRule = 'code-class',
): VintageBreakRow[] {
  const a = macroReal(asReported, tables, gdp, groups, hs6Group, { subtract }).rows;
  const b = new Map(macroReal(converted, tables, gdp, groups, hs6Group, { subtract }).rows.map((r) => [r.year, r]));
  const firstOfRevision = new Set<number>();
  const revOf = new Map<number, string>();
  for (const r of asReported) revOf.set(r.year, r.revision);
  for (const [y, rev] of revOf) if (revOf.has(y - 1) && revOf.get(y - 1) !== rev) firstOfRevision.add(y);
  const out: VintageBreakRow[] = [];
  for (const r of a) {
    const c = b.get(r.year);
    if (!c) continue;
    const prev = out[out.length - 1];
    const ch = (now: number, before: number | undefined) => (prev && prev.year === r.year - 1 ? now - before! : null);
    out.push({
      year: r.year,
      capital_reported_pct: r.capital_pct,
      capital_converted_pct: c.capital_pct,
      intermediate_reported_pct: r.intermediate_pct,
      intermediate_converted_pct: c.intermediate_pct,
      capital_reported_change_pp: ch(r.capital_pct, prev?.capital_reported_pct),
      capital_converted_change_pp: ch(c.capital_pct, prev?.capital_converted_pct),
      intermediate_reported_change_pp: ch(r.intermediate_pct, prev?.intermediate_reported_pct),
      intermediate_converted_change_pp: ch(c.intermediate_pct, prev?.intermediate_converted_pct),
      revisionBreak: firstOfRevision.has(r.year),
    });
  }
  return out;
}
