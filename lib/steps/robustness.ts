/**
 * Reading a sensitivity sweep: the one-at-a-time view (vary one parameter,
 * the others at their defaults), which parameter moves which group, how many
 * groups survive every choice, and how often the whole partition agrees with
 * a reference (the published patterns). Built on {@link sensitivitySweep}.
 *
 * Names used by the examples below (run once before them, see docs/CONTRIBUTING.md):
 * @exampleSetup
 * const months = gp.months;
 * const series = groupSeriesFromPanel(gp, gp.groups);
 * const sweep = sensitivitySweep(months, series, gp.groups, { growth: [0.5, 0.7], volatilityHigh: [0.25, 0.3, 0.35] }, {},
 *   publishedPatternMap(published.patterns));
 *
 * @module steps/robustness
 */
import { fail } from '../core/errors.js';
import { PATTERN_CODES, type GroupInfo } from './partition.js';
import { CHOICE_NAMES, choiceLabel, type StudyChoices } from './choices.js';
import { SKIPPED, sensitivitySweep, type GroupSeries, type SweepGrid, type SweepResult } from './sensitivity.js';
import type { Pattern } from '../core/types.js';

/** One row of the one-at-a-time view: one value of one parameter, the others at the baseline. */
export interface OneAtATimeRow {
  param: string;
  value: string;
  /** True when this value is the baseline value. */
  isBaseline: boolean;
  /** Number of groups whose pattern differs from the baseline pattern. */
  changed: number;
  /** Names of the groups that change, with their new pattern ("Group → pattern"), '' when none. */
  changes: string;
  /** Groups agreeing with the reference (when one is given). */
  agreement?: number;
}

/** One group's pattern under one value of one parameter (one-at-a-time). */
export interface OneAtATimeCell {
  param: string;
  value: string;
  group_id: number;
  group: string;
  pattern: Pattern | 'skipped';
  changed: boolean;
}

/**
 * Vary each parameter of the grid alone, the others at the baseline: one sweep per parameter.
 * @param months contiguous ascending YYYY-MM of the series
 * @param series one series per group
 * @param groups group descriptions
 * @param grid values per parameter (as for sensitivitySweep)
 * @param baseline the defaults (as for sensitivitySweep)
 * @param reference optional group_id → pattern to count agreement
 * @throws {StudyError} as {@link sensitivitySweep}
 * @example oneAtATime(months, series, groups, { growth: [0.4, 0.5, 0.6] }).rows.map((r) => r.value); // => ['0.4', '0.5', '0.6']
 */
export function oneAtATime(
  months: readonly string[],
  series: GroupSeries[],
  groups: GroupInfo[],
  grid: SweepGrid,
  baseline: Partial<StudyChoices> = {},
  reference?: Map<number, Pattern>,
): { rows: OneAtATimeRow[]; cells: OneAtATimeCell[]; elapsedMs: number } {
  const t0 = performance.now();
  const rows: OneAtATimeRow[] = [];
  const cells: OneAtATimeCell[] = [];
  const names = new Map(groups.map((g) => [g.group_id, g.group] as const));
  for (const p of CHOICE_NAMES) {
    const list = (grid as Record<string, unknown[] | undefined>)[p];
    if (list === undefined) continue;
    const r = sensitivitySweep(months, series, groups, { [p]: list } as SweepGrid, baseline, reference);
    const baseLabel = choiceLabel(r.baseline.params[p]);
    const nG = r.groupIds.length;
    for (let c = 0; c < r.combinations; c++) {
      const value = r.labels[p][c];
      const changes: string[] = [];
      for (let g = 0; g < nG; g++) {
        const code = r.patterns[c * nG + g];
        const pattern: Pattern | 'skipped' = code === SKIPPED ? 'skipped' : PATTERN_CODES[code];
        const changed = pattern !== r.baseline.patterns[g];
        const group = names.get(r.groupIds[g])!;
        if (changed) changes.push(`${group} → ${pattern}`);
        cells.push({ param: p, value, group_id: r.groupIds[g], group, pattern, changed });
      }
      const row: OneAtATimeRow = {
        param: p,
        value,
        isBaseline: value === baseLabel,
        changed: changes.length,
        changes: changes.join('; '),
      };
      if (r.referenceAgreement) row.agreement = r.referenceAgreement[c];
      rows.push(row);
    }
  }
  if (rows.length === 0) fail('oneAtATime', 'the grid sweeps no parameter', grid);
  return { rows, cells, elapsedMs: performance.now() - t0 };
}

/** How much one parameter moves one group: the spread of the group's robustness share across the parameter's values. */
export interface InfluenceRow {
  param: string;
  group_id: number;
  group: string;
  /** Lowest share (over the parameter's values) of combinations keeping the baseline pattern. */
  minShare: number;
  maxShare: number;
  /** maxShare − minShare: 0 = the parameter does not move this group. */
  spread: number;
  /** The value with the lowest share. */
  weakestValue: string;
}

/**
 * Per (swept parameter, group): the spread of the "keeps its baseline pattern" share across the parameter's values
 * (from the sweep's byParameter). Rows in parameter order, then group order.
 * @example parameterInfluence(sweep).find((r) => r.param === 'growth' && r.group_id === 2)?.spread; // => 1 (SYNTHETIC: ICs keep their pattern at every combination with the cut 0.5, at none with 0.7)
 */
