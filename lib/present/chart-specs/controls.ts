/**
 * The charts of the control comparison (notebook 09): small multiples of growth × volatility, one panel per
 * group, China highlighted among the control economies; and the macro series (% of GDP) of every economy,
 * China highlighted.
 *
 * @module present/chart-specs/controls
 */
import { fail } from '../../core/errors.js';
import { DEFAULT_CHOICES } from '../../steps/choices.js';
import { chartHeader, type ChartOptions, type StudyChartSpec } from './base.js';

const CHINA_COLOUR = '#c0392b';
const CONTROL_COLOUR = '#7f8c8d';

/**
 * Small multiples: one panel per group, each economy a point at (G, V); China red and larger, the controls grey;
 * dashed lines at the growth cut and the high-volatility cut.
 * @param rows one row per economy and group (finite G and V)
 * @throws {StudyError} when sourceNote is empty, a G or V is not finite, or no row is China's
 * @example controlsSmallMultiples([{ economy: 'China', group: 'ICs', G: 0.7, V: 0.27 }, { economy: 'Control A', group: 'ICs', G: 0.4, V: 0.2 }],
 *   { sourceNote: 'SYNTHETIC' }).facet; // => { field: 'group', type: 'nominal', title: null, sort: ['ICs'] }
 */
export function controlsSmallMultiples(
  rows: readonly { economy: string; group: string; G: number; V: number }[],
  o: ChartOptions & { china?: string; thresholds?: { growth?: number; volatilityHigh?: number }; columns?: number },
): StudyChartSpec & { facet: unknown } {
  const fn = 'controlsSmallMultiples';
  const h = chartHeader(fn, o, 'Growth × volatility of each group: China among the controls');
  const china = o.china ?? 'China';
  for (const r of rows)
    if (!Number.isFinite(r.G) || !Number.isFinite(r.V))
      fail(fn, `G and V of ${r.group} (${r.economy}) must be finite`, { G: r.G, V: r.V });
  if (!rows.some((r) => r.economy === china)) fail(fn, 'no row of China', china);
  const growth = o.thresholds?.growth ?? DEFAULT_CHOICES.growth;
  const vHigh = o.thresholds?.volatilityHigh ?? DEFAULT_CHOICES.volatilityHigh;
  const groups = [...new Set(rows.map((r) => r.group))];
  return {
    ...h,
    data: {
      values: rows.map((r) => ({
        economy: r.economy,
        group: r.group,
        G: r.G,
        V: r.V,
        who: r.economy === china ? china : 'control',
      })),
    },
    columns: o.columns ?? 4,
    facet: { field: 'group', type: 'nominal', title: null, sort: groups },
    spec: {
      width: o.width ?? 150,
      height: o.height ?? 120,
      layer: [
        {
          mark: { type: 'point', filled: true, opacity: 0.85 },
          encoding: {
            x: { field: 'G', type: 'quantitative', title: 'G' },
            y: { field: 'V', type: 'quantitative', title: 'V' },
            color: {
              field: 'who',
              type: 'nominal',
              scale: { domain: [china, 'control'], range: [CHINA_COLOUR, CONTROL_COLOUR] },
              title: null,
            },
            size: { condition: { test: `datum.who === '${china.replace(/'/g, "\\'")}'`, value: 110 }, value: 40 },
            tooltip: [
              { field: 'economy', type: 'nominal' },
              { field: 'group', type: 'nominal' },
              { field: 'G', type: 'quantitative', format: '.3f' },
              { field: 'V', type: 'quantitative', format: '.3f' },
            ],
          },
        },
        { mark: { type: 'rule', strokeDash: [4, 3], color: '#999' }, encoding: { x: { datum: growth } } },
        { mark: { type: 'rule', strokeDash: [4, 3], color: '#999' }, encoding: { y: { datum: vHigh } } },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}

/**
 * Capital goods and intermediates as % of GDP by year, one line per economy (China red and thicker), one panel
 * per series.
 * @throws {StudyError} when sourceNote is empty or a share is not finite
 * @example macroControlsChart([{ economy: 'China', year: 2015, capital_pct: 2, intermediate_pct: 6 }], { sourceNote: 'SYNTHETIC' }).data.values.length; // => 2
 */
export function macroControlsChart(
  rows: readonly { economy: string; year: number; capital_pct: number; intermediate_pct: number }[],
  o: ChartOptions & { china?: string },
): StudyChartSpec & { data: { values: unknown[] } } {
  const fn = 'macroControlsChart';
  const h = chartHeader(fn, o, 'Capital goods and intermediate imports, % of GDP: China and the controls');
  const china = o.china ?? 'China';
  const values = rows.flatMap((r) => {
    if (!Number.isFinite(r.capital_pct) || !Number.isFinite(r.intermediate_pct))
      fail(fn, `shares of ${r.economy} ${r.year} must be finite`, r);
    const who = r.economy === china ? china : 'control';
    return [
      { economy: r.economy, year: r.year, series: 'capital goods', pct: r.capital_pct, who },
      { economy: r.economy, year: r.year, series: 'intermediates', pct: r.intermediate_pct, who },
    ];
  });
  return {
    ...h,
    data: { values },
    columns: 2,
    facet: { field: 'series', type: 'nominal', title: null },
    spec: {
      width: o.width ?? 300,
      height: o.height ?? 220,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'year', type: 'ordinal', title: 'Year' },
        y: { field: 'pct', type: 'quantitative', title: '% of GDP' },
        detail: { field: 'economy', type: 'nominal' },
        color: {
          field: 'who',
          type: 'nominal',
          scale: { domain: [china, 'control'], range: [CHINA_COLOUR, CONTROL_COLOUR] },
          title: null,
        },
        strokeWidth: { condition: { test: `datum.who === '${china.replace(/'/g, "\\'")}'`, value: 3 }, value: 1 },
        tooltip: [
          { field: 'economy', type: 'nominal' },
          { field: 'year', type: 'ordinal' },
          { field: 'pct', type: 'quantitative', format: '.2f' },
        ],
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}
