import { describe, expect, it } from 'vitest';
import { notebookResults } from '../../helpers/notebook-results.js';
import { groupSeriesFromPanel, sensitivitySweep } from '../../../lib/steps/sensitivity.js';
import { runStudy } from '../../../lib/study.js';
import { agreementDistribution, publishedPatternMap, survival } from '../../../lib/steps/robustness.js';

const STEM = '07-sensitivity';

describe(`${STEM} key results`, () => {
  const r = notebookResults(STEM);
  // recompute the notebook's sweep from its recorded grid (follows any --set override of the grid)
  const run = runStudy({ dataSource: 'synthetic' });
  const series = groupSeriesFromPanel(run.groupPanel, run.groupPanel.groups);
  const sweep = sensitivitySweep(run.groupPanel.months, series, run.groupPanel.groups, r.grid, {}, publishedPatternMap(run.published.patterns));
  it('combination count equals the library', () => {
    expect(r.combinations).toBe(sweep.combinations);
    expect(r.combinations).toBeGreaterThan(1000);
  });
  it('robustness per group equals the library', () => {
    expect(r.robustness).toHaveLength(17);
    r.robustness.forEach((g: { group_id: number; baselinePattern: string; share: number }, k: number) => {
      expect(g.group_id).toBe(sweep.robustness[k].group_id);
      expect(g.baselinePattern).toBe(sweep.robustness[k].baselinePattern);
      expect(g.share).toBeCloseTo(sweep.robustness[k].share, 12);
    });
  });
  it('baseline patterns are the published ones (SYNTHETIC panel built to match)', () => {
    const pub = publishedPatternMap(run.published.patterns);
    for (const g of r.robustness) expect(g.baselinePattern).toBe(pub.get(g.group_id));
  });
  it('survival and agreement equal the library', () => {
    expect(r.survival.kept).toBe(survival(sweep, r.survival.cut).kept);
    const a = agreementDistribution(sweep);
    expect(r.agreement.mean).toBeCloseTo(a.mean, 12);
    expect(r.agreement.shareAll).toBeCloseTo(a.shareAll, 12);
    expect(r.agreement.max).toBe(17);
  });
});
