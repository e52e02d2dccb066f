/**
 * Step 5 of the study: China's imports of capital goods and intermediates
 * (UN BEC end-use classes) as % of GDP, with the semiconductor-related groups
 * subtracted ("adjusted"), and comparison with the published endpoints.
 * Inputs are plain tables (independent of file formats).
 *
 * Names used by the examples below (run once before them, see docs/CONTRIBUTING.md):
 * @exampleSetup
 * const rows = macroTable({ dataSource: 'synthetic' }).rows; // the SYNTHETIC macro table
 *
 * @module steps/macro
 */
import { fail } from '../core/errors.js';
import { combinedYears } from '../core/jan-feb.js';
import type { EndUse } from '../core/types.js';
import type { Panel } from '../core/types.js';
import { becTotalsNote, loadBecTotals, type EndUseTotal } from '../io/bec-totals.js';
import { loadGroups, type GroupRow } from '../io/data.js';
import { loadPanel, sourceNote, type DataSourceKind } from '../io/panel.js';
import { loadGdp } from '../io/published.js';
import { groupPanel, type GroupPanel } from './grouping.js';
import { hs6Families, jointGroupRows, JOINT_GROUP_OFFSET } from './hs6-grouping.js';
export * from './macro-semis.js';
import {
  withoutCodes,
  annualGroupClassSums,
  semiSums,
  SUBTRACT_RULE_LABELS,
  type ClassAnnual,
  type SubtractGroup,
  type SubtractRule,
} from './macro-semis.js';

export type { EndUseTotal };

/** Annual imports of one study group, US dollars. */
export interface GroupAnnual {
  year: number;
  group_id: number;
  value_usd: number;
}

/** One year of the macro table: US dollars and % of GDP. */
export interface MacroYear {
  year: number;
  gdp_usd: number;
  capital_usd: number;
  intermediate_usd: number;
  /** Semiconductor imports subtracted from capital goods (rule 'code-class': the groups' BEC-capital codes; 'table1': the groups printed as capital goods). */
  semi_capital_usd: number;
  /** Semiconductor imports subtracted from intermediates ('code-class': the groups' BEC-intermediate codes, ICs and e.g. resistors; 'table1': ICs). */
  semi_intermediate_usd: number;
  /** Semiconductor imports in neither class (BEC consumption or unclassified): not subtracted. */
  semi_neither_usd: number;
  capital_adjusted_usd: number;
  intermediate_adjusted_usd: number;
  both_adjusted_usd: number;
  capital_pct: number;
  intermediate_pct: number;
  semi_capital_pct: number;
  semi_intermediate_pct: number;
  capital_adjusted_pct: number;
  intermediate_adjusted_pct: number;
  both_adjusted_pct: number;
}

/** Series names (as in published.json) → the MacroYear field holding their % of GDP. */
export const MACRO_SERIES: Readonly<Record<string, keyof MacroYear>> = Object.freeze({
  'capital goods': 'capital_pct',
  intermediates: 'intermediate_pct',
  'semiconductor capital goods': 'semi_capital_pct',
  'semiconductor intermediates': 'semi_intermediate_pct',
  'capital goods, adjusted': 'capital_adjusted_pct',
  'intermediates, adjusted': 'intermediate_adjusted_pct',
  'both, adjusted': 'both_adjusted_pct',
  'rest of capital goods': 'capital_adjusted_pct',
  'rest of intermediates': 'intermediate_adjusted_pct',
});

/** Options of {@link macroShares}. */
export interface MacroOptions {
  /** Years to compute (default: every year with end-use totals, ascending). */
  years?: number[];
  /** A semiconductor group with no row for a year: 'error' (default: a gap is a data problem) or 'zero' (no imports). */
  missingGroupYear?: 'error' | 'zero';
  /** Which semiconductor imports are subtracted from which class (default 'code-class'; see steps/macro-semis). */
  subtract?: SubtractRule;
}

function num(fn: string, what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(fn, `${what} must be a finite number`, v);
  return v as number;
}

