/**
 * The universe screen: the growth and volatility indices and the trade pattern
 * of EVERY code of a panel (e.g. all ~8,957 HS8 codes of China's 2023 list),
 * with the candidates a reader looks at first — the strongest substitution
 * candidates (lowest G among codes with enough imports) and the stockpiling
 * candidates (highest G among high-volatility codes).
 *
 * The universe has no technology groups, so the semiconductor rule of the
 * partition is applied per code: a code is "semiconductor-related" when it
 * starts with one of a list of HS headings (default 8486 semiconductor
 * manufacturing machines, 8541 diodes/transistors/photosensitive devices,
 * 8542 integrated circuits) — an open choice of this project.
 *
 * Speed: per code, two passes over a Float64Array with the index kernels of
 * lib/steps/indices.ts (weights built once); results live in typed arrays, so the
 * screen of 8,957 codes × 120 months takes a few tens of milliseconds.
 *
 * Names used by the examples below (run once before them, see docs/CONTRIBUTING.md):
 * @exampleSetup
 * const tiny = { months: ['2015-01', '2015-02', '2015-03'], codes: ['85423111'], values: [Float64Array.of(1, 2, 3)] };
 * const s = screenUniverse(tiny, { choices: { window: ['2015-01', '2015-03'], base: 'first', sd: 'population' } });
 *
 * @module steps/screen
 */
import { fail } from '../core/errors.js';
import { monthIndex } from '../core/months.js';
import { DEFAULT_CHOICES, MONTHS_PER_PERIOD, resolveChoices, type StudyChoices } from './choices.js';
import {
  baseKernel,
  basePeriods,
  makeWeights,
  prepareSeries,
  volatilityKernel,
  weightedMeanKernel,
} from './indices.js';
import { PATTERN_CODES, patternCode } from './partition.js';
import type { Panel, Pattern } from '../core/types.js';
import { loadCodeList } from '../io/reference.js';
import { combinedYears } from '../core/jan-feb.js';

/** The code list a screen runs over, and where it came from. */
export interface ScreenCodeList {
  codes: string[];
  /** The year of China Customs' code list. */
  year: number;
  /** A sentence for the reader saying which list this is. */
  note: string;
}

/**
 * The codes to screen: every 8-digit code of China Customs' code list for `year` (real, public; shipped in data/reference/).
 * @throws {StudyError} when there is no list for that year
 * @example screenCodeList(2023).codes.length; // => 8957
 */
export function screenCodeList(year = 2023): ScreenCodeList {
  const codes = [...new Set(loadCodeList(year, 'zh').map((e) => e.code))].sort();
  return {
    codes,
    year,
    note: `All ${codes.length.toLocaleString('en-US')} HS8 codes of China Customs' ${year} code list (real, public; data/reference/).`,
  };
}

/** Pattern code of a code the screen could not classify (zero/missing base, too few periods). */
export const SCREEN_SKIPPED = 255;

/** Default HS headings treated as semiconductor-related in the universe screen (open choice). */
export const DEFAULT_SEMICONDUCTOR_PREFIXES: readonly string[] = Object.freeze(['8486', '8541', '8542']);

/**
 * The screen's default choices: the study's ({@link DEFAULT_CHOICES}), except that (a) a zero or
 * missing base skips the code (reported) instead of stopping the whole screen, and
 * (b) missing months are left out ('skip') instead of being an error: across the whole
 * code list, real downloads have codes that start or end inside the window (HS
 * revisions, splits) and months without trade; such a code is indexed on the months
 * it has, or skipped and listed when its base months are missing.
 */
export const SCREEN_DEFAULT_CHOICES: Readonly<StudyChoices> = Object.freeze({
  ...DEFAULT_CHOICES,
  zeroBase: 'skip-series' as const,
  missing: 'skip' as const,
});

/** Options of {@link screenUniverse}. */
export interface ScreenOptions {
  /** The study's choices (defaults {@link SCREEN_DEFAULT_CHOICES}). */
  choices?: Partial<StudyChoices>;
  /** HS prefixes that make a code semiconductor-related (default {@link DEFAULT_SEMICONDUCTOR_PREFIXES}). */
  semiconductorPrefixes?: readonly string[];
}

