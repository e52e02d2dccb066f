/**
 * The explorer's growth × volatility scatter, drawn by hand in the page's `<svg id="scatter">`:
 * built once (frame, axis titles, the three cut lines, a marker, ring, leader line, tooltip
 * and label per group), then each update only writes attributes: the axes when their domain
 * changes, the cuts, and every point's place, shape, colour, ring and label.
 *
 * @module present/explore/scatter
 */
import { PATTERN_COLOURS } from '../palette.js';
import type { Thresholds } from '../../steps/choices.js';
import type { PartitionMove } from '../../steps/partition-teaching.js';
import type { ExploreResult } from '../explore-model.js';
import { controlPointTitle } from '../explore-controls.js';
import type { ControlIndexRow } from '../../steps/controls.js';
import { svgEl } from './dom.js';
import {
  H,
  M,
  SHAPE,
  W,
  leaderEnd,
  placeLabel,
  pointBox,
  scales,
  scatterDomain,
  ticks,
  type Box,
  type Domain,
} from './scatter-layout.js';
import { pointTitle } from './texts.js';

/** A group's elements in the scatter. */
interface Point {
  g: SVGGElement;
  shape: SVGPathElement;
  ring: SVGCircleElement;
  label: SVGTextElement;
  title: SVGTitleElement;
  leader: SVGLineElement;
}

/** The scatter's parts that updates write to. */
interface Frame {
  gridG: SVGGElement;
  axisX: SVGGElement;
  axisY: SVGGElement;
  cutG: SVGLineElement;
  cutVH: SVGLineElement;
  cutVM: SVGLineElement;
  cutGText: SVGTextElement;
  cutVHText: SVGTextElement;
  cutVMText: SVGTextElement;
  controlsG: SVGGElement;
  pointsG: SVGGElement;
}

