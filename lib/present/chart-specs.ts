/**
 * Vega-Lite spec builders for the study's charts. Plain JSON only (vega is not
 * imported here): render with vega-lite/vega where they are available. Every
 * chart has a title, a subtitle carrying the source note (which must say
 * SYNTHETIC when the data are), axis titles with units, fixed width/height,
 * and inline data.
 *
 * Names used by the examples below (run once before them, see docs/CONTRIBUTING.md):
 * @exampleSetup
 * const s = screen.screenUniverse({ months: ['2015-01', '2015-02', '2015-03'], codes: ['85423111', '84862031'],
 *   values: [Float64Array.of(1, 2, 3), Float64Array.of(3, 2, 1)] }, { choices: { window: ['2015-01', '2015-03'] } });
 *
 * @module present/chart-specs
 */
import { fail } from '../core/errors.js';
import { PATTERN_COLOURS, PATTERN_LABELS } from './palette.js';
import type { Pattern } from '../core/types.js';
import { DEFAULT_CHOICES, type Thresholds } from '../steps/choices.js';
import type { MatrixCell } from '../steps/partition.js';
import { PRINTED_BANDS } from '../steps/partition-teaching.js';
import type { MacroLongRow } from '../steps/macro.js';
import { STUDY_CATEGORIES, type CategoryShareRow } from '../steps/grouping.js';
import type { DensityCell, PatternCounts } from '../steps/screen.js';

/** A Vega-Lite top-level spec as plain JSON. */
export type StudyChartSpec = {
  $schema: string;
  title: { text: string; subtitle: string | string[] };
  [key: string]: unknown;
};

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

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

