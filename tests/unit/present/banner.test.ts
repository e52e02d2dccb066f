/** The data banner at the top of each notebook (lib/present/banner.ts): what data, which period, which parameters changed. */
import { describe, expect, it } from 'vitest';
import { bannerText, listBannerText } from '../../../lib/present/banner.js';

describe('bannerText', () => {
  it('banner names the data source and the period', () => {
    const t = bannerText(
      { kind: 'imported', label: 'Imported: customs-2024.csv', files: ['a.csv'], period: ['2018-01', '2024-12'] },
      [],
    );
    expect(t).toBe('Data: Imported: customs-2024.csv · 2018-01 to 2024-12 · Parameters: defaults');
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
  });
});
