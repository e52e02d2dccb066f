/** The macro claim against controls (lib/steps/controls-macro.ts): the GDP file and a hand-computed comparison. */
import { describe, expect, it } from 'vitest';
import { compareMacroChanges, controlGdp, loadControlsGdp, median } from '../../../lib/steps/controls-macro.js';

describe('controls GDP (World Bank WDI, one vintage)', () => {
  it('holds 12 economies × 2014–2023 and no Taiwan', () => {
    const rows = loadControlsGdp();
    expect(rows.length).toBe(120);
    expect(new Set(rows.map((r) => r.iso3)).size).toBe(12);
    expect(controlGdp('KOR').map((r) => r.year)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
    expect(controlGdp('S19')).toEqual([]);
    expect(() => loadControlsGdp('country,iso3,year,gdp_current_usd,source\nX,XXX,2015,0,s\n')).toThrow(/positive/);
    expect(() => loadControlsGdp('country,iso3\n')).toThrow(/missing column "year"/);
  });
});

describe('compareMacroChanges: did China fall more than the controls?', () => {
  it('hand-computed: three controls, China falls most in capital goods, middle in intermediates', () => {
    const rows = [
      { economy: 'CHN', year: 2015, capital_pct: 2.0, intermediate_pct: 6.0 },
      { economy: 'CHN', year: 2023, capital_pct: 1.5, intermediate_pct: 5.8 },
      { economy: 'A', year: 2015, capital_pct: 3.0, intermediate_pct: 9.0 },
      { economy: 'A', year: 2023, capital_pct: 2.8, intermediate_pct: 8.0 },
      { economy: 'B', year: 2015, capital_pct: 1.0, intermediate_pct: 5.0 },
      { economy: 'B', year: 2023, capital_pct: 1.1, intermediate_pct: 5.5 },
      { economy: 'C', year: 2015, capital_pct: 2.0, intermediate_pct: 4.0 },
      { economy: 'C', year: 2023, capital_pct: 1.6, intermediate_pct: 4.0 },
      { economy: 'D', year: 2015, capital_pct: 2.0, intermediate_pct: 4.0 }, // no 2023: left out
    ];
    const [cap, int] = compareMacroChanges(rows, 'CHN', 2015, 2023);
    // capital: CHN −0.5; A −0.2, B +0.1, C −0.4 → median −0.2; China the largest fall
    expect([cap.china_pp, cap.controls_median_pp, cap.china_rank, cap.economies, cap.fell_more_than_all]).toEqual([
      -0.5,
      -0.2,
      1,
      4,
      true,
    ]);
    expect(cap.china_minus_median_pp).toBe(-0.3);
    // intermediates: CHN −0.2; A −1.0, B +0.5, C 0 → median 0; rank 2
    expect([int.china_pp, int.controls_median_pp, int.china_rank, int.fell_more_than_all]).toEqual([-0.2, 0, 2, false]);
    expect(median([1])).toBe(1);
    expect(() => median([])).toThrow(/no numbers/);
    expect(() => compareMacroChanges(rows, 'XX', 2015, 2023)).toThrow(/China \(XX\) lacks/);
    expect(() => compareMacroChanges(rows.slice(0, 2), 'CHN', 2015, 2023)).toThrow(/no control economy/);
  });
});
