/**
 * The control comparison (notebook 09): the same V and G of each group for every economy, China's
 * position among them per group, a per-group verdict (China-specific / shared with the controls / mixed),
 * and a placebo partition of each control economy beside the published matrix.
 *
 * The verdict's rule is the project's, an open choice ({@link VerdictRule}): the share of control
 * economies whose group lands in the same matrix cell (growth band × volatility band) as China's. At
 * least `shared` of them → "shared with the controls" (the pattern is not China's own); at most
 * `specific` → "China-specific"; between → "mixed". Defaults 0.5 and 0.2: with six controls, 0 or 1
 * in China's cell is China-specific, 2 mixed, 3 or more shared.
 *
 * @module steps/controls
 */
import { fail } from '../core/errors.js';
import type { StudyChoices } from './choices.js';
import { indexTable } from './indices.js';
import { comparePartition, partitionGroups, type GroupInfo, type PublishedPlacement } from './partition.js';

/** Group series of one economy: one Float64Array per group key, over the same months. */
export interface EconomySeries {
  economy: string;
  /** Contiguous ascending months, YYYY-MM. */
  months: string[];
  /** Group keys (group names), in the order of `values`. */
  codes: string[];
  values: Float64Array[];
  /** For captions: where the series come from (SYNTHETIC or the imported files). */
  source: string;
  /** Years whose January and February are combined in these data (the treatment applies only there). */
  janFebYears?: number[];
}

/**
 * An economy's group series as the control comparison takes them, from a study run (`runStudy`): its group panel,
 * the years whose January and February are combined, and the run's source note.
 * @example economyOfRun(runStudy()).codes.length; // => 17
 */
export function economyOfRun(
  run: {
    groupPanel: { months: string[]; codes: string[]; values: Float64Array[] };
    panel: { source: { janFeb?: { years: number[] } } };
    sourceNote: string;
  },
  economy = 'China',
): EconomySeries {
  const gp = run.groupPanel;
  return {
    economy,
    months: gp.months,
    codes: gp.codes,
    values: gp.values,
    source: run.sourceNote,
    janFebYears: run.panel.source.janFeb?.years,
  };
}

/** One economy's group in the matrix. */
export interface ControlIndexRow {
  economy: string;
  group_id: number;
  group: string;
  G: number;
  V: number;
  /** 'high growth, low volatility' … */
  cell: string;
  pattern: string;
  /** A joint group (HS6 data): the Table-1 groups it stands for. */
  members?: number[];
}

/**
 * V and G of every group for every economy under one set of choices, and each group's cell and pattern
 * (groups whose indices cannot be computed are left out).
 * @throws {StudyError} from the index step, or on a group not in `groups`
 * @example const gp = runStudy().groupPanel;
 * controlIndices([{ economy: 'China', months: gp.months, codes: gp.codes, values: gp.values, source: 'SYNTHETIC' }], loadGroups()).length; // => 17
 */
export function controlIndices(
  economies: readonly EconomySeries[],
  groups: readonly GroupInfo[],
  choices: Partial<StudyChoices> = {},
): ControlIndexRow[] {
  const byName = new Map(groups.map((g) => [g.group, g] as const));
  return economies.flatMap((e) => {
    const ok = indexTable(
      { months: e.months, codes: e.codes, values: e.values, source: { janFeb: { years: e.janFebYears ?? [] } } },
      choices,
    ).filter((r) => r.status === 'ok');
    const rows = ok.map((r) => {
      const g = byName.get(r.key);
      if (!g) fail('controlIndices', `group of ${e.economy} not in the group table`, r.key);
      return { group_id: g!.group_id, G: r.G!, V: r.V! };
    });
    return partitionGroups(rows, groups as GroupInfo[], choices).map((p) => ({
      economy: e.economy,
      group_id: p.group_id,
      group: p.group,
      G: p.G,
      V: p.V,
      cell: `${p.growth} growth, ${p.volatility} volatility`,
      pattern: p.pattern,
      ...(p.members ? { members: p.members } : {}),
    }));
  });
}