/** The result of {@link screenUniverse}: one entry per code, in the panel's code order. */
export interface ScreenResult {
  codes: string[];
  /** Growth index per code (NaN when skipped). */
  G: Float64Array;
  /** Volatility index per code (NaN when skipped). */
  V: Float64Array;
  /** Mean imports per period of the window, US dollars (monthly at monthly frequency). */
  meanUsd: Float64Array;
  /** Pattern code per code: index into PATTERN_CODES, or {@link SCREEN_SKIPPED}. */
  pattern: Uint8Array;
  /** 1 when the code is semiconductor-related under the prefixes. */
  semiconductor: Uint8Array;
  /** Codes that were skipped, with the reason. */
  skipped: { code: string; reason: string }[];
  /** The choices the screen used. */
  choices: StudyChoices;
  semiconductorPrefixes: string[];
  elapsedMs: number;
}

/**
 * True when an HS8 code starts with one of the prefixes.
 * @example isSemiconductorCode('85423111'); // => true
 * @example isSemiconductorCode('84561100'); // => false
 */
export function isSemiconductorCode(
  code: string,
  prefixes: readonly string[] = DEFAULT_SEMICONDUCTOR_PREFIXES,
): boolean {
  for (const p of prefixes) if (code.startsWith(p)) return true;
  return false;
}

/**
 * V, G, mean imports and the pattern of every code of a panel.
 * @param panel months, codes and one monthly US-dollar series per code
 * @param opts the choices and the semiconductor prefixes
 * @throws {StudyError} on bad options, bad prefixes, or bad values (negative, infinite; NaN under missing 'error'), naming the code
 * @example
 * const s = screenUniverse({ months: ['2015-01', '2015-02', '2015-03'], codes: ['85423111'], values: [Float64Array.of(1, 2, 3)] },
 *   { choices: { window: ['2015-01', '2015-03'], base: 'first', sd: 'population' } });
 * s.G[0]; // => 1.3333333333333335  ((1·0 + 2·1 + 3·2)/6, up to rounding)
 * s.pattern[0]; // => 2 (stockpiling: high growth, semiconductor-related)
 */
