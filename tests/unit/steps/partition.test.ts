import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { loadGroups } from '../../../lib/io/data.js';
import { loadPublished } from '../../../lib/io/published.js';
import { publishedMatrixCell } from '../../helpers/fixtures.js';
import { DEFAULT_CHOICES, resolveThresholds } from '../../../lib/steps/choices.js';
import {
  classifyPattern,
  comparePartition,
  growthBand,
  partitionGroups,
  partitionMatrix,
  patternCode,
  PATTERN_CODES,
  volatilityBand,
  type GroupInfo,
} from '../../../lib/steps/partition.js';

const groups: GroupInfo[] = loadGroups();
const published = loadPublished();

// Synthetic index values standing for each published band (not real indices).
const G_OF = { high: 0.9, low: 0.2 } as const;
const V_OF = { high: 0.45, medium: 0.27, low: 0.15 } as const;

describe('bands (closed rule)', () => {
  it('growth: high only when G > 0.5; G = 0.5 is low', () => {
    expect(growthBand(0.5000001)).toBe('high');
    expect(growthBand(0.5)).toBe('low');
    expect(growthBand(-0.3)).toBe('low');
  });
  it('volatility: high V > 0.3; medium 0.24 ≤ V ≤ 0.3; low V < 0.24 (the printed gap 0.23–0.24 is low)', () => {
    expect(volatilityBand(0.31)).toBe('high');
    expect(volatilityBand(0.3)).toBe('medium');
    expect(volatilityBand(0.24)).toBe('medium');
    expect(volatilityBand(0.235)).toBe('low');
    expect(volatilityBand(0.23)).toBe('low');
    expect(volatilityBand(0)).toBe('low');
  });
  it('thresholds are parameters', () => {
    expect(growthBand(0.45, { growth: 0.4 })).toBe('high');
    expect(volatilityBand(0.25, { volatilityHigh: 0.2, volatilityMedium: 0.1 })).toBe('high');
    expect(resolveThresholds()).toEqual({
      growth: 0.5,
      volatilityHigh: 0.3,
      volatilityMedium: 0.24,
      semiconductorRule: true,
    });
  });
  it('every finite V has exactly one band, and bands are ordered', () =>
    fc.assert(
      fc.property(fc.double({ min: -1, max: 5, noNaN: true }), fc.double({ min: -1, max: 5, noNaN: true }), (a, b) => {
        const rank = { low: 0, medium: 1, high: 2 };
        return a <= b
          ? rank[volatilityBand(a)] <= rank[volatilityBand(b)]
          : rank[volatilityBand(a)] >= rank[volatilityBand(b)];
      }),
    ));
  it('bad input', () => {
    expect(() => growthBand(NaN)).toThrow(/^growthBand: G must be a finite number/);
    expect(() => volatilityBand(Infinity)).toThrow(/^volatilityBand: V must be a finite number/);
    expect(() => resolveThresholds({ volatilityMedium: 0.4 })).toThrow(
      /volatilityMedium must not exceed volatilityHigh/,
    );
    expect(() => classifyPattern('up' as never, 'low', false)).toThrow(/classifyPattern/);
  });
});

describe('patterns and the semiconductor rule', () => {
  it('rules', () => {
    expect(classifyPattern('low', 'high', false)).toBe('substitution');
    expect(classifyPattern('low', 'medium', true)).toBe('substitution');
    expect(classifyPattern('high', 'high', false)).toBe('stockpiling');
    expect(classifyPattern('high', 'low', false)).toBe('no effect');
    expect(classifyPattern('high', 'medium', true)).toBe('stockpiling');
    expect(classifyPattern('high', 'medium', true, { semiconductorRule: false })).toBe('no effect');
  });
  it('the kernel agrees with the band functions', () =>
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.boolean(),
        (G, V, semi, rule) => {
          const t = { ...DEFAULT_CHOICES, semiconductorRule: rule };
          return (
            PATTERN_CODES[patternCode(G, V, semi, t.growth, t.volatilityHigh, rule)] ===
            classifyPattern(growthBand(G, t), volatilityBand(V, t), semi, t)
          );
        },
      ),
    ));
});

