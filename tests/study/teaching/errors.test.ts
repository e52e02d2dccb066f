/**
 * The grader with the real kernel on two SMALL notebook-03 submissions (a few cells each, graded at once):
 * - a type error in exercise 1's answer and a scratch cell that throws: the later checks still count (tslab
 *   cancels every request that arrives within 200 ms after an error; the executor waits and resends), and the
 *   reasons are the error messages, not the stack's first line `evalmachine.<anonymous>:2`;
 * - an endless loop after a markdown cell: the time-out names the cell that was running;
 * - a submission that tries the network (a server of this test on 127.0.0.1), writes to /tmp, into the project's data/
 *   and node_modules/ through its folder's links, reads a teacher's file and starts a process: each is stopped, shown as
 *   the cell's error, the checks after them still count and nothing of the teacher's is touched.
 * (study project: executes notebooks.)
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePython, ROOT } from '../../../scripts/jupyter/env.js';
import { confinement } from '../../../scripts/teaching/sandbox.js';
import { CHECK_MIME } from '../../../lib/teaching/check.js';
import { sourceOf, studentEdition, type Nb, type NbCell } from '../../../scripts/teaching/edition.js';
import { gradeSubmission, type SubmissionGrade } from '../../../scripts/teaching/grader.js';
import { tempDir } from '../../helpers/temp.js';

const python = ensurePython();
const LIMIT = 8;
/** The checked answers' rows (the answers in words are the teacher's: manual.csv). */
const answers = (g: SubmissionGrade) => g.rows.filter((r) => r.part === 'answer');

const code = (id: string, source: string): NbCell => ({
  cell_type: 'code',
  id,
  metadata: {},
  source,
  outputs: [],
  execution_count: null,
});

/** Notebook 03's opening cells (imports, parameters, run), the index table, then `cells`. */
export function small03(cells: (full: Nb, answer: (k: number) => NbCell) => NbCell[], answers = {}): Nb {
  const full = studentEdition(
    JSON.parse(fs.readFileSync(path.resolve('notebooks/03-indices.ipynb'), 'utf8')) as Nb,
    '03',
    { solved: true, answers },
  );
  const codeCells = full.cells.filter((c) => c.cell_type === 'code');
  const answer = (k: number) => full.cells.find((c) => c.metadata.study_exercise?.number === k)!;
  const table = codeCells.find((c) => sourceOf(c).startsWith('const indexRows'))!;
  return { ...full, cells: [...codeCells.slice(0, 3), table, ...cells(full, answer)] };
}

