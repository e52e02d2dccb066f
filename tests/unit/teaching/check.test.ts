/**
 * The teaching edition without a kernel: the exercise registry covers every exercise of notebooks 01–08 (and only
 * those), every expected answer is computed by the library from a notebook-like context, the check's verdicts
 * (correct / not answered / not yet with a hint that never shows the value), the student edition's shape, the
 * grader's pure parts (markers, unreadable submissions, CSV/HTML), the report's collapsed solution blocks, and —
 * in Chromium, on the report built by the global setup — that those blocks are closed by default.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStudy, type StudyRun } from '../../../lib/study.js';
import { DEFAULT_CHOICES } from '../../../lib/steps/choices.js';
import { referenceDir } from '../../../lib/io/paths.js';
import { hasCodeLists } from '../../../lib/io/reference.js';
import { loadGroups } from '../../../lib/io/data.js';
import { EXERCISES, exercisesOf, findExercise, type Exercise } from '../../../lib/teaching/registry.js';
import { CHECK_MIME, check, checkAnswer } from '../../../lib/teaching/check.js';
import { compareAnswer } from '../../../lib/teaching/compare.js';
import { answerCellSource, listedExercises, sourceOf, studentEdition, writeStudentEdition, type Nb } from '../../../scripts/teaching/edition.js';
import { checkCallPattern, checkMarkers, gradeSubmission, gradesCsv, gradesHtml, submissionNotebook, type SubmissionGrade } from '../../../scripts/teaching/grader.js';
import { collapseSolutions } from '../../../scripts/report/solutions.js';
import { main as studentMain } from '../../../scripts/student.js';

const NB_DIR = path.resolve('notebooks');
const readNb = (file: string): Nb => JSON.parse(fs.readFileSync(path.join(NB_DIR, file), 'utf8')) as Nb;
const notebookFiles = fs.readdirSync(NB_DIR).filter((f) => /^\d\d-.+\.ipynb$/.test(f)).sort();
const checked = notebookFiles.filter((f) => /^0[1-8]-/.test(f));

describe('exercise registry', () => {
  it('notebooks 01–08 all exist', () => {
    expect(checked.map((f) => f.slice(0, 2))).toEqual(['01', '02', '03', '04', '05', '06', '07', '08']);
  });

  for (const f of checked) {
    it(`${f}: every listed exercise has a registry entry and a solution cell, and vice versa`, () => {
      const nb = readNb(f);
      const listed = listedExercises(nb);
      expect(listed.length).toBeGreaterThan(0);
      expect(exercisesOf(f.slice(0, 2)).map((e) => e.number)).toEqual(listed);
      const solutions = nb.cells.filter((c) => (c.metadata.tags ?? []).includes('solution')).map((c) => /^\/\/ Exercise (\d+)/.exec(sourceOf(c))?.[1]);
      expect(solutions.map(Number)).toEqual(listed);
    });
  }

  it('has no entry for a notebook or exercise that does not exist', () => {
    for (const e of EXERCISES) {
      const f = checked.find((x) => x.startsWith(`${e.notebook}-`));
      expect(f, `${e.notebook}.${e.number}`).toBeDefined();
      expect(listedExercises(readNb(f!))).toContain(e.number);
    }
    expect(new Set(EXERCISES.map((e) => `${e.notebook}.${e.number}`)).size).toBe(EXERCISES.length);
  });

  it('every entry has a type, a hint and a model answer; the stub is the declared type', () => {
    for (const e of EXERCISES) {
      expect(e.answerType.length).toBeGreaterThan(0);
      expect(e.hint.length).toBeGreaterThan(20);
      expect(e.solutionExpr.length).toBeGreaterThan(0);
      expect(answerCellSource(e)).toContain(`const answer${e.number}: ${e.answerType} | undefined = undefined;`);
      expect(answerCellSource(e)).toMatch(checkCallPattern(e.notebook, e.number));
      // the tolerance is stated to the student
      if (e.tolerance > 0) expect(answerCellSource(e).split('\n')[0]).toContain(`within ${e.tolerance}`);
    }
  });

  it('findExercise names the missing exercise', () => {
    expect(findExercise('03', 2).answerType).toBe('{ G: number; V: number }');
    expect(() => findExercise('03', 9)).toThrow('findExercise: no exercise 9 in notebook 03 (the registry lists 1, 2, 3) (got "03.9")');
  });
});

/** Contexts like the notebooks' own (their params cells' defaults), on the SYNTHETIC panel. */
function contexts(): Record<string, Record<string, unknown>> {
  const run1: StudyRun = runStudy({ dataSource: 'synthetic' });
  const indexParams = { ...DEFAULT_CHOICES, focusGroup: 'Integrated Circuits (ICs)' };
  return {
    '01': { params: { referenceDir: '' }, refDir: referenceDir() },
    '02': { params: { batch: 1 }, run: run1 },
    '03': { params: indexParams, run: run1 },
    '04': { params: {}, run: run1 },
    '05': { params: { fromYear: 2015, toYear: 2024 }, panel: run1.panel },
    '06': { params: { zeroBase: 'skip-series' }, panel: run1.panel },
    '07': {
      params: {
        windowStarts: ['2015-01', '2016-01', '2017-01'], windowEnds: ['2023-12', '2024-12'], frequencies: ['monthly', 'quarterly', 'annual'], sds: ['sample', 'population'],
        weights: ['linear', 'uniform', { exponential: 0.02 }], bases: ['first', { meanOfFirst: 3 }, { meanOfFirst: 12 }], growthCuts: [0.3, 0.4, 0.5, 0.6, 0.7], volatilityCuts: [0.2, 0.25, 0.3, 0.35, 0.4], survivalCut: 0.9,
      },
      run: run1,
    },
    // the screen runs on any panel: the curated-code panel keeps this test fast
    '08': { params: { window: ['2015-01', '2024-12'], semiconductorPrefixes: ['8486', '8541', '8542'], topN: 15 }, panel: run1.panel },
  };
}

