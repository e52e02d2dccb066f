/**
 * China's annual imports by BEC end-use class (the macro step's totals): the SYNTHETIC totals bundled
 * with the teaching panel, or the user's `bec-totals.csv` in the imported-data folder.
 *
 * @module io/bec-totals
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail, failAt } from '../core/errors.js';
import type { EndUse } from '../core/types.js';
import { parseCsv } from './csv.js';
import type { DataSourceKind } from './panel.js';
import { importedDir, projectPath } from './paths.js';

/** China's imports of one BEC end-use class in one year, US dollars. */
export interface EndUseTotal {
  year: number;
  end_use: EndUse;
  value_usd: number;
}

/**
 * China's annual imports by BEC end-use class (US dollars): the SYNTHETIC totals
 * bundled with the teaching panel, or `data/imported/bec-totals.csv` (same
 * format: `year,end_use,value_usd`, `#` comment lines allowed) for real data.
 * @throws {InputError} naming file, line and column on a malformed row; {@link StudyError} when the file is absent
 * @example loadBecTotals('synthetic').find((r) => r.year === 2015 && r.end_use === 'capital')?.value_usd; // => 242537517932 (SYNTHETIC)
 */
export function loadBecTotals(kind: DataSourceKind = 'synthetic', file?: string): EndUseTotal[] {
  const f =
    file ??
    (kind === 'synthetic'
      ? projectPath('data/synthetic/bec-totals-SYNTHETIC.csv')
      : path.join(importedDir(), 'bec-totals.csv'));
  if (!fs.existsSync(f))
    fail(
      'loadBecTotals',
      kind === 'imported'
        ? 'no imported BEC totals: put year,end_use,value_usd rows in data/imported/bec-totals.csv'
        : 'the synthetic BEC totals are missing: run `npm run data:synthetic`',
      f,
    );
  const lines = fs.readFileSync(f, 'utf8').split('\n');
  let skip = 0;
  while (skip < lines.length && lines[skip].startsWith('#')) skip++;
  const table = parseCsv(lines.slice(skip).join('\n'), f);
  const ends: EndUse[] = ['capital', 'intermediate', 'consumption', 'unclassified'];
  return table.rows.map((r, i) => {
    const line = table.lines[i] + skip;
    const year = Number(r.year);
    const value = Number(r.value_usd);
    if (!Number.isInteger(year)) failAt('loadBecTotals', { file: f, line, column: 'year' }, 'not a year', r.year);
    if (!ends.includes(r.end_use as EndUse))
      failAt('loadBecTotals', { file: f, line, column: 'end_use' }, `expected one of ${ends.join(', ')}`, r.end_use);
    if (!Number.isFinite(value) || value < 0)
      failAt('loadBecTotals', { file: f, line, column: 'value_usd' }, 'not a non-negative number', r.value_usd);
    return { year, end_use: r.end_use as EndUse, value_usd: value };
  });
}

/**
 * The `#` lines at the top of a BEC-totals file, joined: what the totals were computed from (for
 * imported data written by data:fetch, the HS vintage). Empty when the file has none or is absent.
 * @example becTotalsNote('synthetic').startsWith('SYNTHETIC BEC end-use import totals'); // => true
 */
export function becTotalsNote(kind: DataSourceKind = 'synthetic', file?: string): string {
  const f =
    file ??
    (kind === 'synthetic'
      ? projectPath('data/synthetic/bec-totals-SYNTHETIC.csv')
      : path.join(importedDir(), 'bec-totals.csv'));
  if (!fs.existsSync(f)) return '';
  const out: string[] = [];
  for (const l of fs.readFileSync(f, 'utf8').split('\n')) {
    if (!l.startsWith('#')) break;
    out.push(l.replace(/^#\s*/, '').trim());
  }
  return out.join(' ');
}
