/**
 * The report's what-if explorer, report/explore.html: one self-contained page
 * (no asset, no network; works from file:// and the local server) where a reader
 * moves the growth cut, the volatility cuts, the semiconductor rule, the base,
 * the weights and the window, and sees the 17 groups' scatter, the 3 × 2 matrix,
 * each group's pattern and the agreement with the published matrix update.
 *
 * Design: the page embeds the run's 17 group series (batch 1, summed from the
 * run's panel, synthetic or imported) as JSON and the library's own index and
 * partition modules, bundled by esbuild with the page's browser code
 * (lib/present/explore/, entry main.ts) into one script. The page therefore
 * computes with exactly the functions runStudy calls; tests/study/report/explore.test.ts
 * checks the two agree in Chromium.
 *
 * The control economies (issue 25, notebook 09) can be shown beside China's: the page data name
 * them (exploreControlsFor: the SYNTHETIC controls on SYNTHETIC data, regenerated in the page from
 * the seed; each fetched reporter's group series on imported data) and the page computes their G
 * and V under its settings with controlIndices (lib/present/explore-controls.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { escapeHtml } from '../../lib/present/display.js';
import { patternPhrase } from '../../lib/present/palette.js';
import { loadGroups } from '../../lib/io/data.js';
import { DEFAULT_CHOICES, weightStrategy } from '../../lib/steps/choices.js';
import { loadPanel } from '../../lib/io/panel.js';
import { projectPath } from '../../lib/io/paths.js';
import { groupPanel } from '../../lib/steps/grouping.js';
import { detectJanFeb, foldJanFeb, janFebSource } from '../../lib/steps/jan-feb.js';
import { sourceNote, type DataSourceKind } from '../../lib/io/panel.js';
import { loadPublished } from '../../lib/io/published.js';
import { exploreData, exploreDefaults, fullYears, prepareExplore, windowYears, type ExploreData, type ExploreSettings } from '../../lib/present/explore-model.js';
import type { Panel } from '../../lib/core/types.js';
import { controlSeries, exploreControlRows, type ExploreControlsData, type ExploreEconomy } from '../../lib/present/explore-controls.js';
import { SYNTHETIC_CONTROLS_SEED } from '../../lib/synthetic/controls.js';
import { runStudy } from '../../lib/study.js';
import { resolveReporter, CHINA_REPORTER } from '../../lib/io/reporters.js';
import { importedDir } from '../../lib/io/paths.js';

/** The browser entry point bundled into the page. */
export const EXPLORE_CLIENT = 'lib/present/explore/main.ts';

let bundled: string | undefined;

/** The explorer's browser code with the library modules it uses, as one IIFE (bundled once per process). */
export function exploreBundle(): string {
  if (bundled === undefined) {
    const out = buildSync({
      entryPoints: [projectPath(EXPLORE_CLIENT)],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
      charset: 'utf8',
      write: false,
      logLevel: 'silent',
    });
    bundled = out.outputFiles[0].text;
  }
  return bundled;
}

/** The data source a study run used: the partition notebook's `dataSource` parameter, else any notebook's, else synthetic. */
export function runDataSource(results: { notebook: string; parameters: Record<string, unknown> }[]): DataSourceKind {
  const of = (r?: { parameters: Record<string, unknown> }) => r?.parameters.dataSource as DataSourceKind | undefined;
  const kind = of(results.find((r) => r.notebook === '04-partition')) ?? results.map(of).find((k) => k !== undefined) ?? 'synthetic';
  if (kind !== 'synthetic' && kind !== 'imported') throw new Error(`explore: dataSource must be "synthetic" or "imported", got ${JSON.stringify(kind)}`);
  return kind;
}

/** Notebook 09's choice of controls in a run: its seed and reporters parameters, when the run has the notebook. */
export function runControlsParams(results: { notebook: string; parameters: Record<string, unknown> }[]): { seed?: number; reporters?: string[] } {
  const p = results.find((r) => r.notebook === '09-controls')?.parameters ?? {};
  return {
    ...(typeof p.seed === 'number' ? { seed: p.seed } : {}),
    ...(Array.isArray(p.reporters) ? { reporters: p.reporters.map(String) } : {}),
  };
}

