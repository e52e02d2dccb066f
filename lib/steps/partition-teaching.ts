/**
 * Teaching helpers of step 04 (partition), used by notebook 04: the interval each band covers, the bands
 * the published partition implies, our partition beside the published one, and which groups move when a
 * threshold changes.
 *
 * @module steps/partition-teaching
 */
import { fail } from '../core/errors.js';
import { DEFAULT_CHOICES, type Thresholds } from './choices.js';
import {
  cellLabel,
  growthBand,
  volatilityBand,
  type GrowthBand,
  type PartitionRow,
  type VolatilityBand,
} from './partition.js';
import type { Panel, Pattern } from '../core/types.js';
/**
 * The interval a band covers under the project's closed rule, as text — the project's reading of the printed
 * bands (G = 0.5 counted as low; 0.24 ≤ V ≤ 0.3 medium; V < 0.24 low), not the printed text ({@link printedBandText}).
 * @throws {StudyError} on an unknown band
 * @example bandText('G', 'low'); // => 'G ≤ 0.5'
 * @example bandText('V', 'medium'); // => '0.24 ≤ V ≤ 0.3'
 */
export function bandText(index: 'G' | 'V', band: GrowthBand | VolatilityBand, t: Partial<Thresholds> = {}): string {
  const th = { ...DEFAULT_CHOICES, ...t };
  if (index === 'G') {
    if (band === 'high') return `G > ${th.growth}`;
    if (band === 'low') return `G ≤ ${th.growth}`;
  } else {
    if (band === 'high') return `V > ${th.volatilityHigh}`;
    if (band === 'medium') return `${th.volatilityMedium} ≤ V ≤ ${th.volatilityHigh}`;
    if (band === 'low') return `V < ${th.volatilityMedium}`;
  }
  return fail('bandText', `unknown band for ${index}`, band);
}

/**
 * The bands exactly as the slides print them (slide "How We Partition Trade Patterns by Tech Groups"), and
 * the cuts they name. The printed bands leave gaps — 0.23 < V < 0.24, V = 0.3 and G = 0.5 fall in no band —
 * which the project's closed rule ({@link bandText}) fills. The texts equal the `as_printed` of
 * data/study/published.json `thresholds` (a test checks it).
 * @example PRINTED_BANDS.growth.low; // => 'Low Growth (G < 0.5)'
 */
export const PRINTED_BANDS = {
  growth: { high: 'High Growth (G > 0.5)', low: 'Low Growth (G < 0.5)' } as Record<GrowthBand, string>,
  volatility: {
    high: 'High Volatility (V > 0.3)',
    medium: 'Medium Volatility (0.24 ≤ V < 0.3)',
    low: 'Low Volatility (V ≤ 0.23)',
  } as Record<VolatilityBand, string>,
  /** The printed cuts: G 0.5; V 0.3 (high above, medium below), 0.24 (medium from), 0.23 (low up to). */
  cuts: { growth: 0.5, volatilityHigh: 0.3, volatilityMediumFrom: 0.24, volatilityLowTo: 0.23 },
} as const;

/**
 * The band as the slides print it (not the project's closed rule: see {@link bandText}).
 * @throws {StudyError} on an unknown band
 * @example printedBandText('V', 'low'); // => 'Low Volatility (V ≤ 0.23)'
 */
export function printedBandText(index: 'G' | 'V', band: GrowthBand | VolatilityBand): string {
  const text =
    index === 'G'
      ? (PRINTED_BANDS.growth as Record<string, string>)[band]
      : (PRINTED_BANDS.volatility as Record<string, string>)[band];
  // a string, not merely present: an inherited member ('toString', 'constructor') is no band
  return typeof text === 'string' ? text : fail('printedBandText', `unknown band for ${index}`, band);
}

/**
 * Where a value falls in no printed band: G = 0.5, V = 0.3, or 0.23 < V < 0.24 ('' when it falls in one).
 * @example printedGap('V', 0.235); // => 'in the printed gap 0.23 < V < 0.24'
 * @example printedGap('G', 0.7); // => ''
 */
