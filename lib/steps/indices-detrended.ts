/**
 * A variant of the volatility index that leaves trend out: V_detrended = SD of the residuals around a straight-line
 * (least-squares) trend, over the mean. The printed V = SD(x)/mean(x) counts a steady trend as volatility: a smooth
 * linear series with G = 1.07 has V = 0.26 ("medium") and V_detrended = 0. The share of V² that is trend,
 * 1 − (V_detrended / V)², is the trend line's R².
 *
 * Residuals are taken around the line fitted to the present (non-NaN) values at their calendar positions t = 0..n−1;
 * the SD divisor is the study's `sd` choice (n − 1 or n), as for the printed V, so the two are comparable (with n
 * values and two fitted parameters an unbiased residual variance would divide by n − 2; at 120 months the
 * difference is under 1 %).
 *
 * The kernel itself, {@link detrendedCvKernel}, lives in steps/indices beside the printed one; the study's choice
 * `volatility: 'detrended'` selects it everywhere V is computed (indices, the sweep, the screen).
 *
 * @module steps/indices-detrended
 */
import { fail } from '../core/errors.js';
import { DEFAULT_CHOICES, type SdKind } from './choices.js';
import { cvKernel, detrendedCvKernel } from './indices.js';

/** The printed V, the detrended V and the share of V² that is trend. */
export interface VolatilityParts {
  /** SD/mean, as printed. */
  V: number;
  /** SD of the residuals around the linear trend, over the mean. */
  detrendedV: number;
  /** 1 − (detrendedV / V)²: the trend line's R² (0 when V is 0). */
  trendShare: number;
}

/**
 * Split a plain series' V into trend and the rest (see the module comment).
 * @param x import values, finite and ≥ 0, at evenly spaced periods
 * @param sd 'sample' (default, n − 1) or 'population' (n)
 * @throws {StudyError} on fewer than 3 values, a value that is not finite or is negative, or a zero mean
 * @example volatilityParts([100, 110, 120, 130, 140]).trendShare; // => 1
 * @example volatilityParts([2, 4, 2, 4], 'population').detrendedV; // => 0.29814239699997197
 */
export function volatilityParts(x: ArrayLike<number>, sd: SdKind = DEFAULT_CHOICES.sd): VolatilityParts {
  const fn = 'volatilityParts';
  if (x.length < 3) fail(fn, 'a trend needs at least 3 values', x.length);
  for (let t = 0; t < x.length; t++)
    if (typeof x[t] !== 'number' || !Number.isFinite(x[t]) || x[t] < 0)
      fail(fn, `value ${t} must be a finite number ≥ 0`, x[t]);
  const a = Float64Array.from(x);
  const V = cvKernel(a, a.length, sd === 'sample');
  const detrendedV = detrendedCvKernel(a, a.length, sd === 'sample');
  if (!Number.isFinite(V) || !Number.isFinite(detrendedV)) fail(fn, 'mean is zero: V is undefined', Array.from(x));
  const ratio = V > 0 ? detrendedV / V : 1;
  return { V, detrendedV, trendShare: V > 0 ? Math.max(0, 1 - ratio * ratio) : 0 };
}
