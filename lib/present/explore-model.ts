/**
 * The model of the report's what-if explorer (report/explore.html): the
 * settings a reader can move (growth cut, the two volatility cuts, the
 * semiconductor rule, the base, the weights, the window, the combined January–February treatment), their URL form, and
 * the study computed for them with the library's own functions
 * ({@link indexTable}, {@link partitionGroups}, {@link partitionMatrix},
 * {@link comparePartition}) on the 17 group series of a run.
 *
 * The settings are the study's choices under their library names (a part of
 * `StudyChoices`, with `DEFAULT_CHOICES` as the starting point), so
 * `runStudy({ choices: settings })` computes what the page shows; the tests
 * hold the two equal. The only field of their own is the position of the
 * exponential-rate control, remembered while the weights are not exponential.
 *
 * This module has no Node.js dependency: the page bundles it (with the index and
 * partition modules it calls) so the browser computes exactly what `runStudy`
 * computes.
 *
 * @module present/explore-model
 */
import { fail } from '../core/errors.js';
import {
  DEFAULT_CHOICES,
  resolveChoices,
  weightStrategy,
  type StudyChoices,
  type WeightScheme,
} from '../steps/choices.js';
import { indexTable } from '../steps/indices.js';
import { JAN_FEB_TREATMENTS } from '../steps/jan-feb.js';
import { MONTH_ORIGIN_YEAR, monthIndex } from '../core/months.js';
import {
  comparePartition,
  partitionGroups,
  partitionMatrix,
  type GroupInfo,
  type GrowthBand,
  type MatrixCell,
  type PartitionRow,
  type PublishedPlacement,
  type VolatilityBand,
} from '../steps/partition.js';
import type { Pattern } from '../core/types.js';
import type { ExploreControlsData } from './explore-controls.js';

/** The choices a reader can move in the explorer (the others stay at {@link DEFAULT_CHOICES}). */
export type ExploreChoices = Pick<
  StudyChoices,
  'growth' | 'volatilityHigh' | 'volatilityMedium' | 'semiconductorRule' | 'base' | 'weights' | 'window' | 'janFeb'
>;

/**
 * Everything a reader can move in the explorer: the choices, by their library names, and the position of
 * the exponential-rate control. The window runs from a January to a December (whole years); the weights are
 * 'linear', 'uniform' or {exponential: rate}, and when exponential their rate equals `rate`.
 */
export interface ExploreSettings extends ExploreChoices {
  /** Rate r of exponential weights w_t = e^{r·t}, per month: the control's position (kept while weights are not exponential). */
  rate: number;
  /** The control economies' points shown beside China's (a view, not a choice of the study; absent: off). */
  showControls?: boolean;
}

/**
 * The weight scheme of the explorer's weights control: its kind, with the rate control's value when exponential.
 * (The reverse, a scheme's kind, is `weightStrategy(scheme).kind`.)
 * @example exploreWeights('exponential', 0.03); // => { exponential: 0.03 }
 * @example exploreWeights('uniform', 0.03); // => 'uniform'
 */
export function exploreWeights(kind: string, rate: number): WeightScheme {
  return kind === 'exponential' ? { exponential: rate } : kind === 'uniform' ? 'uniform' : 'linear';
}

/** The exponential rate offered when the library's default weights are not exponential (notebook 07 sweeps the same rate). */
export const EXPLORE_DEFAULT_RATE = 0.02;

/**
 * The first and last year of a whole-year window.
 * @throws {StudyError} when the window does not run from a January to a December
 * @example windowYears(['2017-01', '2024-12']); // => [2017, 2024]
 */
export function windowYears(window: readonly [string, string]): [number, number] {
  if (!/^\d{4}-01$/.test(window[0]) || !/^\d{4}-12$/.test(window[1]))
    fail('windowYears', 'the window must run from a January to a December', window);
  return [Number(window[0].slice(0, 4)), Number(window[1].slice(0, 4))];
}

/**
 * The whole-year window from a first to a last year.
 * @example yearsWindow(2017, 2024); // => ['2017-01', '2024-12']
 */
export function yearsWindow(first: number, last: number): [string, string] {
  return [`${first}-01`, `${last}-12`];
}

/**
 * The explorer's starting point and its "reset" target: the library's defaults
 * ({@link DEFAULT_CHOICES}: the printed cuts, the semiconductor rule, and the
 * project's choices for what the slides leave open).
 * @throws {StudyError} when the library's default window is not whole calendar years or its weights are explicit numbers
 * @example exploreDefaults().growth; // => 0.5
 * @example exploreDefaults().weights; // => 'linear'
 */
