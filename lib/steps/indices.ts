/**
 * Step 3 of the study: the volatility index V = SD/mean (coefficient of
 * variation) and the growth index G = Σ w_t·X'_t / Σ w_t with
 * X'_t = (x_t − base)/base, per series, per code and per group.
 *
 Every choice the slides leave open is a field of `IndexOptions`, the step-3
 * half of the study's one vocabulary (`StudyChoices`, lib/steps/choices.ts,
 * defaults `DEFAULT_CHOICES`). The numeric work is done by small Float64Array
 * kernels ({@link cvKernel}, {@link weightedMeanKernel}, {@link growthKernel},
 * {@link baseKernel}) that the sensitivity sweep and the universe screen reuse.
 *
 * @module steps/indices
 */
import { fail } from '../core/errors.js';
import type { Panel } from '../core/types.js';
import { monthIndex } from '../core/months.js';
import {
  DEFAULT_CHOICES,
  MONTHS_PER_PERIOD,
  resolveIndexOptions,
  weightStrategy,
  type BaseRule,
  type Frequency,
  type IndexOptions,
  type SdKind,
  type VolatilityMeasure,
  type WeightScheme,
} from './choices.js';
import { baseSpan, janFebWindow, type JanFebTreatment } from './jan-feb.js';

/**
 * The weights w_1..w_T of a scheme as a Float64Array (exponential weights are
 * scaled so that w_T = 1; scaling cancels in G). See {@link weightStrategy}.
 * @throws {StudyError} on an unknown scheme or explicit weights of the wrong length
 * @example Array.from(makeWeights('linear', 3)); // => [1, 2, 3]
 */
export function makeWeights(scheme: WeightScheme, T: number): Float64Array {
  return weightStrategy(scheme, 'makeWeights').weights(T);
}

/**
 * Kernel: coefficient of variation SD/mean of x[0..n), skipping NaN entries.
 * No validation (callers validate); returns NaN when undefined (fewer than 1,
 * or for 'sample' 2, present values; or mean 0) so callers can decide.
 * @example cvKernel(Float64Array.of(1, 3), 2, false); // => 0.5
 */
export function cvKernel(x: Float64Array, n: number, sample: boolean): number {
  let s = 0;
  let m = 0;
  for (let t = 0; t < n; t++) {
    const v = x[t];
    if (v === v) {
      s += v;
      m++;
    }
  }
  if (m === 0 || (sample && m < 2)) return NaN;
  const mean = s / m;
  if (mean === 0) return NaN;
  let ss = 0;
  for (let t = 0; t < n; t++) {
    const v = x[t];
    if (v === v) {
      const d = v - mean;
      ss += d * d;
    }
  }
  return Math.sqrt(ss / (sample ? m - 1 : m)) / mean;
}

/**
 * Kernel: SD of the residuals around the least-squares line through the present entries of x[0..n) (at positions
 * t = 0..n−1), over their mean — the 'detrended' volatility (steps/indices-detrended). No validation; NaN when fewer
 * than 3 entries (2 for population) are present or the mean is 0.
 * @example detrendedCvKernel(Float64Array.of(2, 4, 2, 4), 4, false); // => 0.29814239699997197 (residuals −0.4, 1.2, −1.2, 0.4 around 2.4 + 0.4t: √(3.2/4)/3)
 */
export function detrendedCvKernel(x: Float64Array, n: number, sample: boolean): number {
  let m = 0;
  let st = 0;
  let sx = 0;
  for (let t = 0; t < n; t++)
    if (x[t] === x[t]) {
      m++;
      st += t;
      sx += x[t];
    }
  if (m < (sample ? 3 : 2) || sx === 0) return NaN;
  const mt = st / m;
  const mean = sx / m;
  let stt = 0;
  let stx = 0;
  for (let t = 0; t < n; t++)
    if (x[t] === x[t]) {
      stt += (t - mt) * (t - mt);
      stx += (t - mt) * (x[t] - mean);
    }
  const slope = stt > 0 ? stx / stt : 0;
  let ss = 0;
  for (let t = 0; t < n; t++)
    if (x[t] === x[t]) {
      const r = x[t] - mean - slope * (t - mt);
      ss += r * r;
    }
  return Math.sqrt(ss / (sample ? m - 1 : m)) / mean;
}