/**
 * Capital-goods and intermediate imports as % of GDP by year, total and adjusted (minus the
 * semiconductor imports in the same class). Which imports come out of which class is
 * `opts.subtract` (steps/macro-semis): by default each code from the class of its own BEC end use
 * (rows carry `end_use`, from annualGroupClassSums), so resistors and chip-machine parts (BEC 42)
 * printed in capital-goods groups come out of intermediates; 'table1' takes each group wholly from
 * the class printed in Table 1 (Passive Components from capital goods); 'none' subtracts nothing.
 *
 * @param endUseTotals annual totals by end-use class (capital and intermediate needed each year)
 * @param groupAnnual annual sums of the study groups, or of their parts by end use (only semiconductor-related groups are used)
 * @param groups group descriptions (category, semiconductor)
 * @param gdp GDP in current US dollars by year
 * @param opts see {@link MacroOptions}
 * @throws {StudyError} on a missing year of GDP or totals, duplicates, negative or non-finite values,
 *   a missing group-year under 'error', or semiconductor imports larger than the class total
 * @example macroShares([{ year: 2015, end_use: 'capital', value_usd: 300 }, { year: 2015, end_use: 'intermediate', value_usd: 900 }],
 *   [{ year: 2015, group_id: 1, end_use: 'capital', value_usd: 60 }, { year: 2015, group_id: 1, end_use: 'intermediate', value_usd: 40 }],
 *   [{ group_id: 1, category: 'capital goods', semiconductor: true }], [{ year: 2015, gdp_usd: 10000 }])[0].intermediate_adjusted_pct;
 * // => 8.6 ((900 − 40) / 10000, in %: the group's BEC-intermediate part comes out of intermediates)
 * @example macroShares([{ year: 2015, end_use: 'capital', value_usd: 300 }, { year: 2015, end_use: 'intermediate', value_usd: 900 }],
 *   [{ year: 2015, group_id: 2, value_usd: 100 }], [{ group_id: 2, category: 'intermediate', semiconductor: true }],
 *   [{ year: 2015, gdp_usd: 10000 }], { subtract: 'table1' })[0].intermediate_adjusted_pct; // => 8 ((900 − 100) / 10000, in %)
 */
export function macroShares(
  endUseTotals: EndUseTotal[],
  groupAnnual: (GroupAnnual & { end_use?: EndUse })[],
  groups: SubtractGroup[],
  gdp: { year: number; gdp_usd: number }[],
  opts: MacroOptions = {},
): MacroYear[] {
  const fn = 'macroShares';
  const totals = new Map<string, number>();
  for (const r of endUseTotals) {
    const v = num(fn, `total of ${r.end_use} in ${r.year}`, r.value_usd);
    if (v < 0) fail(fn, `total of ${r.end_use} in ${r.year} is negative`, v);
    const k = `${r.year}|${r.end_use}`;
    if (totals.has(k)) fail(fn, 'duplicate end-use total', k);
    totals.set(k, v);
  }
  const gdpBy = new Map<number, number>();
  for (const g of gdp) {
    const v = num(fn, `GDP of ${g.year}`, g.gdp_usd);
    if (v <= 0) fail(fn, `GDP of ${g.year} must be positive`, v);
    gdpBy.set(g.year, v);
  }
  const seen = new Set<string>();
  for (const r of groupAnnual) {
    const v = num(fn, `group ${r.group_id} in ${r.year}`, r.value_usd);
    if (v < 0) fail(fn, `group ${r.group_id} in ${r.year} is negative`, v);
    const k = `${r.year}|${r.group_id}|${r.end_use ?? ''}`;
    if (seen.has(k)) fail(fn, 'duplicate group-year', k);
    seen.add(k);
  }
  const years = opts.years ?? [...new Set(endUseTotals.map((r) => r.year))].sort((a, b) => a - b);
  if (years.length === 0) fail(fn, 'no years to compute', years);
  const semi = semiSums(groupAnnual, groups, opts.subtract ?? 'code-class', years, opts.missingGroupYear ?? 'error');
  return years.map((year) => {
    const G = gdpBy.get(year);
    if (G === undefined) fail(fn, 'no GDP for year', year);
    const cap = totals.get(`${year}|capital`);
    const int = totals.get(`${year}|intermediate`);
    if (cap === undefined) fail(fn, 'no capital-goods total for year', year);
    if (int === undefined) fail(fn, 'no intermediate-goods total for year', year);
    const { capital: sc, intermediate: si, neither } = semi.get(year)!;
    if (sc > cap!)
      fail(fn, `semiconductor capital goods exceed total capital goods in ${year}: inconsistent inputs`, [sc, cap]);
    if (si > int!)
      fail(fn, `semiconductor intermediates exceed total intermediates in ${year}: inconsistent inputs`, [si, int]);
    const pct = (v: number) => (v / G!) * 100;
    const capAdj = cap! - sc;
    const intAdj = int! - si;
    return {
      year,
      gdp_usd: G!,
      capital_usd: cap!,
      intermediate_usd: int!,
      semi_capital_usd: sc,
      semi_intermediate_usd: si,
      semi_neither_usd: neither,
      capital_adjusted_usd: capAdj,
      intermediate_adjusted_usd: intAdj,
      both_adjusted_usd: capAdj + intAdj,
      capital_pct: pct(cap!),
      intermediate_pct: pct(int!),
      semi_capital_pct: pct(sc),
      semi_intermediate_pct: pct(si),
      capital_adjusted_pct: pct(capAdj),
      intermediate_adjusted_pct: pct(intAdj),
      both_adjusted_pct: pct(capAdj + intAdj),
    };
  });
}

