/**
 * Detection of a combined January–February (China Customs publishes the two months as one figure since
 * 2020): for each year ≥ `from` (default 2020), January is missing (NaN) or zero, February is present
 * and positive, and February ≥ `ratio` (default 1.5) × the level of the neighbouring months — the mean
 * of the present values of the previous December and of March; when neither is present, the mean of the
 * present months March–December of that year. One month holds about 1 × that level and two months about
 * 2 ×: 1.5 is the midpoint. A panel ({@link detectJanFeb}) also applies the publication's convention: in
 * a year where at least half of the codes with an empty January and a positive February pass the ratio
 * test, every such code is combined (noise can take a single code's February under 1.5 ×).
 * The treatments are a study choice: lib/steps/jan-feb.ts. Detection lives here so the importers
 * (lib/io) report it too.
 *
 * @module core/jan-feb
 */
import { fail } from './errors.js';
import type { DataSource, Panel } from './types.js';

/**
 * An empty month: missing (NaN) or zero.
 * @example [emptyMonth(NaN), emptyMonth(0), emptyMonth(5)]; // => [true, true, false]
 */
export function emptyMonth(v: number): boolean {
  return v !== v || v === 0;
}

/**
 * A present month: a number, not NaN.
 * @example [presentMonth(0), presentMonth(NaN), presentMonth(undefined)]; // => [true, false, false]
 */
export function presentMonth(v: number | undefined): v is number {
  return v !== undefined && v === v;
}

/**
 * Positions of each year's January in `months` (contiguous ascending YYYY-MM) that a February follows.
 * @example januaries(['2019-12', '2020-01', '2020-02']); // => [{ year: 2020, t: 1 }]
 */
export function januaries(months: readonly string[]): { year: number; t: number }[] {
  const out: { year: number; t: number }[] = [];
  months.forEach((m, t) => {
    if (m.endsWith('-01') && t + 1 < months.length) out.push({ year: Number(m.slice(0, 4)), t });
  });
  return out;
}

/** Detection parameters: the first year that may be combined and February's ratio to its neighbours. */
export interface JanFebDetectOptions {
  /** First year (default 2020, when China Customs began publishing Jan–Feb as one figure). */
  from?: number;
  /** February must be at least ratio × the neighbouring months' level (default 1.5). */
  ratio?: number;
}

/**
 * The detection defaults.
 * @example JAN_FEB_DETECT.ratio; // => 1.5
 */
export const JAN_FEB_DETECT: Readonly<Required<JanFebDetectOptions>> = Object.freeze({ from: 2020, ratio: 1.5 });

/** The neighbouring months' level of the Jan–Feb period whose January is at t; NaN when none is present. */
function neighbourLevel(values: ArrayLike<number>, t: number): number {
  const near = [values[t - 1], values[t + 2]].filter(presentMonth);
  const pool = near.length ? near : Array.from({ length: 10 }, (_, j) => values[t + 2 + j]).filter(presentMonth);
  return pool.length ? pool.reduce((a, b) => a + b, 0) / pool.length : NaN;
}

/** The two ways a year can be combined: by the ratio test, or only a candidate (empty January, positive February). */
function yearStatus(values: ArrayLike<number>, t: number, ratio: number): 'combined' | 'candidate' | 'no' {
  const jan = values[t];
  const feb = values[t + 1];
  if (!emptyMonth(jan) || !presentMonth(feb) || !(feb > 0)) return 'no';
  const level = neighbourLevel(values, t);
  return level === level && feb >= ratio * level ? 'combined' : 'candidate';
}

/**
 * The years ≥ `from` in which one series has a combined January–February (the ratio test of the module's
 * description), with the series' own convention: when at least half of its candidate years (January empty,
 * February positive) pass the ratio test, every candidate year is combined. `known` years are combined whenever
 * January is empty and February positive (the panel's convention).
 * @example combinedYears([100, 100, 300, 100, 100, 100], ['2019-12', '2020-01', '2020-02', '2020-03', '2020-04', '2020-05'].map(String), {})
 * // => [] (January 100 is present: not combined)
 * @example combinedYears([100, NaN, 210, 100], ['2019-12', '2020-01', '2020-02', '2020-03']); // => [2020]
 * @example combinedYears([100, NaN, 140, 100], ['2019-12', '2020-01', '2020-02', '2020-03']); // => [] (140 < 1.5 × 100)
 */
