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
import { StudyError } from '../../../lib/core/errors.js';
import type { PartitionRow } from '../../../lib/steps/partition.js';

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
    expect(() => impliedBands(pub, [{ group_id: 2, G: 1, V: 0.2 }])).toThrow(/no indices/);
    expect(() =>
      impliedBands(pub, [
        { group_id: 2, G: NaN, V: 0.2 },
        { group_id: 9, G: 1, V: 0.2 },
      ]),
    ).toThrow(/finite/);
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
    expect(() =>
      partitionSideBySide([], [{ group_id: 1, growth: 'low', volatility: 'low', pattern: 'substitution' }]),
    ).toThrow(/missing/);
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
    expect(() => partitionMoves(ours, after.slice(1))).toThrow(/missing/);
  });
});