/** The reporters whose panels were fetched (\`<imported>/reporters/<code>/panel.csv\`), in code order. */
function fetchedReporters(): string[] {
  const dir = path.join(importedDir(), 'reporters');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((c) => /^\d+$/.test(c) && c !== CHINA_REPORTER && fs.existsSync(path.join(dir, c, 'panel.csv')))
    .sort((a, b) => Number(a) - Number(b));
}

/**
 * The control economies of the page, chosen as notebook 09 chooses them: on SYNTHETIC data the SYNTHETIC controls
 * (seed: the notebook's), regenerated by the page; on imported data each reporter's imported group series (the
 * notebook's reporters, else every fetched one), embedded. Checked here with the library at the starting choices:
 * controls that cannot be computed become 'none', with the reason the page shows.
 */
export function exploreControlsFor(data: ExploreData, o: { seed?: number; reporters?: string[] } = {}): ExploreControlsData {
  let c: ExploreControlsData;
  if (data.source.kind === 'synthetic') {
    const seed = o.seed ?? SYNTHETIC_CONTROLS_SEED;
    c = { kind: 'synthetic', label: `SYNTHETIC control economies Control A–F (notebook 09, seed ${seed}): a common global component per group plus each economy's own noise — not any real economy's data`, seed, economies: 6 };
  } else {
    const economies: ExploreEconomy[] = [];
    for (const code of o.reporters ?? fetchedReporters()) {
      try {
        const r = runStudy({ dataSource: 'imported', reporter: code });
        const who = resolveReporter(code);
        const gp = r.groupPanel;
        economies.push({
          economy: who.iso3 === 'S19' ? 'Other Asia, nes (490)' : who.iso3,
          months: [...gp.months],
          codes: [...gp.codes],
          series: gp.values.map((v) => Array.from(v, (x) => (Number.isNaN(x) ? null : x))),
          ...(r.panel.source.janFeb?.years.length ? { janFebYears: [...r.panel.source.janFeb.years] } : {}),
        });
      } catch {
        // not fetched: the notebook lists it as not found; the page shows the others
      }
    }
    c = economies.length
      ? { kind: 'imported', label: `Control economies: UN Comtrade, imported per reporter (${economies.map((e) => e.economy).join(', ')}), HS6`, economies }
      : { kind: 'none', label: 'No control economy in this run: fetch their data with npm run data:fetch -- comtrade --reporter KOR,JPN,… (notebook 09).' };
  }
  if (c.kind === 'none') return c;
  try {
    const input = prepareExplore(data);
    const china = { ...input.panel, janFebYears: data.source.janFeb?.years };
    exploreControlRows(controlSeries(c, china, data.groups), data.groups, exploreDefaults());
    return c;
  } catch (e) {
    return { kind: 'none', label: `The control economies could not be computed here: ${(e as Error).message}` };
  }
}

