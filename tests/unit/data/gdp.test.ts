/** data/study/gdp.csv is the World Bank's table: every value equals the reference copy in data/reference/world-bank. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile } from '../../../lib/io/csv.js';
import { referenceDir } from '../../../lib/io/paths.js';
import { loadGdp } from '../../../lib/io/published.js';

describe('gdp.csv against the World Bank reference table (data/reference/world-bank)', () => {
  it('every value equals the reference', () => {
    const ref = readCsvFile(path.join(referenceDir(), 'world-bank', 'china-gdp-current-usd.csv')).rows;
    expect(ref.length).toBe(25);
    for (const r of loadGdp()) expect(Number(ref.find((x) => Number(x.year) === r.year)!.gdp_current_usd)).toBe(r.gdp_usd);
  });
});
