/**
 * The chart of step 5 (macro adjustment, notebook 05): capital goods and intermediates as shares
 * of GDP, with and without the semiconductor groups.
 *
 * @module present/chart-specs/macro
 */
import { fail } from '../../core/errors.js';
import type { MacroLongRow } from '../../steps/macro.js';
import { chartHeader, type ChartOptions, type StudyChartSpec } from './base.js';

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
  const h = chartHeader('macroSharesChart', o, "China's imports of capital goods and intermediates, % of GDP");
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
