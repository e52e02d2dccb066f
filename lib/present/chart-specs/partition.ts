/**
 * The charts of step 4 (partition, notebooks 03–04): growth against volatility with the cuts, the
 * 3 × 2 matrix, and the label layout of a scatter.
 *
 * @module present/chart-specs/partition
 */
import { fail } from '../../core/errors.js';
import type { Pattern } from '../../core/types.js';
import { DEFAULT_CHOICES, type Thresholds } from '../../steps/choices.js';
import type { MatrixCell } from '../../steps/partition.js';
import { PRINTED_BANDS } from '../../steps/partition-teaching.js';
import { PATTERN_LABELS } from '../palette.js';
import { chartHeader, PATTERN_SCALE, type ChartOptions, type StudyChartSpec } from './base.js';

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
  const h = chartHeader('growthVolatilityScatter', o, 'Growth and volatility of imports by technology group');
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
            scale: PATTERN_SCALE,
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
        encoding: {
          x,
          y,
          text: { field: 'label' },
          color: { field: 'pattern', type: 'nominal', scale: PATTERN_SCALE },
        },
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
  const h = chartHeader(
    'partitionMatrixChart',
    o,
    'Partition of technology groups by growth and volatility of imports',
  );
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
            ? { domain: [...PATTERN_SCALE.domain, 'none'], range: [...PATTERN_SCALE.range, '#999999'] }
            : PATTERN_SCALE,
        },
      },
    },
    config: { view: { stroke: '#999' } },
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