/** Move every number of an answer well outside its tolerance. */
function perturb(v: unknown, tol: number): unknown {
  if (typeof v === 'number') return v + 10 * tol + 0.1 * Math.abs(v) + 1;
  if (Array.isArray(v) || v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, perturb(x, tol)]));
}
const hasNumber = (v: unknown): boolean => typeof v === 'number' || (!!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).some(hasNumber));

describe('checks against the library-computed answers (SYNTHETIC panel)', () => {
  const ctx = contexts();
  it('the official code lists exercise 01.1 needs are shipped', () => expect(hasCodeLists(referenceDir())).toBe(true));

  for (const e of EXERCISES) {
    const name = `${e.notebook}.${e.number}`;
    it(`${name}: expected answer → correct, undefined → not answered, a changed answer → not yet with the hint`, () => {
      const c = ctx[e.notebook];
      const expected = e.expected(c);
      const model = e.oneOf ? (expected as unknown[])[0] : expected;
      expect(model).toBeDefined();
      expect(checkAnswer(e.notebook, e.number, model, c)).toEqual({ notebook: e.notebook, exercise: e.number, status: 'correct', message: 'correct' });
      expect(checkAnswer(e.notebook, e.number, undefined, c).status).toBe('unanswered');
      expect(checkAnswer(e.notebook, e.number, undefined, c).message).toBe('not answered yet');
      const wrong = hasNumber(model) ? perturb(model, e.tolerance) : Array.isArray(model) ? [...model, 'not-a-real-answer'] : typeof model === 'object' ? { ...(model as object), __wrong: true, ...Object.fromEntries(Object.entries(model as object).filter(([, v]) => typeof v === 'string' || Array.isArray(v)).map(([k, v]) => [k, Array.isArray(v) ? [...v, 'zz'] : `${v}-x`])) } : `${model}-x`;
      const r = checkAnswer(e.notebook, e.number, wrong, c);
      expect(r.status).toBe('incorrect');
      expect(r.message.startsWith('not yet: ')).toBe(true);
      expect(r.message).toContain(e.hint);
      // the verdict never gives the value away
      for (const n of JSON.stringify(model).match(/-?\d+\.\d{3,}/g) ?? []) expect(r.message).not.toContain(n.slice(0, 6));
    });
  }

  it('03.2 by hand: G = 9/21, V = √(56/5)/13 (the worked solution of the notebook)', () => {
    expect(checkAnswer('03', 2, { G: 9 / 21, V: Math.sqrt(56 / 5) / 13 }).status).toBe('correct');
    expect(checkAnswer('03', 2, { G: 0.429, V: 0.257 }).status).toBe('correct'); // rounded to 3 decimals: inside 0.001
    expect(checkAnswer('03', 2, { G: 0.5, V: 0.257 }).message).toBe(`not yet: G is off — ${findExercise('03', 2).hint}`);
    expect(checkAnswer('03', 2, { G: 0.429 } as never).message).toMatch(/^not yet: V is missing — /);
    expect(checkAnswer('03', 2, 0.429).message).toMatch(/^not yet: the answer should be an object, not a number — /);
  });

  it('03.1 accepts names in any case; 04.1 lists are compared as sets', () => {
    const c = ctx['03'];
    const e = findExercise('03', 1).expected(c) as { largestV: string; lowestG: string };
    expect(checkAnswer('03', 1, { largestV: ` ${e.largestV.toUpperCase()} `, lowestG: e.lowestG }, c).status).toBe('correct');
    const p = findExercise('04', 1).expected(ctx['04']) as { semiconductorSubstitution: string[] };
    expect(checkAnswer('04', 1, { ...p, semiconductorSubstitution: [...p.semiconductorSubstitution].reverse() }, ctx['04']).status).toBe('correct');
  });

  it('a check whose expected answer cannot be computed says so, and an unknown exercise is unavailable', () => {
    expect(checkAnswer('03', 3, { G: 1, V: 1 }, {}).status).toBe('unavailable');
    expect(checkAnswer('03', 3, { G: 1, V: 1 }, {}).message).toContain('needs "params"');
    expect(checkAnswer('09', 1, 1).status).toBe('unavailable');
  });

  it('05.3: the model answer overrides exactly the semiconductor capital-goods groups (1, 3, 6, 8, 11)', () => {
    expect(loadGroups().filter((g) => g.semiconductor && g.category === 'capital goods').map((g) => g.group_id)).toEqual([1, 3, 6, 8, 11]);
    expect(findExercise('05', 3).solutionExpr).toContain("{ 1: 'not subtracted', 3: 'not subtracted', 6: 'not subtracted', 8: 'not subtracted', 11: 'not subtracted' }");
  });

  it('the expected answers follow the data: another panel gives another expected G', () => {
    const other = runStudy({ dataSource: 'synthetic', choices: { window: ['2016-01', '2024-12'] } });
    const a = findExercise('04', 2).expected(ctx['04']) as number;
    const b = findExercise('04', 2).expected({ run: other }) as number;
    expect(a).not.toBeCloseTo(b, 6);
  });

  it('check() outside a notebook shows nothing and returns nothing', () => {
    expect(check('03', 2, undefined)).toBeUndefined();
  });
});

