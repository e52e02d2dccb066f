/**
 * Rendering vega-lite charts: a static SVG (survives nbconvert's HTML export),
 * an interactive vega-embed view using the bundles in node_modules (no CDN), and
 * SVG + PNG files for papers and slides. Works in the tslab kernel, vitest and
 * plain node.
 *
 * Names used by the examples below (run once before them, see docs/CONTRIBUTING.md):
 * @exampleSetup
 * const barSpec = { mark: 'bar', data: { values: [{ a: 1 }, { a: 2 }] }, encoding: { y: { field: 'a', type: 'quantitative' } } };
 *
 * @module present/charts
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from '../core/errors.js';
import { displayHtml, escapeHtml, inNotebook } from './display.js';
import { projectRoot } from '../io/paths.js';
import type { VegaLiteSpec } from '../core/types.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type VegaModule = any;
type VegaLiteModule = any;

let modules: Promise<{ vega: VegaModule; vl: VegaLiteModule }> | undefined;

function esmImport(): (specifier: string) => Promise<any> {
  const req = createRequire(path.join(projectRoot(), 'package.json'));
  return req('./lib/present/esm-import.cjs');
}

/** Load vega and vega-lite once (native ES-module import, also under tslab). */
function loadVega(): Promise<{ vega: VegaModule; vl: VegaLiteModule }> {
  if (!modules) {
    const imp = esmImport();
    modules = Promise.all([imp('vega'), imp('vega-lite')]).then(([vega, vl]) => ({ vega, vl }));
  }
  return modules;
}

/**
 * Compile a vega-lite spec to a vega spec.
 * @throws {StudyError} naming `compileChart` and the spec's title when vega-lite rejects the spec
 * @example (await compileChart({ mark: 'bar', data: { values: [{ a: 1 }] }, encoding: { y: { field: 'a', type: 'quantitative' } } })).marks.length; // => 1
 */
export async function compileChart(spec: VegaLiteSpec): Promise<any> {
  const { vl } = await loadVega();
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    fail('compileChart', 'spec must be a vega-lite object', spec);
  const logger = {
    level: () => logger,
    warn: (...args: unknown[]) => {
      throw new Error(args.map(String).join(' '));
    },
    info: () => logger,
    debug: () => logger,
    error: (...args: unknown[]) => {
      throw new Error(args.map(String).join(' '));
    },
  };
  try {
    // vega-lite annotates the spec it compiles: give it a copy, keep the caller's spec intact
    return vl.compile(structuredClone(spec), { logger }).spec;
  } catch (e) {
    return fail(
      'compileChart',
      `invalid vega-lite spec "${chartTitle(spec)}": ${(e as Error).message}`,
      shortSpec(spec),
    );
  }
}

function chartTitle(spec: VegaLiteSpec): string {
  const t = spec.title as unknown;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string')
    return (t as { text: string }).text;
  return 'untitled';
}

function shortSpec(spec: VegaLiteSpec): unknown {
  const { data: _data, datasets: _datasets, ...rest } = spec as Record<string, unknown>;
  return rest;
}

/**
 * Render a vega-lite spec to an SVG string on the server (no browser).
 * @throws {StudyError} when the spec is invalid or fails to render
 * @example (await chartSvg(barSpec)).startsWith('<svg'); // => true
 */
export async function chartSvg(spec: VegaLiteSpec): Promise<string> {
  const { vega } = await loadVega();
  const compiled = await compileChart(spec);
  try {
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
    const svg: string = await view.toSVG();
    view.finalize();
    return svg;
  } catch (e) {
    return fail('chartSvg', `could not render "${chartTitle(spec)}": ${(e as Error).message}`, shortSpec(spec));
  }
}

/**
 * Render a vega-lite spec to PNG bytes, through resvg (a renderer whose binary
 * ships inside its npm package: no native build, no browser).
 * @param opts.scale pixel density (2 = retina, default)
 * @example (await chartPng(barSpec)).subarray(0, 8).toString('hex'); // => '89504e470d0a1a0a' (the PNG signature)
 */
export async function chartPng(spec: VegaLiteSpec, opts: { scale?: number } = {}): Promise<Buffer> {
  const svg = await chartSvg(spec);
  return svgToPng(svg, opts.scale ?? 2);
}

/**
 * Convert an SVG string to PNG bytes with resvg, using the system fonts.
 * @example svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>').length > 8; // => true
 */
