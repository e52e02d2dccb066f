/**
 * The charts of step 2 (grouping, notebook 02): monthly imports by group as small multiples,
 * and the category shares of imports.
 *
 * @module present/chart-specs/grouping
 */
import { fail } from '../../core/errors.js';
import { STUDY_CATEGORIES, type CategoryShareRow } from '../../steps/grouping.js';
import { chartHeader, finiteOrNull, type ChartOptions, type StudyChartSpec } from './base.js';

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
  const h = chartHeader('groupSmallMultiples', o, 'Monthly imports by technology group');
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
  const h = chartHeader(fn, o, 'Imports of the technology groups by study category (share of the groups’ total)');
  for (const r of rows)
    if (!Number.isFinite(r.share)) fail(fn, `share of ${r.category} in ${r.year} is not finite`, r.share);
  const order = new Map(STUDY_CATEGORIES.map((c, k) => [c, k] as const));
  return {
    ...h,
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
