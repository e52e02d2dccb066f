/**
 * The exercise registry: every exercise of notebooks 01–09, declared once. Each entry says what the answer is
 * (its TypeScript type, used for the student's typed stub), how close a number must be, a hint that points to the
 * formula or the library call (never to the value), which notebook variables the check needs (`context`, a
 * TypeScript expression in the notebook's scope), and how the library computes the expected answer FROM THAT
 * CONTEXT — the notebook's own data and parameters, so an answer checked on imported data is checked against
 * imported data. No expected value is typed in.
 *
 * `solutionExpr` is the model answer as a TypeScript expression in the student notebook's scope (the solution
 * cells removed): `npm run student -- --solved` and the tests put it in place of `undefined` to build a solved copy.
 *
 * @module teaching/registry
 */
import { fail } from '../core/errors.js';
import type { Exercise } from './exercise.js';
import { EXERCISES_01 } from './exercises/01-list-extraction.js';
import { EXERCISES_02 } from './exercises/02-grouping.js';
import { EXERCISES_03 } from './exercises/03-indices.js';
import { EXERCISES_04 } from './exercises/04-partition.js';
import { EXERCISES_05 } from './exercises/05-macro-adjustment.js';
import { EXERCISES_06 } from './exercises/06-validation.js';
import { EXERCISES_07 } from './exercises/07-sensitivity.js';
import { EXERCISES_08 } from './exercises/08-universe-screen.js';
import { EXERCISES_09 } from './exercises/09-controls.js';

export type { Exercise } from './exercise.js';
export { TOY_SERIES_03 } from './exercises/03-indices.js';

/** Every exercise of notebooks 01–09, in notebook and exercise order (one module per notebook: lib/teaching/exercises/). */
export const EXERCISES: readonly Exercise[] = [
  ...EXERCISES_01,
  ...EXERCISES_02,
  ...EXERCISES_03,
  ...EXERCISES_04,
  ...EXERCISES_05,
  ...EXERCISES_06,
  ...EXERCISES_07,
  ...EXERCISES_08,
  ...EXERCISES_09,
];

/**
 * The registry entry of an exercise.
 * @throws {StudyError} when the notebook has no such exercise
 * @example findExercise('03', 2).answerType; // => '{ G: number; V: number }'
 */
export function findExercise(notebook: string, number: number): Exercise {
  const e = EXERCISES.find((x) => x.notebook === notebook && x.number === number);
  if (!e)
    fail(
      'findExercise',
      `no exercise ${number} in notebook ${notebook} (the registry lists ${
        EXERCISES.filter((x) => x.notebook === notebook)
          .map((x) => x.number)
          .join(', ') || 'none'
      })`,
      `${notebook}.${number}`,
    );
  return e!;
}

/**
 * The exercises of one notebook, in order.
 * @example exercisesOf('04').map((e) => e.number); // => [1, 2, 3]
 */
export function exercisesOf(notebook: string): Exercise[] {
  return EXERCISES.filter((x) => x.notebook === notebook);
}
