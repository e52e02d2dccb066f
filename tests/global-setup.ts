/**
 * Runs the whole study once before the tests (as `npm start` does), into
 * tests/.artifacts/report. The notebook tests and the browser tests read it.
 * A notebook failure does not stop the setup: tests/notebooks.test.ts reports it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildReport } from '../scripts/build-report.js';
import { listNotebooks, runNotebooks } from '../scripts/study-runner.js';

export const ARTIFACTS = path.resolve('tests', '.artifacts');
export const REPORT_DIR = path.join(ARTIFACTS, 'report');
export const RUN_FILE = path.join(ARTIFACTS, 'run.json');

export default async function setup(): Promise<void> {
  if (process.env.STUDY_SKIP_NOTEBOOKS === '1') return;
  fs.rmSync(REPORT_DIR, { recursive: true, force: true });
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  const t0 = Date.now();
  const results = await runNotebooks(listNotebooks(), {
    outDir: REPORT_DIR,
    log: (l) => console.log(`[study] ${l}`),
  });
  await buildReport(results, REPORT_DIR);
  fs.writeFileSync(RUN_FILE, JSON.stringify({ seconds: (Date.now() - t0) / 1000, results }, null, 1));
  console.log(`[study] ${results.length} notebooks in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${path.relative(process.cwd(), REPORT_DIR)}`);
}