/** One row of the long macro table. */
export interface MacroLongRow {
  year: number;
  series: string;
  share_pct: number;
  value_usd: number;
}

/**
 * The macro table in long form (one row per year and series) for charts.
 * 'rest of …' aliases are left out (they equal the adjusted series).
 * @example macroLong(rows).filter((r) => r.year === 2015).length; // => 7
 */
export function macroLong(rows: MacroYear[]): MacroLongRow[] {
  const out: MacroLongRow[] = [];
  for (const r of rows)
    for (const [series, field] of Object.entries(MACRO_SERIES)) {
      if (series.startsWith('rest of')) continue;
      const usdField = String(field).replace(/_pct$/, '_usd') as keyof MacroYear;
      out.push({ year: r.year, series, share_pct: r[field], value_usd: r[usdField] });
    }
  return out;
}

/**
 * Percentage change from `from` to `to`: (to − from)/from × 100.
 * @throws {StudyError} when `from` is 0 or a value is not finite
 * @example pctChange(2.06, 1.27); // => -38.349514563106794
 */
export function pctChange(from: number, to: number): number {
  num('pctChange', 'from', from);
  num('pctChange', 'to', to);
  if (from === 0) fail('pctChange', 'change from zero is undefined', from);
  return ((to - from) / from) * 100;
}

/**
 * Change of one series between two years: shares, percentage change and percentage-point change.
 * @throws {StudyError} on an unknown series or a year not in the rows
 * @example changeBetween(rows, 'capital goods, adjusted', 2015, 2024).pct_change; // => -38.196… (SYNTHETIC, each code's class: 2.065 → 1.276 % of GDP; Table 1's rule: 2.06 → 1.27, −38.35 %)
 */
export function changeBetween(
  rows: MacroYear[],
  series: string,
  fromYear: number,
  toYear: number,
): { from_pct: number; to_pct: number; pct_change: number; pp_change: number } {
  const field = MACRO_SERIES[series];
  if (!field) fail('changeBetween', `unknown series (known: ${Object.keys(MACRO_SERIES).join(', ')})`, series);
  const a = rows.find((r) => r.year === fromYear);
  const b = rows.find((r) => r.year === toYear);
  if (!a) fail('changeBetween', 'year not in the macro table', fromYear);
  if (!b) fail('changeBetween', 'year not in the macro table', toYear);
  const from_pct = a![field];
  const to_pct = b![field];
  return { from_pct, to_pct, pct_change: pctChange(from_pct, to_pct), pp_change: to_pct - from_pct };
}

