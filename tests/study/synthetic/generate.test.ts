/**
 * The teaching panel's generator (lib/synthetic/generate.ts) at full size: every group lands in its published cell
 * for any seed, and the real curated code table generates, lands and calibrates. A second or more of generation each,
 * so they run here; the unit tests of the generator (tests/unit/synthetic/generate.test.ts) use one seed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SYNTHETIC_DEFAULT_SEED, generateTeachingPanel } from '../../../lib/synthetic/generate.js';
import { loadTeachingInputs, type SyntheticGdpRow } from '../../../lib/synthetic/inputs.js';
import { teachingPanelCsv } from '../../../lib/synthetic/serialize.js';
import { gdp2015to2024, publishedCells, publishedShare } from '../../helpers/fixtures.js';
import { naiveCell, naiveG, naiveV } from '../../helpers/naive-indices.js';
import { fixtureRows, groupSumsFromCsv, primaryBatch } from '../../helpers/synthetic-codes.js';

const { groups } = loadTeachingInputs();
const GDP: SyntheticGdpRow[] = gdp2015to2024();
const PUBLISHED = publishedCells();
const fixture = fixtureRows();
const gen = (seed = SYNTHETIC_DEFAULT_SEED, codes = fixture, combineJanFeb?: false): { csv: string } => ({
  csv: teachingPanelCsv(generateTeachingPanel(codes, groups, GDP, { seed, combineJanFeb })),
});

describe('generateTeachingPanel: every group lands in its published cell', () => {
  it('lands for any seed (property, 12 seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const { csv } = gen(seed, fixture, false);
        for (const g of Object.keys(PUBLISHED).map(Number)) {
          const sum = groupSumsFromCsv(csv, fixture, primaryBatch(g), g);
          const c = naiveCell(naiveV(sum), naiveG(sum));
          if (c[0] !== PUBLISHED[g][0] || c[1] !== PUBLISHED[g][1]) return false;
        }
        return true;
      }),
      { numRuns: 12 },
    );
  });
});

describe('the real curated code table (data/study/codes.csv)', () => {
  it('generates, lands every group with codes in its published cell, and calibrates', () => {
    const { codes } = loadTeachingInputs();
    const panel = generateTeachingPanel(codes, groups, GDP);
    const csv = teachingPanelCsv(generateTeachingPanel(codes, groups, GDP, { combineJanFeb: false }));
    for (const g of panel.meta.groups) {
      if (g.primaryBatch === null) continue;
      const sum = groupSumsFromCsv(csv, codes, g.primaryBatch, g.groupId);
      expect([g.groupId, ...naiveCell(naiveV(sum), naiveG(sum))]).toEqual([g.groupId, ...PUBLISHED[g.groupId]]);
      // and the default (combined) panel, treated by the library's default janFeb choice, lands there too
      expect([g.groupId, g.achieved!.cell.growth, g.achieved!.cell.volatility]).toEqual([
        g.groupId,
        ...PUBLISHED[g.groupId],
      ]);
    }
    const cap = panel.meta.calibration.achieved;
    expect(Math.abs(cap[0].semiCapitalPct - publishedShare('semi_capital_start'))).toBeLessThan(0.005);
    expect(Math.abs(cap[9].semiCapitalPct - publishedShare('semi_capital_end'))).toBeLessThan(0.005);
    expect(Math.abs(cap[0].semiIntermediatePct - publishedShare('semi_intermediate_start'))).toBeLessThan(0.005);
    expect(Math.abs(cap[9].semiIntermediatePct - publishedShare('semi_intermediate_end'))).toBeLessThan(0.005);
  });
});
