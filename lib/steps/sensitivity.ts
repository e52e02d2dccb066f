/**
 * Sensitivity of the partition to every open choice: sweep any set of index
 * options and thresholds over a grid (cartesian product), give the pattern of
 * every group under each combination, and the robustness of each group (share
 * of combinations that keep its baseline pattern).
 *
 * Speed: the per-group series are prepared once per (window, frequency,
 * missing); V is computed once per (series, sd, volatility measure); the weighted mean Σw·x/Σw
 * once per (series, weights) and the base once per (series, base), so
 * G = (weighted mean − base)/base is O(1) per combination; thresholds are an
 * inner loop over typed arrays. No object is created per combination.
 *
 * Names used by the examples below (run once before them, see docs/CONTRIBUTING.md):
 * @exampleSetup
 * const months = gp.months;
 * const series = groupSeriesFromPanel(gp, gp.groups);
 * const result = sensitivitySweep(months, series, gp.groups, { growth: [0.4, 0.5, 0.6] });
 *
 * @module steps/sensitivity
 */
import { fail } from '../core/errors.js';
import { monthIndex } from '../core/months.js';
import type { Pattern } from '../core/types.js';
import {
  CHOICE_NAMES,
  INDEX_CHOICES,
  MONTHS_PER_PERIOD,
  choiceLabel,
  resolveChoices,
  resolveIndexOptions,
  weightStrategy,
  type IndexOptions,
  type StudyChoices,
  type WeightScheme,
} from './choices.js';
import {
  baseKernel,
  basePeriods,
  makeWeights,
  prepareSeries,
  volatilityKernel,
  weightedMeanKernel,
} from './indices.js';
import { PATTERN_CODES, patternCode, type GroupInfo } from './partition.js';
import { baseSpan } from './jan-feb.js';

/**
 * A grid: for each swept choice ({@link CHOICE_NAMES}), the values to try (others stay at the baseline).
 * Note: volatilityMedium (the medium/low cut) moves groups inside the matrix but never
 * changes a pattern, so sweeping it leaves robustness unchanged.
 */
export type SweepGrid = { [K in keyof StudyChoices]?: StudyChoices[K][] };

/** The number of step-3 choices: they come first in {@link CHOICE_NAMES} (outer loops), step 4's after them (inner, fastest). */
const INDEX_PARAMS = INDEX_CHOICES.length;

/** Pattern code for a series skipped under zeroBase 'skip-series'. */
export const SKIPPED = 255;

/** One group's series for the sweep. */
export interface GroupSeries {
  group_id: number;
  /** Monthly US-dollar values aligned with the months (NaN = missing). */
  values: ArrayLike<number>;
  /** Years known to have January and February combined (the panel's `source.janFeb.years`; lib/steps/jan-feb.ts). */
  janFebYears?: readonly number[];
}

/** Robustness of one group. */
export interface GroupRobustness {
  group_id: number;
  group: string;
  baselinePattern: Pattern;
  /** Share of combinations giving the baseline pattern (skipped counts as a change). */
  share: number;
  counts: Record<Pattern | 'skipped', number>;
}

/** The result of {@link sensitivitySweep}. */
export interface SweepResult {
  /** Swept parameters, in enumeration order (the last varies fastest). */
  params: (keyof StudyChoices)[];
  /** The values of each swept parameter. */
  values: { [K in keyof StudyChoices]?: StudyChoices[K][] };
  /** Human-readable labels of the values, per swept parameter. */
  labels: Record<string, string[]>;
  combinations: number;
  groupIds: number[];
  /** The baseline parameters and the baseline pattern, G and V of each group (in groupIds order). */
  baseline: { params: StudyChoices; patterns: Pattern[]; G: number[]; V: number[] };
  /** patterns[c·nGroups + g] = code of {@link PATTERN_CODES} (or {@link SKIPPED}) for combination c, group g. */
  patterns: Uint8Array;
  /** When a reference is given: per combination, the number of groups whose pattern matches it. */
  referenceAgreement?: Uint16Array;
  robustness: GroupRobustness[];
  /** For each swept parameter value and group: share of the combinations with that value that keep the group's baseline pattern. */
  byParameter: { param: string; value: string; group_id: number; group: string; share: number }[];
  elapsedMs: number;
}

