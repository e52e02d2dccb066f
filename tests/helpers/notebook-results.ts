/**
 * Read the key results a notebook recorded (study.recordResult) during the
 * study run of tests/global-setup.ts. Use with `describe.skipIf(!notebookRan(stem))`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPORT_DIR } from '../global-setup.js';

/** True when the notebook ran in this test session and recorded results. */
export function notebookRan(stem: string): boolean {
  const ok = fs.existsSync(path.join(REPORT_DIR, 'results', `${stem}.json`));
  if (!ok && process.env.STUDY_SKIP_NOTEBOOKS !== '1') console.warn(`no recorded results for ${stem} (did it run?)`);
  return ok;
}

/** The results the notebook recorded, by name. */
export function notebookResults(stem: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(REPORT_DIR, 'results', `${stem}.json`), 'utf8'));
}
