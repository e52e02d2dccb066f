/**
 * Step 4 of the study: growth and volatility bands, the semiconductor rule,
 * the trade pattern of each group, the 3×2 partition matrix, and comparison
 * with the published partition.
 *
 * @module steps/partition
 */
import { fail } from '../core/errors.js';
import type { GrowthBand, Pattern, VolatilityBand } from '../core/types.js';
import { DEFAULT_CHOICES, resolveThresholds, type Thresholds } from './choices.js';

export type { GrowthBand, VolatilityBand };

/** The minimal group description the library needs (data/study/groups.csv). */
export interface GroupInfo {
  group_id: number;
  group: string;
  matrixLabel: string;
  category: string;
  semiconductor: boolean;
  /** A joint group (HS6 data, steps/hs6-grouping): the Table-1 groups it stands for. */
  members?: number[];
}

function finite(fn: string, name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(fn, `${name} must be a finite number`, v);
}

/**
 * Growth band of G: 'high' when G > growth, else 'low'.
 * @throws {StudyError} when G is not finite
 * @example growthBand(0.5); // => 'low'
 */
export function growthBand(G: number, t: Partial<Thresholds> = {}): GrowthBand {
  finite('growthBand', 'G', G);
  return G > (t.growth ?? DEFAULT_CHOICES.growth) ? 'high' : 'low';
}

/**
 * Volatility band of V: high V > 0.3, medium 0.24 ≤ V ≤ 0.3, low V < 0.24 (defaults).
 * @throws {StudyError} when V is not finite
 * @example volatilityBand(0.235); // => 'low'
 * @example volatilityBand(0.3); // => 'medium'
 */
export function volatilityBand(V: number, t: Partial<Thresholds> = {}): VolatilityBand {
  finite('volatilityBand', 'V', V);
  if (V > (t.volatilityHigh ?? DEFAULT_CHOICES.volatilityHigh)) return 'high';
  return V >= (t.volatilityMedium ?? DEFAULT_CHOICES.volatilityMedium) ? 'medium' : 'low';
}

/**
 * The trade pattern of a matrix position: low growth → 'substitution'; high growth
 * and (high volatility, or semiconductor-related under the semiconductor rule) →
 * 'stockpiling'; other high growth → 'no effect'.
 * @example classifyPattern('high', 'medium', true); // => 'stockpiling'
 * @example classifyPattern('high', 'medium', false); // => 'no effect'
 */
export function classifyPattern(
  growth: GrowthBand,
  volatility: VolatilityBand,
  semiconductor: boolean,
  t: Partial<Thresholds> = {},
): Pattern {
  if (growth !== 'high' && growth !== 'low') fail('classifyPattern', "growth band must be 'high' or 'low'", growth);
  if (!['high', 'medium', 'low'].includes(volatility))
    fail('classifyPattern', 'volatility band must be high, medium or low', volatility);
  if (growth === 'low') return 'substitution';
  if (volatility === 'high') return 'stockpiling';
  if (semiconductor && (t.semiconductorRule ?? DEFAULT_CHOICES.semiconductorRule)) return 'stockpiling';
  return 'no effect';
}

/**
 * A matrix cell in words.
 * @example cellLabel('high', 'medium'); // => 'high growth, medium volatility'
 */
export function cellLabel(growth: GrowthBand, volatility: VolatilityBand): string {
  return `${growth} growth, ${volatility} volatility`;
}

/** Numeric pattern codes used by the sensitivity sweep (0 substitution, 1 no effect, 2 stockpiling). */
export const PATTERN_CODES: readonly Pattern[] = ['substitution', 'no effect', 'stockpiling'];

/**
 * Kernel: the pattern code of (G, V) without allocation (see {@link PATTERN_CODES}).
 * The medium/low cut does not affect the pattern, so it is not a parameter.
 * @example patternCode(0.8, 0.1, false, 0.5, 0.3, true); // => 1
 */
export function patternCode(
  G: number,
  V: number,
  semiconductor: boolean,
  growth: number,
  volatilityHigh: number,
  semiconductorRule: boolean,
): number {
  if (!(G > growth)) return 0;
  if (V > volatilityHigh) return 2;
  return semiconductor && semiconductorRule ? 2 : 1;
}

/** One group's place in the partition. */
export interface PartitionRow {
  group_id: number;
  group: string;
  matrixLabel: string;
  semiconductor: boolean;
  G: number;
  V: number;
  growth: GrowthBand;
  volatility: VolatilityBand;
  pattern: Pattern;
  /** A joint group (HS6 data): the Table-1 groups it stands for. */
  members?: number[];
}

/**
 * Place each group in the matrix and give its pattern.
 * @param indices one row per group: group_id with its G and V
 * @param groups group descriptions (category, semiconductor flag, labels)
 * @param t thresholds: step 4's choices (defaults from {@link DEFAULT_CHOICES})
 * @throws {StudyError} on a group_id not in `groups`, a duplicate, or non-finite G/V
 * @example partitionGroups([{ group_id: 2, G: 1.2, V: 0.26 }], groups)[0].pattern; // => 'stockpiling'
 */
