/**
 * The exercise registry (lib/teaching/registry.ts) covers every exercise of notebooks 01–09, and only those: each
 * listed exercise has an entry and a solution cell; each entry a type, a hint, a model answer and a stub of its type.
 */
import { describe, expect, it } from 'vitest';
import { EXERCISES, exercisesOf, findExercise } from '../../../lib/teaching/registry.js';
import { answerCellSource, listedExercises, sourceOf } from '../../../scripts/teaching/edition.js';
import { checkCallPattern } from '../../../scripts/teaching/grader.js';
import { checkedNotebooks, readNb } from '../../helpers/notebooks.js';

describe('exercise registry', () => {
  it('notebooks 01–09 all exist', () => {
    expect(checkedNotebooks.map((f) => f.slice(0, 2))).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09']);
  });

  for (const f of checkedNotebooks) {
    it(`${f}: every listed exercise has a registry entry and a solution cell, and vice versa`, () => {
      const nb = readNb(f);
      const listed = listedExercises(nb);
      expect(listed.length).toBeGreaterThan(0);
      expect(exercisesOf(f.slice(0, 2)).map((e) => e.number)).toEqual(listed);
      const solutions = nb.cells
        .filter((c) => (c.metadata.tags ?? []).includes('solution'))
        .map((c) => /^\/\/ Exercise (\d+)/.exec(sourceOf(c))?.[1]);
      expect(solutions.map(Number)).toEqual(listed);
    });
  }

  it('has no entry for a notebook or exercise that does not exist', () => {
    for (const e of EXERCISES) {
      const f = checkedNotebooks.find((x) => x.startsWith(`${e.notebook}-`));
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
    expect(() => findExercise('03', 9)).toThrow(
      'findExercise: no exercise 9 in notebook 03 (the registry lists 1, 2, 3) (got "03.9")',
    );
  });
});
