/**
 * The grader with the real kernel (slow: it executes notebooks). One class of submissions graded in one run,
 * two at a time: a fully solved copy and the untouched student edition of each notebook 01–08, and for notebook 03
 * one submission with a wrong numeric answer and a deleted check cell, and a file that is not JSON; then a short
 * notebook-03 submission with an infinite loop under a 20 s limit (cell time: the kernel's start is not counted),
 * and one whose kernel dies (study project: executes notebooks).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exercisesOf, findExercise } from '../../../lib/teaching/registry.js';
import { hasCodeLists } from '../../../lib/io/reference.js';
import { referenceDir } from '../../../lib/io/paths.js';
import { ensurePython } from '../../../scripts/jupyter/env.js';
import { studentEdition, type Nb } from '../../../scripts/teaching/edition.js';
import { gradeFolder, gradeSubmission, type SubmissionGrade } from '../../../scripts/teaching/grader.js';
import { writeGrades } from '../../../scripts/teaching/grades-out.js';
import { ARTIFACTS } from '../global-setup.js';
import { inputsHash, readCached, writeCached } from '../../helpers/run-cache.js';

const python = ensurePython();

/** Grades of the last run, reused when nothing an execution depends on (nor this file) changed (tests/helpers/run-cache.ts). */
interface Graded {
  class: SubmissionGrade[];
  loop: SubmissionGrade;
  crash: SubmissionGrade;
}
const CACHE_FILE = path.join(ARTIFACTS, 'cache', 'grade.json');
const CACHE_KEY = inputsHash(python, { files: ['tests/study/teaching/grade.test.ts'] });
const cached = readCached<Graded>(CACHE_FILE, CACHE_KEY);
const fresh: Partial<Graded> = {};
function storeWhenComplete(): void {
  if (fresh.class && fresh.loop && fresh.crash) writeCached(CACHE_FILE, CACHE_KEY, fresh);
}

const NB_DIR = path.resolve('notebooks');
const OUT = path.join(ARTIFACTS, 'grade');
const NOTEBOOKS = fs
  .readdirSync(NB_DIR)
  .filter((f) => /^0[1-8]-.+\.ipynb$/.test(f))
  .sort();
const read = (f: string): Nb => JSON.parse(fs.readFileSync(path.join(NB_DIR, f), 'utf8')) as Nb;
const write = (dir: string, name: string, nb: Nb | string) =>
  fs.writeFileSync(path.join(dir, name), typeof nb === 'string' ? nb : JSON.stringify(nb, null, 1));
const LIMIT_LOOP = 20;
/** The checked answers' rows (the answers in words are the teacher's: manual.csv). */
const answersOf = (g: SubmissionGrade) => g.rows.filter((r) => r.part === 'answer');

/** A short notebook-03 submission (its imports, the answer to exercise 2, then a loop before exercise 3; exercise 1's
 * cell deleted), so the limit can be short even on a busy machine. Graded once, after the class, beside the crash. */
let loopGrade: Promise<SubmissionGrade> | undefined;
function gradeLoop(): Promise<SubmissionGrade> {
  if (loopGrade) return loopGrade;
  const dir = path.join(ARTIFACTS, 'grade-loop');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const full = studentEdition(read('03-indices.ipynb'), '03', { solved: true });
  const imports = full.cells.find((c) => c.cell_type === 'code')!;
  const answer = (k: number) => full.cells.find((c) => c.metadata.study_exercise?.number === k)!;
  const nb: Nb = {
    ...full,
    cells: [
      imports,
      answer(2),
      {
        cell_type: 'code',
        id: 'loop',
        metadata: {},
        source: 'let spins = 0;\nwhile (true) { spins++; }',
        outputs: [],
        execution_count: null,
      },
      answer(3),
    ],
  };
  write(dir, 'loop-03.ipynb', nb);
  loopGrade = gradeSubmission(path.join(dir, 'loop-03.ipynb'), 'loop', { python: python!, limit: LIMIT_LOOP });
  return loopGrade;
}

