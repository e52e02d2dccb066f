/**
 * What an exercise of the registry is (see lib/teaching/registry.ts), and the helpers the entries share: reading
 * the check's context, memoising a computation on the notebook's run or panel, a group's id by name.
 *
 * @module teaching/exercise
 */
import { fail } from '../core/errors.js';
import { loadGroups } from '../io/data.js';

/** One exercise of one notebook. */
export interface Exercise {
  /** The notebook's two-digit number, e.g. '03'. */
  notebook: string;
  /** The exercise's number in the notebook's "Exercises" list (1, 2, 3). */
  number: number;
  /** What to put in the answer, one line (shown above the stub). */
  prompt: string;
  /** The answer's TypeScript type, as written in the stub: `const answerN: <answerType> | undefined = undefined;`. */
  answerType: string;
  /** A TypeScript expression in the notebook's scope passed to the check, e.g. `{ params: params, run: run }` ('' = none). */
  context: string;
  /** Allowed absolute difference for numbers (0 = exact). */
  tolerance: number;
  /** Shown when the answer is not right: points to the formula or library call, never to the value. */
  hint: string;
  /** The expected answer, computed by the library from the notebook's context. With `oneOf`, the list of accepted answers. */
  expected(ctx: any): unknown;
  /** True when `expected` returns several accepted answers (ties). */
  oneOf?: boolean;
  /** The model answer as a TypeScript expression in the student notebook's scope. */
  solutionExpr: string;
  /** Points of the checked answer (default 1). An object answer earns its share of right fields (partial credit). */
  points?: number;
  /** A question to answer in words (a markdown cell under the answer cell), graded by the teacher by hand. */
  written?: { prompt: string; points: number };
}

/** The points of an exercise's checked answer (default 1). */
export const pointsOf = (e: Pick<Exercise, 'points'>): number => e.points ?? 1;

/** Memoise a computation on an object of the notebook (its run or panel): the checks of one notebook share it. */
const memo = new WeakMap<object, Map<string, unknown>>();
export function cached<T>(owner: object, key: string, compute: () => T): T {
  let m = memo.get(owner);
  if (!m) memo.set(owner, (m = new Map()));
  if (!m.has(key)) m.set(key, compute());
  return m.get(key) as T;
}

export function need<T>(ctx: any, name: string, ex: string): T {
  if (!ctx || ctx[name] === undefined)
    fail('check', `exercise ${ex} needs "${name}" in its context (the answer cell passes it)`, ctx && Object.keys(ctx));
  return ctx[name] as T;
}

export const groupIdNamed = (name: string): number => {
  const g = loadGroups().find((x) => x.group === name);
  if (!g) fail('check', 'no group of this name in data/study/groups.csv', name);
  return g!.group_id;
};

/** The context most checks take: the notebook's parameters and its run. */
export const RUN = '{ params: params, run: run }';
