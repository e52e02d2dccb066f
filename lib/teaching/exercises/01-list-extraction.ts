/**
 * The exercises of notebook 01-list-extraction (see lib/teaching/exercise.ts for what an entry holds).
 *
 * @module teaching/exercises/01-list-extraction
 */
import { fail } from '../../core/errors.js';
import { loadCodes } from '../../io/data.js';
import { searchCodeLists } from '../../io/reference.js';
import { type Exercise } from '../exercise.js';

/** The exercises of notebook 01, in order. */
export const EXERCISES_01: readonly Exercise[] = [
  {
    notebook: '01',
    number: 1,
    prompt: 'hits for 激光雷达; the dedicated lidar line (code) and its first year; the code lidar shared before',
    written: { prompt: 'Why does the first search (激光雷达) find nothing?', points: 1 },
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
];
