/**
 * The exercises of notebook 04-partition (see lib/teaching/exercise.ts for what an entry holds).
 *
 * @module teaching/exercises/04-partition
 */
import { fail } from '../../core/errors.js';
import { type StudyRun } from '../../study.js';
import { partitionMoves } from '../../steps/partition-teaching.js';
import { partitionGroups } from '../../steps/partition.js';
import { need, RUN, type Exercise } from '../exercise.js';

/** The exercises of notebook 04, in order. */
export const EXERCISES_04: readonly Exercise[] = [
  {
    notebook: '04',
    number: 1,
    prompt: 'the number of groups per pattern, and the semiconductor-related groups that are substitution successes',
    answerType: '{ substitution: number; noEffect: number; stockpiling: number; semiconductorSubstitution: string[] }',
    context: RUN,
    tolerance: 0,
    hint: 'count run.partition by pattern; then keep the rows with semiconductor true and pattern "substitution"',
    expected: (ctx) => {
      const p = need<StudyRun>(ctx, 'run', '04.1').partition;
      const n = (pattern: string) => p.filter((r) => r.pattern === pattern).length;
      return {
        substitution: n('substitution'),
        noEffect: n('no effect'),
        stockpiling: n('stockpiling'),
        semiconductorSubstitution: p.filter((r) => r.semiconductor && r.pattern === 'substitution').map((r) => r.group),
      };
    },
    solutionExpr:
      "{ substitution: partitionRows.filter((r) => r.pattern === 'substitution').length, noEffect: partitionRows.filter((r) => r.pattern === 'no effect').length, " +
      "stockpiling: partitionRows.filter((r) => r.pattern === 'stockpiling').length, semiconductorSubstitution: partitionRows.filter((r) => r.semiconductor === 'yes' && r.pattern === 'substitution').map((r) => r.group) }",
  },
  {
    notebook: '04',
    number: 2,
    prompt: 'the smallest growth cut at which Fluid Control Equipment is low growth, within 0.001',
    answerType: 'number',
    context: RUN,
    tolerance: 0.001,
    hint: 'high growth means G > cut, so the group is low growth as soon as the cut is ≥ its G — read its G in run.partition and test with study.growthBand(G, { growth: cut })',
    expected: (ctx) => {
      const row = need<StudyRun>(ctx, 'run', '04.2').partition.find((r) => r.group === 'Fluid Control Equipment');
      if (!row) fail('check', 'Fluid Control Equipment is not in the run', 'Fluid Control Equipment');
      return row!.G;
    },
    solutionExpr: "run.partition.find((r) => r.group === 'Fluid Control Equipment')!.G",
  },
  {
    notebook: '04',
    number: 3,
    prompt: 'the groups that move with volatilityMedium: 0.23 (a list of names; [] if none)',
    answerType: 'string[]',
    context: RUN,
    tolerance: 0,
    hint: 'partition again with study.partitionGroups(indexInput, run.groupPanel.groups, { ...run.choices, volatilityMedium: 0.23 }) and compare with study.partitionMoves',
    expected: (ctx) => {
      const run = need<StudyRun>(ctx, 'run', '04.3');
      const input = run.partition.map((r) => ({ group_id: r.group_id, G: r.G, V: r.V }));
      return partitionMoves(
        run.partition,
        partitionGroups(input, run.groupPanel.groups, { ...run.choices, volatilityMedium: 0.23 }),
      ).map((m) => m.group);
    },
    solutionExpr:
      'study.partitionMoves(run.partition, study.partitionGroups(indexInput, run.groupPanel.groups, { ...run.choices, volatilityMedium: 0.23 })).map((m) => m.group)',
  },
];
