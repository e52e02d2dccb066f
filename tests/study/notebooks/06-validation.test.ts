import { describe, expect, it } from 'vitest';
import { notebookResults } from '../../helpers/notebook-results.js';
import { loadCodes } from '../../../lib/io/data.js';
import { runStudy } from '../../../lib/study.js';
import { batchOverlap, persistenceRows, persistenceSummary } from '../../../lib/steps/validation.js';

const STEM = '06-validation';

describe(`${STEM} key results`, () => {
  const r = notebookResults(STEM);
  const choices = { zeroBase: 'skip-series' as const };
  const run1 = runStudy({ batch: 1, choices });
  const runs = { 2: runStudy({ panel: run1.panel, batch: 2, choices }), 3: runStudy({ panel: run1.panel, batch: 3, choices }) };

  for (const b of [2, 3] as const)
    it(`batch ${b} partition equals the library`, () => {
      const rec = r[`partitionBatch${b}`];
      const lib = runs[b].partition;
      expect(rec.map((x: any) => x.group_id)).toEqual(lib.map((p) => p.group_id));
      rec.forEach((x: any, k: number) => {
        expect(x.G).toBeCloseTo(lib[k].G, 10);
        expect(x.V).toBeCloseTo(lib[k].V, 10);
        expect([x.growth, x.volatility, x.pattern]).toEqual([lib[k].growth, lib[k].volatility, lib[k].pattern]);
      });
    });

  it('no group skipped on the synthetic panel (and none reported)', () => {
    const skipped = [2, 3].flatMap((b) => runs[b as 2 | 3].indices.filter((x) => x.status === 'skipped'));
    expect(r.skippedGroups.length).toBe(skipped.length);
  });

  it('overlap counts equal batchOverlap (batch 2 shares no code with batch 1; batch 3 shares 82)', () => {
    const codes = loadCodes();
    const pairs = [[1, 2], [1, 3], [2, 3]] as const;
    pairs.forEach(([a, b], k) => {
      const o = batchOverlap(codes, a, b);
      expect(r.overlap[k]).toMatchObject({ codes_a: o.codesA, codes_b: o.codesB, common_codes: o.commonCodes.length, common_groups: o.commonGroups.length });
    });
    expect(r.overlap[0].common_codes).toBe(0);
    expect(r.overlap[1].common_codes).toBe(82);
  });

  it('persistence counts equal the library', () => {
    const rows = ([2, 3] as const).flatMap((b) => persistenceRows(run1.partition, { batch: b, partition: runs[b].partition, listed: runs[b].groupPanel.groups.map((g) => g.group_id) }));
    expect(r.persistence).toEqual(persistenceSummary(rows));
  });

  it('batch 1 agrees with the published partition (by construction on the synthetic panel)', () => {
    expect(r.batch1Agreement).toEqual({ position: run1.comparison!.position.agree, pattern: run1.comparison!.pattern.agree, of: 17 });
  });
});
