/**
 * The kernel-side check of an exercise answer. In a notebook it prints the verdict under the answer cell —
 * "not answered yet", "correct" or "not yet: <what is off> — <hint>" — and emits a machine-readable marker (display
 * data of MIME type {@link CHECK_MIME}) that `npm run grade` reads from the executed notebook. Outside a notebook it
 * only returns the verdict ({@link checkAnswer}).
 *
 * @module teaching/check
 */
import { displayData, escapeHtml } from '../present/display.js';
import { compareAnswer } from './compare.js';
import { EXERCISES, type Exercise } from './registry.js';

/** The MIME type of the check marker in a notebook's outputs. */
export const CHECK_MIME = 'application/vnd.study.check+json';

/** A verdict: `unavailable` when the expected answer cannot be computed here (e.g. the code lists are absent). */
export type CheckStatus = 'unanswered' | 'correct' | 'incorrect' | 'unavailable' | 'submitted';

/** What a check found: the marker's content. */
export interface CheckResult {
  notebook: string;
  exercise: number;
  status: CheckStatus;
  /** The line shown to the student (never holds the expected value). */
  message: string;
  /** For an answer with several fields: how many are right (partial credit), when the answer is not fully right. */
  parts?: { right: number; of: number };
  /** `submitted` (a kernel whose library has no expected answers, as when graded): the answer, for the grader. */
  answer?: unknown;
  /** In the grader's own run (STUDY_CHECK_EXPECTED=1): the expected answer, never shown to a student. */
  expected?: unknown;
}

const TEXT: Record<CheckStatus, string> = {
  unanswered: 'not answered yet',
  correct: 'correct',
  incorrect: 'not yet',
  unavailable: 'cannot be checked here',
  submitted: 'handed to the grader',
};

/**
 * Check an answer against the value the library computes from the notebook's context; never throws for a student's
 * answer (a wrong shape is "not yet", an answer left `undefined` is "not answered yet").
 *
 * @example checkAnswer('03', 2, undefined).status; // => 'unanswered'
 * @example checkAnswer('03', 2, { G: 0.5, V: 0.2574 }).message.split(' — ')[0]; // => 'not yet: G is off'
 */
export function checkAnswer(
  notebook: string,
  exercise: number,
  answer: unknown,
  context: Record<string, unknown> = {},
): CheckResult {
  const entry: Exercise | undefined = EXERCISES.find((x) => x.notebook === notebook && x.number === exercise);
  const result = (status: CheckStatus, detail = ''): CheckResult => ({
    notebook,
    exercise,
    status,
    message: detail ? `${TEXT[status]}: ${detail}` : TEXT[status],
  });
  if (!entry) return result('unavailable', `the registry has no exercise ${exercise} for notebook ${notebook}`);
  if (answer === undefined) return result('unanswered');
  // a library without expected answers (the grader's copy): the grader compares the answer itself
  if (typeof entry.expected !== 'function')
    return { ...result('submitted', 'the grader compares it'), answer: JSON.parse(JSON.stringify(answer) ?? 'null') };
  let expected: unknown;
  try {
    expected = entry.expected(context);
  } catch (e) {
    return result('unavailable', `the expected answer could not be computed (${(e as Error).message})`);
  }
  return judgeAnswer(entry, answer, expected);
}

/**
 * The verdict on an answer given the expected value (a list of accepted values for a `oneOf` exercise): the check's,
 * and the grader's when it compares a submitted answer with the expected answers of its own run.
 * @example judgeAnswer({ notebook: '03', number: 2, tolerance: 0.001, hint: 'h' }, { G: 0.5, V: 0.2574 }, { G: 0.4286, V: 0.2574 }).parts; // => { right: 1, of: 2 }
 */
export function judgeAnswer(
  entry: Pick<Exercise, 'notebook' | 'number' | 'oneOf' | 'tolerance' | 'hint'>,
  answer: unknown,
  expected: unknown,
): CheckResult {
  const base = { notebook: entry.notebook, exercise: entry.number };
  const candidates = entry.oneOf ? (expected as unknown[]) : [expected];
  let problem = '';
  let parts: CheckResult['parts'];
  for (const c of candidates) {
    const cmp = compareAnswer(answer, c, entry.tolerance);
    if (cmp.ok) return { ...base, status: 'correct', message: TEXT.correct };
    problem ||= cmp.problem;
    const p = fieldsRight(answer, c, entry.tolerance);
    if (p && (!parts || p.right > parts.right)) parts = p;
  }
  return {
    ...base,
    status: 'incorrect',
    message: `${TEXT.incorrect}: ${problem} — ${entry.hint}`,
    ...(parts ? { parts } : {}),
  };
}

/**
 * How many fields of an object answer agree with the expected object (undefined when the expected value is not an
 * object of two or more fields).
 * @example fieldsRight({ G: 0.43, V: 0.3 }, { G: 0.4286, V: 0.2574 }, 0.005); // => { right: 1, of: 2 }
 */
export function fieldsRight(answer: unknown, expected: unknown, tolerance: number): CheckResult['parts'] {
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) return undefined;
  const keys = Object.keys(expected);
  if (keys.length < 2 || answer === null || typeof answer !== 'object')
    return keys.length < 2 ? undefined : { right: 0, of: keys.length };
  const right = keys.filter((k) => compareAnswer((answer as any)[k], (expected as any)[k], tolerance, k).ok).length;
  return { right, of: keys.length };
}

const COLOURS: Record<CheckStatus, string> = {
  unanswered: '#555',
  correct: '#1a7f37',
  incorrect: '#b35900',
  unavailable: '#555',
  submitted: '#555',
};

/**
 * Check an exercise answer in a notebook: shows the verdict and emits the grader's marker. Returns nothing, so an
 * answer cell ending in it shows only the verdict. Outside a notebook it does nothing visible (use
 * {@link checkAnswer} to get the verdict).
 *
 * @example let answer2; check('03', 2, answer2); // shows "Exercise 03.2 — not answered yet" under the cell while answer2 is undefined
 */
export function check(
  notebook: string,
  exercise: number,
  answer: unknown,
  context: Record<string, unknown> = {},
): void {
  const r = checkAnswer(notebook, exercise, answer, context);
  if (process.env.STUDY_CHECK_EXPECTED === '1') {
    const entry = EXERCISES.find((x) => x.notebook === notebook && x.number === exercise);
    try {
      r.expected = entry?.expected(context);
    } catch {
      /* left out: the grader then says it cannot check this answer */
    }
  }
  const label = `Exercise ${notebook}.${exercise}`;
  const html = `<div class="study-check study-check-${r.status}" style="font-family:system-ui,sans-serif;font-size:14px;color:${COLOURS[r.status]}"><b>${escapeHtml(label)}</b> — ${escapeHtml(r.message)}</div>`;
  displayData({ [CHECK_MIME]: r, 'text/html': html, 'text/plain': `${label} — ${r.message}` });
}
