/**
 * The exercises of notebook 07-sensitivity (see lib/teaching/exercise.ts for what an entry holds).
 *
 * @module teaching/exercises/07-sensitivity
 */
import { type StudyRun } from '../../study.js';
import { groupSeriesFromPanel, sensitivitySweep, type SweepGrid } from '../../steps/sensitivity.js';
import { parameterInfluence, publishedPatternMap, survival } from '../../steps/robustness.js';
import { cached, need, groupIdNamed, RUN, type Exercise } from '../exercise.js';

function sweepGrid07(params: any): SweepGrid {
  const windows = (params.windowStarts as string[]).flatMap((s) =>
    (params.windowEnds as string[]).map((e) => [s, e] as [string, string]),
  );
  return {
    window: windows,
    frequency: params.frequencies,
    sd: params.sds,
    weights: params.weights,
    base: params.bases,
    growth: params.growthCuts,
    volatilityHigh: params.volatilityCuts,
  };
}

/** The exercises of notebook 07, in order. */
export const EXERCISES_07: readonly Exercise[] = [
  {
    notebook: '07',
    number: 1,
    prompt: 'the parameter and its value with which Integrated Circuits keeps its baseline pattern least often',
    answerType: '{ param: string; value: string }',
    context: RUN,
    tolerance: 0,
    oneOf: true,
    hint: 'in `influence` (study.robustness.parameterInfluence), take the Integrated Circuits rows and the one with the smallest minShare; its weakestValue is the value',
    expected: (ctx) => {
      const params = need<any>(ctx, 'params', '07.1');
      const run = need<StudyRun>(ctx, 'run', '07.1');
      const gp = run.groupPanel;
      const sweep = cached(run, 'sweep', () =>
        sensitivitySweep(
          gp.months,
          groupSeriesFromPanel(gp, gp.groups),
          gp.groups,
          sweepGrid07(params),
          {},
          publishedPatternMap(run.published.patterns),
        ),
      );
      const ic = groupIdNamed('Integrated Circuits (ICs)');
      const rows = parameterInfluence(sweep).filter((r) => r.group_id === ic);
      const min = Math.min(...rows.map((r) => r.minShare));
      return rows.filter((r) => r.minShare <= min + 1e-12).map((r) => ({ param: r.param, value: r.weakestValue }));
    },
    solutionExpr:
      '(() => { const ic = influence.filter((r) => r.group_id === 2).sort((a, b) => a.minShare - b.minShare)[0]; return { param: ic.param, value: ic.weakestValue }; })()',
  },
  {
    notebook: '07',
    number: 2,
    prompt: 'the number of groups that survive (survivalCut) with the 2018-01 start added to the windows',
    answerType: 'number',
    context: RUN,
    tolerance: 0,
    hint: "sweep again with window: [...windows, ['2018-01', end] for each end], then study.robustness.survival(…, params.survivalCut).kept",
    expected: (ctx) => {
      const params = need<any>(ctx, 'params', '07.2');
      const run = need<StudyRun>(ctx, 'run', '07.2');
      const gp = run.groupPanel;
      const grid = sweepGrid07({ ...params, windowStarts: [...params.windowStarts, '2018-01'] });
      return survival(
        sensitivitySweep(
          gp.months,
          groupSeriesFromPanel(gp, gp.groups),
          gp.groups,
          grid,
          {},
          publishedPatternMap(run.published.patterns),
        ),
        params.survivalCut,
      ).kept;
    },
    solutionExpr:
      "study.robustness.survival(study.sensitivitySweep(months, series, run.groupPanel.groups, { ...grid, window: [...windows, ['2018-01', '2023-12'], ['2018-01', '2024-12']] }, {}, published), params.survivalCut).kept",
  },
  {
    notebook: '07',
    number: 3,
    prompt: 'the groups that do not keep their pattern under every exponential rate 0.01, 0.03, 0.05 (names)',
    answerType: 'string[]',
    context: RUN,
    tolerance: 0,
    hint: 'study.sensitivitySweep(months, series, groups, { weights: [{ exponential: 0.01 }, …] }) and keep the robustness rows with share < 1',
    expected: (ctx) => {
      const run = need<StudyRun>(ctx, 'run', '07.3');
      const gp = run.groupPanel;
      const sweep = sensitivitySweep(gp.months, groupSeriesFromPanel(gp, gp.groups), gp.groups, {
        weights: [{ exponential: 0.01 }, { exponential: 0.03 }, { exponential: 0.05 }],
      });
      return sweep.robustness.filter((r) => r.share < 1).map((r) => r.group);
    },
    solutionExpr:
      'study.sensitivitySweep(months, series, run.groupPanel.groups, { weights: [{ exponential: 0.01 }, { exponential: 0.03 }, { exponential: 0.05 }] }).robustness.filter((r) => r.share < 1).map((r) => r.group)',
  },
];
