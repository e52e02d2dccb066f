/**
 * Key results of a notebook, written as JSON when the notebook runs under
 * `npm start` or the tests, so the tests can check the numbers a reader sees
 * against the library and the report can quote them.
 *
 * @module results
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from './errors.js';

/**
 * Record a named result of the running notebook. Written to
 * `$STUDY_RESULTS_DIR/<notebook>.json` (set by the study runner); a no-op in a
 * live Jupyter session. Values must be JSON (finite numbers only). Returns the value.
 *
 * @throws {StudyError} when the value holds NaN or Infinity
 * @example recordResult('partitionAgreement', { agree: 17, of: 17 }); // => { agree: 17, of: 17 }
 */
export function recordResult<T>(name: string, value: T): T {
  const json = JSON.stringify(value, (_k, v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) fail('recordResult', `result "${name}" holds a non-finite number`, v);
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
  return value;
}

/**
 * Read the results a notebook recorded in a run (`<outDir>/results/<notebook>.json`).
 * @throws {StudyError} when the notebook recorded nothing
 * @example readResults('report', '04-partition').partitionAgreement; // => { agree: 17, of: 17 }
 */
export function readResults(outDir: string, notebook: string): Record<string, unknown> {
  const file = path.join(outDir, 'results', `${notebook}.json`);
  if (!fs.existsSync(file)) fail('readResults', 'no results recorded for this notebook in this run', file);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}