function header(
  fn: string,
  o: ChartOptions,
  defTitle: string,
): { $schema: string; title: { text: string; subtitle: string[]; anchor: string } } {
  if (typeof o?.sourceNote !== 'string' || o.sourceNote.trim() === '')
    fail(fn, 'sourceNote is required (name the data source; say SYNTHETIC for synthetic data)', o?.sourceNote);
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
 * @example groupSmallMultiples(gp, { sourceNote: 'SYNTHETIC teaching panel' }).facet; // => { field: 'group', … }
 */
export function groupSmallMultiples(
  panel: { months: string[]; codes: string[]; values: ArrayLike<number>[] },
  o: ChartOptions & { columns?: number },
): StudyChartSpec {
  const h = header('groupSmallMultiples', o, 'Monthly imports by technology group');
  const values: { group: string; month: string; value_musd: number | null }[] = [];
  panel.codes.forEach((g, k) => {
    if (panel.values[k].length !== panel.months.length)
      fail(
        'groupSmallMultiples',
        `series ${g} has ${panel.values[k].length} values for ${panel.months.length} months`,
        g,
      );
    panel.months.forEach((m, t) =>
      values.push({ group: g, month: m, value_musd: finiteOrNull(panel.values[k][t] / 1e6) }),
    );
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
  const t = { ...DEFAULT_CHOICES, ...(o.thresholds ?? {}) };
  for (const r of rows)
    if (!Number.isFinite(r.G) || !Number.isFinite(r.V))
      fail('growthVolatilityScatter', `G and V of ${r.label} must be finite`, [r.G, r.V]);
  const values = rows.map((r) => ({
    label: r.label,
    G: r.G,
    V: r.V,
    pattern: r.pattern,
    pattern_label: PATTERN_LABELS[r.pattern],
  }));
  const x = {
    field: 'G',
    type: 'quantitative',
    title: 'Growth index G (weighted mean of (x − base)/base; ratio, unitless)',
  };
  const y = {
    field: 'V',
    type: 'quantitative',
    title: 'Volatility index V (SD / mean of monthly US-dollar imports; unitless)',
  };
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
          {
            mark: { type: 'rule', strokeDash: [2, 3], color: '#888' },
            encoding: { y: { field: 'V', type: 'quantitative' } },
          },
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
          color: {
            field: 'pattern',
            type: 'nominal',
            title: 'Pattern',
            scale: patternScale,
            legend: { orient: 'bottom', direction: 'horizontal' },
          },
          tooltip: [
            { field: 'label', title: 'group' },
            { field: 'G', format: '.3f' },
            { field: 'V', format: '.3f' },
            { field: 'pattern_label', title: 'pattern' },
          ],
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
 * @example partitionMatrixChart(partitionMatrix(run.partition), new Map(run.partition.map((r) => [r.matrixLabel, r.pattern])), { sourceNote: 'SYNTHETIC' }).facet;
 * // => { row: …, column: … }
 */
export function partitionMatrixChart(
  cells: MatrixCell[],
  patterns: Map<string, Pattern>,
  o: ChartOptions & { thresholds?: Partial<Thresholds>; bands?: 'rule' | 'printed' },
): StudyChartSpec {
  const h = header('partitionMatrixChart', o, 'Partition of technology groups by growth and volatility of imports');
  const t = { ...DEFAULT_CHOICES, ...(o.thresholds ?? {}) };
  // 'printed': the bands as the slides print them (for the published matrix); 'rule': the project's closed rule
  const printed = o.bands === 'printed';
  const gLab = printed
    ? { ...PRINTED_BANDS.growth }
    : { high: `High growth (G > ${t.growth})`, low: `Low growth (G ≤ ${t.growth})` };
  const vLab = printed
    ? { ...PRINTED_BANDS.volatility }
    : {
        high: `High volatility (V > ${t.volatilityHigh})`,
        medium: `Medium volatility (${t.volatilityMedium} ≤ V ≤ ${t.volatilityHigh})`,
        low: `Low volatility (V < ${t.volatilityMedium})`,
      };
  const names: { growth: string; volatility: string; label: string; rank: number; pattern: Pattern | 'none' }[] = [];
  for (const c of cells) {
    if (c.groups.length === 0)
      names.push({ growth: gLab[c.growth], volatility: vLab[c.volatility], label: '(none)', rank: 0, pattern: 'none' });
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
      row: {
        field: 'volatility',
        type: 'nominal',
        title: 'Volatility index band (unitless)',
        sort: [vLab.high, vLab.medium, vLab.low],
        header: { labelAngle: 0, labelAlign: 'left', labelLimit: 400 },
      },
      column: { field: 'growth', type: 'nominal', title: 'Growth index band (unitless)', sort: [gLab.high, gLab.low] },
    },
    spacing: 0,
    spec: {
      width: o.width ?? 240,
      height: o.height ?? 20 * maxRank + 16,
      mark: { type: 'text', fontSize: 11 },
      encoding: {
        y: {
          field: 'rank',
          type: 'ordinal',
          axis: null,
          scale: { domain: Array.from({ length: maxRank }, (_, i) => i) },
        },
        text: { field: 'label' },
        color: {
          field: 'pattern',
          type: 'nominal',
          title: 'Pattern',
          scale: names.some((n) => n.pattern === 'none')
            ? { domain: [...patternScale.domain, 'none'], range: [...patternScale.range, '#999999'] }
            : patternScale,
        },
      },
    },
    config: { view: { stroke: '#999' } },
  };
}

/**
 * Imports as % of GDP over time, with and without the semiconductor groups, and the
 * published endpoints as marked points labelled "published" — "published, year assumed" where the slide prints no
 * year (`year_stated: false`) and the project places the point (points without any year are left out and counted in the subtitle).
 * @param rows long macro rows (macroLong())
 * @param published published points {series, year, value_pct_gdp, year_stated}
 * @throws {StudyError} when sourceNote is empty or a share is not finite
 * @example macroSharesChart(macroLong(macroTable().rows), published.macro, { sourceNote: 'SYNTHETIC' }).layer.length; // => 3
 */
export function macroSharesChart(
  rows: Pick<MacroLongRow, 'year' | 'series' | 'share_pct'>[],
  published: { series: string; year: number | null; value_pct_gdp: number; year_stated?: boolean }[],
  o: ChartOptions,
): StudyChartSpec {
  const h = header('macroSharesChart', o, "China's imports of capital goods and intermediates, % of GDP");
  for (const p of published)
    if (p.year !== null && p.year_stated === undefined)
      fail(
        'macroSharesChart',
        `published point of ${p.series} needs year_stated (is ${p.year} printed or assumed?)`,
        p,
      );
  for (const r of rows)
    if (!Number.isFinite(r.share_pct))
      fail('macroSharesChart', `share of ${r.series} in ${r.year} must be finite`, r.share_pct);
  const series = [...new Set(rows.map((r) => r.series))];
  const pts = published
    .filter((p) => p.year !== null && series.includes(p.series))
    .map((p) => ({
      series: p.series,
      year: p.year,
      share_pct: p.value_pct_gdp,
      label: p.year_stated ? 'published' : 'published, year assumed',
    }));
  const skipped = published.filter((p) => p.year === null && series.includes(p.series)).length;
  if (pts.some((p) => p.label !== 'published'))
    h.title.subtitle.push(
      '"published, year assumed": the slide prints the share but no year; the project places it at the window\'s ends (2015, 2024).',
    );
  if (skipped > 0)
    h.title.subtitle.push(
      `${skipped} published value(s) without a stated year (e.g. the semiconductor-intermediates peak) are not plotted.`,
    );
  const x = { field: 'year', type: 'quantitative', title: 'Year', axis: { format: 'd', tickMinStep: 1 } };
  const y = { field: 'share_pct', type: 'quantitative', title: 'Imports, % of GDP (current US dollars)' };
  const color = {
    field: 'series',
    type: 'nominal',
    title: 'Series',
    scale: { domain: series },
    legend: { orient: 'bottom', columns: 2, labelLimit: 320 },
  };
  return {
    ...h,
    width: o.width ?? 560,
    height: o.height ?? 340,
    layer: [
      {
        data: { values: rows.map((r) => ({ year: r.year, series: r.series, share_pct: r.share_pct })) },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y,
          color,
          tooltip: [{ field: 'series' }, { field: 'year' }, { field: 'share_pct', format: '.2f', title: '% of GDP' }],
        },
      },
      {
        data: { values: pts },
        mark: { type: 'point', shape: 'diamond', size: 110, filled: false, strokeWidth: 2 },
        encoding: {
          x,
          y,
          color,
          tooltip: [
            { field: 'series' },
            { field: 'year' },
            { field: 'share_pct', format: '.2f', title: 'published % of GDP' },
            { field: 'label', title: 'status' },
          ],
        },
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
 * @example sensitivityHeatmap(sensitivitySweep(gp.months, groupSeriesFromPanel(gp, gp.groups), gp.groups, { growth: [0.4, 0.6] }), { sourceNote: 'SYNTHETIC' }).mark; // => { type: 'rect' }
 */
export function sensitivityHeatmap(
  sweep: {
    byParameter: { param: string; value: string; group: string; share: number }[];
    robustness: { group: string; share: number }[];
  },
  o: ChartOptions,
): StudyChartSpec {
  const h = header('sensitivityHeatmap', o, 'How robust is each group’s pattern to the open choices?');
  const values = [
    ...sweep.robustness.map((r) => ({ group: r.group, column: 'all combinations', share: r.share })),
    ...sweep.byParameter.map((r) => ({ group: r.group, column: `${r.param} = ${r.value}`, share: r.share })),
  ];
  for (const v of values)
    if (!(v.share >= 0 && v.share <= 1))
      fail('sensitivityHeatmap', `share for ${v.group} / ${v.column} must be in [0, 1]`, v.share);
  const columns = [...new Set(values.map((v) => v.column))];
  const groups = sweep.robustness.map((r) => r.group);
  return {
    ...h,
    width: o.width ?? Math.max(200, 26 * columns.length),
    height: o.height ?? Math.max(200, 20 * groups.length),
    data: { values },
    mark: { type: 'rect' },
    encoding: {
      x: {
        field: 'column',
        type: 'nominal',
        title: 'Parameter value (share of combinations with that value)',
        sort: columns,
        axis: { labelAngle: -60, labelLimit: 180 },
      },
      y: { field: 'group', type: 'nominal', title: 'Technology group', sort: groups },
      color: {
        field: 'share',
        type: 'quantitative',
        title: 'Share keeping baseline pattern (%)',
        scale: { domain: [0, 1], scheme: 'viridis' },
        legend: { format: '.0%' },
      },
      tooltip: [
        { field: 'group' },
        { field: 'column', title: 'parameter' },
        { field: 'share', format: '.1%', title: 'share keeping baseline pattern' },
      ],
    },
  };
}

/**
 * Spread the point labels of a G×V scatter (studyCharts `growthVolatilityScatter`) so they do not overlap:
 * labels whose text would collide horizontally are pushed apart vertically, in data units, and a thin leader
 * is not drawn (the label stays at the point's G). Returns a new spec; the input is not changed.
 * @param spec a spec from growthVolatilityScatter
 * @param opts approximate label height and width in pixels (defaults 12 and 150)
 * @throws {StudyError} when the spec has no text layer with `label`, `G` and `V` values
 * @example spreadScatterLabels(growthVolatilityScatter([{ label: 'Polymers', G: 0.2, V: 0.1, pattern: 'substitution' }], { sourceNote: 'SYNTHETIC' })).layer[3].encoding.y.field; // => 'labelV'
 */
export function spreadScatterLabels<S extends object>(
  spec: S,
  opts: { labelHeight?: number; labelWidth?: number } = {},
): S {
  const fn = 'spreadScatterLabels';
  const copy = JSON.parse(JSON.stringify(spec)) as { layer?: any[]; width?: number; height?: number };
  const layer = (copy.layer ?? []).find(
    (l: any) => l?.mark?.type === 'text' && l?.encoding?.text?.field === 'label' && Array.isArray(l?.data?.values),
  );
  if (!layer) fail(fn, 'no text layer with label values (expected a growthVolatilityScatter spec)', Object.keys(copy));
  const values = layer.data.values as { label: string; G: number; V: number; labelV?: number }[];
  if (values.some((v) => !Number.isFinite(v.G) || !Number.isFinite(v.V)))
    fail(fn, 'G and V of every label must be finite', values);
  if (values.length === 0) return copy as S;
  const width = typeof copy.width === 'number' ? copy.width : 560;
  const height = typeof copy.height === 'number' ? copy.height : 400;
  const gs = values.map((v) => v.G);
  const vMax = Math.max(...values.map((v) => v.V), 0.3) * 1.05;
  const gap = ((opts.labelHeight ?? 12) / height) * vMax;
  const reach = ((opts.labelWidth ?? 150) / width) * (Math.max(...gs) - Math.min(...gs) || 1) * 1.1;
  const placed: { G: number; y: number }[] = [];
  for (const v of [...values].sort((a, b) => a.V - b.V || a.G - b.G)) {
    let y = v.V;
    for (let guard = 0; guard < values.length * 2; guard++) {
      const hit = placed.find((p) => Math.abs(p.G - v.G) < reach && Math.abs(p.y - y) < gap);
      if (!hit) break;
      y = hit.y + gap;
    }
    v.labelV = y;
    placed.push({ G: v.G, y });
  }
  layer.encoding.y = { ...layer.encoding.y, field: 'labelV' };
  return copy as S;
}

/** Options of {@link categoryShareChart}. */
export interface CategoryShareChartOptions {
  /** Source line under the title (say SYNTHETIC for synthetic data). */
  sourceNote: string;
  title?: string;
  width?: number;
  height?: number;
}

/**
 * A stacked-area chart of each study category's share of the groups' annual imports (vega-lite JSON).
 * @throws {StudyError} when sourceNote is empty or a share is not finite
 * @example categoryShareChart(grouping.categoryShares(annualGroupSums(gp).rows, loadGroups()), { sourceNote: 'SYNTHETIC teaching panel' }).mark;
 * // => { type: 'area', tooltip: true }
 */
export function categoryShareChart(rows: CategoryShareRow[], o: CategoryShareChartOptions): Record<string, unknown> {
  const fn = 'categoryShareChart';
  if (typeof o?.sourceNote !== 'string' || o.sourceNote.trim() === '')
    fail(fn, 'sourceNote is required (say SYNTHETIC for synthetic data)', o?.sourceNote);
  for (const r of rows)
    if (!Number.isFinite(r.share)) fail(fn, `share of ${r.category} in ${r.year} is not finite`, r.share);
  const order = new Map(STUDY_CATEGORIES.map((c, k) => [c, k] as const));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: o.title ?? 'Imports of the technology groups by study category (share of the groups’ total)',
      subtitle: [o.sourceNote],
      anchor: 'start',
    },
    width: o.width ?? 520,
    height: o.height ?? 240,
    data: {
      values: rows.map((r) => ({ year: r.year, category: r.category, share: r.share, order: order.get(r.category) })),
    },
    mark: { type: 'area', tooltip: true },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'Year' },
      y: {
        field: 'share',
        type: 'quantitative',
        stack: 'normalize',
        title: 'Share of the groups’ imports',
        axis: { format: '%' },
      },
      color: {
        field: 'category',
        type: 'nominal',
        title: 'Study category',
        sort: [...STUDY_CATEGORIES],
        scale: { domain: [...STUDY_CATEGORIES], range: ['#D55E00', '#E69F00', '#0072B2', '#56B4E9', '#009E73'] },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'year', type: 'ordinal' },
        { field: 'category', type: 'nominal' },
        { field: 'share', type: 'quantitative', format: '.1%' },
      ],
    },
  };
}

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
  if (typeof o?.sourceNote !== 'string' || o.sourceNote.trim() === '')
    fail('screenDensityChart', 'sourceNote is required (say SYNTHETIC for synthetic data)', o?.sourceNote);
  const subtitle = [o.sourceNote];
  if (density.clamped > 0)
    subtitle.push(`${density.clamped.toLocaleString('en-US')} codes outside the axes are drawn in the edge cells.`);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: o.title ?? 'Growth and volatility of every code (number of codes per cell)',
      subtitle,
      anchor: 'start',
    },
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
  if (typeof o?.sourceNote !== 'string' || o.sourceNote.trim() === '')
    fail('patternCountChart', 'sourceNote is required (say SYNTHETIC for synthetic data)', o?.sourceNote);
  const values: { pattern: string; kind: string; codes: number; order: number }[] = [];
  const patterns = ['substitution', 'no effect', 'stockpiling', 'skipped'] as const;
  for (const only of ['semiconductor', 'other'] as const) {
    const c = counts[only];
    const kind = `${only === 'semiconductor' ? 'semiconductor-related' : 'other codes'} (${c.total.toLocaleString('en-US')})`;
    patterns.forEach((p, k) => values.push({ pattern: p, kind, codes: c[p], order: k }));
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: o.title ?? 'Mix of patterns: semiconductor-related codes vs the rest',
      subtitle: [o.sourceNote],
      anchor: 'start',
    },
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