export function combinedYears(
  values: ArrayLike<number>,
  months: readonly string[],
  opts: JanFebDetectOptions = {},
  known: readonly number[] = [],
): number[] {
  const from = opts.from ?? JAN_FEB_DETECT.from;
  const ratio = opts.ratio ?? JAN_FEB_DETECT.ratio;
  const years = januaries(months)
    .filter((j) => j.year >= from)
    .map((j) => ({ year: j.year, s: yearStatus(values, j.t, ratio) }));
  const pass = years.filter((y) => y.s === 'combined').length;
  const cand = years.filter((y) => y.s !== 'no').length;
  // the series' own convention: when at least half of its candidate years pass, every candidate is combined
  const all = cand > 0 && pass * 2 >= cand;
  return years
    .filter((y) => y.s === 'combined' || (y.s === 'candidate' && (all || known.includes(y.year))))
    .map((y) => y.year);
}

/** One code and year with a combined January–February. */
export interface JanFebCell {
  code: string;
  year: number;
  /** The February value (the two-month total). */
  february: number;
  /** 'ratio' = February passed the ratio test; 'convention' = only the panel's convention for the year. */
  by: 'ratio' | 'convention';
}

/** What {@link detectJanFeb} found in a panel. */
export interface JanFebDetection {
  from: number;
  ratio: number;
  /** Every combined code and year, by code then year. */
  cells: JanFebCell[];
  /** The combined years, ascending. */
  years: number[];
  /** The codes with at least one combined year, ascending. */
  codes: string[];
}

/**
 * Find the combined January–February cells of a panel (the ratio test per code and year, then the panel's
 * convention: a year where at least half of the candidate codes pass is combined for every candidate).
 * @example detectJanFeb({ months: ['2019-12', '2020-01', '2020-02', '2020-03'], codes: ['a', 'b'],
 *   values: [Float64Array.of(10, NaN, 21, 10), Float64Array.of(10, 0, 14, 10)] }).cells.map((c) => `${c.code} ${c.year} ${c.by}`);
 * // => ['a 2020 ratio', 'b 2020 convention']
 */
export function detectJanFeb(
  panel: Pick<Panel, 'months' | 'codes' | 'values'>,
  opts: JanFebDetectOptions = {},
): JanFebDetection {
  const from = opts.from ?? JAN_FEB_DETECT.from;
  const ratio = opts.ratio ?? JAN_FEB_DETECT.ratio;
  if (!Number.isInteger(from)) fail('detectJanFeb', 'from must be a year', from);
  if (!(ratio > 1 && ratio < 2)) fail('detectJanFeb', 'ratio must lie between 1 and 2 (one and two months)', ratio);
  const jans = januaries(panel.months).filter((j) => j.year >= from);
  const status = panel.values.map((v) => jans.map((j) => yearStatus(v, j.t, ratio)));
  const convention = jans.map((_, y) => {
    let pass = 0;
    let cand = 0;
    for (const s of status) {
      if (s[y] === 'combined') pass++;
      if (s[y] !== 'no') cand++;
    }
    return cand > 0 && pass * 2 >= cand;
  });
  const cells: JanFebCell[] = [];
  panel.codes.forEach((code, k) =>
    jans.forEach((j, y) => {
      const s = status[k][y];
      if (s === 'combined' || (s === 'candidate' && convention[y]))
        cells.push({
          code,
          year: j.year,
          february: panel.values[k][j.t + 1],
          by: s === 'combined' ? 'ratio' : 'convention',
        });
    }),
  );
  cells.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.year - b.year));
  return {
    from,
    ratio,
    cells,
    years: [...new Set(cells.map((c) => c.year))].sort((a, b) => a - b),
    codes: [...new Set(cells.map((c) => c.code))].sort(),
  };
}

/**
 * One line for the run, the banner and the import report; '' when nothing is combined.
 * @example janFebText({ from: 2020, ratio: 1.5, cells: [], years: [2020, 2021, 2022], codes: ['a', 'b'] }, 'split-share');
 * // => '2020–2022: January and February combined in 2 codes (treatment: split-share)'
 */
export function janFebText(d: Pick<JanFebDetection, 'years' | 'codes'>, treatment?: string): string {
  if (d.years.length === 0) return '';
  const y0 = d.years[0];
  const y1 = d.years[d.years.length - 1];
  const span = y0 === y1 ? String(y0) : `${y0}–${y1}`;
  const n = d.codes.length;
  return `${span}: January and February combined in ${n} ${n === 1 ? 'code' : 'codes'}${treatment ? ` (treatment: ${treatment})` : ''}`;
}

/**
 * The detection as the panel's source carries it (banner, run, manifest).
 * @example janFebSource({ from: 2020, ratio: 1.5, cells: [{ code: 'a', year: 2020, february: 2, by: 'ratio' }], years: [2020], codes: ['a'] });
 * // => { years: [2020], codes: 1, cells: 1, text: '2020: January and February combined in 1 code' }
 */
export function janFebSource(d: JanFebDetection): NonNullable<DataSource['janFeb']> {
  return { years: d.years, codes: d.codes.length, cells: d.cells.length, text: janFebText(d) };
}
