/**
 * The macro claim against control economies: capital goods and intermediates as % of GDP for each
 * economy (the same BEC classes and one HS vintage as China's, lib/steps/macro-real), and the question
 * "did China's share fall more than the controls'?" answered per series: China's change in
 * percentage points beside each control's, the controls' median, and China's rank.
 *
 * GDP of the control economies: World Bank WDI NY.GDP.MKTP.CD, current US dollars, as shipped in
 * data/reference/world-bank/controls-gdp-current-usd.csv (one vintage for every economy, China
 * included; provenance in data/reference/README.md). Taiwan (Comtrade 490) has no World Bank GDP.
 *
 * @module steps/controls-macro
 */
import { fail } from '../core/errors.js';
import { parseCsv } from '../io/csv.js';
import { readReferenceText } from '../io/paths.js';
import type { GdpRow } from '../io/published.js';
import { loadGroups } from '../io/data.js';
import { reporterDir } from '../io/reporters.js';
import { hs6Allocation } from './hs6-grouping.js';
import { loadHsBecTables, macroReal } from './macro-real.js';
import { findAnnualHs6 } from './macro-vintage.js';

/** The control economies' GDP file under data/reference/. */
export const CONTROLS_GDP_FILE = 'world-bank/controls-gdp-current-usd.csv';

/** One economy-year of GDP. */
export interface ControlGdpRow extends GdpRow {
  iso3: string;
  country: string;
}

let cached: ControlGdpRow[] | undefined;

/**
 * Every row of the control economies' GDP file (12 economies, 2014–2023).
 * @throws {StudyError} on a missing column or a non-positive GDP
 * @example loadControlsGdp().filter((r) => r.iso3 === 'KOR').length; // => 10
 */
export function loadControlsGdp(text?: string): ControlGdpRow[] {
  if (text === undefined && cached) return cached;
  const t = parseCsv(text ?? readReferenceText(CONTROLS_GDP_FILE), text === undefined ? CONTROLS_GDP_FILE : 'text');
  for (const c of ['country', 'iso3', 'year', 'gdp_current_usd', 'source'])
    if (!t.header.includes(c)) fail('loadControlsGdp', `missing column "${c}"`, t.header.join(','));
  const out = t.rows.map((r) => {
    const gdp = Number(r.gdp_current_usd);
    if (!(gdp > 0)) fail('loadControlsGdp', `GDP must be positive (${r.iso3} ${r.year})`, r.gdp_current_usd);
    return { country: r.country, iso3: r.iso3, year: Number(r.year), gdp_usd: gdp, source: r.source };
  });
  if (text === undefined) cached = out;
  return out;
}

/**
 * One economy's GDP rows by ISO3 (empty when the file has none, e.g. Taiwan).
 * @example controlGdp('USA').find((r) => r.year === 2015)!.gdp_usd; // => 18295019000000
 * @example controlGdp('S19'); // => []
 */
export function controlGdp(iso3: string): GdpRow[] {
  return loadControlsGdp()
    .filter((r) => r.iso3 === iso3)
    .map(({ year, gdp_usd, source }) => ({ year, gdp_usd, source }));
}

/** One economy's macro series (% of GDP) by year. */
export interface EconomyMacro {
  economy: string;
  year: number;
  capital_pct: number;
  intermediate_pct: number;
}

/** One series' change from the first to the last year, China beside the controls. */
export interface MacroChangeRow {
  series: 'capital_pct' | 'intermediate_pct';
  /** China's change, percentage points. */
  china_pp: number;
  /** Each control's change, percentage points. */
  controls: { economy: string; pp: number }[];
  controls_median_pp: number;
  /** China's rank among all economies by change, 1 = largest fall. */
  china_rank: number;
  economies: number;
  /** China's fall exceeds every control's. */
  fell_more_than_all: boolean;
  /** China's change minus the controls' median (negative: China fell more). */
  china_minus_median_pp: number;
}

