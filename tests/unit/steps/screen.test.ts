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
import { SCREEN_DEFAULT_CHOICES } from '../../../lib/steps/screen.js';
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
