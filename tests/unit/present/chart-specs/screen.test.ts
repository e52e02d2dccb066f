/** The universe screen's charts (lib/present/chart-specs/screen.ts): the density and pattern-count charts need a source note. */
import { describe, expect, it } from 'vitest';
import { patternCountChart, screenDensityChart } from '../../../../lib/present/chart-specs/screen.js';
import { patternCounts, screenDensity, screenUniverse } from '../../../../lib/steps/screen.js';
import { generateUniverseAggregate } from '../../../../lib/synthetic/universe.js';

describe('screen charts', () => {
  const u = generateUniverseAggregate({
    codes: Array.from({ length: 300 }, (_, k) => String(84000000 + k * 1013).padStart(8, '0')),
    seed: 7,
  });
  const s = screenUniverse(u.panel);
  it('charts need a source note', () => {
    expect(screenDensityChart(screenDensity(s), s.choices, { sourceNote: 'SYNTHETIC' }).layer).toHaveLength(3);
    expect(
      patternCountChart(
        { semiconductor: patternCounts(s, 'semiconductor'), other: patternCounts(s, 'other') },
        { sourceNote: 'SYNTHETIC' },
      ).mark,
    ).toEqual({ type: 'bar' });
    expect(() =>
      patternCountChart(
        { semiconductor: patternCounts(s, 'semiconductor'), other: patternCounts(s, 'other') },
        { sourceNote: '' },
      ),
    ).toThrow(/sourceNote/);
  });
});
