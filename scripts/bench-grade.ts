/**
 * `npm run bench:grade` — how long grading a class takes: N copies (default 30) of one notebook's student edition
 * (a third solved, a third untouched, a third with a wrong answer), graded as `npm run grade` grades them, and the
 * wall time printed. Written to bench/out/grade/ (git-ignored).
 *
 *   npm run bench:grade                       # 30 submissions of notebook 03, jobs = cores
 *   npm run bench:grade -- --copies 10 --notebook 04 --jobs 2
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { numberOption, parseCli, parsedOrExit, scriptHelp } from './cli.js';
import { ROOT } from './jupyter/env.js';
import { studentEdition, type Nb } from './teaching/edition.js';
import { gradeFolder } from './teaching/grader.js';
import { writeGrades } from './teaching/grades-out.js';

const COMMAND = 'npm run bench:grade';

async function main(): Promise<void> {
  const cli = parsedOrExit(() =>
    parseCli(COMMAND, process.argv.slice(2), {
      options: { copies: { type: 'string' }, notebook: { type: 'string' }, jobs: { type: 'string' } },
    }),
  );
  if (cli.help) return void console.log(scriptHelp(__filename));
  const copies = cli.values.copies ? numberOption(COMMAND, 'copies', cli.values.copies, { integer: true, min: 1 }) : 30;
  const jobs = cli.values.jobs
    ? numberOption(COMMAND, 'jobs', cli.values.jobs, { integer: true, min: 1 })
    : os.cpus().length;
  const n = cli.values.notebook ?? '03';
  const file = fs.readdirSync(path.join(ROOT, 'notebooks')).find((f) => f.startsWith(`${n}-`));
  if (!file) throw new Error(`no notebook ${n}`);
  const nb = JSON.parse(fs.readFileSync(path.join(ROOT, 'notebooks', file), 'utf8')) as Nb;
  const dir = path.join(ROOT, 'bench', 'out', 'grade');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (let k = 0; k < copies; k++) {
    const kind = k % 3;
    const ed = studentEdition(
      nb,
      n,
      kind === 0 ? { solved: true } : kind === 2 ? { solved: true, answers: { 1: 'undefined' } } : {},
    );
    fs.writeFileSync(path.join(dir, `s${String(k + 1).padStart(3, '0')}-${file}`), JSON.stringify(ed));
  }
  const t0 = Date.now();
  const grades = await gradeFolder(dir, { jobs, log: (l) => console.log(l) });
  const s = (Date.now() - t0) / 1000;
  writeGrades(grades, dir);
  console.log(
    `${copies} submissions of notebook ${n} graded in ${s.toFixed(1)} s (${Math.floor(s / 60)} min ${Math.round(s % 60)} s), ${jobs} at a time, ${os.cpus().length} cores; load average ${os.loadavg()[0].toFixed(1)}`,
  );
  if (grades[0]?.confinement) console.log(`confinement: ${grades[0].confinement}`);
}

if (require.main === module) void main();
