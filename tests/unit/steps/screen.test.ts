import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seriesIndices } from '../../../lib/steps/indices.js';
import { classifyPattern, growthBand, volatilityBand } from '../../../lib/steps/partition.js';
import {
  SCREEN_SKIPPED,
  changedPatterns,
  isSemiconductorCode,
  patternCounts,
  rankCandidates,
  screenCodeList,
  screenDensity,
  screenLookup,
  screenUniverse,
} from '../../../lib/steps/screen.js';
import { SCREEN_DEFAULT_CHOICES, type ScreenResult } from '../../../lib/steps/screen.js';
import { generateUniverseAggregate } from '../../../lib/synthetic/universe.js';
import { positiveSeries } from '../../helpers/random-series.js';

const m3 = ['2015-01', '2015-02', '2015-03'];
const toyOpts = {
  choices: {
    window: ['2015-01', '2015-03'] as [string, string],
    base: 'first' as const,
    sd: 'population' as const,
    weights: 'linear' as const,
  },
};

describe('screenUniverse: hand-checked cases', () => {
  it('G and V of 1, 2, 3 (base first, weights 1..3, SD with n)', () => {
    const s = screenUniverse({ months: m3, codes: ['85423111'], values: [Float64Array.of(1, 2, 3)] }, toyOpts);
    // x' = (0, 1, 2); G = (0 + 2 + 6)/6 = 4/3; mean 2, SD sqrt(2/3) → V = sqrt(2/3)/2
    expect(s.G[0]).toBeCloseTo(4 / 3, 12);
    expect(s.V[0]).toBeCloseTo(Math.sqrt(2 / 3) / 2, 12);
    expect(s.meanUsd[0]).toBe(2);
    expect(s.pattern[0]).toBe(2); // high growth + high volatility → stockpiling
    expect(s.semiconductor[0]).toBe(1);
  });
  it('a flat series is substitution; a fast steady non-semiconductor series is no effect, a semiconductor one stockpiling', () => {
    const s = screenUniverse(
      {
        months: m3,
        codes: ['01012100', '84561100', '84861000'],
        values: [Float64Array.of(5, 5, 5), Float64Array.of(10, 16, 17), Float64Array.of(10, 16, 17)],
      },
      toyOpts,
    );
    // 84561100: x' = (0, .6, .7) → G = (0 + 1.2 + 2.1)/6 = 0.55; mean 43/3, V ≈ 0.21 → no effect
    expect(s.G[1]).toBeCloseTo(0.55, 12);
    expect(Array.from(s.pattern)).toEqual([0, 1, 2]);
    expect(patternCounts(s)).toEqual({ substitution: 1, 'no effect': 1, stockpiling: 1, skipped: 0, total: 3 });
    expect(patternCounts(s, 'semiconductor').total).toBe(1);
  });
  it('a zero base is skipped and reported, never Infinity', () => {
    const s = screenUniverse({ months: m3, codes: ['85423111'], values: [Float64Array.of(0, 2, 3)] }, toyOpts);
    expect(s.pattern[0]).toBe(SCREEN_SKIPPED);
    expect(s.skipped).toEqual([{ code: '85423111', reason: 'base is zero' }]);
    expect(Number.isNaN(s.G[0])).toBe(true);
    expect(screenLookup(s, ['85423111']).rows[0]).toMatchObject({ pattern: 'skipped', G: null, V: null });
  });
  it("zeroBase 'error' throws naming the code", () => {
    expect(() =>
      screenUniverse(
        { months: m3, codes: ['85423111'], values: [Float64Array.of(0, 2, 3)] },
        { choices: { ...toyOpts.choices, zeroBase: 'error' } },
      ),
    ).toThrow(/85423111: base is zero/);
  });
  it('bad input: negative value, NaN under missing error, bad prefix, mismatched lengths', () => {
    expect(() =>
      screenUniverse({ months: m3, codes: ['85423111'], values: [Float64Array.of(1, -2, 3)] }, toyOpts),
    ).toThrow(/finite number ≥ 0/);
    expect(() =>
      screenUniverse(
        { months: m3, codes: ['85423111'], values: [Float64Array.of(1, NaN, 3)] },
        { ...toyOpts, choices: { ...toyOpts.choices, missing: 'error' } },
      ),
    ).toThrow(/missing value/);
    expect(() =>
      screenUniverse(
        { months: m3, codes: ['85423111'], values: [Float64Array.of(1, 2, 3)] },
        { ...toyOpts, semiconductorPrefixes: ['85x'] },
      ),
    ).toThrow(/prefixes/);
    expect(() =>
      screenUniverse({ months: m3, codes: ['1', '2'], values: [Float64Array.of(1, 2, 3)] }, toyOpts),
    ).toThrow(/2 codes but 1 series/);
  });
  it('by default a missing month is left out (SCREEN_DEFAULT_CHOICES.missing = skip), and a missing base skips the code', () => {
    expect(SCREEN_DEFAULT_CHOICES.missing).toBe('skip');
    const s = screenUniverse(
      { months: m3, codes: ['01012100', '85423111'], values: [Float64Array.of(1, NaN, 3), Float64Array.of(NaN, 2, 3)] },
      toyOpts,
    );
    expect(Number.isFinite(s.G[0])).toBe(true);
    expect(s.skipped).toEqual([{ code: '85423111', reason: 'every base period is missing' }]);
  });
  it('missing months under skip go through the slow path and agree with seriesIndices', () => {
    const v = [1, NaN, 3];
    const s = screenUniverse(
      { months: m3, codes: ['01012100'], values: [Float64Array.from(v)] },
      { choices: { ...toyOpts.choices, missing: 'skip' } },
    );
    const r = seriesIndices(v, m3, { ...toyOpts.choices, missing: 'skip' });
    expect(s.G[0]).toBeCloseTo(r.G!, 12);
    expect(s.V[0]).toBeCloseTo(r.V!, 12);
  });
});

