/**
 * `npm run student` — write the student edition of every notebook to student/ (git-ignored): solutions removed,
 * outputs cleared, an answer cell with a typed stub and a check under the exercises.
 *
 *   npm run student                   # → student/
 *   npm run student -- --out dir      # elsewhere
 *   npm run student -- --solved       # the model answers filled in (a teacher's key; also what the tests grade)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './jupyter/env.js';
import { writeStudentEdition } from './teaching/edition.js';

/**
 * The command: writes the edition and prints where; returns the exit code (0; 2 for an unknown option, which
 * writes nothing). `print` and `warn` receive what goes to stdout and stderr.
 */
export function main(args: string[], print: (s: string) => void = console.log, warn: (s: string) => void = console.error): number {
  if (args.includes('--help') || args.includes('-h')) {
    print(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
    return 0;
  }
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') i++;
    else if (args[i] !== '--solved') {
      warn(`npm run student: unknown option ${args[i]} (see npm run student -- --help)`);
      return 2;
    }
  }
  const outAt = args.indexOf('--out');
  const solved = args.includes('--solved');
  const outDir = path.resolve(outAt >= 0 && args[outAt + 1] ? args[outAt + 1] : path.join(ROOT, solved ? 'student-solved' : 'student'));
  const files = writeStudentEdition(path.join(ROOT, 'notebooks'), outDir, { solved });
  print(`wrote ${files.length} ${solved ? 'solved' : 'student'} notebooks to ${path.relative(process.cwd(), outDir) || '.'}`);
  print(solved ? 'This copy holds the model answers: do not hand it out.' : 'Hand these out; collect the .ipynb files and run `npm run grade -- <folder>`.');
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
