/** The SYNTHETIC controls (lib/synthetic/controls.ts): deterministic, built from the common component, labelled. */
import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../../lib/io/data.js';
import { globalCycle, syntheticControls, syntheticControlsMacro } from '../../../lib/synthetic/controls.js';

const groups = loadGroups();
const months = Array.from(
  { length: 24 },
  (_, t) => `${2020 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`,
);
const china = {
  economy: 'China',
  months,
  codes: ['Polymers', 'Medicaments'],
  values: [Float64Array.from(months, (_, t) => 1000 * Math.exp(0.1 * t)), Float64Array.from(months, () => 50)],
  source: 'test',
};

describe('syntheticControls', () => {
  it('is seeded: the same seed gives the same numbers, another seed others; every series labelled SYNTHETIC', () => {
    const a = syntheticControls(china, groups, { seed: 1 });
    const b = syntheticControls(china, groups, { seed: 1 });
    const c = syntheticControls(china, groups, { seed: 2 });
    expect(a.map((e) => Array.from(e.values[0]))).toEqual(b.map((e) => Array.from(e.values[0])));
    expect(Array.from(a[0].values[0])).not.toEqual(Array.from(c[0].values[0]));
    expect(a.every((e) => e.source.startsWith('SYNTHETIC control economy'))).toBe(true);
  });
  it('without noise or drift a shared group follows China up to a level; a China-specific one follows the trend and cycle', () => {
    const [e] = syntheticControls(china, groups, { economies: 1, noise: 0, shared: [12] });
    // Polymers (12) in S: log Y − log X is constant up to rounding and the economy's drift d·t/12
    const ratio = Array.from(e.values[0], (y, t) => Math.log(y / china.values[0][t]));
    const slope = (ratio[23] - ratio[0]) / 23;
    ratio.forEach((r, t) => expect(r - ratio[0] - slope * t).toBeCloseTo(0, 3));
    // Medicaments (17) not in S: China is flat, the control jumps with the cycle in 2020-07 (+0.25 in logs)
    const m = e.values[1];
    expect(Math.log(m[6] / m[5])).toBeCloseTo(0.25 + 0.05 / 12 + (Math.log(m[5] / m[4]) - 0.05 / 12), 2);
  });
  it('splits a combined January–February evenly for the common path; refuses bad input', () => {
    const v = Float64Array.from(months, () => 10);
    v[12] = NaN; // 2021-01 missing
    v[13] = 20; // 2021-02 holds both
    const [e] = syntheticControls({ ...china, codes: ['Polymers'], values: [v] }, groups, {
      economies: 1,
      noise: 0,
      shared: [12],
    });
    // 2021-01 and 2021-02 both take log(20 / 2) = log 10, like their neighbours: the control has no gap and no jump
    expect(e.values[0][12] / e.values[0][11]).toBeCloseTo(1, 2);
    expect(e.values[0][13] / e.values[0][14]).toBeCloseTo(1, 2);
    expect(() => syntheticControls(china, groups, { economies: 0 })).toThrow(/1 to 26/);
    expect(() => syntheticControls({ ...china, codes: ['Nope', 'Medicaments'] }, groups)).toThrow(
      /not in the group table/,
    );
    const zero = { ...china, values: [Float64Array.from(months, () => 0), china.values[1]] };
    expect(() => syntheticControls(zero, groups, { shared: [12] })).toThrow(/must be positive/);
  });
  it('globalCycle: the boom and the bust', () => {
    expect(['2020-06', '2020-07', '2022-06', '2022-07', '2023-01', '2024-01'].map(globalCycle)).toEqual([
      0, 0.25, 0.25, 0, -0.15, 0,
    ]);
  });
});

describe('syntheticControlsMacro', () => {
  it('one row per control and year, positive shares, seeded', () => {
    const rows = [
      { year: 2015, capital_pct: 2, intermediate_pct: 6 },
      { year: 2016, capital_pct: 1.8, intermediate_pct: 5.9 },
    ];
    const a = syntheticControlsMacro(rows, { economies: 3 });
    expect(a.map((r) => `${r.economy} ${r.year}`)).toEqual([
      'Control A 2015',
      'Control A 2016',
      'Control B 2015',
      'Control B 2016',
      'Control C 2015',
      'Control C 2016',
    ]);
    expect(a.every((r) => r.capital_pct > 0 && r.intermediate_pct > 0)).toBe(true);
    expect(syntheticControlsMacro(rows, { economies: 3 })).toEqual(a);
    expect(() => syntheticControlsMacro([])).toThrow(/no rows/);
  });
});
