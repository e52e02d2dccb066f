import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
/** The teaching helpers beside steps 03 and 04 (lib/steps/indices-teaching.ts, lib/steps/partition-teaching.ts). */
import { codeFamilies, workedExample } from '../../../lib/steps/indices-teaching.js';
import { bandText, impliedBands, partitionMoves, partitionSideBySide, printedBandText, printedGap, PRINTED_BANDS } from '../../../lib/steps/partition-teaching.js';
import { loadPublished } from '../../../lib/io/published.js';
import { growthIndex, volatilityIndex } from '../../../lib/steps/indices.js';
import { StudyError } from '../../../lib/core/errors.js';
import type { PartitionRow } from '../../../lib/steps/partition.js';

describe('workedExample', () => {
  it('writes out the arithmetic of a 3-period series (hand-computed)', () => {
    const ex = workedExample([100, 110, 130], ['2015', '2016', '2017'], { weights: 'linear', base: 'first', sd: 'population' });
    // base 100; X' = 0, 0.1, 0.3; w = 1, 2, 3; w·X' = 0, 0.2, 0.9
    expect(ex.base).toBe(100);
    expect(ex.rows.map((r) => r.Xprime)).toEqual([0, 0.1, 0.3].map((v) => expect.closeTo(v, 12)));
    expect(ex.rows.map((r) => r.w)).toEqual([1, 2, 3]);
    expect(ex.sumW).toBe(6);
    expect(ex.sumWXprime).toBeCloseTo(1.1, 12);
    expect(ex.G).toBeCloseTo(1.1 / 6, 12);
    // mean 340/3; deviations −13.33, −3.33, 16.67; squares 177.78 + 11.11 + 277.78 = 466.67; /3 → 155.56; sd 12.472
    expect(ex.mean).toBeCloseTo(340 / 3, 10);
    expect(ex.sumDevSq).toBeCloseTo(1400 / 3, 8);
    expect(ex.divisor).toBe(3);
    expect(ex.V).toBeCloseTo(Math.sqrt(1400 / 9) / (340 / 3), 12);
  });

  it('uses T − 1 for the sample SD and averages the base over k periods', () => {
    const ex = workedExample([2, 4, 9], ['a', 'b', 'c'], { weights: 'uniform', base: { meanOfFirst: 2 }, sd: 'sample' });
    expect(ex.base).toBe(3); // (2 + 4) / 2
    expect(ex.G).toBeCloseTo((-1 / 3 + 1 / 3 + 2) / 3, 12); // X' = −1/3, 1/3, 2
    expect(ex.divisor).toBe(2);
    expect(ex.sd).toBeCloseTo(Math.sqrt(((2 - 5) ** 2 + (4 - 5) ** 2 + (9 - 5) ** 2) / 2), 12);
  });

  it('agrees with the library kernels (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 1e9, noNaN: true }), { minLength: 2, maxLength: 40 }), fc.constantFrom('linear', 'uniform') as fc.Arbitrary<'linear' | 'uniform'>, (x, weights) => {
        const ex = workedExample(x, x.map((_, i) => String(i)), { weights, base: 'first', sd: 'sample' });
        expect(ex.G).toBeCloseTo(growthIndex(x, { weights, base: 'first' }), 6);
        expect(ex.V).toBeCloseTo(volatilityIndex(x, 'sample'), 9);
      }),
      { numRuns: 100 },
    );
  });

  it('exponential weights end at 1', () => {
    const ex = workedExample([1, 2, 3], ['a', 'b', 'c'], { weights: { exponential: Math.log(2) } });
    expect(ex.rows.map((r) => r.w)).toEqual([0.25, 0.5, 1].map((v) => expect.closeTo(v, 12)));
  });

  it('rejects bad input', () => {
    expect(() => workedExample([], [])).toThrow(StudyError);
    expect(() => workedExample([1, 2], ['a'])).toThrow(/period labels/);
    expect(() => workedExample([1, NaN], ['a', 'b'])).toThrow(/finite/);
    expect(() => workedExample([1, -2], ['a', 'b'])).toThrow(/≥ 0/);
    expect(() => workedExample([0, 2], ['a', 'b'])).toThrow(/base is zero/);
    expect(() => workedExample([1, 2], ['a', 'b'], { base: { meanOfFirst: 3 } })).toThrow(/base needs 3/);
    expect(() => workedExample([1], ['a'], { sd: 'sample' })).toThrow(/at least 2/);
    expect(() => workedExample([1, 2], ['a', 'b'], { weights: [1] })).toThrow(/one per period/);
  });
});

