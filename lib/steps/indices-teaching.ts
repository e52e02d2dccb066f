/**
 * Teaching helpers of step 03 (indices), used by notebook 03: the growth and volatility arithmetic
 * written out row by row (a worked example a reader can check by hand), notebook parameters turned
 * into index options, the options table, and code families inside a group.
 *
 * The worked example deliberately computes G the long way (one X'_t per row, then Σ w_t·X'_t / Σ w_t)
 * rather than through the library's kernels, so that the two routes agreeing is a real check.
 *
 * @module steps/indices-teaching
 */
import { fail } from '../core/errors.js';
import { bridgeCodes, type CodeBridge } from '../core/codes.js';
import { weightStrategy, type BaseRule, type SdKind, type WeightScheme } from './choices.js';
import type { Panel } from '../core/types.js';

/** One row of the worked example: a period's value and every intermediate quantity. */
export interface WorkedRow {
  /** Position t = 1..T. */
  t: number;
  /** The period's label (e.g. '2015'). */
  period: string;
  /** The value x_t. */
  x: number;
  /** X'_t = (x_t − base) / base. */
  Xprime: number;
  /** The weight w_t. */
  w: number;
  /** w_t · X'_t. */
  wXprime: number;
  /** (x_t − mean)², for the standard deviation. */
  devSq: number;
}

/** The worked example: rows, sums and the two indices. */
export interface WorkedExample {
  rows: WorkedRow[];
  /** Number of leading periods averaged into the base. */
  basePeriods: number;
  base: number;
  sumW: number;
  sumWXprime: number;
  /** G = Σ w_t·X'_t / Σ w_t. */
  G: number;
  mean: number;
  sumDevSq: number;
  /** Divisor of the variance: T − 1 (sample) or T (population). */
  divisor: number;
  sd: number;
  /** V = sd / mean. */
  V: number;
}

/**
 * The growth index G and volatility index V of a short series, with every step written out
 * (x_t, X'_t, w_t, w_t·X'_t, (x_t − mean)²) for a table a reader can check by hand.
 * @param values the series x_1..x_T, finite and ≥ 0
 * @param periods one label per value
 * @param opts weights (default 'linear'), base ('first' or {meanOfFirst: k}, k counting elements; default 'first'), sd (default 'sample')
 * @throws {StudyError} on an empty series, labels of the wrong length, a bad value or weight, a base longer than the series, or a zero base or mean
 * @example workedExample([100, 110, 130], ['2015', '2016', '2017'], { weights: 'linear', base: 'first', sd: 'population' }).G;
 * // => 0.18333333333333332  (base 100; X' = 0, 0.1, 0.3; (1·0 + 2·0.1 + 3·0.3) / (1 + 2 + 3) = 1.1 / 6)
 */
export function workedExample(
  values: readonly number[],
  periods: readonly string[],
  opts: { weights?: WeightScheme; base?: BaseRule; sd?: SdKind } = {},
): WorkedExample {
  const fn = 'workedExample';
  const T = values.length;
  if (T === 0) fail(fn, 'series is empty', values);
  if (periods.length !== T) fail(fn, `${T} values but ${periods.length} period labels`, periods.length);
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      fail(fn, `value ${i + 1} must be a finite number ≥ 0`, v);
  });
  const w = Array.from(weightStrategy(opts.weights ?? 'linear', fn).weights(T));
  const base = opts.base ?? 'first';
  const k = base === 'first' ? 1 : base.meanOfFirst;
  if (!Number.isInteger(k) || k < 1) fail(fn, "base must be 'first' or {meanOfFirst: k} with an integer k ≥ 1", base);
  if (k > T) fail(fn, `the base needs ${k} periods but the series has ${T}`, base);
  let baseSum = 0;
  for (let i = 0; i < k; i++) baseSum += values[i];
  const baseValue = baseSum / k;
  if (baseValue === 0) fail(fn, "base is zero: X' = (x − base)/base is undefined", baseValue);
  const mean = values.reduce((a, b) => a + b, 0) / T;
  if (mean === 0) fail(fn, 'mean is zero: V = SD/mean is undefined', mean);
  const sd = opts.sd ?? 'sample';
  const divisor = sd === 'sample' ? T - 1 : T;
  if (divisor < 1) fail(fn, "sample SD needs at least 2 values (use sd 'population')", T);
  const rows: WorkedRow[] = values.map((x, i) => {
    const Xprime = (x - baseValue) / baseValue;
    return { t: i + 1, period: periods[i], x, Xprime, w: w[i], wXprime: w[i] * Xprime, devSq: (x - mean) ** 2 };
  });
  const sumW = rows.reduce((a, r) => a + r.w, 0);
  const sumWXprime = rows.reduce((a, r) => a + r.wXprime, 0);
  const sumDevSq = rows.reduce((a, r) => a + r.devSq, 0);
  const sdValue = Math.sqrt(sumDevSq / divisor);
  return {
    rows,
    basePeriods: k,
    base: baseValue,
    sumW,
    sumWXprime,
    G: sumWXprime / sumW,
    mean,
    sumDevSq,
    divisor,
    sd: sdValue,
    V: sdValue / mean,
  };
}

/** A commodity-code family inside a group: the codes summed into one continuous series. */
export interface CodeFamilyPanel {
  months: string[];
  /** Family keys: the successor codes joined by '+', or the code itself when never changed. */
  codes: string[];
  values: Float64Array[];
  /** members[k] = the codes summed into codes[k] (old and new). */
  members: string[][];
}

/**
 * Sum a set of codes of a panel into code families (see `bridgeCodes`): a pre-split code and its
 * successors become one series, present in every month; unchanged codes stay as they are.
 * A family month is missing (NaN) only when every member is missing.
 * @param panel the code panel
 * @param codes the codes to keep (e.g. one group's members)
 * @param bridges code changes (e.g. loadCodeBridges())
 * @throws {StudyError} when a code is not in the panel, or a member value is negative or infinite
 * @example codeFamilies(panel, ['85423100', '85423111', '85423119', '85423190'], loadCodeBridges()).codes;
 * // => ['85423111+85423119+85423190']
 */
export function codeFamilies(
  panel: Pick<Panel, 'months' | 'codes' | 'values'>,
  codes: readonly string[],
  bridges: CodeBridge[],
): CodeFamilyPanel {
  const fn = 'codeFamilies';
  const pos = new Map(panel.codes.map((c, k) => [c, k] as const));
  for (const c of codes) if (!pos.has(c)) fail(fn, 'code not in the panel', c);
  const mapping = bridgeCodes(
    codes.map((code) => ({ code })),
    bridges,
  ).mapping;
  const byKey = new Map<string, string[]>();
  for (const c of codes) {
    const key = mapping.get(c)!;
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(c);
  }
  const keys = [...byKey.keys()].sort();
  const T = panel.months.length;
  const values = keys.map((key) => {
    const out = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      let sum = 0;
      let present = 0;
      for (const c of byKey.get(key)!) {
        const v = panel.values[pos.get(c)!][t];
        if (Number.isNaN(v)) continue;
        if (!Number.isFinite(v) || v < 0) fail(fn, `value of ${c} in ${panel.months[t]} must be finite and ≥ 0`, v);
        sum += v;
        present++;
      }
      out[t] = present === 0 ? NaN : sum;
    }
    return out;
  });
  return { months: panel.months.slice(), codes: keys, values, members: keys.map((k) => byKey.get(k)!.slice().sort()) };
}
