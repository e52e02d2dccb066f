/** Notebook parameters (lib/present/notebook.ts applyParameters): overrides of known parameters only, of the type of the default or a value of the study choice. */
import { describe, expect, it } from 'vitest';
import { applyParameters } from '../../../lib/present/notebook.js';
import { bannerText } from '../../../lib/present/banner.js';

describe('applyParameters', () => {
  it('overrides known parameters in place and records the change', () => {
    const params = { growthThreshold: 0.5, dataSource: 'synthetic', weights: [1, 2] };
    applyParameters(params, { growthThreshold: 0.4 }, '04-partition');
    expect(params.growthThreshold).toBe(0.4);
    const text = bannerText({
      kind: 'synthetic',
      label: 'SYNTHETIC teaching panel',
      files: [],
      period: ['2015-01', '2025-06'],
    });
    expect(text).toContain('growthThreshold = 0.4 (default 0.5)');
  });

  it('rejects an unknown name, listing the valid ones', () => {
    const params = { growthThreshold: 0.5, dataSource: 'synthetic' };
    expect(() => applyParameters(params, { growthTreshold: 0.4 }, '04-partition')).toThrow(
      'applyParameters: unknown parameter for 04-partition; valid names: growthThreshold, dataSource (got "growthTreshold")',
    );
  });

  it('rejects a value of another type than the default', () => {
    const params = { growthThreshold: 0.5, shareYears: [2015, 2024] };
    expect(() => applyParameters(params, { growthThreshold: '0.4' })).toThrow(
      /"growthThreshold" .* is a number \(default 0.5\), not a string/,
    );
    expect(() => applyParameters(params, { shareYears: 2015 })).toThrow(/is a array/);
  });

  it('a parameter named like a study choice takes any value of the choice, and only those', () => {
    const params = {
      base: 'first' as unknown,
      weights: 'linear' as unknown,
      window: ['2015-01', '2024-12'] as unknown,
    };
    applyParameters(params, { base: { meanOfFirst: 12 }, weights: { exponential: 0.02 } }, '03-indices');
    expect(params).toEqual({
      base: { meanOfFirst: 12 },
      weights: { exponential: 0.02 },
      window: ['2015-01', '2024-12'],
    });
    expect(() => applyParameters(params, { base: 12 }, '03-indices')).toThrow(
      /applyParameters: parameter "base" of 03-indices is not a value of the choice base \(default \{"meanOfFirst":12\}; see DEFAULT_CHOICES\) \(got 12\)/,
    );
    expect(() => applyParameters(params, { window: ['2015-01'] }, '03-indices')).toThrow(
      /not a value of the choice window/,
    );
    // the combined January–February choice: any treatment, nothing else
    const jf = { janFeb: 'split-share' as string };
    expect(applyParameters(jf, { janFeb: 'merge' }, '03-indices')).toEqual({ janFeb: 'merge' });
    expect(() => applyParameters(jf, { janFeb: 'halves' }, '03-indices')).toThrow(
      /parameter "janFeb" of 03-indices is not a value of the choice janFeb \(default "merge"; see DEFAULT_CHOICES\) \(got "halves"\)/,
    );
  });

  it('a list of weight schemes (the sweep grid of notebook 07) keeps the plain type check', () => {
    const params = { weights: ['linear', 'uniform'] as unknown };
    applyParameters(params, { weights: ['uniform'] }, '07-sensitivity');
    expect(params.weights).toEqual(['uniform']);
    expect(() => applyParameters(params, { weights: 'linear' }, '07-sensitivity')).toThrow(/is a array/);
  });

  it('an old parameter name is an error naming the new one', () => {
    expect(() => applyParameters({ growth: 0.5 }, { growthThreshold: 0.4 }, '04-partition')).toThrow(
      'applyParameters: unknown parameter for 04-partition: growthThreshold is now growth (got "growthThreshold")',
    );
    expect(() => applyParameters({ base: 'first' }, { baseMonths: 12 }, '03-indices')).toThrow(
      /baseMonths is now base: "first" \(the first month\) or \{"meanOfFirst": k\}/,
    );
  });
});
