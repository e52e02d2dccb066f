/**
 * The monthly paths of the SYNTHETIC teaching panel's groups: the calendar, the
 * Chinese-New-Year seasonality, and one group's path built from its shape —
 *   1. trend: annual levels L_y (2015 = 1) anchored at mid-year, linearly
 *      interpolated month by month;
 *   2. × Chinese-New-Year seasonality (a dip in January/February that follows
 *      the actual CNY date of each year), × optional surges (stockpiling
 *      bursts), × multiplicative log-normal noise exp(σ·ε − σ²/2);
 *   3. each calendar year rescaled so the year sums to scale·L_y (2025: half a year);
 *      the first month of the panel (2015-01) is set to its noise-free share of
 *      2015 (trend × season), the other 2015 months share the rest: the growth
 *      index's base x_i1 (the printed formula, the library default) is then a
 *      typical month, not one noise draw, so every seed lands in the same cells;
 *   4. σ solved by bisection so the volatility index V — computed by the library's
 *      {@link seriesIndices} with its default options, as the study computes it —
 *      hits the group's target.
 *
 * @module synthetic/paths
 */
import { fail } from '../core/errors.js';
import { monthIndex, monthSequence } from '../core/months.js';
import { seriesIndices } from '../steps/indices.js';
import { LEVEL_YEARS, type SyntheticGroupShape } from './shapes.js';

/** Chinese New Year (first day) 2015–2025: month and day. */
const CNY: Record<number, [number, number]> = {
  2015: [2, 19],
  2016: [2, 8],
  2017: [1, 28],
  2018: [2, 16],
  2019: [2, 5],
  2020: [1, 25],
  2021: [2, 12],
  2022: [2, 1],
  2023: [1, 22],
  2024: [2, 10],
  2025: [1, 29],
};

/**
 * Months from `start` to `end` inclusive, YYYY-MM.
 * @throws {StudyError} on a malformed month (as {@link monthIndex}) or end before start
 * @example syntheticMonths('2024-11', '2025-02'); // => ['2024-11', '2024-12', '2025-01', '2025-02']
 */
export function syntheticMonths(start: string, end: string): string[] {
  const a = monthIndex(start);
  const b = monthIndex(end);
  if (b < a) fail('syntheticMonths', `end ${end} is before start`, start);
  return monthSequence(start, b - a + 1);
}

/**
 * CNY seasonal factors for the 12 months of a year (mean 1); amplitude 1 = a 20 % dip
 * in the CNY month (a late-January CNY splits the dip between January and February).
 * @example
 * const f = seasonalFactors(2016, 1); // CNY on 8 February 2016
 * f.indexOf(Math.min(...f)); // => 1 (February)
 * seasonalFactors(2016, 0); // => [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] (no seasonality)
 */
export function seasonalFactors(year: number, amplitude: number): number[] {
  const [m, d] = CNY[year] ?? [2, 5];
  const dip = 0.2 * amplitude;
  const f = new Array<number>(12).fill(1);
  if (m === 1) {
    f[0] -= dip * (d >= 20 ? 0.8 : 1);
    f[1] -= dip * 0.6;
  } else {
    f[0] -= dip * 0.25;
    f[1] -= dip;
  }
  const mean = f.reduce((s, x) => s + x, 0) / 12;
  return f.map((x) => x / mean);
}

/**
 * A group's monthly path for a given noise σ: trend × CNY season × surges ×
 * noise exp(σ·ε − σ²/2), each calendar year rescaled to scale × its level
 * (× months present / 12), the first month pinned to its noise-free share of its year.
 * @param levels annual levels, one per {@link LEVEL_YEARS} year
 * @param scale annual imports in US dollars at level 1
 * @param eps one standard-normal draw per month
 * @throws {StudyError} when a surge starts outside `months`
 * @example
 * const months = syntheticMonths('2015-01', '2025-06');
 * const shape = SYNTHETIC_GROUP_SHAPES.find((s) => s.groupId === 5)!;
 * const p = groupPath(shape, shape.levels, 1200, 0, new Float64Array(months.length), months);
 * Math.round(p.slice(12, 24).reduce((a, b) => a + b, 0)); // => 1356 (2016 sums to 1200 × its level 1.13)
 */
