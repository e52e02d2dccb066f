/**
 * The design of the SYNTHETIC teaching panel: the documented shape of each of the
 * 17 groups' monthly paths — trend levels, seasonality, noise or a target
 * volatility, stockpiling surges — and the published matrix cell each group is
 * built to land in (docs/METHOD.md, step 4). Data only: the paths are built in
 * ./paths.ts, the semiconductor groups' levels calibrated in ./calibration.ts.
 * Levels and scales are order-of-magnitude choices, NOT China's imports.
 *
 * @module synthetic/shapes
 */
import type { GrowthBand, VolatilityBand } from '../core/types.js';

/** A cell of the published growth × volatility matrix. */
export interface SyntheticCell {
  growth: GrowthBand;
  volatility: VolatilityBand;
}

/** The documented shape of one group's SYNTHETIC monthly path. */
export interface SyntheticGroupShape {
  groupId: number;
  /** Shape family, for captions. */
  shape:
    | 'surge-and-fall'
    | 'steady growth'
    | 'plateau'
    | 'decline'
    | 'cycle then decline'
    | 'flat, lumpy'
    | 'flat, gentle decline';
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
  calibration:
    null | { kind: 'semiconductor intermediate' } | { kind: 'semiconductor capital'; capitalFraction2015: number };
}

/**
 * Years of the annual level vectors: each shape's `levels` has one value per year, 2015 = 1.
 * @example LEVEL_YEARS.length; // => 11
 */
export const LEVEL_YEARS: readonly number[] = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

/**
 * The 17 group shapes of the SYNTHETIC teaching panel. Levels are relative to
 * 2015; scales are round order-of-magnitude choices (NOT China's imports).
 *
 * @example SYNTHETIC_GROUP_SHAPES.find((s) => s.groupId === 2)!.cell; // => { growth: 'high', volatility: 'medium' }
 */
