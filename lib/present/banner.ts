/**
 * The one-line banner at the top of every notebook, made by code, never typed: which data the
 * notebook reads (the SYNTHETIC teaching panel, the user's imported data, or only the real code
 * lists) and the parameters that differ from their defaults.
 *
 * @module present/banner
 */
import { describeValue } from '../core/errors.js';
import { shownPath } from '../io/paths.js';
import type { DataSource } from '../core/types.js';
import { displayHtml, escapeHtml } from './display.js';
import { parameterChanges, type ParameterChange } from './notebook.js';
import { CHOICE_NAMES, DEFAULT_CHOICES, type StudyChoices } from '../steps/choices.js';

/**
 * What the banner knows of the parameters: the overrides injected by `--set` (`changed`) and, when a notebook
 * passes it, the `params` object in use — so a value typed by hand into the parameters cell is seen too.
 */
export interface BannerParameters {
  changed?: ParameterChange[];
  params?: Readonly<Record<string, unknown>>;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The parameters part of a banner: `--set` overrides with their defaults, then every choice-named parameter of
 * `params` whose value is not the library's default (DEFAULT_CHOICES) and was not set by `--set` — a hand edit of
 * the parameters cell, or a notebook's own choice; "Parameters: defaults" only when there is neither.
 * @example parametersText({ changed: [], params: { dataSource: 'synthetic', growth: 0.4 } });
 * // => 'Parameters differing from the library defaults: growth = 0.4 (library default 0.5)'
 * @example parametersText({ changed: [{ name: 'growth', value: 0.4, default: 0.5 }], params: { growth: 0.4 } });
 * // => 'Parameters changed: growth = 0.4 (default 0.5)'
 * @example parametersText({ changed: [], params: { growth: 0.5 } }); // => 'Parameters: defaults'
 */
export function parametersText(p: BannerParameters = {}): string {
  const changed = p.changed ?? parameterChanges();
  const parts: string[] = [];
  if (changed.length)
    parts.push(
      'Parameters changed: ' +
        changed.map((c) => `${c.name} = ${describeValue(c.value)} (default ${describeValue(c.default)})`).join('; '),
    );
  const differing = Object.entries(p.params ?? {}).filter(
    ([k, v]) =>
      (CHOICE_NAMES as readonly string[]).includes(k) &&
      !changed.some((c) => c.name === k) &&
      !sameValue(v, DEFAULT_CHOICES[k as keyof StudyChoices]),
  );
  if (differing.length)
    parts.push(
      'Parameters differing from the library defaults: ' +
        differing
          .map(
            ([k, v]) =>
              `${k} = ${describeValue(v)} (library default ${describeValue(DEFAULT_CHOICES[k as keyof StudyChoices])})`,
          )
          .join('; '),
    );
  return parts.length ? parts.join(' · ') : 'Parameters: defaults';
}

function asParameters(x: ParameterChange[] | BannerParameters): BannerParameters {
  return Array.isArray(x) ? { changed: x } : x;
}

/**
 * The one-line banner text: data source, period, the combined January–February months when the panel has
 * them (lib/core/jan-feb.ts; treated by the janFeb choice) and changed parameters.
 * @example bannerText({ kind: 'synthetic', label: 'SYNTHETIC teaching panel', files: [], period: ['2015-01', '2025-06'] }, []);
 * // => 'Data: SYNTHETIC teaching panel · 2015-01 to 2025-06 · Parameters: defaults'
 * @example bannerText({ kind: 'imported', label: 'x.csv', files: [], period: ['2019-01', '2021-12'],
 *   janFeb: { years: [2020, 2021], codes: 3, cells: 6, text: '2020–2021: January and February combined in 3 codes' } }, []);
 * // => 'Data: x.csv · 2019-01 to 2021-12 · 2020–2021: January and February combined in 3 codes (treated by the janFeb choice) · Parameters: defaults'
 * @example bannerText({ kind: 'synthetic', label: 'SYNTHETIC teaching panel, 2015-01 to 2025-06', files: [], period: ['2015-01', '2025-06'] }, []);
 * // => 'Data: SYNTHETIC teaching panel, 2015-01 to 2025-06 · Parameters: defaults'
 */
export function bannerText(
  source: DataSource,
  parameters: ParameterChange[] | BannerParameters = parameterChanges(),
): string {
  const params = parametersText(asParameters(parameters));
  const janFeb = source.janFeb?.text ? ` · ${source.janFeb.text} (treated by the janFeb choice)` : '';
  // a label that already names the period (the panels' labels end with it) does not get it twice
  const period = `${source.period[0]} to ${source.period[1]}`;
  const shown = source.label.includes(period) ? '' : ` · ${period}`;
  return `Data: ${source.label}${shown}${janFeb} · ${params}`;
}

/**
 * Show the banner at the top of a notebook (amber for synthetic data, green
 * for imported real data); the text is {@link bannerText}. Pass `{ params }` so that values typed by hand into
 * the parameters cell are named too.
 * @example showBanner(panel.source, { params: { growth: 0.5 } }); // shows 'SYNTHETIC DATA — … Data: SYNTHETIC teaching panel … · Parameters: defaults'
 */
export function showBanner(
  source: DataSource,
  parameters: ParameterChange[] | BannerParameters = parameterChanges(),
): void {
  const text = bannerText(source, parameters);
  const synthetic = source.kind === 'synthetic';
  const style = synthetic
    ? 'background:#fff4d6;border-left:6px solid #e0a100'
    : 'background:#e6f4ea;border-left:6px solid #2e7d32';
  displayHtml(
    `<div class="study-banner" data-source="${source.kind}" style="${style};padding:8px 12px;font-family:system-ui,sans-serif;font-size:14px">` +
      `${synthetic ? '<strong>SYNTHETIC DATA</strong> — for teaching and testing; not China’s import statistics and not the paper’s data. ' : '<strong>Imported data</strong> — '}` +
      `${escapeHtml(text)}</div>`,
    { text },
  );
}

/**
 * The banner text of a notebook that reads only the curated tables and the official code lists
 * (no import panel): which lists are used, and the parameters changed from their defaults. A folder
 * inside the project is named relative to it (the same text in every checkout; no home folder in a
 * shared report); a folder elsewhere as given.
 * @example listBannerText('/ref', []);
 * // => 'Data: real, public code lists — curated tables data/study/*.csv and China Customs HS8 code lists 2015–2025 (/ref) · no import data, nothing synthetic · Parameters: defaults'
 * @example listBannerText(path.join(projectRoot(), 'data', 'reference'), []).includes('2015–2025 (data/reference)'); // => true
 */
export function listBannerText(
  dir: string,
  parameters: ParameterChange[] | BannerParameters = parameterChanges(),
): string {
  const lists = `curated tables data/study/*.csv and China Customs HS8 code lists 2015–2025 (${shownPath(dir)})`;
  const params = parametersText(asParameters(parameters));
  return `Data: real, public code lists — ${lists} · no import data, nothing synthetic · ${params}`;
}

/**
 * Show {@link listBannerText} as the notebook's banner (blue: real reference data, no panel).
 * @example showListBanner('data/reference'); // shows 'REAL CODE LISTS — Data: real, public code lists — …'
 */
export function showListBanner(
  dir: string,
  parameters: ParameterChange[] | BannerParameters = parameterChanges(),
): void {
  const text = listBannerText(dir, parameters);
  displayHtml(
    `<div class="study-banner" data-source="code-lists" style="background:#e8f0fb;border-left:6px solid #1f5fbf;padding:8px 12px;font-family:system-ui,sans-serif;font-size:14px">` +
      `<strong>REAL CODE LISTS</strong> — ${escapeHtml(text)}</div>`,
    { text },
  );
}
