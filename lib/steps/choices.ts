/**
 * The study's open choices, in one vocabulary. Every choice of steps 3 and 4
 * (how the indices are computed and where the partition cuts them) is a field
 * of {@link StudyChoices}, with one defaults object, {@link DEFAULT_CHOICES}.
 * The same names are used by `runStudy({ choices })`, the notebooks' parameter
 * cells, the sensitivity sweep's grid and baseline, the universe screen and the
 * report's what-if explorer: nothing translates between vocabularies.
 *
 * {@link IndexOptions} (step 3) and {@link Thresholds} (step 4) are the two halves
 * of the same object, for functions that need only one of them; a whole
 * `StudyChoices` can be passed wherever either is asked for.
 *
 * A weight scheme is resolved once, by {@link weightStrategy}: the one place
 * that switches on its form.
 *
 * @module steps/choices
 */
import { fail } from '../core/errors.js';
import { monthIndex } from '../core/months.js';
import { JAN_FEB_TREATMENTS, type JanFebTreatment } from './jan-feb.js';

/** Aggregation of monthly values before the indices: monthly, or calendar quarterly / annual sums. */
export type Frequency = 'monthly' | 'quarterly' | 'annual';

/**
 * Weights w_t, t = 1..T:
 * - 'linear': w_t = t (recent periods weigh more, in proportion to time);
 * - 'uniform': w_t = 1 (G is the plain mean of X');
 * - {exponential: r}: w_t = e^{r·t}, r per period of the chosen frequency (r > 0 favours recent periods);
 * - number[]: explicit weights, one per period of the window (length must equal T).
 */
export type WeightScheme = 'linear' | 'uniform' | { exponential: number } | readonly number[];

/**
 * The base x_i1 of X'_t:
 * - 'first': the first period's value (the slides' formula read literally);
 * - {meanOfFirst: k}: the mean of the first k months of the window — at quarterly or
 *   annual frequency, of the periods covering them (⌈k/3⌉ quarters, ⌈k/12⌉ years).
 *   For plain arrays (`growthIndex`) k counts elements.
 */
export type BaseRule = 'first' | { meanOfFirst: number };

/** SD divisor: 'population' = n, 'sample' = n − 1. */
export type SdKind = 'population' | 'sample';

/**
 * Missing months (NaN):
 * - 'error': throw, naming the series and month;
 * - 'skip': drop missing periods from V and G (remaining periods keep their calendar
 *   position t and its weight; a quarter or year with any missing month is missing;
 *   the base is taken from the present periods among the base periods);
 * - 'interpolate': fill interior gaps linearly between the nearest present months,
 *   leading/trailing gaps with the nearest present month; the count is reported.
 * A series with no present month is an error under every rule.
 */
export type MissingRule = 'error' | 'skip' | 'interpolate';

/**
 * The volatility measure: 'printed' = SD(x)/mean(x), as the slides print it; 'detrended' = SD of the residuals around
 * a least-squares line over the mean (lib/steps/indices-detrended.ts), which counts no steady trend as volatility.
 */
export type VolatilityMeasure = 'printed' | 'detrended';

/** A zero base (X' undefined): 'error' throws; 'skip-series' reports the series as skipped (V, G null). */
export type ZeroBaseRule = 'error' | 'skip-series';

/** The choices of step 3, the indices (docs/METHOD.md, step 3). */
export interface IndexOptions {
  /** First and last month included, YYYY-MM. */
  window: [string, string];
  frequency: Frequency;
  weights: WeightScheme;
  base: BaseRule;
  sd: SdKind;
  missing: MissingRule;
  zeroBase: ZeroBaseRule;
  /** A combined January–February (China Customs since 2020): lib/steps/jan-feb.ts. */
  janFeb: JanFebTreatment;
  /** SD/mean as printed, or around a linear trend. */
  volatility: VolatilityMeasure;
}