describe('compareAnswer', () => {
  it('hand-made cases', () => {
    expect(compareAnswer(0.4286, 0.4285714, 0.001)).toEqual({ ok: true, problem: '' });
    expect(compareAnswer(0.43, 0.4285714, 0.001)).toEqual({ ok: false, problem: 'the number is off' });
    expect(compareAnswer(17, 17, 0)).toEqual({ ok: true, problem: '' });
    expect(compareAnswer(16, 17, 0).ok).toBe(false);
    expect(compareAnswer(NaN, 17, 0)).toEqual({ ok: false, problem: 'the answer should be a number, not a non-finite number' });
    expect(compareAnswer(['b', 'A'], ['a', 'b'], 0)).toEqual({ ok: true, problem: '' });
    expect(compareAnswer(['a'], ['a', 'b'], 0)).toEqual({ ok: false, problem: 'the list has 1 item missing' });
    expect(compareAnswer(['a', 'b', 'c'], ['a'], 0)).toEqual({ ok: false, problem: 'the list has 2 items that should not be there' });
    expect(compareAnswer({ G: 0.43, V: 0.3 }, { G: 0.4286, V: 0.2574 }, 0.005)).toEqual({ ok: false, problem: 'V is off' });
    expect(compareAnswer({ a: { b: 'x' } }, { a: { b: 'y' } }, 0)).toEqual({ ok: false, problem: 'a.b is not the right one' });
    expect(compareAnswer('12', 12, 0)).toEqual({ ok: false, problem: 'the answer should be a number, not a text' });
  });

  it('property: a value equals itself; a number inside the tolerance passes, outside fails', () => {
    const json = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.boolean(), fc.array(fc.string(), { maxLength: 4 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), tie('v'), { maxKeys: 3 })),
    })).v;
    fc.assert(fc.property(json, (v) => compareAnswer(v, v, 0).ok));
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), (x, tol, f) => {
        return compareAnswer(x + f * tol, x, tol).ok && !compareAnswer(x + 1.5 * tol + 1e-6 * Math.max(1, Math.abs(x)), x, tol).ok;
      }),
    );
  });
});