export function screenUniverse(
  panel: Pick<Panel, 'months' | 'codes' | 'values'>,
  opts: ScreenOptions = {},
): ScreenResult {
  const fn = 'screenUniverse';
  const t0 = performance.now();
  const o = resolveChoices({ ...SCREEN_DEFAULT_CHOICES, ...(opts.choices ?? {}) });
  const prefixes = [...(opts.semiconductorPrefixes ?? DEFAULT_SEMICONDUCTOR_PREFIXES)];
  for (const p of prefixes)
    if (typeof p !== 'string' || !/^\d{1,8}$/.test(p)) fail(fn, 'semiconductor prefixes must be 1–8 digits', p);
  if (panel.codes.length !== panel.values.length)
    fail(fn, `${panel.codes.length} codes but ${panel.values.length} series`, panel.codes.length);
  const T = (monthIndex(o.window[1]) - monthIndex(o.window[0]) + 1) / MONTHS_PER_PERIOD[o.frequency];
  const w = makeWeights(o.weights, T);
  const k = basePeriods(o.base, o.frequency);
  if (k > T) fail(fn, `the base needs ${k} periods but the window has ${T}`, o.base);
  const monthly = o.frequency === 'monthly';
  const off = panel.months.length > 0 ? monthIndex(o.window[0]) - monthIndex(panel.months[0]) : 0;
  // positions of the Januaries: only a series with an empty (0 or missing) January can have a combined Jan–Feb
  const januaries = panel.months.flatMap((m, t) => (m.endsWith('-01') ? [t] : []));
  // one full check of the months and the window (prepareSeries validates them and fails clearly)
  if (panel.codes.length > 0) prepareSeries(panel.values[0], panel.months, o, panel.codes[0]);
  const n = panel.codes.length;
  const G = new Float64Array(n);
  const V = new Float64Array(n);
  const meanUsd = new Float64Array(n);
  const pattern = new Uint8Array(n);
  const semi = new Uint8Array(n);
  const skipped: { code: string; reason: string }[] = [];
  const sample = o.sd === 'sample';
  const vKernel = volatilityKernel(o.volatility);
  for (let i = 0; i < n; i++) {
    const code = panel.codes[i];
    semi[i] = isSemiconductorCode(code, prefixes) ? 1 : 0;
    const x =
      windowSeries(panel.values[i], panel.months, januaries, off, T, monthly) ??
      prepareSeries(panel.values[i], panel.months, o, code).x;
    let s = 0;
    let m = 0;
    for (let t = 0; t < T; t++) {
      const v = x[t];
      if (v === v) {
        s += v;
        m++;
      }
    }
    meanUsd[i] = m > 0 ? s / m : 0;
    const b = baseKernel(x, k);
    const skip = (reason: string): void => {
      G[i] = NaN;
      V[i] = NaN;
      pattern[i] = SCREEN_SKIPPED;
      skipped.push({ code, reason });
    };
    if (!(b > 0)) {
      const why = b !== b ? 'every base period is missing' : 'base is zero';
      if (o.zeroBase === 'error') fail(fn, `${code}: ${why} (zeroBase 'error'; use 'skip-series')`, b);
      skip(why);
      continue;
    }
    const cv = vKernel(x, T, sample);
    const g = (weightedMeanKernel(x, T, w) - b) / b;
    if (!Number.isFinite(cv) || !Number.isFinite(g)) {
      skip(sample && m < 2 ? 'fewer than 2 periods for a sample SD' : 'indices not finite');
      continue;
    }
    G[i] = g;
    V[i] = cv;
    pattern[i] = patternCode(g, cv, semi[i] === 1, o.growth, o.volatilityHigh, o.semiconductorRule);
  }
  return {
    codes: [...panel.codes],
    G,
    V,
    meanUsd,
    pattern,
    semiconductor: semi,
    skipped,
    choices: o,
    semiconductorPrefixes: prefixes,
    elapsedMs: performance.now() - t0,
  };
}

/**
 * Fast path: the window of a monthly series as a view without copying, when every value in it is
 * a finite number ≥ 0, the series has one value per month and no combined January–February; undefined
 * otherwise (the caller falls back to prepareSeries, which applies the missing and Jan–Feb rules or fails
 * naming the code and month). A January reported as 0 with a large February is a combined Jan–Feb too.
 */
function windowSeries(
  values: ArrayLike<number>,
  months: readonly string[],
  januaries: readonly number[],
  off: number,
  T: number,
  monthly: boolean,
): Float64Array | undefined {
  if (!monthly || !(values instanceof Float64Array) || off < 0 || off + T > values.length) return undefined;
  if (values.length !== months.length) return undefined;
  // combinedYears needs an empty January (0 or NaN): look for one first (most series have none)
  if (januaries.some((t) => !(values[t] > 0)) && combinedYears(values, months).length > 0) return undefined;
  for (let t = off; t < off + T; t++) {
    const v = values[t];
    if (!(v >= 0) || v === Infinity) return undefined;
  }
  return values.subarray(off, off + T);
}

/** Counts of patterns over a screen. */
export interface PatternCounts {
  substitution: number;
  'no effect': number;
  stockpiling: number;
  skipped: number;
  total: number;
}

/**
 * How many codes fall in each pattern (optionally only semiconductor-related or only other codes).
 * @example patternCounts(s); // => { substitution: 0, 'no effect': 0, stockpiling: 1, skipped: 0, total: 1 }
 */
