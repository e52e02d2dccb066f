/**
 * The charts of the universe screen (notebook 08): the density of codes over growth × volatility,
 * and the count of codes per pattern.
 *
 * Names used by the examples below (run once before them, see docs/CONTRIBUTING.md):
 * @exampleSetup
 * const s = screen.screenUniverse({ months: ['2015-01', '2015-02', '2015-03'], codes: ['85423111', '84862031'],
 *   values: [Float64Array.of(1, 2, 3), Float64Array.of(3, 2, 1)] }, { choices: { window: ['2015-01', '2015-03'] } });
 *
 * @module present/chart-specs/screen
 */
import type { Thresholds } from '../../steps/choices.js';
import type { DensityCell, PatternCounts } from '../../steps/screen.js';
import { PATTERN_LABELS } from '../palette.js';
import { chartHeader, PATTERN_SCALE, type ChartOptions } from './base.js';

/** A plain vega-lite spec (built here, rendered by showChart). */
export type ScreenChartSpec = {
  $schema: string;
  title: { text: string; subtitle: string[]; anchor: string };
  [key: string]: unknown;
};

/**
 * Chart: the (G, V) density of the whole screen as binned rectangles (≤ gBins × vBins marks, so the SVG stays small),
 * with the growth and high-volatility cuts as dashed rules.
 * @throws {StudyError} when sourceNote is empty
 * @example screenDensityChart(screen.screenDensity(s), s.choices, { sourceNote: 'SYNTHETIC' }).layer.length; // => 3
 */
export function screenDensityChart(
  density: { cells: DensityCell[]; clamped: number },
  thresholds: Pick<Thresholds, 'growth' | 'volatilityHigh'>,
  o: { sourceNote: string; title?: string; width?: number; height?: number },
): ScreenChartSpec {
  const h = chartHeader('screenDensityChart', o, 'Growth and volatility of every code (number of codes per cell)');
  if (density.clamped > 0)
    h.title.subtitle.push(
      `${density.clamped.toLocaleString('en-US')} codes outside the axes are drawn in the edge cells.`,
    );
  return {
    ...h,
    width: o.width ?? 520,
    height: o.height ?? 340,
    layer: [
      {
        data: { values: density.cells },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'G0', type: 'quantitative', title: 'Growth index G (ratio, unitless)' },
          x2: { field: 'G1' },
          y: { field: 'V0', type: 'quantitative', title: 'Volatility index V (SD / mean; unitless)' },
          y2: { field: 'V1' },
          color: { field: 'count', type: 'quantitative', title: 'Codes', scale: { type: 'log', scheme: 'blues' } },
          tooltip: [
            { field: 'G0', title: 'G from', format: '.2f' },
            { field: 'V0', title: 'V from', format: '.2f' },
            { field: 'count', title: 'codes' },
          ],
        },
      },
      {
        data: { values: [{ G: thresholds.growth }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#D55E00' },
        encoding: { x: { field: 'G', type: 'quantitative' } },
      },
      {
        data: { values: [{ V: thresholds.volatilityHigh }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#D55E00' },
        encoding: { y: { field: 'V', type: 'quantitative' } },
      },
    ],
  };
}

/**
 * Chart: the mix of patterns among semiconductor-related codes and among the other codes
 * (one 100 % stacked bar each, coloured by pattern), so the small semiconductor group stays visible.
 * @throws {StudyError} when sourceNote is empty
 * @param counts the pattern counts of the semiconductor-related codes and of the other codes (`screen.patternCounts(result, 'semiconductor')` …)
 * @example patternCountChart({ semiconductor: screen.patternCounts(s, 'semiconductor'), other: screen.patternCounts(s, 'other') }, { sourceNote: 'SYNTHETIC' }).mark; // => { type: 'bar' }
 */
export function patternCountChart(
  counts: Record<'semiconductor' | 'other', PatternCounts>,
  o: { sourceNote: string; title?: string; width?: number; height?: number },
): ScreenChartSpec {
  const h = chartHeader('patternCountChart', o, 'Mix of patterns: semiconductor-related codes vs the rest');
  const values: { pattern: string; kind: string; codes: number; order: number }[] = [];
  const patterns = ['substitution', 'no effect', 'stockpiling', 'skipped'] as const;
  for (const only of ['semiconductor', 'other'] as const) {
    const c = counts[only];
    const kind = `${only === 'semiconductor' ? 'semiconductor-related' : 'other codes'} (${c.total.toLocaleString('en-US')})`;
    patterns.forEach((p, k) => values.push({ pattern: p, kind, codes: c[p], order: k }));
  }
  return {
    ...h,
    width: o.width ?? 460,
    height: o.height ?? 90,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'kind', type: 'nominal', title: 'Codes (number)' },
      x: { field: 'codes', type: 'quantitative', title: 'Share of codes', stack: 'normalize', axis: { format: '.0%' } },
      color: {
        field: 'pattern',
        type: 'nominal',
        title: 'Pattern',
        scale: { domain: [...patterns], range: ['#009E73', '#0072B2', '#D55E00', '#BBBBBB'] },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [{ field: 'kind', title: 'codes' }, { field: 'pattern' }, { field: 'codes', title: 'number of codes' }],
    },
  };
}