/**
 * The choices of step 4, the partition. The closed rule (a project choice; the slides' bands leave
 * V in (0.23, 0.24), V = 0.3 and G = 0.5 unassigned):
 * - growth high ⇔ G > growth; low ⇔ G ≤ growth (G = 0.5 is low: "high" needs to exceed, as printed "G > 0.5");
 * - volatility high ⇔ V > volatilityHigh (as printed "V > 0.3");
 *   medium ⇔ volatilityMedium ≤ V ≤ volatilityHigh (printed "0.24 ≤ V < 0.3", closed at 0.3 so V = 0.3 has a band);
 *   low ⇔ V < volatilityMedium (printed "V ≤ 0.23", extended to the gap (0.23, 0.24)).
 * One principle: "high" only when strictly above the printed cut, as printed; boundary and gap values go to the lower band.
 */
export interface Thresholds {
  /** Growth cut (default 0.5, printed). */
  growth: number;
  /** High-volatility cut (default 0.3, printed). */
  volatilityHigh: number;
  /** Lower bound of medium volatility (default 0.24, printed). */
  volatilityMedium: number;
  /**
   * High-growth semiconductor-related groups count as stockpiling whatever their
   * volatility (default true: the project's reading (docs/METHOD.md, step 4) of "semiconductors must be handled
   * separately", which reproduces every published pattern). False = plain matrix rule.
   */
  semiconductorRule: boolean;
}

/** Every open choice of the study's steps 3 and 4, as one flat object. */
export interface StudyChoices extends IndexOptions, Thresholds {}

/** The names of step 3's choices, in the order the sensitivity sweep enumerates them. */
export const INDEX_CHOICES: readonly (keyof IndexOptions)[] = Object.freeze([
  'window',
  'frequency',
  'missing',
  'sd',
  'weights',
  'base',
  'zeroBase',
  'janFeb',
  'volatility',
] as (keyof IndexOptions)[]);

/** The names of step 4's choices, in the order the sensitivity sweep enumerates them (after step 3's). */
export const THRESHOLD_CHOICES: readonly (keyof Thresholds)[] = Object.freeze([
  'growth',
  'volatilityHigh',
  'volatilityMedium',
  'semiconductorRule',
] as (keyof Thresholds)[]);

/**
 * Every choice's name: step 3's, then step 4's (also the sweep's enumeration order, the last varying fastest).
 * @example CHOICE_NAMES.length; // => 13
 */
export const CHOICE_NAMES: readonly (keyof StudyChoices)[] = Object.freeze([...INDEX_CHOICES, ...THRESHOLD_CHOICES]);

/**
 * The defaults of every choice. The thresholds are the printed ones; the index choices the slides do not
 * state are the project's (docs/METHOD.md, "Every open choice"):
 * - window 2015-01..2024-12: the slides' figures run 2015–2024;
 * - frequency 'monthly': the slides say the data are monthly;
 * - weights 'linear' (w_t = t): the simplest scheme that weights "recent data more heavily";
 * - base 'first': the first period, X'_t = (x_t − x_1)/x_1 — the formula as the slides print it.
 *   The named variant {meanOfFirst: 12}, the first-year mean, exists because a single month is
 *   noisy (and a year average also removes the seasonal level of January); notebook 03 shows it
 *   beside the default and the sensitivity sweep (notebook 07) keeps it;
 * - sd 'sample' (n − 1): what Stata `sd`, R `sd`, pandas `.std()` and Excel STDEV.S compute,
 *   the likely tools (with 120 months the two differ by 0.4 %);
 * - missing 'error': a missing month is a data problem to surface, never to patch silently;
 * - zeroBase 'error': X' is undefined for a zero base; never Infinity;
 * - janFeb 'split-share': a combined January–February is split by the series' own mean January share of
 *   the two months (years with both; in the study the group sum's), else one half. It keeps every month a
 *   period and the Chinese-New-Year low of January: on the SYNTHETIC panel, against its values before
 *   combining, V moves by 0.002 on average (split-even 0.003, merge 0.005) and G by under 0.001 (merge 0.01,
 *   one period a year dropped) — steps/jan-feb.ts, notebook 03;
 * - volatility 'printed': SD/mean as the slides print it; 'detrended' is the named variant (notebooks 03 and 07);
 * - growth 0.5, volatilityHigh 0.3, volatilityMedium 0.24: as printed;
 * - semiconductorRule true: the project's reading of "semiconductors must be handled separately".
 * @example DEFAULT_CHOICES.growth; // => 0.5
 * @example DEFAULT_CHOICES.base; // => 'first'
 */
