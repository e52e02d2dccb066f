/**
 * Key results of a notebook, written as JSON when the notebook runs under
 * `npm start` or the tests, so the tests can check the numbers a reader sees
 * against the library and the report can quote them.
 *
 * Names used by the examples below (run once before them, see docs/CONTRIBUTING.md):
 * @exampleSetup
 * const spec = { mark: 'bar', data: { values: [{ a: 1 }] }, encoding: { y: { field: 'a', type: 'quantitative' } } };
 *
 * @module present/results
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from '../core/errors.js';
import { saveChart, showChart } from './charts.js';
import type { VegaLiteSpec } from '../core/types.js';

/**
 * Record a named result of the running notebook. Written to
 * `$STUDY_RESULTS_DIR/<notebook>.json` (set by the study runner); a no-op in a
 * live Jupyter session. Values must be JSON (finite numbers only). Returns nothing, so a
 * notebook's `record` cell (hidden, and left out of the report) shows nothing.
 *
 * @throws {StudyError} when the value holds NaN or Infinity
 * @example recordResult('partitionAgreement', { agree: 17, of: 17 }); // => undefined
 * @example try { recordResult('bad', { G: NaN }); } catch (e) { (e as Error).message; } // => 'recordResult: result "bad" holds a non-finite number (got NaN)'
 */
export function recordResult(name: string, value: unknown): void {
  const json = JSON.stringify(value, (_k, v) => {
    if (typeof v === 'number' && !Number.isFinite(v))
      fail('recordResult', `result "${name}" holds a non-finite number`, v);
    return v;
  });
  const dir = process.env.STUDY_RESULTS_DIR;
  const notebook = process.env.STUDY_NOTEBOOK;
  if (dir && notebook) {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${notebook}.json`);
    const all = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    all[name] = JSON.parse(json);
    fs.writeFileSync(file, JSON.stringify(all, null, 1) + '\n');
  }
}

/**
 * Read the results a notebook recorded in a run (`<outDir>/results/<notebook>.json`).
 * @throws {StudyError} when the notebook recorded nothing
 * @example
 * const out = fs.mkdtempSync(path.join(os.tmpdir(), 'run-')); // a run's output folder, e.g. report/
 * fs.mkdirSync(path.join(out, 'results'));
 * fs.writeFileSync(path.join(out, 'results', '04-partition.json'), '{ "partitionAgreement": { "agree": 17, "of": 17 } }');
 * readResults(out, '04-partition').partitionAgreement; // => { agree: 17, of: 17 }
 */
export function readResults(outDir: string, notebook: string): Record<string, unknown> {
  const file = path.join(outDir, 'results', `${notebook}.json`);
  if (!fs.existsSync(file)) fail('readResults', 'no results recorded for this notebook in this run', file);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Figure names must be file-name safe: lower-case words joined by hyphens. */
const FIGURE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Save a study figure for papers and slides: under `npm start` (or the tests)
 * writes `<report>/figures/<name>.svg` and `.png`, and keeps the vega-lite spec
 * in `<report>/results/figures/<name>.json` so the report's index page shows the
 * same chart. A no-op in a live Jupyter session (use {@link saveChart} there).
 * Returns the files written (none outside a study run).
 *
 * @throws {StudyError} when the name is not lower-case-with-hyphens or the spec does not render
 * @example await saveFigure(spec, 'fig3-partition-matrix'); // => [] (outside a study run; under npm start ['report/figures/fig3-partition-matrix.svg', '….png'])
 */
export async function saveFigure(spec: VegaLiteSpec, name: string): Promise<string[]> {
  if (!FIGURE_NAME.test(name)) fail('saveFigure', 'figure name must be lower-case words joined by hyphens', name);
  const dir = process.env.STUDY_RESULTS_DIR;
  if (!dir) return [];
  const outDir = path.dirname(dir);
  const files = await saveChart(spec, path.join(outDir, 'figures', name));
  const specDir = path.join(dir, 'figures');
  fs.mkdirSync(specDir, { recursive: true });
  fs.writeFileSync(path.join(specDir, `${name}.json`), JSON.stringify(spec) + '\n');
  return files;
}

/**
 * Show a chart in the notebook and save it as a named study figure (see
 * {@link saveFigure}): what the reader sees is what goes into report/figures.
 * @example await showFigure(spec, 'fig4-macro-shares'); // shows the chart; under npm start also writes report/figures/fig4-macro-shares.{svg,png}
 */
export async function showFigure(spec: VegaLiteSpec, name: string): Promise<void> {
  await showChart(spec);
  await saveFigure(spec, name);
}