export function printedGap(index: 'G' | 'V', x: number): string {
  const c = PRINTED_BANDS.cuts;
  if (!Number.isFinite(x)) return fail('printedGap', `${index} must be finite`, x);
  if (index === 'G') return x === c.growth ? 'G = 0.5: in no printed band' : '';
  if (x === c.volatilityHigh) return 'V = 0.3: in no printed band';
  if (x > c.volatilityLowTo && x < c.volatilityMediumFrom) return 'in the printed gap 0.23 < V < 0.24';
  return '';
}

/** One group's published cell as printed, our closed rule for it, and whether our indices fall inside. */
export interface ImpliedBandRow {
  group_id: number;
  group: string;
  publishedGrowth: GrowthBand;
  /** The growth band as printed, e.g. 'Low Growth (G < 0.5)'. */
  printedGrowth: string;
  /** The project's closed rule for that band, e.g. 'G ≤ 0.5'. */
  growthRange: string;
  G: number;
  /** Distance of G from the printed cut 0.5 (always ≥ 0). */
  gMargin: number;
  /** Inside under the project's closed rule. */
  gInside: boolean;
  publishedVolatility: VolatilityBand;
  /** The volatility band as printed, e.g. 'Medium Volatility (0.24 ≤ V < 0.3)'. */
  printedVolatility: string;
  /** The project's closed rule for that band, e.g. '0.24 ≤ V ≤ 0.3'. */
  volatilityRange: string;
  V: number;
  /** Distance of V from the nearest printed cut bounding its printed band (≥ 0 when inside, negative when outside). */
  vMargin: number;
  /** Inside under the project's closed rule. */
  vInside: boolean;
  /** Where G or V falls in no printed band (G = 0.5, V = 0.3, 0.23 < V < 0.24); '' otherwise. */
  printedGap: string;
}

/**
 * What the published matrix implies for each group's indices — its printed bands, and the closed rule the
 * project reads them as — and whether our G and V fall inside. Distances are measured from the printed cuts
 * (0.5; 0.3, 0.24, 0.23), not from the closed rule.
 * @param published published rows (loadPublished().partition)
 * @param ours our indices, one row per group_id
 * @param t thresholds of the closed rule (default: the printed values)
 * @throws {StudyError} when a published group has no indices of ours, or G/V is not finite
 * @example impliedBands([{ group_id: 7, group: 'Telecom', growth: 'low', volatility: 'medium' }], [{ group_id: 7, G: -0.37, V: 0.27 }])[0].vMargin;
 * // => 0.02999999999999997 (0.3 − 0.27 in floating point; the nearer printed cut is 0.3)
 */
export function impliedBands(
  published: { group_id: number; group: string; growth: GrowthBand; volatility: VolatilityBand }[],
  ours: { group_id: number; G: number; V: number }[],
  t: Partial<Thresholds> = {},
): ImpliedBandRow[] {
  const fn = 'impliedBands';
  const th = { ...DEFAULT_CHOICES, ...t };
  const c = PRINTED_BANDS.cuts;
  const mine = new Map(ours.map((r) => [r.group_id, r] as const));
  return [...published]
    .sort((a, b) => a.group_id - b.group_id)
    .map((p) => {
      const o = mine.get(p.group_id);
      if (!o) fail(fn, 'no indices of ours for a published group', p.group_id);
      if (!Number.isFinite(o!.G) || !Number.isFinite(o!.V))
        fail(fn, `G and V of group ${p.group_id} must be finite`, [o!.G, o!.V]);
      const G = o!.G;
      const V = o!.V;
      const gInside = growthBand(G, th) === p.growth;
      const vInside = volatilityBand(V, th) === p.volatility;
      let vMargin: number;
      if (p.volatility === 'high') vMargin = V - c.volatilityHigh;
      else if (p.volatility === 'low') vMargin = c.volatilityLowTo - V;
      else vMargin = Math.min(V - c.volatilityMediumFrom, c.volatilityHigh - V);
      return {
        group_id: p.group_id,
        group: p.group,
        publishedGrowth: p.growth,
        printedGrowth: printedBandText('G', p.growth),
        growthRange: bandText('G', p.growth, th),
        G,
        gMargin: Math.abs(G - c.growth),
        gInside,
        publishedVolatility: p.volatility,
        printedVolatility: printedBandText('V', p.volatility),
        volatilityRange: bandText('V', p.volatility, th),
        V,
        vMargin,
        vInside,
        printedGap: [printedGap('G', G), printedGap('V', V)].filter(Boolean).join('; '),
      };
    });
}