export const DEFAULT_CHOICES: Readonly<StudyChoices> = Object.freeze({
  window: ['2015-01', '2024-12'] as [string, string],
  frequency: 'monthly' as Frequency,
  weights: 'linear' as WeightScheme,
  base: 'first' as BaseRule,
  sd: 'sample' as SdKind,
  missing: 'error' as MissingRule,
  zeroBase: 'error' as ZeroBaseRule,
  janFeb: 'split-share' as JanFebTreatment,
  volatility: 'printed' as VolatilityMeasure,
  growth: 0.5,
  volatilityHigh: 0.3,
  volatilityMedium: 0.24,
  semiconductorRule: true,
});

/**
 * Parameter names of earlier releases and the choice that replaces each, for a clear error when an old
 * name is set (`npm start -- --set 04-partition.growthThreshold=0.4`).
 * @example RENAMED_CHOICES.growthThreshold; // => 'growth'
 */
export const RENAMED_CHOICES: Readonly<Record<string, string>> = Object.freeze({
  growthThreshold: 'growth',
  baseMonths: 'base',
  exponentialRate: 'weights',
});

/**
 * How a renamed parameter is written now, for an error message; undefined for a name that was not renamed.
 * @example renamedChoiceHint('baseMonths'); // => 'baseMonths is now base: "first" (the first month) or {"meanOfFirst": k}'
 * @example renamedChoiceHint('growth'); // => undefined
 */
export function renamedChoiceHint(name: string): string | undefined {
  const now = Object.prototype.hasOwnProperty.call(RENAMED_CHOICES, name) ? RENAMED_CHOICES[name] : undefined;
  if (now === 'base') return `${name} is now base: "first" (the first month) or {"meanOfFirst": k}`;
  if (now === 'weights') return `${name} is now part of weights: {"exponential": rate}`;
  return now === undefined ? undefined : `${name} is now ${now}`;
}

/** Months per period of each frequency. */
export const MONTHS_PER_PERIOD: Readonly<Record<Frequency, number>> = Object.freeze({
  monthly: 1,
  quarterly: 3,
  annual: 12,
});

/** A weight scheme resolved: its kind, its rate (exponential), a label, and the weights for T periods. */
export interface WeightStrategy {
  kind: 'linear' | 'uniform' | 'exponential' | 'explicit';
  /** The rate r of exponential weights (undefined otherwise). */
  rate?: number;
  /** A short label: 'linear', 'uniform', 'exp 0.02', 'custom[120]'. */
  label: string;
  /** A longer description for tables: 'linear', 'uniform', 'exponential, rate 0.02', 'explicit (120 values)'. */
  text: string;
  /**
   * The weights w_1..w_T (exponential weights are scaled so that w_T = 1; scaling cancels in G).
   * @throws {StudyError} when explicit weights do not number T
   */
  weights(T: number): Float64Array;
}

/**
 * Resolve a weight scheme once: validate it and give its strategy. The one place that switches on a scheme's form.
 * @param fn the calling function, named in errors
 * @throws {StudyError} on a scheme that is not 'linear', 'uniform', {exponential: finite rate} or finite weights ≥ 0 not all zero
 * @example weightStrategy({ exponential: 0.02 }).label; // => 'exp 0.02'
 * @example Array.from(weightStrategy('linear').weights(3)); // => [1, 2, 3]
 */
