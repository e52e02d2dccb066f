/**
 * Read the key results a notebook recorded (study.recordResult) during the
 * study run of tests/study/global-setup.ts (the `study` test project always runs it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPORT_DIR } from '../study/global-setup.js';

/**
 * The results the notebook recorded, by name.
 * @throws Error naming the notebook and the file when it recorded nothing (it failed or did not run:
 *   tests/study/notebooks/executed.test.ts reports why)
 */
export function notebookResults(stem: string): Record<string, any> {
  const file = path.join(REPORT_DIR, 'results', `${stem}.json`);
  if (!fs.existsSync(file))
    throw new Error(
      `notebook ${stem} recorded no results (${file} is missing): it failed or did not run in the study run; see tests/study/notebooks/executed.test.ts`,
    );
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