describe('the published partition is reproduced', () => {
  const synthetic = published.partition.map((p) => ({
    group_id: p.group_id,
    G: G_OF[p.growth],
    V: V_OF[p.volatility],
  }));
  const rows = partitionGroups(synthetic, groups);
  it('all 17 groups at their published matrix position and with their published pattern', () => {
    const cmp = comparePartition(rows, published.partition);
    expect(cmp.position).toEqual({ agree: 17, of: 17, disagreements: [] });
    expect(cmp.pattern).toEqual({ agree: 17, of: 17, disagreements: [] });
  });
  it('ICs (medium volatility) are stockpiling only because of the semiconductor rule', () => {
    const off = partitionGroups(synthetic, groups, { semiconductorRule: false });
    const cmp = comparePartition(off, published.partition);
    expect(cmp.pattern.agree).toBe(16);
    expect(cmp.pattern.disagreements).toEqual([
      { group_id: 2, group: 'Integrated Circuits (ICs)', ours: 'no effect', published: 'stockpiling' },
    ]);
  });
  it('matrix cells as printed', () => {
    const cells = partitionMatrix(rows);
    expect(cells).toHaveLength(6);
    const cell = (v: string, g: string) => cells.find((c) => c.volatility === v && c.growth === g)!.groups;
    expect(cell('high', 'high')).toEqual(publishedMatrixCell('high', 'high'));
    expect(cell('high', 'low')).toEqual(publishedMatrixCell('high', 'low'));
    expect(cell('medium', 'high')).toEqual(publishedMatrixCell('medium', 'high'));
    expect(cell('medium', 'low')).toEqual(publishedMatrixCell('medium', 'low'));
    expect(cell('low', 'high')).toEqual(publishedMatrixCell('low', 'high'));
    expect(cell('low', 'low')).toEqual(publishedMatrixCell('low', 'low'));
  });
  it('disagreements are listed', () => {
    const moved = rows.map((r) =>
      r.group_id === 16 ? { ...r, growth: 'high' as const, pattern: 'stockpiling' as const } : r,
    );
    const cmp = comparePartition(moved, published.partition);
    expect(cmp.position.agree).toBe(16);
    expect(cmp.position.disagreements[0]).toMatchObject({
      group_id: 16,
      ours: { growth: 'high', volatility: 'high' },
      published: { growth: 'low', volatility: 'high' },
    });
    expect(cmp.pattern.disagreements[0]).toMatchObject({
      group_id: 16,
      ours: 'stockpiling',
      published: 'substitution',
    });
    const missing = comparePartition(rows.slice(1), published.partition);
    expect(missing.pattern.disagreements[0]).toMatchObject({ group_id: 1, ours: null });
  });
  it('bad rows', () => {
    expect(() => partitionGroups([{ group_id: 99, G: 1, V: 1 }], groups)).toThrow(
      /partitionGroups: group_id not in the group table/,
    );
    expect(() => partitionGroups([{ group_id: 1, G: NaN, V: 1 }], groups)).toThrow(
      /partitionGroups: G of group 1 must be a finite number/,
    );
    expect(() =>
      partitionGroups(
        [
          { group_id: 1, G: 1, V: 1 },
          { group_id: 1, G: 1, V: 1 },
        ],
        groups,
      ),
    ).toThrow(/duplicate group_id/);
  });
});

describe('exact errors and boundaries', () => {
  it('classifyPattern names a bad growth or volatility band', () => {
    expect(() => classifyPattern('up' as never, 'low', false)).toThrow(
      `classifyPattern: growth band must be 'high' or 'low' (got "up")`,
    );
    expect(() => classifyPattern('high', 'extreme' as never, false)).toThrow(
      'classifyPattern: volatility band must be high, medium or low (got "extreme")',
    );
  });
  it('patternCode: G equal to the growth cut is not high growth; V equal to the high cut is not high volatility', () => {
    expect(patternCode(0.5, 0.1, false, 0.5, 0.3, true)).toBe(0);
    expect(patternCode(0.8, 0.3, false, 0.5, 0.3, true)).toBe(1);
    expect(patternCode(0.8, 0.30001, false, 0.5, 0.3, true)).toBe(2);
  });
  it('partitionGroups names the duplicate and the non-finite V', () => {
    expect(() =>
      partitionGroups(
        [
          { group_id: 1, G: 1, V: 1 },
          { group_id: 1, G: 1, V: 1 },
        ],
        groups,
      ),
    ).toThrow('partitionGroups: duplicate group_id (got 1)');
    expect(() => partitionGroups([{ group_id: 3, G: 1, V: Infinity }], groups)).toThrow(
      'partitionGroups: V of group 3 must be a finite number (got Infinity)',
    );
  });
});

describe('partitionMatrix and comparePartition on small hand-made rows', () => {
  it('a cell lists its group ids in the order of its (alphabetical) labels', () => {
    const cells = partitionMatrix([
      { group_id: 5, matrixLabel: 'Zeta', growth: 'high', volatility: 'low' },
      { group_id: 9, matrixLabel: 'Alpha', growth: 'high', volatility: 'low' },
    ]);
    const cell = cells.find((c) => c.volatility === 'low' && c.growth === 'high')!;
    expect(cell).toEqual({ volatility: 'low', growth: 'high', groups: ['Alpha', 'Zeta'], group_ids: [9, 5] });
  });
  it('disagreements come in group_id order whatever the order of the published rows; a missing group is named "group <id>"', () => {
    const ours = [
      {
        group_id: 3,
        group: 'C',
        growth: 'high' as const,
        volatility: 'medium' as const,
        pattern: 'no effect' as const,
      },
      { group_id: 1, group: 'A', growth: 'low' as const, volatility: 'low' as const, pattern: 'substitution' as const },
    ];
    const pub = [
      { group_id: 4, growth: 'low' as const, volatility: 'low' as const, pattern: 'substitution' as const },
      { group_id: 3, growth: 'high' as const, volatility: 'high' as const, pattern: 'no effect' as const },
      { group_id: 1, growth: 'low' as const, volatility: 'low' as const, pattern: 'substitution' as const },
      { group_id: 2, growth: 'high' as const, volatility: 'high' as const, pattern: 'stockpiling' as const },
    ];
    const cmp = comparePartition(ours, pub);
    // group 3: same growth, other volatility → a position disagreement, but the same pattern
    expect(cmp.position).toEqual({
      agree: 1,
      of: 4,
      disagreements: [
        { group_id: 2, group: 'group 2', ours: null, published: { growth: 'high', volatility: 'high' } },
        {
          group_id: 3,
          group: 'C',
          ours: { growth: 'high', volatility: 'medium' },
          published: { growth: 'high', volatility: 'high' },
        },
        { group_id: 4, group: 'group 4', ours: null, published: { growth: 'low', volatility: 'low' } },
      ],
    });
    expect(cmp.pattern).toEqual({
      agree: 2,
      of: 4,
      disagreements: [
        { group_id: 2, group: 'group 2', ours: null, published: 'stockpiling' },
        { group_id: 4, group: 'group 4', ours: null, published: 'substitution' },
      ],
    });
  });
});