const CSS = `
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;margin:0;color:#1f2328;line-height:1.45}
nav.study-nav{font-size:14px;padding:8px 16px;background:#f3f5f7;border-bottom:1px solid #d0d7de;display:flex;gap:18px;flex-wrap:wrap}
nav.study-nav a{color:#0b5cad;text-decoration:none}
main{max-width:1320px;margin:0 auto;padding:0 1.2em 3em}
h1{font-size:1.6em;margin:.7em 0 .3em}h2{font-size:1.15em;margin:1.2em 0 .4em}
.banner{padding:10px 14px;margin:.6em 0 1em}
.banner[data-source=synthetic]{border-left:6px solid #e0a100;background:#fff4d6}
.banner[data-source=imported]{border-left:6px solid #2e7d32;background:#e6f4ea}
.layout{display:grid;grid-template-columns:minmax(300px,340px) 1fr;gap:1.6em;align-items:start}
@media (max-width:900px){.layout{grid-template-columns:1fr}}
form#controls{position:sticky;top:8px;background:#f8f9fa;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;font-size:14px}
fieldset{border:0;border-top:1px solid #d0d7de;margin:6px 0 0;padding:6px 0 4px}
legend{font-weight:600;padding:0 4px 0 0}
.ctl{margin:6px 0 8px}.ctl label{display:block}
.ctl .row{display:flex;align-items:center;gap:8px}
.ctl input[type=range]{flex:1;min-width:0}
output{font-variant-numeric:tabular-nums;min-width:3.6em;text-align:right;font-weight:600}
.hint{color:#57606a;font-size:12px;margin:0}
.radio{margin:2px 0}.off{opacity:.45}
input:focus-visible,button:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
button#reset{margin:10px 0 4px;padding:6px 12px;font-size:14px;border:1px solid #0b5cad;background:#fff;color:#0b5cad;border-radius:4px;cursor:pointer}
button#reset:hover{background:#eef4fb}
table{border-collapse:collapse;margin:.4em 0;font-size:14px}
td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:4px 0}
table.choices td,table.choices th{font-size:12px;padding:2px 5px}
.matrices{display:flex;gap:1em;flex-wrap:wrap}.matrices table{font-size:13px;flex:1 1 300px}.matrices td,.matrices th{padding:3px 5px}
.p-substitution{color:#00795a}.p-no-effect{color:#0063a0}.p-stockpiling{color:#b34700}.none{color:#999}
mark.moved{background:#ffe58f;padding:0 2px;border-radius:2px}
tr.moved{background:#fff8db}td.differs{color:#b00020}
#summary{font-size:15px;margin:.2em 0 .3em}#last-change{color:#57606a;margin:0 0 .4em;min-height:1.4em}
#error{background:#fde7e9;border-left:6px solid #b00020;padding:8px 12px}
#url-problems{background:#fff4d6;padding:6px 10px;font-size:13px}
.stale figure,.stale .matrices,.stale table#groups{opacity:.35}
figure{margin:.3em 0}figcaption{color:#57606a;font-size:12px}
svg#scatter{width:100%;max-width:720px;height:auto;display:block;font-size:11px}
svg .grid line{stroke:#eee}svg .frame{stroke:#888}svg .axis text{fill:#444}
svg .axis-title{fill:#333;font-size:12px}
svg .cut{stroke:#333;stroke-dasharray:5 3;stroke-width:1.4}svg .cut-v{stroke:#777;stroke-dasharray:2 3}
svg .cut-label{fill:#444;font-size:10px}
svg .ring{fill:none;stroke:#1f2328;stroke-width:2}svg .pt-label{fill:#333;font-size:10px}svg .leader{stroke:#999;stroke-width:.8}svg .pt-label.moved{font-weight:700;fill:#000}
.legend span{margin-right:1.2em;font-size:13px}
#timing{color:#57606a;font-size:12px}
svg .ctl-pt{fill:#8c959f;fill-opacity:.75;stroke:#fff;stroke-width:.6}#controls-note:not([hidden]){display:block}
`;

function slider(id: string, key: string, label: string, v: { min: number; max: number; step: number; value: number }, hint?: string): string {
  return (
    `<div class="ctl"${key === 'rate' ? ' id="rate-row"' : ''}><label for="ctl-${id}">${label}</label>` +
    `<div class="row"><input type="range" id="ctl-${id}" name="${key}" min="${v.min}" max="${v.max}" step="${v.step}" value="${v.value}"${
      hint ? ` aria-describedby="hint-${id}"` : ''
    }><output id="out-${id}" for="ctl-${id}">${v.value}</output></div>${hint ? `<p class="hint" id="hint-${id}">${hint}</p>` : ''}</div>`
  );
}

function radio(name: string, value: string, label: string, checked: boolean): string {
  const id = `ctl-${name}-${value}`;
  return `<div class="radio"><input type="radio" name="${name}" id="${id}" value="${value}"${checked ? ' checked' : ''}><label for="${id}">${label}</label></div>`;
}

const baseText = (b: ExploreSettings['base']) =>
  b === 'first' ? 'the first month of the window' : b.meanOfFirst === 12 ? 'the first-year mean (first 12 months)' : `the mean of the first ${b.meanOfFirst} months`;

