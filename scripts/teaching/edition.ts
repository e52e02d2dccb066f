/**
 * The student edition of a notebook: solution cells removed, outputs cleared, and under the exercises one answer
 * cell per exercise with a typed stub and a check call, generated from the exercise registry
 * (lib/teaching/registry.ts). `solved: true` puts each exercise's model answer (`solutionExpr`) in the stub: the
 * fully solved copy the tests grade.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exercisesOf, type Exercise } from '../../lib/teaching/registry.js';

export interface NbCell {
  cell_type: 'markdown' | 'code' | 'raw';
  id?: string;
  metadata: Record<string, any>;
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
}
export interface Nb {
  cells: NbCell[];
  metadata: Record<string, any>;
  nbformat: number;
  nbformat_minor: number;
}

export const sourceOf = (c: NbCell): string => (Array.isArray(c.source) ? c.source.join('') : c.source);
const toSource = (text: string): string[] => text.split('\n').map((l, i, all) => (i < all.length - 1 ? l + '\n' : l));
const tags = (c: NbCell): string[] => (Array.isArray(c.metadata?.tags) ? c.metadata.tags : []);

/** The notebook number of a notebook file name ('03-indices.ipynb' → '03'), or undefined. */
export function notebookNumber(file: string): string | undefined {
  return /^(\d\d)-/.exec(path.basename(file))?.[1];
}

/** The numbers of the exercises listed in a notebook's "## Exercises" markdown cell (its `1.`, `2.` … items). */
export function listedExercises(nb: Nb): number[] {
  const cell = nb.cells.find((c) => c.cell_type === 'markdown' && /^## Exercises\b/m.test(sourceOf(c)));
  if (!cell) return [];
  const after = sourceOf(cell).split(/^## Exercises\b.*$/m)[1] ?? '';
  return [...after.matchAll(/^(\d+)\.\s/gm)].map((m) => Number(m[1]));
}

/** The line a written answer's cell starts with until the student replaces it. */
export const WRITTEN_PLACEHOLDER = '_Write your answer here, in place of this line._';

/** The source of an exercise's written-answer cell (markdown): the question, then the student's answer. */
export function writtenCellSource(e: Exercise): string {
  return `**Exercise ${e.number}, in words** (${e.written!.points} point${e.written!.points === 1 ? '' : 's'}, graded by your teacher): ${e.written!.prompt}\n\n${WRITTEN_PLACEHOLDER}`;
}

/** The student's text in a written-answer cell: what follows the question, '' while the placeholder stands. */
export function writtenAnswer(cell: NbCell): string {
  const text = sourceOf(cell).split('\n').slice(1).join('\n').replace(WRITTEN_PLACEHOLDER, '').trim();
  return text;
}

/** The answer variable of an exercise: `answer2`. */
export const answerVar = (e: Pick<Exercise, 'number'>): string => `answer${e.number}`;

/** The source of an exercise's answer cell: a comment with what to give, the typed stub, and the check call. */
export function answerCellSource(e: Exercise, value = 'undefined'): string {
  const ctx = e.context ? `, ${e.context}` : '';
  const within = e.tolerance > 0 && !/\bwithin\b/.test(e.prompt) ? ` (numbers within ${e.tolerance})` : '';
  return [
    `// Exercise ${e.number}: ${e.prompt}${within}.`,
    '// Work in this cell (or add cells above it), then replace `undefined` with your answer and run it.',
    `const ${answerVar(e)}: ${e.answerType} | undefined = ${value};`,
    `study.check('${e.notebook}', ${e.number}, ${answerVar(e)}${ctx});`,
  ].join('\n');
}

export interface EditionOptions {
  /** Put the model answers in the stubs (a fully solved copy). */
  solved?: boolean;
  /** Per exercise number: a TypeScript expression to put in the stub instead (tests: wrong answers). */
  answers?: Record<number, string>;
}

/**
 * Build the student edition of a notebook (a new object; the input is not changed).
 * @throws Error when the exercises listed in the notebook and the registry's entries for it differ
 */
export function studentEdition(nb: Nb, notebook: string, opts: EditionOptions = {}): Nb {
  const exercises = exercisesOf(notebook);
  const listed = listedExercises(nb);
  const declared = exercises.map((e) => e.number);
  if (declared.length && JSON.stringify(listed) !== JSON.stringify(declared))
    throw new Error(
      `student edition of notebook ${notebook}: the notebook lists exercises [${listed.join(', ')}] but the registry declares [${declared.join(', ')}] (lib/teaching/registry.ts)`,
    );
  const cells: NbCell[] = [];
  for (const c of nb.cells) {
    if (tags(c).includes('solution')) continue;
    const copy: NbCell = JSON.parse(JSON.stringify(c));
    if (copy.cell_type === 'code') {
      copy.outputs = [];
      copy.execution_count = null;
    }
    cells.push(copy);
    if (c.cell_type === 'markdown' && /^## Exercises\b/m.test(sourceOf(c))) {
      for (const e of exercises) {
        const value = opts.answers?.[e.number] ?? (opts.solved ? e.solutionExpr : 'undefined');
        cells.push({
          cell_type: 'code',
          id: `answer-${e.number}`,
          metadata: { tags: ['answer'], study_exercise: { notebook: e.notebook, number: e.number } },
          source: toSource(answerCellSource(e, value)),
          outputs: [],
          execution_count: null,
        });
        if (e.written)
          cells.push({
            cell_type: 'markdown',
            id: `written-${e.number}`,
            metadata: { tags: ['written'], study_written: { notebook: e.notebook, number: e.number } },
            source: toSource(writtenCellSource(e)),
          });
      }
    }
  }
  return {
    ...nb,
    cells,
    metadata: {
      ...nb.metadata,
      study_teaching: { edition: opts.solved ? 'solved' : 'student', notebook, exercises: declared },
    },
  };
}

/** Files of an earlier edition in `outDir` that a student or teacher changed (they differ from what would be written). */
export class EditedFilesError extends Error {
  constructor(
    readonly outDir: string,
    readonly files: string[],
  ) {
    super(
      `${outDir} holds ${files.length} notebook${files.length > 1 ? 's' : ''} changed since it was written (${files.join(', ')}): not overwritten. ` +
        'Save that work elsewhere, or write to another folder (--out DIR), or overwrite it with --force.',
    );
  }
}

/**
 * Write the student edition of every notebook in `srcDir` into `outDir`; returns the files written. A file already
 * there that differs from the edition (work saved in it) is not overwritten unless `force`: {@link EditedFilesError}
 * lists them and nothing is written.
 */
export function writeStudentEdition(
  srcDir: string,
  outDir: string,
  opts: EditionOptions & { force?: boolean } = {},
): string[] {
  const editions = fs
    .readdirSync(srcDir)
    .filter((f) => /^\d\d-.+\.ipynb$/.test(f))
    .sort()
    .map((f) => {
      const nb = JSON.parse(fs.readFileSync(path.join(srcDir, f), 'utf8')) as Nb;
      return { f, text: JSON.stringify(studentEdition(nb, notebookNumber(f)!, opts), null, 1) + '\n' };
    });
  if (!opts.force) {
    const edited = editions
      .filter(
        ({ f, text }) => fs.existsSync(path.join(outDir, f)) && fs.readFileSync(path.join(outDir, f), 'utf8') !== text,
      )
      .map(({ f }) => f);
    if (edited.length) throw new EditedFilesError(outDir, edited);
  }
  fs.mkdirSync(outDir, { recursive: true });
  return editions.map(({ f, text }) => {
    const out = path.join(outDir, f);
    fs.writeFileSync(out, text);
    return out;
  });
}