export function patternCounts(screen: ScreenResult, only?: 'semiconductor' | 'other'): PatternCounts {
  const c: PatternCounts = { substitution: 0, 'no effect': 0, stockpiling: 0, skipped: 0, total: 0 };
  for (let i = 0; i < screen.codes.length; i++) {
    if (only === 'semiconductor' && screen.semiconductor[i] !== 1) continue;
    if (only === 'other' && screen.semiconductor[i] === 1) continue;
    const p = screen.pattern[i];
    if (p === SCREEN_SKIPPED) c.skipped++;
    else c[PATTERN_CODES[p]]++;
    c.total++;
  }
  return c;
}

/** One ranked candidate. */
export interface ScreenCandidate {
  rank: number;
  code: string;
  G: number;
  V: number;
  meanUsd: number;
  pattern: Pattern;
  semiconductor: boolean;
}

/** Options of {@link rankCandidates}. */
export interface RankOptions {
  /** Number of rows (default 15). */
  n?: number;
  /** Minimum mean imports per period (US dollars) to be ranked (default 0). */
  minMeanUsd?: number;
}

/**
 * Rank the screen's candidates.
 * - 'substitution': the lowest G among classified codes with meanUsd ≥ minMeanUsd (and G below the growth cut);
 * - 'stockpiling': the highest G among codes with V above the high-volatility cut, G above the growth cut, and meanUsd ≥ minMeanUsd.
 * Ties are broken by code (deterministic).
 * @throws {StudyError} on an unknown kind, n < 1 or a negative minimum
 * @example rankCandidates(s, 'stockpiling', { n: 5 }).map((r) => r.code); // => ['85423111', …]
 */
export function rankCandidates(
  screen: ScreenResult,
  kind: 'substitution' | 'stockpiling',
  opts: RankOptions = {},
): ScreenCandidate[] {
  const fn = 'rankCandidates';
  const nOut = opts.n ?? 15;
  const minMean = opts.minMeanUsd ?? 0;
  if (kind !== 'substitution' && kind !== 'stockpiling') fail(fn, "kind must be 'substitution' or 'stockpiling'", kind);
  if (!Number.isInteger(nOut) || nOut < 1) fail(fn, 'n must be a positive integer', nOut);
  if (!(minMean >= 0) || !Number.isFinite(minMean)) fail(fn, 'minMeanUsd must be a finite number ≥ 0', minMean);
  const th = screen.choices;
  const idx: number[] = [];
  for (let i = 0; i < screen.codes.length; i++) {
    if (screen.pattern[i] === SCREEN_SKIPPED || screen.meanUsd[i] < minMean) continue;
    if (
      kind === 'substitution' ? !(screen.G[i] > th.growth) : screen.G[i] > th.growth && screen.V[i] > th.volatilityHigh
    )
      idx.push(i);
  }
  const sign = kind === 'substitution' ? 1 : -1;
  idx.sort(
    (a, b) =>
      sign * (screen.G[a] - screen.G[b]) ||
      (screen.codes[a] < screen.codes[b] ? -1 : screen.codes[a] > screen.codes[b] ? 1 : 0),
  );
  return idx.slice(0, nOut).map((i, r) => ({
    rank: r + 1,
    code: screen.codes[i],
    G: screen.G[i],
    V: screen.V[i],
    meanUsd: screen.meanUsd[i],
    pattern: PATTERN_CODES[screen.pattern[i]],
    semiconductor: screen.semiconductor[i] === 1,
  }));
}

/** One looked-up code of {@link screenLookup}. */
export interface LookupRow {
  code: string;
  G: number | null;
  V: number | null;
  meanUsd: number;
  pattern: Pattern | 'skipped';
  semiconductor: boolean;
}

/**
 * The screen's verdict on a list of codes (e.g. the study's curated codes); codes not in the screen are listed apart.
 * Duplicates in `codes` are looked up once; rows follow the order of first appearance.
 * @example screenLookup(s, ['85423111', '99999999']).absent; // => ['99999999']
 */
