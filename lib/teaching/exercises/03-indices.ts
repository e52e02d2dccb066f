/**
 * The exercises of notebook 03-indices (see lib/teaching/exercise.ts for what an entry holds).
 *
 * @module teaching/exercises/03-indices
 */
import { fail } from '../../core/errors.js';
import { runStudy, type StudyRun } from '../../study.js';
import { seriesIndices } from '../../steps/indices.js';
import { need, RUN, type Exercise } from '../exercise.js';

/** The toy series of exercise 03.2 (the exercise's own data, as printed in its statement). */
export const TOY_SERIES_03: { values: number[]; months: string[] } = {
  values: [10e6, 12e6, 9e6, 14e6, 15e6, 18e6],
  months: ['2015-01', '2015-02', '2015-03', '2015-04', '2015-05', '2015-06'],
};

/** The exercises of notebook 03, in order. */
export const EXERCISES_03: readonly Exercise[] = [
  {
    notebook: '03',
    number: 1,
    prompt: 'the group with the largest V and the group with the lowest G (their names as in the table)',
    written: { prompt: 'What does a negative G mean?', points: 1 },
    answerType: '{ largestV: string; lowestG: string }',
    context: RUN,
    tolerance: 0,
    hint: 'sort `indexRows` (or run.indices) by V, then by G',
    expected: (ctx) => {
      const rows = need<StudyRun>(ctx, 'run', '03.1').indices.filter((r) => r.G !== null && r.V !== null);
      const byV = [...rows].sort((a, b) => b.V! - a.V!)[0];
      const byG = [...rows].sort((a, b) => a.G! - b.G!)[0];
      return { largestV: byV.group, lowestG: byG.group };
    },
    solutionExpr:
      '{ largestV: [...indexRows].sort((a, b) => b.V - a.V)[0].group, lowestG: [...indexRows].sort((a, b) => a.G - b.G)[0].group }',
  },
  {
    notebook: '03',
    number: 2,
    prompt:
      'G and V of the toy series 10, 12, 9, 14, 15, 18 (first month as base, linear weights, sample SD), within 0.001',
    answerType: '{ G: number; V: number }',
    context: '',
    tolerance: 0.001,
    hint: "G = Σ w_t·X'_t / Σ w_t with X'_t = (x_t − x_1)/x_1 and w_t = t; V = SD / mean with the n − 1 divisor",
    expected: () => {
      const r = seriesIndices(
        TOY_SERIES_03.values,
        TOY_SERIES_03.months,
        { window: [TOY_SERIES_03.months[0], TOY_SERIES_03.months[5]], base: 'first', weights: 'linear', sd: 'sample' },
        'toy series',
      );
      return { G: r.G!, V: r.V! };
    },
    solutionExpr:
      "(() => { const r = study.seriesIndices([10e6, 12e6, 9e6, 14e6, 15e6, 18e6], ['2015-01', '2015-02', '2015-03', '2015-04', '2015-05', '2015-06'], { window: ['2015-01', '2015-06'], base: 'first', weights: 'linear', sd: 'sample' }); " +
      'return { G: r.G!, V: r.V! }; })()',
  },
  {
    notebook: '03',
    number: 3,
    prompt: 'G and V of the focus group at quarterly frequency (other choices as in params), within 0.001',
    answerType: '{ G: number; V: number }',
    context: RUN,
    tolerance: 0.001,
    hint: "re-run study.runStudy with the same panel and choices but frequency: 'quarterly', and read the focus group's row",
    expected: (ctx) => {
      const params = need<{ focusGroup: string }>(ctx, 'params', '03.3');
      const run = need<StudyRun>(ctx, 'run', '03.3');
      const q = runStudy({ panel: run.panel, choices: { ...run.choices, frequency: 'quarterly' } }).indices.find(
        (r) => r.group === params.focusGroup,
      );
      if (!q) fail('check', 'focus group not in the run', params.focusGroup);
      return { G: q!.G!, V: q!.V! };
    },
    solutionExpr:
      "(() => { const q = study.runStudy({ panel: run.panel, choices: { ...run.choices, frequency: 'quarterly' } }).indices.find((r) => r.group === params.focusGroup)!; return { G: q.G!, V: q.V! }; })()",
  },
];
