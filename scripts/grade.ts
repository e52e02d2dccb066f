/**
 * `npm run grade -- <folder of submitted .ipynb>` — execute each submission headless with the project kernel
 * (a fresh temporary working folder each, a time limit per notebook, confined: no network, no writes outside its
 * folder), collect every check's result (points per exercise, partial credit for answers with several fields) and
 * write grades.csv, grades.html, grades.json, manual.csv (the answers in words, for you to grade: fill in `points`
 * and `comment`) and executed/ (each notebook as it ran, for `npm run feedback`).
 *
 *   npm run grade -- submissions/                       # → submissions/grades.csv, grades.html, manual.csv …
 *   npm run grade -- submissions/ --out results/ --limit 120 --jobs 2
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { numberOption, parseCli, parsedOrExit, scriptHelp, UsageError } from './cli.js';
import { gradeFolder } from './teaching/grader.js';
import { writeGrades } from './teaching/grades-out.js';

const COMMAND = 'npm run grade';
const USAGE =
  'usage: npm run grade -- <folder of submitted .ipynb> [--out DIR] [--limit SECONDS per notebook, default 180] [--jobs N]';

/** What `npm run grade` was asked to do. */
export interface GradeArgs {
  /** The folder of submissions (the one positional argument). */
  dir: string;
  /** `--out DIR`, resolved (default: the submissions' folder). */
  out: string;
  /** `--limit SECONDS` per notebook (default 180). */
  limit: number;
  /** `--jobs N` (default: the grader's). */
  jobs?: number;
}

/**
 * The command line of `npm run grade` (the arguments after the script). Does not look at the disk.
 * @throws {UsageError} for an unknown option, a missing value, no folder or more than one, a `--limit` that is not
 * a positive number or a `--jobs` that is not a whole number ≥ 1
 */
export function parseGradeArgs(argv: string[]): { help: true } | ({ help: false } & GradeArgs) {
  const cli = parseCli(COMMAND, argv, {
    options: { out: { type: 'string' }, limit: { type: 'string' }, jobs: { type: 'string' } },
    allowPositionals: true,
  });
  if (cli.help) return cli;
  const { values: v, positionals } = cli;
  if (positionals.length !== 1)
    throw new UsageError(
      COMMAND,
      `${positionals.length === 0 ? 'no folder given' : `one folder expected, got ${positionals.length}: ${positionals.join(' ')}`}; ${USAGE}`,
    );
  const dir = positionals[0];
  return {
    help: false,
    dir,
    out: path.resolve(v.out ?? dir),
    limit: v.limit === undefined ? 180 : numberOption(COMMAND, 'limit', v.limit, { positive: true }),
    jobs: v.jobs === undefined ? undefined : numberOption(COMMAND, 'jobs', v.jobs, { integer: true, min: 1 }),
  };
}

function main(): void {
  const args = parsedOrExit(() => parseGradeArgs(process.argv.slice(2)));
  if (args.help) {
    console.log(scriptHelp(__filename));
    return;
  }
  const { dir, limit, jobs } = args;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.error(`${dir} is not a folder\n${USAGE}`);
    process.exit(2);
  }
  const t0 = Date.now();
  gradeFolder(dir, { limit, jobs, log: (l) => console.log(l), keepExecuted: path.join(args.out, 'executed') }).then(
    (grades) => {
      const out = writeGrades(grades, args.out);
      console.log(
        `${grades.length} submissions graded in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${out.csv}, ${out.html}, ${out.manual}`,
      );
      if (grades[0]?.confinement) console.log(`confinement: ${grades[0].confinement}`);
    },
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}

if (require.main === module) main();