export function parameterInfluence(sweep: Pick<SweepResult, 'params' | 'byParameter' | 'groupIds'>): InfluenceRow[] {
  const out: InfluenceRow[] = [];
  for (const p of sweep.params) {
    for (const id of sweep.groupIds) {
      const rows = sweep.byParameter.filter((r) => r.param === p && r.group_id === id);
      if (rows.length === 0) fail('parameterInfluence', `no byParameter rows for ${p}, group ${id}`, p);
      let lo = rows[0];
      let hi = rows[0];
      for (const r of rows) {
        if (r.share < lo.share) lo = r;
        if (r.share > hi.share) hi = r;
      }
      out.push({
        param: p,
        group_id: id,
        group: rows[0].group,
        minShare: lo.share,
        maxShare: hi.share,
        spread: hi.share - lo.share,
        weakestValue: lo.value,
      });
    }
  }
  return out;
}

/** Per parameter: how many groups it moves and by how much at most. */
export interface InfluenceSummaryRow {
  param: string;
  /** Groups with spread > 0. */
  groupsMoved: number;
  maxSpread: number;
  /** The group with the largest spread ('' when none moves). */
  mostMoved: string;
}

/**
 * Summarise {@link parameterInfluence} per parameter, most influential first (ties: parameter order).
 * @example influenceSummary(parameterInfluence(sweep))[0].param; // => 'growth' (SYNTHETIC)
 */
export function influenceSummary(rows: InfluenceRow[]): InfluenceSummaryRow[] {
  const order: string[] = [];
  const by = new Map<string, InfluenceSummaryRow>();
  for (const r of rows) {
    let s = by.get(r.param);
    if (!s) {
      s = { param: r.param, groupsMoved: 0, maxSpread: 0, mostMoved: '' };
      by.set(r.param, s);
      order.push(r.param);
    }
    if (r.spread > 1e-12) s.groupsMoved++;
    if (r.spread > s.maxSpread + 1e-12) {
      s.maxSpread = r.spread;
      s.mostMoved = r.group;
    }
  }
  return order
    .map((p) => by.get(p)!)
    .sort(
      (a, b) =>
        b.maxSpread - a.maxSpread || b.groupsMoved - a.groupsMoved || order.indexOf(a.param) - order.indexOf(b.param),
    );
}

/** Which groups keep their pattern in at least a share `cut` of the combinations. */
export interface Survival {
  cut: number;
  kept: number;
  of: number;
  keptGroups: string[];
  fragileGroups: string[];
}

/**
 * Count the groups whose baseline pattern survives in ≥ cut of the combinations.
 * @throws {StudyError} when cut is not in [0, 1]
 * @example survival(sweep, 0.9).kept; // => 13 (SYNTHETIC: "13 of 17 groups keep their pattern in ≥ 90 % of combinations")
 */
export function survival(sweep: Pick<SweepResult, 'robustness'>, cut = 0.9): Survival {
  if (typeof cut !== 'number' || !(cut >= 0 && cut <= 1)) fail('survival', 'cut must be a share in [0, 1]', cut);
  const kept = sweep.robustness.filter((r) => r.share >= cut - 1e-12);
  const fragile = sweep.robustness.filter((r) => r.share < cut - 1e-12);
  return {
    cut,
    kept: kept.length,
    of: sweep.robustness.length,
    keptGroups: kept.map((r) => r.group),
    fragileGroups: fragile.map((r) => r.group),
  };
}

/** Distribution of the per-combination agreement with the reference. */
export interface AgreementDistribution {
  /** One row per agreement count k that occurs: combinations with exactly k groups agreeing. */
  rows: { agree: number; combinations: number; share: number }[];
  of: number;
  mean: number;
  min: number;
  max: number;
  /** Share of combinations where every group agrees. */
  shareAll: number;
}

/**
 * How many groups agree with the reference, over all combinations of a sweep run with a reference.
 * @throws {StudyError} when the sweep had no reference
 * @example agreementDistribution(sweep).shareAll; // => 0.3333333333333333 (SYNTHETIC)
 */
export function agreementDistribution(
  sweep: Pick<SweepResult, 'referenceAgreement' | 'groupIds' | 'combinations'>,
): AgreementDistribution {
  const a = sweep.referenceAgreement;
  if (!a)
    return fail(
      'agreementDistribution',
      'the sweep was run without a reference (pass the published patterns to sensitivitySweep)',
    );
  const nG = sweep.groupIds.length;
  const counts = new Uint32Array(nG + 1);
  let sum = 0;
  let min = nG;
  let max = 0;
  for (let c = 0; c < a.length; c++) {
    counts[a[c]]++;
    sum += a[c];
    if (a[c] < min) min = a[c];
    if (a[c] > max) max = a[c];
  }
  const rows: AgreementDistribution['rows'] = [];
  for (let k = nG; k >= 0; k--)
    if (counts[k] > 0) rows.push({ agree: k, combinations: counts[k], share: counts[k] / a.length });
  return { rows, of: nG, mean: sum / a.length, min, max, shareAll: counts[nG] / a.length };
}

/**
 * The reference map of published patterns: group_id → pattern, from the `patterns` of published.json.
 * @throws {StudyError} when a group is listed under two patterns
 * @example publishedPatternMap(loadPublished().patterns).get(2); // => 'stockpiling'
 */
export function publishedPatternMap(patterns: { pattern: Pattern; group_ids: number[] }[]): Map<number, Pattern> {
  const m = new Map<number, Pattern>();
  for (const p of patterns)
    for (const id of p.group_ids) {
      if (m.has(id) && m.get(id) !== p.pattern) fail('publishedPatternMap', 'group listed under two patterns', id);
      m.set(id, p.pattern);
    }
  return m;
}