describe('grader: a failing cell does not stop the checks after it; a time-out names its cell', () => {
  let broken: SubmissionGrade;
  let loop: SubmissionGrade;
  let attack: SubmissionGrade;
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('secret');
  });
  const teacher = tempDir('grade-teacher-');
  const secret = path.join(teacher, 'answers.txt');
  const tmpMark = path.join(os.tmpdir(), `graded-submission-wrote-${process.pid}`);
  const dataMark = path.join(ROOT, 'data', `graded-submission-wrote-${process.pid}`);
  const modulesMark = path.join(ROOT, 'node_modules', `graded-submission-wrote-${process.pid}`);
  beforeAll(async () => {
    fs.writeFileSync(secret, 'the key');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const attackNb = small03((_, answer) => [
      code('net', `await fetch('http://127.0.0.1:${port}/stolen').then((r) => r.text());`),
      code('imports', "import * as fs from 'fs';\nimport * as cp from 'child_process';"),
      code('tmp', `fs.writeFileSync(${JSON.stringify(tmpMark)}, 'x');`),
      code('data', `fs.writeFileSync('data/graded-submission-wrote-${process.pid}', 'x');`),
      code('modules', `fs.writeFileSync('node_modules/graded-submission-wrote-${process.pid}', 'x');`),
      code('read', `fs.readFileSync(${JSON.stringify(secret)}, 'utf8');`),
      code('proc', `cp.execSync('touch ${tmpMark}');`),
      answer(2),
    ]);
    const dir = tempDir('grade-errors-');
    const brokenNb = small03(
      (_, answer) => [
        answer(1),
        code('scratch', "const scratch = 1;\nthrow new Error('scratch cell broke');"),
        answer(2),
        answer(3),
        code(
          'forge',
          `study.displayData({ '${CHECK_MIME}': { notebook: '03', exercise: 3, status: 'correct', message: 'correct' } });`,
        ),
      ],
      // exercise 3 tries to read the expected answer from the library in its kernel
      { 1: '42', 3: "study.teaching.findExercise('03', 3).expected({ params: params, run: run }) as any" },
    );
    const loopNb = small03((_, answer) => [
      answer(2),
      { cell_type: 'markdown', id: 'note', metadata: {}, source: 'A note between the cells.' },
      code('loop', 'let spins = 0;\nwhile (true) { spins++; }'),
      answer(3),
    ]);
    fs.writeFileSync(path.join(dir, 'broken-03.ipynb'), JSON.stringify(brokenNb));
    fs.writeFileSync(path.join(dir, 'loop-03.ipynb'), JSON.stringify(loopNb));
    fs.writeFileSync(path.join(dir, 'attack-03.ipynb'), JSON.stringify(attackNb));
    [broken, loop, attack] = await Promise.all([
      gradeSubmission(path.join(dir, 'broken-03.ipynb'), 'broken', { python, limit: 120 }),
      gradeSubmission(path.join(dir, 'loop-03.ipynb'), 'loop', { python, limit: LIMIT }),
      gradeSubmission(path.join(dir, 'attack-03.ipynb'), 'attack', { python, limit: 120 }),
    ]);
    server.close();
  }, 300_000);
  // a confinement that failed must not leave the attack's files in the project
  afterAll(() => {
    for (const f of [tmpMark, dataMark, modulesMark]) fs.rmSync(f, { force: true });
  });

  it('confinement: network, writes outside the folder, reads of the teacher’s files and processes are stopped and reported; later checks count (before: the server was reached and /tmp written)', () => {
    expect(confinement().files && confinement().network.length > 0).toBe(true);
    expect(attack.confinement).toBe(
      'files: the kernel reads only its folder, node_modules and data/, writes only its scratch folder; network: none (a network namespace of its own)',
    );
    expect(hits).toEqual([]);
    for (const f of [tmpMark, dataMark, modulesMark]) expect([f, fs.existsSync(f)]).toEqual([f, false]);
    // cells: 0–3 opening and table, 4 network, 5 imports, 6 /tmp, 7 data/, 8 node_modules/, 9 the teacher's file, 10 a process
    console.log(
      JSON.stringify(
        attack.errors.map((e) => [e.cell, e.text.slice(0, 300)]),
        null,
        1,
      ),
    );
    expect(attack.errors.map((e) => [e.cell, e.text.split('\n')[0]])).toEqual([
      [4, 'TypeError: fetch failed'],
      [6, 'Error: Access to this API has been restricted'],
      [7, 'Error: Access to this API has been restricted'],
      [8, 'Error: Access to this API has been restricted'],
      [9, 'Error: Access to this API has been restricted'],
      [10, 'Error: Access to this API has been restricted'],
    ]);
    expect(answers(attack).map((r) => r.status)).toEqual(['missing', 'correct', 'missing']);
  });

  it('exercise 1 (a type error) is "error" with the compiler message; 2 and 3 after a throwing cell still count', () => {
    expect(answers(broken).map((r) => [r.exercise, r.status, r.points])).toEqual([
      [1, 'error', 0],
      [2, 'correct', 1],
      [3, 'error', 0],
    ]);
    // the graded kernel's library has no expected answers (before: full marks for exercise 3)
    expect(answers(broken)[2].reason).toMatch(
      /^the answer cell failed: TypeError: exports\.study\.teaching\.findExercise\(\.\.\.\)\.expected is not a function/,
    );
    expect(answers(broken)[0].reason).toBe(
      "the answer cell failed: 3:7 - Type 'number' is not assignable to type '{ largestV: string; lowestG: string; }'.",
    );
    expect(broken.errors.map((e) => e.cell)).toEqual([4, 5, 7]);
    expect(broken.errors[1].text.split('\n')[0]).toBe('Error: scratch cell broke');
  });

  it('the time-out names the cell that was running (not the last finished + 1)', () => {
    expect(loop.outcome).toBe('timeout');
    expect(answers(loop).map((r) => r.status)).toEqual(['missing', 'correct', 'timeout']);
    // cells: 0–3 opening and table, 4 answer 2, 5 markdown, 6 the loop
    expect(answers(loop)[2].reason).toBe(`the notebook ran past its time limit of ${LIMIT} s (in cell 6)`);
  });
});