export function exploreDefaults(): ExploreSettings {
  const o = DEFAULT_CHOICES;
  windowYears(o.window);
  const w = weightStrategy(o.weights, 'exploreDefaults');
  if (w.kind === 'explicit') fail('exploreDefaults', 'explicit default weights cannot be explored', o.weights);
  return {
    growth: o.growth,
    volatilityHigh: o.volatilityHigh,
    volatilityMedium: o.volatilityMedium,
    semiconductorRule: o.semiconductorRule,
    base: o.base,
    weights: o.weights,
    window: [o.window[0], o.window[1]],
    janFeb: o.janFeb,
    rate: w.rate ?? EXPLORE_DEFAULT_RATE,
  };
}

/** URL keys of the settings, in the order they are written. */
const KEYS = ['g', 'vh', 'vm', 'semi', 'base', 'w', 'rate', 'from', 'to', 'jf'] as const;

/**
 * The settings as a URL fragment (without '#'): every setting, so a shared link
 * keeps its meaning even if the library's defaults change; then `ctl=on` when the
 * control economies are shown (off, the page's default, is not written).
 * @example settingsToHash({ ...exploreDefaults(), growth: 0.7, base: 'first', weights: 'uniform', window: ['2017-01', '2024-12'] });
 * // => 'g=0.7&vh=0.3&vm=0.24&semi=on&base=first&w=uniform&rate=0.02&from=2017&to=2024&jf=split-share'
 */
export function settingsToHash(s: ExploreSettings): string {
  const base = s.base === 'first' ? 'first' : `mean${s.base.meanOfFirst}`;
  const kind = weightStrategy(s.weights, 'settingsToHash').kind;
  const [from, to] = windowYears(s.window);
  const vals: Record<(typeof KEYS)[number], string> = {
    g: String(s.growth),
    vh: String(s.volatilityHigh),
    vm: String(s.volatilityMedium),
    semi: s.semiconductorRule ? 'on' : 'off',
    base,
    w: kind === 'exponential' ? 'exp' : kind,
    rate: String(s.rate),
    from: String(from),
    to: String(to),
    jf: s.janFeb,
  };
  return KEYS.map((k) => `${k}=${encodeURIComponent(vals[k])}`).join('&') + (s.showControls ? '&ctl=on' : '');
}

/**
 * Read settings from a URL fragment ('#' optional). Keys absent keep the
 * defaults; a key with a bad value keeps its default and is reported in
 * `problems` (the page shows them; nothing throws).
 * @example settingsFromHash('#g=0.7&semi=off', exploreDefaults()).settings.semiconductorRule; // => false
 * @example settingsFromHash('g=abc', exploreDefaults()).problems; // => ['g: "abc" is not a number (kept 0.5)']
 * @example settingsFromHash('#ctl=on', exploreDefaults()).settings.showControls; // => true
 */
export function settingsFromHash(
  hash: string,
  defaults: ExploreSettings,
): { settings: ExploreSettings; problems: string[] } {
  const s: ExploreSettings = { ...defaults };
  const problems: string[] = [];
  const text = hash.replace(/^#/, '');
  if (!text) return { settings: s, problems };
  let [from, to] = windowYears(defaults.window);
  let kind = weightStrategy(defaults.weights, 'settingsFromHash').kind;
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const raw = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    const num = (kept: number): number | undefined => {
      const v = raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(v)) {
        problems.push(`${key}: "${raw}" is not a number (kept ${kept})`);
        return undefined;
      }
      return v;
    };
    const year = (kept: number): number | undefined => {
      const v = num(kept);
      if (v === undefined) return undefined;
      if (!Number.isInteger(v) || v < 1900 || v > 2200) {
        problems.push(`${key}: "${raw}" is not a year (kept ${kept})`);
        return undefined;
      }
      return v;
    };
    switch (key) {
      case 'g':
        s.growth = num(s.growth) ?? s.growth;
        break;
      case 'vh':
        s.volatilityHigh = num(s.volatilityHigh) ?? s.volatilityHigh;
        break;
      case 'vm':
        s.volatilityMedium = num(s.volatilityMedium) ?? s.volatilityMedium;
        break;
      case 'rate':
        s.rate = num(s.rate) ?? s.rate;
        break;
      case 'from':
        from = year(from) ?? from;
        break;
      case 'to':
        to = year(to) ?? to;
        break;
      case 'jf':
        // 'error' is not offered: the page computes; it would stop on combined months
        if (raw !== 'error' && (JAN_FEB_TREATMENTS as readonly string[]).includes(raw))
          s.janFeb = raw as ExploreSettings['janFeb'];
        else problems.push(`jf: "${raw}" is not split-share, split-even or merge (kept ${s.janFeb})`);
        break;
      case 'ctl':
        if (raw === 'on' || raw === 'off') s.showControls = raw === 'on';
        else problems.push(`ctl: "${raw}" is not on or off (kept ${s.showControls ? 'on' : 'off'})`);
        break;
      case 'semi':
        if (raw === 'on' || raw === 'off') s.semiconductorRule = raw === 'on';
        else problems.push(`semi: "${raw}" is not on or off (kept ${s.semiconductorRule ? 'on' : 'off'})`);
        break;
      case 'w':
        if (raw === 'linear' || raw === 'uniform') kind = raw;
        else if (raw === 'exp') kind = 'exponential';
        else problems.push(`w: "${raw}" is not linear, uniform or exp (kept ${kind === 'exponential' ? 'exp' : kind})`);
        break;
      case 'base': {
        const m = /^mean(\d+)$/.exec(raw);
        if (raw === 'first') s.base = 'first';
        else if (m && Number(m[1]) >= 1) s.base = { meanOfFirst: Number(m[1]) };
        else
          problems.push(
            `base: "${raw}" is not first or meanK (kept ${s.base === 'first' ? 'first' : `mean${s.base.meanOfFirst}`})`,
          );
        break;
      }
      default:
        problems.push(`unknown setting "${key}" (ignored)`);
    }
  }
  s.window = yearsWindow(from, to);
  s.weights = exploreWeights(kind, s.rate);
  return { settings: s, problems };
}