/** One group's place in our partition and in the published one. */
export interface SideBySideRow {
  group_id: number;
  group: string;
  G: number;
  V: number;
  oursCell: string;
  publishedCell: string;
  cellAgrees: boolean;
  oursPattern: Pattern;
  publishedPattern: Pattern;
  patternAgrees: boolean;
  /** HS6 data: the joint group of ours this published group is inside (ours = the joint series; not counted by comparePartition). */
  joint?: string;
}

/**
 * Our partition beside the published one, group by group (published order by group_id). A published
 * group inside a joint group of ours (HS6 data, `members`) is shown with the joint series' place and `joint` named.
 * @throws {StudyError} when a published group is missing from ours (and in no joint group)
 * @example partitionSideBySide(run.partition, run.published.partition)[1];
 * // => { group_id: 2, group: 'Integrated Circuits (ICs)', …, oursCell: 'high growth, medium volatility', cellAgrees: true, oursPattern: 'stockpiling', … }
 */
export function partitionSideBySide(
  ours: (Pick<PartitionRow, 'group_id' | 'group' | 'G' | 'V' | 'growth' | 'volatility' | 'pattern'> & {
    members?: number[];
  })[],
  published: { group_id: number; growth: GrowthBand; volatility: VolatilityBand; pattern: Pattern }[],
): SideBySideRow[] {
  const mine = new Map(ours.map((r) => [r.group_id, r] as const));
  for (const r of ours) for (const m of r.members ?? []) if (!mine.has(m)) mine.set(m, r);
  return [...published]
    .sort((a, b) => a.group_id - b.group_id)
    .map((p) => {
      const o = mine.get(p.group_id);
      if (!o) fail('partitionSideBySide', 'published group missing from our partition', p.group_id);
      const oc = cellLabel(o!.growth, o!.volatility);
      const pc = cellLabel(p.growth, p.volatility);
      return {
        group_id: p.group_id,
        group: o!.group,
        G: o!.G,
        V: o!.V,
        oursCell: oc,
        publishedCell: pc,
        cellAgrees: oc === pc,
        oursPattern: o!.pattern,
        publishedPattern: p.pattern,
        patternAgrees: o!.pattern === p.pattern,
        ...(o!.group_id !== p.group_id ? { joint: o!.group } : {}),
      };
    });
}

/** A group whose cell or pattern differs between two partitions. */
export interface PartitionMove {
  group_id: number;
  group: string;
  G: number;
  V: number;
  cellBefore: string;
  cellAfter: string;
  patternBefore: Pattern;
  patternAfter: Pattern;
}

/**
 * The groups that change cell or pattern between two partitions of the same groups (e.g. before and after a threshold change).
 * @throws {StudyError} when a group of `before` is missing from `after`
 * @example partitionMoves(run.partition, runStudy({ choices: { growth: 0.7 } }).partition).map((m) => m.group);
 * // => ['Integrated Circuits (ICs)', 'Fluid Control Equipment'] (SYNTHETIC panel: their G, 0.66 and 0.67, fall below the cut 0.7)
 */
export function partitionMoves(
  before: Pick<PartitionRow, 'group_id' | 'group' | 'G' | 'V' | 'growth' | 'volatility' | 'pattern'>[],
  after: Pick<PartitionRow, 'group_id' | 'group' | 'G' | 'V' | 'growth' | 'volatility' | 'pattern'>[],
): PartitionMove[] {
  const next = new Map(after.map((r) => [r.group_id, r] as const));
  const moves: PartitionMove[] = [];
  for (const b of [...before].sort((x, y) => x.group_id - y.group_id)) {
    const a = next.get(b.group_id);
    if (!a) fail('partitionMoves', 'group missing from the second partition', b.group_id);
    const cb = cellLabel(b.growth, b.volatility);
    const ca = cellLabel(a!.growth, a!.volatility);
    if (cb !== ca || b.pattern !== a!.pattern)
      moves.push({
        group_id: b.group_id,
        group: b.group,
        G: a!.G,
        V: a!.V,
        cellBefore: cb,
        cellAfter: ca,
        patternBefore: b.pattern,
        patternAfter: a!.pattern,
      });
  }
  return moves;
}
