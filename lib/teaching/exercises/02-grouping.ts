/**
 * The exercises of notebook 02-grouping (see lib/teaching/exercise.ts for what an entry holds).
 *
 * @module teaching/exercises/02-grouping
 */
import { loadCodeBec, loadCodes, loadGroups } from '../../io/data.js';
import { categoryEndUseCrossTab, categoryShares, type CategoryShareRow } from '../../steps/grouping.js';
import { annualGroupSums } from '../../steps/macro.js';
import { type StudyRun } from '../../study.js';
import { need, groupIdNamed, RUN, type Exercise } from '../exercise.js';

/** The exercises of notebook 02, in order. */
export const EXERCISES_02: readonly Exercise[] = [
  {
    notebook: '02',
    number: 1,
    prompt: 'the number of codes of capital-goods groups that BEC classes as intermediates',
    answerType: 'number',
    context: '{ params: params }',
    tolerance: 0,
    hint: 'read the cell (category "capital goods", end use "intermediate") of `crossTab` (study.grouping.categoryEndUseCrossTab)',
    expected: (ctx) => {
      const params = need<any>(ctx, 'params', '02.1');
      return categoryEndUseCrossTab(loadCodes(), loadGroups(), loadCodeBec(), params.batch).find(
        (c) => c.category === 'capital goods' && c.end_use === 'intermediate',
      )!.codes;
    },
    solutionExpr: "crossTab.find((c) => c.category === 'capital goods' && c.end_use === 'intermediate')!.codes",
  },
  {
    notebook: '02',
    number: 2,
    prompt:
      'the fall of the 2024 "semiconductor capital" share, in percentage points (share as printed − share re-classed)',
    answerType: 'number',
    context: RUN,
    tolerance: 0.05,
    hint: 'copy `groups` with Passive Components given category "intermediate", recompute study.grouping.categoryShares(annual.rows, …), and subtract the two 2024 "semiconductor capital" shares (× 100 for percentage points)',
    expected: (ctx) => {
      const run = need<StudyRun>(ctx, 'run', '02.2');
      const groups = loadGroups();
      const passive = groupIdNamed('Passive Components');
      const rows = annualGroupSums(run.groupPanel).rows;
      const semiCap = (r: CategoryShareRow[]) =>
        r.find((x) => x.year === 2024 && x.category === 'semiconductor capital')?.share ?? 0;
      const asPrinted = categoryShares(rows, groups);
      const reclassed = categoryShares(
        rows,
        groups.map((g) => (g.group_id === passive ? { ...g, category: 'intermediate' as const } : g)),
      );
      return 100 * (semiCap(asPrinted) - semiCap(reclassed));
    },
    solutionExpr:
      "(() => { const alt = study.grouping.categoryShares(annual.rows, groups.map((g) => (g.group === 'Passive Components' ? { ...g, category: 'intermediate' as const } : g))); " +
      "const semi = (rows: study.grouping.CategoryShareRow[]) => rows.find((r) => r.year === 2024 && r.category === 'semiconductor capital')?.share ?? 0; return 100 * (semi(shares) - semi(alt)); })()",
  },
];