export function groupPath(
  shape: SyntheticGroupShape,
  levels: readonly number[],
  scale: number,
  sigma: number,
  eps: Float64Array,
  months: readonly string[],
): Float64Array {
  const T = months.length;
  const raw = new Float64Array(T);
  /** The same path without noise: trend × season (× surges). */
  const quiet = new Float64Array(T);
  // months since January of the first level year; each year's level is anchored at mid-year
  const t0 = monthIndex(`${LEVEL_YEARS[0]}-01`);
  const idx = months.map((m) => monthIndex(m) - t0);
  const anchors = LEVEL_YEARS.map((y) => (y - LEVEL_YEARS[0]) * 12 + 5.5);
  for (let i = 0; i < T; i++) {
    const t = idx[i];
    let lv: number;
    if (t <= anchors[0]) lv = levels[0];
    else if (t >= anchors[anchors.length - 1]) lv = levels[levels.length - 1];
    else {
      const k = Math.floor((t - 5.5) / 12);
      const w = (t - anchors[k]) / 12;
      lv = levels[k] * (1 - w) + levels[k + 1] * w;
    }
    const year = +months[i].slice(0, 4);
    const season = seasonalFactors(year, shape.seasonality)[+months[i].slice(5, 7) - 1];
    quiet[i] = lv * season;
    raw[i] = lv * season * Math.exp(sigma * eps[i] - (sigma * sigma) / 2);
  }
  for (const s of shape.surges) {
    const from = months.indexOf(s.from);
    if (from < 0) fail('groupPath', `group ${shape.groupId}: surge month outside the period`, s.from);
    for (let i = from; i < Math.min(T, from + s.months); i++) {
      raw[i] *= s.factor;
      quiet[i] *= s.factor;
    }
  }
  // rescale every calendar year to scale × L_y × (months present / 12); the first month of
  // the panel is pinned to its noise-free share of its year (trend × season), the other
  // months of that year share the rest
  const out = new Float64Array(T);
  for (let k = 0; k < LEVEL_YEARS.length; k++) {
    const y = String(LEVEL_YEARS[k]);
    let sum = 0;
    let quietSum = 0;
    let n = 0;
    for (let i = 0; i < T; i++)
      if (months[i].startsWith(y)) {
        sum += raw[i];
        quietSum += quiet[i];
        n++;
      }
    if (n === 0) continue;
    const target = scale * levels[k] * (n / 12);
    if (!months[0].startsWith(y) || n < 2) {
      for (let i = 0; i < T; i++) if (months[i].startsWith(y)) out[i] = (raw[i] * target) / sum;
      continue;
    }
    out[0] = (quiet[0] * target) / quietSum;
    const rest = sum - raw[0];
    for (let i = 1; i < T; i++) if (months[i].startsWith(y)) out[i] = (raw[i] * (target - out[0])) / rest;
  }
  return out;
}

/**
 * Solve σ so that V of the group's path — the library's {@link seriesIndices} with
 * its default options (window, SD), as the study computes it — equals `target`, by
 * bisection on [0.001, 1] (60 steps, rounded to 6 decimals); 0.001 when even that σ
 * overshoots.
 * @throws {StudyError} when the target is out of reach with σ = 1, or `months` does not cover the default index window
 * @example
 * const months = syntheticMonths('2015-01', '2025-06');
 * const shape = SYNTHETIC_GROUP_SHAPES.find((s) => s.groupId === 5)!;
 * const r = syntheticRng(1);
 * const eps = Float64Array.from(months, () => r.normal());
 * const sigma = solveSigma(shape, shape.levels, 1e9, eps, months, 0.262);
 * seriesIndices(groupPath(shape, shape.levels, 1e9, sigma, eps, months), months).V!.toFixed(4); // => '0.2620'
 */
export function solveSigma(
  shape: SyntheticGroupShape,
  levels: readonly number[],
  scale: number,
  eps: Float64Array,
  months: readonly string[],
  target: number,
): number {
  const label = `group ${shape.groupId}`;
  const V = (s: number): number =>
    seriesIndices(groupPath(shape, levels, scale, s, eps, months), months, {}, label).V as number;
  let lo = 0.001;
  let hi = 1;
  if (V(lo) >= target) return lo;
  if (V(hi) <= target) fail('solveSigma', `${label}: target volatility unreachable`, target);
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (V(mid) < target) lo = mid;
    else hi = mid;
  }
  return Math.round(((lo + hi) / 2) * 1e6) / 1e6;
}
