import { describe, expect, it } from 'vitest';
import { generateBecTotals } from '../../../lib/synthetic/bec-totals.js';
import { SYNTHETIC_DEFAULT_CALIBRATION } from '../../../lib/synthetic/calibration.js';
import { generateTeachingPanel } from '../../../lib/synthetic/generate.js';
import { loadTeachingInputs } from '../../../lib/synthetic/inputs.js';

const { codes, groups, gdp } = loadTeachingInputs();
const panel = generateTeachingPanel(codes, groups, gdp);
const bec = generateBecTotals(panel, gdp);
const gdpOf = (y: number) => gdp.find((r) => r.year === y)!.gdp_usd;

describe('generateBecTotals', () => {
  it('one capital and one intermediate total per year 2015–2024, in whole dollars', () => {
    expect(bec.rows.length).toBe(20);
    expect(bec.rows.slice(0, 2).map((r) => [r.year, r.endUse])).toEqual([
      [2015, 'capital'],
      [2015, 'intermediate'],
    ]);
    for (const r of bec.rows) expect(Number.isInteger(r.valueUsd)).toBe(true);
  });
  it('total = adjusted share × GDP + the panel’s semiconductor sum, so total − semiconductors gives the adjusted share', () => {
    const semi = panel.meta.calibration.achieved.find((a) => a.year === 2015)!;
    const cap = bec.rows.find((r) => r.year === 2015 && r.endUse === 'capital')!.valueUsd;
    expect(cap).toBe(Math.round(0.0206 * gdpOf(2015) + semi.semiCapitalUsd));
    for (const a of bec.achieved) {
      expect(a.capitalAdjustedPct).toBeCloseTo(SYNTHETIC_DEFAULT_CALIBRATION.capitalAdjustedPath[a.year], 6);
      expect(a.intermediateAdjustedPct).toBeCloseTo(SYNTHETIC_DEFAULT_CALIBRATION.intermediateAdjustedPath[a.year], 6);
      expect(a.bothAdjustedPct).toBeCloseTo(a.capitalAdjustedPct + a.intermediateAdjustedPct, 5);
    }
    expect([bec.achieved[0].bothAdjustedPct, bec.achieved[9].bothAdjustedPct]).toEqual([8.46, 6.53]);
  });
  it('rejects GDP without a year, naming itself and the year', () => {
    expect(() =>
      generateBecTotals(
        panel,
        gdp.filter((r) => r.year !== 2019),
      ),
    ).toThrow('generateBecTotals: GDP lacks a year of 2015–2024 (got 2019)');
  });
});