describe('codeFamilies', () => {
  const panel = {
    months: ['2016-11', '2016-12', '2017-01', '2017-02'],
    codes: ['85423100', '85423111', '85423119', '85423300'],
    values: [
      Float64Array.of(10, 12, NaN, NaN),
      Float64Array.of(NaN, NaN, 7, 8),
      Float64Array.of(NaN, NaN, 4, 5),
      Float64Array.of(1, 2, 3, 4),
    ],
  };
  const bridges = [
    { old_code: '85423100', new_code: '85423111', year_changed: 2017 },
    { old_code: '85423100', new_code: '85423119', year_changed: 2017 },
  ];
  it('joins a pre-split code and its successors into one continuous series', () => {
    const f = codeFamilies(panel, panel.codes, bridges);
    expect(f.codes).toEqual(['85423111+85423119', '85423300']);
    expect(Array.from(f.values[0])).toEqual([10, 12, 11, 13]);
    expect(Array.from(f.values[1])).toEqual([1, 2, 3, 4]);
    expect(f.members[0]).toEqual(['85423100', '85423111', '85423119']);
  });
  it('without bridges the codes keep their gaps', () => {
    const f = codeFamilies(panel, panel.codes, []);
    expect(f.codes).toEqual(panel.codes);
    expect(Number.isNaN(f.values[0][2])).toBe(true);
  });
  it('rejects a code not in the panel and a negative value', () => {
    expect(() => codeFamilies(panel, ['99999999'], bridges)).toThrow(/not in the panel/);
    const bad = { ...panel, values: [Float64Array.of(-1, 0, 0, 0), ...panel.values.slice(1)] };
    expect(() => codeFamilies(bad, panel.codes, bridges)).toThrow(/finite and ≥ 0/);
  });
});

describe('bandText / impliedBands', () => {
  it('states the closed rule', () => {
    expect(bandText('G', 'high')).toBe('G > 0.5');
    expect(bandText('G', 'low')).toBe('G ≤ 0.5');
    expect(bandText('V', 'high')).toBe('V > 0.3');
    expect(bandText('V', 'medium')).toBe('0.24 ≤ V ≤ 0.3');
    expect(bandText('V', 'low', { volatilityMedium: 0.23 })).toBe('V < 0.23');
    expect(() => bandText('G', 'medium')).toThrow(StudyError);
  });
  it('checks our indices against the published cell', () => {
    const pub = [
      { group_id: 2, group: 'ICs', growth: 'high' as const, volatility: 'medium' as const },
      { group_id: 9, group: 'Fluid', growth: 'high' as const, volatility: 'low' as const },
    ];
    const rows = impliedBands(pub, [{ group_id: 9, G: 0.617, V: 0.204 }, { group_id: 2, G: 0.5, V: 0.31 }]);
    expect(rows.map((r) => r.group_id)).toEqual([2, 9]);
    expect(rows[0]).toMatchObject({ gInside: false, vInside: false, gMargin: 0, printedGap: 'G = 0.5: in no printed band' });
    expect(rows[0]).toMatchObject({ printedGrowth: 'High Growth (G > 0.5)', printedVolatility: 'Medium Volatility (0.24 ≤ V < 0.3)' });
    expect(rows[0].vMargin).toBeCloseTo(-0.01, 12);
    expect(rows[1]).toMatchObject({ gInside: true, vInside: true, growthRange: 'G > 0.5', volatilityRange: 'V < 0.24', printedVolatility: 'Low Volatility (V ≤ 0.23)', printedGap: '' });
    expect(rows[1].gMargin).toBeCloseTo(0.117, 12);
    // from the printed cut 0.23 (V ≤ 0.23), not from the closed rule's 0.24: 0.23 − 0.204
    expect(rows[1].vMargin).toBeCloseTo(0.026, 12);
    // a V in the printed gap is inside the low band of the closed rule, outside every printed band
    const gap = impliedBands(pub, [{ group_id: 9, G: 0.9, V: 0.235 }, { group_id: 2, G: 0.9, V: 0.3 }]);
    expect(gap[1]).toMatchObject({ vInside: true, printedGap: 'in the printed gap 0.23 < V < 0.24' });
    expect(gap[1].vMargin).toBeCloseTo(-0.005, 12);
    expect(gap[0]).toMatchObject({ vInside: true, vMargin: 0, printedGap: 'V = 0.3: in no printed band' });
    expect(() => impliedBands(pub, [{ group_id: 2, G: 1, V: 0.2 }])).toThrow(/no indices/);
    expect(() => impliedBands(pub, [{ group_id: 2, G: NaN, V: 0.2 }, { group_id: 9, G: 1, V: 0.2 }])).toThrow(/finite/);
  });
});