/**
 * Sweep parameters over a grid and report the pattern of every group under every combination.
 *
 * @param months contiguous ascending YYYY-MM of the series
 * @param series one monthly series per group (e.g. from an aggregated panel)
 * @param groups group descriptions (semiconductor flag, names)
 * @param grid values to try per parameter (cartesian product); empty grid = the baseline only
 * @param baseline parameters not swept, and the reference for robustness (defaults: DEFAULT_CHOICES)
 * @param reference optional group_id → pattern (e.g. the published patterns) to count agreement per combination
 * @throws {StudyError} on an unknown parameter, an empty value list, bad values, a group not in `groups`,
 *   or a combination that fails (message names the combination)
 * @example sensitivitySweep(months, series, groups, { growth: [0.4, 0.5, 0.6], weights: ['linear', 'uniform'] }).combinations; // => 6
 */
export function sensitivitySweep(
  months: readonly string[],
  series: GroupSeries[],
  groups: GroupInfo[],
  grid: SweepGrid = {},
  baseline: Partial<StudyChoices> = {},
  reference?: Map<number, Pattern>,
): SweepResult {
  const fn = 'sensitivitySweep';
  const t0 = performance.now();
  for (const k of Object.keys(grid))
    if (!CHOICE_NAMES.includes(k as keyof StudyChoices))
      fail(fn, `unknown parameter (known: ${CHOICE_NAMES.join(', ')})`, k);
  const base: StudyChoices = resolveChoices(baseline);
  // values per parameter (baseline value when not swept); validate each value alone against the baseline
  const vals: unknown[][] = CHOICE_NAMES.map((p) => {
    const list = (grid as Record<string, unknown[] | undefined>)[p];
    if (list === undefined) return [base[p]];
    if (!Array.isArray(list) || list.length === 0) fail(fn, `grid values of ${p} must be a non-empty list`, list);
    for (const v of list) {
      const trial = { ...base, [p]: v } as StudyChoices;
      if (CHOICE_NAMES.indexOf(p) < INDEX_PARAMS) {
        // an explicit weight list's length is checked per combination (a window or frequency changes it); its
        // values here, naming this function
        if (p === 'weights' && Array.isArray(v)) weightStrategy(v as WeightScheme, fn);
        else if (!(p === 'frequency' || p === 'window')) resolveIndexOptions(trial);
      } else if (p === 'semiconductorRule') {
        if (typeof v !== 'boolean') fail(fn, 'semiconductorRule values must be true or false', v);
      } else if (typeof v !== 'number' || !Number.isFinite(v)) fail(fn, `${p} values must be finite numbers`, v);
      // (volatilityMedium ≤ volatilityHigh is not required across a grid: the medium/low cut never changes a pattern)
    }
    return list;
  });
  const sizes = vals.map((v) => v.length);
  const swept = CHOICE_NAMES.filter((p) => (grid as Record<string, unknown>)[p] !== undefined);
  const nIdx = sizes.slice(0, INDEX_PARAMS).reduce((a, b) => a * b, 1);
  const nPart = sizes.slice(INDEX_PARAMS).reduce((a, b) => a * b, 1);
  const combinations = nIdx * nPart;
  if (combinations > 50_000_000) fail(fn, 'grid too large (over 50 million combinations)', combinations);

  const byId = new Map(groups.map((g) => [g.group_id, g] as const));
  const nG = series.length;
  if (nG === 0) fail(fn, 'no series', series);
  const semi = new Uint8Array(nG);
  const groupIds = series.map((s, g) => {
    const info = byId.get(s.group_id);
    if (!info) fail(fn, 'series group_id not in the group table', s.group_id);
    semi[g] = info!.semiconductor ? 1 : 0;
    return s.group_id;
  });
  if (new Set(groupIds).size !== nG) fail(fn, 'duplicate group_id among the series', groupIds);

  // caches
  const prepCache = new Map<string, { x: Float64Array[]; T: number; m: (Uint8Array | undefined)[] }>();
  const prep = (
    w: [string, string],
    f: IndexOptions['frequency'],
    m: IndexOptions['missing'],
    jf: IndexOptions['janFeb'],
  ) => {
    const key = `${w[0]}|${w[1]}|${f}|${m}|${jf}`;
    let p = prepCache.get(key);
    if (!p) {
      const o = resolveIndexOptions({ window: w, frequency: f, missing: m, janFeb: jf });
      const ps = series.map((s) => prepareSeries(s.values, months, o, byId.get(s.group_id)!.group, s.janFebYears));
      const x = ps.map((q) => q.x);
      p = { x, T: (monthIndex(w[1]) - monthIndex(w[0]) + 1) / MONTHS_PER_PERIOD[f], m: ps.map((q) => q.mergedAt) };
      prepCache.set(key, p);
    }
    return p;
  };
  // numeric cache keys (no string building per combination)
  const vCache = new Map<number, Float64Array>();
  const wmCache = new Map<number, Float64Array>();
  const bCache = new Map<number, Float64Array>();

  const patterns = new Uint8Array(combinations * nG);
  const Gbuf = new Float64Array(nG);
  const Vbuf = new Float64Array(nG);
  const zeroMask = new Uint8Array(nG);
  // digits of the current combination
  const d = new Int32Array(CHOICE_NAMES.length);
  const partSizes = sizes.slice(INDEX_PARAMS);
  const partVals = vals.slice(INDEX_PARAMS);
  const gr = Float64Array.from(partVals[0] as number[]);
  const vh = Float64Array.from(partVals[1] as number[]);
  const sr = Uint8Array.from((partVals[3] as boolean[]).map((b) => (b ? 1 : 0)));
  const describe = (c: number) =>
    swept
      .map((p) => `${p}=${choiceLabel(vals[CHOICE_NAMES.indexOf(p)][digitOf(c, CHOICE_NAMES.indexOf(p), sizes)])}`)
      .join(', ');

  for (let ic = 0; ic < nIdx; ic++) {
    // decode index digits (first INDEX_PARAMS params; last index param fastest)
    let r = ic;
    for (let k = INDEX_PARAMS - 1; k >= 0; k--) {
      d[k] = r % sizes[k];
      r = (r - d[k]) / sizes[k];
    }
    const window = vals[0][d[0]] as [string, string];
    const frequency = vals[1][d[1]] as IndexOptions['frequency'];
    const missing = vals[2][d[2]] as IndexOptions['missing'];
    const sd = vals[3][d[3]] as IndexOptions['sd'];
    const baseRule = vals[5][d[5]] as IndexOptions['base'];
    const zeroBase = vals[6][d[6]] as IndexOptions['zeroBase'];
    const janFeb = vals[7][d[7]] as IndexOptions['janFeb'];
    const pkey = ((d[0] * sizes[1] + d[1]) * sizes[2] + d[2]) * sizes[7] + d[7];
    let p: { x: Float64Array[]; T: number; m: (Uint8Array | undefined)[] };
    try {
      p = prep(window, frequency, missing, janFeb);
    } catch (e) {
      return fail(fn, `combination ${describe(ic * nPart)}: ${(e as Error).message}`);
    }
    const T = p.T;
    const vkey = (pkey * sizes[3] + d[3]) * sizes[8] + d[8];
    let V = vCache.get(vkey);
    if (!V) {
      V = new Float64Array(nG);
      const kernel = volatilityKernel(vals[8][d[8]] as IndexOptions['volatility']);
      for (let g = 0; g < nG; g++) V[g] = kernel(p.x[g], T, sd === 'sample');
      vCache.set(vkey, V);
    }
    let WM = wmCache.get(pkey * sizes[4] + d[4]);
    if (!WM) {
      let w: Float64Array;
      try {
        w = makeWeights(vals[4][d[4]] as IndexOptions['weights'], T);
      } catch (e) {
        return fail(fn, `combination ${describe(ic * nPart)}: ${(e as Error).message}`);
      }
      WM = new Float64Array(nG);
      for (let g = 0; g < nG; g++) WM[g] = weightedMeanKernel(p.x[g], T, w);
      wmCache.set(pkey * sizes[4] + d[4], WM);
    }
    let B = bCache.get(pkey * sizes[5] + d[5]);
    if (!B) {
      const k = basePeriods(baseRule, frequency);
      if (k > T) fail(fn, `combination ${describe(ic * nPart)}: the base needs ${k} periods but the window has ${T}`);
      B = new Float64Array(nG);
      for (let g = 0; g < nG; g++) B[g] = baseKernel(p.x[g], baseSpan(k, p.m[g]));
      bCache.set(pkey * sizes[5] + d[5], B);
    }
    for (let g = 0; g < nG; g++) {
      const b = B[g];
      zeroMask[g] = 0;
      if (!(b > 0)) {
        if (zeroBase === 'error')
          fail(
            fn,
            `combination ${describe(ic * nPart)}: group ${groupIds[g]} has a zero or missing base (zeroBase 'error')`,
            b,
          );
        zeroMask[g] = 1;
        continue;
      }
      Gbuf[g] = (WM[g] - b) / b;
      Vbuf[g] = V[g];
      if (!Number.isFinite(Gbuf[g]) || !Number.isFinite(Vbuf[g]))
        fail(
          fn,
          `combination ${describe(ic * nPart)}: group ${groupIds[g]} has a non-finite index (too few periods for sd '${sd}'?)`,
          [Gbuf[g], Vbuf[g]],
        );
    }
    // inner loop over thresholds (digits of partition params; last fastest)
    const baseOff = ic * nPart;
    for (let pc = 0; pc < nPart; pc++) {
      let q = pc;
      const i3 = q % partSizes[3];
      q = (q - i3) / partSizes[3];
      const i2 = q % partSizes[2]; // volatilityMedium: no effect on the pattern
      q = (q - i2) / partSizes[2];
      const i1 = q % partSizes[1];
      const i0 = (q - i1) / partSizes[1];
      const off = (baseOff + pc) * nG;
      const gcut = gr[i0];
      const vcut = vh[i1];
      const rule = sr[i3] === 1;
      for (let g = 0; g < nG; g++)
        patterns[off + g] = zeroMask[g] ? SKIPPED : patternCode(Gbuf[g], Vbuf[g], semi[g] === 1, gcut, vcut, rule);
    }
  }

  // baseline
  const bp = prep(base.window, base.frequency, base.missing, base.janFeb);
  const bw = makeWeights(base.weights, bp.T);
  const bk = basePeriods(base.base, base.frequency);
  const baseG: number[] = [];
  const baseV: number[] = [];
  const basePatterns: Pattern[] = [];
  const baseCode = new Uint8Array(nG);
  for (let g = 0; g < nG; g++) {
    const x = bp.x[g];
    const b = baseKernel(x, baseSpan(bk, bp.m[g]));
    if (!(b > 0)) fail(fn, `baseline: group ${groupIds[g]} has a zero or missing base`, b);
    const G = (weightedMeanKernel(x, bp.T, bw) - b) / b;
    const V = volatilityKernel(base.volatility)(x, bp.T, base.sd === 'sample');
    if (!Number.isFinite(G) || !Number.isFinite(V))
      fail(fn, `baseline: group ${groupIds[g]} has a non-finite index`, [G, V]);
    baseG.push(G);
    baseV.push(V);
    baseCode[g] = patternCode(G, V, semi[g] === 1, base.growth, base.volatilityHigh, base.semiconductorRule);
    basePatterns.push(PATTERN_CODES[baseCode[g]]);
  }

  // robustness, by-parameter shares, reference agreement
  const counts = new Uint32Array(nG * 4);
  const keep = new Uint32Array(nG);
  const sweptIdx = swept.map((p) => CHOICE_NAMES.indexOf(p));
  const perVal = sweptIdx.map((k) => new Uint32Array(sizes[k] * nG));
  let refCodes: Uint8Array | undefined;
  let referenceAgreement: Uint16Array | undefined;
  if (reference) {
    refCodes = new Uint8Array(nG);
    groupIds.forEach((id, g) => {
      const pat = reference.get(id);
      if (pat === undefined) fail(fn, 'reference has no pattern for group', id);
      refCodes![g] = PATTERN_CODES.indexOf(pat!);
    });
    referenceAgreement = new Uint16Array(combinations);
  }
  for (let c = 0; c < combinations; c++) {
    let r = c;
    for (let k = CHOICE_NAMES.length - 1; k >= 0; k--) {
      d[k] = r % sizes[k];
      r = (r - d[k]) / sizes[k];
    }
    const off = c * nG;
    let agree = 0;
    for (let g = 0; g < nG; g++) {
      const code = patterns[off + g];
      counts[g * 4 + (code === SKIPPED ? 3 : code)]++;
      if (refCodes && code === refCodes[g]) agree++;
      if (code === baseCode[g]) {
        keep[g]++;
        for (let s = 0; s < sweptIdx.length; s++) perVal[s][d[sweptIdx[s]] * nG + g]++;
      }
    }
    if (referenceAgreement) referenceAgreement[c] = agree;
  }
  const robustness: GroupRobustness[] = groupIds.map((id, g) => ({
    group_id: id,
    group: byId.get(id)!.group,
    baselinePattern: basePatterns[g],
    share: keep[g] / combinations,
    counts: {
      substitution: counts[g * 4],
      'no effect': counts[g * 4 + 1],
      stockpiling: counts[g * 4 + 2],
      skipped: counts[g * 4 + 3],
    },
  }));
  const byParameter: SweepResult['byParameter'] = [];
  const labels: Record<string, string[]> = {};
  const values: SweepResult['values'] = {};
  swept.forEach((p, s) => {
    const k = sweptIdx[s];
    const per = combinations / sizes[k];
    labels[p] = vals[k].map(choiceLabel);
    (values as Record<string, unknown[]>)[p] = vals[k];
    for (let v = 0; v < sizes[k]; v++)
      for (let g = 0; g < nG; g++)
        byParameter.push({
          param: p,
          value: labels[p][v],
          group_id: groupIds[g],
          group: byId.get(groupIds[g])!.group,
          share: perVal[s][v * nG + g] / per,
        });
  });
  return {
    params: swept,
    values,
    labels,
    combinations,
    groupIds,
    baseline: { params: base, patterns: basePatterns, G: baseG, V: baseV },
    patterns,
    referenceAgreement,
    robustness,
    byParameter,
    elapsedMs: performance.now() - t0,
  };
}

