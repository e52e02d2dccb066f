/**
 * The importers' front door (lib/io/importers/index.ts): which importer a file needs, and merging the cells of
 * several imports.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importComtradeCsv } from '../../../../lib/io/importers/comtrade.js';
import { detectFormat, importFile, mergeCells } from '../../../../lib/io/importers/index.js';
import { cellsToObject, FIXTURES, tmpFile } from '../../../helpers/importers.js';

const fx = (name: string): string => path.join(FIXTURES, name);
const HEADER = 'freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue';

describe('format detection and merging', () => {
  it('detectFormat', () => {
    expect(detectFormat(fx('comtrade-api.json'))).toBe('comtrade-json');
    expect(detectFormat(fx('comtrade-bulk.csv'))).toBe('comtrade-csv');
    expect(detectFormat(fx('customs-zh-gb18030.csv'))).toBe('customs');
    expect(importFile(fx('comtrade-bulk.csv')).report.format).toBe('comtrade-csv');
  });

  it('mergeCells joins disjoint imports, keeps equal overlaps once, rejects conflicts and mixed levels', () => {
    const jan = tmpFile('jan.csv', `${HEADER}\nM,201501,156,M,392,010121,5\n`);
    const feb = tmpFile('feb.csv', `${HEADER}\nM,201502,156,M,392,010121,6\nM,201501,156,M,392,010121,5\n`);
    const m = mergeCells([
      { file: jan, cells: importComtradeCsv(jan).cells },
      { file: feb, cells: importComtradeCsv(feb).cells },
    ]);
    expect(cellsToObject(m)).toEqual({ '010121': { '2015-01': 5, '2015-02': 6 } });
    const bad = tmpFile('bad.csv', `${HEADER}\nM,201501,156,M,392,010121,7\n`);
    expect(() =>
      mergeCells([
        { file: jan, cells: importComtradeCsv(jan).cells },
        { file: bad, cells: importComtradeCsv(bad).cells },
      ]),
    ).toThrow(/has 5 in jan\.csv but 7 in bad\.csv/);
    expect(() =>
      mergeCells([
        { file: jan, cells: importComtradeCsv(jan).cells },
        { file: 'c', cells: importFile(fx('customs-en-utf8.csv')).cells },
      ]),
    ).toThrow(/cannot merge HS6 and HS8/);
  });
});