export function screenLookup(screen: ScreenResult, codes: readonly string[]): { rows: LookupRow[]; absent: string[] } {
  const pos = new Map(screen.codes.map((c, i) => [c, i] as const));
  const rows: LookupRow[] = [];
  const absent: string[] = [];
  for (const code of new Set(codes)) {
    const i = pos.get(code);
    if (i === undefined) {
      absent.push(code);
      continue;
    }
    const sk = screen.pattern[i] === SCREEN_SKIPPED;
    rows.push({
      code,
      G: sk ? null : screen.G[i],
      V: sk ? null : screen.V[i],
      meanUsd: screen.meanUsd[i],
      pattern: sk ? 'skipped' : PATTERN_CODES[screen.pattern[i]],
      semiconductor: screen.semiconductor[i] === 1,
    });
  }
  return { rows, absent };
}

/** One cell of {@link screenDensity}. */
export interface DensityCell {
  G0: number;
  G1: number;
  V0: number;
  V1: number;
  count: number;
}

/**
 * A 2-D histogram of (G, V) over the classified codes, for a compact chart of the whole universe.
 * Values outside the ranges are clamped into the edge bins and counted in `clamped`.
 * @throws {StudyError} on bins < 1 or an empty/inverted range
 * @example screenDensity(s, { gBins: 2, vBins: 1, gRange: [0, 1], vRange: [0, 1] }).cells.length; // => 1 (empty cells are left out)
 */
export function screenDensity(
  screen: ScreenResult,
  o: { gBins?: number; vBins?: number; gRange?: [number, number]; vRange?: [number, number] } = {},
): { cells: DensityCell[]; clamped: number; classified: number } {
  const fn = 'screenDensity';
  const gB = o.gBins ?? 40;
  const vB = o.vBins ?? 30;
  const [g0, g1] = o.gRange ?? [-1, 3];
  const [v0, v1] = o.vRange ?? [0, 1.5];
  if (!Number.isInteger(gB) || gB < 1 || !Number.isInteger(vB) || vB < 1)
    fail(fn, 'bins must be positive integers', [gB, vB]);
  if (!(g1 > g0) || !(v1 > v0) || !Number.isFinite(g0 + g1 + v0 + v1))
    fail(fn, 'ranges must be finite [low, high] with low < high', [o.gRange, o.vRange]);
  const counts = new Uint32Array(gB * vB);
  let clamped = 0;
  let classified = 0;
  for (let i = 0; i < screen.codes.length; i++) {
    if (screen.pattern[i] === SCREEN_SKIPPED) continue;
    classified++;
    let a = Math.floor(((screen.G[i] - g0) / (g1 - g0)) * gB);
    let b = Math.floor(((screen.V[i] - v0) / (v1 - v0)) * vB);
    if (a < 0 || a >= gB || b < 0 || b >= vB) clamped++;
    a = Math.min(gB - 1, Math.max(0, a));
    b = Math.min(vB - 1, Math.max(0, b));
    counts[a * vB + b]++;
  }
  const cells: DensityCell[] = [];
  const dg = (g1 - g0) / gB;
  const dv = (v1 - v0) / vB;
  for (let a = 0; a < gB; a++)
    for (let b = 0; b < vB; b++) {
      const c = counts[a * vB + b];
      if (c > 0)
        cells.push({ G0: g0 + a * dg, G1: g0 + (a + 1) * dg, V0: v0 + b * dv, V1: v0 + (b + 1) * dv, count: c });
    }
  return { cells, clamped, classified };
}

/**
 * Number of codes whose pattern differs between two screens of the same codes (e.g. two parameter choices).
 * @throws {StudyError} when the screens do not cover the same codes in the same order
 * @example changedPatterns(s, screenUniverse(tiny, { choices: { ...s.choices, growth: 2 } })); // => 1 (with the growth cut at 2, G = 1.33 is low growth)
 */
export function changedPatterns(a: ScreenResult, b: ScreenResult): number {
  if (a.codes.length !== b.codes.length || a.codes.some((c, i) => c !== b.codes[i]))
    fail('changedPatterns', 'the two screens must cover the same codes in the same order', [
      a.codes.length,
      b.codes.length,
    ]);
  let n = 0;
  for (let i = 0; i < a.codes.length; i++) if (a.pattern[i] !== b.pattern[i]) n++;
  return n;
}
