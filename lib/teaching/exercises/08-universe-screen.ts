/**
 * The exercises of notebook 08-universe-screen (see lib/teaching/exercise.ts for what an entry holds).
 *
 * @module teaching/exercises/08-universe-screen
 */
import {
  changedPatterns,
  patternCounts,
  rankCandidates,
  screenUniverse,
  type ScreenResult,
} from '../../steps/screen.js';
import type { Panel } from '../../core/types.js';
import { cached, need, type Exercise } from '../exercise.js';

function screen08(ctx: any, prefixes?: string[]): ScreenResult {
  const params = need<any>(ctx, 'params', '08');
  const panel = need<Panel>(ctx, 'panel', '08');
  const p = prefixes ?? params.semiconductorPrefixes;
  return cached(panel, `screen:${JSON.stringify(params.window)}:${p.join(',')}`, () =>
    screenUniverse(panel, { choices: { window: params.window }, semiconductorPrefixes: p }),
  );
}

/** The exercises of notebook 08, in order. */
export const EXERCISES_08: readonly Exercise[] = [
  {
    notebook: '08',
    number: 1,
    prompt: 'the number of semiconductor-related codes the screen flags as stockpiling',
    answerType: 'number',
    context: '{ params: params, panel: panel }',
    tolerance: 0,
    hint: "study.screen.patternCounts(result, 'semiconductor') counts the patterns of the semiconductor-related codes",
    expected: (ctx) => patternCounts(screen08(ctx), 'semiconductor').stockpiling,
    solutionExpr: "study.screen.patternCounts(result, 'semiconductor').stockpiling",
  },
  {
    notebook: '08',
    number: 2,
    prompt: 'the number of codes that change pattern when 8541 is dropped from the semiconductor prefixes',
    answerType: 'number',
    context: '{ params: params, panel: panel }',
    tolerance: 0,
    hint: 'screen again with semiconductorPrefixes without 8541 and count with study.screen.changedPatterns(result, …)',
    expected: (ctx) => {
      const params = need<any>(ctx, 'params', '08.2');
      return changedPatterns(
        screen08(ctx),
        screen08(
          ctx,
          (params.semiconductorPrefixes as string[]).filter((p) => p !== '8541'),
        ),
      );
    },
    solutionExpr:
      "study.screen.changedPatterns(result, study.screen.screenUniverse(panel, { choices: { window: params.window }, semiconductorPrefixes: params.semiconductorPrefixes.filter((p) => p !== '8541') }))",
  },
  {
    notebook: '08',
    number: 3,
    prompt: 'the top substitution candidates (topN) with minMeanUsd = 10 million US dollars, as a list of codes',
    answerType: 'string[]',
    context: '{ params: params, panel: panel }',
    tolerance: 0,
    hint: "study.screen.rankCandidates(result, 'substitution', { n: params.topN, minMeanUsd: … }) — 10 million is 10_000_000",
    expected: (ctx) => {
      const params = need<any>(ctx, 'params', '08.3');
      return rankCandidates(screen08(ctx), 'substitution', { n: params.topN, minMeanUsd: 10_000_000 }).map(
        (r) => r.code,
      );
    },
    solutionExpr:
      "study.screen.rankCandidates(result, 'substitution', { n: params.topN, minMeanUsd: 10_000_000 }).map((r) => r.code)",
  },
];