/** China's G and V in one group beside the controls'. */
export interface ChinaPositionRow {
  group_id: number;
  group: string;
  china_G: number;
  china_V: number;
  controls_G_median: number;
  controls_G_min: number;
  controls_G_max: number;
  controls_V_median: number;
  controls_V_min: number;
  controls_V_max: number;
  /** China's rank by G among all economies with the group (1 = highest growth). */
  rank_G: number;
  /** China's rank by V (1 = most volatile). */
  rank_V: number;
  economies: number;
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * Per group: China's G and V, the controls' median and range, China's rank (1 = highest). Groups China
 * lacks, or no control has, are left out.
 * @throws {StudyError} when `china` names no economy of `rows`
 * @example chinaPosition([
 *   { economy: 'China', group_id: 1, group: 'A', G: 0.9, V: 0.4, cell: '', pattern: '' },
 *   { economy: 'X', group_id: 1, group: 'A', G: 0.3, V: 0.5, cell: '', pattern: '' },
 *   { economy: 'Y', group_id: 1, group: 'A', G: 0.5, V: 0.1, cell: '', pattern: '' }], 'China').map((r) => [r.controls_G_median, r.rank_G, r.rank_V]);
 * // => [[0.4, 1, 2]]
 */
export function chinaPosition(rows: readonly ControlIndexRow[], china = 'China'): ChinaPositionRow[] {
  if (!rows.some((r) => r.economy === china)) fail('chinaPosition', 'no rows of China', china);
  const out: ChinaPositionRow[] = [];
  for (const c of rows.filter((r) => r.economy === china)) {
    const others = rows.filter((r) => r.group_id === c.group_id && r.economy !== china);
    if (others.length === 0) continue;
    const G = others.map((r) => r.G);
    const V = others.map((r) => r.V);
    out.push({
      group_id: c.group_id,
      group: c.group,
      china_G: c.G,
      china_V: c.V,
      controls_G_median: medianOf(G),
      controls_G_min: Math.min(...G),
      controls_G_max: Math.max(...G),
      controls_V_median: medianOf(V),
      controls_V_min: Math.min(...V),
      controls_V_max: Math.max(...V),
      rank_G: 1 + G.filter((g) => g > c.G).length,
      rank_V: 1 + V.filter((v) => v > c.V).length,
      economies: others.length + 1,
    });
  }
  return out.sort((a, b) => a.group_id - b.group_id);
}

/** The verdict rule: the share of controls in China's cell at or above which the pattern is shared, at or below which it is China's own. */
export interface VerdictRule {
  shared: number;
  specific: number;
}

/** The project's default verdict rule (an open choice). */
export const DEFAULT_VERDICT_RULE: Readonly<VerdictRule> = Object.freeze({ shared: 0.5, specific: 0.2 });

/** A group's verdict. */
export type ControlVerdict = 'China-specific' | 'shared with the controls' | 'mixed';

/** One group's verdict, with what it rests on. */
export interface VerdictRow {
  group_id: number;
  group: string;
  china_cell: string;
  china_pattern: string;
  /** Controls in China's cell. */
  same: number;
  /** Controls with the group. */
  of: number;
  share: number;
  verdict: ControlVerdict;
}

/**
 * The verdict of every group China has: the share of controls in China's matrix cell against the rule.
 * @throws {StudyError} on a rule with specific ≥ shared or outside [0, 1]
 * @example controlVerdicts([
 *   { economy: 'China', group_id: 1, group: 'A', G: 0.9, V: 0.4, cell: 'high growth, high volatility', pattern: 'stockpiling' },
 *   { economy: 'X', group_id: 1, group: 'A', G: 0.3, V: 0.5, cell: 'low growth, high volatility', pattern: 'substitution' },
 *   { economy: 'Y', group_id: 1, group: 'A', G: 0.8, V: 0.5, cell: 'high growth, high volatility', pattern: 'stockpiling' }], 'China')[0].verdict;
 * // => 'shared with the controls' (1 of 2 controls in China's cell: 0.5 ≥ 0.5)
 */
export function controlVerdicts(
  rows: readonly ControlIndexRow[],
  china = 'China',
  rule: VerdictRule = DEFAULT_VERDICT_RULE,
): VerdictRow[] {
  const fn = 'controlVerdicts';
  if (!(rule.specific >= 0 && rule.shared <= 1 && rule.specific < rule.shared))
    fail(fn, 'the rule needs 0 ≤ specific < shared ≤ 1', rule);
  return rows
    .filter((r) => r.economy === china)
    .map((c) => {
      const others = rows.filter((r) => r.group_id === c.group_id && r.economy !== china);
      const same = others.filter((r) => r.cell === c.cell).length;
      const share = others.length ? same / others.length : NaN;
      const verdict: ControlVerdict =
        share >= rule.shared ? 'shared with the controls' : share <= rule.specific ? 'China-specific' : 'mixed';
      return {
        group_id: c.group_id,
        group: c.group,
        china_cell: c.cell,
        china_pattern: c.pattern,
        same,
        of: others.length,
        share,
        verdict,
      };
    })
    .filter((v) => v.of > 0)
    .sort((a, b) => a.group_id - b.group_id);
}

/** One economy's partition beside the published matrix. */
export interface PlaceboRow {
  economy: string;
  /** Groups whose matrix position (cell) equals the published one. */
  position: number;
  /** Groups whose pattern equals the published one. */
  pattern: number;
  of: number;
}

/**
 * The placebo partition: each economy's groups placed in the matrix and compared with the published
 * partition (China's). A control that agrees with the published matrix about as often as China does says
 * the matrix does not single out China.
 * @example placeboPartitions([{ economy: 'X', group_id: 2, group: 'ICs', G: 1.2, V: 0.26, cell: 'high growth, medium volatility', pattern: 'stockpiling' }],
 *   [{ group_id: 2, growth: 'high', volatility: 'medium', pattern: 'stockpiling' }]); // => [{ economy: 'X', position: 1, pattern: 1, of: 1 }]
 */
export function placeboPartitions(
  rows: readonly ControlIndexRow[],
  published: readonly PublishedPlacement[],
): PlaceboRow[] {
  const economies = [...new Set(rows.map((r) => r.economy))];
  return economies.map((economy) => {
    const mine = rows
      .filter((r) => r.economy === economy)
      .map((r) => {
        const [growth, , volatility] = r.cell.split(/[ ,]+/);
        return {
          group_id: r.group_id,
          group: r.group,
          growth: growth as 'high' | 'low',
          volatility: volatility as 'high' | 'medium' | 'low',
          pattern: r.pattern as PublishedPlacement['pattern'],
          ...(r.members ? { members: r.members } : {}),
        };
      });
    const c = comparePartition(mine, [...published]);
    return { economy, position: c.position.agree, pattern: c.pattern.agree, of: c.pattern.of };
  });
}