/**
 * The kernel of a volatility measure: {@link cvKernel} ('printed') or {@link detrendedCvKernel} ('detrended').
 * @example volatilityKernel('detrended')(Float64Array.of(1, 2, 3), 3, true); // => 0
 */
export function volatilityKernel(measure: VolatilityMeasure): (x: Float64Array, n: number, sample: boolean) => number {
  return measure === 'detrended' ? detrendedCvKernel : cvKernel;
}

/**
 * Kernel: the base — mean of the present values among x[0..k). NaN when none is present.
 * @example baseKernel(Float64Array.of(2, 4, 9), 2); // => 3
 */
export function baseKernel(x: Float64Array, k: number): number {
  let s = 0;
  let m = 0;
  for (let t = 0; t < k; t++) {
    const v = x[t];
    if (v === v) {
      s += v;
      m++;
    }
  }
  return m === 0 ? NaN : s / m;
}

/**
 * Kernel: the weighted mean Σ w_t·x_t / Σ w_t over the present (non-NaN) entries of x[0..n).
 * No validation; NaN when no entry is present or the present weights sum to 0.
 * @example weightedMeanKernel(Float64Array.of(1, NaN, 3), 3, Float64Array.of(1, 5, 3)); // => 2.5
 */
export function weightedMeanKernel(x: Float64Array, n: number, w: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let t = 0; t < n; t++) {
    const v = x[t];
    if (v === v) {
      num += w[t] * v;
      den += w[t];
    }
  }
  return den > 0 ? num / den : NaN;
}

/**
 * Kernel: growth index Σ w_t·(x_t − base)/base / Σ w_t over present entries of x[0..n),
 * computed as (weighted mean − base)/base ({@link weightedMeanKernel}).
 * No validation; NaN when the base is 0 or no entry is present.
 * @example growthKernel(Float64Array.of(1, 2, 3), 3, 1, Float64Array.of(1, 2, 3)); // => 1.3333333333333335 (8 / 6 up to rounding)
 */
export function growthKernel(x: Float64Array, n: number, base: number, w: Float64Array): number {
  if (base === 0 || base !== base) return NaN;
  // Σ w (x − b)/b / Σ w = (Σ w x / Σ w − b) / b
  return (weightedMeanKernel(x, n, w) - base) / base;
}

function checkValues(fn: string, x: ArrayLike<number>): void {
  for (let t = 0; t < x.length; t++) {
    const v = x[t];
    if (typeof v !== 'number') fail(fn, `value ${t} is not a number`, v);
    if (Number.isNaN(v)) fail(fn, `value ${t} is NaN (missing); choose a missing-month rule`, v);
    if (!Number.isFinite(v)) fail(fn, `value ${t} is not finite`, v);
    if (v < 0) fail(fn, `import values must be ≥ 0 (value ${t})`, v);
  }
}

/**
 * Volatility index V = SD(x)/mean(x) of a plain series (no window or frequency).
 * @param x import values, finite and ≥ 0
 * @param sd 'sample' (default, n − 1) or 'population' (n)
 * @throws {StudyError} on an empty series, NaN/Infinity/negative values, a zero mean, or one value with 'sample'
 * @example volatilityIndex([1, 3], 'population'); // => 0.5
 */
export function volatilityIndex(x: ArrayLike<number>, sd: SdKind = DEFAULT_CHOICES.sd): number {
  if (x.length === 0) fail('volatilityIndex', 'series is empty', []);
  checkValues('volatilityIndex', x);
  if (sd === 'sample' && x.length < 2)
    fail('volatilityIndex', "sample SD needs at least 2 values (use sd 'population')", x.length);
  const a = Float64Array.from(x);
  const v = cvKernel(a, a.length, sd === 'sample');
  if (!Number.isFinite(v)) fail('volatilityIndex', 'mean is zero: V is undefined', Array.from(x));
  return v;
}

/**
 * Growth index G = Σ w_t·X'_t / Σ w_t, X'_t = (x_t − base)/base, of a plain series.
 * @param x import values, finite and ≥ 0
 * @param opts weights (default 'linear') and base (default 'first'; for {meanOfFirst: k}, k counts elements here)
 * @throws {StudyError} on an empty series, bad values, a base longer than the series, or a zero base
 * @example growthIndex([1, 2, 3], { weights: 'linear', base: 'first' }); // => 1.3333333333333335 (8 / 6 up to rounding)
 */
