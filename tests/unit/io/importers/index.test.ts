/**
 * The importers' front door (lib/io/importers/index.ts): which importer a file needs, and merging the cells of
 * several imports.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importComtradeCsv } from '../../../../lib/io/importers/comtrade.js';
import { detectFormat, importFile, mergeCells } from '../../../../lib/io/importers/index.js';
import { cellsToObject, FIXTURES, tmpFile } from '../../../helpers/importers.js';
import type { TidyCells } from '../../../../lib/io/importers/aggregate.js';

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

describe('detectFormat: the name, then the first bytes, then the header line', () => {
  it('a .json name (any case, at the end only) is Comtrade JSON whatever the bytes', () => {
    expect(detectFormat(tmpFile('looks-like-csv.JSON', 'a,b\n1,2\n'))).toBe('comtrade-json');
    expect(detectFormat(tmpFile('x.json.csv', 'a,b\n1,2\n'))).toBe('customs');
  });

  it('bytes starting with { or [ after blanks are Comtrade JSON', () => {
    expect(detectFormat(tmpFile('obj.txt', '\n  {"data": []}'))).toBe('comtrade-json');
    expect(detectFormat(tmpFile('arr.txt', ' \r\n[1, 2]'))).toBe('comtrade-json');
    expect(detectFormat(tmpFile('obj-only.txt', '{'))).toBe('comtrade-json');
    expect(detectFormat(tmpFile('arr-only.txt', '['))).toBe('comtrade-json');
    // a brace at the end of a CSV is not JSON
    expect(detectFormat(tmpFile('brace-end.csv', 'a,b\n1,{'))).toBe('customs');
  });

  it('only the first line (LF or CRLF) is read as the header, and it must name a flow', () => {
    expect(detectFormat(tmpFile('second-line.csv', 'a,b\ncmdCode,flowCode\n'))).toBe('customs');
    expect(detectFormat(tmpFile('crlf.csv', 'cmdCode,flowCode\r\n1,2\r\n'))).toBe('comtrade-csv');
    // a Comtrade code column without a flow column, or a flow column alone: a customs download
    expect(detectFormat(tmpFile('no-flow.csv', 'cmdCode,value\n'))).toBe('customs');
    expect(detectFormat(tmpFile('flow-only.csv', 'flow,value\n'))).toBe('customs');
    // the WITS/Comtrade classic header, quoted or not, with columns between code and flow
    expect(detectFormat(tmpFile('classic.csv', 'Commodity Code,Trade Flow,Value\n'))).toBe('comtrade-csv');
    expect(detectFormat(tmpFile('classic-q.csv', '"Commodity Code","Trade Flow"\n'))).toBe('comtrade-csv');
    expect(detectFormat(tmpFile('classic-gap.csv', 'Commodity Code,Year,Trade Flow\n'))).toBe('comtrade-csv');
  });

  it('a file that cannot be read is an error naming the function and the file', () => {
    const missing = path.join(path.dirname(tmpFile('here.csv', '')), 'missing.csv');
    expect(() => detectFormat(missing)).toThrow(`detectFormat: cannot read the file (got ${JSON.stringify(missing)})`);
  });
});

describe('importFile', () => {
  it('reads Comtrade JSON with the JSON importer', () => {
    expect(importFile(fx('comtrade-api.json')).report.format).toBe('comtrade-json');
  });

  it('passes the label and keepPartners on to the Comtrade importers', () => {
    const r = importFile(fx('comtrade-bulk.csv'), { label: 'bulk-label', keepPartners: true });
    expect(r.report.file).toBe('bulk-label');
    expect(r.cells.sub).toBeInstanceOf(Int32Array);
    expect(importFile(fx('comtrade-bulk.csv')).cells.sub).toBeUndefined();
  });
});

/** Cells made by hand: [code, month index, value, partner?] rows in the given order. */
function cellsOf(rows: [string, number, number, string?][], keep = false): TidyCells {
  const codes = [...new Set(rows.map((r) => r[0]))];
  const subs: { partner: string; regime: string }[] = [];
  const c: TidyCells = {
    level: 'HS6',
    codes,
    n: rows.length,
    code: Int32Array.from(rows.map((r) => codes.indexOf(r[0]))),
    month: Int32Array.from(rows.map((r) => r[1])),
    value: Float64Array.from(rows.map((r) => r[2])),
  };
  if (keep) {
    c.sub = Int32Array.from(
      rows.map((r) => {
        let k = subs.findIndex((s) => s.partner === r[3]);
        if (k < 0) k = subs.push({ partner: r[3] ?? '', regime: '10' }) - 1;
        return k;
      }),
    );
    c.subs = subs;
  }
  return c;
}