export function weightStrategy(scheme: WeightScheme, fn = 'weightStrategy'): WeightStrategy {
  if (scheme === 'linear')
    return {
      kind: 'linear',
      label: 'linear',
      text: 'linear',
      weights: (T) => Float64Array.from({ length: T }, (_, t) => t + 1),
    };
  if (scheme === 'uniform')
    return { kind: 'uniform', label: 'uniform', text: 'uniform', weights: (T) => new Float64Array(T).fill(1) };
  if (Array.isArray(scheme)) {
    const w = scheme as readonly number[];
    if (w.length === 0 || w.some((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0))
      fail(fn, 'explicit weights must be finite numbers ≥ 0', w);
    if (w.reduce((a: number, b: number) => a + b, 0) <= 0) fail(fn, 'explicit weights must not all be zero', w);
    return {
      kind: 'explicit',
      label: `custom[${w.length}]`,
      text: `explicit (${w.length} values)`,
      weights: (T) => {
        if (w.length !== T) fail(fn, `explicit weights need one per period (${T})`, w.length);
        return Float64Array.from(w);
      },
    };
  }
  const r = (scheme as { exponential?: unknown } | null)?.exponential;
  if (typeof r !== 'number' || !Number.isFinite(r))
    return fail(fn, "weights must be 'linear', 'uniform', {exponential: rate} or a number[]", scheme);
  return {
    kind: 'exponential',
    rate: r,
    label: `exp ${r}`,
    text: `exponential, rate ${r}`,
    weights: (T) => Float64Array.from({ length: T }, (_, t) => Math.exp(r * (t + 1 - T))),
  };
}

/**
 * Complete step 3's choices from a partial object and validate them (other fields of the object are ignored).
 * @throws {StudyError} naming the bad option
 * @example resolveIndexOptions({ sd: 'population' }).weights; // => 'linear'
 */
export function resolveIndexOptions(opts: Partial<IndexOptions> = {}): IndexOptions {
  const fn = 'resolveIndexOptions';
  const o = {} as Record<keyof IndexOptions, unknown>;
  for (const k of INDEX_CHOICES) o[k] = opts[k] === undefined ? DEFAULT_CHOICES[k] : opts[k];
  const c = o as unknown as IndexOptions;
  if (!Array.isArray(c.window) || c.window.length !== 2) fail(fn, 'window must be [start month, end month]', c.window);
  if (monthIndex(c.window[0]) > monthIndex(c.window[1])) fail(fn, 'window start is after its end', c.window);
  if (!Object.prototype.hasOwnProperty.call(MONTHS_PER_PERIOD, c.frequency))
    fail(fn, 'frequency must be monthly, quarterly or annual', c.frequency);
  if (c.frequency !== 'monthly') {
    const p = MONTHS_PER_PERIOD[c.frequency];
    const s = monthIndex(c.window[0]);
    const e = monthIndex(c.window[1]);
    if (s % p !== 0 || (e + 1) % p !== 0)
      fail(
        fn,
        `a ${c.frequency} window must start and end on calendar ${c.frequency === 'annual' ? 'year' : 'quarter'} boundaries (partial periods would bias the sums)`,
        c.window,
      );
  }
  weightStrategy(c.weights, fn);
  if (c.base !== 'first') {
    const k = (c.base as { meanOfFirst?: unknown } | null)?.meanOfFirst;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1)
      fail(fn, "base must be 'first' or {meanOfFirst: k} with an integer k ≥ 1", c.base);
  }
  if (c.sd !== 'population' && c.sd !== 'sample') fail(fn, "sd must be 'population' or 'sample'", c.sd);
  if (!['error', 'skip', 'interpolate'].includes(c.missing))
    fail(fn, "missing must be 'error', 'skip' or 'interpolate'", c.missing);
  if (c.zeroBase !== 'error' && c.zeroBase !== 'skip-series')
    fail(fn, "zeroBase must be 'error' or 'skip-series'", c.zeroBase);
  if (!JAN_FEB_TREATMENTS.includes(c.janFeb))
    fail(fn, "janFeb must be 'split-share', 'split-even', 'merge' or 'error'", c.janFeb);
  if (c.volatility !== 'printed' && c.volatility !== 'detrended')
    fail(fn, "volatility must be 'printed' or 'detrended'", c.volatility);
  return c;
}

/**
 * Complete step 4's choices from a partial object and validate them (other fields of the object are ignored).
 * @throws {StudyError} when a threshold is not finite or volatilityMedium > volatilityHigh
 * @example resolveThresholds({ growth: 0.4 }).volatilityHigh; // => 0.3
 */
