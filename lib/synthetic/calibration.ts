/**
 * Calibration of the SYNTHETIC teaching panel to the published shares of GDP
 * (docs/METHOD.md, step 5): the targets ({@link SYNTHETIC_DEFAULT_CALIBRATION})
 * and {@link calibrateShapes}, which turns the group shapes into the annual
 * levels and 2015 scales the paths are built from — the IC group follows the
 * IC share-of-GDP path, the semiconductor capital groups share the published
 * capital total. The BEC totals that complete the calibration are in ./bec-totals.ts.
 *
 * @module synthetic/calibration
 */
import { fail } from '../core/errors.js';
import type { SyntheticGroupRow } from './inputs.js';
import { LEVEL_YEARS, type SyntheticGroupShape } from './shapes.js';

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

/** Values from `from` (year y0) to `to` (year y1) on a geometric path, rounded to 4 decimals. */
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
  semiIntermediatePath: {
    2015: 1.85,
    2016: 1.9,
    2017: 2.0,
    2018: 2.08,
    2019: 2.05,
    2020: 2.1,
    2021: 2.12,
    2022: 2.11,
    2023: 2.05,
    2024: 1.64,
  },
  semiIntermediatePeakYear: 2021,
  capitalAdjustedPath: { ...geometricPath(2.06, 1.24, 2015, 2023), 2024: 1.27 },
  intermediateAdjustedPath: { ...geometricPath(6.4, 5.18, 2015, 2023), 2024: 5.26 },
};

/** The levels and scales {@link calibrateShapes} gives every group, with what it chose on the way. */
export interface CalibratedShapes {
  /** Annual levels 2015…2025 (11 values, 2015 = 1) by group id. */
  levels: Map<number, number[]>;
  /** 2015 annual imports in US dollars by group id. */
  scale: Map<number, number>;
  /** Groups with semiconductor = yes and category capital goods, ascending. */
  semiCapitalGroups: number[];
  /** Groups with semiconductor = yes and category intermediate, ascending. */
  semiIntermediateGroups: number[];
  /** Common factor applied to the 2024–25 levels of the high-growth semiconductor-capital groups. */
  semiCapital2024LevelFactor: number;
  /** Notes for the panel's meta. */
  warnings: string[];
}

/**
 * Calibrate the group shapes: semiconductor-intermediate groups take their levels
 * from the IC share-of-GDP path and their scale from the 2015 share; each
 * semiconductor-capital group gets `capitalFraction2015` of the published 2015
 * capital total, and the high-growth ones share one factor on their 2024–25 levels
 * so the 2024 total matches too; other groups keep their levels and scale.
 *
 * @param gdpByYear China's GDP in US dollars for (at least) every year 2015–2024
 * @throws {StudyError} when the calibration groups disagree with the groups table, the capital
 *   fractions do not sum to 1, the IC path lacks a year, or levels/scales are not positive
 * @example
 * const gdp = new Map(loadGdp().map((r) => [r.year, r.gdp_usd]));
 * const c = calibrateShapes(SYNTHETIC_GROUP_SHAPES, loadGroups(), gdp);
 * [c.semiCapitalGroups, c.semiIntermediateGroups]; // => [[1, 3, 6, 8, 11], [2]]
 * c.levels.get(5); // => [1, 1.13, 1.26, 1.39, 1.52, 1.65, 1.78, 1.91, 2.04, 2.17, 2.3] (an uncalibrated group keeps its shape)
 * c.scale.get(2)! / gdp.get(2015)!; // => 0.018500000000000003 (the published 2015 IC share, 1.85 %, up to rounding)
 */
export function calibrateShapes(
  shapes: readonly SyntheticGroupShape[],
  groups: readonly SyntheticGroupRow[],
  gdpByYear: ReadonlyMap<number, number>,
  cal: SyntheticCalibration = SYNTHETIC_DEFAULT_CALIBRATION,
): CalibratedShapes {
  const fn = 'calibrateShapes';
  const gdpOf = (y: number): number => {
    const g = gdpByYear.get(y);
    if (!(g !== undefined && g > 0)) fail(fn, 'GDP lacks a year of 2015–2024', y);
    return g;
  };
  const shapeById = new Map(shapes.map((s) => [s.groupId, s]));
  const warnings: string[] = [];
  const semiCapGroups = groups
    .filter((g) => g.semiconductor && g.category === 'capital goods')
    .map((g) => g.group_id)
    .sort((a, b) => a - b);
  const semiIntGroups = groups
    .filter((g) => g.semiconductor && g.category === 'intermediate')
    .map((g) => g.group_id)
    .sort((a, b) => a - b);
  for (let y = 2015; y <= 2024; y++)
    if (!(cal.semiIntermediatePath[y] > 0)) fail(fn, 'semiconductor intermediate path lacks a year', y);
  const capTotal2015 = (cal.semiCapital[2015] / 100) * gdpOf(2015);
  const capTotal2024 = (cal.semiCapital[2024] / 100) * gdpOf(2024);
  const levelsById = new Map<number, number[]>();
  const scaleById = new Map<number, number>();
  let fracSum = 0;
  let lowPart = 0;
  let highPart = 0;
  for (const s of shapes) {
    if (s.calibration?.kind === 'semiconductor capital') {
      if (!semiCapGroups.includes(s.groupId))
        fail(
          fn,
          `group ${s.groupId} is calibrated as semiconductor capital but is not one in the groups table`,
          s.groupId,
        );
      const f = s.calibration.capitalFraction2015;
      fracSum += f;
      if (s.cell.growth === 'high') highPart += f * s.levels[9];
      else lowPart += f * s.levels[9];
    }
  }
  for (const g of semiCapGroups) {
    const s = shapeById.get(g);
    if (s?.calibration?.kind !== 'semiconductor capital')
      fail(fn, 'semiconductor capital group lacks a capital calibration', g);
  }
  if (semiCapGroups.length > 0 && Math.abs(fracSum - 1) > 1e-9)
    fail(fn, 'semiconductor capital fractions must sum to 1', fracSum);
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
      if (!semiIntGroups.includes(s.groupId))
        fail(fn, `group ${s.groupId} is calibrated as semiconductor intermediate but is not one`, s.groupId);
      scale = (cal.semiIntermediatePath[2015] / 100) * gdpOf(2015);
      levels = [];
      for (let y = 2015; y <= 2024; y++) levels.push(((cal.semiIntermediatePath[y] / 100) * gdpOf(y)) / scale);
      levels.push(levels[9]); // 2025 H1: held at the 2024 level (no 2025 GDP)
    }
    if (levels.length !== LEVEL_YEARS.length || levels.some((x) => !(x > 0)))
      fail(fn, `group ${s.groupId}: levels must be ${LEVEL_YEARS.length} positive numbers`, levels);
    if (!(scale > 0)) fail(fn, `group ${s.groupId}: scale must be positive`, scale);
    levelsById.set(s.groupId, levels);
    scaleById.set(s.groupId, scale);
  }
  if (semiIntGroups.length > 1)
    warnings.push(
      `several semiconductor intermediate groups (${semiIntGroups.join(', ')}): each is calibrated to the full IC share`,
    );
  return {
    levels: levelsById,
    scale: scaleById,
    semiCapitalGroups: semiCapGroups,
    semiIntermediateGroups: semiIntGroups,
    semiCapital2024LevelFactor: k2024,
    warnings,
  };
}
