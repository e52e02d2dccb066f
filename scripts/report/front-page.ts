/**
 * The report's front page: the study's story (question, method, main results,
 * comparison with the published figures) built from what the notebooks of this
 * run recorded (study.recordResult) and the figures they saved (study.saveFigure),
 * so the page reflects the run's data source and parameters.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHART_BOOTSTRAP, chartHtml } from '../../lib/present/charts.js';
import { escapeHtml } from '../../lib/present/display.js';
import { loadGroups } from '../../lib/io/data.js';
import { loadPublished } from '../../lib/io/published.js';
import { formatValue } from '../../lib/present/tables.js';
import { bandText, PRINTED_BANDS } from '../../lib/steps/partition-teaching.js';
import type { NotebookResult } from '../jupyter/runner.js';
import { PATTERN_LABELS, patternPhrase } from '../../lib/present/palette.js';
import type { Pattern } from '../../lib/core/types.js';

type Json = Record<string, any>;

function results(outDir: string, stem: string): Json | undefined {
  const f = path.join(outDir, 'results', `${stem}.json`);
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as Json) : undefined;
}

async function figure(outDir: string, name: string): Promise<string> {
  const f = path.join(outDir, 'results', 'figures', `${name}.json`);
  if (!fs.existsSync(f)) return `<p class="missing">Figure ${escapeHtml(name)} was not produced in this run.</p>`;
  const spec = JSON.parse(fs.readFileSync(f, 'utf8'));
  return `${await chartHtml(spec)}<p class="files">Files: <a href="figures/${name}.svg">${name}.svg</a> · <a href="figures/${name}.png">${name}.png</a></p>`;
}

function matrixTable(partition: Json[], published: Json[] | undefined): string {
  const bands = ['high', 'medium', 'low'] as const;
  const cell = (rows: Json[], v: string, g: string) =>
    rows
      .filter((r) => r.volatility === v && r.growth === g)
      .map((r) => `<span class="p-${String(r.pattern).replace(' ', '-')}">${escapeHtml(String(r.matrixLabel))}</span>`)
      .sort()
      .join('<br>') || '<span class="none">(none)</span>';
  type Heads = { g: Record<'high' | 'low', string>; v: Record<(typeof bands)[number], string> };
  const table = (rows: Json[], caption: string, h: Heads) =>
    `<table class="matrix"><caption>${caption}</caption><thead><tr><th></th><th>${escapeHtml(h.g.high)}</th><th>${escapeHtml(h.g.low)}</th></tr></thead><tbody>` +
    bands.map((v) => `<tr><th>${escapeHtml(h.v[v])}</th><td>${cell(rows, v, 'high')}</td><td>${cell(rows, v, 'low')}</td></tr>`).join('') +
    '</tbody></table>';
  // ours: the project's closed reading of the printed bands; published: the bands exactly as printed
  const rule: Heads = {
    g: { high: `high growth (${bandText('G', 'high')})`, low: `low growth (${bandText('G', 'low')})` },
    v: { high: `high volatility (${bandText('V', 'high')})`, medium: `medium volatility (${bandText('V', 'medium')})`, low: `low volatility (${bandText('V', 'low')})` },
  };
  const printed: Heads = { g: PRINTED_BANDS.growth, v: PRINTED_BANDS.volatility };
  return `<div class="matrices">${table(partition, 'Ours (this run; bands: the project\u2019s closed rule)', rule)}${
    published ? table(published, 'Published (Naughton &amp; Fang 2025, slides; bands as printed)', printed) : ''
  }</div>
<p class="note">The printed bands leave gaps: a V between 0.23 and 0.24, V = 0.3 and G = 0.5 fall in no printed band. The
project closes them with its own rule (G = 0.5 counted as low growth; 0.24 \u2264 V \u2264 0.3 medium; V &lt; 0.24 low), used for
the left-hand matrix.</p>`;
}

/** The authors' own conclusions (slide "Conclusions"), quoted, with the shares the slides print. */
function authorsConclusions(synthetic: boolean): string {
  const p = loadPublished();
  const m = (id: string): string => {
    const e = p.macro.find((x) => x.id === id);
    return e ? e.value_pct_gdp.toFixed(2) + '%' : '?';
  };
  return `<h2>What the authors conclude</h2>
<p>In the authors\u2019 words (Naughton &amp; Fang 2025, slide \u201cConclusions\u201d): \u201cChina is making progress overall in reducing
technology import dependence\u201d, and \u201cPlanners have probably succeeded in narrowing dependencies rather than eliminating
them\u201d. Their macro evidence (slide \u201cPreview of Results\u201d), excluding the semiconductor groups: imported capital goods
fell from ${m('capital_adjusted_2015')} of GDP in 2015 to ${m('capital_adjusted_2024')} in 2024, intermediates from
${m('intermediate_adjusted_2015')} to ${m('intermediate_adjusted_2024')}, the two together from ${m('both_adjusted_2015')} to
${m('both_adjusted_2024')}. These are the authors\u2019 results on China\u2019s customs data; the sections below show what
the pipeline gives on <em>this run\u2019s</em> data${synthetic ? ' \u2014 the SYNTHETIC panel, not China\u2019s imports' : ''}.</p>`;
}

