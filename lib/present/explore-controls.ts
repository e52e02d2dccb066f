/**
 * The control economies in the report's what-if explorer (report/explore.html; issue 25): what the page
 * embeds about them, their group series rebuilt in the page, and their G and V under the page's current
 * settings, computed with the library's own {@link controlIndices} (the function notebook 09 calls), so
 * the grey points move with the sliders exactly as notebook 09's would.
 *
 * The controls are chosen as notebook 09 chooses them: on SYNTHETIC data the SYNTHETIC control economies
 * ("Control A" …, lib/synthetic/controls.ts), which the page does not embed but regenerates from China's
 * embedded series and the seed (the generator is pure and seeded: the same numbers as the notebook's, and a
 * page a few kB larger instead of some 130 kB); on imported data each fetched reporter's group series,
 * embedded (HS6, the reporter's own panel; never mixed with China's).
 *
 * @module present/explore-controls
 */
import { fail } from '../core/errors.js';
import { resolveChoices } from '../steps/choices.js';
import { controlIndices, type ControlIndexRow, type EconomySeries } from '../steps/controls.js';
import type { GroupInfo } from '../steps/partition.js';
import { syntheticControls } from '../synthetic/controls.js';
import type { ExploreSettings } from './explore-model.js';

/** One imported control economy's group series as the page embeds them (null = a missing month). */
export interface ExploreEconomy {
  economy: string;
  months: string[];
  codes: string[];
  series: (number | null)[][];
  janFebYears?: number[];
}

/**
 * The control economies of the page: SYNTHETIC (regenerated in the page from China's series and the seed),
 * imported (embedded), or none (`label` says why). `label` is what a reader sees beside the checkbox.
 */
export type ExploreControlsData =
  | { kind: 'synthetic'; label: string; seed: number; economies: number }
  | { kind: 'imported'; label: string; economies: ExploreEconomy[] }
  | { kind: 'none'; label: string };

/** China's group series of the page, the generator's input (the run's batch-1 groups, NaN = missing). */
export interface ExploreChina {
  months: string[];
  codes: string[];
  values: Float64Array[];
  janFebYears?: number[];
}

/**
 * The control economies' group series: regenerated with {@link syntheticControls} (SYNTHETIC), read from the
 * embedded series (imported), or none.
 * @throws {StudyError} from the generator, or on embedded series of the wrong length
 * @example const china = { months: gp.months, codes: gp.codes, values: gp.values };
 * controlSeries({ kind: 'synthetic', label: 'SYNTHETIC', seed: 1, economies: 2 }, china, gp.groups).map((e) => e.economy); // => ['Control A', 'Control B']
 * @example controlSeries({ kind: 'none', label: 'none fetched' }, { months: [], codes: [], values: [] }, []); // => []
 */
export function controlSeries(
  c: ExploreControlsData,
  china: ExploreChina,
  groups: readonly GroupInfo[],
): EconomySeries[] {
  if (c.kind === 'none') return [];
  if (c.kind === 'synthetic')
    return syntheticControls(
      {
        economy: 'China',
        months: china.months,
        codes: china.codes,
        values: china.values,
        source: 'SYNTHETIC',
        janFebYears: china.janFebYears,
      },
      groups,
      { seed: c.seed, economies: c.economies },
    );
  return c.economies.map((e) => {
    if (e.series.length !== e.codes.length || e.series.some((s) => s.length !== e.months.length))
      fail('controlSeries', `series of ${e.economy} must hold one value per month for each code`, e.economy);
    return {
      economy: e.economy,
      months: e.months,
      codes: e.codes,
      values: e.series.map((s) => Float64Array.from(s, (v) => (v === null ? NaN : v))),
      source: c.label,
      ...(e.janFebYears ? { janFebYears: e.janFebYears } : {}),
    };
  });
}

/**
 * The controls' G, V, cell and pattern of every group under the page's settings: {@link controlIndices}
 * with the settings resolved as the page resolves China's.
 * @throws {StudyError} from the library when the settings do not fit a control's data
 * @example const china = { months: gp.months, codes: gp.codes, values: gp.values };
 * const controls = controlSeries({ kind: 'synthetic', label: 'SYNTHETIC', seed: 1, economies: 2 }, china, gp.groups);
 * exploreControlRows(controls, gp.groups, { ...DEFAULT_CHOICES, rate: 0.02 }).length; // => 34 (2 controls × 17 groups)
 */
export function exploreControlRows(
  controls: readonly EconomySeries[],
  groups: readonly GroupInfo[],
  s: ExploreSettings,
): ControlIndexRow[] {
  return controls.length ? controlIndices(controls, groups, resolveChoices(s)) : [];
}

/**
 * A control point's tooltip: the economy (SYNTHETIC said so), the group, G and V, and the cell.
 * @example controlPointTitle({ economy: 'Control A', group: 'Polymers', G: 0.1234, V: 0.05, cell: 'low growth, low volatility' }, true);
 * // => 'Control A (SYNTHETIC) — Polymers: G = 0.123, V = 0.050; low growth, low volatility'
 */
export function controlPointTitle(
  r: Pick<ControlIndexRow, 'economy' | 'group' | 'G' | 'V' | 'cell'>,
  synthetic: boolean,
): string {
  const f = (x: number) => (Object.is(x, -0) ? 0 : x).toFixed(3);
  return `${r.economy}${synthetic ? ' (SYNTHETIC)' : ''} — ${r.group}: G = ${f(r.G)}, V = ${f(r.V)}; ${r.cell}`;
}
