/**
 * The chart of step 7 (sensitivity, notebook 07): each group's robustness per parameter value.
 *
 * @module present/chart-specs/sensitivity
 */
import { fail } from '../../core/errors.js';
import { chartHeader, type ChartOptions, type StudyChartSpec } from './base.js';

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
  const h = chartHeader('sensitivityHeatmap', o, 'How robust is each group’s pattern to the open choices?');
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
