/**
 * The SYNTHETIC teaching panel: monthly import values (US dollars) for every
 * curated code of the study's three batches, 2015-01 to 2025-06, and the
 * SYNTHETIC BEC end-use totals that go with it. Nothing here is China Customs
 * data. Each of the 17 groups follows a documented shape chosen so that its
 * batch-1 group sum lands in the published matrix cell (docs/METHOD.md, step 4) under
 * the library's default indices, and the semiconductor groups follow the
 * published shares of GDP (docs/METHOD.md, step 5).
 *
 * Construction, per group g (see {@link SYNTHETIC_GROUP_SHAPES}):
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
 *   4. σ is solved by bisection so the volatility index V hits the group's
 *      target (medium/low-volatility groups) or fixed (high-volatility groups);
 *   5. the group total is split among the group's primary codes (its codes
 *      in the lowest batch that lists the group, normally batch 1) valid that
 *      month, by seeded code shares with code-level drift and noise, so the
 *      batch-1 group sum equals the designed path exactly (up to whole-dollar rounding);
 *   6. codes listed only in batches 2/3 get their own series: the group path
 *      times a seeded share, with their own noise (not calibrated).
 *
 * Names used by the examples below (run once before them, see docs/CONTRIBUTING.md):
 * @exampleSetup
 * const codes = syntheticCodesFromCsv(readCsvFile('data/study/codes.csv'));
 * const groups = syntheticGroupsFromCsv(readCsvFile('data/study/groups.csv'));
 * const gdp = syntheticGdpFromCsv(readCsvFile('data/study/gdp.csv'));
 * const panel = generateTeachingPanel(codes, groups, gdp); // the committed SYNTHETIC panel (default seed)
 * const bec = generateBecTotals(panel, gdp);
 *
 * @module synthetic/teaching
 */
import type { Batch, Category, PanelRow } from '../core/types.js';
import type { CsvTable } from '../io/csv.js';
import { fail } from '../core/errors.js';
import { syntheticHash, syntheticRng } from './rng.js';

/** Version of the generator; written into every output's header and meta (2.0.0: calibrated for the first-month base, the library default). */
export const SYNTHETIC_GENERATOR_VERSION = '2.0.0';

/** The default seed of the committed teaching panel. */
export const SYNTHETIC_DEFAULT_SEED = 20250101;

/** One (batch, code, group) row of the curated code table (data/study/codes.csv), as the generator needs it. */
export interface SyntheticCodeRow {
  batch: Batch;
  /** 8-digit HS8 code as text. */
  code: string;
  /** Study group 1–17, or null when the row has no group. */
  groupId: number | null;
  /** First and last calendar year the code is valid (inclusive). */
  firstYear: number;
  lastYear: number;
}

/** One study group (data/study/groups.csv), as the generator needs it. */
export interface SyntheticGroupRow {
  groupId: number;
  group: string;
  matrixLabel: string;
  category: Category;
  semiconductor: boolean;
}

/** China's GDP in current US dollars for one year. */
export interface SyntheticGdpRow {
  year: number;
  gdpUsd: number;
}

/** A cell of the published growth × volatility matrix. */
export interface SyntheticCell {
  growth: 'high' | 'low';
  volatility: 'high' | 'medium' | 'low';
}

/** The documented shape of one group's SYNTHETIC monthly path. */
export interface SyntheticGroupShape {
  groupId: number;
  /** Shape family, for captions. */
  shape: 'surge-and-fall' | 'steady growth' | 'plateau' | 'decline' | 'cycle then decline' | 'flat, lumpy' | 'flat, gentle decline';
  /** One sentence a reader can check against the chart. */
  description: string;
  /** The published matrix cell this group must land in. */
  cell: SyntheticCell;
  /** Annual levels 2015…2025 relative to 2015 (11 values; 2015 = 1). Calibrated groups: see `calibration`. */
  levels: number[];
  /** 2015 annual imports in US dollars (uncalibrated groups: an order-of-magnitude choice, not China's figure). */
  scale2015Usd: number;
  /** CNY-dip amplitude: 1 = a 20 % dip in the CNY month. */
  seasonality: number;
  /** Target volatility index (σ solved to hit it) or null with `noiseSigma` fixed. */
  targetV: number | null;
  /** Fixed noise σ when targetV is null. */
  noiseSigma: number;
  /** Stockpiling bursts: months multiplied by `factor` before the annual rescale. */
  surges: { from: string; months: number; factor: number }[];
  /**
   * 'semiconductor intermediate': levels come from the published IC share-of-GDP path;
   * 'semiconductor capital': the 2015 value is `capitalFraction2015` of the published
   * semiconductor-capital total, and (growth-high groups) the 2024–2025 levels are
   * scaled by one common factor so the 2024 total matches too.
   */
  calibration: null | { kind: 'semiconductor intermediate' } | { kind: 'semiconductor capital'; capitalFraction2015: number };
}

/** Years of the annual level vectors. */
const LEVEL_YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

/**
 * The 17 group shapes of the SYNTHETIC teaching panel. Levels are relative to
 * 2015; scales are round order-of-magnitude choices (NOT China's imports).
 *
 * @example SYNTHETIC_GROUP_SHAPES.find((s) => s.groupId === 2)!.cell; // => { growth: 'high', volatility: 'medium' }
 */