/** One comparison row of {@link compareMacro}. */
export interface MacroComparison {
  id?: string;
  series: string;
  /** The published year (null: unstated, e.g. the peak). */
  year: number | null;
  /** The year our value is taken from (for a null year: the year of our series' maximum). */
  ours_year: number;
  ours_pct: number;
  published_pct: number;
  /** ours − published, percentage points. */
  diff_pp: number;
}

/**
 * Compare our shares with published points; differences in percentage points.
 * A point with year null (the unstated peak) is compared with our series' maximum
 * over the interior years (all years but the first and last, when there are more than 2).
 * @throws {StudyError} on an unknown series or a published year missing from ours
 * @example compareMacro([{ ...rows[0], capital_adjusted_pct: 2.1 }], [{ series: 'capital goods, adjusted', year: rows[0].year, value_pct_gdp: 2.06 }])[0].diff_pp;
 * // => 0.040000000000000036 (ours 2.1 − published 2.06, in floating point)
 */
export function compareMacro(
  ours: MacroYear[],
  published: { id?: string; series: string; year: number | null; value_pct_gdp: number }[],
): MacroComparison[] {
  return published.map((p) => {
    const field = MACRO_SERIES[p.series];
    if (!field) fail('compareMacro', 'unknown series', p.series);
    let row: MacroYear | undefined;
    if (p.year === null) {
      const pool = ours.length > 2 ? [...ours].sort((a, b) => a.year - b.year).slice(1, -1) : ours;
      row = pool.reduce<MacroYear | undefined>((best, r) => (!best || r[field] > best[field] ? r : best), undefined);
      if (!row) fail('compareMacro', 'no years to find a peak in', p.series);
    } else {
      row = ours.find((r) => r.year === p.year);
      if (!row) fail('compareMacro', `published year ${p.year} of "${p.series}" is not in our table`, p.year);
    }
    const v = row![field];
    return {
      id: p.id,
      series: p.series,
      year: p.year,
      ours_year: row!.year,
      ours_pct: v,
      published_pct: p.value_pct_gdp,
      diff_pp: v - p.value_pct_gdp,
    };
  });
}

/**
 * Annual sums of each group's monthly imports (full calendar years only; a year
 * with a missing month is left out and listed). A year whose January and February are
 * combined (lib/core/jan-feb.ts: January empty, February holding both) is complete.
 * @example annualGroupSums(gp).rows.find((r) => r.year === 2015 && r.group_id === 2)?.value_usd; // => 208695073566 (SYNTHETIC)
 */
export function annualGroupSums(gp: GroupPanel): {
  rows: GroupAnnual[];
  incompleteYears: { group_id: number; year: number }[];
} {
  const rows: GroupAnnual[] = [];
  const incompleteYears: { group_id: number; year: number }[] = [];
  const ids = new Map(gp.groups.map((g) => [g.group, g.group_id] as const));
  gp.codes.forEach((key, k) => {
    const group_id = ids.get(key);
    if (group_id === undefined) return;
    const byYear = new Map<number, { sum: number; months: number; missing: boolean }>();
    const known = gp.source.janFeb?.years ?? [];
    const joint = [...known, ...combinedYears(gp.values[k], gp.months, {}, known)];
    gp.months.forEach((m, t) => {
      const y = Number(m.slice(0, 4));
      const e = byYear.get(y) ?? { sum: 0, months: 0, missing: false };
      const v = gp.values[k][t];
      if (!Number.isNaN(v)) e.sum += v;
      else if (!(m.endsWith('-01') && joint.includes(y))) e.missing = true; // a combined January is in February
      e.months++;
      byYear.set(y, e);
    });
    for (const [year, e] of byYear) {
      if (e.months === 12 && !e.missing) rows.push({ year, group_id, value_usd: e.sum });
      else incompleteYears.push({ group_id, year });
    }
  });
  rows.sort((a, b) => a.year - b.year || a.group_id - b.group_id);
  return { rows, incompleteYears };
}

