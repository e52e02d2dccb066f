/**
 * The study's published figures (data/study/published.json) and China's GDP
 * (data/study/gdp.csv), loaded with validation. Every published entry carries
 * its `source` and the text `as_printed`; nothing in these files is computed
 * by the project.
 *
 * @module io/published
 */
import * as fs from 'node:fs';
import { fail, failAt } from '../core/errors.js';
import { readCsvFile } from './csv.js';
import { projectPath } from './paths.js';
import type { GrowthBand, Pattern, VolatilityBand } from '../core/types.js';

/** Fields every published entry has. */
export interface PublishedBase {
  /** Where the figure is printed (slide title). */
  source: string;
  /** The text as printed (slide OCR text, verbatim). */
  as_printed: string;
  /** What the slides leave unstated, or how the entry was read. */
  note?: string;
}

/** A printed threshold of the partition. */
export interface PublishedThreshold extends PublishedBase {
  id: string;
  index: string;
  band: string;
  relation: string;
  value: number;
}

/** One group's published matrix cell and pattern. */
export interface PublishedPartitionRow extends PublishedBase {
  group_id: number;
  group: string;
  matrix_label: string;
  growth: GrowthBand;
  volatility: VolatilityBand;
  pattern: Pattern;
}

/** A published pattern and the groups listed under it. */
export interface PublishedPattern extends PublishedBase {
  pattern: Pattern;
  label: string;
  group_ids: number[];
}

/** A published macro share of GDP (per cent). `year` is null when the slides give none (e.g. the peak). */
export interface PublishedMacroPoint extends PublishedBase {
  id: string;
  series: string;
  year: number | null;
  /** false when the slide prints no year and the year is inferred (see note). */
  year_stated: boolean;
  value_pct_gdp: number;
}

/** A published change between two years. */
export interface PublishedMacroChange extends PublishedBase {
  id: string;
  series: string;
  from_year: number;
  to_year: number;
  value: number;
  unit: 'percent' | 'percentage points';
  approximate: boolean;
}

/** An approximate ("≈", "~") published share. */
export interface PublishedApproximation extends PublishedBase {
  id: string;
  series: string;
  year: number | null;
  value_pct_gdp: number;
  approximate: boolean;
}

/** A published US-dollar figure in billions, as printed (see the note: period unstated). */
export interface PublishedUsd extends PublishedBase {
  id: string;
  series: string;
  value_usd_bn: number;
  relation: string;
}

/** Published 2024 trade growth. */
export interface PublishedTradeGrowth extends PublishedBase {
  id: string;
  flow: 'exports' | 'imports';
  year: number;
  value_pct: number;
}

/** A published count (technologies, codes, groups…). */
export interface PublishedCount extends PublishedBase {
  id: string;
  value: number;
}

/** A background (non-study) figure quoted in docs/METHOD.md (the question and its context). */
export interface PublishedContext extends PublishedBase {
  id: string;
  value: number;
  unit: string;
  year: number | null;
}

/** Everything in data/study/published.json. */
export interface Published {
  about: string;
  sources: Record<string, string>;
  thresholds: PublishedThreshold[];
  unstated: string[];
  partition: PublishedPartitionRow[];
  patterns: PublishedPattern[];
  macro: PublishedMacroPoint[];
  macro_changes: PublishedMacroChange[];
  approximations: PublishedApproximation[];
  usd_billions: PublishedUsd[];
  trade_growth: PublishedTradeGrowth[];
  counts: PublishedCount[];
  context: PublishedContext[];
}

/** One year of China's GDP, current US dollars. */
export interface GdpRow {
  year: number;
  gdp_usd: number;
  source: string;
}

const PATTERNS: readonly Pattern[] = ['substitution', 'no effect', 'stockpiling'];

function checkBase(file: string, section: string, e: Record<string, unknown>, k: number): void {
  for (const f of ['source', 'as_printed'] as const)
    if (typeof e[f] !== 'string' || (e[f] as string).trim() === '')
      failAt(
        'loadPublished',
        { file, column: `${section}[${k}].${f}` },
        'every published entry needs a non-empty text',
        e[f],
      );
  if (e.note !== undefined && typeof e.note !== 'string')
    failAt('loadPublished', { file, column: `${section}[${k}].note` }, 'note must be text', e.note);
}

function checkNumber(file: string, where: string, v: unknown, nullable = false): void {
  if (nullable && v === null) return;
  if (typeof v !== 'number' || !Number.isFinite(v))
    failAt('loadPublished', { file, column: where }, 'expected a finite number', v);
}

/**
 * The sections of published.json that are lists of printed figures, each entry with its `source` and `as_printed`.
 * @example PUBLISHED_SECTIONS.length; // => 10
 */
export const PUBLISHED_SECTIONS: readonly (
  | 'thresholds'
  | 'partition'
  | 'patterns'
  | 'macro'
  | 'macro_changes'
  | 'approximations'
  | 'usd_billions'
  | 'trade_growth'
  | 'counts'
  | 'context'
)[] = Object.freeze([
  'thresholds',
  'partition',
  'patterns',
  'macro',
  'macro_changes',
  'approximations',
  'usd_billions',
  'trade_growth',
  'counts',
  'context',
] as const);