/** Which of China's verdicts survive the control comparison (notebook 09), SYNTHETIC said so. */
function controlsSection(r09: Json | undefined, synthetic: boolean, name: (id: number) => string): string {
  const v: Json[] = r09?.verdicts ?? [];
  if (v.length === 0) return '';
  const list = (w: string) => v.filter((x) => x.verdict === w).map((x) => escapeHtml(name(x.group_id)));
  const line = (label: string, xs: string[]) => `${label} (${xs.length}): ${xs.length ? xs.join(', ') : 'none'}.`;
  return `<h3>Which patterns survive the control comparison${synthetic ? ' on the SYNTHETIC controls' : ''}?</h3>
<p>${line('China-specific', list('China-specific'))}<br>${line('Shared with the controls', list('shared with the controls'))}<br>${line('Mixed', list('mixed'))}</p>
<p class="note">Rule (the project\u2019s open choice, <a href="09-controls.html">notebook 09</a>): the share of control economies in China\u2019s matrix cell, at least ${formatValue(r09?.verdictRule?.shared ?? 0.5, { decimals: 2 })} shared, at most ${formatValue(r09?.verdictRule?.specific ?? 0.2, { decimals: 2 })} China-specific.${
    synthetic
      ? ' These are SYNTHETIC control economies built from a common component (China\u2019s own path for six groups) plus noise: the lines show how the comparison reads, not whether China\u2019s real patterns survive, and say nothing about any real economy.'
      : ''
  }</p>`;
}

