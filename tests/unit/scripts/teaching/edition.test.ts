/**
 * The student edition (scripts/teaching/edition.ts): no solution, no output, one typed answer cell and check per
 * exercise under the exercises; the solved copy; a notebook whose exercises differ from the registry is refused.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exercisesOf, findExercise } from '../../../../lib/teaching/registry.js';
import {
  sourceOf,
  studentEdition,
  writeStudentEdition,
  writtenAnswer,
  type Nb,
} from '../../../../scripts/teaching/edition.js';
import { checkCallPattern } from '../../../../scripts/teaching/grader.js';
import { NB_DIR, notebookFiles, readNb } from '../../../helpers/notebooks.js';
import { tempDir } from '../../../helpers/temp.js';

describe('student edition', () => {
  const dir = tempDir('student-');
  const files = writeStudentEdition(NB_DIR, dir);

  it('writes every notebook', () => {
    expect(files.map((f) => path.basename(f))).toEqual(notebookFiles);
  });

  for (const f of notebookFiles) {
    it(`${f}: no solution, no output, one typed answer cell and check per exercise under the exercises`, () => {
      const nb = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Nb;
      const text = JSON.stringify(nb);
      expect(nb.cells.some((c) => (c.metadata.tags ?? []).includes('solution'))).toBe(false);
      const original = readNb(f);
      for (const s of original.cells.filter((c) => (c.metadata.tags ?? []).includes('solution')))
        expect(text).not.toContain(JSON.stringify(sourceOf(s)).slice(1, 60));
      for (const c of nb.cells.filter((x) => x.cell_type === 'code')) {
        expect(c.outputs).toEqual([]);
        expect(c.execution_count).toBeNull();
      }
      const nbNo = f.slice(0, 2);
      const answers = nb.cells.filter((c) => (c.metadata.tags ?? []).includes('answer'));
      expect(answers.map((c) => c.metadata.study_exercise.number)).toEqual(exercisesOf(nbNo).map((e) => e.number));
      const exIdx = nb.cells.findIndex((c) => c.cell_type === 'markdown' && /^## Exercises/m.test(sourceOf(c)));
      // each answer cell follows the previous exercise's cells: its answer, and its written-answer cell when it has one
      const before = (k: number) =>
        exercisesOf(nbNo)
          .slice(0, k)
          .reduce((n, e) => n + (e.written ? 2 : 1), 0);
      answers.forEach((c, k) => {
        const e = exercisesOf(nbNo)[k];
        expect(nb.cells.indexOf(c)).toBe(exIdx + 1 + before(k));
        if (e.written) {
          const w = nb.cells[nb.cells.indexOf(c) + 1];
          expect([w.cell_type, w.metadata.tags, w.metadata.study_written]).toEqual([
            'markdown',
            ['written'],
            { notebook: nbNo, number: e.number },
          ]);
          expect(sourceOf(w)).toContain(e.written.prompt);
          expect(writtenAnswer(w)).toBe('');
        }
        expect(sourceOf(c)).toContain(`const answer${e.number}: ${e.answerType} | undefined = undefined;`);
        expect(sourceOf(c)).toMatch(checkCallPattern(nbNo, e.number));
      });
      expect(nb.metadata.study_teaching).toEqual({
        edition: 'student',
        notebook: nbNo,
        exercises: exercisesOf(nbNo).map((e) => e.number),
      });
      // the non-exercise cells are the original's, in order
      const added = (c: Nb['cells'][number]) => ['answer', 'written'].some((t) => (c.metadata.tags ?? []).includes(t));
      expect(nb.cells.filter((c) => !added(c)).map(sourceOf)).toEqual(
        original.cells.filter((c) => !(c.metadata.tags ?? []).includes('solution')).map(sourceOf),
      );
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
    expect(() => studentEdition(cut, '03')).toThrow(
      'student edition of notebook 03: the notebook lists exercises [1, 2] but the registry declares [1, 2, 3] (lib/teaching/registry.ts)',
    );
  });
});