export function partitionGroups(
  indices: { group_id: number; G: number; V: number }[],
  groups: GroupInfo[],
  t: Partial<Thresholds> = {},
): PartitionRow[] {
  const th = resolveThresholds(t);
  const byId = new Map(groups.map((g) => [g.group_id, g] as const));
  const seen = new Set<number>();
  return indices.map((r) => {
    const g = byId.get(r.group_id);
    if (!g) fail('partitionGroups', 'group_id not in the group table', r.group_id);
    if (seen.has(r.group_id)) fail('partitionGroups', 'duplicate group_id', r.group_id);
    seen.add(r.group_id);
    finite('partitionGroups', `G of group ${r.group_id}`, r.G);
    finite('partitionGroups', `V of group ${r.group_id}`, r.V);
    const growth = growthBand(r.G, th);
    const volatility = volatilityBand(r.V, th);
    return {
      group_id: g!.group_id,
      group: g!.group,
      matrixLabel: g!.matrixLabel,
      semiconductor: g!.semiconductor,
      G: r.G,
      V: r.V,
      growth,
      volatility,
      pattern: classifyPattern(growth, volatility, g!.semiconductor, th),
      ...(g!.members ? { members: g!.members } : {}),
    };
  });
}

/** One cell of the 3×2 matrix. */
export interface MatrixCell {
  volatility: VolatilityBand;
  growth: GrowthBand;
  /** Matrix labels of the groups in the cell, alphabetical. */
  groups: string[];
  group_ids: number[];
}

/**
 * The 3×2 partition matrix (rows high/medium/low volatility, columns high/low growth), always 6 cells.
 * @example partitionMatrix(run.partition).find((c) => c.volatility === 'high' && c.growth === 'low')?.groups; // => ['Aviation & Aerospace']
 */
export function partitionMatrix(
  rows: Pick<PartitionRow, 'group_id' | 'matrixLabel' | 'growth' | 'volatility'>[],
): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (const volatility of ['high', 'medium', 'low'] as const)
    for (const growth of ['high', 'low'] as const) {
      const inCell = rows
        .filter((r) => r.growth === growth && r.volatility === volatility)
        .sort((a, b) => a.matrixLabel.localeCompare(b.matrixLabel));
      cells.push({
        volatility,
        growth,
        groups: inCell.map((r) => r.matrixLabel),
        group_ids: inCell.map((r) => r.group_id),
      });
    }
  return cells;
}

/** Agreement of one aspect (matrix position or pattern). */
export interface Agreement<T> {
  agree: number;
  of: number;
  disagreements: { group_id: number; group: string; ours: T; published: T }[];
  /** Published groups inside a joint group of ours (HS6 data): not compared, not counted in `of` (listed only when any). */
  notComparable?: { group_id: number; joint: string }[];
}

/** The published row shape {@link comparePartition} needs. */
export interface PublishedPlacement {
  group_id: number;
  growth: GrowthBand;
  volatility: VolatilityBand;
  pattern: Pattern;
}

/**
 * Compare our partition with the published one, group by group, for matrix position and pattern.
 * Every published group counts: one missing from ours is a disagreement (ours = null) — except one
 * inside a joint group of ours (`members`, HS6 data), which is listed as not comparable and left out
 * of `of`. A group of ours that the published partition does not hold is not compared.
 * @example comparePartition(run.partition, published.partition).pattern; // => { agree: 17, of: 17, disagreements: [] }
 */
export function comparePartition(
  ours: (Pick<PartitionRow, 'group_id' | 'group' | 'growth' | 'volatility' | 'pattern'> & { members?: number[] })[],
  published: PublishedPlacement[],
): {
  position: Agreement<{ growth: GrowthBand; volatility: VolatilityBand } | null>;
  pattern: Agreement<Pattern | null>;
} {
  const mine = new Map(ours.map((r) => [r.group_id, r] as const));
  const position: Agreement<{ growth: GrowthBand; volatility: VolatilityBand } | null> = {
    agree: 0,
    of: published.length,
    disagreements: [],
  };
  const pattern: Agreement<Pattern | null> = { agree: 0, of: published.length, disagreements: [] };
  const jointOf = new Map(ours.flatMap((r) => (r.members ?? []).map((m) => [m, r.group] as const)));
  for (const p of [...published].sort((a, b) => a.group_id - b.group_id)) {
    const o = mine.get(p.group_id);
    const joint = o ? undefined : jointOf.get(p.group_id);
    if (joint !== undefined) {
      for (const a of [position, pattern] as Agreement<unknown>[]) {
        a.of--;
        (a.notComparable ??= []).push({ group_id: p.group_id, joint });
      }
      continue;
    }
    const name = o?.group ?? `group ${p.group_id}`;
    if (o && o.growth === p.growth && o.volatility === p.volatility) position.agree++;
    else
      position.disagreements.push({
        group_id: p.group_id,
        group: name,
        ours: o ? { growth: o.growth, volatility: o.volatility } : null,
        published: { growth: p.growth, volatility: p.volatility },
      });
    if (o && o.pattern === p.pattern) pattern.agree++;
    else
      pattern.disagreements.push({
        group_id: p.group_id,
        group: name,
        ours: o ? o.pattern : null,
        published: p.pattern,
      });
  }
  return { position, pattern };
}
