import { describe, expect, it } from 'vitest';
import { notebookResults } from '../../helpers/notebook-results.js';
import { annualGroupSums } from '../../../lib/steps/macro.js';
import { groupPanel } from '../../../lib/steps/grouping.js';
import { loadCodeBec, loadCodes, loadGroups } from '../../../lib/io/data.js';
import { runStudy } from '../../../lib/study.js';
import { categoryEndUseCrossTab, categoryShares, codesPerGroup, groupEndUse, STUDY_CATEGORIES, studyCategory } from '../../../lib/steps/grouping.js';

const STEM = '02-grouping';

describe(`${STEM} key results`, () => {
  const r = notebookResults(STEM);
  const codes = loadCodes();
  const groups = loadGroups();
  const bec = loadCodeBec();

  it('groups per study category (Table 1 as printed)', () => {
    const expected = Object.fromEntries(STUDY_CATEGORIES.map((c) => [c, groups.filter((g) => studyCategory(g) === c).length]));
    expect(r.groupsPerStudyCategory).toEqual(expected);
    expect(r.groupsPerStudyCategory).toEqual({ 'semiconductor intermediate': 1, 'semiconductor capital': 5, 'other intermediate': 4, 'other capital': 6, consumption: 1 });
    expect(r.substitutionSemiconductorGroups).toEqual(['Passive Components']);
  });
  it('codes per group and the cross-tab equal the library', () => {
    expect(r.codesPerGroup).toEqual(codesPerGroup(codes, groups, { batch: 1 }).map((g) => g.codes));
    expect(r.categoryEndUseCrossTab).toEqual(categoryEndUseCrossTab(codes, groups, bec, 1));
    const lib = groupEndUse(codes, groups, bec, 1);
    r.groupEndUse.forEach((g: any, k: number) => {
      expect(g).toMatchObject({ group_id: lib[k].group_id, capital: lib[k].capital, intermediate: lib[k].intermediate, consumption: lib[k].consumption });
      expect(g.agree_share).toBeCloseTo(lib[k].agree_share, 12);
    });
  });
  it('category shares equal the library on the same (synthetic) panel', () => {
    const run = runStudy({ dataSource: 'synthetic', batch: 1 });
    expect(r.panelGroups).toEqual(run.groupPanel.groups.map((g) => g.group_id));
    const shares = categoryShares(annualGroupSums(run.groupPanel).rows, groups);
    for (const s of r.categoryShares) {
      const lib = shares.find((x) => x.year === s.year && x.category === s.category)!;
      expect(s.share).toBeCloseTo(lib.share, 12);
    }
    expect(r.tryBatch2Groups).toEqual(groupPanel(run.panel, 2).groups.map((g) => g.group_id));
  });
  it('structure beside the published counts', () => {
    expect(r.compareStructure).toEqual({ bottleneckGroups: 16, groupsTotal: 17, categoriesOfFour: 4, groupsWithBatch1Codes: 17 });
  });
});
