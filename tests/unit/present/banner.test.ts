/** The data banner at the top of each notebook (lib/present/banner.ts): what data, which period, which parameters changed. */
import { describe, expect, it } from 'vitest';
import { bannerText, listBannerText, parametersText } from '../../../lib/present/banner.js';

describe('bannerText', () => {
  it('banner names the data source and the period', () => {
    const t = bannerText(
      { kind: 'imported', label: 'Imported: customs-2024.csv', files: ['a.csv'], period: ['2018-01', '2024-12'] },
      [],
    );
    expect(t).toBe('Data: Imported: customs-2024.csv · 2018-01 to 2024-12 · Parameters: defaults');
  });
  it('a value typed by hand into the parameters cell is named (no --set): the banner no longer says "defaults"', () => {
    const source = {
      kind: 'synthetic' as const,
      label: 'SYNTHETIC teaching panel',
      files: [],
      period: ['2015-01', '2025-06'] as [string, string],
    };
    // the notebook's params after a hand edit of growth and base; dataSource and focusGroup are not choices
    const params = { dataSource: 'synthetic', focusGroup: 'ICs', growth: 0.4, base: { meanOfFirst: 12 }, sd: 'sample' };
    expect(bannerText(source, { changed: [], params })).toBe(
      'Data: SYNTHETIC teaching panel · 2015-01 to 2025-06 · Parameters differing from the library defaults: growth = 0.4 (library default 0.5); base = {"meanOfFirst":12} (library default "first")',
    );
    expect(bannerText(source, { changed: [], params: { growth: 0.5, sd: 'sample' } })).toMatch(/Parameters: defaults$/);
  });
  it('a --set override is named once, as changed, and a hand edit beside it as differing', () => {
    expect(
      parametersText({
        changed: [{ name: 'growth', value: 0.4, default: 0.5 }],
        params: { growth: 0.4, sd: 'population' },
      }),
    ).toBe(
      'Parameters changed: growth = 0.4 (default 0.5) · Parameters differing from the library defaults: sd = "population" (library default "sample")',
    );
  });
});

describe('listBannerText', () => {
  it('banner text names the lists and says nothing is synthetic', () => {
    expect(listBannerText('/ref', [])).toBe(
      'Data: real, public code lists — curated tables data/study/*.csv and China Customs HS8 code lists 2015–2025 (/ref) · no import data, nothing synthetic · Parameters: defaults',
    );
    expect(listBannerText('/ref', [{ name: 'listYear', value: 2020, default: 2018 }])).toMatch(
      /Parameters changed: listYear = 2020 \(default 2018\)$/,
    );
    expect(listBannerText('/ref', { changed: [], params: { listYear: 2020 } })).toMatch(/Parameters: defaults$/); // not a choice
  });
});
