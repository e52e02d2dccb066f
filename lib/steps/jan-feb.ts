/**
 * Combined January–February. Since 2020 China Customs publishes January and February as one
 * figure: a monthly series then has no January (or a zero one) and a February that holds both
 * months. This module finds such years and treats them by the study's open choice `janFeb`
 * (lib/steps/choices.ts):
 * - 'split-even': half of the two-month total to January, half to February;
 * - 'split-share': the code's own mean January share of Jan + Feb in the years that have both
 *   months, else its group's (the group's summed January over its summed Jan + Feb, averaged over
 *   years), else one half;
 * - 'merge': one two-month period. At monthly frequency it enters V and G once, at February's
 *   calendar position and weight, with its monthly-equivalent value (Jan + Feb)/2; January is
 *   not a period (so a merged year has 11 monthly observations). At quarterly or annual frequency
 *   the quarter or year holds the whole total, as under either split;
 * - 'error': stop, naming the code and the year.
 *
 * Detection ({@link combinedYears}, {@link detectJanFeb}) is in lib/core/jan-feb.ts (the importers use it
 * too) and re-exported here: January missing or zero and February ≥ 1.5 × the neighbouring months' level,
 * from 2020.
 *
 * Where the study applies it: V and G are computed on group sums, so `runStudy` finds the combined
 * code-years ({@link janFebOf}; 'error' stops there), folds every code of a combined year into February
 * ({@link foldJanFeb}) and the index step (`prepareSeries`, through {@link janFebWindow}) treats each
 * group sum — under 'split-share' with the group's own January share, which is the code rule's fallback.
 * The sweep and the explorer treat the same group sums the same way. {@link treatJanFeb} applies the
 * code → group → one-half rule to a code panel.
 *
 * @module steps/jan-feb
 */
import { fail } from '../core/errors.js';
import {
  combinedYears,
  detectJanFeb,
  emptyMonth,
  januaries,
  presentMonth,
  janFebSource,
  janFebText,
  type JanFebDetectOptions,
  type JanFebDetection,
} from '../core/jan-feb.js';
import type { DataSource, Panel } from '../core/types.js';

export {
  combinedYears,
  detectJanFeb,
  JAN_FEB_DETECT,
  janFebSource,
  janFebText,
  type JanFebCell,
  type JanFebDetectOptions,
  type JanFebDetection,
} from '../core/jan-feb.js';

/** How a combined January–February is treated (see the module's description). */
export type JanFebTreatment = 'split-even' | 'split-share' | 'merge' | 'error';

/**
 * The treatments, in the order tables and the sweep show them.
 * @example JAN_FEB_TREATMENTS.length; // => 4
 */
export const JAN_FEB_TREATMENTS: readonly JanFebTreatment[] = Object.freeze([
  'split-share',
  'split-even',
  'merge',
  'error',
] as JanFebTreatment[]);

/**
 * Mean January share Jan/(Jan + Feb) over the years where both months are present and their sum is
 * positive, leaving out the `exclude` years (the combined ones: their January is empty, not a share of 0);
 * NaN when no year has both.
 * @example januaryShare([40, 60, 50, 50], ['2018-01', '2018-02', '2019-01', '2019-02']); // => 0.45
 * @example januaryShare([40, 60, 0, 100], ['2019-01', '2019-02', '2020-01', '2020-02'], [2020]); // => 0.4
 */
export function januaryShare(
  values: ArrayLike<number>,
  months: readonly string[],
  exclude: readonly number[] = [],
): number {
  let s = 0;
  let n = 0;
  for (const { year, t } of januaries(months)) {
    if (exclude.includes(year)) continue;
    const j = values[t];
    const f = values[t + 1];
    if (presentMonth(j) && presentMonth(f) && j + f > 0) {
      s += j / (j + f);
      n++;
    }
  }
  return n ? s / n : NaN;
}

/** The result of treating one series: its values and the Januaries merged into their February (merge only). */
export interface JanFebSeries {
  values: Float64Array;
  /** Positions of the Januaries merged into their February ('merge'; January holds NaN, February the total). */
  merged: number[];
  /** The years treated. */
  years: number[];
}

