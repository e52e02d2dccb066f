import { describe, expect, it } from 'vitest';
import { applyParameters } from '../lib/present/notebook.js';
import { bannerText } from '../lib/present/banner.js';

describe('applyParameters', () => {
  it('overrides known parameters in place and records the change', () => {
    const params = { growthThreshold: 0.5, dataSource: 'synthetic', weights: [1, 2] };
    applyParameters(params, { growthThreshold: 0.4 }, '04-partition');
    expect(params.growthThreshold).toBe(0.4);
    const text = bannerText({ kind: 'synthetic', label: 'SYNTHETIC teaching panel', files: [], period: ['2015-01', '2025-06'] });
    expect(text).toContain('growthThreshold = 0.4 (default 0.5)');
  });

  it('rejects an unknown name, listing the valid ones', () => {
    const params = { growthThreshold: 0.5, dataSource: 'synthetic' };
    expect(() => applyParameters(params, { growthTreshold: 0.4 }, '04-partition')).toThrow(
      'applyParameters: unknown parameter for 04-partition; valid names: growthThreshold, dataSource (got "growthTreshold")',
    );
  });

  it('rejects a value of another type than the default', () => {
    const params = { growthThreshold: 0.5, weights: [1, 2] };
    expect(() => applyParameters(params, { growthThreshold: '0.4' })).toThrow(/"growthThreshold" .* is a number \(default 0.5\), not a string/);
    expect(() => applyParameters(params, { weights: 'linear' })).toThrow(/is a array/);
  });

  it('banner names the data source and the period', () => {
    const t = bannerText({ kind: 'imported', label: 'Imported: customs-2024.csv', files: ['a.csv'], period: ['2018-01', '2024-12'] }, []);
    expect(t).toBe('Data: Imported: customs-2024.csv · 2018-01 to 2024-12 · Parameters: defaults');
  });
});

describe('progressBarText', () => {
  it('draws the bar, the percent and the counts', async () => {
    const { progressBarText } = await import('../lib/present/display.js');
    expect(progressBarText('generating', 25, 100, 20)).toBe('generating [#####---------------]  25 % (25 of 100)');
    expect(progressBarText('x', 3, 3, 4)).toBe('x [####] 100 % (3 of 3)');
    expect(progressBarText('x', 0, 7, 7)).toBe('x [-------]   0 % (0 of 7)');
  });
  it('rejects done outside 0..total', async () => {
    const { progressBarText } = await import('../lib/present/display.js');
    expect(() => progressBarText('x', 11, 10)).toThrow('progressBarText: done must be within 0..total (total 10) (got 11)');
    expect(() => progressBarText('x', 1, 0)).toThrow(/progressBarText/);
  });
});
