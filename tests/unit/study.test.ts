/**
 * runStudy (lib/study.ts): the micro study wired end to end, checked on a panel small enough to
 * compute by hand, then on the bundled SYNTHETIC panel.
 */
import { describe, expect, it } from 'vitest';
import { runStudy } from '../../lib/study.js';
import { sourceNote } from '../../lib/io/panel.js';
import { bannerText } from '../../lib/present/banner.js';
import type { Panel } from '../../lib/core/types.js';

const MONTHS = ['2015-01', '2015-02', '2015-03', '2015-04'];
/** Two IC codes (group 2), epoxy resin (group 12, Polymers), and a horse code that is in no batch. */
const handPanel = (): Panel => ({
  source: { kind: 'synthetic', label: 'SYNTHETIC hand panel', files: [], period: ['2015-01', '2015-04'] },
  months: MONTHS,
  codes: ['01012100', '39073000', '85423100', '85423200'],
  values: [
    Float64Array.from([5, 5, 5, 5]),
    Float64Array.from([100, 90, 80, 70]),
    Float64Array.from([60, 72, 102, 114]),
    Float64Array.from([40, 48, 68, 76]),
  ],
});
const INDEX = {
  window: ['2015-01', '2015-04'] as [string, string],
  base: 'first' as const,
  weights: 'linear' as const,
  sd: 'sample' as const,
};

describe('runStudy on a hand-computed panel', () => {
  // ICs = 100, 120, 170, 190: X' = 0, .2, .7, .9; G = (0·1 + .2·2 + .7·3 + .9·4)/10 = 0.61;
  //   mean 145, sample SD = √(5300/3) = 42.032…, V = 0.28988…  → high growth, medium volatility.
  // Polymers = 100, 90, 80, 70: X' = 0, −.1, −.2, −.3; G = (0 − .2 − .6 − 1.2)/10 = −0.2;
  //   mean 85, SD = √(500/3) = 12.909…, V = 0.15187…  → low growth, low volatility.
  const run = runStudy({ panel: handPanel(), choices: INDEX });

  it('sums the batch-1 codes into their groups and ignores codes outside the batch', () => {
    expect(run.groupPanel.groups.map((g) => g.group_id)).toEqual([2, 12]);
    expect(run.groupPanel.codes).toEqual(['Integrated Circuits (ICs)', 'Polymers']);
    expect(Array.from(run.groupPanel.values[0])).toEqual([100, 120, 170, 190]);
  });
  it('computes V and G as by hand', () => {
    const [ics, pol] = run.indices;
    expect(ics.G).toBeCloseTo(0.61, 12);
    expect(ics.V).toBeCloseTo(Math.sqrt(5300 / 3) / 145, 12);
    expect(pol.G).toBeCloseTo(-0.2, 12);
    expect(pol.V).toBeCloseTo(Math.sqrt(500 / 3) / 85, 12);
  });
  it('partitions with the printed cuts and the semiconductor rule', () => {
    expect(run.partition.map((r) => [r.group_id, r.growth, r.volatility, r.pattern])).toEqual([
      [2, 'high', 'medium', 'stockpiling'],
      [12, 'low', 'low', 'substitution'],
    ]);
    const plain = runStudy({ panel: handPanel(), choices: { ...INDEX, semiconductorRule: false } });
    expect(plain.partition[0].pattern).toBe('no effect');
    const strict = runStudy({ panel: handPanel(), choices: { ...INDEX, growth: 0.7 } });
    expect(strict.partition[0].pattern).toBe('substitution');
  });
  it('compares with the published matrix: two groups present, both agree, 15 missing', () => {
    expect(run.comparison!.pattern.agree).toBe(2);
    expect(run.comparison!.pattern.of).toBe(17);
    expect(run.comparison!.pattern.disagreements).toHaveLength(15);
    expect(run.sourceNote).toBe(sourceNote(run.panel.source));
    expect(run.sourceNote).toMatch(/SYNTHETIC hand panel/);
  });
  it('rejects a bad batch, a batch with no codes in the panel, and bad thresholds, naming the function', () => {
    expect(() => runStudy({ panel: handPanel(), choices: INDEX, batch: 4 as never })).toThrow(
      /runStudy: batch must be 1, 2 or 3 \(got 4\)/,
    );
    expect(() => runStudy({ panel: handPanel(), choices: INDEX, batch: 2 })).toThrow(
      /groupPanel: none of batch 2's curated codes is in the panel/,
    );
    expect(() => runStudy({ panel: handPanel(), choices: { ...INDEX, growth: Number.NaN } })).toThrow(
      /resolveThresholds/,
    );
  });
  it('a window outside the panel is an error, not an empty result', () => {
    expect(() => runStudy({ panel: handPanel(), choices: { ...INDEX, window: ['2014-01', '2015-04'] } })).toThrow(
      /window/,
    );
  });
});