/** Draw the parts that never change (frame lines, axis titles) and the empty groups the updates fill. */
function drawFrame(svg: SVGSVGElement): Frame {
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const gridG = svgEl('g', { class: 'grid' }, svg);
  const axisX = svgEl('g', { class: 'axis' }, svg);
  const axisY = svgEl('g', { class: 'axis' }, svg);
  svgEl('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'frame' }, svg);
  svgEl('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom, class: 'frame' }, svg);
  const xTitle = svgEl(
    'text',
    { x: (M.left + W - M.right) / 2, y: H - 8, 'text-anchor': 'middle', class: 'axis-title' },
    svg,
  );
  xTitle.textContent = 'Growth index G (ratio, unitless)';
  const yTitle = svgEl(
    'text',
    {
      transform: `translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`,
      'text-anchor': 'middle',
      class: 'axis-title',
    },
    svg,
  );
  yTitle.textContent = 'Volatility index V (SD / mean, unitless)';
  return {
    gridG,
    axisX,
    axisY,
    cutG: svgEl('line', { class: 'cut cut-g' }, svg),
    cutVH: svgEl('line', { class: 'cut cut-v' }, svg),
    cutVM: svgEl('line', { class: 'cut cut-v' }, svg),
    cutGText: svgEl('text', { class: 'cut-label', 'text-anchor': 'start' }, svg),
    cutVHText: svgEl('text', { class: 'cut-label', 'text-anchor': 'end' }, svg),
    cutVMText: svgEl('text', { class: 'cut-label', 'text-anchor': 'end' }, svg),
    // the control economies' points under China's
    controlsG: svgEl('g', { class: 'control-points' }, svg),
    pointsG: svgEl('g', { class: 'points' }, svg),
  };
}

/** A point per group (marker, ring, leader line, tooltip), each followed by its label. */
function drawPoints(
  pointsG: SVGGElement,
  groups: readonly { group_id: number; matrixLabel: string }[],
): Map<number, Point> {
  const points = new Map<number, Point>();
  for (const grp of groups) {
    const g = svgEl('g', { class: 'pt', 'data-group-id': grp.group_id }, pointsG);
    const ring = svgEl('circle', { r: 10, class: 'ring' }, g);
    const shape = svgEl('path', {}, g);
    const leader = svgEl('line', { class: 'leader', x1: 0, y1: 0 }, g);
    const label = svgEl('text', { class: 'pt-label' });
    label.textContent = grp.matrixLabel;
    const title = svgEl('title', {}, g);
    pointsG.appendChild(label);
    points.set(grp.group_id, { g, shape, ring, label, title, leader });
  }
  return points;
}

/** Redraw the grid and the tick labels for a domain. */
function drawAxes(f: Frame, d: Domain, sx: (x: number) => number, sy: (y: number) => number): void {
  f.gridG.replaceChildren();
  f.axisX.replaceChildren();
  f.axisY.replaceChildren();
  for (const t of ticks(d.x0, d.x1)) {
    svgEl('line', { x1: sx(t), x2: sx(t), y1: M.top, y2: H - M.bottom }, f.gridG);
    svgEl('text', { x: sx(t), y: H - M.bottom + 16, 'text-anchor': 'middle' }, f.axisX).textContent = String(
      +t.toFixed(2),
    );
  }
  for (const t of ticks(d.y0, d.y1)) {
    svgEl('line', { x1: M.left, x2: W - M.right, y1: sy(t), y2: sy(t) }, f.gridG);
    svgEl('text', { x: M.left - 6, y: sy(t) + 4, 'text-anchor': 'end' }, f.axisY).textContent = String(+t.toFixed(2));
  }
}

/** Place the growth cut (vertical) and the two volatility cuts (horizontal) with their labels. */
function drawCuts(f: Frame, th: Thresholds, sx: (x: number) => number, sy: (y: number) => number): void {
  const gx = sx(th.growth);
  f.cutG.setAttribute('x1', String(gx));
  f.cutG.setAttribute('x2', String(gx));
  f.cutG.setAttribute('y1', String(M.top));
  f.cutG.setAttribute('y2', String(H - M.bottom));
  f.cutGText.setAttribute('x', String(gx + 4));
  f.cutGText.setAttribute('y', String(M.top + 10));
  f.cutGText.textContent = `G = ${th.growth}`;
  for (const [line, text, v, what] of [
    [f.cutVH, f.cutVHText, th.volatilityHigh, 'high above'],
    [f.cutVM, f.cutVMText, th.volatilityMedium, 'low below'],
  ] as const) {
    const y = sy(v);
    line.setAttribute('x1', String(M.left));
    line.setAttribute('x2', String(W - M.right));
    line.setAttribute('y1', String(y));
    line.setAttribute('y2', String(y));
    text.setAttribute('x', String(W - M.right - 4));
    text.setAttribute('y', String(y - 4));
    text.textContent = `V = ${v} (${what})`;
  }
}

/** Move, shape and label every group's point; a group without a result is hidden. Labels go top to bottom, each to its first free spot. */
function drawPointsAt(
  points: Map<number, Point>,
  r: ExploreResult,
  changed: ReadonlyMap<number, PartitionMove>,
  sx: (x: number) => number,
  sy: (y: number) => number,
): void {
  const pts = r.rows.map((row) => ({ row, x: sx(row.G), y: sy(row.V) }));
  const placed: Box[] = pts.map((p) => pointBox(p.x, p.y));
  const shown = new Set(r.rows.map((x) => x.group_id));
  for (const [id, p] of points) p.g.style.display = shown.has(id) ? '' : 'none';
  for (const [id, p] of points) if (!shown.has(id)) p.label.style.display = 'none';
  for (const p of [...pts].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const el = points.get(p.row.group_id)!;
    const moved = changed.get(p.row.group_id);
    el.g.setAttribute('transform', `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);
    el.shape.setAttribute('d', SHAPE[p.row.pattern]);
    el.shape.setAttribute('fill', PATTERN_COLOURS[p.row.pattern]);
    el.ring.style.display = moved !== undefined && moved.cellBefore !== moved.cellAfter ? '' : 'none';
    el.g.classList.toggle('moved', !!(moved !== undefined && moved.cellBefore !== moved.cellAfter));
    el.title.textContent = pointTitle(p.row, moved);
    const { spot, box } = placeLabel(p.x, p.y, p.row.matrixLabel, placed);
    placed.push(box);
    el.label.style.display = '';
    el.label.setAttribute('x', (p.x + spot[0]).toFixed(1));
    el.label.setAttribute('y', (p.y + spot[1]).toFixed(1));
    el.label.setAttribute('text-anchor', spot[2]);
    el.label.classList.toggle('moved', !!(moved !== undefined && moved.cellBefore !== moved.cellAfter));
    // a label set away from its point gets a thin line to it
    const end = leaderEnd(spot);
    el.leader.style.display = end ? '' : 'none';
    if (end) {
      el.leader.setAttribute('x2', String(end.x2));
      el.leader.setAttribute('y2', String(end.y2));
    }
  }
}

/** The control economies' points: a small grey dot per economy and group (its G as data-g, its tooltip); none when `rows` is empty. */
function drawControlPoints(
  g: SVGGElement,
  rows: readonly ControlIndexRow[],
  synthetic: boolean,
  sx: (x: number) => number,
  sy: (y: number) => number,
): void {
  g.replaceChildren();
  for (const r of rows) {
    const c = svgEl(
      'circle',
      {
        class: 'ctl-pt',
        r: 3,
        cx: sx(r.G).toFixed(1),
        cy: sy(r.V).toFixed(1),
        'data-economy': r.economy,
        'data-group-id': r.group_id,
        'data-g': r.G,
        'data-v': r.V,
      },
      g,
    );
    svgEl('title', {}, c).textContent = controlPointTitle(r, synthetic);
  }
}

/**
 * Build the scatter in `svg` for the data's groups; returns the function that redraws it for a result
 * (`changed`: the groups whose cell or pattern differs from the starting choices, ringed and in bold;
 * `controls`: the control economies' rows, grey points, their tooltips saying SYNTHETIC when `syntheticControls`).
 */
export function createScatter(
  svg: SVGSVGElement,
  groups: readonly { group_id: number; matrixLabel: string }[],
  syntheticControls = false,
): (r: ExploreResult, changed: ReadonlyMap<number, PartitionMove>, controls?: readonly ControlIndexRow[]) => void {
  const frame = drawFrame(svg);
  const points = drawPoints(frame.pointsG, groups);
  // the axes are redrawn only when their domain changes
  let axes: { key: string; sx: (x: number) => number; sy: (y: number) => number } | undefined;
  return (r, changed, controls = []) => {
    // the axes hold the control points too when they are shown
    const d = scatterDomain(controls.length ? { rows: [...r.rows, ...controls], choices: r.choices } : r);
    const key = `${d.x0},${d.x1},${d.y0},${d.y1}`;
    if (axes?.key !== key) {
      axes = { key, ...scales(d) };
      drawAxes(frame, d, axes.sx, axes.sy);
    }
    drawCuts(frame, r.choices, axes.sx, axes.sy);
    drawControlPoints(frame.controlsG, controls, syntheticControls, axes.sx, axes.sy);
    drawPointsAt(points, r, changed, axes.sx, axes.sy);
  };
}
