/** The macro claim against controls (lib/steps/controls-macro.ts): the GDP file and a hand-computed comparison. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareMacroChanges,
  controlGdp,
  importedMacro,
  loadControlsGdp,
  median,
} from '../../../lib/steps/controls-macro.js';
import { tempDir } from '../../helpers/temp.js';

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

describe('loadControlsGdp: the shipped file read once, a text never cached; exact messages', () => {
  it('the shipped rows are read once and shared; parsing a text leaves them in place', () => {
    const shipped = loadControlsGdp();
    expect(loadControlsGdp()).toBe(shipped);
    const mine = loadControlsGdp('country,iso3,year,gdp_current_usd,source\nX,XXX,2015,5,s\n');
    expect(mine).toEqual([{ country: 'X', iso3: 'XXX', year: 2015, gdp_usd: 5, source: 's' }]);
    expect(loadControlsGdp()).toBe(shipped);
    expect(loadControlsGdp()).toHaveLength(120);
  });
  it('a text is named "text" in parse errors; a missing column and a non-positive GDP name the function and the value', () => {
    expect(() => loadControlsGdp('')).toThrow('parseCsv: text: file is empty (no header row)');
    expect(() => loadControlsGdp('country,iso3\n')).toThrow(
      'loadControlsGdp: missing column "year" (got "country,iso3")',
    );
    expect(() => loadControlsGdp('country,iso3,year,gdp_current_usd,source\nX,XXX,2015,-1,s\n')).toThrow(
      'loadControlsGdp: GDP must be positive (XXX 2015) (got "-1")',
    );
  });
});

describe('compareMacroChanges: ties and exact messages', () => {
  // capital: China −0.5, A −0.5 (a tie), B +0.1; intermediates: China −0.2, A −0.1, B −0.3
  const rows = [
    { economy: 'CHN', year: 2015, capital_pct: 2.0, intermediate_pct: 6.0 },
    { economy: 'CHN', year: 2023, capital_pct: 1.5, intermediate_pct: 5.8 },
    { economy: 'A', year: 2015, capital_pct: 3.0, intermediate_pct: 9.0 },
    { economy: 'A', year: 2023, capital_pct: 2.5, intermediate_pct: 8.9 },
    { economy: 'B', year: 2015, capital_pct: 1.0, intermediate_pct: 5.0 },
    { economy: 'B', year: 2023, capital_pct: 1.1, intermediate_pct: 4.7 },
  ];
  it('a control that fell as much as China: China keeps rank 1 but did not fall more than all', () => {
    const [cap, int] = compareMacroChanges(rows, 'CHN', 2015, 2023);
    expect([cap.china_pp, cap.china_rank, cap.fell_more_than_all]).toEqual([-0.5, 1, false]);
    expect([int.china_pp, int.china_rank, int.fell_more_than_all]).toEqual([-0.2, 2, false]);
  });
  it('median of nothing, a China without the years, no control with both years: the exact messages', () => {
    expect(() => median([])).toThrow('median: no numbers');
    expect(() => compareMacroChanges(rows, 'CHN', 2015, 2020)).toThrow(
      'compareMacroChanges: China (CHN) lacks 2015 or 2020 (got "CHN")',
    );
    expect(() => compareMacroChanges(rows.slice(0, 2), 'CHN', 2015, 2023)).toThrow(
      'compareMacroChanges: no control economy has both 2015 and 2023 (got ["CHN"])',
    );
  });
});

describe('importedMacro: a reporter folder with annual HS6 data (hand-computed)', () => {
  // Korea's GDP 2015 in the shipped file: 1,466,038,936,206 USD. 2 % of it in 848620 (lithography tools, BEC 41,
  // a capital good) and 1 % in 848690 (their parts, BEC 42, an intermediate); 2010 has no GDP in the file
  const HEAD = '# test data, values made up\nyear,hs6,revision,value_usd\n';
  const folder = (body: string): string => {
    const dir = tempDir('controls-macro-');
    fs.writeFileSync(path.join(dir, 'comtrade-annual-hs6-HS2012.csv'), HEAD + body);
    return dir;
  };
  it("the shares of the reporter's own GDP, for the years the GDP file has", () => {
    const dir = folder('2010,848620,HS2012,5\n2015,848620,HS2012,29320778724.12\n2015,848690,HS2012,14660389362.06\n');
    expect(importedMacro('410', 'KOR', dir)).toEqual([
      { economy: 'KOR', year: 2015, capital_pct: 2, intermediate_pct: 1 },
    ]);
  });
  it('undefined without data, without GDP for the economy, or without a year the GDP file has', () => {
    expect(importedMacro('410', 'KOR', tempDir('controls-macro-'))).toBeUndefined();
    expect(importedMacro('490', 'TWN', folder('2015,848620,HS2012,5\n'))).toBeUndefined();
    expect(importedMacro('410', 'KOR', folder('2010,848620,HS2012,5\n'))).toBeUndefined();
  });
});
