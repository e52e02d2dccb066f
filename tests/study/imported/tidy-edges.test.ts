/**
 * The tidy importer's fast line path against its record path, byte by byte (lib/io/importers/tidy-pass.ts): every
 * field of a line changed next to the edge of a rule — one byte replaced or inserted at every place — reads in a plain
 * file as in its all-quoted copy, whose lines all take the record path: the same cells and report, or the same error.
 * About 600 files read twice (seconds): the unit test beside the importer (tests/unit/io/importers/tidy.test.ts)
 * keeps one change per check of the fast path.
 */
import { describe, expect, it } from 'vitest';
import { readTidyPanel } from '../../../lib/io/importers/tidy.js';
import { H6, cellsToObject, quoted, tmpFile } from '../../helpers/importers.js';

describe('readTidyPanel: the fast line path and the record path, every byte of a line', () => {
  it('every field changed next to the edge of a rule reads as its all-quoted copy (same cells, or the same error)', () => {
    // each field of the third line with one byte replaced or inserted at each place: bytes just below '0' ('/')
    // and above '9' (':'), separators, a space, a letter, digits; one digit more or fewer; months and years at and
    // past their limits
    const edges = ['/', ':', '-', '.', ' ', 'x', '0', '9', ','];
    const variants = (base: string): string[] => {
      const out = new Set([base + '0', base.slice(1), base.slice(0, -1), '']);
      for (let k = 0; k <= base.length; k++)
        for (const c of edges) {
          out.add(base.slice(0, k) + c + base.slice(k + 1));
          out.add(base.slice(0, k) + c + base.slice(k));
        }
      return [...out];
    };
    const months = [
      '20/5-01',
      '201/-01',
      '2015x03',
      '2015-0:',
      '2/15-01',
      '2015-00',
      '2015-13',
      '2015-1',
      '2015-012',
      '1899-12',
      '1900-01',
      '2240-12',
      '2241-01',
      '2015/01',
      '201501',
      '2015-1/',
      '1:15-01',
      '2/15-01',
    ];
    const changes: [number, string][] = [
      ...variants('01012100').map((t): [number, string] => [0, t]),
      ...['HS6', 'HS9', 'hs8', 'HS', 'HS80', ' HS8'].map((t): [number, string] => [1, t]),
      ...[...months, ...variants('2015-02')].map((t): [number, string] => [2, t]),
      ...variants('1250.5').map((t): [number, string] => [3, t]),
      ...variants('116').map((t): [number, string] => [4, t]),
      ...variants('10').map((t): [number, string] => [5, t]),
    ];
    const base = [
      '01012100,HS8,2015-01,100,116,10',
      '01012100,HS8,2015-02,7,304,10',
      '01012100,HS8,2015-02,1250.5,116,10',
      '01012900,HS8,2015-02,9,116,10',
    ];
    const read = (file: string): unknown => {
      try {
        const r = readTidyPanel(file, { label: 'edge.csv' });
        return { cells: cellsToObject(r.cells), report: r.report };
      } catch (e) {
        return String((e as Error).message).replace(/\\?"/g, ''); // the quoted copy's raw line, without its quotes
      }
    };
    let plainErrors = 0;
    for (const [k, text] of changes) {
      const f = base[2].split(',');
      f[k] = text;
      const lines = [H6, base[0], base[1], f.join(','), base[3]];
      const file = lines.join('\n') + '\n';
      const a = read(tmpFile('edge-plain.csv', file));
      expect(a, `field ${k}: ${text}`).toEqual(read(tmpFile('edge-quoted.csv', quoted(file))));
      if (typeof a === 'string') plainErrors++;
    }
    expect(changes.length).toBeGreaterThan(500);
    expect(plainErrors).toBeGreaterThan(100); // the changes reach the errors, not only the fast path's refusals
  });
});
