/**
 * What every study chart shares: the Vega-Lite spec type, the common options (a source note is
 * required: it says SYNTHETIC when the data are), the title header, and the pattern colour scale.
 * The chart builders, one module per study step, are beside this one (grouping, partition, macro,
 * sensitivity, screen). Plain JSON only: vega is not imported here; render with showChart.
 *
 * @module present/chart-specs/base
 */
import { fail } from '../../core/errors.js';
import { PATTERN_COLOURS } from '../palette.js';

/** A Vega-Lite top-level spec as plain JSON. */
export type StudyChartSpec = {
  $schema: string;
  title: { text: string; subtitle: string | string[] };
  [key: string]: unknown;
};

/** The Vega-Lite schema every spec names. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * The colour scale of the three patterns (the project's palette, in pattern order).
 * @example PATTERN_SCALE.domain; // => ['substitution', 'no effect', 'stockpiling']
 */
export const PATTERN_SCALE: { domain: string[]; range: string[] } = {
  domain: ['substitution', 'no effect', 'stockpiling'],
  range: [PATTERN_COLOURS.substitution, PATTERN_COLOURS['no effect'], PATTERN_COLOURS.stockpiling],
};

/** Common options of every chart builder. */
export interface ChartOptions {
  /** The source line shown under the title (required; say SYNTHETIC for synthetic data). */
  sourceNote: string;
  title?: string;
  width?: number;
  height?: number;
}

/**
 * The schema and title of a chart: the title (or the chart's default) with the source note as subtitle.
 * @param fn the chart builder, named in the error
 * @throws {StudyError} when the source note is missing or blank
 * @example chartHeader('myChart', { sourceNote: 'SYNTHETIC' }, 'Imports').title; // => { text: 'Imports', subtitle: ['SYNTHETIC'], anchor: 'start' }
 */
export function chartHeader(
  fn: string,
  o: ChartOptions,
  defTitle: string,
): { $schema: string; title: { text: string; subtitle: string[]; anchor: string } } {
  if (typeof o?.sourceNote !== 'string' || o.sourceNote.trim() === '')
    fail(fn, 'sourceNote is required (name the data source; say SYNTHETIC for synthetic data)', o?.sourceNote);
  return { $schema: VEGA_LITE_SCHEMA, title: { text: o.title ?? defTitle, subtitle: [o.sourceNote], anchor: 'start' } };
}

/**
 * A number for a chart's JSON: NaN and infinities become null (a gap).
 * @example [finiteOrNull(2), finiteOrNull(NaN)]; // => [2, null]
 */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
