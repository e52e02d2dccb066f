/**
 * `npm run student` — write the student edition of every notebook to student/ (git-ignored): solutions removed,
 * outputs cleared, an answer cell with a typed stub and a check under the exercises.
 *
 *   npm run student                   # → student/
 *   npm run student -- --out dir      # elsewhere
 *   npm run student -- --solved       # the model answers filled in (a teacher's key; also what the tests grade)
 *   npm run student -- --force        # overwrite notebooks changed since they were written (work saved in them)
 *
 * A notebook in the folder that differs from the edition (a student's saved work) is not overwritten without --force.
 */
import * as path from 'node:path';
import { parseCli, scriptHelp, UsageError } from './cli.js';
import { ROOT } from './jupyter/env.js';
import { EditedFilesError, writeStudentEdition } from './teaching/edition.js';

const COMMAND = 'npm run student';

/**
 * The command line of `npm run student`: `--out DIR` (resolved; default student/, or student-solved/ with
 * `--solved`) and `--solved`.
 * @throws {UsageError} for an unknown option, a missing value or a positional argument
 */
export function parseStudentArgs(
  args: string[],
): { help: true } | { help: false; solved: boolean; outDir: string; force: boolean } {
  const cli = parseCli(COMMAND, args, {
    options: {
      out: { type: 'string' },
      solved: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  });
  if (cli.help) return cli;
  const { out, solved, force } = cli.values;
  return {
    help: false,
    solved,
    force,
    outDir: path.resolve(out || path.join(ROOT, solved ? 'student-solved' : 'student')),
  };
}

/**
 * The command: writes the edition and prints where; returns the exit code (0; 2 for an unknown option or a
 * missing value, which writes nothing; 1 when notebooks in the folder were changed and --force was not given). `print` and `warn` receive what goes to stdout and stderr.
 */
export function main(
  args: string[],
  print: (s: string) => void = console.log,
  warn: (s: string) => void = console.error,
): number {
  let parsed: ReturnType<typeof parseStudentArgs>;
  try {
    parsed = parseStudentArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    warn(`${COMMAND}: ${e.message}`);
    return 2;
  }
  if (parsed.help) {
    print(scriptHelp(__filename));
    return 0;
  }
  const { solved, outDir, force } = parsed;
  let files: string[];
  try {
    files = writeStudentEdition(path.join(ROOT, 'notebooks'), outDir, { solved, force });
  } catch (e) {
    if (!(e instanceof EditedFilesError)) throw e;
    warn(`${COMMAND}: ${e.message}`);
    return 1;
  }
  print(
    `wrote ${files.length} ${solved ? 'solved' : 'student'} notebooks to ${path.relative(process.cwd(), outDir) || '.'}`,
  );
  print(
    solved
      ? 'This copy holds the model answers: do not hand it out.'
      : 'Hand these out; collect the .ipynb files and run `npm run grade -- <folder>`.',
  );
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
