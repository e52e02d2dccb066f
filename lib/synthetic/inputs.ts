/**
 * What the SYNTHETIC teaching-panel generator reads: the curated code table, the
 * 17 groups and China's GDP, loaded and validated by the library's own loaders
 * (lib/io/data.ts `loadCodes` and `loadGroups`, lib/io/published.ts `loadGdp`)
 * and narrowed to the fields the generator uses, so a test can pass a small
 * hand-written table of the same shape.
 *
 * @module synthetic/inputs
 */
import * as path from 'node:path';
import { loadCodes, loadGroups, type CodeRow, type GroupRow } from '../io/data.js';
import { loadGdp, type GdpRow } from '../io/published.js';
import { projectPath } from '../io/paths.js';

/** One (batch, code, group) row of the curated code table (data/study/codes.csv), as the generator needs it. */
export type SyntheticCodeRow = Pick<CodeRow, 'batch' | 'code' | 'group_id' | 'first_year' | 'last_year'>;

/** One study group (data/study/groups.csv), as the generator needs it. */
export type SyntheticGroupRow = Pick<GroupRow, 'group_id' | 'group' | 'matrixLabel' | 'category' | 'semiconductor'>;

/** China's GDP in current US dollars for one year (data/study/gdp.csv), as the generator needs it. */
export type SyntheticGdpRow = Pick<GdpRow, 'year' | 'gdp_usd'>;

/** The three tables the teaching-panel generator reads. */
export interface TeachingInputs {
  codes: SyntheticCodeRow[];
  groups: SyntheticGroupRow[];
  gdp: SyntheticGdpRow[];
}

/**
 * Load the generator's inputs from the curated study tables: codes.csv, groups.csv
 * and gdp.csv, each through its library loader (which names file, line and column
 * of a bad cell).
 *
 * @param dir folder holding the three files (default `<project>/data/study`)
 * @throws {InputError} when a file is missing or malformed (as {@link loadCodes}, {@link loadGroups}, {@link loadGdp})
 * @example
 * const inputs = loadTeachingInputs();
 * [inputs.groups.length, inputs.gdp.find((r) => r.year === 2015)?.gdp_usd]; // => [17, 11280814787469]
 * inputs.codes.find((r) => r.code === '85423111' && r.batch === 1);
 * // => { batch: 1, code: '85423111', group_id: 2, first_year: 2017, last_year: 2025, … }
 */
export function loadTeachingInputs(dir?: string): TeachingInputs {
  const d = dir ?? projectPath('data', 'study');
  return { codes: loadCodes({ dir: d }), groups: loadGroups(d), gdp: loadGdp(path.join(d, 'gdp.csv')) };
}
