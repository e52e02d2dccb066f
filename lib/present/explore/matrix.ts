/**
 * The explorer's two 3 × 2 matrices as HTML (the rows of a `<table>`): ours for the
 * current settings, each group coloured by its pattern and a moved group marked with its
 * old cell, and the published one beside it. Pure: the page sets them as `innerHTML`.
 *
 * @module present/explore/matrix
 */
import type { GrowthBand, VolatilityBand } from '../../steps/partition.js';
import type { Pattern } from '../../core/types.js';
import type { PartitionMove } from '../../steps/partition-teaching.js';
import type { ExploreData, ExploreResult } from '../explore-model.js';
import { esc, patternClass } from './format.js';

const GROWTH: GrowthBand[] = ['high', 'low'];
const VOLATILITY: VolatilityBand[] = ['high', 'medium', 'low'];

/** A group as a matrix shows it. */
export interface MatrixEntry {
  group_id: number;
  label: string;
  growth: GrowthBand;
  volatility: VolatilityBand;
  pattern: Pattern;
}

/**
 * A matrix's head and body: the two growth columns headed `head` (HTML), a row per volatility band, each cell's
 * groups by label; a group whose cell differs from the starting choices (`changed`) is marked with its old cell.
 * @example matrixHtml([{ group_id: 2, label: 'ICs', growth: 'high', volatility: 'medium', pattern: 'stockpiling' }], ['high', 'low'])
 *   .includes('<td data-cell="high-medium"><span class="p-stockpiling" data-group-id="2">ICs</span></td><td data-cell="low-medium"><span class="none">(none)</span></td>');
 * // => true
 */
export function matrixHtml(
  rows: readonly MatrixEntry[],
  head: [string, string],
  changed?: ReadonlyMap<number, PartitionMove>,
): string {
  const cell = (v: VolatilityBand, g: GrowthBand) => {
    const inCell = rows
      .filter((r) => r.growth === g && r.volatility === v)
      .sort((a, b) => a.label.localeCompare(b.label));
    if (!inCell.length) return '<span class="none">(none)</span>';
    return inCell
      .map((r) => {
        const m = changed?.get(r.group_id);
        const name = `<span class="${patternClass(r.pattern)}" data-group-id="${r.group_id}">${esc(r.label)}</span>`;
        return m !== undefined && m.cellBefore !== m.cellAfter
          ? `<mark class="moved">${name} <small>(was ${esc(m.cellBefore)})</small></mark>`
          : name;
      })
      .join('<br>');
  };
  return (
    `<thead><tr><th scope="col"></th><th scope="col">${head[0]}</th><th scope="col">${head[1]}</th></tr></thead><tbody>` +
    VOLATILITY.map(
      (v) =>
        `<tr><th scope="row">${v} volatility</th>${GROWTH.map((g) => `<td data-cell="${g}-${v}">${cell(v, g)}</td>`).join('')}</tr>`,
    ).join('') +
    '</tbody>'
  );
}

/**
 * The published matrix with its caption, its columns headed as the slides print them when the data has them.
 * @example publishedMatrixHtml({ published: [], publishedColumns: ['High Growth (G > 0.5)', 'Low Growth (G < 0.5)'] }).split('<tbody>')[0];
 * // => '<caption>Published (Naughton &amp; Fang 2025, slides)</caption><thead><tr><th scope="col"></th><th scope="col">High Growth (G &gt; 0.5)</th><th scope="col">Low Growth (G &lt; 0.5)</th></tr></thead>'
 */
export function publishedMatrixHtml(data: Pick<ExploreData, 'published' | 'publishedColumns'>): string {
  const rows = data.published.map((p) => ({
    group_id: p.group_id,
    label: p.matrix_label,
    growth: p.growth,
    volatility: p.volatility,
    pattern: p.pattern,
  }));
  const head: [string, string] = data.publishedColumns
    ? [esc(data.publishedColumns[0]), esc(data.publishedColumns[1])]
    : ['high growth', 'low growth'];
  return `<caption>Published (Naughton &amp; Fang 2025, slides)</caption>` + matrixHtml(rows, head);
}

/**
 * Our matrix for a result, with its caption, its columns headed by the growth cut, moved groups marked.
 * @example ourMatrixHtml({ rows: [], choices: { ...DEFAULT_CHOICES, growth: 0.7 } }, new Map()).split('<tbody>')[0];
 * // => '<caption>Ours (this setting)</caption><thead><tr><th scope="col"></th><th scope="col">high growth (G &gt; 0.7)</th><th scope="col">low growth (G ≤ 0.7)</th></tr></thead>'
 */
export function ourMatrixHtml(
  r: Pick<ExploreResult, 'rows' | 'choices'>,
  changed: ReadonlyMap<number, PartitionMove>,
): string {
  const th = r.choices;
  return (
    `<caption>Ours (this setting)</caption>` +
    matrixHtml(
      r.rows.map((x) => ({
        group_id: x.group_id,
        label: x.matrixLabel,
        growth: x.growth,
        volatility: x.volatility,
        pattern: x.pattern,
      })),
      [`high growth (G &gt; ${th.growth})`, `low growth (G ≤ ${th.growth})`],
      changed,
    )
  );
}
