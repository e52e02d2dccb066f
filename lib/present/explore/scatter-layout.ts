/**
 * The geometry of the explorer's growth × volatility scatter: the plot's size, the
 * pattern shapes, the axis domain and scales, round tick values, and where a point's label
 * goes (the first free spot around it). Pure: numbers in, numbers out; scatter.ts draws.
 *
 * @module present/explore/scatter-layout
 */
import type { Pattern } from '../../core/types.js';
import type { Thresholds } from '../../steps/choices.js';

/** The SVG's width (its viewBox; the page scales it). */
export const W = 660;
/** The SVG's height. */
export const H = 430;
/** The margins around the plot area (the axes' ticks and titles). */
export const M: Readonly<{ left: number; right: number; top: number; bottom: number }> = {
  left: 58,
  right: 12,
  top: 14,
  bottom: 46,
};

/** Each pattern's marker, an SVG path around (0, 0): circle, square, triangle. */
export const SHAPE: Readonly<Record<Pattern, string>> = {
  substitution: 'M0,-5.5A5.5,5.5 0 1,1 0,5.5A5.5,5.5 0 1,1 0,-5.5Z',
  'no effect': 'M-4.8,-4.8H4.8V4.8H-4.8Z',
  stockpiling: 'M0,-6.5L6,4.8H-6Z',
};

/** A rectangle in SVG coordinates. */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The axes' domain: growth x0..x1, volatility y0..y1. */
export type Domain = Box;

/**
 * Round numbers for an axis from `lo` to `hi`: about 8 ticks, steps of 1, 2, 2.5 or 5 times a power of ten.
 * @example ticks(-0.5, 2); // => [-0.5, 0, 0.5, 1, 1.5, 2]
 * @example ticks(1, 5); // => [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]
 */
export function ticks(lo: number, hi: number): number[] {
  const span = hi - lo;
  const raw = span / 8;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

/**
 * The axes' domain for a result: every G and the growth cut with a margin, rounded out to halves; volatility from
 * 0 to above every V and both cuts, rounded up to tenths.
 * @example scatterDomain({ rows: [{ G: -0.2, V: 0.12 }, { G: 1.95, V: 0.41 }], choices: { growth: 0.5, volatilityHigh: 0.3, volatilityMedium: 0.24 } });
 * // => { x0: -0.5, x1: 2.5, y0: 0, y1: 0.5 }
 */
export function scatterDomain(r: {
  rows: readonly { G: number; V: number }[];
  choices: Pick<Thresholds, 'growth' | 'volatilityHigh' | 'volatilityMedium'>;
}): Domain {
  const Gs = r.rows.map((x) => x.G).concat([r.choices.growth]);
  const Vs = r.rows.map((x) => x.V).concat([r.choices.volatilityHigh, r.choices.volatilityMedium]);
  const x0 = Math.floor((Math.min(...Gs) - 0.1) / 0.5) * 0.5;
  const x1 = Math.ceil((Math.max(...Gs) + 0.1) / 0.5) * 0.5;
  const y1 = Math.ceil((Math.max(...Vs) + 0.03) / 0.1) * 0.1;
  return { x0, x1, y0: 0, y1 };
}

/**
 * The scales of a domain: G to the SVG's x, V to its y (up is higher).
 * @example const { sx, sy } = scales({ x0: 0, x1: 2, y0: 0, y1: 0.5 });
 * [sx(0), sx(2), sy(0), sy(0.5)]; // => [58, 648, 384, 14]
 */
export function scales(d: Domain): { sx: (x: number) => number; sy: (y: number) => number } {
  return {
    sx: (x) => M.left + ((x - d.x0) / (d.x1 - d.x0)) * (W - M.left - M.right),
    sy: (y) => H - M.bottom - ((y - d.y0) / (d.y1 - d.y0)) * (H - M.top - M.bottom),
  };
}

/** Where a label goes relative to its point: x and y offsets (y of the text's baseline) and the text anchor. */
export type LabelSpot = readonly [dx: number, dy: number, anchor: 'start' | 'end' | 'middle'];

/** The spots tried for a label, nearest first. */
export const LABEL_SPOTS: readonly LabelSpot[] = [
  [9, 4, 'start'],
  [-9, 4, 'end'],
  [0, -9, 'middle'],
  [0, 17, 'middle'],
  [9, -9, 'start'],
  [9, 15, 'start'],
  [-9, -9, 'end'],
  [-9, 15, 'end'],
  [0, -20, 'middle'],
  [0, 28, 'middle'],
  [9, -20, 'start'],
  [9, 26, 'start'],
  [-9, -20, 'end'],
  [-9, 26, 'end'],
];

/**
 * The box a point takes before any label (so labels keep off the markers).
 * @example pointBox(100, 50); // => { x0: 93, x1: 107, y0: 43, y1: 57 }
 */
export function pointBox(x: number, y: number): Box {
  return { x0: x - 7, x1: x + 7, y0: y - 7, y1: y + 7 };
}

/**
 * The spot for the label `text` of the point at (x, y): the first of {@link LABEL_SPOTS} inside the plot that
 * overlaps none of the boxes `placed`; when none is free, the one with the least overlap (leaving the plot costs
 * most). Returns the spot and the label's box (the caller adds it to `placed`).
 * @example placeLabel(300, 200, 'ICs', []); // => { spot: [9, 4, 'start'], box: { x0: 309, x1: 327.5, y0: 194, y1: 206 } }
 * @example placeLabel(300, 200, 'ICs', [{ x0: 300, x1: 340, y0: 190, y1: 210 }]).spot; // => [-9, 4, 'end']
 */
export function placeLabel(x: number, y: number, text: string, placed: readonly Box[]): { spot: LabelSpot; box: Box } {
  const w = text.length * 5.5 + 2;
  const h = 12;
  let best = LABEL_SPOTS[0];
  let bestCost = Infinity;
  let bestBox: Box = { x0: 0, x1: 0, y0: 0, y1: 0 };
  for (const c of LABEL_SPOTS) {
    const bx0 = c[2] === 'start' ? x + c[0] : c[2] === 'end' ? x + c[0] - w : x - w / 2;
    const box = { x0: bx0, x1: bx0 + w, y0: y + c[1] - h + 2, y1: y + c[1] + 2 };
    const outside =
      Math.max(0, M.left - box.x0) +
      Math.max(0, box.x1 - W) +
      Math.max(0, -box.y0) +
      Math.max(0, box.y1 - (H - M.bottom));
    let overlap = 0;
    for (const q of placed)
      overlap +=
        Math.max(0, Math.min(box.x1, q.x1) - Math.max(box.x0, q.x0)) *
        Math.max(0, Math.min(box.y1, q.y1) - Math.max(box.y0, q.y0));
    const cost = outside * 1000 + overlap;
    if (cost < bestCost) {
      best = c;
      bestCost = cost;
      bestBox = box;
      if (cost === 0) break;
    }
  }
  return { spot: best, box: bestBox };
}

/**
 * The end of the thin line from a point to its label, for a label set away from the point (else null).
 * @example leaderEnd([0, -20, 'middle']); // => { x2: 0, y2: -18 }
 * @example leaderEnd([9, 4, 'start']); // => null
 */
export function leaderEnd(spot: LabelSpot): { x2: number; y2: number } | null {
  if (Math.abs(spot[1]) <= 16) return null;
  return { x2: spot[2] === 'middle' ? 0 : spot[0] * 0.8, y2: spot[1] > 0 ? spot[1] - 10 : spot[1] + 2 };
}
