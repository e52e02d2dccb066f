/**
 * The exercise registry: every exercise of notebooks 01–08, declared once. Each entry says what the answer is
 * (its TypeScript type, used for the student's typed stub), how close a number must be, a hint that points to the
 * formula or the library call (never to the value), which notebook variables the check needs (`context`, a
 * TypeScript expression in the notebook's scope), and how the library computes the expected answer FROM THAT
 * CONTEXT — the notebook's own data and parameters, so an answer checked on imported data is checked against
 * imported data. No expected value is typed in.
 *
 * `solutionExpr` is the model answer as a TypeScript expression in the student notebook's scope (the solution
 * cells removed): `npm run student -- --solved` and the tests put it in place of `undefined` to build a solved copy.
 *
 * @module teaching/registry
 */
import { fail } from '../core/errors.js';
import { loadCodeBec, loadCodes, loadGroups, codeGroupMap } from '../io/data.js';
import { searchCodeLists } from '../io/reference.js';
import { categoryEndUseCrossTab, categoryShares, type CategoryShareRow } from '../steps/grouping.js';
import { annualGroupSums, macroTable } from '../steps/macro.js';
import { runStudy, type StudyRun } from '../study.js';
import { indexTable, seriesIndices } from '../steps/indices.js';
import { partitionMoves } from '../steps/partition-teaching.js';
import { partitionGroups } from '../steps/partition.js';
import { changeBetween, compareMacro } from '../steps/macro.js';
import { loadPublished } from '../io/published.js';
import { batchOverlap, overlapPerGroup } from '../steps/validation.js';
import { overrideGroups, type CategoryOverride } from '../steps/macro.js';
import { groupSeriesFromPanel, sensitivitySweep, type SweepGrid } from '../steps/sensitivity.js';
import { parameterInfluence, publishedPatternMap, survival } from '../steps/robustness.js';
import { changedPatterns, patternCounts, rankCandidates, screenUniverse, type ScreenResult } from '../steps/screen.js';
import type { Panel } from '../core/types.js';

/** One exercise of one notebook. */
export interface Exercise {
  /** The notebook's two-digit number, e.g. '03'. */
  notebook: string;
  /** The exercise's number in the notebook's "Exercises" list (1, 2, 3). */
  number: number;
  /** What to put in the answer, one line (shown above the stub). */
  prompt: string;
  /** The answer's TypeScript type, as written in the stub: `const answerN: <answerType> | undefined = undefined;`. */
  answerType: string;
  /** A TypeScript expression in the notebook's scope passed to the check, e.g. `{ params: params, run: run }` ('' = none). */
  context: string;
  /** Allowed absolute difference for numbers (0 = exact). */
  tolerance: number;
  /** Shown when the answer is not right: points to the formula or library call, never to the value. */
  hint: string;
  /** The expected answer, computed by the library from the notebook's context. With `oneOf`, the list of accepted answers. */
  expected(ctx: any): unknown;
  /** True when `expected` returns several accepted answers (ties). */
  oneOf?: boolean;
  /** The model answer as a TypeScript expression in the student notebook's scope. */
  solutionExpr: string;
}

/** Memoise a computation on an object of the notebook (its run or panel): the checks of one notebook share it. */
const memo = new WeakMap<object, Map<string, unknown>>();
function cached<T>(owner: object, key: string, compute: () => T): T {
  let m = memo.get(owner);
  if (!m) memo.set(owner, (m = new Map()));
  if (!m.has(key)) m.set(key, compute());
  return m.get(key) as T;
}

function need<T>(ctx: any, name: string, ex: string): T {
  if (!ctx || ctx[name] === undefined)
    fail('check', `exercise ${ex} needs "${name}" in its context (the answer cell passes it)`, ctx && Object.keys(ctx));
  return ctx[name] as T;
}

const groupIdNamed = (name: string): number => {
  const g = loadGroups().find((x) => x.group === name);
  if (!g) fail('check', 'no group of this name in data/study/groups.csv', name);
  return g!.group_id;
};

/** The toy series of exercise 03.2 (the exercise's own data, as printed in its statement). */
export const TOY_SERIES_03: { values: number[]; months: string[] } = {
  values: [10e6, 12e6, 9e6, 14e6, 15e6, 18e6],
  months: ['2015-01', '2015-02', '2015-03', '2015-04', '2015-05', '2015-06'],
};

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

