/**
 * The generator of the SYNTHETIC teaching panel: monthly import values (US dollars)
 * for every curated code of the study's three batches, 2015-01 to 2025-06. Nothing
 * here is China Customs data. It wires the parts together — the group shapes
 * (./shapes.ts), calibrated to the published shares of GDP (./calibration.ts), built
 * into seeded monthly group paths (./paths.ts), split into code series
 * (./code-series.ts), rounded to whole dollars — and records in the meta where every
 * group sum lands: V and G by the library's own {@link seriesIndices}, the cell by
 * {@link growthBand} / {@link volatilityBand}, each with the library's default
 * options and thresholds, exactly as the study computes them.
 *
 * Names used by the examples below (run once before them, see docs/CONTRIBUTING.md):
 * @exampleSetup
 * const { codes, groups, gdp } = loadTeachingInputs();
 *
 * @module synthetic/generate
 */
import type { Batch, PanelRow } from '../core/types.js';
import { fail } from '../core/errors.js';
import { seriesIndices } from '../steps/indices.js';
import { growthBand, volatilityBand } from '../steps/partition.js';
import { calibrateShapes, SYNTHETIC_DEFAULT_CALIBRATION, type SyntheticCalibration } from './calibration.js';
import { codeSeries, CODE_MODEL_DESCRIPTION, distinctCodes } from './code-series.js';
import type { SyntheticCodeRow, SyntheticGdpRow, SyntheticGroupRow } from './inputs.js';
import { groupPath, solveSigma, syntheticMonths } from './paths.js';
import { syntheticHash, syntheticRng } from './rng.js';
import { SYNTHETIC_GROUP_SHAPES, type SyntheticCell, type SyntheticGroupShape } from './shapes.js';

/**
 * Version of the generator; written into every output's header and meta (2.0.0: calibrated for the first-month
 * base, the library default; 2.1.0: January and February combined from 2020, as China Customs publishes them).
 */
export const SYNTHETIC_GENERATOR_VERSION = '2.1.0';

/**
 * The teaching panel's default for combined January–February: from 2020, as China Customs publishes
 * them since then (no January row; February holds both months).
 * @example SYNTHETIC_COMBINE_JAN_FEB; // => { from: 2020 }
 */
export const SYNTHETIC_COMBINE_JAN_FEB: Readonly<{ from: number }> = Object.freeze({ from: 2020 });

/** The default seed of the committed teaching panel. */
export const SYNTHETIC_DEFAULT_SEED = 20250101;

/**
 * The module the teaching panel's files name as their generator (CSV header, meta `generator`):
 * the teaching panel's public entry, which re-exports this generator and its parts.
 * @example TEACHING_GENERATOR_FILE; // => 'lib/synthetic/teaching.ts'
 */
export const TEACHING_GENERATOR_FILE = 'lib/synthetic/teaching.ts';

/**
 * First and last month of the teaching panel.
 * @example TEACHING_PERIOD; // => ['2015-01', '2025-06']
 */
export const TEACHING_PERIOD: readonly [string, string] = ['2015-01', '2025-06'];

/** Options of {@link generateTeachingPanel}. */
export interface TeachingPanelOptions {
  /** Integer seed (default {@link SYNTHETIC_DEFAULT_SEED}). */
  seed?: number;
  /** Group shapes (default {@link SYNTHETIC_GROUP_SHAPES}). */
  shapes?: SyntheticGroupShape[];
  /** Calibration targets (default {@link SYNTHETIC_DEFAULT_CALIBRATION}). */
  calibration?: SyntheticCalibration;
  /**
   * Publish January and February as one figure from this year on, as China Customs does since 2020: no
   * January row, February = January + February (default {@link SYNTHETIC_COMBINE_JAN_FEB}; false: every month apart).
   */
  combineJanFeb?: { from: number } | false;
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
    achieved: {
      year: number;
      semiCapitalUsd: number;
      semiCapitalPct: number;
      semiIntermediateUsd: number;
      semiIntermediatePct: number;
    }[];
  };
  codeModel: string;
  /** January and February published as one figure (in February) from this year on; null when never. */
  combineJanFeb: { from: number } | null;
  warnings: string[];
}

/** The SYNTHETIC teaching panel: tidy rows sorted by code then month, and its meta. */
export interface TeachingPanel {
  rows: PanelRow[];
  meta: TeachingPanelMeta;
}

/**
 * Round to 6 decimals, as the meta records every index, level and share.
 * @example round6(0.26200049); // => 0.262
 */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The matrix cell of (V, G) by the library's bands with its default (the printed) thresholds. */
