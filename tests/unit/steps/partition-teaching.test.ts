/** The teaching helpers beside step 04 (lib/steps/partition-teaching.ts): band texts, implied bands, the printed bands and their gaps, ours beside the published partition, the groups that move. */
import { describe, expect, it } from 'vitest';
import {
  bandText,
  impliedBands,
  partitionMoves,
  partitionSideBySide,
  printedBandText,
  printedGap,
  PRINTED_BANDS,
} from '../../../lib/steps/partition-teaching.js';
import { loadPublished } from '../../../lib/io/published.js';
import type { GrowthBand, PartitionRow, VolatilityBand } from '../../../lib/steps/partition.js';

/** The message of the error `f` throws (fails the test when it throws none). */
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('bandText / impliedBands', () => {
  it('states the closed rule', () => {
    expect(bandText('G', 'high')).toBe('G > 0.5');
    expect(bandText('G', 'low')).toBe('G ≤ 0.5');
    expect(bandText('V', 'high')).toBe('V > 0.3');
    expect(bandText('V', 'medium')).toBe('0.24 ≤ V ≤ 0.3');
    expect(bandText('V', 'low', { volatilityMedium: 0.23 })).toBe('V < 0.23');
  });
  it('refuses a band its index does not have, naming the index and the band', () => {
    expect(errorOf(() => bandText('G', 'medium'))).toBe('bandText: unknown band for G (got "medium")');
    expect(errorOf(() => bandText('V', 'extreme' as VolatilityBand))).toBe(
      'bandText: unknown band for V (got "extreme")',
    );
  });
  it('checks our indices against the published cell', () => {
    const pub = [
      { group_id: 2, group: 'ICs', growth: 'high' as const, volatility: 'medium' as const },
      { group_id: 9, group: 'Fluid', growth: 'high' as const, volatility: 'low' as const },
    ];
    const rows = impliedBands(pub, [
      { group_id: 9, G: 0.617, V: 0.204 },
      { group_id: 2, G: 0.5, V: 0.31 },
    ]);
    expect(rows.map((r) => r.group_id)).toEqual([2, 9]);
    expect(rows[0]).toMatchObject({
      gInside: false,
      vInside: false,
      gMargin: 0,
      printedGap: 'G = 0.5: in no printed band',
    });
    expect(rows[0]).toMatchObject({
      printedGrowth: 'High Growth (G > 0.5)',
      printedVolatility: 'Medium Volatility (0.24 ≤ V < 0.3)',
    });
    expect(rows[0].vMargin).toBeCloseTo(-0.01, 12);
    expect(rows[1]).toMatchObject({
      gInside: true,
      vInside: true,
      growthRange: 'G > 0.5',
      volatilityRange: 'V < 0.24',
      printedVolatility: 'Low Volatility (V ≤ 0.23)',
      printedGap: '',
    });
    expect(rows[1].gMargin).toBeCloseTo(0.117, 12);
    // from the printed cut 0.23 (V ≤ 0.23), not from the closed rule's 0.24: 0.23 − 0.204
    expect(rows[1].vMargin).toBeCloseTo(0.026, 12);
    // a V in the printed gap is inside the low band of the closed rule, outside every printed band
    const gap = impliedBands(pub, [
      { group_id: 9, G: 0.9, V: 0.235 },
      { group_id: 2, G: 0.9, V: 0.3 },
    ]);
    expect(gap[1]).toMatchObject({ vInside: true, printedGap: 'in the printed gap 0.23 < V < 0.24' });
    expect(gap[1].vMargin).toBeCloseTo(-0.005, 12);
    expect(gap[0]).toMatchObject({ vInside: true, vMargin: 0, printedGap: 'V = 0.3: in no printed band' });
  });
  it('measures V from the printed cut that bounds its band: above 0.3 for high, the nearer of 0.24 and 0.3 for medium', () => {
    const pub = [
      { group_id: 1, group: 'a', growth: 'high' as const, volatility: 'high' as const },
      { group_id: 2, group: 'b', growth: 'high' as const, volatility: 'medium' as const },
    ];
    const rows = impliedBands(pub, [
      { group_id: 1, G: 0.9, V: 0.35 },
      { group_id: 2, G: 0.9, V: 0.25 },
    ]);
    expect(rows[0].vMargin).toBeCloseTo(0.05, 12); // 0.35 − 0.3
    expect(rows[1].vMargin).toBeCloseTo(0.01, 12); // 0.25 − 0.24 (nearer than 0.3 − 0.25)
  });
  it('both a G and a V in no printed band are named, joined by "; "', () => {
    const [r] = impliedBands(
      [{ group_id: 4, group: 'x', growth: 'low', volatility: 'medium' }],
      [{ group_id: 4, G: 0.5, V: 0.3 }],
    );
    expect(r.printedGap).toBe('G = 0.5: in no printed band; V = 0.3: in no printed band');
  });
  it('published groups come out by group_id whatever their order', () => {
    const pub = [9, 2, 14, 5].map((group_id) => ({
      group_id,
      group: `g${group_id}`,
      growth: 'high' as const,
      volatility: 'low' as const,
    }));
    const ours = [2, 5, 9, 14].map((group_id) => ({ group_id, G: 0.9, V: 0.1 }));
    expect(impliedBands(pub, ours).map((r) => r.group_id)).toEqual([2, 5, 9, 14]);
  });
  it('the closed rule uses the given thresholds; the margins stay measured from the printed cuts', () => {
    const [r] = impliedBands(
      [{ group_id: 3, group: 'x', growth: 'high', volatility: 'medium' }],
      [{ group_id: 3, G: 0.6, V: 0.22 }],
      { growth: 0.7, volatilityMedium: 0.2 },
    );
    expect(r).toMatchObject({
      gInside: false,
      growthRange: 'G > 0.7',
      vInside: true,
      volatilityRange: '0.2 ≤ V ≤ 0.3',
    });
    expect(r.gMargin).toBeCloseTo(0.1, 12); // |0.6 − 0.5|
    expect(r.vMargin).toBeCloseTo(-0.02, 12); // 0.22 − 0.24
  });
  it('refuses a published group without indices of ours, a G or V that is not finite, and a band not printed', () => {
    const pub = [
      { group_id: 2, group: 'ICs', growth: 'high' as const, volatility: 'medium' as const },
      { group_id: 9, group: 'Fluid', growth: 'high' as const, volatility: 'low' as const },
    ];
    expect(errorOf(() => impliedBands(pub, [{ group_id: 2, G: 1, V: 0.2 }]))).toBe(
      'impliedBands: no indices of ours for a published group (got 9)',
    );
    expect(
      errorOf(() =>
        impliedBands(pub, [
          { group_id: 2, G: NaN, V: 0.2 },
          { group_id: 9, G: 1, V: 0.2 },
        ]),
      ),
    ).toBe('impliedBands: G and V of group 2 must be finite (got [NaN, 0.2])');
    expect(
      errorOf(() =>
        impliedBands(pub, [
          { group_id: 2, G: 1, V: 0.2 },
          { group_id: 9, G: 1, V: Infinity },
        ]),
      ),
    ).toBe('impliedBands: G and V of group 9 must be finite (got [1, Infinity])');
    const ours = [{ group_id: 1, G: 1, V: 0.2 }];
    expect(
      errorOf(() =>
        impliedBands([{ group_id: 1, group: 'x', growth: 'high', volatility: 'extreme' as VolatilityBand }], ours),
      ),
    ).toBe('printedBandText: unknown band for V (got "extreme")');
    expect(
      errorOf(() =>
        impliedBands([{ group_id: 1, group: 'x', growth: 'medium' as GrowthBand, volatility: 'low' }], ours),
      ),
    ).toBe('printedBandText: unknown band for G (got "medium")');
  });
});