export const SYNTHETIC_GROUP_SHAPES: SyntheticGroupShape[] = [
  {
    groupId: 1,
    shape: 'cycle then decline',
    cell: { growth: 'low', volatility: 'medium' },
    description: 'A 2017–18 shortage boom, then a slide below the 2015 level; noise sized for medium volatility.',
    levels: [1, 1.05, 1.25, 1.4, 1.0, 0.95, 1.05, 0.88, 0.8, 0.88, 0.85],
    scale2015Usd: NaN,
    seasonality: 1,
    targetV: 0.262,
    noiseSigma: 0,
    surges: [],
    calibration: { kind: 'semiconductor capital', capitalFraction2015: 0.3 },
  },
  {
    groupId: 2,
    shape: 'plateau',
    cell: { growth: 'high', volatility: 'medium' },
    description:
      'Rises with the published IC share of GDP to a 2021 peak, holds near it to 2023, eases in 2024; noise sized for medium volatility.',
    levels: [],
    scale2015Usd: NaN,
    seasonality: 1,
    targetV: 0.278,
    noiseSigma: 0,
    surges: [],
    calibration: { kind: 'semiconductor intermediate' },
  },
  {
    groupId: 3,
    shape: 'surge-and-fall',
    cell: { growth: 'high', volatility: 'high' },
    description: 'Growth to 2019, a stockpiling surge in 2020–21, a fall in 2022, a second surge in 2023.',
    levels: [1, 1.1, 1.5, 2.3, 2.1, 3.3, 4.6, 3.4, 4.4, 4.0, 3.6],
    scale2015Usd: NaN,
    seasonality: 0.6,
    targetV: null,
    noiseSigma: 0.12,
    surges: [{ from: '2020-09', months: 4, factor: 1.5 }],
    calibration: { kind: 'semiconductor capital', capitalFraction2015: 0.2 },
  },
  {
    groupId: 4,
    shape: 'surge-and-fall',
    cell: { growth: 'high', volatility: 'high' },
    description: 'Steady growth, a surge in 2020–21, a fall in 2022 and a partial recovery.',
    levels: [1, 1.05, 1.3, 1.7, 1.6, 2.5, 3.3, 2.2, 2.6, 2.5, 2.3],
    scale2015Usd: 3e9,
    seasonality: 1,
    targetV: null,
    noiseSigma: 0.15,
    surges: [{ from: '2021-03', months: 3, factor: 1.4 }],
    calibration: null,
  },
  {
    groupId: 5,
    shape: 'steady growth',
    cell: { growth: 'high', volatility: 'medium' },
    description: 'Linear growth of about 13 % of the 2015 level a year; noise sized for medium volatility.',
    levels: [1, 1.13, 1.26, 1.39, 1.52, 1.65, 1.78, 1.91, 2.04, 2.17, 2.3],
    scale2015Usd: 2.5e9,
    seasonality: 1,
    targetV: 0.262,
    noiseSigma: 0,
    surges: [],
    calibration: null,
  },
  {
    groupId: 6,
    shape: 'surge-and-fall',
    cell: { growth: 'high', volatility: 'high' },
    description: 'Lithography: growth, a pre-sanction surge in 2020–21, a fall in 2022, a second surge in 2023–24.',
    levels: [1, 1.15, 1.6, 2.6, 2.4, 3.6, 5.0, 3.8, 4.6, 4.2, 3.6],
    scale2015Usd: NaN,
    seasonality: 0.5,
    targetV: null,
    noiseSigma: 0.18,
    surges: [
      { from: '2020-10', months: 3, factor: 1.6 },
      { from: '2023-09', months: 4, factor: 1.5 },
    ],
    calibration: { kind: 'semiconductor capital', capitalFraction2015: 0.15 },
  },
  {
    groupId: 7,
    shape: 'decline',
    cell: { growth: 'low', volatility: 'medium' },
    description: 'A steady decline to under half the 2015 level; noise sized for medium volatility.',
    levels: [1, 0.95, 0.9, 0.85, 0.75, 0.7, 0.65, 0.55, 0.5, 0.45, 0.45],
    scale2015Usd: 6e9,
    seasonality: 1,
    targetV: 0.278,
    noiseSigma: 0,
    surges: [],
    calibration: null,
  },
  {
    groupId: 8,
    shape: 'surge-and-fall',
    cell: { growth: 'high', volatility: 'high' },
    description: 'Growth, a stockpiling surge in 2020–21, a fall in 2022, renewed buying in 2023.',
    levels: [1, 1.1, 1.45, 2.2, 2.0, 3.1, 4.3, 3.2, 4.1, 3.8, 3.4],
    scale2015Usd: NaN,
    seasonality: 0.6,
    targetV: null,
    noiseSigma: 0.12,
    surges: [{ from: '2021-01', months: 4, factor: 1.4 }],
    calibration: { kind: 'semiconductor capital', capitalFraction2015: 0.2 },
  },
  {
    groupId: 9,
    shape: 'steady growth',
    cell: { growth: 'high', volatility: 'low' },
    description: 'Linear growth of about 10 % of the 2015 level a year with little noise.',
    levels: [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0],
    scale2015Usd: 4e9,
    seasonality: 0.6,
    targetV: 0.2,
    noiseSigma: 0,
    surges: [],
    calibration: null,
  },
  {
    groupId: 10,
    shape: 'flat, gentle decline',
    cell: { growth: 'low', volatility: 'low' },
    description: 'Flat to 2018, then a gentle decline to about 80 % of 2015.',
    levels: [1, 0.97, 1.0, 1.02, 0.95, 0.9, 0.95, 0.88, 0.85, 0.82, 0.8],
    scale2015Usd: 3e9,
    seasonality: 1,
    targetV: 0.125,
    noiseSigma: 0,
    surges: [],
    calibration: null,
  },
  {
    groupId: 11,
    shape: 'surge-and-fall',
    cell: { growth: 'high', volatility: 'high' },
    description: 'Growth, a surge in 2020–21, a fall in 2022, a second surge in 2023.',
    levels: [1, 1.1, 1.4, 2.1, 1.9, 3.0, 4.2, 3.1, 4.0, 3.7, 3.3],
    scale2015Usd: NaN,
    seasonality: 0.6,
    targetV: null,
    noiseSigma: 0.14,
    surges: [{ from: '2020-11', months: 3, factor: 1.5 }],
    calibration: { kind: 'semiconductor capital', capitalFraction2015: 0.15 },
  },
  {
    groupId: 12,
    shape: 'flat, gentle decline',
    cell: { growth: 'low', volatility: 'low' },
    description: 'Flat to 2021, then a gentle decline to about 85 % of 2015.',
    levels: [1, 1.02, 1.05, 1.0, 0.97, 0.95, 1.0, 0.92, 0.88, 0.86, 0.85],
    scale2015Usd: 5e9,
    seasonality: 1,
    targetV: 0.16,
    noiseSigma: 0,
    surges: [],
    calibration: null,
  },
  {
    groupId: 13,
    shape: 'flat, gentle decline',
    cell: { growth: 'low', volatility: 'low' },
    description: 'Flat to 2018, then a decline to about 75 % of 2015 as domestic supply takes over.',
    levels: [1, 1.05, 1.08, 1.1, 1.0, 0.95, 1.0, 0.9, 0.82, 0.78, 0.75],
    scale2015Usd: 2e9,
    seasonality: 1,
    targetV: 0.178,
    noiseSigma: 0,
    surges: [],
    calibration: null,
  },
  {
    groupId: 14,
    shape: 'flat, gentle decline',
    cell: { growth: 'low', volatility: 'low' },
    description: 'Flat to 2018, then a gentle decline to about 75 % of 2015.',
    levels: [1, 1.03, 1.05, 1.02, 0.95, 0.9, 0.92, 0.85, 0.8, 0.77, 0.75],
    scale2015Usd: 3e9,
    seasonality: 1,
    targetV: 0.195,
    noiseSigma: 0,
    surges: [],
    calibration: null,
  },
  {
    groupId: 15,
    shape: 'plateau',
    cell: { growth: 'high', volatility: 'medium' },
    description:
      'Fast growth to 2018, then a plateau at about 2.4 times the 2015 level; noise sized for medium volatility.',
    levels: [1, 1.6, 2.1, 2.3, 2.35, 2.4, 2.4, 2.35, 2.4, 2.45, 2.45],
    scale2015Usd: 4e9,
    seasonality: 1,
    targetV: 0.278,
    noiseSigma: 0,
    surges: [],
    calibration: null,
  },
  {
    groupId: 16,
    shape: 'flat, lumpy',
    cell: { growth: 'low', volatility: 'high' },
    description: 'Lumpy aircraft deliveries around a flat level, a collapse in 2020–22 and a partial recovery.',
    levels: [1, 1.1, 1.2, 1.35, 1.25, 0.55, 0.5, 0.45, 0.7, 0.85, 0.9],
    scale2015Usd: 1e10,
    seasonality: 0.5,
    targetV: null,
    noiseSigma: 0.2,
    surges: [],
    calibration: null,
  },
  {
    groupId: 17,
    shape: 'surge-and-fall',
    cell: { growth: 'high', volatility: 'high' },
    description: 'Fast growth, a pandemic surge in 2021, a fall in 2022–23.',
    levels: [1, 1.1, 1.35, 1.8, 2.2, 2.6, 3.6, 2.8, 2.7, 2.9, 2.8],
    scale2015Usd: 1.4e10,
    seasonality: 1,
    targetV: null,
    noiseSigma: 0.15,
    surges: [{ from: '2021-06', months: 4, factor: 1.4 }],
    calibration: null,
  },
];
