/** The grouping charts (lib/present/chart-specs/grouping.ts): the category-share chart needs a source note and finite shares. */
import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../../../lib/io/data.js';
import { categoryShareChart } from '../../../../lib/present/chart-specs/grouping.js';
import { categoryShares } from '../../../../lib/steps/grouping.js';

const groups = loadGroups();

describe('categoryShareChart', () => {
  it('chart needs a source note and finite shares', () => {
    const rows = categoryShares([{ year: 2015, group_id: 2, value_usd: 1 }], groups);
    const spec = categoryShareChart(rows, { sourceNote: 'SYNTHETIC' }) as any;
    expect(spec.title.subtitle).toEqual(['SYNTHETIC']);
    expect(spec.data.values).toHaveLength(5);
    expect(() => categoryShareChart(rows, { sourceNote: '' })).toThrow(/sourceNote/);
    expect(() => categoryShareChart([{ ...rows[0], share: NaN }], { sourceNote: 'x' })).toThrow(/finite/);
  });
});