describe('student edition', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'student-'));
  const files = writeStudentEdition(NB_DIR, dir);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes every notebook', () => {
    expect(files.map((f) => path.basename(f))).toEqual(notebookFiles);
  });

  for (const f of notebookFiles) {
    it(`${f}: no solution, no output, one typed answer cell and check per exercise under the exercises`, () => {
      const nb = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Nb;
      const text = JSON.stringify(nb);
      expect(nb.cells.some((c) => (c.metadata.tags ?? []).includes('solution'))).toBe(false);
      const original = readNb(f);
      for (const s of original.cells.filter((c) => (c.metadata.tags ?? []).includes('solution'))) expect(text).not.toContain(JSON.stringify(sourceOf(s)).slice(1, 60));
      for (const c of nb.cells.filter((x) => x.cell_type === 'code')) {
        expect(c.outputs).toEqual([]);
        expect(c.execution_count).toBeNull();
      }
      const nbNo = f.slice(0, 2);
      const answers = nb.cells.filter((c) => (c.metadata.tags ?? []).includes('answer'));
      expect(answers.map((c) => c.metadata.study_exercise.number)).toEqual(exercisesOf(nbNo).map((e) => e.number));
      const exIdx = nb.cells.findIndex((c) => c.cell_type === 'markdown' && /^## Exercises/m.test(sourceOf(c)));
      answers.forEach((c, k) => {
        const e = exercisesOf(nbNo)[k];
        expect(nb.cells.indexOf(c)).toBe(exIdx + 1 + k);
        expect(sourceOf(c)).toContain(`const answer${e.number}: ${e.answerType} | undefined = undefined;`);
        expect(sourceOf(c)).toMatch(checkCallPattern(nbNo, e.number));
      });
      expect(nb.metadata.study_teaching).toEqual({ edition: 'student', notebook: nbNo, exercises: exercisesOf(nbNo).map((e) => e.number) });
      // the non-exercise cells are the original's, in order
      expect(nb.cells.filter((c) => !(c.metadata.tags ?? []).includes('answer')).map(sourceOf)).toEqual(original.cells.filter((c) => !(c.metadata.tags ?? []).includes('solution')).map(sourceOf));
    });
  }

  it('the solved copy carries the model answers; a given answer replaces one stub', () => {
    const nb = studentEdition(readNb('03-indices.ipynb'), '03', { solved: true, answers: { 2: '{ G: 1, V: 2 }' } });
    const src = nb.cells.filter((c) => (c.metadata.tags ?? []).includes('answer')).map(sourceOf);
    expect(src[0]).toContain(findExercise('03', 1).solutionExpr);
    expect(src[1]).toContain('const answer2: { G: number; V: number } | undefined = { G: 1, V: 2 };');
    expect(nb.metadata.study_teaching.edition).toBe('solved');
  });

  it('a notebook whose exercises differ from the registry is refused, naming both lists', () => {
    const nb = readNb('03-indices.ipynb');
    const cut = JSON.parse(JSON.stringify(nb)) as Nb;
    const ex = cut.cells.find((c) => /^## Exercises/m.test(sourceOf(c)))!;
    ex.source = sourceOf(ex).replace(/^3\. .*$/m, '');
    expect(() => studentEdition(cut, '03')).toThrow('student edition of notebook 03: the notebook lists exercises [1, 2] but the registry declares [1, 2, 3] (lib/teaching/registry.ts)');
  });
});