/** Options of {@link macroTable}. */
export interface MacroTableOptions {
  /** 'synthetic' (default) or 'imported': which panel and which BEC totals. */
  dataSource?: DataSourceKind;
  /** A panel already loaded (its source decides the BEC totals). */
  panel?: Panel;
  /** Years to show (default: every year with BEC totals and GDP). */
  years?: number[];
  /** Group rows (default `loadGroups()`), e.g. from {@link overrideGroups}: which groups are subtracted, and from which class. */
  groups?: (GroupRow & { wholeGroup?: boolean })[];
  /** Which semiconductor imports come out of which class (default 'code-class': each code's BEC end use; steps/macro-semis). */
  subtract?: SubtractRule;
  /** Codes left out of the semiconductor sums (they stay in the class totals), e.g. ['84869091'] or, at HS6, ['848690']. */
  excludeCodes?: string[];
}

/** The macro table with what it was computed from. */
export interface MacroTable {
  rows: MacroYear[];
  /** The semiconductor groups' annual imports by their codes' BEC end use (every rule: what the data hold). */
  parts: ClassAnnual[];
  subtract: SubtractRule;
  sourceNote: string;
}

/**
 * The macro table: capital-goods and intermediate imports as % of GDP by year, with and without the
 * semiconductor imports of batch 1 (by default each code from its own BEC class), for the years that
 * have BEC totals, GDP and full group years.
 * @throws {StudyError} as macroShares (e.g. a semiconductor group categorised as consumption goods)
 * @example macroTable({ dataSource: 'synthetic', subtract: 'table1' }).rows.find((r) => r.year === 2015)?.capital_adjusted_pct; // => 2.06… (by construction: the generator calibrates under Table 1's classes)
 * @example macroTable({ dataSource: 'synthetic' }).rows.find((r) => r.year === 2015)?.capital_adjusted_pct;
 * // => 2.0652… (SYNTHETIC, each code's class: resistors and 84869091, BEC 42, come out of intermediates instead)
 * @example macroTable({ groups: overrideGroups(loadGroups(), { 1: 'intermediate' }) }).rows[0].capital_adjusted_pct;
 * // => 2.089… (SYNTHETIC: Passive Components wholly subtracted from intermediates, and 84869091 (BEC 42) too by its class)
 */
export function macroTable(opts: MacroTableOptions = {}): MacroTable {
  const loaded = opts.panel ?? loadPanel({ source: opts.dataSource ?? 'synthetic' });
  const groups = opts.groups ?? loadGroups();
  const subtract = opts.subtract ?? 'code-class';
  const drop = opts.excludeCodes ?? [];
  const panel = withoutCodes(loaded, drop);
  const parts = annualGroupClassSums(panel, 1, loadGroups());
  const totals = loadBecTotals(loaded.source.kind);
  const gdp = loadGdp();
  const years =
    opts.years ??
    [...new Set(totals.map((t) => t.year))].filter((y) => gdp.some((g) => g.year === y)).sort((a, b) => a - b);
  const group = subtract === 'code-class' ? parts : annualGroupSums(groupPanel(panel, 1, loadGroups())).rows;
  // HS6 data without HS8 shares: groups 3, 6, 8, 11 are one joint group (steps/hs6-grouping), subtracted as one
  const joint = [...parts, ...group].some((r) => r.group_id > JOINT_GROUP_OFFSET);
  const sub = joint ? jointGroupRows(groups, hs6Families(1)) : groups;
  const rows = macroShares(totals, group, sub, gdp, { years, subtract });
  const becNote = loaded.source.kind === 'imported' ? becTotalsNote('imported') : '';
  return {
    rows,
    parts,
    subtract,
    sourceNote:
      sourceNote(loaded.source) +
      (becNote ? ` BEC totals: ${becNote}` : '') +
      ` Semiconductors subtracted ${SUBTRACT_RULE_LABELS[subtract]}${drop.length ? `, without ${drop.join(', ')}` : ''}.` +
      ' GDP: World Bank WDI, current US dollars.',
  };
}
