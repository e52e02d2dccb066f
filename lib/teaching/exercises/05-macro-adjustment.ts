/**
 * The exercises of notebook 05-macro-adjustment (see lib/teaching/exercise.ts for what an entry holds).
 *
 * @module teaching/exercises/05-macro-adjustment
 */
import { fail } from '../../core/errors.js';
import { loadGroups } from '../../io/data.js';
import { macroTable } from '../../steps/macro.js';
import { changeBetween, compareMacro } from '../../steps/macro.js';
import { loadPublished } from '../../io/published.js';
import { overrideGroups, type CategoryOverride } from '../../steps/macro.js';
import type { Panel } from '../../core/types.js';
import { cached, need, type Exercise } from '../exercise.js';

/** The exercises of notebook 05, in order. */
export const EXERCISES_05: readonly Exercise[] = [
  {
    notebook: '05',
    number: 1,
    prompt:
      'the peak year of the semiconductor-intermediates share and our peak − the published peak, in percentage points (within 0.005)',
    answerType: '{ year: number; differencePp: number }',
    context: '{ params: params, panel: panel }',
    tolerance: 0.005,
    hint: 'the row of `comparison` (study.compareMacro) whose published year is null is the peak: read its ours_year and ours_pct − published_pct',
    expected: (ctx) => {
      const panel = need<Panel>(ctx, 'panel', '05.1');
      const rows = cached(panel, 'macroTable', () => macroTable({ panel }).rows);
      const peak = compareMacro(rows, loadPublished().macro).find(
        (c) => c.year === null && c.series === 'semiconductor intermediates',
      );
      if (!peak)
        fail(
          'check',
          'no published peak of the semiconductor intermediates in published.json',
          'semiconductor intermediates',
        );
      return { year: peak!.ours_year, differencePp: peak!.diff_pp };
    },
    solutionExpr:
      '(() => { const p = comparison.find((c) => c.year === null)!; return { year: p.ours_year, differencePp: p.ours_pct - p.published_pct }; })()',
  },
  {
    notebook: '05',
    number: 2,
    prompt: 'the change of "both, adjusted" from 2023 to 2024, in percentage points (within 0.005)',
    answerType: 'number',
    context: '{ params: params, panel: panel }',
    tolerance: 0.005,
    hint: 'subtract the 2023 both_adjusted_pct of macro.rows from the 2024 one (or study.changeBetween(…).pp_change)',
    expected: (ctx) => {
      const panel = need<Panel>(ctx, 'panel', '05.2');
      return changeBetween(
        cached(panel, 'macroTable', () => macroTable({ panel }).rows),
        'both, adjusted',
        2023,
        2024,
      ).pp_change;
    },
    solutionExpr:
      'macro.rows.find((r) => r.year === 2024)!.both_adjusted_pct - macro.rows.find((r) => r.year === 2023)!.both_adjusted_pct',
  },
  {
    notebook: '05',
    number: 3,
    prompt:
      'the percentage change fromYear → toYear of "capital goods, adjusted" with no semiconductor capital group subtracted (within 0.1)',
    answerType: 'number',
    context: '{ params: params, panel: panel }',
    tolerance: 0.1,
    hint: "override every semiconductor capital-goods group with 'not subtracted' (study.overrideGroups), rebuild with study.macroTable, then study.changeBetween(…).pct_change",
    expected: (ctx) => {
      const params = need<any>(ctx, 'params', '05.3');
      const panel = need<Panel>(ctx, 'panel', '05.3');
      const groups = loadGroups();
      const overrides: Record<number, CategoryOverride> = {};
      for (const g of groups)
        if (g.semiconductor && g.category === 'capital goods') overrides[g.group_id] = 'not subtracted';
      const rows = macroTable({ groups: overrideGroups(groups, overrides), panel }).rows;
      return changeBetween(rows, 'capital goods, adjusted', params.fromYear, params.toYear).pct_change;
    },
    solutionExpr:
      "(() => { const g = study.overrideGroups(study.loadGroups(), { 1: 'not subtracted', 3: 'not subtracted', 6: 'not subtracted', 8: 'not subtracted', 11: 'not subtracted' }); " +
      "return study.changeBetween(study.macroTable({ groups: g, panel: panel }).rows, 'capital goods, adjusted', params.fromYear, params.toYear).pct_change; })()",
  },
];