export function resolveThresholds(t: Partial<Thresholds> = {}): Thresholds {
  const fn = 'resolveThresholds';
  const o = {} as Record<keyof Thresholds, unknown>;
  for (const k of THRESHOLD_CHOICES) o[k] = t[k] === undefined ? DEFAULT_CHOICES[k] : t[k];
  const c = o as unknown as Thresholds;
  for (const k of ['growth', 'volatilityHigh', 'volatilityMedium'] as const)
    if (typeof c[k] !== 'number' || !Number.isFinite(c[k])) fail(fn, `${k} must be a finite number`, c[k]);
  if (c.volatilityMedium > c.volatilityHigh)
    fail(fn, 'volatilityMedium must not exceed volatilityHigh', [c.volatilityMedium, c.volatilityHigh]);
  if (typeof c.semiconductorRule !== 'boolean')
    fail(fn, 'semiconductorRule must be true or false', c.semiconductorRule);
  return c;
}

/**
 * Complete every choice from a partial object (defaults: {@link DEFAULT_CHOICES}) and validate it. Only the
 * choices' own fields are read, so a notebook's whole `params` object can be passed.
 * @throws {StudyError} naming the bad choice
 * @example resolveChoices({ growth: 0.4, base: { meanOfFirst: 12 } }).base; // => { meanOfFirst: 12 }
 * @example resolveChoices({ growth: 0.4 }).window; // => ['2015-01', '2024-12']
 */
export function resolveChoices(c: Partial<StudyChoices> = {}): StudyChoices {
  return { ...resolveIndexOptions(c), ...resolveThresholds(c) };
}

/**
 * A short label for one choice's value (tables, sweep results).
 * @example choiceLabel({ exponential: 0.02 }); // => 'exp 0.02'
 * @example choiceLabel({ meanOfFirst: 12 }); // => 'mean of first 12'
 * @example choiceLabel(['2015-01', '2024-12']); // => '2015-01..2024-12'
 */
export function choiceLabel(v: unknown): string {
  if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string') return `${v[0]}..${v[1]}`;
  if (v === 'linear' || v === 'uniform' || Array.isArray(v) || (v && typeof v === 'object' && 'exponential' in v))
    return weightStrategy(v as WeightScheme, 'choiceLabel').label;
  if (v && typeof v === 'object') {
    if ('meanOfFirst' in v) return `mean of first ${(v as { meanOfFirst: number }).meanOfFirst}`;
    return JSON.stringify(v);
  }
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return String(v);
}

/**
 * A longer description of one choice's value, in words (the choices table of notebook 03).
 * @example choiceText({ meanOfFirst: 12 }); // => 'mean of first 12 months'
 * @example choiceText(['2015-01', '2024-12']); // => '2015-01 to 2024-12'
 */
export function choiceText(v: unknown): string {
  if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string') return v.join(' to ');
  if (v === 'linear' || v === 'uniform' || Array.isArray(v) || (v && typeof v === 'object' && 'exponential' in v))
    return weightStrategy(v as WeightScheme, 'choiceText').text;
  if (v && typeof v === 'object') {
    if ('meanOfFirst' in v) return `mean of first ${(v as { meanOfFirst: number }).meanOfFirst} months`;
    return JSON.stringify(v);
  }
  return String(v);
}

/** One row of {@link choicesTable}. */
export interface ChoiceRow {
  choice: keyof StudyChoices;
  used: string;
  libraryDefault: string;
  changed: boolean;
}

/**
 * The choices in use beside the library defaults ({@link DEFAULT_CHOICES}), one row per choice named.
 * @param names which choices (default: step 3's)
 * @example choicesTable({ ...DEFAULT_CHOICES, weights: 'uniform' }).find((r) => r.choice === 'weights');
 * // => { choice: 'weights', used: 'uniform', libraryDefault: 'linear', changed: true }
 */
export function choicesTable(
  used: Partial<StudyChoices>,
  names: readonly (keyof StudyChoices)[] = INDEX_CHOICES,
): ChoiceRow[] {
  const all = resolveChoices(used);
  const order: (keyof StudyChoices)[] = [
    'window',
    'frequency',
    'weights',
    'base',
    'sd',
    'volatility',
    'missing',
    'zeroBase',
    'janFeb',
    ...THRESHOLD_CHOICES,
  ];
  return order
    .filter((k) => names.includes(k))
    .map((choice) => {
      const u = choiceText(all[choice]);
      const d = choiceText(DEFAULT_CHOICES[choice]);
      return { choice, used: u, libraryDefault: d, changed: u !== d };
    });
}
