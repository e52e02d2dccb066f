/**
 * The grader behind `npm run grade`: executes each submitted notebook headless with the project's kernel (tslab,
 * the same launcher arguments as the project kernel) in a fresh temporary working folder, with a time limit per
 * notebook, reads every check's marker from the executed notebook, and writes grades.csv and grades.html. A
 * submission that is not a notebook, crashes, runs past the limit or lost its check cells is graded as such, with
 * the reason; nothing a submission does stops the grader.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHECK_MIME, judgeAnswer, type CheckResult } from '../../lib/teaching/check.js';
import { exercisesOf } from '../../lib/teaching/registry.js';
import { pointsOf } from '../../lib/teaching/exercise.js';
import { referenceDir } from '../../lib/io/paths.js';
import { escapeHtml } from '../../lib/present/display.js';
import { ensurePython, jupyterEnv, ROOT } from '../jupyter/env.js';
import { confinement, libraryToCopy, makeWorkFolder, runExecutor, type ExecResult } from './sandbox.js';
import { expectedAnswers, type ExpectedAnswers } from './expected.js';
import { notebookNumber, sourceOf, writtenAnswer, type Nb } from './edition.js';

/** How one exercise of one submission was graded. */
export type GradeStatus =
  | 'correct'
  | 'incorrect'
  | 'unanswered'
  | 'unavailable'
  | 'error'
  | 'missing'
  | 'timeout'
  | 'crashed'
  | 'unreadable'
  | 'not run'
  | 'manual';

export interface GradeRow {
  student: string;
  file: string;
  notebook: string;
  /** The exercise number ('' when the submission could not even be matched to a notebook). */
  exercise: number | '';
  /** The checked answer, or the answer in words (graded by the teacher: manual.csv). */
  part: 'answer' | 'written';
  status: GradeStatus;
  /** Points earned (a share of `max` for an object answer with some fields right; 0 for a written answer until the teacher grades it). */
  points: number;
  max: number;
  /** Why (for a written answer: the student's text). */
  reason: string;
}

export interface SubmissionGrade {
  student: string;
  file: string;
  notebook: string;
  seconds: number;
  outcome: string;
  /** What confined the submission's kernel (scripts/teaching/sandbox.ts), '' when it did not run. */
  confinement?: string;
  /** Cells that raised an error (index in the submission, the kernel's message). */
  errors: { cell: number; text: string }[];
  rows: GradeRow[];
}

export interface GradeOptions {
  /** Time limit per notebook, in seconds (default 180): the time its cells take, the kernel's start not counted. */
  limit?: number;
  /** Submissions graded at once (default: the number of cores). */
  jobs?: number;
  /** The expected answers of a notebook (default: the grader's own run of it, once per process: expected.ts). */
  expected?: (notebook: string, python: string) => Promise<{ answers: ExpectedAnswers; detail: string }>;
  /** Keep each executed notebook here, as `<student>/<notebook file>` (for the feedback). */
  keepExecuted?: string;
  /** The Python with nbclient (default: found as for `npm start`). */
  python?: string;
  log?: (line: string) => void;
}

/** The check markers in an executed notebook: per exercise number, the marker of the notebook's own check call. */
export function checkMarkers(nb: Nb, notebook: string): Map<number, { cell: number; result: CheckResult }> {
  const out = new Map<number, { cell: number; result: CheckResult }>();
  nb.cells.forEach((c, i) => {
    if (c.cell_type !== 'code') return;
    for (const o of (c.outputs ?? []) as { data?: Record<string, unknown> }[]) {
      const r = o.data?.[CHECK_MIME] as CheckResult | undefined;
      if (!r || r.notebook !== notebook || typeof r.exercise !== 'number') continue;
      // only a marker printed by the exercise's own check call counts
      if (!checkCallPattern(notebook, r.exercise).test(sourceOf(c))) continue;
      out.set(r.exercise, { cell: i, result: r });
    }
  });
  return out;
}

/** Matches `check('03', 2` (the check call of an exercise) in a cell's source. */
export function checkCallPattern(notebook: string, exercise: number): RegExp {
  return new RegExp(`\\bcheck\\(\\s*['"\`]${notebook}['"\`]\\s*,\\s*${exercise}\\s*[,)]`);
}

