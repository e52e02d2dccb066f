/**
 * The sentences of the explorer page, from a result: a point's tooltip, a group's
 * "Published" and "Since the starting choices" cells, the agreement line (HTML), the last
 * change, a link's adjusted settings and the library's error. Pure: no DOM.
 *
 * @module present/explore/texts
 */
import { PATTERN_LABELS } from '../palette.js';
import { cellLabel } from '../../steps/partition.js';
import type { PartitionMove } from '../../steps/partition-teaching.js';
import type { ExploreRow } from '../explore-model.js';
import { esc, fmt3 } from './format.js';

/** The agreement counts of a result's comparison with the published matrix. */
export interface Agreement {
  position: { agree: number; of: number };
  pattern: { agree: number; of: number };
}

/**
 * A point's tooltip: the group, G, V, its cell and pattern, and its cell at the starting choices when it moved.
 * @example pointTitle({ group: 'Integrated Circuits (ICs)', G: 0.61234, V: 0.25, growth: 'high', volatility: 'medium', pattern: 'stockpiling' });
 * // => 'Integrated Circuits (ICs): G = 0.612, V = 0.250; high growth, medium volatility; Stockpiling / policy-disturbed'
 */
export function pointTitle(
  row: Pick<ExploreRow, 'group' | 'G' | 'V' | 'growth' | 'volatility' | 'pattern'>,
  moved?: PartitionMove,
): string {
  return `${row.group}: G = ${fmt3(row.G)}, V = ${fmt3(row.V)}; ${cellLabel(row.growth, row.volatility)}; ${PATTERN_LABELS[row.pattern]}${
    moved !== undefined && moved.cellBefore !== moved.cellAfter
      ? ` (was ${moved.cellBefore} at the starting choices)`
      : ''
  }`;
}

/**
 * Whether a group has the published cell and pattern.
 * @example samePublished({ growth: 'low', volatility: 'low', pattern: 'substitution', publishedGrowth: 'low', publishedVolatility: 'low', publishedPattern: 'substitution' }); // => true
 */
export function samePublished(
  x: Pick<
    ExploreRow,
    'growth' | 'volatility' | 'pattern' | 'publishedGrowth' | 'publishedVolatility' | 'publishedPattern'
  >,
): boolean {
  return x.publishedGrowth === x.growth && x.publishedVolatility === x.volatility && x.publishedPattern === x.pattern;
}

/**
 * A group's "Published" cell: the same, the published cell and pattern, or – when the slides do not place it.
 * @example publishedText({ growth: 'low', volatility: 'medium', pattern: 'substitution', publishedGrowth: 'high', publishedVolatility: 'medium', publishedPattern: 'stockpiling' });
 * // => 'high growth, medium volatility; Stockpiling / policy-disturbed'
 */
export function publishedText(
  x: Pick<
    ExploreRow,
    'growth' | 'volatility' | 'pattern' | 'publishedGrowth' | 'publishedVolatility' | 'publishedPattern'
  >,
): string {
  if (!x.publishedPattern) return '–';
  return samePublished(x)
    ? 'same cell and pattern'
    : `${cellLabel(x.publishedGrowth!, x.publishedVolatility!)}; ${PATTERN_LABELS[x.publishedPattern]}`;
}

/**
 * A group's "Since the starting choices" cell, from its move (none: unchanged).
 * @example sinceText({ group_id: 2, group: 'ICs', cellBefore: 'high growth, medium volatility', cellAfter: 'low growth, medium volatility', patternBefore: 'stockpiling', patternAfter: 'substitution', G: 0.45, V: 0.27 });
 * // => 'moved from high growth, medium volatility; was Stockpiling / policy-disturbed'
 * @example sinceText(undefined); // => 'unchanged'
 */
export function sinceText(m: PartitionMove | undefined): string {
  if (!m) return 'unchanged';
  return `${m.cellBefore !== m.cellAfter ? `moved from ${m.cellBefore}` : 'same cell'}${m.patternBefore !== m.patternAfter ? `; was ${PATTERN_LABELS[m.patternBefore]}` : ''}`;
}

/**
 * The agreement line (HTML): groups in the published cell and with the published pattern, then the groups that
 * changed since the starting choices (`changed`), or that none did (only when the starting choices have a result).
 * @example agreementHtml({ position: { agree: 17, of: 17 }, pattern: { agree: 17, of: 17 } }, [], true);
 * // => 'Agreement with the published matrix: <strong data-agree-cell="17">17 of 17</strong> groups in the published cell, <strong data-agree-pattern="17">17 of 17</strong> with the published pattern. Every group is where the starting choices put it.'
 */
export function agreementHtml(c: Agreement, changed: readonly PartitionMove[], hasBaseline: boolean): string {
  return (
    `Agreement with the published matrix: <strong data-agree-cell="${c.position.agree}">${c.position.agree} of ${c.position.of}</strong> groups in the published cell, ` +
    `<strong data-agree-pattern="${c.pattern.agree}">${c.pattern.agree} of ${c.pattern.of}</strong> with the published pattern.` +
    (changed.length
      ? ` Compared with the starting choices, ${changed.length} group${changed.length === 1 ? '' : 's'} changed: ${changed
          .map(
            (m) =>
              `${esc(m.group)} (${m.cellBefore !== m.cellAfter ? `was ${esc(m.cellBefore)}` : `was ${esc(PATTERN_LABELS[m.patternBefore])}`})`,
          )
          .join('; ')}.`
      : hasBaseline
        ? ' Every group is where the starting choices put it.'
        : '')
  );
}

/**
 * The line under the agreement: the groups the last change moved (`last`), that it moved none, or nothing
 * before the first change (`hadPrevious` false).
 * @example lastChangeText([{ group_id: 2, group: 'ICs', cellBefore: 'high growth, medium volatility', cellAfter: 'low growth, medium volatility', patternBefore: 'stockpiling', patternAfter: 'substitution', G: 0.45, V: 0.27 }], true);
 * // => 'Last change moved: ICs from high growth, medium volatility to low growth, medium volatility (Stockpiling / policy-disturbed → Successful import substitution).'
 * @example lastChangeText([], true); // => 'Last change moved no group.'
 */
export function lastChangeText(last: readonly PartitionMove[], hadPrevious: boolean): string {
  if (last.length)
    return `Last change moved: ${last.map((m) => `${m.group} from ${m.cellBefore} to ${m.cellAfter}${m.patternBefore !== m.patternAfter ? ` (${PATTERN_LABELS[m.patternBefore]} → ${PATTERN_LABELS[m.patternAfter]})` : ''}`).join('; ')}.`;
  return hadPrevious ? 'Last change moved no group.' : '';
}

/**
 * What the page says about a shared link's settings it had to adjust (nothing when none).
 * @example linkProblemsText(['unknown setting "zoom" (ignored)']); // => 'The link\'s settings were adjusted: unknown setting "zoom" (ignored).'
 */
export function linkProblemsText(problems: readonly string[]): string {
  return problems.length ? `The link's settings were adjusted: ${problems.join('; ')}.` : '';
}

/**
 * What the page says when the library rejects the settings.
 * @example errorText(new Error('resolveThresholds: volatilityMedium must not exceed volatilityHigh'));
 * // => 'No result for these settings — the library says: resolveThresholds: volatilityMedium must not exceed volatilityHigh'
 */
export function errorText(e: unknown): string {
  return `No result for these settings — the library says: ${(e as Error).message}`;
}
