import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notebookResults } from '../../helpers/notebook-results.js';
import { REPORT_DIR } from '../global-setup.js';
import { loadCodeBridges, loadCodes, loadGroups, loadTechnologies } from '../../../lib/io/data.js';
import { loadPublished } from '../../../lib/io/published.js';
import { batch2Flags, countByBatch, distinctCodes, itemsWithoutCodes } from '../../../lib/steps/extraction.js';
import { codesPerGroup } from '../../../lib/steps/grouping.js';

const STEM = '01-list-extraction';

describe(`${STEM} key results`, () => {
  const r = notebookResults(STEM);
  const codes = loadCodes();
  const techs = loadTechnologies();
  const groups = loadGroups();

  it('the banner names the code lists\u2019 folder relative to the project: nothing of this checkout in the report', () => {
    const executed = fs.readFileSync(path.join(REPORT_DIR, 'notebooks', `${STEM}.ipynb`), 'utf8');
    expect(executed).toContain('China Customs HS8 code lists 2015–2025 (data/reference)');
    expect(executed).not.toContain(path.resolve('.'));
  });
  it('technologies without codes equal the curated table (8 items)', () => {
    expect(r.technologiesWithoutCodes).toEqual(itemsWithoutCodes(techs, 1).map((t) => t.tech_id));
    expect(r.technologiesWithoutCodes).toEqual(['3', '8', '11', '13', '15', '20', '31', '33']);
  });
  it('counts per batch equal the library', () => {
    expect(r.batchCounts).toEqual(countByBatch(codes, techs));
    expect(r.batchCounts.map((b: any) => b.distinct_codes)).toEqual([144, 22, 92]);
  });
  it('codes per group equal the library', () => {
    expect(r.codesPerGroup.batch1).toEqual(codesPerGroup(codes, groups, { batch: 1 }).map((g) => g.codes));
    expect(r.codesPerGroup.batch1ListYear).toEqual(codesPerGroup(codes, groups, { batch: 1, year: 2018, excludeTech: ['M'] }).map((g) => g.codes));
    expect(r.codesPerGroup.batch2).toEqual(codesPerGroup(codes, groups, { batch: 2 }).map((g) => g.codes));
    expect(r.codesPerGroup.batch3).toEqual(codesPerGroup(codes, groups, { batch: 3 }).map((g) => g.codes));
  });
  it('label flags and bridge count', () => {
    expect(r.labelFlags).toEqual(batch2Flags(techs).counts);
    expect(r.bridgeCount).toBe(loadCodeBridges().length);
  });
  it('comparison with the published 85', () => {
    const pub = loadPublished().counts.find((c) => c.id === 'batch1_codes')!.value;
    expect(r.compareCounts.published85).toBe(pub);
    expect(r.compareCounts.codesAllYears).toBe(distinctCodes(codes, { batch: 1, excludeTech: ['M'] }).length);
    expect(r.compareCounts.codesListYear).toBe(distinctCodes(codes, { batch: 1, excludeTech: ['M'], year: 2018 }).length);
    expect(r.compareCounts).toMatchObject({ technologies: 35, withCodes: 27, codesAllYears: 98, codesListYear: 86, batch2Slide: 19 });
  });
  it('codes per year', () => {
    for (const row of r.batch1CodesPerYear) expect(row.codes).toBe(distinctCodes(codes, { batch: 1, excludeTech: ['M'], year: row.year }).length);
  });
  it('candidates: keyword hits from the official code lists against the curated codes', () => {
    expect(r.candidates.summary.map((s: any) => s.curated)).toEqual([5, 1, 1]);
    expect(r.candidates.summary.map((s: any) => s.both)).toEqual([5, 1, 1]);
    for (const s of r.candidates.summary) expect(s.found).toBeGreaterThanOrEqual(s.both);
  });
});