/** The explorer page's HTML for a run's data. */
export function explorePageHtml(data: ExploreData, bundle: string): string {
  const d = exploreDefaults();
  const pub = loadPublished();
  const printed = (id: string) => pub.thresholds.find((t) => t.id === id);
  const status = (value: number, id: string) => {
    const t = printed(id);
    return t && t.value === value ? `printed: “${escapeHtml(t.as_printed)}”` : 'project default (not the printed value)';
  };
  const years = fullYears(data.months);
  const [startYear, endYear] = windowYears(d.window);
  const yMin = Math.min(startYear, years[0] ?? startYear);
  const yMax = Math.max(endYear, years[years.length - 1] ?? endYear);
  const weightKind = weightStrategy(d.weights).kind;
  const synthetic = data.source.kind === 'synthetic';
  const baseRadios = [radio('base', 'first', 'first month of the window (x<sub>i1</sub>, the printed formula read literally)', d.base === 'first'), radio('base', 'mean12', 'first-year mean (mean of the first 12 months)', d.base !== 'first' && d.base.meanOfFirst === 12)];
  if (d.base !== 'first' && d.base.meanOfFirst !== 12) baseRadios.push(radio('base', `mean${d.base.meanOfFirst}`, `mean of the first ${d.base.meanOfFirst} months`, true));
  const weightsText = weightKind === 'exponential' ? `exponential (rate ${d.rate})` : weightKind;
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const script = bundle.replace(/<\/script/gi, '<\\/script');
  const legend = (['substitution', 'no effect', 'stockpiling'] as const)
    .map((p) => `<span class="p-${p.replace(' ', '-')}">${p === 'substitution' ? '●' : p === 'no effect' ? '■' : '▲'} ${escapeHtml(patternPhrase(p))}</span>`)
    .join('');

  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>What if? Move the cuts and the open choices — explorer</title>
<link rel="icon" href="data:,">
<style>${CSS}</style></head><body>
<nav class="study-nav" aria-label="Report"><a href="index.html">↑ Study index</a><a href="04-partition.html">04 · Partition</a><a href="07-sensitivity.html">07 · Sensitivity</a></nav>
<main>
<h1>What if? Move the cuts and the open choices</h1>
<div class="banner" data-source="${data.source.kind}">${
    synthetic
      ? '<strong>SYNTHETIC DATA.</strong> This page runs on the <strong>SYNTHETIC teaching panel</strong>, built to follow the published figures: its numbers are neither China\u2019s import statistics nor the paper\u2019s results. At the starting choices (the printed cuts and the project\u2019s defaults) every group lands in its published cell <strong>by construction</strong>; moving the settings shows how the method behaves, not how China\u2019s imports do.'
      : '<strong>Imported data.</strong> This page runs on the trade data imported for this run.'
  }<br><small>Data: ${escapeHtml(data.source.label)}. Batch 1: the 17 technology groups.</small></div>
<p>Each control changes one choice of the study; the page recomputes the growth index G and the volatility index V of the
17 groups with the study library's own functions (the same as <code>runStudy</code> with these settings) and re-partitions
them. Groups that leave the cell they have at the starting choices (the printed cuts and the project's defaults) are <mark class="moved">highlighted</mark> with their old cell.
The settings are in the address bar: copy it to share them. Notebooks <a href="04-partition.html">04 (partition)</a> and
<a href="07-sensitivity.html">07 (sensitivity)</a> explain the choices.</p>
<div class="layout">
<form id="controls" aria-label="Settings of the study">
<fieldset><legend>Partition cuts</legend>
${slider('growth', 'growth', 'Growth cut: high growth when G &gt; cut', { min: -1, max: 4, step: 0.01, value: d.growth })}
${slider('vh', 'volatilityHigh', 'High volatility when V &gt;', { min: 0, max: 1, step: 0.01, value: d.volatilityHigh })}
${slider('vm', 'volatilityMedium', 'Low volatility when V &lt;', { min: 0, max: 1, step: 0.01, value: d.volatilityMedium }, 'Medium between the two cuts (both included). The cuts push each other so the medium band never turns negative.')}
<div class="ctl"><input type="checkbox" id="ctl-semi" name="semiconductorRule"${d.semiconductorRule ? ' checked' : ''} aria-describedby="hint-semi"> <label for="ctl-semi" style="display:inline">Semiconductor rule</label>
<p class="hint" id="hint-semi">On: a high-growth semiconductor-related group counts as stockpiling whatever its volatility (the project's reading of the slides' "semiconductors must be handled separately").</p></div>
</fieldset>
<fieldset id="base-options"><legend>Base of X′<sub>t</sub> = (x<sub>t</sub> − base) / base</legend>
${baseRadios.join('\n')}
</fieldset>
<fieldset><legend>Weights w<sub>t</sub> of the growth index</legend>
${radio('weights', 'linear', 'linear (w<sub>t</sub> = t)', weightKind === 'linear')}
${radio('weights', 'uniform', 'uniform (w<sub>t</sub> = 1)', weightKind === 'uniform')}
${radio('weights', 'exponential', 'exponential (w<sub>t</sub> = e<sup>r·t</sup>)', weightKind === 'exponential')}
${slider('rate', 'rate', 'Exponential rate r per month', { min: -0.05, max: 0.1, step: 0.005, value: d.rate }, 'Used with exponential weights; r &gt; 0 weighs recent months more.')}
</fieldset>
<fieldset><legend>Combined January–February (China Customs publishes them as one figure since 2020)</legend>
${radio('janFeb', 'split-share', 'split by the January share of the years with both months', d.janFeb === 'split-share')}
${radio('janFeb', 'split-even', 'split evenly (half each)', d.janFeb === 'split-even')}
${radio('janFeb', 'merge', 'one two-month period (monthly equivalent, at February)', d.janFeb === 'merge')}
<p class="hint">${escapeHtml(data.source.janFeb?.text || 'No combined January–February in this data: the choice changes nothing here.')}</p>
</fieldset>
<fieldset><legend>Window (January of the first year to December of the last)</legend>
${slider('from', 'startYear', 'First year', { min: yMin, max: yMax, step: 1, value: startYear })}
${slider('to', 'endYear', 'Last year', { min: yMin, max: yMax, step: 1, value: endYear }, `Whole years in the data: ${years.length ? `${years[0]}–${years[years.length - 1]}` : 'none'}.`)}
</fieldset>
<fieldset><legend>Control economies (notebook 09)</legend>
<div class="ctl"><input type="checkbox" id="ctl-controls" name="showControls"${data.controls && data.controls.kind !== 'none' ? '' : ' disabled'} aria-describedby="hint-controls"> <label for="ctl-controls" style="display:inline">Show the control economies</label>
<p class="hint" id="hint-controls">${escapeHtml(data.controls?.label ?? 'No control economies in this page.')}${data.controls && data.controls.kind !== 'none' ? '. Small grey points: each control\u2019s G and V of every group, under these settings, with the same functions as China\u2019s.' : ''}</p></div>
</fieldset>
<button type="button" id="reset">Reset to the printed cuts and the project's defaults</button>
<table class="choices"><caption>The starting choices (the reset): the printed cuts and the project's defaults</caption><tbody>
<tr><th scope="row">Growth cut</th><td>${d.growth}</td><td>${status(d.growth, 'growth_high')}</td></tr>
<tr><th scope="row">Volatility cuts</th><td>${d.volatilityMedium} / ${d.volatilityHigh}</td><td>${status(d.volatilityMedium, 'volatility_medium_from')}; ${status(d.volatilityHigh, 'volatility_high')}</td></tr>
<tr><th scope="row">Semiconductor rule</th><td>${d.semiconductorRule ? 'on' : 'off'}</td><td>the project's reading of the slides (not printed as a rule)</td></tr>
<tr><th scope="row">Base</th><td>${baseText(d.base)}</td><td>${d.base === 'first' ? 'the printed formula (x<sub>i1</sub>)' : 'open choice: project default'}</td></tr>
<tr><th scope="row">Weights</th><td>${weightsText}</td><td>open choice: project default (the slides: “recent data weighted more heavily”)</td></tr>
<tr><th scope="row">Combined January–February</th><td>${d.janFeb}</td><td>open choice: project default (notebook 03 compares the treatments)</td></tr>
<tr><th scope="row">Window</th><td>${startYear}–${endYear}</td><td>open choice: project default (monthly, SD with n − 1: ${DEFAULT_CHOICES.sd === 'sample' ? 'sample' : 'population'})</td></tr>
</tbody></table>
<p id="url-problems" role="alert" hidden></p>
</form>
<section id="results" aria-label="Results">
<p id="summary" aria-live="polite"></p>
<p id="last-change" aria-live="polite"></p>
<div id="error" role="alert" hidden></div>
<figure><svg id="scatter" role="img" aria-label="Growth against volatility of the 17 groups, with the cuts"></svg>
<figcaption><span class="legend">${legend}</span><br>Dashed lines: the cuts. Ringed: a group whose cell differs from its cell at the starting choices. ${escapeHtml(data.sourceNote)}<span id="controls-note" hidden>Grey points: ${escapeHtml(data.controls?.label ?? '')}.</span></figcaption></figure>
<div class="matrices"><table id="matrix-ours" class="matrix"></table><table id="matrix-published" class="matrix"></table></div>
<h2>Each group</h2>
<table id="groups"><caption>Cell and pattern of each group under these settings (${synthetic ? 'SYNTHETIC data' : 'imported data'})</caption>
<thead><tr><th scope="col">#</th><th scope="col">Group</th><th scope="col">G</th><th scope="col">V</th><th scope="col">Cell</th><th scope="col">Pattern</th><th scope="col">Published</th><th scope="col">Since the starting choices</th></tr></thead>
<tbody id="groups-body"></tbody></table>
<p class="hint">${escapeHtml(data.sourceNote)} Published: Naughton &amp; Fang (2025) slides.</p>
<p id="timing"></p>
</section>
</div>
</main>
<script type="application/json" id="explore-data">${json}</script>
<script>${script}</script>
</body></html>
`;
}


/**
 * Write `<outDir>/explore.html` from a data source's panel (or a panel given).
 * Returns the file and its size in bytes.
 */
export function buildExplorePage(
  outDir: string,
  opts: { dataSource?: DataSourceKind; panel?: Panel; controls?: ExploreControlsData; controlsParams?: { seed?: number; reporters?: string[] } } = {},
): { file: string; bytes: number } {
  const loaded = opts.panel ?? loadPanel({ source: opts.dataSource ?? 'synthetic' });
  // combined January–February as runStudy meets it: named in the source, every code of a combined year folded into February
  const found = detectJanFeb(loaded);
  const panel = found.cells.length ? { ...loaded, source: { ...loaded.source, janFeb: janFebSource(found) } } : loaded;
  const gp = groupPanel(foldJanFeb(panel), 1, loadGroups());
  const published = loadPublished();
  // HS6 data: the joint group of shared headings (or the HS8 value shares) says why under the table
  const note = sourceNote(panel.source) + (gp.hs6 ? ` HS6 grouping: ${gp.hs6.note}.` : '');
  const data = exploreData(gp, published.partition, panel.source, note);
  const printed = (id: string) => published.thresholds.find((t) => t.id === id)?.as_printed;
  const [high, low] = [printed('growth_high'), printed('growth_low')];
  if (high && low) data.publishedColumns = [high, low];
  data.controls = opts.controls ?? exploreControlsFor(data, opts.controlsParams);
  const html = explorePageHtml(data, exploreBundle());
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'explore.html');
  fs.writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}

/**
 * The report builder's hook: the explorer for the data a run used. When the
 * page cannot be built (e.g. no imported panel), the page says why instead.
 */
export function buildExploreForRun(results: { notebook: string; parameters: Record<string, unknown> }[], outDir: string): void {
  try {
    buildExplorePage(outDir, { dataSource: runDataSource(results), controlsParams: runControlsParams(results) });
  } catch (e) {
    const msg = (e as Error).message;
    console.error(`explore.html: could not build the explorer: ${msg}`);
    fs.writeFileSync(
      path.join(outDir, 'explore.html'),
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Explorer unavailable</title></head><body style="font-family:system-ui,sans-serif;max-width:760px;margin:2em auto">` +
        `<p><a href="index.html">↑ Study index</a></p><h1>The explorer could not be built for this run</h1><p>${escapeHtml(msg)}</p></body></html>`,
    );
  }
}
