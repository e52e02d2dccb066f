/**
 * Shared fixtures read from the data files through the library's loaders, never typed into a test: China's GDP
 * (data/study/gdp.csv, loadGdp) and the published figures (data/study/published.json, loadPublished). A test that
 * needs the published matrix or the GDP table takes them from here, so a correction of a data file reaches every
 * test that uses it.
 */
import type { GrowthBand, VolatilityBand } from '../../lib/core/types.js';
import { loadGroups, type CodeRow } from '../../lib/io/data.js';
import { partitionGroups, type PartitionRow } from '../../lib/steps/partition.js';
import { loadGdp, loadPublished } from '../../lib/io/published.js';

/** China's GDP in current US dollars, 2015–2024 (data/study/gdp.csv without its 2014 row): year and value only. */
export function gdp2015to2024(): { year: number; gdp_usd: number }[] {
  return loadGdp()
    .filter((r) => r.year >= 2015 && r.year <= 2024)
    .map(({ year, gdp_usd }) => ({ year, gdp_usd }));
}

/** The published cell of every group (published.json "partition"): group id → [growth band, volatility band]. */
export function publishedCells(): Record<number, [growth: GrowthBand, volatility: VolatilityBand]> {
  return Object.fromEntries(loadPublished().partition.map((p) => [p.group_id, [p.growth, p.volatility]]));
}

/** The matrix labels the slides print in one cell of the published matrix (published.json "partition"), sorted. */
export function publishedMatrixCell(volatility: VolatilityBand, growth: GrowthBand): string[] {
  return loadPublished()
    .partition.filter((p) => p.volatility === volatility && p.growth === growth)
    .map((p) => p.matrix_label)
    .sort();
}

/** A published share of GDP in percent, by its id in published.json "macro" (e.g. capital_adjusted_2015). */
export function publishedShare(id: string): number {
  const m = loadPublished().macro.find((x) => x.id === id);
  if (!m) throw new Error(`published.json has no macro point "${id}"`);
  return m.value_pct_gdp;
}

/** A curated code row for a hand-made table: a valid row of data/study/codes.csv's shape, with the fields given. */
export function codeRow(p: Partial<CodeRow>): CodeRow {
  return {
    batch: 1,
    tech_id: '1',
    code: '84862031',
    group_id: 6,
    desc_zh: 'x',
    desc_en: 'x',
    first_year: 2015,
    last_year: 2025,
    status: 'curated',
    rationale: 'r',
    source: 's',
    ...p,
  };
}

/**
 * A partition of the 17 groups placed in their published cells: G 0.9 (high) or 0.2 (low), V 0.45, 0.27 or 0.15 by
 * the published bands (made-up indices; the cells are published.json's). For chart tests.
 */
export function partitionAtPublishedCells(): PartitionRow[] {
  return partitionGroups(
    loadPublished().partition.map((p) => ({
      group_id: p.group_id,
      G: p.growth === 'high' ? 0.9 : 0.2,
      V: { high: 0.45, medium: 0.27, low: 0.15 }[p.volatility],
    })),
    loadGroups(),
  );
}