function cellOf(V: number, G: number): SyntheticCell {
  return { growth: growthBand(G), volatility: volatilityBand(V) };
}

/**
 * The meta's definition of the indices and bands: the library's defaults in words
 * (tests/unit/synthetic/generate.test.ts holds the words to the library's behaviour).
 */
const INDEX_DEFINITIONS =
  'V = SD (sample, n − 1; population SD gives V × 0.9958) / mean of monthly group sums 2015-01..2024-12; ' +
  'G = Σ t·(x_t − base)/base / Σ t, t = 1..120, base = x_1, the 2015-01 value (the printed formula, the library default; the first month is pinned to its noise-free share of 2015); ' +
  'high G > 0.5; V > 0.3 high, 0.24 ≤ V ≤ 0.3 medium, V < 0.24 low.';

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
  codes: readonly SyntheticCodeRow[],
  groups: readonly SyntheticGroupRow[],
  gdp: readonly SyntheticGdpRow[],
  opts: TeachingPanelOptions = {},
): TeachingPanel {
  const fn = 'generateTeachingPanel';
  const seed = opts.seed ?? SYNTHETIC_DEFAULT_SEED;
  if (!Number.isInteger(seed)) fail(fn, 'seed must be an integer', seed);
  const shapes = opts.shapes ?? SYNTHETIC_GROUP_SHAPES;
  const cal = opts.calibration ?? SYNTHETIC_DEFAULT_CALIBRATION;
  const combine = opts.combineJanFeb === undefined ? SYNTHETIC_COMBINE_JAN_FEB : opts.combineJanFeb;
  if (combine && !Number.isInteger(combine.from)) fail(fn, 'combineJanFeb.from must be a year', combine);
  const [START, END] = TEACHING_PERIOD;
  const months = syntheticMonths(START, END);
  const T = months.length;

  const gdpByYear = new Map<number, number>();
  for (const g of gdp) {
    if (!Number.isFinite(g.gdp_usd) || g.gdp_usd <= 0)
      fail(fn, `GDP for ${g.year} must be a positive number`, g.gdp_usd);
    gdpByYear.set(g.year, g.gdp_usd);
  }
  for (let y = 2015; y <= 2024; y++) if (!gdpByYear.has(y)) fail(fn, 'GDP table lacks a year of 2015–2024', y);
  const gdpOf = (y: number): number => gdpByYear.get(y) as number;

  const shapeById = new Map(shapes.map((s) => [s.groupId, s]));
  for (const g of groups) if (!shapeById.has(g.group_id)) fail(fn, 'no shape for group', g.group_id);

  // ---- distinct codes, each group's primary batch (./code-series.ts) ----
  const distinct = distinctCodes(codes, new Set(groups.map((g) => g.group_id)));
  const codeList = distinct.codes;
  const primaryBatch = distinct.primaryBatch;

  // ---- calibration: every group's levels and scale (./calibration.ts) ----
  const calibrated = calibrateShapes(shapes, groups, gdpByYear, cal);
  const { semiCapitalGroups: semiCapGroups, semiIntermediateGroups: semiIntGroups } = calibrated;

  // ---- group paths (./paths.ts) ----
  const pathById = new Map<number, Float64Array>();
  const sigmaById = new Map<number, number>();
  for (const g of groups) {
    const s = shapeById.get(g.group_id) as SyntheticGroupShape;
    const rng = syntheticRng(syntheticHash(seed, 'group', g.group_id));
    const eps = new Float64Array(T);
    for (let i = 0; i < T; i++) eps[i] = rng.normal();
    const levels = calibrated.levels.get(g.group_id) as number[];
    const scale = calibrated.scale.get(g.group_id) as number;
    const sigma = s.targetV === null ? s.noiseSigma : solveSigma(s, levels, scale, eps, months, s.targetV);
    sigmaById.set(g.group_id, sigma);
    pathById.set(g.group_id, groupPath(s, levels, scale, sigma, eps, months));
  }

  // ---- code series (./code-series.ts) ----
  const series = codeSeries(codeList, primaryBatch, groups, pathById, months, seed);
  const values = series.values;
  const warnings: string[] = [...distinct.warnings, ...calibrated.warnings, ...series.warnings];

  // ---- rows ----
  const monthYear = months.map((m) => +m.slice(0, 4));
  const rows: PanelRow[] = [];
  const rounded = new Map<string, Float64Array>();
  for (const c of codeList) {
    const v = values.get(c.code);
    if (!v) continue;
    const r = new Float64Array(T).fill(NaN);
    for (let i = 0; i < T; i++) {
      if (monthYear[i] < c.first || monthYear[i] > c.last) continue;
      // combined January–February: no January row, February holds both (rounded apart, so the total is kept)
      const jan = combine && monthYear[i] >= combine.from && months[i].endsWith('-01') && i + 1 < T;
      if (jan) continue;
      const feb = combine && monthYear[i] >= combine.from && months[i].endsWith('-02') && i > 0;
      const x = Math.round(v[i]) + (feb ? Math.round(v[i - 1]) : 0);
      if (!Number.isFinite(x) || x < 0) fail(fn, `internal: bad value for ${c.code} ${months[i]}`, x);
      r[i] = x;
      rows.push({ code: c.code, level: 'HS8', month: months[i], value: x });
    }
    rounded.set(c.code, r);
  }

  // ---- landings (group sums per batch over distinct codes listed in that batch and group) ----
  const combinedYears = combine ? [...new Set(monthYear)].filter((y) => y >= combine.from) : [];
  const landings: SyntheticGroupLanding[] = [];
  const groupSum = (gid: number, batch: Batch): { sum: Float64Array; n: number } => {
    const listed = new Set(codes.filter((r) => r.batch === batch && r.group_id === gid).map((r) => r.code));
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
      const { sum, n } = groupSum(g.group_id, b);
      if (n === 0) continue;
      // V and G as the study computes them: the library's indices with the default options
      // (a combined January–February treated as the study treats it: the default janFeb choice)
      const label = `batch ${b}, group ${g.group_id}`;
      const ix = seriesIndices(sum, months, { zeroBase: 'skip-series' }, label, combinedYears);
      if (ix.status === 'skipped' || ix.V === null || ix.G === null) {
        warnings.push(
          `batch ${b}, group ${g.group_id}: no value in ${START} (its codes start later), so no V/G landing is reported for it`,
        );
        continue;
      }
      landings.push({
        groupId: g.group_id,
        group: g.group,
        batch: b,
        codes: n,
        V: round6(ix.V),
        G: round6(ix.G),
        cell: cellOf(ix.V, ix.G),
      });
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
    achieved.push({
      year: y,
      semiCapitalUsd: capUsd,
      semiCapitalPct: round6((capUsd / gdpOf(y)) * 100),
      semiIntermediateUsd: intUsd,
      semiIntermediatePct: round6((intUsd / gdpOf(y)) * 100),
    });
  }

  const meta: TeachingPanelMeta = {
    synthetic: true,
    description: `SYNTHETIC teaching panel — generated, not China Customs data. Monthly import values in US dollars per HS8 code${combine ? `, January and February combined (in February, no January row) from ${combine.from} as China Customs publishes them` : ''}; group shapes chosen to land in the published matrix cells of Naughton & Fang (2025), semiconductor groups calibrated to the published shares of GDP.`,
    seed,
    generator: TEACHING_GENERATOR_FILE,
    generatorVersion: SYNTHETIC_GENERATOR_VERSION,
    period: [START, END],
    indexDefinitions: INDEX_DEFINITIONS,
    codes: rounded.size,
    rows: rows.length,
    groups: groups.map((g) => {
      const s = shapeById.get(g.group_id) as SyntheticGroupShape;
      const pb = primaryBatch.get(g.group_id) ?? null;
      const land = pb === null ? undefined : landings.find((l) => l.groupId === g.group_id && l.batch === pb);
      return {
        ...s,
        group: g.group,
        matrixLabel: g.matrixLabel,
        primaryBatch: pb,
        primaryCodes: pb === null ? 0 : codeList.filter((c) => c.groupId === g.group_id && c.batch === pb).length,
        scale2015Usd: Math.round(calibrated.scale.get(g.group_id) as number),
        levels: (calibrated.levels.get(g.group_id) as number[]).map(round6),
        noiseSigma: sigmaById.get(g.group_id) as number,
        achieved: land ? { V: land.V, G: land.G, cell: land.cell } : null,
      };
    }),
    landings,
    calibration: {
      targets: cal,
      semiCapitalGroups: semiCapGroups,
      semiIntermediateGroups: semiIntGroups,
      semiCapital2024LevelFactor: round6(calibrated.semiCapital2024LevelFactor),
      achieved,
    },
    codeModel: CODE_MODEL_DESCRIPTION,
    combineJanFeb: combine ? { from: combine.from } : null,
    warnings,
  };
  return { rows, meta };
}