/**
 * Load and validate the published figures.
 * Checks: every section present; every entry has `source` and `as_printed`;
 * numbers finite; the partition has each group_id 1–17 once with valid bands
 * and patterns; each pattern's group list matches the partition.
 *
 * @param file path to published.json (default data/study/published.json in the project)
 * @throws {InputError} naming the file and the offending entry
 * @example loadPublished().partition.find((r) => r.group_id === 2)?.pattern; // => 'stockpiling'
 */
export function loadPublished(file: string = projectPath('data', 'study', 'published.json')): Published {
  if (!fs.existsSync(file)) failAt('loadPublished', { file }, 'file not found');
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return failAt('loadPublished', { file }, `not valid JSON: ${(e as Error).message}`);
  }
  for (const s of PUBLISHED_SECTIONS) {
    if (!Array.isArray(doc[s]))
      failAt('loadPublished', { file, column: s }, 'missing section (expected a list)', doc[s]);
    (doc[s] as Record<string, unknown>[]).forEach((e, k) => checkBase(file, s, e, k));
  }
  if (!Array.isArray(doc.unstated))
    failAt('loadPublished', { file, column: 'unstated' }, 'missing section (expected a list)');
  const p = doc as unknown as Published;
  p.thresholds.forEach((t, k) => checkNumber(file, `thresholds[${k}].value`, t.value));
  const seen = new Set<number>();
  p.partition.forEach((r, k) => {
    const at = { file, column: `partition[${k}]` };
    if (!Number.isInteger(r.group_id) || r.group_id < 1 || r.group_id > 17)
      failAt('loadPublished', at, 'group_id must be 1–17', r.group_id);
    if (seen.has(r.group_id)) failAt('loadPublished', at, 'duplicate group_id', r.group_id);
    seen.add(r.group_id);
    if (r.growth !== 'high' && r.growth !== 'low') failAt('loadPublished', at, 'growth must be high or low', r.growth);
    if (!['high', 'medium', 'low'].includes(r.volatility))
      failAt('loadPublished', at, 'volatility must be high, medium or low', r.volatility);
    if (!PATTERNS.includes(r.pattern))
      failAt('loadPublished', at, `pattern must be one of ${PATTERNS.join(', ')}`, r.pattern);
  });
  if (seen.size !== 17) failAt('loadPublished', { file, column: 'partition' }, 'expected 17 groups', seen.size);
  for (const pat of p.patterns) {
    const listed = [...pat.group_ids].sort((a, b) => a - b).join(',');
    const fromPartition = p.partition
      .filter((r) => r.pattern === pat.pattern)
      .map((r) => r.group_id)
      .sort((a, b) => a - b)
      .join(',');
    if (listed !== fromPartition)
      failAt(
        'loadPublished',
        { file, column: `patterns.${pat.pattern}` },
        `group list disagrees with the partition (${fromPartition})`,
        listed,
      );
  }
  p.macro.forEach((m, k) => {
    checkNumber(file, `macro[${k}].value_pct_gdp`, m.value_pct_gdp);
    checkNumber(file, `macro[${k}].year`, m.year, true);
  });
  p.macro_changes.forEach((m, k) => checkNumber(file, `macro_changes[${k}].value`, m.value));
  p.approximations.forEach((m, k) => checkNumber(file, `approximations[${k}].value_pct_gdp`, m.value_pct_gdp));
  p.usd_billions.forEach((m, k) => checkNumber(file, `usd_billions[${k}].value_usd_bn`, m.value_usd_bn));
  p.trade_growth.forEach((m, k) => checkNumber(file, `trade_growth[${k}].value_pct`, m.value_pct));
  p.counts.forEach((m, k) => checkNumber(file, `counts[${k}].value`, m.value));
  p.context.forEach((m, k) => checkNumber(file, `context[${k}].value`, m.value));
  return p;
}

/**
 * Load and validate China's GDP in current US dollars (data/study/gdp.csv:
 * `year,gdp_usd,source`). Years must be unique integers, values positive and
 * finite, and every row must name its source.
 *
 * @param file path to the CSV (default data/study/gdp.csv in the project)
 * @throws {InputError} naming file, line and column of a bad value
 * @example loadGdp().find((r) => r.year === 2015)?.gdp_usd; // => 11280814787469
 */
export function loadGdp(file: string = projectPath('data', 'study', 'gdp.csv')): GdpRow[] {
  const t = readCsvFile(file);
  for (const c of ['year', 'gdp_usd', 'source'])
    if (!t.header.includes(c)) failAt('loadGdp', { file, line: 1 }, `missing column "${c}"`, t.header.join(','));
  const seen = new Set<number>();
  const out = t.rows.map((r, k) => {
    const line = t.lines[k];
    const year = Number(r.year);
    if (!/^\d{4}$/.test(r.year.trim()))
      failAt('loadGdp', { file, line, column: 'year' }, 'year must be four digits', r.year);
    if (seen.has(year)) failAt('loadGdp', { file, line, column: 'year' }, 'duplicate year', r.year);
    seen.add(year);
    const gdp = Number(r.gdp_usd);
    if (r.gdp_usd.trim() === '' || !Number.isFinite(gdp) || gdp <= 0)
      failAt('loadGdp', { file, line, column: 'gdp_usd' }, 'GDP must be a positive number of US dollars', r.gdp_usd);
    if (r.source.trim() === '') failAt('loadGdp', { file, line, column: 'source' }, 'every GDP figure needs a source');
    return { year, gdp_usd: gdp, source: r.source };
  });
  if (out.length === 0) fail('loadGdp', 'no GDP rows', file);
  return out.sort((a, b) => a.year - b.year);
}