/** Which notebook a submission is of: its teaching metadata, else its check calls, else its file name. */
export function submissionNotebook(nb: Partial<Nb> | undefined, file: string): string | undefined {
  const meta = nb?.metadata?.study_teaching?.notebook;
  if (typeof meta === 'string' && /^\d\d$/.test(meta)) return meta;
  for (const c of nb?.cells ?? []) {
    const m = /\bcheck\(\s*['"`](\d\d)['"`]/.exec(sourceOf(c));
    if (m) return m[1];
  }
  return notebookNumber(file) ?? /(?:^|[^\d])(\d\d)-[a-z]/.exec(path.basename(file))?.[1];
}

const expectedRuns = new Map<string, Promise<{ answers: ExpectedAnswers; detail: string }>>();
/** The grader's own run of a notebook, once per notebook and library build in this process. */
function cachedExpected(notebook: string, python: string) {
  const key = `${notebook}:${libraryToCopy()}`;
  if (!expectedRuns.has(key)) expectedRuns.set(key, expectedAnswers(notebook, python, executorEnv()));
  return expectedRuns.get(key)!;
}

function executorEnv(): NodeJS.ProcessEnv {
  const env = jupyterEnv({ STUDY_HEADLESS: '1' });
  delete env.STUDY_RESULTS_DIR;
  delete env.STUDY_NOTEBOOK;
  const ref = referenceDir();
  if (ref) env.STUDY_REFERENCE_DIR = ref;
  return env;
}

const firstLines = (text: string, n = 3): string =>
  text
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, n)
    .join(' | ')
    .slice(0, 300);

/** Grade one submitted notebook (never throws for anything the submission does). */
export async function gradeSubmission(
  file: string,
  student: string,
  opts: GradeOptions & { python: string },
): Promise<SubmissionGrade> {
  const limit = opts.limit ?? 180;
  const base = { student, file };
  let nb: Nb | undefined;
  let problem = '';
  try {
    nb = JSON.parse(fs.readFileSync(file, 'utf8')) as Nb;
    if (!nb || !Array.isArray(nb.cells)) problem = 'not a notebook: the JSON has no "cells" list';
  } catch (e) {
    problem = `not a notebook: ${(e as Error).message}`;
  }
  const notebook = submissionNotebook(problem ? undefined : nb, file) ?? '';
  const exercises = exercisesOf(notebook);
  const allRows = (status: GradeStatus, reason: string): GradeRow[] =>
    exercises.length
      ? exercises.map((e) => ({
          ...base,
          notebook,
          exercise: e.number,
          part: 'answer' as const,
          status,
          points: 0,
          max: pointsOf(e),
          reason,
        }))
      : [{ ...base, notebook, exercise: '', part: 'answer' as const, status, points: 0, max: 0, reason }];
  if (problem)
    return { ...base, notebook, seconds: 0, outcome: 'unreadable', errors: [], rows: allRows('unreadable', problem) };
  if (!exercises.length)
    return {
      ...base,
      notebook,
      seconds: 0,
      outcome: 'unreadable',
      errors: [],
      rows: allRows(
        'unreadable',
        'no checked exercises: not a student notebook of 01–08 (no teaching metadata, no study.check call, no NN- file name)',
      ),
    };

  let exec!: ExecResult;
  let executed: Nb | undefined;
  // a kernel that dies is given one more try in a new folder (a busy machine can lose a kernel); dying twice is the submission's
  for (let attempt = 1; attempt <= 2; attempt++) {
    const ref = referenceDir();
    const work = makeWorkFolder(undefined, undefined, ref && fs.existsSync(ref) ? [ref] : []);
    executed = undefined;
    try {
      const src = path.join(work, 'submission.ipynb');
      fs.copyFileSync(file, src);
      const out = path.join(work, 'executed.ipynb');
      const env = executorEnv();
      env.JUPYTER_PATH = [path.join(work, 'jupyter'), env.JUPYTER_PATH].filter(Boolean).join(path.delimiter);
      exec = await runExecutor(opts.python, src, out, work, limit, env);
      if (fs.existsSync(out)) executed = JSON.parse(fs.readFileSync(out, 'utf8')) as Nb;
      if (executed && opts.keepExecuted) {
        const keep = path.join(opts.keepExecuted, student, path.basename(file));
        fs.mkdirSync(path.dirname(keep), { recursive: true });
        fs.copyFileSync(out, keep);
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    if (exec.outcome !== 'dead') break;
    if (attempt === 2) exec.detail = `${exec.detail} (on both of two tries)`;
  }
  if (exec.outcome === 'unreadable')
    return {
      ...base,
      notebook,
      seconds: exec.seconds,
      outcome: 'unreadable',
      errors: [],
      rows: allRows('unreadable', `not a notebook: ${exec.detail}`),
    };
  const stripped = libraryToCopy() !== path.join(ROOT, 'lib'); // a compiled build: its answers were taken out
  const cells = (executed ?? nb!).cells;
  const markers = executed
    ? checkMarkers(executed, notebook)
    : new Map<number, { cell: number; result: CheckResult }>();
  const expected = [...markers.values()].some((m) => m.result.status === 'submitted')
    ? await (opts.expected ?? cachedExpected)(notebook, opts.python)
    : undefined;
  const rows = exercises.map((e): GradeRow => {
    const row = (status: GradeStatus, reason: string, parts?: CheckResult['parts']): GradeRow => ({
      ...base,
      notebook,
      exercise: e.number,
      part: 'answer',
      status,
      points:
        status === 'correct'
          ? pointsOf(e)
          : status === 'incorrect' && parts && parts.of > 0
            ? Math.round((100 * pointsOf(e) * parts.right) / parts.of) / 100
            : 0,
      max: pointsOf(e),
      reason,
    });
    const m = markers.get(e.number);
    if (m) {
      const r = m.result;
      if (r.status === 'submitted') {
        if (!expected?.answers.has(e.number))
          return row(
            'unavailable',
            `the grader could not compute the expected answer${expected?.detail ? ` (${expected.detail})` : ''}`,
          );
        const v = judgeAnswer(e, r.answer, expected.answers.get(e.number));
        return row(v.status as GradeStatus, v.message, v.parts);
      }
      // the graded kernel has no expected answers: a "correct" or "not yet" in its output was not made by the check
      // (unless lib/ did not compile: the kernel then ran the sources, answers included, and its verdicts stand)
      if ((r.status === 'correct' || r.status === 'incorrect') && stripped)
        return row(
          'error',
          `the check's verdict "${r.status}" was not made by the check (the grader compares answers itself)`,
        );
      return row(r.status, r.message, r.parts);
    }
    const cellIndex = cells.findIndex(
      (c) => c.cell_type === 'code' && checkCallPattern(notebook, e.number).test(sourceOf(c)),
    );
    if (cellIndex < 0)
      return row(
        'missing',
        `the check cell was deleted: no study.check('${notebook}', ${e.number}, …) call in the notebook`,
      );
    const err = exec.errors.find((x) => x.cell === cellIndex);
    if (err) return row('error', `the answer cell failed: ${firstLines(err.text)}`);
    if (exec.outcome === 'timeout' && (exec.stoppedAt === null || cellIndex >= exec.stoppedAt))
      return row('timeout', exec.detail);
    if (exec.outcome === 'dead') return row('crashed', exec.detail || 'the kernel died before the check ran');
    const earlier = exec.errors
      .filter((x) => x.cell < cellIndex)
      .map((x) => `cell ${x.cell}: ${firstLines(x.text, 1)}`);
    return row(
      'not run',
      `the check reported nothing${earlier.length ? ` (errors earlier: ${earlier.join('; ')})` : ''}`,
    );
  });
  // the answers in words: left for the teacher (manual.csv), with the student's text
  for (const e of exercises.filter((x) => x.written)) {
    const cell = nb!.cells.find((c) => c.metadata?.study_written?.number === e.number);
    const text = cell ? writtenAnswer(cell) : '';
    rows.push({
      ...base,
      notebook,
      exercise: e.number,
      part: 'written',
      status: cell && text ? 'manual' : cell ? 'unanswered' : 'missing',
      points: 0,
      max: e.written!.points,
      reason: cell ? text : 'the written-answer cell was deleted',
    });
  }
  return {
    ...base,
    notebook,
    seconds: exec.seconds,
    outcome: exec.outcome,
    errors: exec.errors,
    rows,
    confinement: stripped
      ? confinement().summary
      : `${confinement().summary}; answers: checked IN the submission's kernel (lib/ did not compile, so its sources ran with the expected answers)`,
  };
}

/** The submissions in a folder: `*.ipynb` (student = file name) and `<student>/*.ipynb` (student = folder name). */
export function listSubmissions(dir: string): { file: string; student: string }[] {
  const out: { file: string; student: string }[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isFile() && e.name.endsWith('.ipynb')) out.push({ file: p, student: e.name.replace(/\.ipynb$/, '') });
    else if (e.isDirectory() && !e.name.startsWith('.') && !['executed', 'feedback'].includes(e.name))
      for (const f of fs
        .readdirSync(p)
        .filter((f) => f.endsWith('.ipynb'))
        .sort())
        out.push({ file: path.join(p, f), student: e.name });
  }
  return out;
}

/** Grade every submission of a folder, `jobs` at a time, in listing order. */
export async function gradeFolder(dir: string, opts: GradeOptions = {}): Promise<SubmissionGrade[]> {
  const subs = listSubmissions(dir);
  const python = opts.python ?? ensurePython();
  const jobs = Math.max(1, opts.jobs ?? os.cpus().length);
  const results: SubmissionGrade[] = new Array(subs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < subs.length) {
      const i = next++;
      const r = await gradeSubmission(subs[i].file, subs[i].student, { ...opts, python });
      results[i] = r;
      done++;
      const pts = r.rows.reduce((s, x) => s + x.points, 0);
      opts.log?.(
        `[${done}/${subs.length}] ${r.student} (${path.basename(r.file)}): ${pts}/${r.rows.length}  ${r.outcome}  ${r.seconds.toFixed(1)} s`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, subs.length) }, worker));
  return results;
}