function digitOf(c: number, k: number, sizes: number[]): number {
  let stride = 1;
  for (let j = sizes.length - 1; j > k; j--) stride *= sizes[j];
  return Math.floor(c / stride) % sizes[k];
}

/**
 * The full parameters of combination `c` of a sweep.
 * @throws {StudyError} when c is out of range
 * @example combinationParams(result, 0).growth; // => 0.4 (the first growth value of the grid)
 */
export function combinationParams(result: SweepResult, c: number): StudyChoices {
  if (!Number.isInteger(c) || c < 0 || c >= result.combinations)
    fail('combinationParams', `combination must be 0..${result.combinations - 1}`, c);
  const sizes = CHOICE_NAMES.map((p) => (result.values[p] ? result.values[p]!.length : 1));
  const out = { ...result.baseline.params } as Record<string, unknown>;
  CHOICE_NAMES.forEach((p, k) => {
    const list = result.values[p] as unknown[] | undefined;
    if (list) out[p] = list[digitOf(c, k, sizes)];
  });
  return out as unknown as StudyChoices;
}

/**
 * The pattern of one group under one combination.
 * @returns the pattern, or 'skipped' (zeroBase 'skip-series')
 * @example combinationPattern(result, 0, 2); // => 'stockpiling'
 */
export function combinationPattern(result: SweepResult, c: number, group_id: number): Pattern | 'skipped' {
  const g = result.groupIds.indexOf(group_id);
  if (g < 0) fail('combinationPattern', 'group not in the sweep', group_id);
  if (!Number.isInteger(c) || c < 0 || c >= result.combinations)
    fail('combinationPattern', `combination must be 0..${result.combinations - 1}`, c);
  const code = result.patterns[c * result.groupIds.length + g];
  return code === SKIPPED ? 'skipped' : PATTERN_CODES[code];
}

/**
 * Series of the groups from an aggregated panel whose keys identify groups, with the panel's combined
 * January–February years (`source.janFeb.years`, for the index step).
 * @param keyOf the panel key of a group (default: its name `group`)
 * @throws {StudyError} when a group has no series in the panel
 * @example groupSeriesFromPanel(gp, gp.groups).length; // => 17
 */
export function groupSeriesFromPanel(
  panel: { codes: string[]; values: Float64Array[]; source?: { janFeb?: { years: number[] } } },
  groups: GroupInfo[],
  keyOf: (g: GroupInfo) => string = (g) => g.group,
): GroupSeries[] {
  const pos = new Map(panel.codes.map((c, k) => [c, k] as const));
  const years = panel.source?.janFeb?.years;
  return groups.map((g) => {
    const k = pos.get(keyOf(g));
    if (k === undefined) fail('groupSeriesFromPanel', `no series for group ${g.group_id} in the panel`, keyOf(g));
    return { group_id: g.group_id, values: panel.values[k!], ...(years?.length ? { janFebYears: years } : {}) };
  });
}