/** The index page's HTML. */
export async function storyPage(results_: (NotebookResult & { title?: string })[], outDir: string, head: string): Promise<string> {
  const r04 = results(outDir, '04-partition');
  const r05 = results(outDir, '05-macro-adjustment');
  const r07 = results(outDir, '07-sensitivity');
  const r09 = results(outDir, '09-controls');
  const dataLabel: string = r04?.dataLabel ?? 'SYNTHETIC teaching panel (the partition notebook recorded no data label in this run)';
  const synthetic = /SYNTHETIC/i.test(dataLabel);
  const pages = results_.map((r) => {
    const title = r.title ?? r.notebook;
    return `<li><a href="${r.notebook}.html">${escapeHtml(title)}</a>${r.ok ? '' : ' <strong class="fail">failed</strong>'}${
      Object.keys(r.parameters).length ? ` <span class="params">(parameters: ${escapeHtml(JSON.stringify(r.parameters))})</span>` : ''
    }</li>`;
  });

  // labels by group_id: the notebooks record ids and numbers only
  const groups = new Map(loadGroups().map((g) => [g.group_id, g] as const));
  const label = (r: Json): string => groups.get(r.group_id)?.matrixLabel ?? String(r.group_id);
  const partition: Json[] = (r04?.partition ?? []).map((r: Json) => ({ ...r, matrixLabel: label(r) }));
  const publishedPartition: Json[] = loadPublished().partition.map((p) => ({ ...p, matrixLabel: p.matrix_label }));
  const comparison: Json | undefined = r04?.agreement;
  const byPattern = (p: string) => partition.filter((r) => r.pattern === p).map((r) => r.matrixLabel);
  const macroCmp: Json[] = r05?.comparison ?? [];
  const robustness: Json[] = (r07?.robustness ?? []).map((r: Json) => ({ ...r, group: groups.get(r.group_id)?.group ?? String(r.group_id) }));

  // a published share whose year the slides do not print carries "(assumed)" beside its year
  const macroPublished = new Map(loadPublished().macro.map((e) => [e.id, e] as const));
  const yearCell = (m: Json): string => {
    if (m.year === null || m.year === undefined) return 'not printed (peak)';
    const e = macroPublished.get(String(m.id));
    return e && !e.year_stated ? `${m.year} (assumed; not printed)` : String(m.year);
  };
  const macroRows = macroCmp
    .map(
      (m) =>
        `<tr><td>${escapeHtml(String(m.series))}</td><td class="num">${escapeHtml(yearCell(m))}</td><td class="num">${formatValue(m.ours_pct, { decimals: 2, suffix: ' %' })}</td><td class="num">${formatValue(
          m.published_pct,
          { decimals: 2, suffix: ' %' },
        )}</td><td class="num">${formatValue(m.diff_pp, { decimals: 2, suffix: ' pp' })}</td></tr>`,
    )
    .join('');
  const robustRows = robustness
    .map((g) => `<tr><td>${escapeHtml(g.group)}</td><td>${escapeHtml(g.baselinePattern in PATTERN_LABELS ? patternPhrase(g.baselinePattern as Pattern) : g.baselinePattern)}</td><td class="num">${formatValue(g.share, 'pct')}</td></tr>`)
    .join('');

  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>China's Self-Reliance Goal: How Much Progress? — a reproduction</title>
${head}
<style>
body{font-family:system-ui,sans-serif;max-width:1040px;margin:0 auto;padding:0 1.2em 3em;line-height:1.55;color:#1f2328}
h1{font-size:1.7em;margin-top:1em}h2{margin-top:1.8em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}
.banner{padding:10px 14px;border-left:6px solid ${synthetic ? '#e0a100;background:#fff4d6' : '#2e7d32;background:#e6f4ea'};margin:1em 0}
table{border-collapse:collapse;margin:.6em 0}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;padding:4px 0}
.matrices{display:flex;gap:2em;flex-wrap:wrap}.matrix td{min-width:15em}
.p-substitution{color:#00795a}.p-no-effect{color:#0072B2}.p-stockpiling{color:#b34700}.none{color:#999}
.params,.secs,.files,.missing,.note{color:#666;font-size:.9em}.fail{color:#b00}
</style></head><body>
<h1>China's Self-Reliance Goal: How Much Progress? — a step-by-step reproduction</h1>
<p>A reproduction in TypeScript notebooks of the slides of Barry Naughton and Zhuohan Fang (UC San Diego, as the slides’ footer prints; the slides carry no date: 2025 is the project’s inference, from the 2025 tariff-exemption list they use).</p>
<div class="banner" data-source="${synthetic ? 'synthetic' : 'imported'}">${
    synthetic
      ? '<strong>SYNTHETIC DATA.</strong> China\u2019s monthly import values by commodity cannot be redistributed, so this report runs on a <strong>synthetic teaching panel</strong> built to follow the published figures. Its numbers are neither China\u2019s import statistics nor the paper\u2019s results; agreement with the published figures is by construction. Import a real China Customs or UN Comtrade download (<code>npm run data:import</code>) to test the findings.'
      : '<strong>Imported data.</strong> '
  } <br><small>Data: ${escapeHtml(dataLabel)}</small></div>

<h2>The question</h2>
<p>Since China\u2019s industrial policy turned to \u201csecurity and self-reliance\u201d (2020\u2013), have imports of the
technologies it calls bottlenecks been replaced by domestic production? The study answers at two levels:
commodity groups (micro) and China\u2019s total imports of capital goods and intermediates as a share of GDP (macro).</p>

<h2>The method, step by step</h2>
<ol>
<li><a href="01-list-extraction.html">List extraction</a>: the 35 \u201cchokepoint\u201d technologies (Science and Technology Daily, 2018) \u2192 China Customs 8-digit codes; two later lists for validation.</li>
<li><a href="02-grouping.html">Grouping</a>: codes \u2192 17 technology groups \u2192 4 categories (Table 1 of the slides).</li>
<li><a href="03-indices.html">Indices</a>: volatility V = SD/mean and growth G = weighted mean of (x<sub>t</sub> \u2212 x<sub>1</sub>)/x<sub>1</sub> of monthly imports (base: the first month, as printed).</li>
<li><a href="04-partition.html">Partition</a>: growth \u00d7 volatility \u2192 substitution, no discernible effect, stockpiling.</li>
<li><a href="05-macro-adjustment.html">Macro adjustment</a>: capital-goods and intermediate imports as % of GDP, without the semiconductor groups.</li>
<li><a href="06-validation.html">Validation</a> with two later lists, and <a href="07-sensitivity.html">sensitivity</a> to every open choice.</li>
<li><a href="09-controls.html">Controls</a> (this project\u2019s addition, not the paper\u2019s): the same V and G for other economies, to tell China\u2019s own patterns from the global cycle.</li>
</ol>

${authorsConclusions(synthetic)}

<h2>${synthetic ? 'What the pipeline gives on the SYNTHETIC panel (not China\u2019s imports, not the paper\u2019s results)' : 'Main results of this run (imported data)'}</h2>
<h3>The partition</h3>
${partition.length ? matrixTable(partition, publishedPartition) : '<p class="missing">The partition notebook did not record its results in this run.</p>'}
${
  comparison
    ? `<p>Agreement with the published matrix: <strong>${comparison.position.agree} of ${comparison.position.of}</strong> groups in the published cell; <strong>${comparison.pattern.agree} of ${comparison.pattern.of}</strong> with the published pattern${
        synthetic ? ' (by construction on the synthetic panel)' : ''
      }.</p>`
    : ''
}
${partition.length ? `<p>Substitution: ${escapeHtml(byPattern('substitution').join(', '))}.<br>No discernible effect: ${escapeHtml(byPattern('no effect').join(', '))}.<br>Stockpiling: ${escapeHtml(byPattern('stockpiling').join(', '))}.</p>` : ''}
${await figure(outDir, 'fig2-growth-volatility')}
${await figure(outDir, 'fig3-partition-matrix')}
<p><a href="explore.html"><strong>What if?</strong> Move the growth cut, the volatility cuts, the semiconductor rule, the base, the weights and the window yourself</a>, and watch the groups change cell.</p>

<h3>The macro picture</h3>
${await figure(outDir, 'fig4-macro-shares')}
${macroRows ? `<table><caption>Shares of GDP: ours beside the published figures</caption><thead><tr><th>series</th><th>published year</th><th>ours</th><th>published</th><th>difference (ours minus slides)</th></tr></thead><tbody>${macroRows}</tbody></table>
<p class="note">Years marked \u201cassumed\u201d: the slide prints the semiconductor shares without years; the project places them at the
window\u2019s ends.${synthetic ? ' On the synthetic panel the adjusted shares agree with the slides <strong>by construction</strong> under Table 1\u2019s subtraction rule, to which the synthetic totals were calibrated, so this table checks the code, not the paper. The project\u2019s default subtracts each semiconductor code from the class where BEC puts it (notebook 05): the small differences left (about 0.005 pp) are the lines that rule moves between classes (resistors, parts of chip-making machines), not data.' : ''}</p>` : ''}

<h3>How robust is each group\u2019s pattern${synthetic ? ' on the SYNTHETIC panel' : ''}?</h3>
${await figure(outDir, 'fig5-sensitivity-heatmap')}
${robustRows ? `<table><caption>Share of ${formatValue(r07?.combinations, 'int')} parameter combinations that keep each group\u2019s baseline pattern${synthetic ? ' (SYNTHETIC panel)' : ''}</caption><thead><tr><th>group</th><th>baseline pattern</th><th>robustness</th></tr></thead><tbody>${robustRows}</tbody></table>${
  synthetic
    ? `<p class="note">On the SYNTHETIC panel this robustness is a property of the generator: it placed each group near or far from the cuts to reproduce the published matrix, so a robust pattern here says how the method behaves on such a panel, not how firmly China\u2019s imports support the verdict.</p>`
    : ''
}` : ''}

${controlsSection(r09, synthetic, (id) => groups.get(id)?.group ?? String(id))}

<h2>All notebooks</h2>
<ol start="0">
${pages.join('\n')}
</ol>
<p class="files">Figures for papers and slides (SVG and PNG) are in <a href="figures/index.html">figures/</a>; the executed notebooks (.ipynb) in notebooks/.</p>
${CHART_BOOTSTRAP}
</body></html>
`;
}