export function svgToPng(svg: string, scale = 2): Buffer {
  const req = createRequire(path.join(projectRoot(), 'package.json'));
  const { Resvg } = req('@resvg/resvg-js') as {
    Resvg: new (svg: string, opts: object) => { render(): { asPng(): Buffer } };
  };
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/**
 * Write a chart as `<path>.svg` and `<path>.png` (an extension on `file` is replaced).
 * Returns the two paths written.
 * @example await saveChart(barSpec, path.join(os.tmpdir(), 'bars')); // => ['<tmp>/bars.svg', '<tmp>/bars.png']
 */
export async function saveChart(
  spec: VegaLiteSpec,
  file: string,
  opts: { scale?: number } = {},
): Promise<[string, string]> {
  const base = file.replace(/\.(svg|png)$/i, '');
  const svg = await chartSvg(spec);
  fs.mkdirSync(path.dirname(path.resolve(base)), { recursive: true });
  fs.writeFileSync(`${base}.svg`, svg);
  fs.writeFileSync(`${base}.png`, svgToPng(svg, opts.scale ?? 2));
  return [`${base}.svg`, `${base}.png`];
}

/** The browser bundles for interactive charts, in load order (paths inside node_modules). */
export const VEGA_BUNDLES = [
  'vega/build/vega.min.js',
  'vega-lite/build/vega-lite.min.js',
  'vega-embed/build/vega-embed.min.js',
] as const;

/**
 * The file of a browser bundle inside node_modules (the packages' `exports`
 * do not expose their build folders, so the path is taken from the install).
 * @throws {StudyError} when the bundle is not installed
 * @example bundlePath('vega/build/vega.min.js'); // => '<root>/node_modules/vega/build/vega.min.js'
 */
export function bundlePath(bundle: string): string {
  const file = path.join(projectRoot(), 'node_modules', bundle);
  if (!fs.existsSync(file)) fail('bundlePath', 'browser bundle not found in node_modules (run npm install)', bundle);
  return file;
}

/**
 * The vega, vega-lite and vega-embed browser bundles as one `<script>` block,
 * read from node_modules (no CDN). require.js (present on nbconvert pages) is
 * hidden while they load, or vegaEmbed would register as an AMD module.
 * @example vegaScripts().includes('vegaEmbed'); // => true
 */
export function vegaScripts(): string {
  const code = VEGA_BUNDLES.map((b) => fs.readFileSync(bundlePath(b), 'utf8').replace(/<\/script/gi, '<\\/script'));
  return [
    '<script>window.__studyDefine = window.define; window.define = undefined;</script>',
    ...code.map((c) => `<script>${c}</script>`),
    '<script>window.define = window.__studyDefine;</script>',
  ].join('\n');
}

/** The script that upgrades every static chart container on a page to an interactive vega-embed view. */
export const CHART_BOOTSTRAP = `<script>
(function () {
  function upgrade() {
    if (!window.vegaEmbed) return;
    document.querySelectorAll('div.study-chart:not([data-upgraded])').forEach(function (el) {
      var specEl = el.querySelector('script.study-chart-spec');
      var target = el.querySelector('div.study-chart-live');
      if (!specEl || !target) return;
      el.setAttribute('data-upgraded', '1');
      window.vegaEmbed(target, JSON.parse(specEl.textContent), { actions: false, renderer: 'svg' })
        .then(function () { var s = el.querySelector('div.study-chart-static'); if (s) s.style.display = 'none'; target.style.display = ''; })
        .catch(function (err) { el.setAttribute('data-error', String(err)); console.error(err); });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', upgrade); else upgrade();
  window.studyUpgradeCharts = upgrade;
})();
</script>`;

let scriptsShownInKernel = false;

/**
 * The HTML of a chart: the static SVG (readable in any HTML export) plus the
 * vega-lite spec, which a page with the vega bundles upgrades to an
 * interactive view (tooltips, legends).
 * @example (await chartHtml(barSpec)).includes('<svg'); // => true
 */
export async function chartHtml(spec: VegaLiteSpec): Promise<string> {
  const svg = await chartSvg(spec);
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  return [
    `<div class="study-chart" role="figure" aria-label="${escapeHtml(chartTitle(spec))}">`,
    `<div class="study-chart-static">${svg}</div>`,
    `<div class="study-chart-live" style="display:none"></div>`,
    `<script type="application/json" class="study-chart-spec">${json}</script>`,
    `</div>`,
  ].join('');
}

/**
 * Show a chart in the notebook: the static SVG, upgraded in place to an
 * interactive vega-embed view when `interactive` (default true) — the bundles
 * are sent once per kernel session (see {@link chartHtml} for the HTML itself).
 * @example await showChart(barSpec); // shows the chart
 */
export async function showChart(spec: VegaLiteSpec, opts: { interactive?: boolean } = {}): Promise<void> {
  let html = await chartHtml(spec);
  // Under `npm start` (STUDY_HEADLESS=1) the report pages load the bundles once
  // in their <head>, so the outputs carry only the chart.
  if ((opts.interactive ?? true) && inNotebook() && !process.env.STUDY_HEADLESS) {
    if (!scriptsShownInKernel) {
      // the bundles (~930 KB) go to the browser once per kernel session in an output of their own, which is then
      // replaced by one line: the browser has run them, and a saved notebook no longer carries the library (its
      // charts stay drawn: each keeps its static SVG)
      const id = `study-chart-library-${process.pid}`;
      displayHtml(vegaScripts() + CHART_BOOTSTRAP, { displayId: id, text: '' });
      displayHtml('<!-- chart library loaded in this session -->', { displayId: id, update: true, text: '' });
      scriptsShownInKernel = true;
    }
    html += '<script>window.studyUpgradeCharts && window.studyUpgradeCharts();</script>';
  }
  displayHtml(html, { text: `[chart: ${chartTitle(spec)}]` });
}
