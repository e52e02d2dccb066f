import { describe, expect, it } from 'vitest';
import { notebookResults } from '../../helpers/notebook-results.js';
import { partitionGroups } from '../../../lib/steps/partition.js';
import { runStudy } from '../../../lib/study.js';

const STEM = '04-partition';

describe(`${STEM} key results`, () => {
  const r = notebookResults(STEM);
  const run = runStudy({ dataSource: 'synthetic' });

  it('the partition rows equal the library', () => {
    expect(r.partition).toHaveLength(17);
    r.partition.forEach((x: any, k: number) => {
      const lib = run.partition[k];
      expect(x.group_id).toBe(lib.group_id);
      expect(x.G).toBeCloseTo(lib.G, 10);
      expect(x.V).toBeCloseTo(lib.V, 10);
      expect([x.growth, x.volatility, x.pattern]).toEqual([lib.growth, lib.volatility, lib.pattern]);
    });
  });

  it('the agreement counts equal the library comparison', () => {
    const c = run.comparison!;
    expect(r.agreement).toEqual({ position: { agree: c.position.agree, of: c.position.of }, pattern: { agree: c.pattern.agree, of: c.pattern.of } });
    expect(r.agreement.pattern.of).toBe(17);
  });

  it('the pattern counts add up to 17 and match the partition', () => {
    const counts = Object.fromEntries(r.patternCounts.map((x: any) => [x.pattern, x.groups]));
    const lib: Record<string, number> = {};
    for (const p of run.partition) lib[p.pattern] = (lib[p.pattern] ?? 0) + 1;
    expect(counts).toEqual(lib);
  });

  it('"Try it": the groups that move equal a re-partition by the library', () => {
    const input = run.partition.map((p) => ({ group_id: p.group_id, G: p.G, V: p.V }));
    const moved = (t: Parameters<typeof partitionGroups>[2]) =>
      partitionGroups(input, run.groupPanel.groups, t)
        .filter((p, k) => p.growth !== run.partition[k].growth || p.volatility !== run.partition[k].volatility || p.pattern !== run.partition[k].pattern)
        .map((p) => p.group_id);
    expect(r.tryIt).toEqual([
      { change: 'growth cut 0.4', moved: moved({ ...run.choices, growth: 0.4 }) },
      { change: 'growth cut 0.6', moved: moved({ ...run.choices, growth: 0.6 }) },
      { change: 'semiconductor rule off', moved: moved({ ...run.choices, semiconductorRule: false }) },
    ]);
  });
});