/**
 * Treat one series' combined years (split or merge; 'error' throws). Split treatments write share × total
 * to January and the rest to February (the total is kept); 'merge' leaves January NaN and February the
 * total, and lists January's position for the index step ({@link JanFebSeries}).
 * @param share January's share for 'split-share' (NaN or absent: the series' own {@link januaryShare}, else 1/2)
 * @param known years the panel knows are combined (see {@link combinedYears})
 * @throws {StudyError} under 'error' when a year is combined, naming the series and year
 * @example Array.from(treatJanFebSeries([100, NaN, 300, 100], ['2019-12', '2020-01', '2020-02', '2020-03'], 'split-even').values);
 * // => [100, 150, 150, 100]
 */
export function treatJanFebSeries(
  values: ArrayLike<number>,
  months: readonly string[],
  treatment: JanFebTreatment,
  opts: JanFebDetectOptions & { share?: number; known?: readonly number[]; label?: string } = {},
): JanFebSeries {
  const x = Float64Array.from(values);
  const years = combinedYears(x, months, opts, opts.known ?? []);
  const merged: number[] = [];
  if (years.length === 0) return { values: x, merged, years };
  if (treatment === 'error')
    fail(
      'treatJanFebSeries',
      `${opts.label ?? 'series'}: January and February are combined in ${years.join(', ')} (janFeb 'error'; choose 'split-share', 'split-even' or 'merge')`,
      years[0],
    );
  let share = 0.5;
  if (treatment === 'split-share') {
    const own = opts.share !== undefined && opts.share === opts.share ? opts.share : januaryShare(x, months, years);
    share = own === own ? own : 0.5;
  }
  for (const { year, t } of januaries(months)) {
    if (!years.includes(year)) continue;
    const total = x[t + 1];
    if (treatment === 'merge') {
      x[t] = NaN;
      merged.push(t);
    } else {
      x[t] = total * share;
      x[t + 1] = total - x[t];
    }
  }
  return { values: x, merged, years };
}

/** A panel whose combined years are treated, with what was done. */
export interface TreatedJanFeb {
  /** The treated panel; its source's janFeb names the detection and the treatment. */
  panel: Panel;
  detection: JanFebDetection;
  treatment: JanFebTreatment;
  /** January's share used per code under 'split-share', and where it came from. */
  shares: Map<string, { share: number; from: 'code' | 'group' | 'half' }>;
  /** The run's line, e.g. '2020–2025: January and February combined in 98 codes (treatment: split-share)'. */
  text: string;
}

/**
 * Treat every combined cell of a panel ({@link detectJanFeb}). Splits are written per code (shares from the
 * code, then its group by `groupOf`, then 1/2). Under 'merge' every code of a combined year gets January
 * NaN and February the two months' total (a code with both months has them summed), so group sums form
 * one two-month period that the index step reads from `source.janFeb.years`.
 * @throws {StudyError} under 'error' when any cell is combined, naming the first code and year
 * @example treatJanFeb({ source: { kind: 'synthetic', label: 's', files: [], period: ['2019-12', '2020-03'] },
 *   months: ['2019-12', '2020-01', '2020-02', '2020-03'], codes: ['a'], values: [Float64Array.of(10, NaN, 22, 10)] },
 *   'split-even').panel.values[0][1]; // => 11
 */
