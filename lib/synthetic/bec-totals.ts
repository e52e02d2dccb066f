/**
 * The SYNTHETIC BEC end-use totals that go with the teaching panel: China's annual
 * capital-goods and intermediate imports 2015–2024 made up so that "BEC total minus
 * the teaching panel's semiconductor sums" over GDP reproduces the published
 * adjusted shares (docs/METHOD.md, step 5). Not UN or China Customs data.
 *
 * @exampleSetup
 * const { codes, groups, gdp } = loadTeachingInputs();
 * const panel = generateTeachingPanel(codes, groups, gdp); // the committed SYNTHETIC panel (default seed)
 *
 * @module synthetic/bec-totals
 */
import { fail } from '../core/errors.js';
import { SYNTHETIC_DEFAULT_CALIBRATION, type SyntheticCalibration } from './calibration.js';
import { round6, type TeachingPanel } from './generate.js';
import type { SyntheticGdpRow } from './inputs.js';

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
  achieved: {
    year: number;
    capitalAdjustedPct: number;
    intermediateAdjustedPct: number;
    bothAdjustedPct: number;
    capitalTotalPct: number;
    intermediateTotalPct: number;
  }[];
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
export function generateBecTotals(
  panel: TeachingPanel,
  gdp: readonly SyntheticGdpRow[],
  calibration: SyntheticCalibration = SYNTHETIC_DEFAULT_CALIBRATION,
): SyntheticBecTotals {
  const fn = 'generateBecTotals';
  const rows: SyntheticBecTotalRow[] = [];
  const achieved: SyntheticBecTotals['achieved'] = [];
  for (let y = 2015; y <= 2024; y++) {
    const g = gdp.find((r) => r.year === y)?.gdp_usd;
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
    achieved.push({
      year: y,
      capitalAdjustedPct: round6(cAdj),
      intermediateAdjustedPct: round6(iAdj),
      bothAdjustedPct: round6(cAdj + iAdj),
      capitalTotalPct: round6((cap / g) * 100),
      intermediateTotalPct: round6((int / g) * 100),
    });
  }
  return { rows, achieved };
}
