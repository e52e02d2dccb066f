/**
 * `npm run feedback -- <graded folder>` — one HTML page per student and notebook, to hand back: the points, each
 * check's result with its hint, your points and comments on the answers in words (manual.csv, which you fill in
 * after `npm run grade`), and the student's notebook as it ran.
 *
 *   npm run feedback -- submissions/                  # → submissions/feedback/<id>/<notebook>.html
 *   npm run feedback -- submissions/ --out handback/
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCli, parsedOrExit, scriptHelp, UsageError } from './cli.js';
import { writeFeedback } from './teaching/feedback.js';
import type { SubmissionGrade } from './teaching/grader.js';
import { readManual } from './teaching/grades-out.js';

const COMMAND = 'npm run feedback';

/** `npm run feedback`'s arguments. */
export function parseFeedbackArgs(argv: string[]): { help: true } | { help: false; dir: string; out: string } {
  const cli = parseCli(COMMAND, argv, { options: { out: { type: 'string' } }, allowPositionals: true });
  if (cli.help) return cli;
  if (cli.positionals.length !== 1) throw new UsageError(COMMAND, 'give the folder npm run grade wrote to');
  const dir = path.resolve(cli.positionals[0]);
  return { help: false, dir, out: path.resolve(cli.values.out ?? path.join(dir, 'feedback')) };
}

function main(): void {
  const a = parsedOrExit(() => parseFeedbackArgs(process.argv.slice(2)));
  if (a.help) return void console.log(scriptHelp(__filename));
  const json = path.join(a.dir, 'grades.json');
  if (!fs.existsSync(json)) {
    console.error(`${COMMAND}: no grades.json in ${a.dir} (run npm run grade -- ${a.dir} first)`);
    process.exit(1);
  }
  const grades = JSON.parse(fs.readFileSync(json, 'utf8')) as SubmissionGrade[];
  const files = writeFeedback(grades, readManual(path.join(a.dir, 'manual.csv')), path.join(a.dir, 'executed'), a.out);
  console.log(`${files.length} feedback pages → ${a.out}`);
}

if (require.main === module) main();
