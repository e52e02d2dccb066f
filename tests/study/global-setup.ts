/**
 * Global setup of the `study` test project: makes sure Chromium is there for the browser tests
 * (installed with apt as root on Debian, else a failure with the command to run), then runs the
 * whole study once (as `npm start` does) into tests/.artifacts/report. The notebook tests and the
 * browser tests read it. A notebook failure does not stop the setup: tests/study/notebooks/executed.test.ts reports it.
 * When the execution inputs (tests/helpers/run-cache.ts: lib, notebooks, data, scripts, versions) are
 * those of the last complete, successful run, its executed notebooks are read again instead
 * (STUDY_TEST_FRESH=1 always re-executes).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildReport } from '../../scripts/report/build.js';
import { listNotebooks, runNotebooks } from '../../scripts/jupyter/runner.js';
import { ensureChromium, ensurePython } from '../../scripts/jupyter/env.js';
import type { NotebookResult } from '../../scripts/jupyter/runner.js';
import { fresh, inputsHash } from '../helpers/run-cache.js';

export const ARTIFACTS = path.resolve('tests', '.artifacts');
export const REPORT_DIR = path.join(ARTIFACTS, 'report');
export const RUN_FILE = path.join(ARTIFACTS, 'run.json');

export default async function setup(): Promise<void> {
  ensureChromium((l) => console.log(`[study] ${l}`));
  const inputs = inputsHash(ensurePython());
  if (!fresh() && fs.existsSync(RUN_FILE) && fs.existsSync(path.join(REPORT_DIR, 'index.html'))) {
    const last = JSON.parse(fs.readFileSync(RUN_FILE, 'utf8')) as { inputs?: string; results: NotebookResult[] };
    if (
      last.inputs === inputs &&
      last.results.length &&
      last.results.every((r) => r.ok && fs.existsSync(r.ipynbFile))
    ) {
      console.log(
        `[study] inputs unchanged (${inputs}): reusing the ${last.results.length} executed notebooks in ${path.relative(process.cwd(), REPORT_DIR)} (STUDY_TEST_FRESH=1 re-executes)`,
      );
      return;
    }
  }
  fs.rmSync(RUN_FILE, { force: true });
  fs.rmSync(REPORT_DIR, { recursive: true, force: true });
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  const t0 = Date.now();
  const results = await runNotebooks(listNotebooks(), {
    outDir: REPORT_DIR,
    log: (l) => console.log(`[study] ${l}`),
  });
  await buildReport(results, REPORT_DIR);
  fs.writeFileSync(RUN_FILE, JSON.stringify({ inputs, seconds: (Date.now() - t0) / 1000, results }, null, 1));
  console.log(
    `[study] ${results.length} notebooks in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${path.relative(process.cwd(), REPORT_DIR)}`,
  );
}