/** What the page embeds: the 17 group series of the run (batch 1), the published partition and the data source. */
export interface ExploreData {
  /** Contiguous ascending months, YYYY-MM. */
  months: string[];
  /** The groups, in group_id order. */
  groups: GroupInfo[];
  /** series[i][t]: imports of groups[i] in months[t], US dollars; null = missing month. */
  series: (number | null)[][];
  /** The published matrix cell and pattern of each group (data/study/published.json). */
  published: (PublishedPlacement & { group: string; matrix_label: string })[];
  /** The run's data source; janFeb: its combined January–February years and line (lib/core/jan-feb.ts), when any. */
  source: {
    kind: 'synthetic' | 'imported';
    label: string;
    period: [string, string];
    janFeb?: { years: number[]; text: string };
  };
  /** The run's source note (sourceNote of the pipeline). */
  sourceNote: string;
  /** The published matrix's column headers as printed (high growth, low growth), when known. */
  publishedColumns?: [string, string];
  /** The control economies shown beside China's (notebook 09's; present/explore-controls.ts), when the builder adds them. */
  controls?: ExploreControlsData;
}

/**
 * The data the page embeds, from a batch-1 group panel (the pipeline's `groupPanel`):
 * each group's series in group_id order, NaN months as null (JSON has no NaN).
 * @throws {StudyError} when the group panel is not batch 1 or a group has no series
 * @example exploreData({ batch: 1, months: ['2015-01'], codes: ['Polymers'], values: [Float64Array.of(NaN)],
 *   groups: [{ group_id: 12, group: 'Polymers', matrixLabel: 'Polymers', category: 'intermediate', semiconductor: false }] },
 *   [], { kind: 'synthetic', label: 'SYNTHETIC', period: ['2015-01', '2015-01'] }, 'Data: SYNTHETIC').series; // => [[null]]
 */
export function exploreData(
  gp: { batch: number; months: string[]; codes: string[]; values: ArrayLike<number>[]; groups: GroupInfo[] },
  published: ExploreData['published'],
  source: ExploreData['source'],
  sourceNote: string,
): ExploreData {
  if (gp.batch !== 1)
    fail('exploreData', 'the explorer compares with the published matrix, which exists for batch 1 only', gp.batch);
  const pos = new Map(gp.codes.map((c, k) => [c, k] as const));
  const series = gp.groups.map((g) => {
    const k = pos.get(g.group);
    if (k === undefined) fail('exploreData', 'group has no series in the group panel', g.group);
    return Array.from(gp.values[k!], (v) => (Number.isNaN(v) ? null : v));
  });
  return {
    months: [...gp.months],
    groups: gp.groups.map((g) => ({
      group_id: g.group_id,
      group: g.group,
      matrixLabel: g.matrixLabel,
      category: g.category,
      semiconductor: g.semiconductor,
      // HS6 data: a joint group of shared headings lists its Table-1 groups (not compared one by one)
      ...(g.members ? { members: g.members } : {}),
    })),
    series,
    published: published.map((p) => ({
      group_id: p.group_id,
      group: p.group,
      matrix_label: p.matrix_label,
      growth: p.growth,
      volatility: p.volatility,
      pattern: p.pattern,
    })),
    source: {
      kind: source.kind,
      label: source.label,
      period: [source.period[0], source.period[1]],
      ...(source.janFeb ? { janFeb: { years: [...source.janFeb.years], text: source.janFeb.text } } : {}),
    },
    sourceNote,
  };
}

/** {@link ExploreData} ready to compute on: series as Float64Arrays (null → NaN), keyed by group name. */
export interface ExploreInput {
  data: ExploreData;
  panel: { months: string[]; codes: string[]; values: Float64Array[]; source: { janFeb?: { years: number[] } } };
}