/**
 * The median of numbers (mean of the middle two for an even count).
 * @throws {StudyError} on an empty list
 * @example median([3, 1, 2]); // => 2
 * @example median([4, 1, 2, 3]); // => 2.5
 */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) fail('median', 'no numbers');
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * Did China's share fall more than the controls'? For capital goods and intermediates (% of GDP):
 * each economy's change from `from` to `to` in percentage points, the controls' median, China's rank
 * (1 = the largest fall among all economies).
 * @throws {StudyError} when China or every control lacks either year
 * @example const rows = [
 *   { economy: 'CHN', year: 2015, capital_pct: 2, intermediate_pct: 6 }, { economy: 'CHN', year: 2023, capital_pct: 1.2, intermediate_pct: 5 },
 *   { economy: 'KOR', year: 2015, capital_pct: 3, intermediate_pct: 9 }, { economy: 'KOR', year: 2023, capital_pct: 2.9, intermediate_pct: 9.5 },
 *   { economy: 'JPN', year: 2015, capital_pct: 1, intermediate_pct: 5 }, { economy: 'JPN', year: 2023, capital_pct: 0.7, intermediate_pct: 5.2 }];
 * compareMacroChanges(rows, 'CHN', 2015, 2023).map((r) => [r.china_pp, r.controls_median_pp, r.china_rank]);
 * // => [[-0.8, -0.2, 1], [-1, 0.35, 1]] (hand-computed: KOR −0.1 and JPN −0.3 → median −0.2)
 */
export function compareMacroChanges(
  rows: readonly EconomyMacro[],
  china: string,
  from: number,
  to: number,
): MacroChangeRow[] {
  const fn = 'compareMacroChanges';
  const at = (e: string, y: number) => rows.find((r) => r.economy === e && r.year === y);
  const economies = [...new Set(rows.map((r) => r.economy))];
  const round = (x: number) => Math.round(x * 1e9) / 1e9;
  return (['capital_pct', 'intermediate_pct'] as const).map((series) => {
    const change = (e: string): number | undefined => {
      const a = at(e, from);
      const b = at(e, to);
      return a && b ? round(b[series] - a[series]) : undefined;
    };
    const c = change(china);
    if (c === undefined) fail(fn, `China (${china}) lacks ${from} or ${to}`, china);
    const controls = economies
      .filter((e) => e !== china)
      .map((e) => ({ economy: e, pp: change(e) }))
      .filter((x): x is { economy: string; pp: number } => x.pp !== undefined);
    if (controls.length === 0) fail(fn, `no control economy has both ${from} and ${to}`, economies);
    const med = round(median(controls.map((x) => x.pp)));
    return {
      series,
      china_pp: c!,
      controls,
      controls_median_pp: med,
      china_rank: 1 + controls.filter((x) => x.pp < c!).length,
      economies: controls.length + 1,
      fell_more_than_all: controls.every((x) => c! < x.pp),
      china_minus_median_pp: round(c! - med),
    };
  });
}

/**
 * A reporter's macro series from its fetched annual HS6 data (`npm run data:fetch -- comtrade --reporter X --freq
 * annual --codes all`, converted to one vintage): capital goods and intermediates as % of that economy's GDP
 * (data/reference/world-bank/controls-gdp-current-usd.csv), or undefined when the data or the GDP are missing.
 * @example importedMacro('410', 'KOR', os.tmpdir()); // => undefined (no annual data there)
 */
export function importedMacro(reporterCode: string, iso3: string, dir?: string): EconomyMacro[] | undefined {
  const annual = findAnnualHs6(dir ?? reporterDir(reporterCode)).preferred;
  const gdp = loadControlsGdp().filter((r) => r.iso3 === iso3);
  if (!annual || gdp.length === 0) return undefined;
  const years = new Set(gdp.map((g) => g.year));
  const rows = annual.rows.filter((r) => years.has(r.year));
  if (rows.length === 0) return undefined;
  const res = macroReal(rows, loadHsBecTables(), gdp, loadGroups(), hs6Allocation(1));
  return res.rows.map((r) => ({
    economy: iso3,
    year: r.year,
    capital_pct: r.capital_pct,
    intermediate_pct: r.intermediate_pct,
  }));
}