export function growthIndex(x: ArrayLike<number>, opts: { weights?: WeightScheme; base?: BaseRule } = {}): number {
  const fn = 'growthIndex';
  if (x.length === 0) fail(fn, 'series is empty', []);
  checkValues(fn, x);
  const base = opts.base ?? DEFAULT_CHOICES.base;
  const k = base === 'first' ? 1 : base.meanOfFirst;
  if (!Number.isInteger(k) || k < 1) fail(fn, "base must be 'first' or {meanOfFirst: k} with an integer k ≥ 1", base);
  if (k > x.length) fail(fn, `base needs the first ${k} values but the series has ${x.length}`, base);
  const a = Float64Array.from(x);
  const w = makeWeights(opts.weights ?? DEFAULT_CHOICES.weights, a.length);
  const b = baseKernel(a, k);
  if (b === 0) fail(fn, "base value must be non-zero (X' = (x − base)/base is undefined)", b);
  return growthKernel(a, a.length, b, w);
}

/** A series cut to the window, Jan–Feb treated, missing rule applied, summed to the frequency. */
export interface PreparedSeries {
  /** One value per period; NaN only for periods missing under 'skip'. */
  x: Float64Array;
  /** First month of each period. */
  periods: string[];
  /** Months filled by interpolation; periods left missing (skipped). */
  filled: number;
  missingPeriods: number;
  /** Januaries merged into their February (janFeb 'merge', monthly): not periods, not missing; mergedAt[t] = 1 there. */
  merged: number;
  mergedAt?: Uint8Array;
}

/**
 * Cut a monthly series to the window, treat a combined January–February by the janFeb choice
 * ({@link janFebWindow}; before the missing rule, so 'skip' keeps no double February and 'interpolate'
 * invents no January on top of one), apply the missing-month rule, and sum to the frequency.
 * @param values monthly values aligned with `months`
 * @param months contiguous ascending YYYY-MM
 * @param opts window, frequency, missing rule and janFeb (default {@link DEFAULT_CHOICES}.janFeb; others ignored)
 * @param label series name for error messages
 * @param known years the panel knows as combined Jan–Feb (`source.janFeb.years`; no ratio test there)
 * @throws {StudyError} when the window is outside the months, values are bad, a month is missing under 'error', or no month is present
 * @example Array.from(prepareSeries([1, 2, 3, 4, 5, 6], ['2015-01','2015-02','2015-03','2015-04','2015-05','2015-06'],
 *   { window: ['2015-01', '2015-06'], frequency: 'quarterly', missing: 'error' }).x); // => [6, 15]
 */