/**
 * Check embedded data and prepare it for {@link computeExplore}.
 * @throws {StudyError} naming the field when the data are malformed
 * @example prepareExplore({ months: ['2015-01'], groups: [], series: [], published: [], source: { kind: 'synthetic', label: 'S', period: ['2015-01', '2015-01'] }, sourceNote: 'S' }).panel.codes; // => []
 */
export function prepareExplore(data: ExploreData): ExploreInput {
  const fn = 'prepareExplore';
  if (!data || typeof data !== 'object') fail(fn, 'data must be an object', data);
  if (!Array.isArray(data.months) || data.months.some((m) => typeof m !== 'string'))
    fail(fn, 'months must be an array of YYYY-MM', data.months);
  if (!Array.isArray(data.groups) || !Array.isArray(data.series) || data.series.length !== data.groups.length)
    fail(fn, 'series must hold one array per group', { groups: data.groups?.length, series: data.series?.length });
  const values = data.series.map((s, i) => {
    if (!Array.isArray(s) || s.length !== data.months.length)
      fail(fn, `series of ${data.groups[i].group} must have one value per month (${data.months.length})`, s?.length);
    return Float64Array.from(s, (v) => (v === null ? NaN : v));
  });
  const source = data.source?.janFeb ? { janFeb: { years: data.source.janFeb.years } } : {};
  return { data, panel: { months: data.months, codes: data.groups.map((g) => g.group), values, source } };
}

/**
 * The calendar years whose twelve months are all in the data (the window can start and end there).
 * @throws {StudyError} when a month is not YYYY-MM
 * @example fullYears(['2014-12', '2015-01', '2015-02']); // => []
 * @example fullYears(['2015-01', '2015-02', '2015-03', '2015-04', '2015-05', '2015-06', '2015-07', '2015-08', '2015-09', '2015-10', '2015-11', '2015-12', '2016-01']); // => [2015]
 */
export function fullYears(months: readonly string[]): number[] {
  if (months.length === 0) return [];
  const first = monthIndex(months[0]);
  const last = monthIndex(months[months.length - 1]);
  // month indices count from January of MONTH_ORIGIN_YEAR
  const y0 = MONTH_ORIGIN_YEAR + Math.ceil(first / 12);
  const y1 = MONTH_ORIGIN_YEAR + Math.floor((last + 1) / 12) - 1;
  const out: number[] = [];
  for (let y = y0; y <= y1; y++) out.push(y);
  return out;
}

/** One group's result in the explorer. */
export interface ExploreRow extends PartitionRow {
  publishedGrowth: GrowthBand | null;
  publishedVolatility: VolatilityBand | null;
  publishedPattern: Pattern | null;
}

/** The study for one setting. */
export interface ExploreResult {
  settings: ExploreSettings;
  /** Every choice, resolved (the settings, the others at their defaults). */
  choices: StudyChoices;
  /** One row per group with indices, in group_id order. */
  rows: ExploreRow[];
  matrix: MatrixCell[];
  comparison: ReturnType<typeof comparePartition>;
}

/**
 * The study for one setting, wired as `runStudy` wires it: indices of every
 * group series ({@link indexTable}), the groups whose indices are defined
 * partitioned ({@link partitionGroups}), the matrix and the comparison with
 * the published partition.
 * @throws {StudyError} from the library when the setting is invalid for the data (e.g. a window outside the months)
 * @example const input = prepareExplore(exploreData(gp, loadPublished().partition, panel.source, sourceNote(panel.source)));
 * computeExplore(input, exploreDefaults()).comparison.pattern.agree; // => 17 (on the SYNTHETIC panel, by construction)
 */
export function computeExplore(input: ExploreInput, s: ExploreSettings): ExploreResult {
  const choices = resolveChoices(s);
  const byName = new Map(indexTable(input.panel, choices).map((r) => [r.key, r] as const));
  const ok = input.data.groups.map((g) => ({ g, r: byName.get(g.group)! })).filter((x) => x.r.status === 'ok');
  const partition = partitionGroups(
    ok.map((x) => ({ group_id: x.g.group_id, G: x.r.G!, V: x.r.V! })),
    input.data.groups,
    choices,
  );
  const pub = new Map(input.data.published.map((p) => [p.group_id, p] as const));
  const rows = partition.map((r) => {
    const p = pub.get(r.group_id);
    return {
      ...r,
      publishedGrowth: p?.growth ?? null,
      publishedVolatility: p?.volatility ?? null,
      publishedPattern: p?.pattern ?? null,
    };
  });
  return {
    settings: s,
    choices,
    rows,
    matrix: partitionMatrix(partition),
    comparison: comparePartition(partition, input.data.published),
  };
}