describe('screenUniverse: property — agrees with seriesIndices + the partition rules', () => {
  it('for random positive monthly series and options', () => {
    const months = Array.from(
      { length: 24 },
      (_, k) => `${2015 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`,
    );
    fc.assert(
      fc.property(
        fc.array(positiveSeries(24, 24), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('monthly' as const, 'quarterly' as const, 'annual' as const),
        fc.constantFrom('linear' as const, 'uniform' as const, { exponential: 0.05 }),
        fc.constantFrom('first' as const, { meanOfFirst: 3 }),
        fc.constantFrom('sample' as const, 'population' as const),
        fc.boolean(),
        (rows, frequency, weights, base, sd, semi) => {
          const codes = rows.map((_, k) => (semi ? '854231' : '010121') + String(k).padStart(2, '0'));
          const index = { window: ['2015-01', '2016-12'] as [string, string], frequency, weights, base, sd };
          const s = screenUniverse(
            { months, codes, values: rows.map((r) => Float64Array.from(r)) },
            { choices: index },
          );
          rows.forEach((r, k) => {
            const ref = seriesIndices(r, months, index);
            expect(s.G[k]).toBeCloseTo(ref.G!, 9);
            expect(s.V[k]).toBeCloseTo(ref.V!, 9);
            const want = classifyPattern(growthBand(ref.G!), volatilityBand(ref.V!), semi);
            expect(['substitution', 'no effect', 'stockpiling'][s.pattern[k]]).toBe(want);
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('candidates, lookup, density', () => {
  const u = generateUniverseAggregate({
    codes: Array.from({ length: 300 }, (_, k) => String(84000000 + k * 1013).padStart(8, '0')),
    seed: 7,
  });
  const s = screenUniverse(u.panel);
  it('substitution candidates: lowest G, all below the growth cut and above the minimum, sorted', () => {
    const c = rankCandidates(s, 'substitution', { n: 10, minMeanUsd: 1e5 });
    expect(c.length).toBe(10);
    for (let k = 1; k < c.length; k++) expect(c[k].G).toBeGreaterThanOrEqual(c[k - 1].G);
    for (const r of c) {
      expect(r.G).toBeLessThanOrEqual(0.5);
      expect(r.meanUsd).toBeGreaterThanOrEqual(1e5);
    }
    // nothing eligible has a lower G than the 10th
    const eligible = s.codes
      .map((_, i) => i)
      .filter((i) => s.pattern[i] !== SCREEN_SKIPPED && s.meanUsd[i] >= 1e5 && s.G[i] <= 0.5);
    expect(Math.min(...eligible.map((i) => s.G[i]))).toBe(c[0].G);
  });
  it('stockpiling candidates: highest G with V above the cut', () => {
    const c = rankCandidates(s, 'stockpiling', { n: 5 });
    for (const r of c) expect(r.V > 0.3 && r.G > 0.5).toBe(true);
    for (let k = 1; k < c.length; k++) expect(c[k].G).toBeLessThanOrEqual(c[k - 1].G);
    expect(() => rankCandidates(s, 'stockpiling', { n: 0 })).toThrow(/n must be/);
    expect(() => rankCandidates(s, 'other' as 'stockpiling')).toThrow(/kind/);
  });
  it('lookup lists absent codes and keeps order of first appearance', () => {
    const l = screenLookup(s, [s.codes[3], '99999999', s.codes[1], s.codes[3]]);
    expect(l.rows.map((r) => r.code)).toEqual([s.codes[3], s.codes[1]]);
    expect(l.absent).toEqual(['99999999']);
  });
  it('density counts every classified code once', () => {
    const d = screenDensity(s, { gBins: 8, vBins: 5, gRange: [-1, 2], vRange: [0, 1] });
    expect(d.cells.reduce((a, c) => a + c.count, 0)).toBe(d.classified);
    expect(d.cells.length).toBeLessThanOrEqual(40);
    expect(() => screenDensity(s, { gBins: 0 })).toThrow(/bins/);
  });
  it('changedPatterns: 0 for the same screen, counts differences otherwise', () => {
    expect(changedPatterns(s, s)).toBe(0);
    const noSemi = screenUniverse(u.panel, { choices: { semiconductorRule: false } });
    expect(changedPatterns(s, noSemi)).toBe(0); // no 8486/8541/8542 codes among 84000000..84302…
    const strict = screenUniverse(u.panel, { choices: { growth: 0.9 } });
    let n = 0;
    for (let i = 0; i < s.codes.length; i++) if (s.pattern[i] !== strict.pattern[i]) n++;
    expect(changedPatterns(s, strict)).toBe(n);
  });
  it('isSemiconductorCode', () => {
    expect(isSemiconductorCode('85423111')).toBe(true);
    expect(isSemiconductorCode('84861000')).toBe(true);
    expect(isSemiconductorCode('85411000')).toBe(true);
    expect(isSemiconductorCode('85444211')).toBe(false);
    expect(isSemiconductorCode('85444211', ['8544'])).toBe(true);
  });
});

describe('screenCodeList', () => {
  it('reads the full 2023 list of China Customs (8,957 codes), sorted and distinct', () => {
    const l = screenCodeList(2023);
    expect(l.year).toBe(2023);
    expect(l.codes.length).toBe(8957);
    expect(new Set(l.codes).size).toBe(8957);
    expect([...l.codes].sort()).toEqual(l.codes);
    expect(l.note).toMatch(/^All 8,957 HS8 codes of China Customs' 2023 code list/);
  });
  it('a year without a list is an error naming it', () => {
    expect(() => screenCodeList(2014)).toThrow(/loadCodeList.*2014/);
  });
});

/** A hand-made screen (default thresholds: growth 0.5, volatilityHigh 0.3); a row with G NaN is skipped. */
function handScreen(rows: { code: string; G: number; V: number; mean?: number; semi?: boolean }[]): ScreenResult {
  return {
    codes: rows.map((r) => r.code),
    G: Float64Array.from(rows, (r) => r.G),
    V: Float64Array.from(rows, (r) => r.V),
    meanUsd: Float64Array.from(rows, (r) => r.mean ?? 100),
    pattern: Uint8Array.from(rows, (r) =>
      Number.isNaN(r.G) ? SCREEN_SKIPPED : r.G <= 0.5 ? 0 : r.V > 0.3 || r.semi ? 2 : 1,
    ),
    semiconductor: Uint8Array.from(rows, (r) => (r.semi ? 1 : 0)),
    skipped: [],
    choices: { ...SCREEN_DEFAULT_CHOICES },
    semiconductorPrefixes: [],
    elapsedMs: 0,
  };
}

const v3 = (...x: number[]) => Float64Array.from(x);

describe('screenUniverse: option and input errors, exact messages', () => {
  const one = { months: m3, codes: ['85423111'], values: [v3(1, 2, 3)] };
  it('a prefix must be a string of 1–8 digits (anchored at both ends; a number is not a string)', () => {
    expect(() => screenUniverse(one, { ...toyOpts, semiconductorPrefixes: ['x85'] })).toThrow(
      'screenUniverse: semiconductor prefixes must be 1–8 digits (got "x85")',
    );
    expect(() => screenUniverse(one, { ...toyOpts, semiconductorPrefixes: [8542 as unknown as string] })).toThrow(
      'screenUniverse: semiconductor prefixes must be 1–8 digits (got 8542)',
    );
  });
  it('a base longer than the window is an error; a base as long as the window is fine', () => {
    expect(() => screenUniverse(one, { choices: { ...toyOpts.choices, base: { meanOfFirst: 4 } } })).toThrow(
      'screenUniverse: the base needs 4 periods but the window has 3 (got {"meanOfFirst":4})',
    );
    // base = mean(1, 2, 3) = 2; weighted mean (1 + 4 + 9)/6 = 7/3 → G = (7/3 − 2)/2 = 1/6
    const s = screenUniverse(one, { choices: { ...toyOpts.choices, base: { meanOfFirst: 3 } } });
    expect(s.G[0]).toBeCloseTo(1 / 6, 12);
  });
  it('months that are not contiguous are an error even when every value is clean', () => {
    expect(() =>
      screenUniverse(
        { months: ['2015-01', '2015-03', '2015-04'], codes: ['85423111'], values: [v3(1, 2, 3)] },
        toyOpts,
      ),
    ).toThrow('prepareSeries: months must be contiguous and ascending (got ["2015-01", "2015-04"])');
  });
  it('every code is checked, not only the first: negative, infinite, all-missing values and a wrong length', () => {
    const two = (second: Float64Array) =>
      screenUniverse({ months: m3, codes: ['01012100', '84561100'], values: [v3(1, 2, 3), second] }, toyOpts);
    expect(() => two(v3(-1, -2, -3))).toThrow(
      'prepareSeries: 84561100: value in 2015-01 must be a finite number ≥ 0 (got -1)',
    );
    expect(() => two(v3(Infinity, Infinity, Infinity))).toThrow(
      'prepareSeries: 84561100: value in 2015-01 must be a finite number ≥ 0 (got Infinity)',
    );
    expect(() => two(v3(NaN, NaN, NaN))).toThrow('prepareSeries: 84561100: every month in the window is missing');
    expect(() => two(v3(1, 2, 3, 4))).toThrow('prepareSeries: 84561100: 4 values for 3 months (got "84561100")');
  });
  it('an empty panel gives an empty screen', () => {
    for (const months of [[], m3]) {
      const s = screenUniverse({ months, codes: [], values: [] }, toyOpts);
      expect(s.codes).toEqual([]);
      expect(s.G.length).toBe(0);
      expect(patternCounts(s)).toEqual({ substitution: 0, 'no effect': 0, stockpiling: 0, skipped: 0, total: 0 });
    }
  });
});

describe('screenUniverse: values, offsets and skip reasons', () => {
  it('a window that starts after the first month reads the window, not the first months', () => {
    // months 2014-12..2015-03, window 2015-01..2015-03 → x = (1, 2, 3) as in the hand-checked case
    const s = screenUniverse({ months: ['2014-12', ...m3], codes: ['85423111'], values: [v3(50, 1, 2, 3)] }, toyOpts);
    expect(s.G[0]).toBeCloseTo(4 / 3, 12);
    expect(s.meanUsd[0]).toBe(2);
  });
  it('a plain number array from untyped callers gives the same indices as a Float64Array', () => {
    const plain = [1, 2, 3] as unknown as Float64Array;
    const s = screenUniverse({ months: m3, codes: ['85423111'], values: [plain] }, toyOpts);
    expect(s.G[0]).toBeCloseTo(4 / 3, 12);
    expect(s.V[0]).toBeCloseTo(Math.sqrt(2 / 3) / 2, 12);
  });
  it('the mean imports leave missing months out', () => {
    const s = screenUniverse(
      { months: m3, codes: ['01012100'], values: [v3(1, NaN, 3)] },
      { choices: { ...toyOpts.choices, missing: 'skip' } },
    );
    expect(s.meanUsd[0]).toBe(2);
  });
  it('a January reported as 0 with a large February is a combined Jan–Feb, as in seriesIndices', () => {
    const months = ['2019-12', '2020-01', '2020-02', '2020-03'];
    const choices = {
      ...toyOpts.choices,
      window: ['2019-12', '2020-03'] as [string, string],
      missing: 'skip' as const,
    };
    for (const v of [
      [100, 0, 210, 100],
      [100, NaN, 210, 100],
    ]) {
      const s = screenUniverse({ months, codes: ['01012100'], values: [Float64Array.from(v)] }, { choices });
      const r = seriesIndices(v, months, choices);
      expect(r.G).toBeCloseTo(0.025, 12);
      expect(s.G[0]).toBeCloseTo(r.G!, 12);
      expect(s.V[0]).toBeCloseTo(r.V!, 12);
    }
  });
  it('a combined Jan–Feb is found beside an ordinary January of another year', () => {
    // 2019-01..2020-03, 100 a month but January 2020 0 and February 210: 2019's January share 100 / 200 = 0.5
    // splits 210 into 105 + 105. Window 2019-12..2020-03: x = (100, 105, 105, 100), base 100, X' = (0, .05, .05, 0),
    // weights 1..4: G = (2 · 0.05 + 3 · 0.05) / 10 = 0.025 (read as it is, (100, 0, 210, 100) would give 0.13)
    const months = [
      ...Array.from({ length: 12 }, (_, k) => `2019-${String(k + 1).padStart(2, '0')}`),
      ...m3.map((m) => m.replace('2015', '2020')),
    ];
    const v = months.map((m) => (m === '2020-01' ? 0 : m === '2020-02' ? 210 : 100));
    const choices = {
      ...toyOpts.choices,
      window: ['2019-12', '2020-03'] as [string, string],
      missing: 'skip' as const,
    };
    const s = screenUniverse({ months, codes: ['01012100'], values: [Float64Array.from(v)] }, { choices });
    expect(s.G[0]).toBeCloseTo(0.025, 12);
    expect(s.G[0]).toBeCloseTo(seriesIndices(v, months, choices).G!, 12);
  });
  it('skip reasons: one period with a sample SD, too few periods for the detrended V, population with one period', () => {
    const skipOne = (choices: object, values: Float64Array) =>
      screenUniverse(
        { months: m3, codes: ['01012100'], values: [values] },
        { choices: { ...toyOpts.choices, missing: 'skip', ...choices } },
      );
    const a = skipOne({ sd: 'sample' }, v3(1, NaN, NaN));
    expect(a.skipped).toEqual([{ code: '01012100', reason: 'fewer than 2 periods for a sample SD' }]);
    expect(a.pattern[0]).toBe(SCREEN_SKIPPED);
    expect(Number.isNaN(a.G[0]) && Number.isNaN(a.V[0])).toBe(true);
    // the detrended V needs 3 periods with a sample SD: 2 periods → not finite (not "fewer than 2")
    const b = skipOne({ sd: 'sample', volatility: 'detrended' }, v3(1, NaN, 3));
    expect(b.skipped).toEqual([{ code: '01012100', reason: 'indices not finite' }]);
    const c = skipOne({ sd: 'population', volatility: 'detrended' }, v3(1, NaN, NaN));
    expect(c.skipped).toEqual([{ code: '01012100', reason: 'indices not finite' }]);
  });
  it('elapsedMs is the time the screen took', () => {
    const before = performance.now();
    const s = screenUniverse({ months: m3, codes: ['85423111'], values: [v3(1, 2, 3)] }, toyOpts);
    const took = performance.now() - before;
    expect(s.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(s.elapsedMs).toBeLessThanOrEqual(took);
  });
});

describe('patternCounts: the other codes and the skipped ones', () => {
  it('counts per pattern over other (non-semiconductor) codes, and skipped codes apart', () => {
    const s = screenUniverse(
      {
        months: m3,
        codes: ['01012100', '84561100', '84861000', '85423111'],
        values: [v3(5, 5, 5), v3(10, 16, 17), v3(10, 16, 17), v3(0, 2, 3)],
      },
      toyOpts,
    );
    expect(patternCounts(s, 'other')).toEqual({
      substitution: 1,
      'no effect': 1,
      stockpiling: 0,
      skipped: 0,
      total: 2,
    });
    expect(patternCounts(s, 'semiconductor')).toEqual({
      substitution: 0,
      'no effect': 0,
      stockpiling: 1,
      skipped: 1,
      total: 2,
    });
    expect(patternCounts(s)).toEqual({ substitution: 1, 'no effect': 1, stockpiling: 1, skipped: 1, total: 4 });
  });
});

describe('rankCandidates on a hand-made screen', () => {
  const r = handScreen([
    { code: '18', G: 0.2, V: 0.2 },
    { code: '10', G: 0.9, V: 0.6 },
    { code: '16', G: 0.2, V: 0.1, mean: 50 },
    { code: '11', G: 0.5, V: 0.5 },
    { code: '12', G: 0.8, V: 0.3 },
    { code: '13', G: 0.8, V: 0.1 },
    { code: '14', G: 0.2, V: 0.9, semi: true },
    { code: '15', G: NaN, V: NaN },
    { code: '17', G: 1.5, V: 0.9, semi: true },
  ]);
  const row = (rank: number, code: string, G: number, V: number, meanUsd: number, pattern: string, semi: boolean) => ({
    rank,
    code,
    G,
    V,
    meanUsd,
    pattern,
    semiconductor: semi,
  });
  it('substitution: G at or below the growth cut, skipped codes out, ascending G, ties by code', () => {
    expect(rankCandidates(r, 'substitution')).toEqual([
      row(1, '14', 0.2, 0.9, 100, 'substitution', true),
      row(2, '16', 0.2, 0.1, 50, 'substitution', false),
      row(3, '18', 0.2, 0.2, 100, 'substitution', false),
      row(4, '11', 0.5, 0.5, 100, 'substitution', false),
    ]);
  });
  it('the minimum mean is inclusive; n = 1 gives one row', () => {
    expect(rankCandidates(r, 'substitution', { minMeanUsd: 50 }).map((c) => c.code)).toEqual(['14', '16', '18', '11']);
    expect(rankCandidates(r, 'substitution', { minMeanUsd: 51 }).map((c) => c.code)).toEqual(['14', '18', '11']);
    expect(rankCandidates(r, 'substitution', { n: 1 }).map((c) => c.code)).toEqual(['14']);
  });
  it('stockpiling: G and V both strictly above their cuts, descending G', () => {
    expect(rankCandidates(r, 'stockpiling')).toEqual([
      row(1, '17', 1.5, 0.9, 100, 'stockpiling', true),
      row(2, '10', 0.9, 0.6, 100, 'stockpiling', false),
    ]);
  });
  it('ties in G are broken by code whatever the input order', () => {
    const t = handScreen([
      { code: '3', G: 0.1, V: 0.1 },
      { code: '1', G: 0.1, V: 0.1 },
      { code: '4', G: 0.1, V: 0.1 },
      { code: '2', G: 0.1, V: 0.1 },
    ]);
    expect(rankCandidates(t, 'substitution').map((c) => c.code)).toEqual(['1', '2', '3', '4']);
  });
  it('bad options: exact messages', () => {
    expect(() => rankCandidates(r, 'stockpiling', { n: 0 })).toThrow(
      'rankCandidates: n must be a positive integer (got 0)',
    );
    for (const m of [-1, Infinity, NaN])
      expect(() => rankCandidates(r, 'stockpiling', { minMeanUsd: m })).toThrow(
        `rankCandidates: minMeanUsd must be a finite number ≥ 0 (got ${m})`,
      );
  });
});

describe('screenLookup: rows of classified codes', () => {
  it('gives G, V, pattern and the semiconductor flag of each code', () => {
    const h = handScreen([
      { code: '85423111', G: 0.9, V: 0.1, semi: true },
      { code: '01012100', G: 0.2, V: 0.4 },
    ]);
    expect(screenLookup(h, ['85423111', '01012100']).rows).toEqual([
      { code: '85423111', G: 0.9, V: 0.1, meanUsd: 100, pattern: 'stockpiling', semiconductor: true },
      { code: '01012100', G: 0.2, V: 0.4, meanUsd: 100, pattern: 'substitution', semiconductor: false },
    ]);
  });
});

describe('screenDensity on a hand-made screen', () => {
  // gRange [-1, 3] in 2 bins of 2, vRange [1, 5] in 2 bins of 2: a = ⌊(G + 1)/2⌋, b = ⌊(V − 1)/2⌋
  const d = handScreen([
    { code: 'A', G: -1, V: 1 }, // (0, 0) on the low edges: inside
    { code: 'B', G: 1.5, V: 2 }, // (1, 0)
    { code: 'C', G: 3, V: 3 }, // a = 2 = gBins → clamped to (1, 1)
    { code: 'D', G: -2, V: 4 }, // a = −1 → clamped to (0, 1)
    { code: 'E', G: 0, V: 0 }, // b = −1 → clamped to (0, 0)
    { code: 'F', G: NaN, V: NaN }, // skipped: not counted
    { code: 'G', G: 2, V: 5 }, // b = 2 = vBins → clamped to (1, 1)
  ]);
  const opts = { gBins: 2, vBins: 2, gRange: [-1, 3] as [number, number], vRange: [1, 5] as [number, number] };
  it('cells with their bounds and counts, the clamped and the classified codes', () => {
    expect(screenDensity(d, opts)).toEqual({
      cells: [
        { G0: -1, G1: 1, V0: 1, V1: 3, count: 2 },
        { G0: -1, G1: 1, V0: 3, V1: 5, count: 1 },
        { G0: 1, G1: 3, V0: 1, V1: 3, count: 1 },
        { G0: 1, G1: 3, V0: 3, V1: 5, count: 2 },
      ],
      clamped: 4,
      classified: 6,
    });
  });
  it('one bin each way holds every classified code', () => {
    expect(screenDensity(d, { ...opts, gBins: 1, vBins: 1 }).cells).toEqual([
      { G0: -1, G1: 3, V0: 1, V1: 5, count: 6 },
    ]);
  });
  it('default ranges: G from −1 to 3 in 40 bins, V from 0 to 1.5 in 30 bins', () => {
    const x = screenDensity(handScreen([{ code: 'A', G: 0.05, V: 0.125 }]));
    expect(x.clamped).toBe(0);
    expect(x.cells.length).toBe(1);
    const c = x.cells[0];
    expect([c.G0, c.G1, c.V0, c.V1].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([0, 0.1, 0.1, 0.15]);
  });
  it('bad bins or ranges: exact messages', () => {
    expect(() => screenDensity(d, { vBins: 0 })).toThrow('screenDensity: bins must be positive integers (got [40, 0])');
    expect(() => screenDensity(d, { gRange: [1, 1] })).toThrow(
      'screenDensity: ranges must be finite [low, high] with low < high (got [[1, 1], undefined])',
    );
    expect(() => screenDensity(d, { vRange: [1, 1] })).toThrow(
      'screenDensity: ranges must be finite [low, high] with low < high (got [undefined, [1, 1]])',
    );
    expect(() => screenDensity(d, { gRange: [0, Infinity] })).toThrow(
      'screenDensity: ranges must be finite [low, high] with low < high (got [[0, Infinity], undefined])',
    );
  });
});

describe('changedPatterns: the screens must cover the same codes', () => {
  const a = handScreen([
    { code: '1', G: 0.2, V: 0.1 },
    { code: '2', G: 0.9, V: 0.1 },
  ]);
  it('counts the codes whose pattern differs', () => {
    const b = handScreen([
      { code: '1', G: 0.9, V: 0.9 },
      { code: '2', G: 0.9, V: 0.1 },
    ]);
    expect(changedPatterns(a, b)).toBe(1);
  });
  it('a different length or a different code is an error', () => {
    expect(() => changedPatterns(a, handScreen([{ code: '1', G: 0.2, V: 0.1 }]))).toThrow(
      'changedPatterns: the two screens must cover the same codes in the same order (got [2, 1])',
    );
    expect(() => changedPatterns(handScreen([{ code: '1', G: 0.2, V: 0.1 }]), a)).toThrow(
      'changedPatterns: the two screens must cover the same codes in the same order (got [1, 2])',
    );
    const c = handScreen([
      { code: '1', G: 0.2, V: 0.1 },
      { code: '3', G: 0.9, V: 0.1 },
    ]);
    expect(() => changedPatterns(a, c)).toThrow(
      'changedPatterns: the two screens must cover the same codes in the same order (got [2, 2])',
    );
  });
});