export function prepareSeries(
  values: ArrayLike<number>,
  months: readonly string[],
  opts: Pick<IndexOptions, 'window' | 'frequency' | 'missing'> & { janFeb?: JanFebTreatment },
  label = 'series',
  known: readonly number[] = [],
): PreparedSeries {
  const fn = 'prepareSeries';
  if (values.length !== months.length) fail(fn, `${label}: ${values.length} values for ${months.length} months`, label);
  if (months.length === 0) fail(fn, `${label}: no months`, label);
  const m0 = monthIndex(months[0]);
  const s = monthIndex(opts.window[0]) - m0;
  const e = monthIndex(opts.window[1]) - m0;
  if (s < 0 || e >= months.length || s > e)
    fail(
      fn,
      `${label}: window ${opts.window[0]}..${opts.window[1]} is outside the data (${months[0]}..${months[months.length - 1]})`,
      opts.window,
    );
  if (monthIndex(months[months.length - 1]) - m0 !== months.length - 1)
    fail(fn, 'months must be contiguous and ascending', [months[0], months[months.length - 1]]);
  const jf = janFebWindow(values, months, opts.janFeb ?? DEFAULT_CHOICES.janFeb, [s, e], known, label);
  const isMerged = jf.merged;
  const p = MONTHS_PER_PERIOD[opts.frequency];
  const n = e - s + 1;
  const mx = new Float64Array(n).fill(NaN);
  let present = 0;
  for (let t = 0; t < n; t++) {
    const v = jf.values[s + t];
    if (typeof v !== 'number') fail(fn, `${label}: value for ${months[s + t]} is not a number`, v);
    if (Number.isNaN(v) && isMerged[t]) continue; // a merged January: no period, not missing
    if (Number.isNaN(v)) {
      if (opts.missing === 'error')
        fail(
          fn,
          `${label}: missing value (NaN) in ${months[s + t]} (missing rule 'error'; choose 'skip' or 'interpolate')`,
          label,
        );
    } else {
      if (!Number.isFinite(v) || v < 0) fail(fn, `${label}: value in ${months[s + t]} must be a finite number ≥ 0`, v);
      present++;
    }
    mx[t] = v;
  }
  if (present === 0) fail(fn, `${label}: every month in the window is missing`, label);
  let filled = 0;
  let merged = 0;
  for (let t = 0; t < n; t++) merged += isMerged[t];
  if (opts.missing === 'interpolate' && present + merged < n) {
    // a merged February holds two months: its monthly level, half of it, is what neighbours are filled from
    const level = (t: number): number => (jf.twoMonth[t] ? mx[t] / 2 : mx[t]);
    let prev = -1;
    for (let t = 0; t <= n; t++) {
      if (t < n && (Number.isNaN(mx[t]) || isMerged[t])) continue;
      // gap (prev, t), merged Januaries left as they are
      for (let u = prev + 1; u < t; u++) {
        if (isMerged[u]) continue;
        if (prev < 0) mx[u] = level(t);
        else if (t >= n) mx[u] = level(prev);
        else mx[u] = level(prev) + ((level(t) - level(prev)) * (u - prev)) / (t - prev);
        filled++;
      }
      prev = t;
    }
  }
  jf.place(mx, p);
  if (p === 1) {
    let missingPeriods = 0;
    for (let t = 0; t < n; t++) if (mx[t] !== mx[t] && !isMerged[t]) missingPeriods++;
    return { x: mx, periods: months.slice(s, e + 1), filled, missingPeriods, merged, mergedAt: isMerged };
  }
  const abs = monthIndex(opts.window[0]);
  if (abs % p !== 0 || n % p !== 0)
    fail(fn, `${label}: a ${opts.frequency} window must cover whole calendar periods`, opts.window);
  const T = n / p;
  const x = new Float64Array(T);
  const periods: string[] = [];
  let missingPeriods = 0;
  for (let q = 0; q < T; q++) {
    let sum = 0;
    for (let j = 0; j < p; j++) sum += mx[q * p + j];
    x[q] = sum;
    if (sum !== sum) missingPeriods++;
    periods.push(months[s + q * p]);
  }
  if (missingPeriods === T) fail(fn, `${label}: every ${opts.frequency} period has a missing month`, label);
  return { x, periods, filled, missingPeriods, merged: 0 };
}

/**
 * Number of base periods for a base rule at a frequency (k months → ⌈k/p⌉ periods).
 * @example basePeriods({ meanOfFirst: 12 }, 'quarterly'); // => 4
 */
export function basePeriods(base: BaseRule, frequency: Frequency): number {
  return base === 'first' ? 1 : Math.ceil(base.meanOfFirst / MONTHS_PER_PERIOD[frequency]);
}

/** V, G and their ingredients for one series. V and G are null only when the series is skipped. */
export interface IndexResult {
  V: number | null;
  G: number | null;
  status: 'ok' | 'skipped';
  /** Why the series was skipped (zeroBase 'skip-series'). */
  reason?: string;
  /** Periods used (present). */
  n: number;
  base: number;
  mean: number;
  sd: number;
  /** Months filled by interpolation. */
  filled: number;
  /** Periods dropped as missing under 'skip'. */
  missingPeriods: number;
}

/**
 * V and G of one monthly series under the options.
 * @param values monthly US-dollar values aligned with `months` (NaN = missing)
 * @param months contiguous ascending YYYY-MM
 * @param options partial {@link IndexOptions}; the rest from {@link DEFAULT_CHOICES}
 * @param label series name for messages
 * @param known years known to be combined January–February (see {@link prepareSeries})
 * @throws {StudyError} on bad values, a missing month under 'error', a zero base under 'error', too few periods
 * @example seriesIndices([1, 2, 3], ['2015-01', '2015-02', '2015-03'],
 *   { window: ['2015-01', '2015-03'], base: 'first', sd: 'population' }).G; // => 1.3333333333333335
 */