describe('grader (no kernel)', () => {
  const exec = (cells: { source: string; outputs?: unknown[] }[]): Nb => ({
    cells: cells.map((c) => ({ cell_type: 'code', metadata: {}, source: c.source, outputs: c.outputs ?? [], execution_count: 1 })),
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  });
  const marker = (nb: string, ex: number, status: string) => ({ output_type: 'display_data', data: { [CHECK_MIME]: { notebook: nb, exercise: ex, status, message: status }, 'text/plain': status }, metadata: {} });

  it('reads the markers of the check calls only (a marker printed elsewhere does not count)', () => {
    const nb = exec([
      { source: "const answer1 = 1;\nstudy.check('03', 1, answer1, { params: params, run: run });", outputs: [marker('03', 1, 'correct')] },
      { source: 'display(fake)', outputs: [marker('03', 2, 'correct')] },
      { source: "study.check('04', 3, x);", outputs: [marker('04', 3, 'correct')] },
    ]);
    const m = checkMarkers(nb, '03');
    expect([...m.keys()]).toEqual([1]);
    expect(m.get(1)).toEqual({ cell: 0, result: { notebook: '03', exercise: 1, status: 'correct', message: 'correct' } });
  });

  it('finds the notebook from the metadata, the check calls or the file name', () => {
    expect(submissionNotebook({ metadata: { study_teaching: { notebook: '05' } }, cells: [] }, 'x.ipynb')).toBe('05');
    expect(submissionNotebook(exec([{ source: "study.check('07', 1, a)" }]), 'x.ipynb')).toBe('07');
    expect(submissionNotebook(undefined, '/s/alice-04-partition.ipynb')).toBe('04');
    expect(submissionNotebook(undefined, '/s/alice.ipynb')).toBeUndefined();
  });

  it('a file that is not JSON is graded "unreadable" with the parser’s reason, one row per exercise of the notebook its name gives', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'grade-bad-'));
    const f = path.join(d, 'carol-03-indices.ipynb');
    fs.writeFileSync(f, '{"cells": [ this is not json');
    const g = await gradeSubmission(f, 'carol', { python: 'python3-not-needed' });
    expect(g.outcome).toBe('unreadable');
    expect(g.rows.map((r) => [r.exercise, r.status, r.points])).toEqual([[1, 'unreadable', 0], [2, 'unreadable', 0], [3, 'unreadable', 0]]);
    expect(g.rows[0].reason).toMatch(/^not a notebook: .*JSON/);
    const f2 = path.join(d, 'dave.ipynb');
    fs.writeFileSync(f2, '[1, 2]');
    expect((await gradeSubmission(f2, 'dave', { python: 'x' })).rows).toEqual([{ student: 'dave', file: f2, notebook: '', exercise: '', status: 'unreadable', points: 0, reason: 'not a notebook: the JSON has no "cells" list' }]);
    fs.rmSync(d, { recursive: true, force: true });
  });

  it('grades.csv quotes fields; grades.html has the success rate per exercise', () => {
    const g: SubmissionGrade[] = [
      { student: 'a', file: '/x/a.ipynb', notebook: '03', seconds: 1, outcome: 'ok', errors: [], rows: [{ student: 'a', file: '/x/a.ipynb', notebook: '03', exercise: 1, status: 'correct', points: 1, reason: 'correct' }] },
      { student: 'b', file: '/x/b.ipynb', notebook: '03', seconds: 1, outcome: 'ok', errors: [], rows: [{ student: 'b', file: '/x/b.ipynb', notebook: '03', exercise: 1, status: 'incorrect', points: 0, reason: 'not yet: G is off, "see"' }] },
    ];
    expect(gradesCsv(g.flatMap((x) => x.rows))).toBe('student,file,notebook,exercise,status,points,reason\na,a.ipynb,03,1,correct,1,correct\nb,b.ipynb,03,1,incorrect,0,"not yet: G is off, ""see"""\n');
    const html = gradesHtml(g);
    expect(html).toContain('<th>03.1</th>');
    expect(html).toContain('50 %<br><small>1 of 2</small>');
    expect(html).toContain('not yet: G is off, &quot;see&quot;');
  });
});

describe('report: solution blocks', () => {
  const cell = (tags: string, body: string) => `<div class="jp-Cell jp-CodeCell jp-Notebook-cell   ${tags}">\n<div class="jp-Cell-inputWrapper"><div class="x">${body}</div></div>\n<div class="jp-Cell-outputWrapper"><div>out</div></div>\n</div>`;

  it('wraps each solution cell, input and output, in a closed <details>; other cells untouched; idempotent', () => {
    const html = `<body>${cell('', 'a')}\n${cell('celltag_solution', 'b')}\n${cell('celltag_solution celltag_x', 'c')}</body>`;
    const out = collapseSolutions(html);
    expect(out).toBe(
      `<body>${cell('', 'a')}\n<details class="study-solution"><summary>Show solution</summary>${cell('celltag_solution', 'b')}</details>\n` +
        `<details class="study-solution"><summary>Show solution</summary>${cell('celltag_solution celltag_x', 'c')}</details></body>`,
    );
    expect(collapseSolutions(out)).toBe(out);
    expect(out).not.toMatch(/<details[^>]*\bopen\b/);
  });
});


describe('npm run student (the command)', () => {
  it('--help prints the usage and writes nothing; an unknown option is refused (exit 2) and writes nothing; --out writes the edition there', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'student-cli-'));
    const x = path.join(cwd, 'x');
    const out: string[] = [];
    const err: string[] = [];
    const run = (args: string[]) => studentMain(args, (s) => out.push(s), (s) => err.push(s));
    try {
      expect(run(['--help', '--out', x])).toBe(0);
      expect(out.join('\n')).toContain('npm run student -- --solved');
      expect(run(['--out', x, '--bogus'])).toBe(2);
      expect(err.join('\n')).toContain('unknown option --bogus');
      expect(fs.readdirSync(cwd)).toEqual([]);
      expect(run(['--out', x])).toBe(0);
      expect(fs.readdirSync(x).filter((f) => f.endsWith('.ipynb'))).toHaveLength(9);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