export function treatJanFeb(
  panel: Panel,
  treatment: JanFebTreatment,
  opts: JanFebDetectOptions & { groupOf?: (code: string) => string | number | undefined } = {},
): TreatedJanFeb {
  const fn = 'treatJanFeb';
  if (!JAN_FEB_TREATMENTS.includes(treatment))
    fail(fn, "janFeb must be 'split-share', 'split-even', 'merge' or 'error'", treatment);
  const detection = detectJanFeb(panel, opts);
  const shares = new Map<string, { share: number; from: 'code' | 'group' | 'half' }>();
  const text = janFebText(detection, treatment);
  const source = { ...panel.source, janFeb: { ...janFebSource(detection), treatment } };
  if (detection.cells.length === 0) return { panel: { ...panel, source }, detection, treatment, shares, text };
  if (treatment === 'error') {
    const c = detection.cells[0];
    fail(
      fn,
      `code ${c.code}: January and February are combined in ${c.year} (${detection.cells.length} code-years in all; janFeb 'error'; choose 'split-share', 'split-even' or 'merge')`,
      `${c.code} ${c.year}`,
    );
  }
  const byCode = new Map<string, number[]>();
  for (const c of detection.cells) byCode.set(c.code, [...(byCode.get(c.code) ?? []), c.year]);
  const own = new Map(
    panel.codes.map((c, k) => [c, januaryShare(panel.values[k], panel.months, byCode.get(c))] as const),
  );
  const groupShare = new Map<string | number, number>();
  if (treatment === 'split-share' && opts.groupOf) {
    const sums = new Map<string | number, { jan: Map<number, number>; both: Map<number, number> }>();
    const jans = januaries(panel.months);
    panel.codes.forEach((code, k) => {
      const g = opts.groupOf!(code);
      if (g === undefined) return;
      const e = sums.get(g) ?? { jan: new Map(), both: new Map() };
      for (const { year, t } of jans) {
        const j = panel.values[k][t];
        const f = panel.values[k][t + 1];
        if (!presentMonth(j) || !presentMonth(f) || byCode.get(code)?.includes(year)) continue;
        e.jan.set(year, (e.jan.get(year) ?? 0) + j);
        e.both.set(year, (e.both.get(year) ?? 0) + j + f);
      }
      sums.set(g, e);
    });
    for (const [g, e] of sums) {
      const r = [...e.both].filter(([, b]) => b > 0).map(([y, b]) => e.jan.get(y)! / b);
      if (r.length) groupShare.set(g, r.reduce((a, b) => a + b, 0) / r.length);
    }
  }
  const known = detection.years;
  const values = panel.values.map((v, k) => {
    const code = panel.codes[k];
    const years = byCode.get(code);
    if (treatment === 'merge') {
      const x = Float64Array.from(v);
      for (const { year, t } of januaries(panel.months))
        if (known.includes(year) && presentMonth(x[t]) && presentMonth(x[t + 1])) {
          x[t + 1] += x[t];
          x[t] = NaN;
        }
      return x;
    }
    if (!years) return v;
    let share = 0.5;
    if (treatment === 'split-share') {
      const g = opts.groupOf?.(code);
      const o = own.get(code)!;
      const gs = g === undefined ? undefined : groupShare.get(g);
      const pick =
        o === o
          ? { share: o, from: 'code' as const }
          : gs !== undefined
            ? { share: gs, from: 'group' as const }
            : { share: 0.5, from: 'half' as const };
      shares.set(code, pick);
      share = pick.share;
    }
    return treatJanFebSeries(v, panel.months, treatment, { ...opts, share, known: years }).values;
  });
  return { panel: { ...panel, source, values }, detection, treatment, shares, text };
}

/** What a run found and did about combined January–February. */
export interface JanFebRun {
  detection: JanFebDetection;
  treatment: JanFebTreatment;
  /** The run's line, e.g. '2020–2025: January and February combined in 167 codes (treatment: split-share)'; '' when none. */
  text: string;
  /** The detection as the panel's source carries it (banner, manifest). */
  source: NonNullable<DataSource['janFeb']>;
}

/**
 * Find a panel's combined January–February for a run under a treatment; 'error' stops here, naming the
 * first code and year.
 * @throws {StudyError} under 'error' when a code-year is combined, or on an unknown treatment
 * @example janFebOf({ source: { kind: 'imported', label: 'x', files: [], period: ['2019-12', '2020-03'] },
 *   months: ['2019-12', '2020-01', '2020-02', '2020-03'], codes: ['84862000'], values: [Float64Array.of(10, NaN, 21, 10)] },
 *   'split-even').text; // => '2020: January and February combined in 1 code (treatment: split-even)'
 */
export function janFebOf(panel: Panel, treatment: JanFebTreatment): JanFebRun {
  const fn = 'janFebOf';
  if (!JAN_FEB_TREATMENTS.includes(treatment))
    fail(fn, "janFeb must be 'split-share', 'split-even', 'merge' or 'error'", treatment);
  const detection = detectJanFeb(panel);
  if (treatment === 'error' && detection.cells.length) {
    const c = detection.cells[0];
    fail(
      fn,
      `code ${c.code}: January and February are combined in ${c.year} (${detection.cells.length} code-years in all; janFeb 'error'; choose 'split-share', 'split-even' or 'merge')`,
      `${c.code} ${c.year}`,
    );
  }
  return { detection, treatment, text: janFebText(detection, treatment), source: janFebSource(detection) };
}

