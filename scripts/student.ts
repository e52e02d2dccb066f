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

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
  process.exit(0);
}
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') i++;
  else if (args[i] !== '--solved') {
    console.error(`npm run student: unknown option ${args[i]} (see npm run student -- --help)`);
    process.exit(2);
  }
}
const outAt = args.indexOf('--out');
const solved = args.includes('--solved');
const outDir = path.resolve(outAt >= 0 && args[outAt + 1] ? args[outAt + 1] : path.join(ROOT, solved ? 'student-solved' : 'student'));
const files = writeStudentEdition(path.join(ROOT, 'notebooks'), outDir, { solved });
console.log(`wrote ${files.length} ${solved ? 'solved' : 'student'} notebooks to ${path.relative(process.cwd(), outDir) || '.'}`);
console.log(solved ? 'This copy holds the model answers: do not hand it out.' : 'Hand these out; collect the .ipynb files and run `npm run grade -- <folder>`.');