describe('runStudy on the bundled SYNTHETIC panel', () => {
  const run = runStudy();
  it('17 groups, all in their published cells (by construction of the SYNTHETIC panel)', () => {
    expect(run.partition).toHaveLength(17);
    expect(run.comparison!.pattern).toMatchObject({ agree: 17, of: 17 });
    expect(run.sourceNote).toMatch(/^Data: SYNTHETIC teaching panel/);
  });
  it('batches 2 and 3 run and have no published comparison', () => {
    for (const batch of [2, 3] as const) {
      const r = runStudy({ batch });
      expect(r.comparison).toBeUndefined();
      expect(r.partition.length).toBe(r.groupPanel.groups.length);
      expect(r.partition.length).toBeGreaterThan(3);
    }
  });
});

describe('runStudy meets a combined January–February (the SYNTHETIC panel publishes them as one figure from 2020)', () => {
  const run = runStudy();
  it('names the detection and the treatment (the default split-share) and still puts 17 groups in their cells', () => {
    expect(run.janFeb.text).toBe('2020–2025: January and February combined in 167 codes (treatment: split-share)');
    expect(run.janFeb.detection.years).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(run.janFeb.detection.cells.filter((c) => c.code === '85423111').map((c) => c.year)).toEqual([
      2020, 2021, 2022, 2023, 2024, 2025,
    ]);
    expect(run.comparison!.pattern).toMatchObject({ agree: 17, of: 17 });
  });
  it("the default run's banner names the combined months", () => {
    expect(bannerText(run.panel.source, [])).toContain(
      '2020–2025: January and February combined in 167 codes (treated by the janFeb choice)',
    );
  });
  it('every treatment runs; error stops naming a code and the year; merge differs from the splits', () => {
    const V = (janFeb: 'split-even' | 'split-share' | 'merge') =>
      runStudy({ panel: run.panel, choices: { janFeb } }).indices.map((r) => r.V!);
    const [share, even, merge] = [V('split-share'), V('split-even'), V('merge')];
    expect(share).toEqual(run.indices.map((r) => r.V!));
    expect(even).not.toEqual(share);
    expect(merge).not.toEqual(even);
    // merge: the Januaries of 2020–2024 are no periods, so 115 of the window's 120 months count; the splits keep 120
    const n = (janFeb: 'split-share' | 'merge') => runStudy({ panel: run.panel, choices: { janFeb } }).indices[0].n;
    expect([n('split-share'), n('merge')]).toEqual([120, 115]);
    expect(() => runStudy({ panel: run.panel, choices: { janFeb: 'error' } })).toThrow(
      /janFebOf: code \d{8}: January and February are combined in 2020 \(926 code-years in all/,
    );
  });
  it('a panel without combined months runs as before (nothing found, no banner line)', () => {
    const r = runStudy({ panel: handPanel(), choices: INDEX });
    expect(r.janFeb.text).toBe('');
    expect(r.panel.source.janFeb).toBeUndefined();
  });
});