export const SYNTHETIC_GROUP_SHAPES: SyntheticGroupShape[] = [
  {
    groupId: 1, shape: 'cycle then decline', cell: { growth: 'low', volatility: 'medium' },
    description: 'A 2017–18 shortage boom, then a slide below the 2015 level; noise sized for medium volatility.',
    levels: [1, 1.05, 1.25, 1.4, 1.0, 0.95, 1.05, 0.88, 0.8, 0.88, 0.85], scale2015Usd: NaN,
    seasonality: 1, targetV: 0.262, noiseSigma: 0, surges: [], calibration: { kind: 'semiconductor capital', capitalFraction2015: 0.3 },
  },
  {
    groupId: 2, shape: 'plateau', cell: { growth: 'high', volatility: 'medium' },
    description: 'Rises with the published IC share of GDP to a 2021 peak, holds near it to 2023, eases in 2024; noise sized for medium volatility.',
    levels: [], scale2015Usd: NaN,
    seasonality: 1, targetV: 0.278, noiseSigma: 0, surges: [], calibration: { kind: 'semiconductor intermediate' },
  },
  {
    groupId: 3, shape: 'surge-and-fall', cell: { growth: 'high', volatility: 'high' },
    description: 'Growth to 2019, a stockpiling surge in 2020–21, a fall in 2022, a second surge in 2023.',
    levels: [1, 1.1, 1.5, 2.3, 2.1, 3.3, 4.6, 3.4, 4.4, 4.0, 3.6], scale2015Usd: NaN,
    seasonality: 0.6, targetV: null, noiseSigma: 0.12, surges: [{ from: '2020-09', months: 4, factor: 1.5 }],
    calibration: { kind: 'semiconductor capital', capitalFraction2015: 0.2 },
  },
  {
    groupId: 4, shape: 'surge-and-fall', cell: { growth: 'high', volatility: 'high' },
    description: 'Steady growth, a surge in 2020–21, a fall in 2022 and a partial recovery.',
    levels: [1, 1.05, 1.3, 1.7, 1.6, 2.5, 3.3, 2.2, 2.6, 2.5, 2.3], scale2015Usd: 3e9,
    seasonality: 1, targetV: null, noiseSigma: 0.15, surges: [{ from: '2021-03', months: 3, factor: 1.4 }], calibration: null,
  },
  {
    groupId: 5, shape: 'steady growth', cell: { growth: 'high', volatility: 'medium' },
    description: 'Linear growth of about 13 % of the 2015 level a year; noise sized for medium volatility.',
    levels: [1, 1.13, 1.26, 1.39, 1.52, 1.65, 1.78, 1.91, 2.04, 2.17, 2.3], scale2015Usd: 2.5e9,
    seasonality: 1, targetV: 0.262, noiseSigma: 0, surges: [], calibration: null,
  },
  {
    groupId: 6, shape: 'surge-and-fall', cell: { growth: 'high', volatility: 'high' },
    description: 'Lithography: growth, a pre-sanction surge in 2020–21, a fall in 2022, a second surge in 2023–24.',
    levels: [1, 1.15, 1.6, 2.6, 2.4, 3.6, 5.0, 3.8, 4.6, 4.2, 3.6], scale2015Usd: NaN,
    seasonality: 0.5, targetV: null, noiseSigma: 0.18, surges: [{ from: '2020-10', months: 3, factor: 1.6 }, { from: '2023-09', months: 4, factor: 1.5 }],
    calibration: { kind: 'semiconductor capital', capitalFraction2015: 0.15 },
  },
  {
    groupId: 7, shape: 'decline', cell: { growth: 'low', volatility: 'medium' },
    description: 'A steady decline to under half the 2015 level; noise sized for medium volatility.',
    levels: [1, 0.95, 0.9, 0.85, 0.75, 0.7, 0.65, 0.55, 0.5, 0.45, 0.45], scale2015Usd: 6e9,
    seasonality: 1, targetV: 0.278, noiseSigma: 0, surges: [], calibration: null,
  },
  {
    groupId: 8, shape: 'surge-and-fall', cell: { growth: 'high', volatility: 'high' },
    description: 'Growth, a stockpiling surge in 2020–21, a fall in 2022, renewed buying in 2023.',
    levels: [1, 1.1, 1.45, 2.2, 2.0, 3.1, 4.3, 3.2, 4.1, 3.8, 3.4], scale2015Usd: NaN,
    seasonality: 0.6, targetV: null, noiseSigma: 0.12, surges: [{ from: '2021-01', months: 4, factor: 1.4 }],
    calibration: { kind: 'semiconductor capital', capitalFraction2015: 0.2 },
  },
  {
    groupId: 9, shape: 'steady growth', cell: { growth: 'high', volatility: 'low' },
    description: 'Linear growth of about 10 % of the 2015 level a year with little noise.',
    levels: [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0], scale2015Usd: 4e9,
    seasonality: 0.6, targetV: 0.2, noiseSigma: 0, surges: [], calibration: null,
  },
  {
    groupId: 10, shape: 'flat, gentle decline', cell: { growth: 'low', volatility: 'low' },
    description: 'Flat to 2018, then a gentle decline to about 80 % of 2015.',
    levels: [1, 0.97, 1.0, 1.02, 0.95, 0.9, 0.95, 0.88, 0.85, 0.82, 0.8], scale2015Usd: 3e9,
    seasonality: 1, targetV: 0.125, noiseSigma: 0, surges: [], calibration: null,
  },
  {
    groupId: 11, shape: 'surge-and-fall', cell: { growth: 'high', volatility: 'high' },
    description: 'Growth, a surge in 2020–21, a fall in 2022, a second surge in 2023.',
    levels: [1, 1.1, 1.4, 2.1, 1.9, 3.0, 4.2, 3.1, 4.0, 3.7, 3.3], scale2015Usd: NaN,
    seasonality: 0.6, targetV: null, noiseSigma: 0.14, surges: [{ from: '2020-11', months: 3, factor: 1.5 }],
    calibration: { kind: 'semiconductor capital', capitalFraction2015: 0.15 },
  },
  {
    groupId: 12, shape: 'flat, gentle decline', cell: { growth: 'low', volatility: 'low' },
    description: 'Flat to 2021, then a gentle decline to about 85 % of 2015.',
    levels: [1, 1.02, 1.05, 1.0, 0.97, 0.95, 1.0, 0.92, 0.88, 0.86, 0.85], scale2015Usd: 5e9,
    seasonality: 1, targetV: 0.16, noiseSigma: 0, surges: [], calibration: null,
  },
  {
    groupId: 13, shape: 'flat, gentle decline', cell: { growth: 'low', volatility: 'low' },
    description: 'Flat to 2018, then a decline to about 75 % of 2015 as domestic supply takes over.',
    levels: [1, 1.05, 1.08, 1.1, 1.0, 0.95, 1.0, 0.9, 0.82, 0.78, 0.75], scale2015Usd: 2e9,
    seasonality: 1, targetV: 0.178, noiseSigma: 0, surges: [], calibration: null,
  },
  {
    groupId: 14, shape: 'flat, gentle decline', cell: { growth: 'low', volatility: 'low' },
    description: 'Flat to 2018, then a gentle decline to about 75 % of 2015.',
    levels: [1, 1.03, 1.05, 1.02, 0.95, 0.9, 0.92, 0.85, 0.8, 0.77, 0.75], scale2015Usd: 3e9,
    seasonality: 1, targetV: 0.195, noiseSigma: 0, surges: [], calibration: null,
  },
  {
    groupId: 15, shape: 'plateau', cell: { growth: 'high', volatility: 'medium' },
    description: 'Fast growth to 2018, then a plateau at about 2.4 times the 2015 level; noise sized for medium volatility.',
    levels: [1, 1.6, 2.1, 2.3, 2.35, 2.4, 2.4, 2.35, 2.4, 2.45, 2.45], scale2015Usd: 4e9,
    seasonality: 1, targetV: 0.278, noiseSigma: 0, surges: [], calibration: null,
  },
  {
    groupId: 16, shape: 'flat, lumpy', cell: { growth: 'low', volatility: 'high' },
    description: 'Lumpy aircraft deliveries around a flat level, a collapse in 2020–22 and a partial recovery.',
    levels: [1, 1.1, 1.2, 1.35, 1.25, 0.55, 0.5, 0.45, 0.7, 0.85, 0.9], scale2015Usd: 1e10,
    seasonality: 0.5, targetV: null, noiseSigma: 0.2, surges: [], calibration: null,
  },
  {
    groupId: 17, shape: 'surge-and-fall', cell: { growth: 'high', volatility: 'high' },
    description: 'Fast growth, a pandemic surge in 2021, a fall in 2022–23.',
    levels: [1, 1.1, 1.35, 1.8, 2.2, 2.6, 3.6, 2.8, 2.7, 2.9, 2.8], scale2015Usd: 1.4e10,
    seasonality: 1, targetV: null, noiseSigma: 0.15, surges: [{ from: '2021-06', months: 4, factor: 1.4 }], calibration: null,
  },
];