export function seriesIndices(
  values: ArrayLike<number>,
  months: readonly string[],
  options: Partial<IndexOptions> = {},
  label = 'series',
  known: readonly number[] = [],
): IndexResult {
  const o = resolveIndexOptions(options);
  return indicesOfPrepared(prepareSeries(values, months, o, label, known), o, label, makeWeightsFor(o, months, label));
}

function makeWeightsFor(o: IndexOptions, _months: readonly string[], label: string): Float64Array {
  const T = (monthIndex(o.window[1]) - monthIndex(o.window[0]) + 1) / MONTHS_PER_PERIOD[o.frequency];
  if (Array.isArray(o.weights) && o.weights.length !== T)
    fail('seriesIndices', `${label}: explicit weights need one per period of the window (${T})`, o.weights.length);
  return makeWeights(o.weights, T);
}

function indicesOfPrepared(p: PreparedSeries, o: IndexOptions, label: string, w: Float64Array): IndexResult {
  const fn = 'seriesIndices';
  const T = p.x.length;
  const k = basePeriods(o.base, o.frequency);
  if (k > T) fail(fn, `${label}: the base needs ${k} periods but the window has ${T}`, o.base);
  const present = T - p.missingPeriods - p.merged;
  if (o.sd === 'sample' && present < 2)
    fail(fn, `${label}: sample SD needs at least 2 periods (use sd 'population' or a longer window)`, present);
  const base = baseKernel(p.x, baseSpan(k, p.mergedAt));
  let s = 0;
  for (let t = 0; t < T; t++) if (p.x[t] === p.x[t]) s += p.x[t];
  const mean = s / present;
  const common = {
    n: present,
    base: Number.isFinite(base) ? base : 0,
    mean,
    filled: p.filled,
    missingPeriods: p.missingPeriods,
  };
  if (!(base > 0)) {
    const why = Number.isNaN(base) ? 'every base period is missing' : 'base is zero (no imports in the base periods)';
    if (o.zeroBase === 'error')
      fail(fn, `${label}: ${why}; X' is undefined (zeroBase 'error'; use 'skip-series' to report and skip)`, base);
    return { V: null, G: null, status: 'skipped', reason: why, sd: 0, ...common, base: 0 };
  }
  const V = volatilityKernel(o.volatility)(p.x, T, o.sd === 'sample');
  const G = growthKernel(p.x, T, base, w);
  if (!Number.isFinite(V) || !Number.isFinite(G)) fail(fn, `${label}: indices are not finite`, { V, G });
  return { V, G, status: 'ok', sd: V * mean, ...common };
}

/** One row of {@link indexTable}. */
export interface IndexRow extends IndexResult {
  key: string;
}

/**
 * V and G for every series of a panel (codes) or an aggregated panel (groups).
 * Returns typed rows; `aq.from(rows)` makes an arquero table.
 * @param panel anything with months, codes (series keys) and values
 * @param options partial {@link IndexOptions}
 * @param keys restrict to these series (default all)
 * @throws {StudyError} as {@link seriesIndices}, naming the series; on an unknown key
 * @example indexTable(gp, { sd: 'population' }).map((r) => r.key); // => ['Automotive and Power Systems', 'Aviation & Aerospace', …] (the panel's keys in its order: group names, sorted)
 */
export function indexTable(
  panel: Pick<Panel, 'months' | 'codes' | 'values'> & { source?: { janFeb?: { years: readonly number[] } } },
  options: Partial<IndexOptions> = {},
  keys?: string[],
): IndexRow[] {
  const o = resolveIndexOptions(options);
  const w = makeWeightsFor(o, panel.months, 'indexTable');
  const pos = new Map(panel.codes.map((c, k) => [c, k] as const));
  return (keys ?? panel.codes).map((key) => {
    const k = pos.get(key);
    if (k === undefined) fail('indexTable', 'no such series in the panel', key);
    const p = prepareSeries(panel.values[k!], panel.months, o, key, panel.source?.janFeb?.years);
    return { key, ...indicesOfPrepared(p, o, key, w) };
  });
}
