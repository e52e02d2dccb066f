/**
 * The chart of step 3 (indices, notebook 03) that compares variants of one open choice: each group's V
 * and G under every variant, side by side.
 *
 * @module present/chart-specs/indices
 */
import { fail } from '../../core/errors.js';
import { chartHeader, type ChartOptions, type StudyChartSpec } from './base.js';

/** One group's indices under one variant of a choice. */
export interface VariantIndexRow {
  group: string;
  /** The variant, e.g. 'split-share'. */
  variant: string;
  V: number;
  G: number;
}

/**
 * Dots of V (left) and G (right) for every group, one colour per variant: where the variants of one
 * choice move a group's indices, and by how much.
 * @param rows one row per group and variant (finite V and G)
 * @param o chart options; `choice` names the choice in the legend (default 'variant')
 * @throws {StudyError} when sourceNote is empty or an index is not finite
 * @example variantIndexChart([{ group: 'ICs', variant: 'split-even', V: 0.27, G: 0.66 }], { sourceNote: 'SYNTHETIC' }).hconcat.length; // => 2
 */
export function variantIndexChart(
  rows: VariantIndexRow[],
  o: ChartOptions & { choice?: string },
): StudyChartSpec & { hconcat: unknown[] } {
  const h = chartHeader('variantIndexChart', o, 'V and G of each group under each variant');
  for (const r of rows)
    if (!Number.isFinite(r.V) || !Number.isFinite(r.G))
      fail('variantIndexChart', `V and G of ${r.group} (${r.variant}) must be finite`, { V: r.V, G: r.G });
  const groups = [...new Set(rows.map((r) => r.group))];
  const variants = [...new Set(rows.map((r) => r.variant))];
  const panel = (index: 'V' | 'G', title: string) => ({
    width: o.width ?? 260,
    height: o.height ?? Math.max(160, 18 * groups.length),
    mark: { type: 'point', filled: true, size: 60, opacity: 0.8 },
    encoding: {
      y: { field: 'group', type: 'nominal', sort: groups, title: 'Group' },
      x: { field: index, type: 'quantitative', title, scale: { zero: false } },
      color: { field: 'variant', type: 'nominal', scale: { domain: variants }, title: o.choice ?? 'variant' },
      shape: { field: 'variant', type: 'nominal', scale: { domain: variants }, title: o.choice ?? 'variant' },
      tooltip: [
        { field: 'group', type: 'nominal' },
        { field: 'variant', type: 'nominal' },
        { field: index, type: 'quantitative', format: '.4f' },
      ],
    },
  });
  return {
    ...h,
    data: { values: rows.map((r) => ({ group: r.group, variant: r.variant, V: r.V, G: r.G })) },
    hconcat: [panel('V', 'V = SD / mean (no unit)'), panel('G', 'G, weighted mean of X′ (no unit)')],
  };
}