/** The published semiconductor and adjusted shares of GDP the generator calibrates to (docs/METHOD.md, step 5), in percent. */
export interface SyntheticCalibration {
  /** Semiconductor capital goods (groups with semiconductor = yes and category capital goods): 2015 and 2024. */
  semiCapital: { 2015: number; 2024: number };
  /** Semiconductor intermediates (ICs), % of GDP for every year 2015–2024; 2015, the peak and 2024 are published. */
  semiIntermediatePath: Record<number, number>;
  /** Published peak year of the IC share (a choice: the slides give the peak value, not the year). */
  semiIntermediatePeakYear: number;
  /** Adjusted (semiconductors excluded) BEC capital goods, % of GDP, every year 2015–2024. */
  capitalAdjustedPath: Record<number, number>;
  /** Adjusted BEC intermediates, % of GDP, every year 2015–2024. */
  intermediateAdjustedPath: Record<number, number>;
}

function geometricPath(from: number, to: number, y0: number, y1: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (let y = y0; y <= y1; y++) out[y] = Math.round(from * Math.pow(to / from, (y - y0) / (y1 - y0)) * 1e4) / 1e4;
  return out;
}

/**
 * The default calibration. Published (docs/METHOD.md, step 5): semiconductor capital
 * 0.09 % (2015) → 0.16 % (2024); ICs 1.85 % (2015) → 2.12 % peak → 1.64 % (2024);
 * capital adjusted 2.06 % → 1.27 %; intermediates adjusted 6.40 % → 5.26 %.
 * Chosen here (not published): the IC peak year 2021 and the IC path in between
 * (a plateau 2020–2023 just under the peak); the adjusted paths decline
 * geometrically 2015 → 2023 (capital to 1.24 %, intermediates to 5.18 %), so
 * "both adjusted" ticks up from 6.42 % (2023) to 6.53 % (2024), as on the slides.
 *
 * @example SYNTHETIC_DEFAULT_CALIBRATION.semiIntermediatePath[2021]; // => 2.12
 */
export const SYNTHETIC_DEFAULT_CALIBRATION: SyntheticCalibration = {
  semiCapital: { 2015: 0.09, 2024: 0.16 },
  semiIntermediatePath: { 2015: 1.85, 2016: 1.9, 2017: 2.0, 2018: 2.08, 2019: 2.05, 2020: 2.1, 2021: 2.12, 2022: 2.11, 2023: 2.05, 2024: 1.64 },
  semiIntermediatePeakYear: 2021,
  capitalAdjustedPath: { ...geometricPath(2.06, 1.24, 2015, 2023), 2024: 1.27 },
  intermediateAdjustedPath: { ...geometricPath(6.4, 5.18, 2015, 2023), 2024: 5.26 },
};

/** Options of {@link generateTeachingPanel}. */
export interface TeachingPanelOptions {
  /** Integer seed (default {@link SYNTHETIC_DEFAULT_SEED}). */
  seed?: number;
  /** Group shapes (default {@link SYNTHETIC_GROUP_SHAPES}). */
  shapes?: SyntheticGroupShape[];
  /** Calibration targets (default {@link SYNTHETIC_DEFAULT_CALIBRATION}). */
  calibration?: SyntheticCalibration;
}

/** Achieved indices of one group sum (SYNTHETIC). */
export interface SyntheticGroupLanding {
  groupId: number;
  group: string;
  batch: Batch;
  codes: number;
  V: number;
  G: number;
  cell: SyntheticCell;
}

/** What {@link generateTeachingPanel} reports besides the rows (written to the .meta.json). */
export interface TeachingPanelMeta {
  synthetic: true;
  description: string;
  seed: number;
  generator: string;
  generatorVersion: string;
  period: [string, string];
  indexDefinitions: string;
  codes: number;
  rows: number;
  groups: (SyntheticGroupShape & {
    group: string;
    matrixLabel: string;
    primaryBatch: Batch | null;
    primaryCodes: number;
    scale2015Usd: number;
    levels: number[];
    noiseSigma: number;
    achieved: { V: number; G: number; cell: SyntheticCell } | null;
  })[];
  /** Group sums of every batch (batch 1 is the calibrated, guaranteed one). */
  landings: SyntheticGroupLanding[];
  calibration: {
    targets: SyntheticCalibration;
    semiCapitalGroups: number[];
    semiIntermediateGroups: number[];
    /** Common factor applied to the 2024–25 levels of the high-growth semiconductor-capital groups. */
    semiCapital2024LevelFactor: number;
    achieved: { year: number; semiCapitalUsd: number; semiCapitalPct: number; semiIntermediateUsd: number; semiIntermediatePct: number }[];
  };
  codeModel: string;
  warnings: string[];
}

