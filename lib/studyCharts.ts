/**
 * Vega-Lite spec builders for the study's charts. Plain JSON only (vega is not
 * imported here): render with vega-lite/vega where they are available. Every
 * chart has a title, a subtitle carrying the source note (which must say
 * SYNTHETIC when the data are), axis titles with units, fixed width/height,
 * and inline data.
 *
 * @module studyCharts
 */
import { fail } from './errors.js';
import type { Pattern } from './types.js';
import type { MatrixCell, Thresholds } from './partition.js';
import { DEFAULT_THRESHOLDS } from './partition.js';
import type { MacroLongRow } from './macro.js';

/** A Vega-Lite top-level spec as plain JSON. */
export type StudyChartSpec = { $schema: string; title: { text: string; subtitle: string | string[] }; [key: string]: unknown };

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Pattern colours (colour-blind-safe, Okabe–Ito) and display labels. */
export const PATTERN_COLOURS: Readonly<Record<Pattern, string>> = Object.freeze({ substitution: '#009E73', 'no effect': '#0072B2', stockpiling: '#D55E00' });
/** Display labels of the patterns. */
export const PATTERN_LABELS: Readonly<Record<Pattern, string>> = Object.freeze({
  substitution: 'Successful import substitution',
  'no effect': 'No discernible effect',
  stockpiling: 'Stockpiling / policy-disturbed',
});
const patternScale = {
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

function header(fn: string, o: ChartOptions, defTitle: string): { $schema: string; title: { text: string; subtitle: string[]; anchor: string } } {
  if (typeof o?.sourceNote !== 'string' || o.sourceNote.trim() === '') fail(fn, 'sourceNote is required (name the data source; say SYNTHETIC for synthetic data)', o?.sourceNote);
  return { $schema: SCHEMA, title: { text: o.title ?? defTitle, subtitle: [o.sourceNote], anchor: 'start' } };
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * Monthly imports by group as small multiples (one line panel per group, independent y scales).
 * Values are shown in million US dollars; missing months (NaN) become gaps.
 * @param panel months, series keys (`codes`, e.g. group names) and values in US dollars
 * @throws {StudyError} when sourceNote is empty or a series length does not match the months
 * @example groupSmallMultiples(groupPanel, { sourceNote: 'SYNTHETIC teaching panel' }).facet; // => { field: 'group', … }
 */
export function groupSmallMultiples(
  panel: { months: string[]; codes: string[]; values: ArrayLike<number>[] },
  o: ChartOptions & { columns?: number },
): StudyChartSpec {
  const h = header('groupSmallMultiples', o, 'Monthly imports by technology group');
  const values: { group: string; month: string; value_musd: number | null }[] = [];
  panel.codes.forEach((g, k) => {
    if (panel.values[k].length !== panel.months.length) fail('groupSmallMultiples', `series ${g} has ${panel.values[k].length} values for ${panel.months.length} months`, g);
    panel.months.forEach((m, t) => values.push({ group: g, month: m, value_musd: finiteOrNull(panel.values[k][t] / 1e6) }));
  });
  return {
    ...h,
    data: { values },
    facet: { field: 'group', type: 'nominal', title: null, header: { labelFontSize: 11, labelLimit: 220 } },
    columns: o.columns ?? 4,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: o.width ?? 200,
      height: o.height ?? 110,
      mark: { type: 'line', strokeWidth: 1.2 },
      encoding: {
        x: { field: 'month', type: 'temporal', title: 'Month', axis: { format: '%Y', tickCount: 5 } },
        y: { field: 'value_musd', type: 'quantitative', title: 'Imports (million US dollars)' },
        tooltip: [
          { field: 'group', type: 'nominal' },
          { field: 'month', type: 'temporal', format: '%Y-%m' },
          { field: 'value_musd', type: 'quantitative', format: ',.1f', title: 'million US dollars' },
        ],
      },
    },
  };
}

/**
 * Growth index against volatility index, one labelled point per group coloured by pattern,
 * with the threshold rules (G cut; V high and medium cuts).
 * @param rows one row per group: label, G, V, pattern
 * @throws {StudyError} when sourceNote is empty or G/V is not finite
 * @example growthVolatilityScatter([{ label: 'Polymers', G: 0.2, V: 0.1, pattern: 'substitution' }], { sourceNote: 'SYNTHETIC' }).layer.length; // => 4
 */
export function growthVolatilityScatter(
  rows: { label: string; G: number; V: number; pattern: Pattern }[],
  o: ChartOptions & { thresholds?: Partial<Thresholds> },
): StudyChartSpec {
  const h = header('growthVolatilityScatter', o, 'Growth and volatility of imports by technology group');
  const t = { ...DEFAULT_THRESHOLDS, ...(o.thresholds ?? {}) };
  for (const r of rows)
    if (!Number.isFinite(r.G) || !Number.isFinite(r.V)) fail('growthVolatilityScatter', `G and V of ${r.label} must be finite`, [r.G, r.V]);
  const values = rows.map((r) => ({ label: r.label, G: r.G, V: r.V, pattern: r.pattern, pattern_label: PATTERN_LABELS[r.pattern] }));
  const x = { field: 'G', type: 'quantitative', title: 'Growth index G (weighted mean of (x − base)/base; ratio, unitless)' };
  const y = { field: 'V', type: 'quantitative', title: 'Volatility index V (SD / mean of monthly US-dollar imports; unitless)' };
  return {
    ...h,
    width: o.width ?? 560,
    height: o.height ?? 400,
    layer: [
      {
        data: { values: [{ G: t.growth, text: `G = ${t.growth}` }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#555' },
        encoding: { x: { field: 'G', type: 'quantitative' } },
      },
      {
        data: {
          values: [
            { V: t.volatilityHigh, text: `V = ${t.volatilityHigh} (high above)` },
            { V: t.volatilityMedium, text: `V = ${t.volatilityMedium} (low below)` },
          ],
        },
        layer: [
          { mark: { type: 'rule', strokeDash: [2, 3], color: '#888' }, encoding: { y: { field: 'V', type: 'quantitative' } } },
          {
            mark: { type: 'text', align: 'right', dy: -5, fontSize: 9, color: '#666', x: 'width' },
            encoding: { y: { field: 'V', type: 'quantitative' }, text: { field: 'text' } },
          },
        ],
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          x,
          y,
          color: { field: 'pattern', type: 'nominal', title: 'Pattern', scale: patternScale, legend: { orient: 'bottom', direction: 'horizontal' } },
          tooltip: [{ field: 'label', title: 'group' }, { field: 'G', format: '.3f' }, { field: 'V', format: '.3f' }, { field: 'pattern_label', title: 'pattern' }],
        },
      },
      {
        data: { values },
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 10 },
        encoding: { x, y, text: { field: 'label' }, color: { field: 'pattern', type: 'nominal', scale: patternScale } },
      },
    ],
  };
}

/**
 * The 3×2 partition matrix as a grid of group names (rows: volatility band; columns: growth band),
 * each name coloured by its pattern; an empty cell shows "(none)".
 * @param cells the six cells of partitionMatrix()
 * @param patterns group label → pattern (for the colours)
 * @throws {StudyError} when sourceNote is empty or a group has no pattern
 * @example partitionMatrixChart(partitionMatrix(rows), new Map(rows.map((r) => [r.matrixLabel, r.pattern])), { sourceNote: 'SYNTHETIC' }).facet; // => { row: …, column: … }
 */
export function partitionMatrixChart(cells: MatrixCell[], patterns: Map<string, Pattern>, o: ChartOptions & { thresholds?: Partial<Thresholds> }): StudyChartSpec {
  const h = header('partitionMatrixChart', o, 'Partition of technology groups by growth and volatility of imports');
  const t = { ...DEFAULT_THRESHOLDS, ...(o.thresholds ?? {}) };
  const gLab = { high: `High growth (G > ${t.growth})`, low: `Low growth (G ≤ ${t.growth})` };
  const vLab = {
    high: `High volatility (V > ${t.volatilityHigh})`,
    medium: `Medium volatility (${t.volatilityMedium} ≤ V ≤ ${t.volatilityHigh})`,
    low: `Low volatility (V < ${t.volatilityMedium})`,
  };
  const names: { growth: string; volatility: string; label: string; rank: number; pattern: Pattern | 'none' }[] = [];
  for (const c of cells) {
    if (c.groups.length === 0) names.push({ growth: gLab[c.growth], volatility: vLab[c.volatility], label: '(none)', rank: 0, pattern: 'none' });
    c.groups.forEach((g, i) => {
      const p = patterns.get(g);
      if (!p) fail('partitionMatrixChart', 'no pattern for group', g);
      names.push({ growth: gLab[c.growth], volatility: vLab[c.volatility], label: g, rank: i, pattern: p! });
    });
  }
  const maxRank = Math.max(1, ...names.map((n) => n.rank + 1));
  return {
    ...h,
    data: { values: names },
    facet: {
      row: { field: 'volatility', type: 'nominal', title: 'Volatility index band (unitless)', sort: [vLab.high, vLab.medium, vLab.low], header: { labelAngle: 0, labelAlign: 'left', labelLimit: 400 } },
      column: { field: 'growth', type: 'nominal', title: 'Growth index band (unitless)', sort: [gLab.high, gLab.low] },
    },
    spacing: 0,
    spec: {
      width: o.width ?? 240,
      height: o.height ?? 20 * maxRank + 16,
      mark: { type: 'text', fontSize: 11 },
      encoding: {
        y: { field: 'rank', type: 'ordinal', axis: null, scale: { domain: Array.from({ length: maxRank }, (_, i) => i) } },
        text: { field: 'label' },
        color: {
          field: 'pattern',
          type: 'nominal',
          title: 'Pattern',
          scale: names.some((n) => n.pattern === 'none') ? { domain: [...patternScale.domain, 'none'], range: [...patternScale.range, '#999999'] } : patternScale,
        },
      },
    },
    config: { view: { stroke: '#999' } },
  };
}

/**
 * Imports as % of GDP over time, with and without the semiconductor groups, and the
 * published endpoints as marked points labelled "published" (points without a year are left out and counted in the subtitle).
 * @param rows long macro rows (macroLong())
 * @param published published points {series, year, value_pct_gdp}
 * @throws {StudyError} when sourceNote is empty or a share is not finite
 * @example macroSharesChart(macroLong(rows), published.macro, { sourceNote: 'SYNTHETIC' }).layer.length; // => 3
 */
export function macroSharesChart(
  rows: Pick<MacroLongRow, 'year' | 'series' | 'share_pct'>[],
  published: { series: string; year: number | null; value_pct_gdp: number }[],
  o: ChartOptions,
): StudyChartSpec {
  const h = header('macroSharesChart', o, "China's imports of capital goods and intermediates, % of GDP");
  for (const r of rows) if (!Number.isFinite(r.share_pct)) fail('macroSharesChart', `share of ${r.series} in ${r.year} must be finite`, r.share_pct);
  const series = [...new Set(rows.map((r) => r.series))];
  const pts = published.filter((p) => p.year !== null && series.includes(p.series)).map((p) => ({ series: p.series, year: p.year, share_pct: p.value_pct_gdp, label: 'published' }));
  const skipped = published.filter((p) => p.year === null && series.includes(p.series)).length;
  if (skipped > 0) h.title.subtitle.push(`${skipped} published value(s) without a stated year (e.g. the semiconductor-intermediates peak) are not plotted.`);
  const x = { field: 'year', type: 'quantitative', title: 'Year', axis: { format: 'd', tickMinStep: 1 } };
  const y = { field: 'share_pct', type: 'quantitative', title: 'Imports, % of GDP (current US dollars)' };
  const color = { field: 'series', type: 'nominal', title: 'Series', scale: { domain: series }, legend: { orient: 'bottom', columns: 2, labelLimit: 320 } };
  return {
    ...h,
    width: o.width ?? 560,
    height: o.height ?? 340,
    layer: [
      {
        data: { values: rows.map((r) => ({ year: r.year, series: r.series, share_pct: r.share_pct })) },
        mark: { type: 'line', point: true },
        encoding: { x, y, color, tooltip: [{ field: 'series' }, { field: 'year' }, { field: 'share_pct', format: '.2f', title: '% of GDP' }] },
      },
      {
        data: { values: pts },
        mark: { type: 'point', shape: 'diamond', size: 110, filled: false, strokeWidth: 2 },
        encoding: { x, y, color, tooltip: [{ field: 'series' }, { field: 'year' }, { field: 'share_pct', format: '.2f', title: 'published % of GDP' }] },
      },
      {
        data: { values: pts },
        mark: { type: 'text', dx: 8, dy: -8, fontSize: 9, align: 'left' },
        encoding: { x, y, text: { field: 'label' }, color },
      },
    ],
  };
}

/**
 * Robustness heatmap: share of sweep combinations keeping each group's baseline pattern,
 * by parameter value (columns "param = value") plus an "all combinations" column.
 * @param sweep byParameter and robustness of a SweepResult
 * @throws {StudyError} when sourceNote is empty or a share is outside [0, 1]
 * @example sensitivityHeatmap(result, { sourceNote: 'SYNTHETIC' }).mark; // => { type: 'rect' }
 */
export function sensitivityHeatmap(
  sweep: { byParameter: { param: string; value: string; group: string; share: number }[]; robustness: { group: string; share: number }[] },
  o: ChartOptions,
): StudyChartSpec {
  const h = header('sensitivityHeatmap', o, 'How robust is each group’s pattern to the open choices?');
  const values = [
    ...sweep.robustness.map((r) => ({ group: r.group, column: 'all combinations', share: r.share })),
    ...sweep.byParameter.map((r) => ({ group: r.group, column: `${r.param} = ${r.value}`, share: r.share })),
  ];
  for (const v of values) if (!(v.share >= 0 && v.share <= 1)) fail('sensitivityHeatmap', `share for ${v.group} / ${v.column} must be in [0, 1]`, v.share);
  const columns = [...new Set(values.map((v) => v.column))];
  const groups = sweep.robustness.map((r) => r.group);
  return {
    ...h,
    width: o.width ?? Math.max(200, 26 * columns.length),
    height: o.height ?? Math.max(200, 20 * groups.length),
    data: { values },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'column', type: 'nominal', title: 'Parameter value (share of combinations with that value)', sort: columns, axis: { labelAngle: -60, labelLimit: 180 } },
      y: { field: 'group', type: 'nominal', title: 'Technology group', sort: groups },
      color: { field: 'share', type: 'quantitative', title: 'Share keeping baseline pattern (%)', scale: { domain: [0, 1], scheme: 'viridis' }, legend: { format: '.0%' } },
      tooltip: [{ field: 'group' }, { field: 'column', title: 'parameter' }, { field: 'share', format: '.1%', title: 'share keeping baseline pattern' }],
    },
  };
}
