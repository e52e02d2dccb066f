/**
 * The checks of the teaching edition without a kernel (lib/teaching/check.ts): every expected answer is computed by
 * the library from a notebook-like context, and the check's verdicts are correct / not answered / not yet with a
 * hint that never shows the value.
 */
import { describe, expect, it } from 'vitest';
import { runStudy, type StudyRun } from '../../../lib/study.js';
import { DEFAULT_CHOICES } from '../../../lib/steps/choices.js';
import { referenceDir } from '../../../lib/io/paths.js';
import { hasCodeLists } from '../../../lib/io/reference.js';
import { loadGroups } from '../../../lib/io/data.js';
import { EXERCISES, findExercise } from '../../../lib/teaching/registry.js';
import { check, checkAnswer } from '../../../lib/teaching/check.js';
import { controlIndices, economyOfRun } from '../../../lib/steps/controls.js';
import { syntheticControls } from '../../../lib/synthetic/controls.js';

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
        windowStarts: ['2015-01', '2016-01', '2017-01'],
        windowEnds: ['2023-12', '2024-12'],
        frequencies: ['monthly', 'quarterly', 'annual'],
        sds: ['sample', 'population'],
        weights: ['linear', 'uniform', { exponential: 0.02 }],
        bases: ['first', { meanOfFirst: 3 }, { meanOfFirst: 12 }],
        growthCuts: [0.3, 0.4, 0.5, 0.6, 0.7],
        volatilityCuts: [0.2, 0.25, 0.3, 0.35, 0.4],
        survivalCut: 0.9,
      },
      run: run1,
    },
    // the screen runs on any panel: the curated-code panel keeps this test fast
    '08': {
      params: { window: ['2015-01', '2024-12'], semiconductorPrefixes: ['8486', '8541', '8542'], topN: 15 },
      panel: run1.panel,
    },
    '09': { params: { verdictShared: 0.5, verdictSpecific: 0.2 }, rows: controlRows(run1) },
  };
}

/** Notebook 09's rows: China and the SYNTHETIC controls, V and G of every group. */
function controlRows(run: StudyRun) {
  const china = economyOfRun(run);
  return controlIndices([china, ...syntheticControls(china, loadGroups())], loadGroups(), run.choices);
}

/** Move every number of an answer well outside its tolerance. */
function perturb(v: unknown, tol: number): unknown {
  if (typeof v === 'number') return v + 10 * tol + 0.1 * Math.abs(v) + 1;
  if (Array.isArray(v) || v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, perturb(x, tol)]));
}
const hasNumber = (v: unknown): boolean =>
  typeof v === 'number' || (!!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).some(hasNumber));

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
      expect(checkAnswer(e.notebook, e.number, model, c)).toEqual({
        notebook: e.notebook,
        exercise: e.number,
        status: 'correct',
        message: 'correct',
      });
      expect(checkAnswer(e.notebook, e.number, undefined, c).status).toBe('unanswered');
      expect(checkAnswer(e.notebook, e.number, undefined, c).message).toBe('not answered yet');
      const wrong = hasNumber(model)
        ? perturb(model, e.tolerance)
        : Array.isArray(model)
          ? [...model, 'not-a-real-answer']
          : typeof model === 'object'
            ? {
                ...(model as object),
                __wrong: true,
                ...Object.fromEntries(
                  Object.entries(model as object)
                    .filter(([, v]) => typeof v === 'string' || Array.isArray(v))
                    .map(([k, v]) => [k, Array.isArray(v) ? [...v, 'zz'] : `${v}-x`]),
                ),
              }
            : `${model}-x`;
      const r = checkAnswer(e.notebook, e.number, wrong, c);
      expect(r.status).toBe('incorrect');
      expect(r.message.startsWith('not yet: ')).toBe(true);
      expect(r.message).toContain(e.hint);
      // the verdict never gives the value away
      for (const n of JSON.stringify(model).match(/-?\d+\.\d{3,}/g) ?? [])
        expect(r.message).not.toContain(n.slice(0, 6));
    });
  }

  it('03.2 by hand: G = 9/21, V = √(56/5)/13 (the worked solution of the notebook)', () => {
    expect(checkAnswer('03', 2, { G: 9 / 21, V: Math.sqrt(56 / 5) / 13 }).status).toBe('correct');
    expect(checkAnswer('03', 2, { G: 0.429, V: 0.257 }).status).toBe('correct'); // rounded to 3 decimals: inside 0.001
    expect(checkAnswer('03', 2, { G: 0.5, V: 0.257 }).message).toBe(
      `not yet: G is off — ${findExercise('03', 2).hint}`,
    );
    expect(checkAnswer('03', 2, { G: 0.429 } as never).message).toMatch(/^not yet: V is missing — /);
    expect(checkAnswer('03', 2, 0.429).message).toMatch(/^not yet: the answer should be an object, not a number — /);
  });

  it('03.1 accepts names in any case; 04.1 lists are compared as sets', () => {
    const c = ctx['03'];
    const e = findExercise('03', 1).expected(c) as { largestV: string; lowestG: string };
    expect(checkAnswer('03', 1, { largestV: ` ${e.largestV.toUpperCase()} `, lowestG: e.lowestG }, c).status).toBe(
      'correct',
    );
    const p = findExercise('04', 1).expected(ctx['04']) as { semiconductorSubstitution: string[] };
    expect(
      checkAnswer('04', 1, { ...p, semiconductorSubstitution: [...p.semiconductorSubstitution].reverse() }, ctx['04'])
        .status,
    ).toBe('correct');
  });

  it('a check whose expected answer cannot be computed says so, and an unknown exercise is unavailable', () => {
    expect(checkAnswer('03', 3, { G: 1, V: 1 }, {}).status).toBe('unavailable');
    expect(checkAnswer('03', 3, { G: 1, V: 1 }, {}).message).toContain('needs "params"');
    expect(checkAnswer('09', 1, 1).status).toBe('unavailable');
  });

  it('05.3: the model answer overrides exactly the semiconductor capital-goods groups (1, 3, 6, 8, 11)', () => {
    expect(
      loadGroups()
        .filter((g) => g.semiconductor && g.category === 'capital goods')
        .map((g) => g.group_id),
    ).toEqual([1, 3, 6, 8, 11]);
    expect(findExercise('05', 3).solutionExpr).toContain(
      "{ 1: 'not subtracted', 3: 'not subtracted', 6: 'not subtracted', 8: 'not subtracted', 11: 'not subtracted' }",
    );
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