/** The SYNTHETIC teaching panel: tidy rows sorted by code then month, and its meta. */
export interface TeachingPanel {
  rows: PanelRow[];
  meta: TeachingPanelMeta;
}

const START = '2015-01';
const END = '2025-06';
/** Months of the index window 2015-01..2024-12. */
const INDEX_MONTHS = 120;

/** Chinese New Year (first day) 2015–2025: month and day. */
const CNY: Record<number, [number, number]> = {
  2015: [2, 19], 2016: [2, 8], 2017: [1, 28], 2018: [2, 16], 2019: [2, 5], 2020: [1, 25],
  2021: [2, 12], 2022: [2, 1], 2023: [1, 22], 2024: [2, 10], 2025: [1, 29],
};

/**
 * Months from `start` to `end` inclusive, YYYY-MM.
 * @throws {StudyError} on a malformed month or end before start
 * @example syntheticMonths('2024-11', '2025-02'); // => ['2024-11', '2024-12', '2025-01', '2025-02']
 */
export function syntheticMonths(start: string, end: string): string[] {
  const parse = (m: string): number => {
    const r = /^(\d{4})-(\d{2})$/.exec(m);
    if (!r || +r[2] < 1 || +r[2] > 12) fail('syntheticMonths', 'month must be YYYY-MM', m);
    return +r[1] * 12 + (+r[2] - 1);
  };
  const a = parse(start);
  const b = parse(end);
  if (b < a) fail('syntheticMonths', `end ${end} is before start`, start);
  const out: string[] = [];
  for (let k = a; k <= b; k++) out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  return out;
}

/** CNY seasonal factors for the 12 months of a year (mean 1); amplitude 1 = 20 % dip in the CNY month. */
function seasonalFactors(year: number, amplitude: number): number[] {
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

/** SD (sample, n − 1, the library's default) / mean. */
function cv(x: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  return Math.sqrt(ss / (n - 1)) / mean;
}

/** Linear-weighted growth index with base = the first month (the printed formula, the library's default). */
function growth(x: ArrayLike<number>, n: number): number {
  const b = x[0];
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (i + 1) * ((x[i] - b) / b);
    den += i + 1;
  }
  return num / den;
}

/** The matrix cell of (V, G) with the study's thresholds (G > 0.5 high; V > 0.3 high, ≥ 0.24 medium, else low). */
function cellOf(V: number, G: number): SyntheticCell {
  return { growth: G > 0.5 ? 'high' : 'low', volatility: V > 0.3 ? 'high' : V >= 0.24 ? 'medium' : 'low' };
}

/** Build a group's monthly path for a given noise σ. */
function groupPath(shape: SyntheticGroupShape, levels: number[], scale: number, sigma: number, eps: Float64Array, months: string[]): Float64Array {
  const T = months.length;
  const raw = new Float64Array(T);
  /** The same path without noise: trend × season (× surges). */
  const quiet = new Float64Array(T);
  const t0 = 2015 * 12;
  const idx = months.map((m) => +m.slice(0, 4) * 12 + +m.slice(5, 7) - 1 - t0);
  const anchors = LEVEL_YEARS.map((y) => (y - 2015) * 12 + 5.5);
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
    if (from < 0) fail('generateTeachingPanel', `group ${shape.groupId}: surge month outside the period`, s.from);
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
    for (let i = 0; i < T; i++) if (months[i].startsWith(y)) { sum += raw[i]; quietSum += quiet[i]; n++; }
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

/** Solve σ so that V(path) = target, by bisection on [0.001, 1]. */
function solveSigma(shape: SyntheticGroupShape, levels: number[], scale: number, eps: Float64Array, months: string[], target: number): number {
  const V = (s: number): number => cv(groupPath(shape, levels, scale, s, eps, months), INDEX_MONTHS);
  let lo = 0.001;
  let hi = 1;
  if (V(lo) >= target) return lo;
  if (V(hi) <= target) fail('generateTeachingPanel', `group ${shape.groupId}: target volatility unreachable`, target);
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (V(mid) < target) lo = mid;
    else hi = mid;
  }
  return Math.round(((lo + hi) / 2) * 1e6) / 1e6;
}

/**
 * Generate the SYNTHETIC teaching panel from the curated code table, the groups
 * and GDP. Pure and deterministic: same inputs and seed → the same rows.
 * One series per distinct code (whatever batches list it); only months in the
 * code's valid years are produced.
 *
 * @throws {StudyError} when a group lacks a shape, GDP lacks 2015–2024, a code row is malformed, or a target is unreachable
 * @example
 * const p = generateTeachingPanel(codes, groups, gdp, { seed: 1 }); // codes, groups, gdp: as in the module's setup
 * p.rows[0].month; // => '2015-01'  (rows sorted by code, then month)
 * p.meta.synthetic; // => true
 * p.meta.groups[1].achieved.cell; // => { growth: 'high', volatility: 'medium' }  (ICs)
 */
