/**
 * The exercises of notebook 06-validation (see lib/teaching/exercise.ts for what an entry holds).
 *
 * @module teaching/exercises/06-validation
 */
import { loadCodes, loadGroups, codeGroupMap } from '../../io/data.js';
import { runStudy } from '../../study.js';
import { indexTable } from '../../steps/indices.js';
import { batchOverlap, overlapPerGroup } from '../../steps/validation.js';
import type { Panel } from '../../core/types.js';
import { need, type Exercise } from '../exercise.js';

/** The exercises of notebook 06, in order. */
export const EXERCISES_06: readonly Exercise[] = [
  {
    notebook: '06',
    number: 1,
    prompt:
      'the number of batch-3 codes also in batch 1, and the batch-3 groups with codes batch 1 does not list (names)',
    answerType: '{ commonCodes: number; groups: string[] }',
    context: '',
    tolerance: 0,
    hint: 'study.validation.batchOverlap(codes, 1, 3).commonCodes, and the batch-3 rows of study.validation.overlapPerGroup with only_here > 0',
    expected: () => {
      const codes = loadCodes();
      const names = new Map(loadGroups().map((g) => [g.group_id, g.group] as const));
      return {
        commonCodes: batchOverlap(codes, 1, 3).commonCodes.length,
        groups: overlapPerGroup(codes, 3, 1)
          .filter((r) => r.only_here > 0)
          .map((r) => names.get(r.group_id)!),
      };
    },
    solutionExpr:
      "{ commonCodes: overlaps[1].commonCodes.length, groups: perGroup.filter((r) => r.batch === '3' && r.only_here > 0).map((r) => r.group) }",
  },
  {
    notebook: '06',
    number: 2,
    prompt: 'the batch-2 groups whose pattern changes without the semiconductor rule (names; [] if none)',
    answerType: 'string[]',
    context: '{ params: params, panel: panel }',
    tolerance: 0,
    hint: 'run study.runStudy({ panel: panel, batch: 2, choices: { ...choices, semiconductorRule: false } }) and compare each group’s pattern with runs[2]',
    expected: (ctx) => {
      const params = need<any>(ctx, 'params', '06.2');
      const panel = need<Panel>(ctx, 'panel', '06.2');
      const choices = { zeroBase: params.zeroBase };
      const withRule = runStudy({ panel, batch: 2, choices }).partition;
      const noRule = runStudy({ panel, batch: 2, choices: { ...choices, semiconductorRule: false } }).partition;
      return noRule
        .filter((p) => withRule.find((q) => q.group_id === p.group_id)!.pattern !== p.pattern)
        .map((p) => p.group);
    },
    solutionExpr:
      '(() => { const noRule = study.runStudy({ panel: panel, batch: 2, choices: { ...choices, semiconductorRule: false } }); ' +
      'return noRule.partition.filter((p) => p.pattern !== runs[2].partition.find((q) => q.group_id === p.group_id)!.pattern).map((p) => p.group); })()',
  },
  {
    notebook: '06',
    number: 3,
    prompt:
      "the batch-2 codes skipped by the per-code indices (missing: 'skip', zeroBase: 'skip-series'), as a list of codes",
    answerType: 'string[]',
    context: '{ params: params, panel: panel }',
    tolerance: 0,
    hint: "study.indexTable(panel, { missing: 'skip', zeroBase: 'skip-series' }, batch2Codes) and keep the rows with status 'skipped'",
    expected: (ctx) => {
      const panel = need<Panel>(ctx, 'panel', '06.3');
      const codes = [...codeGroupMap(2).keys()].filter((c) => panel.codes.includes(c));
      return indexTable(panel, { missing: 'skip', zeroBase: 'skip-series' }, codes)
        .filter((r) => r.status === 'skipped')
        .map((r) => r.key);
    },
    solutionExpr:
      "study.indexTable(panel, { missing: 'skip', zeroBase: 'skip-series' }, [...study.codeGroupMap(2).keys()].filter((c) => panel.codes.includes(c))).filter((r) => r.status === 'skipped').map((r) => r.key)",
  },
];