describe('printed bands', () => {
  it('are the as_printed texts of published.json, verbatim', () => {
    const printed = new Set(loadPublished().thresholds.map((t) => t.as_printed));
    for (const text of [...Object.values(PRINTED_BANDS.growth), ...Object.values(PRINTED_BANDS.volatility)])
      expect(printed.has(text)).toBe(true);
    const value = (id: string) => loadPublished().thresholds.find((t) => t.id === id)!.value;
    expect(PRINTED_BANDS.cuts).toEqual({
      growth: value('growth_high'),
      volatilityHigh: value('volatility_high'),
      volatilityMediumFrom: value('volatility_medium_from'),
      volatilityLowTo: value('volatility_low'),
    });
    expect(printedBandText('G', 'low')).toBe('Low Growth (G < 0.5)');
    expect(printedBandText('V', 'medium')).toBe('Medium Volatility (0.24 ≤ V < 0.3)');
  });
  it('an unknown band is an error naming the index and the band, also a name every object inherits', () => {
    expect(errorOf(() => printedBandText('G', 'medium'))).toBe('printedBandText: unknown band for G (got "medium")');
    expect(errorOf(() => printedBandText('V', 'toString' as VolatilityBand))).toBe(
      'printedBandText: unknown band for V (got "toString")',
    );
    expect(errorOf(() => printedBandText('G', 'constructor' as GrowthBand))).toBe(
      'printedBandText: unknown band for G (got "constructor")',
    );
  });
  it('name the gaps the printed bands leave', () => {
    expect(printedGap('G', 0.5)).toMatch(/no printed band/);
    expect(printedGap('G', 0.5000001)).toBe('');
    expect(printedGap('V', 0.23)).toBe('');
    expect(printedGap('V', 0.2300001)).toMatch(/gap/);
    expect(printedGap('V', 0.24)).toBe('');
    expect(printedGap('V', 0.3)).toMatch(/no printed band/);
  });
  it('a value that is not finite is an error naming the index', () => {
    expect(errorOf(() => printedGap('V', NaN))).toBe('printedGap: V must be finite (got NaN)');
    expect(errorOf(() => printedGap('G', -Infinity))).toBe('printedGap: G must be finite (got -Infinity)');
  });
});