export function generateTeachingPanel(
  codes: SyntheticCodeRow[],
  groups: SyntheticGroupRow[],
  gdp: SyntheticGdpRow[],
  opts: TeachingPanelOptions = {},
): TeachingPanel {
  const fn = 'generateTeachingPanel';
  const seed = opts.seed ?? SYNTHETIC_DEFAULT_SEED;
  if (!Number.isInteger(seed)) fail(fn, 'seed must be an integer', seed);
  const shapes = opts.shapes ?? SYNTHETIC_GROUP_SHAPES;
  const cal = opts.calibration ?? SYNTHETIC_DEFAULT_CALIBRATION;
  const months = syntheticMonths(START, END);
  const T = months.length;
  const warnings: string[] = [];

  const gdpByYear = new Map<number, number>();
  for (const g of gdp) {
    if (!Number.isFinite(g.gdpUsd) || g.gdpUsd <= 0) fail(fn, `GDP for ${g.year} must be a positive number`, g.gdpUsd);
    gdpByYear.set(g.year, g.gdpUsd);
  }
  for (let y = 2015; y <= 2024; y++) if (!gdpByYear.has(y)) fail(fn, 'GDP table lacks a year of 2015–2024', y);
  const gdpOf = (y: number): number => gdpByYear.get(y) as number;

  const groupById = new Map(groups.map((g) => [g.groupId, g]));
  const shapeById = new Map(shapes.map((s) => [s.groupId, s]));
  for (const g of groups) if (!shapeById.has(g.groupId)) fail(fn, 'no shape for group', g.groupId);

  // ---- distinct codes: primary (batch, group) and valid years ----
  interface CodeInfo { code: string; batch: Batch; groupId: number | null; first: number; last: number; batches: Set<Batch> }
  const info = new Map<string, CodeInfo>();
  const sortedRows = [...codes].sort((a, b) => a.batch - b.batch || (a.groupId ?? 99) - (b.groupId ?? 99) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const r of sortedRows) {
    if (!/^\d{8}$/.test(r.code)) fail(fn, 'code must be 8 digits', r.code);
    if (r.groupId !== null && !groupById.has(r.groupId)) fail(fn, `code ${r.code}: unknown group`, r.groupId);
    if (!(r.firstYear <= r.lastYear)) fail(fn, `code ${r.code}: first year after last year`, [r.firstYear, r.lastYear]);
    const have = info.get(r.code);
    if (!have) {
      info.set(r.code, { code: r.code, batch: r.batch, groupId: r.groupId, first: r.firstYear, last: r.lastYear, batches: new Set([r.batch]) });
      continue;
    }
    have.batches.add(r.batch);
    if (have.groupId === null && r.groupId !== null) have.groupId = r.groupId;
    else if (r.groupId !== null && r.groupId !== have.groupId)
      warnings.push(`code ${r.code} is listed in group ${have.groupId} (batch ${have.batch}) and group ${r.groupId} (batch ${r.batch}); its series follows group ${have.groupId}`);
    if (r.firstYear !== have.first || r.lastYear !== have.last) {
      warnings.push(`code ${r.code}: valid years differ between rows (${have.first}–${have.last} vs ${r.firstYear}–${r.lastYear}); using the union`);
      have.first = Math.min(have.first, r.firstYear);
      have.last = Math.max(have.last, r.lastYear);
    }
  }
  const codeList = [...info.values()].sort((a, b) => (a.code < b.code ? -1 : 1));

  // primary batch of each group = lowest batch that lists it
  const primaryBatch = new Map<number, Batch>();
  for (const r of sortedRows) {
    if (r.groupId === null) continue;
    const p = primaryBatch.get(r.groupId);
    if (p === undefined || r.batch < p) primaryBatch.set(r.groupId, r.batch);
  }

  // ---- calibration ----
  const semiCapGroups = groups.filter((g) => g.semiconductor && g.category === 'capital goods').map((g) => g.groupId).sort((a, b) => a - b);
  const semiIntGroups = groups.filter((g) => g.semiconductor && g.category === 'intermediate').map((g) => g.groupId).sort((a, b) => a - b);
  for (let y = 2015; y <= 2024; y++) if (!(cal.semiIntermediatePath[y] > 0)) fail(fn, 'semiconductor intermediate path lacks a year', y);
  const capTotal2015 = (cal.semiCapital[2015] / 100) * gdpOf(2015);
  const capTotal2024 = (cal.semiCapital[2024] / 100) * gdpOf(2024);
  const levelsById = new Map<number, number[]>();
  const scaleById = new Map<number, number>();
  let fracSum = 0;
  let lowPart = 0;
  let highPart = 0;
  for (const s of shapes) {
    if (s.calibration?.kind === 'semiconductor capital') {
      if (!semiCapGroups.includes(s.groupId)) fail(fn, `group ${s.groupId} is calibrated as semiconductor capital but is not one in the groups table`, s.groupId);
      const f = s.calibration.capitalFraction2015;
      fracSum += f;
      if (s.cell.growth === 'high') highPart += f * s.levels[9];
      else lowPart += f * s.levels[9];
    }
  }
  for (const g of semiCapGroups) {
    const s = shapeById.get(g);
    if (s?.calibration?.kind !== 'semiconductor capital') fail(fn, 'semiconductor capital group lacks a capital calibration', g);
  }
  if (semiCapGroups.length > 0 && Math.abs(fracSum - 1) > 1e-9) fail(fn, 'semiconductor capital fractions must sum to 1', fracSum);
  const ratio = capTotal2024 / capTotal2015;
  const k2024 = highPart > 0 ? (ratio - lowPart) / highPart : 1;
  if (!(k2024 > 0)) fail(fn, 'semiconductor capital calibration impossible with these levels', k2024);
  for (const s of shapes) {
    let levels = s.levels.slice();
    let scale = s.scale2015Usd;
    if (s.calibration?.kind === 'semiconductor capital') {
      scale = s.calibration.capitalFraction2015 * capTotal2015;
      if (s.cell.growth === 'high') {
        levels[9] *= k2024;
        levels[10] *= k2024;
      }
    } else if (s.calibration?.kind === 'semiconductor intermediate') {
      if (!semiIntGroups.includes(s.groupId)) fail(fn, `group ${s.groupId} is calibrated as semiconductor intermediate but is not one`, s.groupId);
      scale = (cal.semiIntermediatePath[2015] / 100) * gdpOf(2015);
      levels = [];
      for (let y = 2015; y <= 2024; y++) levels.push(((cal.semiIntermediatePath[y] / 100) * gdpOf(y)) / scale);
      levels.push(levels[9]); // 2025 H1: held at the 2024 level (no 2025 GDP)
    }
    if (levels.length !== LEVEL_YEARS.length || levels.some((x) => !(x > 0))) fail(fn, `group ${s.groupId}: levels must be ${LEVEL_YEARS.length} positive numbers`, levels);
    if (!(scale > 0)) fail(fn, `group ${s.groupId}: scale must be positive`, scale);
    levelsById.set(s.groupId, levels);
    scaleById.set(s.groupId, scale);
  }
  if (semiIntGroups.length > 1) warnings.push(`several semiconductor intermediate groups (${semiIntGroups.join(', ')}): each is calibrated to the full IC share`);

  // ---- group paths ----
  const pathById = new Map<number, Float64Array>();
  const sigmaById = new Map<number, number>();
  for (const g of groups) {
    const s = shapeById.get(g.groupId) as SyntheticGroupShape;
    const rng = syntheticRng(syntheticHash(seed, 'group', g.groupId));
    const eps = new Float64Array(T);
    for (let i = 0; i < T; i++) eps[i] = rng.normal();
    const levels = levelsById.get(g.groupId) as number[];
    const scale = scaleById.get(g.groupId) as number;
    const sigma = s.targetV === null ? s.noiseSigma : solveSigma(s, levels, scale, eps, months, s.targetV);
    sigmaById.set(g.groupId, sigma);
    pathById.set(g.groupId, groupPath(s, levels, scale, sigma, eps, months));
  }

  // ---- code series ----
  const CODE_SHARE_SD = 0.9;
  const CODE_DRIFT_SD = 0.03;
  const CODE_NOISE_SD = 0.1;
  const monthYear = months.map((m) => +m.slice(0, 4));
  const weights = new Map<string, Float64Array>();
  const share = new Map<string, number>();
  for (const c of codeList) {
    const rng = syntheticRng(syntheticHash(seed, 'code', c.code));
    const s = Math.exp(CODE_SHARE_SD * rng.normal());
    const drift = CODE_DRIFT_SD * rng.normal();
    const w = new Float64Array(T);
    for (let i = 0; i < T; i++) {
      const valid = monthYear[i] >= c.first && monthYear[i] <= c.last;
      const z = rng.normal(); // drawn for every month so validity does not shift the stream
      w[i] = valid ? s * Math.exp(drift * (i / 12) + CODE_NOISE_SD * z - (CODE_NOISE_SD * CODE_NOISE_SD) / 2) : 0;
    }
    weights.set(c.code, w);
    share.set(c.code, s);
  }
  const values = new Map<string, Float64Array>();
  for (const g of groups) {
    const pb = primaryBatch.get(g.groupId);
    if (pb === undefined) {
      warnings.push(`group ${g.groupId} (${g.group}) has no codes: no series generated`);
      continue;
    }
    const path = pathById.get(g.groupId) as Float64Array;
    const primary = codeList.filter((c) => c.groupId === g.groupId && c.batch === pb);
    const secondary = codeList.filter((c) => c.groupId === g.groupId && c.batch !== pb);
    let gap = 0;
    for (const c of primary) values.set(c.code, new Float64Array(T));
    for (let i = 0; i < T; i++) {
      let tot = 0;
      for (const c of primary) tot += (weights.get(c.code) as Float64Array)[i];
      if (tot === 0) {
        gap++;
        continue;
      }
      for (const c of primary) (values.get(c.code) as Float64Array)[i] = (path[i] * (weights.get(c.code) as Float64Array)[i]) / tot;
    }
    if (gap > 0) warnings.push(`group ${g.groupId} (${g.group}): ${gap} month(s) with no valid batch-${pb} code; the group sum is 0 there`);
    const sPrimary = primary.reduce((a, c) => a + (share.get(c.code) as number), 0);
    for (const c of secondary) {
      const w = weights.get(c.code) as Float64Array;
      const s = share.get(c.code) as number;
      const v = new Float64Array(T);
      for (let i = 0; i < T; i++) v[i] = (path[i] * w[i]) / (sPrimary + s);
      values.set(c.code, v);
    }
  }
  for (const c of codeList) {
    if (c.groupId !== null) continue;
    warnings.push(`code ${c.code} has no group: given a flat series of about $20 million a month`);
    const w = weights.get(c.code) as Float64Array;
    const v = new Float64Array(T);
    for (let i = 0; i < T; i++) v[i] = 2e7 * w[i];
    values.set(c.code, v);
  }

  // ---- rows ----
  const rows: PanelRow[] = [];
  const rounded = new Map<string, Float64Array>();
  for (const c of codeList) {
    const v = values.get(c.code);
    if (!v) continue;
    const r = new Float64Array(T).fill(NaN);
    for (let i = 0; i < T; i++) {
      if (monthYear[i] < c.first || monthYear[i] > c.last) continue;
      const x = Math.round(v[i]);
      if (!Number.isFinite(x) || x < 0) fail(fn, `internal: bad value for ${c.code} ${months[i]}`, x);
      r[i] = x;
      rows.push({ code: c.code, level: 'HS8', month: months[i], value: x });
    }
    rounded.set(c.code, r);
  }

  // ---- landings (group sums per batch over distinct codes listed in that batch and group) ----
  const landings: SyntheticGroupLanding[] = [];
  const groupSum = (gid: number, batch: Batch): { sum: Float64Array; n: number } => {
    const listed = new Set(codes.filter((r) => r.batch === batch && r.groupId === gid).map((r) => r.code));
    const sum = new Float64Array(T);
    for (const code of listed) {
      const r = rounded.get(code);
      if (!r) continue;
      for (let i = 0; i < T; i++) if (!Number.isNaN(r[i])) sum[i] += r[i];
    }
    return { sum, n: listed.size };
  };
  for (const b of [1, 2, 3] as Batch[]) {
    for (const g of groups) {
      const { sum, n } = groupSum(g.groupId, b);
      if (n === 0) continue;
      if (sum[0] === 0) {
        warnings.push(`batch ${b}, group ${g.groupId}: no value in ${START} (its codes start later), so no V/G landing is reported for it`);
        continue;
      }
      const V = cv(sum, INDEX_MONTHS);
      const G = growth(sum, INDEX_MONTHS);
      landings.push({ groupId: g.groupId, group: g.group, batch: b, codes: n, V: round6(V), G: round6(G), cell: cellOf(V, G) });
    }
  }

  // ---- calibration achieved (primary-batch group sums) ----
  const annual = (gids: number[], y: number): number => {
    let s = 0;
    for (const gid of gids) {
      const pb = primaryBatch.get(gid);
      if (pb === undefined) continue;
      const { sum } = groupSum(gid, pb);
      for (let i = 0; i < T; i++) if (monthYear[i] === y) s += sum[i];
    }
    return s;
  };
  const achieved = [];
  for (let y = 2015; y <= 2024; y++) {
    const capUsd = annual(semiCapGroups, y);
    const intUsd = annual(semiIntGroups, y);
    achieved.push({ year: y, semiCapitalUsd: capUsd, semiCapitalPct: round6((capUsd / gdpOf(y)) * 100), semiIntermediateUsd: intUsd, semiIntermediatePct: round6((intUsd / gdpOf(y)) * 100) });
  }

  const meta: TeachingPanelMeta = {
    synthetic: true,
    description: 'SYNTHETIC teaching panel — generated, not China Customs data. Monthly import values in US dollars per HS8 code; group shapes chosen to land in the published matrix cells of Naughton & Fang (2025), semiconductor groups calibrated to the published shares of GDP.',
    seed,
    generator: 'lib/synthetic/teaching.ts',
    generatorVersion: SYNTHETIC_GENERATOR_VERSION,
    period: [START, END],
    indexDefinitions: 'V = SD (sample, n − 1; population SD gives V × 0.9958) / mean of monthly group sums 2015-01..2024-12; G = Σ t·(x_t − base)/base / Σ t, t = 1..120, base = x_1, the 2015-01 value (the printed formula, the library default; the first month is pinned to its noise-free share of 2015); high G > 0.5; V > 0.3 high, 0.24 ≤ V ≤ 0.3 medium, V < 0.24 low.',
    codes: rounded.size,
    rows: rows.length,
    groups: groups.map((g) => {
      const s = shapeById.get(g.groupId) as SyntheticGroupShape;
      const pb = primaryBatch.get(g.groupId) ?? null;
      const land = pb === null ? undefined : landings.find((l) => l.groupId === g.groupId && l.batch === pb);
      return {
        ...s,
        group: g.group,
        matrixLabel: g.matrixLabel,
        primaryBatch: pb,
        primaryCodes: pb === null ? 0 : codeList.filter((c) => c.groupId === g.groupId && c.batch === pb).length,
        scale2015Usd: Math.round(scaleById.get(g.groupId) as number),
        levels: (levelsById.get(g.groupId) as number[]).map(round6),
        noiseSigma: sigmaById.get(g.groupId) as number,
        achieved: land ? { V: land.V, G: land.G, cell: land.cell } : null,
      };
    }),
    landings,
    calibration: {
      targets: cal,
      semiCapitalGroups: semiCapGroups,
      semiIntermediateGroups: semiIntGroups,
      semiCapital2024LevelFactor: round6(k2024),
      achieved,
    },
    codeModel: `Each code: share s = exp(${CODE_SHARE_SD}·z), drift d = ${CODE_DRIFT_SD}·z per year, monthly weight s·exp(d·t/12 + ${CODE_NOISE_SD}·z_t − ${CODE_NOISE_SD}²/2) (z standard normal, seeded by code). Primary codes (the group's codes in the lowest batch listing the group) split the group path by weight among the codes valid that month; other codes get path × weight / (Σ primary shares + s). Values rounded to whole dollars.`,
    warnings,
  };
  return { rows, meta };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** One SYNTHETIC BEC end-use total. */
export interface SyntheticBecTotalRow {
  year: number;
  endUse: 'capital' | 'intermediate';
  valueUsd: number;
}

/** SYNTHETIC BEC totals with the shares they imply. */
export interface SyntheticBecTotals {
  rows: SyntheticBecTotalRow[];
  /** Per year: adjusted shares (% of GDP) = (BEC total − semiconductor sum) / GDP. */
  achieved: { year: number; capitalAdjustedPct: number; intermediateAdjustedPct: number; bothAdjustedPct: number; capitalTotalPct: number; intermediateTotalPct: number }[];
}

/**
 * SYNTHETIC annual totals of China's BEC capital-goods and intermediate imports
 * 2015–2024: the calibration's adjusted share × GDP plus the teaching panel's
 * own semiconductor sums, rounded to whole dollars, so that "BEC total minus
 * semiconductors" reproduces the published adjusted shares exactly.
 *
 * @throws {StudyError} when GDP or a path lacks a year of 2015–2024
 * @example generateBecTotals(panel, gdp).achieved[0].capitalAdjustedPct; // => 2.06
 */
export function generateBecTotals(panel: TeachingPanel, gdp: SyntheticGdpRow[], calibration: SyntheticCalibration = SYNTHETIC_DEFAULT_CALIBRATION): SyntheticBecTotals {
  const fn = 'generateBecTotals';
  const rows: SyntheticBecTotalRow[] = [];
  const achieved: SyntheticBecTotals['achieved'] = [];
  for (let y = 2015; y <= 2024; y++) {
    const g = gdp.find((r) => r.year === y)?.gdpUsd;
    if (!(g !== undefined && g > 0)) fail(fn, 'GDP lacks a year of 2015–2024', y);
    const semi = panel.meta.calibration.achieved.find((a) => a.year === y);
    if (!semi) fail(fn, 'panel meta lacks the semiconductor sums for a year', y);
    const ca = calibration.capitalAdjustedPath[y];
    const ia = calibration.intermediateAdjustedPath[y];
    if (!(ca > 0) || !(ia > 0)) fail(fn, 'adjusted path lacks a year', y);
    const cap = Math.round((ca / 100) * g + semi.semiCapitalUsd);
    const int = Math.round((ia / 100) * g + semi.semiIntermediateUsd);
    rows.push({ year: y, endUse: 'capital', valueUsd: cap }, { year: y, endUse: 'intermediate', valueUsd: int });
    const cAdj = ((cap - semi.semiCapitalUsd) / g) * 100;
    const iAdj = ((int - semi.semiIntermediateUsd) / g) * 100;
    achieved.push({ year: y, capitalAdjustedPct: round6(cAdj), intermediateAdjustedPct: round6(iAdj), bothAdjustedPct: round6(cAdj + iAdj), capitalTotalPct: round6((cap / g) * 100), intermediateTotalPct: round6((int / g) * 100) });
  }
  return { rows, achieved };
}

/**
 * The teaching panel as CSV text: a `# SYNTHETIC …` comment line, then
 * `code,level,month,value_usd`, rows sorted by code then month.
 *
 * @example teachingPanelCsv(panel).split('\n')[1]; // => 'code,level,month,value_usd'
 */
export function teachingPanelCsv(panel: TeachingPanel): string {
  const parts: string[] = [
    `# SYNTHETIC teaching panel — generated, not China Customs data. Seed ${panel.meta.seed}; generator lib/synthetic/teaching.ts v${panel.meta.generatorVersion}; see data/README.md`,
    'code,level,month,value_usd',
  ];
  for (const r of panel.rows) parts.push(`${r.code},${r.level},${r.month},${r.value.toFixed(0)}`);
  return parts.join('\n') + '\n';
}

/**
 * The teaching panel's meta as stable, pretty-printed JSON; with `bec`, the BEC
 * totals' targets and achieved shares are added under `becTotals`.
 * @example JSON.parse(teachingPanelMetaJson(panel, bec)).synthetic; // => true
 */
export function teachingPanelMetaJson(panel: TeachingPanel, bec?: SyntheticBecTotals): string {
  const out: Record<string, unknown> = { ...panel.meta };
  if (bec) {
    const t = panel.meta.calibration.targets;
    out.becTotals = {
      synthetic: true,
      file: 'data/synthetic/bec-totals-SYNTHETIC.csv',
      definition: 'value_usd = adjusted share × GDP + the teaching panel\'s semiconductor sum of the same end use (capital: semiconductor capital groups; intermediate: semiconductor intermediate groups), rounded to whole dollars.',
      targets: { capitalAdjustedPct: t.capitalAdjustedPath, intermediateAdjustedPct: t.intermediateAdjustedPath, published: 'capital 2.06 (2015) → 1.27 (2024); intermediates 6.40 → 5.26; both 8.46 → 6.53 with a small uptick in 2024; years in between: geometric decline 2015 → 2023 (a choice, not published)' },
      achieved: bec.achieved,
    };
  }
  return JSON.stringify(out, null, 2) + '\n';
}

/**
 * The BEC totals as CSV text: a `# SYNTHETIC …` comment line, then `year,end_use,value_usd`.
 * @example becTotalsCsv(bec, 1).split('\n')[1]; // => 'year,end_use,value_usd'
 */
export function becTotalsCsv(bec: SyntheticBecTotals, seed: number): string {
  const parts = [
    `# SYNTHETIC BEC end-use import totals — generated, not UN or China Customs data. Seed ${seed}; generator lib/synthetic/teaching.ts v${SYNTHETIC_GENERATOR_VERSION}; (total − teaching-panel semiconductor sums) / GDP = the published adjusted shares; see data/README.md`,
    'year,end_use,value_usd',
  ];
  for (const r of bec.rows) parts.push(`${r.year},${r.endUse},${r.valueUsd.toFixed(0)}`);
  return parts.join('\n') + '\n';
}

// ---------- reading the curated tables ----------

const intOf = (fn: string, file: string, line: number, col: string, s: string): number => {
  const t = s.trim();
  if (!/^-?\d+$/.test(t)) fail(fn, `${file}, line ${line}, column "${col}": expected an integer`, s);
  return Number(t);
};

/**
 * The code rows of data/study/codes.csv the generator uses: rows whose `code`
 * is 8 digits (rows without a customs code, e.g. software, are skipped). A blank
 * first_year/last_year means "from 2015"/"to 2025".
 *
 * @throws {StudyError} on a missing column or a malformed batch/group/year
 * @example syntheticCodesFromCsv(parseCsv('batch,code,group_id,first_year,last_year\n1,85423111,2,2017,2025\n', 'c.csv'));
 * // => [{ batch: 1, code: '85423111', groupId: 2, firstYear: 2017, lastYear: 2025 }]
 */
export function syntheticCodesFromCsv(table: CsvTable): SyntheticCodeRow[] {
  const fn = 'syntheticCodesFromCsv';
  for (const c of ['batch', 'code', 'group_id', 'first_year', 'last_year'])
    if (!table.header.includes(c)) fail(fn, `${table.file}: missing column`, c);
  const out: SyntheticCodeRow[] = [];
  table.rows.forEach((r, k) => {
    const line = table.lines[k];
    const code = r.code.trim();
    if (!/^\d{8}$/.test(code)) return;
    const batch = intOf(fn, table.file, line, 'batch', r.batch);
    if (batch !== 1 && batch !== 2 && batch !== 3) fail(fn, `${table.file}, line ${line}: batch must be 1, 2 or 3`, r.batch);
    const groupId = r.group_id.trim() === '' ? null : intOf(fn, table.file, line, 'group_id', r.group_id);
    const firstYear = Math.max(2015, r.first_year.trim() === '' ? 2015 : intOf(fn, table.file, line, 'first_year', r.first_year));
    const lastYear = Math.min(2025, r.last_year.trim() === '' ? 2025 : intOf(fn, table.file, line, 'last_year', r.last_year));
    if (lastYear < firstYear) return; // valid only outside 2015–2025
    out.push({ batch: batch as Batch, code, groupId, firstYear, lastYear });
  });
  return out;
}

/**
 * The groups of data/study/groups.csv.
 * @throws {StudyError} on a missing column or a bad category/semiconductor flag
 * @example syntheticGroupsFromCsv(readCsvFile('data/study/groups.csv')).length; // => 17
 */
export function syntheticGroupsFromCsv(table: CsvTable): SyntheticGroupRow[] {
  const fn = 'syntheticGroupsFromCsv';
  for (const c of ['group_id', 'group', 'matrix_label', 'category', 'semiconductor'])
    if (!table.header.includes(c)) fail(fn, `${table.file}: missing column`, c);
  return table.rows.map((r, k) => {
    const cat = r.category.trim();
    if (cat !== 'capital goods' && cat !== 'intermediate' && cat !== 'consumption goods') fail(fn, `${table.file}, line ${table.lines[k]}: unknown category`, cat);
    const semi = r.semiconductor.trim();
    if (semi !== 'yes' && semi !== 'no') fail(fn, `${table.file}, line ${table.lines[k]}: semiconductor must be yes or no`, semi);
    return { groupId: intOf(fn, table.file, table.lines[k], 'group_id', r.group_id), group: r.group, matrixLabel: r.matrix_label, category: cat as Category, semiconductor: semi === 'yes' };
  });
}

/**
 * GDP rows from either data/study/gdp.csv (`year,gdp_usd,source`) or the World
 * Bank reference file (`…,year,gdp_current_usd,source`).
 * @throws {StudyError} when neither value column is present or a value is not a positive number
 * @example syntheticGdpFromCsv(parseCsv('year,gdp_usd,source\n2015,11280814787469,WB\n', 'g.csv'));
 * // => [{ year: 2015, gdpUsd: 11280814787469 }]
 */
export function syntheticGdpFromCsv(table: CsvTable): SyntheticGdpRow[] {
  const fn = 'syntheticGdpFromCsv';
  const col = table.header.includes('gdp_usd') ? 'gdp_usd' : table.header.includes('gdp_current_usd') ? 'gdp_current_usd' : fail(fn, `${table.file}: no gdp_usd or gdp_current_usd column`, table.header);
  if (!table.header.includes('year')) fail(fn, `${table.file}: missing column`, 'year');
  return table.rows.map((r, k) => {
    const v = Number(r[col].trim());
    if (!(Number.isFinite(v) && v > 0)) fail(fn, `${table.file}, line ${table.lines[k]}: GDP must be a positive number`, r[col]);
    return { year: intOf(fn, table.file, table.lines[k], 'year', r.year), gdpUsd: v };
  });
}
