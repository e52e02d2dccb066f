/**
 * `npm run grade -- <folder of submitted .ipynb>` — execute each submission headless with the project kernel
 * (a fresh temporary working folder each, a time limit per notebook, no network), collect every check's result and
 * write grades.csv and grades.html.
 *
 *   npm run grade -- submissions/                       # → submissions/grades.csv, submissions/grades.html
 *   npm run grade -- submissions/ --out results/ --limit 120 --jobs 2
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gradeFolder, writeGrades } from './teaching/grader.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = args.find((a, i) => !a.startsWith('--') && !['--out', '--limit', '--jobs'].includes(args[i - 1]));
if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
  console.error('usage: npm run grade -- <folder of submitted .ipynb> [--out DIR] [--limit SECONDS per notebook, default 180] [--jobs N]');
  process.exit(2);
}
const limit = Number(opt('--limit') ?? 180);
const jobs = opt('--jobs') ? Number(opt('--jobs')) : undefined;
if (!(limit > 0) || (jobs !== undefined && !(jobs >= 1))) {
  console.error(`--limit must be a positive number of seconds and --jobs a whole number ≥ 1 (got --limit ${opt('--limit')}, --jobs ${opt('--jobs')})`);
  process.exit(2);
}
const t0 = Date.now();
gradeFolder(dir, { limit, jobs, log: (l) => console.log(l) }).then(
  (grades) => {
    const out = writeGrades(grades, path.resolve(opt('--out') ?? dir));
    console.log(`${grades.length} submissions graded in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${out.csv}, ${out.html}`);
  },
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
