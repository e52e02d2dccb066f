import { describe, expect, it } from 'vitest';
import { notebookResults } from '../../helpers/notebook-results.js';
import { generateUniverseAggregate } from '../../../lib/synthetic/universe.js';
import { loadCodes } from '../../../lib/io/data.js';
import { patternCounts, rankCandidates, screenCodeList, screenLookup, screenUniverse } from '../../../lib/steps/screen.js';

const STEM = '08-universe-screen';

describe(`${STEM} key results`, () => {
  const r = notebookResults(STEM);
  const synthetic = r.codeList.dataSource === 'synthetic';
  const list = screenCodeList(r.codeList.year);
  const o = r.screenOptions;
  const screen = synthetic
    ? screenUniverse(generateUniverseAggregate({ codes: list.codes, seed: r.codeList.seed }).panel, { choices: { window: o.window }, semiconductorPrefixes: o.semiconductorPrefixes })
    : undefined;
  it('the test run screens the SYNTHETIC universe', () => {
    expect(synthetic).toBe(true);
  });
  it('screens the whole code list', () => {
    expect(r.codeList.codes).toBe(list.codes.length);
    expect(r.codeList.codes).toBe(8957);
  });
  it('pattern counts equal the library', () => {
    expect(r.patternCounts).toEqual(patternCounts(screen!));
    expect(r.patternCounts.total).toBe(list.codes.length);
  });
  it('top candidates equal the library', () => {
    expect(r.topSubstitution).toEqual(rankCandidates(screen!, 'substitution', { n: o.topN, minMeanUsd: o.minMeanUsd }).map((c) => c.code));
    expect(r.topStockpiling).toEqual(rankCandidates(screen!, 'stockpiling', { n: o.topN, minMeanUsd: o.minMeanUsd }).map((c) => c.code));
    expect(r.topSubstitution).toHaveLength(o.topN);
  });
  it('curated codes per pattern equal the library', () => {
    const rows = screenLookup(screen!, loadCodes().map((c) => c.code)).rows;
    const want: Record<string, number> = {};
    for (const x of rows) want[x.pattern] = (want[x.pattern] ?? 0) + 1;
    const got: Record<string, number> = {};
    for (const x of r.curatedFlags as { pattern: string; count: number }[]) got[x.pattern] = x.count;
    expect(got).toEqual(want);
  });
});