describe('printed bands', () => {
  it('are the as_printed texts of published.json, verbatim', () => {
    const printed = new Set(loadPublished().thresholds.map((t) => t.as_printed));
    for (const text of [...Object.values(PRINTED_BANDS.growth), ...Object.values(PRINTED_BANDS.volatility)]) expect(printed.has(text)).toBe(true);
    const value = (id: string) => loadPublished().thresholds.find((t) => t.id === id)!.value;
    expect(PRINTED_BANDS.cuts).toEqual({ growth: value('growth_high'), volatilityHigh: value('volatility_high'), volatilityMediumFrom: value('volatility_medium_from'), volatilityLowTo: value('volatility_low') });
    expect(printedBandText('G', 'low')).toBe('Low Growth (G < 0.5)');
    expect(() => printedBandText('G', 'medium')).toThrow(StudyError);
  });
  it('name the gaps the printed bands leave', () => {
    expect(printedGap('G', 0.5)).toMatch(/no printed band/);
    expect(printedGap('G', 0.5000001)).toBe('');
    expect(printedGap('V', 0.23)).toBe('');
    expect(printedGap('V', 0.2300001)).toMatch(/gap/);
    expect(printedGap('V', 0.24)).toBe('');
    expect(printedGap('V', 0.3)).toMatch(/no printed band/);
    expect(() => printedGap('V', NaN)).toThrow(StudyError);
  });
});

describe('partitionSideBySide / partitionMoves', () => {
  const row = (group_id: number, G: number, V: number, growth: 'high' | 'low', volatility: 'high' | 'medium' | 'low', pattern: PartitionRow['pattern']) => ({
    group_id,
    group: `g${group_id}`,
    G,
    V,
    growth,
    volatility,
    pattern,
  });
  const ours = [row(2, 0.6, 0.27, 'high', 'medium', 'stockpiling'), row(1, 0.03, 0.27, 'low', 'medium', 'substitution')];
  it('puts ours beside the published cell and pattern', () => {
    const s = partitionSideBySide(ours, [
      { group_id: 1, growth: 'low', volatility: 'medium', pattern: 'substitution' },
      { group_id: 2, growth: 'high', volatility: 'high', pattern: 'stockpiling' },
    ]);
    expect(s.map((r) => [r.group_id, r.cellAgrees, r.patternAgrees])).toEqual([
      [1, true, true],
      [2, false, true],
    ]);
    expect(s[1].oursCell).toBe('high growth, medium volatility');
    expect(s[1].publishedCell).toBe('high growth, high volatility');
    expect(() => partitionSideBySide([], [{ group_id: 1, growth: 'low', volatility: 'low', pattern: 'substitution' }])).toThrow(/missing/);
  });
  it('lists only the groups that move', () => {
    const after = [row(2, 0.6, 0.27, 'low', 'medium', 'substitution'), row(1, 0.03, 0.27, 'low', 'medium', 'substitution')];
    const m = partitionMoves(ours, after);
    expect(m).toEqual([{ group_id: 2, group: 'g2', G: 0.6, V: 0.27, cellBefore: 'high growth, medium volatility', cellAfter: 'low growth, medium volatility', patternBefore: 'stockpiling', patternAfter: 'substitution' }]);
    expect(partitionMoves(ours, ours)).toEqual([]);
    expect(() => partitionMoves(ours, after.slice(1))).toThrow(/missing/);
  });
});

import { growthVolatilityScatter, spreadScatterLabels } from '../../../lib/present/chart-specs/partition.js';

describe('spreadScatterLabels', () => {
  const rows = [
    { label: 'A', G: 0.6, V: 0.27, pattern: 'stockpiling' as const },
    { label: 'B', G: 0.65, V: 0.271, pattern: 'no effect' as const },
    { label: 'C', G: 2.5, V: 0.271, pattern: 'stockpiling' as const },
  ];
  const spec = growthVolatilityScatter(rows, { sourceNote: 'SYNTHETIC', width: 600, height: 400 });
  it('pushes colliding labels apart vertically and leaves others alone', () => {
    const out = spreadScatterLabels(spec) as any;
    const text = out.layer.find((l: any) => l.mark?.type === 'text' && l.encoding?.text?.field === 'label');
    expect(text.encoding.y.field).toBe('labelV');
    const byLabel = new Map(text.data.values.map((v: any) => [v.label, v.labelV]));
    expect(byLabel.get('A')).toBe(0.27);
    expect((byLabel.get('B') as number) - 0.27).toBeGreaterThan(0.009);
    expect(byLabel.get('C')).toBe(0.271);
    // the input spec is unchanged
    expect((spec as any).layer[3].encoding.y.field).toBe('V');
  });
  it('rejects a spec without a label layer', () => {
    expect(() => spreadScatterLabels({ layer: [] })).toThrow(StudyError);
  });
});
