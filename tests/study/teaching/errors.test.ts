/**
 * The grader with the real kernel on two SMALL notebook-03 submissions (a few cells each, graded at once):
 * - a type error in exercise 1's answer and a scratch cell that throws: the later checks still count (tslab
 *   cancels every request that arrives within 200 ms after an error; the executor waits and resends), and the
 *   reasons are the error messages, not the stack's first line `evalmachine.<anonymous>:2`;
 * - an endless loop after a markdown cell: the time-out names the cell that was running.
 * (study project: executes notebooks.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePython } from '../../../scripts/jupyter/env.js';
import { sourceOf, studentEdition, type Nb, type NbCell } from '../../../scripts/teaching/edition.js';
import { gradeSubmission, type SubmissionGrade } from '../../../scripts/teaching/grader.js';
import { tempDir } from '../../helpers/temp.js';

const python = ensurePython();
const LIMIT = 8;

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
  beforeAll(async () => {
    const dir = tempDir('grade-errors-');
    const brokenNb = small03(
      (_, answer) => [
        answer(1),
        code('scratch', "const scratch = 1;\nthrow new Error('scratch cell broke');"),
        answer(2),
        answer(3),
      ],
      { 1: '42' },
    );
    const loopNb = small03((_, answer) => [
      answer(2),
      { cell_type: 'markdown', id: 'note', metadata: {}, source: 'A note between the cells.' },
      code('loop', 'let spins = 0;\nwhile (true) { spins++; }'),
      answer(3),
    ]);
    fs.writeFileSync(path.join(dir, 'broken-03.ipynb'), JSON.stringify(brokenNb));
    fs.writeFileSync(path.join(dir, 'loop-03.ipynb'), JSON.stringify(loopNb));
    [broken, loop] = await Promise.all([
      gradeSubmission(path.join(dir, 'broken-03.ipynb'), 'broken', { python, limit: 120 }),
      gradeSubmission(path.join(dir, 'loop-03.ipynb'), 'loop', { python, limit: LIMIT }),
    ]);
  }, 300_000);

  it('exercise 1 (a type error) is "error" with the compiler message; 2 and 3 after a throwing cell still count', () => {
    expect(broken.rows.map((r) => [r.exercise, r.status, r.points])).toEqual([
      [1, 'error', 0],
      [2, 'correct', 1],
      [3, 'correct', 1],
    ]);
    expect(broken.rows[0].reason).toBe(
      "the answer cell failed: 3:7 - Type 'number' is not assignable to type '{ largestV: string; lowestG: string; }'.",
    );
    expect(broken.errors.map((e) => e.cell)).toEqual([4, 5]);
    expect(broken.errors[1].text.split('\n')[0]).toBe('Error: scratch cell broke');
  });

  it('the time-out names the cell that was running (not the last finished + 1)', () => {
    expect(loop.outcome).toBe('timeout');
    expect(loop.rows.map((r) => r.status)).toEqual(['missing', 'correct', 'timeout']);
    // cells: 0–3 opening and table, 4 answer 2, 5 markdown, 6 the loop
    expect(loop.rows[2].reason).toBe(`the notebook ran past its time limit of ${LIMIT} s (in cell 6)`);
  });
});