function screen08(ctx: any, prefixes?: string[]): ScreenResult {
  const params = need<any>(ctx, 'params', '08');
  const panel = need<Panel>(ctx, 'panel', '08');
  const p = prefixes ?? params.semiconductorPrefixes;
  return cached(panel, `screen:${JSON.stringify(params.window)}:${p.join(',')}`, () =>
    screenUniverse(panel, { choices: { window: params.window }, semiconductorPrefixes: p }),
  );
}

const RUN = '{ params: params, run: run }';

/** Every exercise of notebooks 01–08, in notebook and exercise order. */
export const EXERCISES: readonly Exercise[] = [
  {
    notebook: '01',
    number: 1,
    prompt: 'hits for 激光雷达; the dedicated lidar line (code) and its first year; the code lidar shared before',
    answerType: '{ lidarHits: number; dedicatedCode: string; firstYear: number; sharedCode: string }',
    context: '{ params: params, refDir: refDir }',
    tolerance: 0,
    hint: 'search with study.searchCodeLists({ keywords: [...] }, refDir); each hit lists the years its line exists — the dedicated line describes a 雷达 (radar), the line before it is the one present in the year before',
    expected: (ctx) => {
      const dir = ctx?.refDir as string | undefined;
      const hits = searchCodeLists({ keywords: ['测距'] }, dir);
      const dedicated = hits.find((h) => h.description.includes('雷达'));
      if (!dedicated) fail('check', 'no line describing a 雷达 among the 测距 hits in these code lists', dir);
      const first = dedicated!.years[0];
      const before = hits.find((h) => h.code !== dedicated!.code && h.years.includes(first - 1));
      if (!before) fail('check', `no 测距 line in ${first - 1}, the year before the dedicated line`, first);
      return {
        lidarHits: searchCodeLists({ keywords: ['激光雷达'] }, dir).length,
        dedicatedCode: dedicated!.code,
        firstYear: first,
        sharedCode: before!.code,
      };
    },
    solutionExpr:
      "(() => { const hits = study.searchCodeLists({ keywords: ['测距'] }, refDir); const lidar = hits.find((h) => h.description.includes('激光'))!; " +
      "return { lidarHits: study.searchCodeLists({ keywords: ['激光雷达'] }, refDir).length, dedicatedCode: lidar.code, firstYear: lidar.years[0], sharedCode: hits.find((h) => h.years.includes(lidar.years[0] - 1))!.code }; })()",
  },
  {
    notebook: '01',
    number: 2,
    prompt: 'the batch-1 codes curated for two (or more) technologies, as a list of 8-digit codes',
    answerType: 'string[]',
    context: '',
    tolerance: 0,
    hint: 'group `batch1` by code and count the distinct tech_id per code (aq.op.distinct); keep counts above 1',
    expected: () => {
      const techs = new Map<string, Set<string>>();
      for (const r of loadCodes().filter((c) => c.batch === 1)) {
        if (!techs.has(r.code)) techs.set(r.code, new Set());
        techs.get(r.code)!.add(r.tech_id);
      }
      return [...techs].filter(([, s]) => s.size > 1).map(([code]) => code);
    },
    solutionExpr:
      "aq.from(batch1).groupby('code').rollup({ techs: aq.op.distinct('tech_id') }).filter((d: any) => d.techs > 1).array('code') as string[]",
  },
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
  {
    notebook: '03',
    number: 1,
    prompt: 'the group with the largest V and the group with the lowest G (their names as in the table)',
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

/**
 * The registry entry of an exercise.
 * @throws {StudyError} when the notebook has no such exercise
 * @example findExercise('03', 2).answerType; // => '{ G: number; V: number }'
 */
export function findExercise(notebook: string, number: number): Exercise {
  const e = EXERCISES.find((x) => x.notebook === notebook && x.number === number);
  if (!e)
    fail(
      'findExercise',
      `no exercise ${number} in notebook ${notebook} (the registry lists ${
        EXERCISES.filter((x) => x.notebook === notebook)
          .map((x) => x.number)
          .join(', ') || 'none'
      })`,
      `${notebook}.${number}`,
    );
  return e!;
}

/**
 * The exercises of one notebook, in order.
 * @example exercisesOf('04').map((e) => e.number); // => [1, 2, 3]
 */
export function exercisesOf(notebook: string): Exercise[] {
  return EXERCISES.filter((x) => x.notebook === notebook);
}