describe('partitionSideBySide / partitionMoves', () => {
  const row = (
    group_id: number,
    G: number,
    V: number,
    growth: 'high' | 'low',
    volatility: 'high' | 'medium' | 'low',
    pattern: PartitionRow['pattern'],
  ) => ({
    group_id,
    group: `g${group_id}`,
    G,
    V,
    growth,
    volatility,
    pattern,
  });
  const ours = [
    row(2, 0.6, 0.27, 'high', 'medium', 'stockpiling'),
    row(1, 0.03, 0.27, 'low', 'medium', 'substitution'),
  ];
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
  });
  it('a group of ours in its own right has no joint field', () => {
    const [s] = partitionSideBySide(ours, [{ group_id: 2, growth: 'high', volatility: 'high', pattern: 'no effect' }]);
    expect(s).toStrictEqual({
      group_id: 2,
      group: 'g2',
      G: 0.6,
      V: 0.27,
      oursCell: 'high growth, medium volatility',
      publishedCell: 'high growth, high volatility',
      cellAgrees: false,
      oursPattern: 'stockpiling',
      publishedPattern: 'no effect',
      patternAgrees: false,
    });
  });
  it('published groups come out by group_id whatever their order', () => {
    const mine = [3, 1, 4, 2].map((id) => row(id, 0.6, 0.27, 'high', 'medium', 'stockpiling'));
    const pub = [4, 1, 3, 2].map((group_id) => ({
      group_id,
      growth: 'high' as const,
      volatility: 'medium' as const,
      pattern: 'stockpiling' as const,
    }));
    expect(partitionSideBySide(mine, pub).map((r) => r.group_id)).toEqual([1, 2, 3, 4]);
  });
  it('a published group missing from ours is an error naming it', () => {
    expect(
      errorOf(() =>
        partitionSideBySide([], [{ group_id: 1, growth: 'low', volatility: 'low', pattern: 'substitution' }]),
      ),
    ).toBe('partitionSideBySide: published group missing from our partition (got 1)');
  });
  it('a published group inside a joint group of ours (HS6 data) gets the joint series, named', () => {
    const joint = { ...row(103, 0.6, 0.27, 'high', 'medium', 'stockpiling'), group: '3+6 (test)', members: [3, 6] };
    const s = partitionSideBySide(
      [joint],
      [
        { group_id: 3, growth: 'high', volatility: 'medium', pattern: 'stockpiling' },
        { group_id: 6, growth: 'low', volatility: 'medium', pattern: 'substitution' },
      ],
    );
    expect(s.map((r) => [r.group_id, r.joint, r.G, r.cellAgrees, r.patternAgrees])).toEqual([
      [3, '3+6 (test)', 0.6, true, true],
      [6, '3+6 (test)', 0.6, false, false],
    ]);
  });
  it('a group of ours in its own right keeps its own row even when a joint group lists it as a member', () => {
    const own = row(3, 0.1, 0.27, 'low', 'medium', 'substitution');
    const joint = { ...row(103, 0.6, 0.27, 'high', 'medium', 'stockpiling'), group: '3+6 (test)', members: [3, 6] };
    const s = partitionSideBySide(
      [joint, own],
      [
        { group_id: 3, growth: 'low', volatility: 'medium', pattern: 'substitution' },
        { group_id: 6, growth: 'low', volatility: 'medium', pattern: 'substitution' },
      ],
    );
    expect(s.map((r) => [r.group_id, r.group, r.joint, r.G])).toEqual([
      [3, 'g3', undefined, 0.1],
      [6, '3+6 (test)', '3+6 (test)', 0.6],
    ]);
  });
  it('lists only the groups that move', () => {
    const after = [
      row(2, 0.6, 0.27, 'low', 'medium', 'substitution'),
      row(1, 0.03, 0.27, 'low', 'medium', 'substitution'),
    ];
    const m = partitionMoves(ours, after);
    expect(m).toEqual([
      {
        group_id: 2,
        group: 'g2',
        G: 0.6,
        V: 0.27,
        cellBefore: 'high growth, medium volatility',
        cellAfter: 'low growth, medium volatility',
        patternBefore: 'stockpiling',
        patternAfter: 'substitution',
      },
    ]);
    expect(partitionMoves(ours, ours)).toEqual([]);
  });
  it('a change of cell alone or of pattern alone is a move; moves come by group_id whatever the order', () => {
    const before = [
      row(3, 0.6, 0.27, 'high', 'medium', 'no effect'),
      row(1, 0.1, 0.27, 'low', 'medium', 'substitution'),
      row(2, 0.1, 0.27, 'low', 'medium', 'substitution'),
    ];
    const after = [
      row(1, 0.1, 0.2, 'low', 'low', 'substitution'), // cell only
      row(2, 0.1, 0.27, 'low', 'medium', 'substitution'), // no change
      row(3, 0.6, 0.27, 'high', 'medium', 'stockpiling'), // pattern only (e.g. the semiconductor rule)
    ];
    expect(partitionMoves(before, after).map((m) => [m.group_id, m.cellBefore, m.cellAfter, m.patternAfter])).toEqual([
      [1, 'low growth, medium volatility', 'low growth, low volatility', 'substitution'],
      [3, 'high growth, medium volatility', 'high growth, medium volatility', 'stockpiling'],
    ]);
  });
  it('a group missing from the second partition is an error naming it', () => {
    expect(errorOf(() => partitionMoves(ours, [row(1, 0.03, 0.27, 'low', 'medium', 'substitution')]))).toBe(
      'partitionMoves: group missing from the second partition (got 2)',
    );
  });
});
