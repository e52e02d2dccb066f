/**
 * The exercises of notebook 09-controls (see lib/teaching/exercise.ts for what an entry holds).
 *
 * @module teaching/exercises/09-controls
 */
import { fail } from '../../core/errors.js';
import { chinaPosition, controlVerdicts, type ControlIndexRow } from '../../steps/controls.js';
import { need, type Exercise } from '../exercise.js';

const CONTEXT = '{ params: params, rows: rows }';

/** The exercises of notebook 09, in order. */
export const EXERCISES_09: readonly Exercise[] = [
  {
    notebook: '09',
    number: 1,
    prompt: 'the groups the default rule calls "China-specific" (a list of names, in group order)',
    answerType: 'string[]',
    context: CONTEXT,
    tolerance: 0,
    hint: 'study.controlVerdicts(rows, "China", rule) gives each group its verdict; keep the China-specific ones',
    expected: (ctx) => {
      const params = need<any>(ctx, 'params', '09.1');
      const rows = need<ControlIndexRow[]>(ctx, 'rows', '09.1');
      return controlVerdicts(rows, 'China', { shared: params.verdictShared, specific: params.verdictSpecific })
        .filter((v) => v.verdict === 'China-specific')
        .map((v) => v.group);
    },
    solutionExpr:
      "study.controlVerdicts(rows, 'China', { shared: params.verdictShared, specific: params.verdictSpecific }).filter((v) => v.verdict === 'China-specific').map((v) => v.group)",
  },
  {
    notebook: '09',
    number: 2,
    prompt: "China's rank by G among all economies for Integrated Circuits (ICs) (1 = highest)",
    answerType: 'number',
    context: CONTEXT,
    tolerance: 0,
    hint: 'study.chinaPosition(rows) has one row per group with rank_G',
    expected: (ctx) => {
      const row = chinaPosition(need<ControlIndexRow[]>(ctx, 'rows', '09.2')).find(
        (p) => p.group === 'Integrated Circuits (ICs)',
      );
      if (!row) fail('check', 'Integrated Circuits (ICs) is not in the comparison', 'Integrated Circuits (ICs)');
      return row!.rank_G;
    },
    solutionExpr: "study.chinaPosition(rows).find((p) => p.group === 'Integrated Circuits (ICs)')!.rank_G",
  },
  {
    notebook: '09',
    number: 3,
    prompt: 'the number of groups "shared with the controls" under shared: 0.75 (specific unchanged)',
    answerType: 'number',
    context: CONTEXT,
    tolerance: 0,
    hint: 'call study.controlVerdicts with the rule { shared: 0.75, specific: params.verdictSpecific } and count',
    expected: (ctx) => {
      const params = need<any>(ctx, 'params', '09.3');
      return controlVerdicts(need<ControlIndexRow[]>(ctx, 'rows', '09.3'), 'China', {
        shared: 0.75,
        specific: params.verdictSpecific,
      }).filter((v) => v.verdict === 'shared with the controls').length;
    },
    solutionExpr:
      "study.controlVerdicts(rows, 'China', { shared: 0.75, specific: params.verdictSpecific }).filter((v) => v.verdict === 'shared with the controls').length",
  },
];