/** Merged cells as plain rows [code, month, value, partner?] in their order. */
function rowsOf(c: TidyCells): (string | number)[][] {
  return Array.from({ length: c.n }, (_, i) => {
    const row: (string | number)[] = [c.codes[c.code[i]], c.month[i], c.value[i]];
    if (c.sub && c.subs) row.push(c.subs[c.sub[i]].partner);
    return row;
  });
}

describe('mergeCells: order, partners and errors', () => {
  it('nothing to merge is an error; one import is returned as it is', () => {
    expect(() => mergeCells([])).toThrow('mergeCells: nothing to merge (got [])');
    const one = cellsOf([['010121', 1380, 5]]);
    expect(mergeCells([{ file: 'a.csv', cells: one }])).toBe(one);
  });

  it('cells are ordered by code, then month, whatever order the files give them in', () => {
    const a = cellsOf([
      ['020000', 1382, 1],
      ['020000', 1380, 2],
    ]);
    const b = cellsOf([
      ['010000', 1383, 3],
      ['020000', 1381, 4],
      ['010000', 1380, 5],
    ]);
    const m = mergeCells([
      { file: 'a.csv', cells: a },
      { file: 'b.csv', cells: b },
    ]);
    expect(rowsOf(m)).toEqual([
      ['010000', 1380, 5],
      ['010000', 1383, 3],
      ['020000', 1380, 2],
      ['020000', 1381, 4],
      ['020000', 1382, 1],
    ]);
    expect(m.codes).toEqual(['010000', '020000']);
    expect(m.sub).toBeUndefined();
    expect(m.subs).toBeUndefined();
  });

  it('kept partners stay apart, are ordered within a cell (in either file order) and numbered once each', () => {
    const a = cellsOf(
      [
        ['010000', 1380, 1, 'US'],
        ['010000', 1380, 2, 'JP'],
        ['010000', 1382, 5, 'DE'],
        ['010000', 1382, 6, 'US'],
      ],
      true,
    );
    const b = cellsOf(
      [
        ['010000', 1380, 2, 'JP'],
        ['010000', 1381, 3, 'US'],
        ['010000', 1381, 4, 'DE'],
      ],
      true,
    );
    const m = mergeCells([
      { file: 'a.csv', cells: a },
      { file: 'b.csv', cells: b },
    ]);
    expect(rowsOf(m)).toEqual([
      ['010000', 1380, 2, 'JP'],
      ['010000', 1380, 1, 'US'],
      ['010000', 1381, 4, 'DE'],
      ['010000', 1381, 3, 'US'],
      ['010000', 1382, 5, 'DE'],
      ['010000', 1382, 6, 'US'],
    ]);
    expect(m.subs).toEqual([
      { partner: 'JP', regime: '10' },
      { partner: 'US', regime: '10' },
      { partner: 'DE', regime: '10' },
    ]);
    expect(Array.from(m.sub!)).toEqual([0, 1, 2, 1, 2, 1]);
  });

  it('imports with and without partners kept do not merge', () => {
    const kept = cellsOf([['010000', 1380, 1, 'US']], true);
    const summed = cellsOf([['010000', 1380, 1]]);
    expect(() =>
      mergeCells([
        { file: 'kept.csv', cells: kept },
        { file: 'summed.csv', cells: summed },
      ]),
    ).toThrow('mergeCells: cannot merge imports with and without partners kept (got "summed.csv")');
  });
});