/**
 * Fold every code's January into its February in the years the panel's source knows as combined
 * (`source.janFeb.years`), so that group sums are combined alike (a code that reported both months
 * is not left beside codes that did not); the index step then treats the group sums. The total is kept.
 * @example foldJanFeb({ source: { kind: 'imported', label: 'x', files: [], period: ['2020-01', '2020-02'], janFeb: { years: [2020], codes: 1, cells: 1, text: '' } },
 *   months: ['2020-01', '2020-02'], codes: ['a', 'b'], values: [Float64Array.of(NaN, 20), Float64Array.of(4, 6)] }).values.map((v) => Array.from(v));
 * // => [[NaN, 20], [NaN, 10]]
 */
export function foldJanFeb(panel: Panel): Panel {
  const known = panel.source.janFeb?.years ?? [];
  if (known.length === 0) return panel;
  const jans = januaries(panel.months).filter((j) => known.includes(j.year));
  const values = panel.values.map((v) => {
    if (!jans.some(({ t }) => presentMonth(v[t]) && presentMonth(v[t + 1]))) return v;
    const x = Float64Array.from(v);
    for (const { t } of jans)
      if (presentMonth(x[t]) && presentMonth(x[t + 1])) {
        x[t + 1] += x[t];
        x[t] = NaN;
      }
    return x;
  });
  return { ...panel, values };
}

/** One series' combined January–February within an index window: the values to read and where merged Januaries sit. */
export interface JanFebWindow {
  /** The series with its combined years split (or, under 'merge', January NaN and February the total). */
  values: ArrayLike<number>;
  /** merged[t] = 1 when month s + t of the window is a January merged into its February ('merge'). */
  merged: Uint8Array;
  /**
   * twoMonth[t] = 1 when month s + t is a February that holds its merged January too ('merge'): its
   * monthly level is half its value (the missing rule interpolates from that level).
   */
  twoMonth: Uint8Array;
  /**
   * Place the merged periods in the window's monthly values mx (after the missing rule): at monthly
   * frequency (p = 1) February holds the monthly equivalent (Jan + Feb)/2 and January stays NaN (no period);
   * otherwise January holds 0 and February the total, so the quarter or year sums both months.
   */
  place(mx: Float64Array, p: number): void;
}

/**
 * The index step's treatment of one series' combined January–February within the window [s, e] (positions
 * in `months`): detection ({@link combinedYears}, `known` years without the ratio test), then the treatment
 * ('error' throws naming the series and year). Used by prepareSeries (lib/steps/indices.ts).
 * @example const w = janFebWindow([10, NaN, 30, 10], ['2019-12', '2020-01', '2020-02', '2020-03'], 'merge', [0, 3]);
 * const mx = Float64Array.from(w.values); w.place(mx, 1); Array.from(mx); // => [10, NaN, 15, 10]
 */
export function janFebWindow(
  values: ArrayLike<number>,
  months: readonly string[],
  treatment: JanFebTreatment,
  [s, e]: [number, number],
  known: readonly number[] = [],
  label = 'series',
): JanFebWindow {
  const merged = new Uint8Array(e - s + 1);
  const twoMonth = new Uint8Array(e - s + 1);
  if (combinedYears(values, months, {}, known).length === 0)
    return { values, merged, twoMonth, place: () => undefined };
  const jf = treatJanFebSeries(values, months, treatment, { known, label });
  // a merged January's February, also when the January is just before the window
  for (const u of jf.merged) {
    if (u >= s && u <= e) merged[u - s] = 1;
    if (u + 1 >= s && u + 1 <= e) twoMonth[u + 1 - s] = 1;
  }
  return {
    values: jf.values,
    merged,
    twoMonth,
    place(mx, p) {
      for (let t = 0; t < mx.length; t++) {
        if (p !== 1 && merged[t]) mx[t] = 0;
        if (p === 1 && twoMonth[t]) mx[t] /= 2;
      }
    },
  };
}

/**
 * How many positions of a window the base's k periods span when merged Januaries (janFeb 'merge', monthly)
 * are no periods: a window that starts at a merged January takes its base from the Jan–Feb period, at
 * February's position.
 * @example [baseSpan(1, Uint8Array.of(1, 0, 0)), baseSpan(12, Uint8Array.of(0, 0)), baseSpan(1)]; // => [2, 12, 1]
 */
export function baseSpan(k: number, mergedAt?: Uint8Array): number {
  let span = k;
  if (mergedAt) for (let t = 0; t < span && t < mergedAt.length; t++) if (mergedAt[t]) span++;
  return span;
}
