/** The text progress bar of long notebook cells (lib/present/display.ts progressBarText). */
import { describe, expect, it } from 'vitest';
import { progressBarText } from '../../../lib/present/display.js';

describe('progressBarText', () => {
  it('draws the bar, the percent and the counts', async () => {
    expect(progressBarText('generating', 25, 100, 20)).toBe('generating [#####---------------]  25 % (25 of 100)');
    expect(progressBarText('x', 3, 3, 4)).toBe('x [####] 100 % (3 of 3)');
    expect(progressBarText('x', 0, 7, 7)).toBe('x [-------]   0 % (0 of 7)');
  });
  it('rejects done outside 0..total', async () => {
    expect(() => progressBarText('x', 11, 10)).toThrow(
      'progressBarText: done must be within 0..total (total 10) (got 11)',
    );
    expect(() => progressBarText('x', 1, 0)).toThrow(/progressBarText/);
  });
});