describe('grader with the project kernel', () => {
  let grades: SubmissionGrade[] = [];
  const by = (student: string) => {
    const g = grades.find((x) => x.student === student)!;
    return { ...g, rows: g.rows.filter((r) => r.part === 'answer') }; // the answers in words: manual.csv
  };
  const lists = hasCodeLists(referenceDir());

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    if (cached) {
      console.log(`[grade] inputs unchanged (${CACHE_KEY}): the grades of the last run (STUDY_TEST_FRESH=1 re-grades)`);
      grades = cached.class;
      writeGrades(grades, OUT);
      return;
    }
    const subs = path.join(OUT, 'submissions');
    fs.mkdirSync(subs, { recursive: true });
    for (const f of NOTEBOOKS) {
      const n = f.slice(0, 2);
      write(subs, `solved-${n}.ipynb`, studentEdition(read(f), n, { solved: true }));
      write(subs, `blank-${n}.ipynb`, studentEdition(read(f), n));
    }
    const nb03 = read('03-indices.ipynb');
    const model2 = findExercise('03', 2).solutionExpr;
    // one submission, two faults: a wrong answer to exercise 2 and exercise 3's check cell deleted
    const wrong = studentEdition(nb03, '03', {
      solved: true,
      answers: { 2: `(() => { const a = ${model2}; return { G: a.G + 0.05, V: a.V }; })()` },
    });
    wrong.cells = wrong.cells.filter((c) => c.metadata.study_exercise?.number !== 3);
    write(subs, 'wrong-03.ipynb', wrong);
    write(subs, 'notjson-03-indices.ipynb', '{"cells": [ {"cell_type": "code", "source": "oops"');
    grades = await gradeFolder(subs, { jobs: 2, limit: 600, python, log: (l) => console.log(`[grade] ${l}`) });
    writeGrades(grades, OUT);
    fresh.class = grades;
    storeWhenComplete();
  }, 1_800_000);

  for (const f of NOTEBOOKS) {
    const n = f.slice(0, 2);
    it(`${f}: the fully solved copy gets full marks`, () => {
      const g = by(`solved-${n}`);
      expect(g.errors).toEqual([]);
      expect(g.outcome).toBe('ok');
      for (const r of g.rows) {
        if (n === '01' && r.exercise === 1 && !lists)
          expect(r.status).toBe('unanswered'); // the model answer needs the code lists
        else expect([r.exercise, r.status, r.reason]).toEqual([r.exercise, 'correct', 'correct']);
      }
      expect(g.rows.map((r) => r.exercise)).toEqual(exercisesOf(n).map((e) => e.number));
    });

    it(`${f}: the untouched student edition runs without error and is "not answered" everywhere`, () => {
      const g = by(`blank-${n}`);
      expect(g.errors).toEqual([]);
      expect(g.outcome).toBe('ok');
      expect(g.rows.map((r) => [r.exercise, r.status, r.points, r.reason])).toEqual(
        exercisesOf(n).map((e) => [e.number, 'unanswered', 0, 'not answered yet']),
      );
    });
  }

  it('a wrong numeric answer is flagged "not yet" with the hint; a deleted check cell is graded as such; the others stay correct', () => {
    const g = by('wrong-03');
    expect(g.rows.map((r) => r.status)).toEqual(['correct', 'incorrect', 'missing']);
    expect(g.rows.map((r) => r.points)).toEqual([1, 0.5, 0]); // exercise 2: V right, G off — half the points
    expect(g.rows[1].reason).toBe(`not yet: G is off — ${findExercise('03', 2).hint}`);
    expect(g.rows[2].reason).toBe("the check cell was deleted: no study.check('03', 3, …) call in the notebook");
  });

  it('a file that is not JSON is graded "unreadable" with the parser’s reason', () => {
    const g = by('notjson-03-indices');
    expect(g.outcome).toBe('unreadable');
    expect(g.rows.map((r) => [r.exercise, r.status])).toEqual([
      [1, 'unreadable'],
      [2, 'unreadable'],
      [3, 'unreadable'],
    ]);
    expect(g.rows[0].reason).toMatch(/^not a notebook: .*JSON/);
  });

  it('grades.csv has one row per student and exercise; grades.html the success rate per exercise', () => {
    const csv = fs.readFileSync(path.join(OUT, 'grades.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('student,file,notebook,exercise,part,status,points,max,reason');
    expect(csv.length - 1).toBe(grades.reduce((s, g) => s + g.rows.length, 0));
    expect(csv).toContain(
      'wrong-03,wrong-03.ipynb,03,3,answer,missing,0,1,"the check cell was deleted: no study.check(\'03\', 3, …) call in the notebook"',
    );
    const html = fs.readFileSync(path.join(OUT, 'grades.html'), 'utf8');
    // 03.2: solved ✓, blank –, wrong ✗, not JSON → 1 of 4
    const rate = /<th>03\.2<\/th>/.test(html) && html.includes('25 %<br><small>1 of 4</small>');
    expect(rate).toBe(true);
  });
});

describe('grader with the project kernel: an infinite loop, a crash', () => {
  let loop: SubmissionGrade;
  let crash: SubmissionGrade;
  beforeAll(async () => {
    if (cached) {
      ({ loop, crash } = cached);
      return;
    }
    // a submission that kills its kernel before exercise 2's check (exercises 1 and 3 deleted): tried twice, then "crashed"
    const dir = path.join(ARTIFACTS, 'grade-crash');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const full = studentEdition(read('03-indices.ipynb'), '03');
    const answer2 = full.cells.find((c) => c.metadata.study_exercise?.number === 2)!;
    write(dir, 'crash-03.ipynb', {
      ...full,
      cells: [
        { cell_type: 'code', id: 'exit', metadata: {}, source: 'process.exit(3);', outputs: [], execution_count: null },
        answer2,
      ],
    });
    [loop, crash] = await Promise.all([
      gradeLoop(),
      gradeSubmission(path.join(dir, 'crash-03.ipynb'), 'crash', { python: python!, limit: 120 }),
    ]);
    Object.assign(fresh, { loop, crash });
    storeWhenComplete();
  }, 600_000);

  it('a kernel that dies is graded "crashed" with the reason, after a second try', () => {
    expect(crash.outcome).toBe('dead');
    expect(answersOf(crash).map((r) => r.status)).toEqual(['missing', 'crashed', 'missing']);
    expect(crash.rows[1].reason).toMatch(/^the kernel died.*\(on both of two tries\)$/);
  });

  it('is stopped at the time limit: the check before it counts, the one after is "timeout" with the reason', () => {
    expect(loop.outcome).toBe('timeout');
    expect(answersOf(loop).map((r) => r.status)).toEqual(['missing', 'correct', 'timeout']);
    expect(loop.rows[2].reason).toBe(`the notebook ran past its time limit of ${LIMIT_LOOP} s (in cell 2)`);
    expect(loop.seconds).toBeLessThan(LIMIT_LOOP + 20);
  });
});
