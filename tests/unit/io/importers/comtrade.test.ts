/**
 * The Comtrade importer's breakdown rule (lib/io/importers/comtrade.ts): a row broken down by second partner
 * (partner2Code ≠ 0), customs procedure (customsCode ≠ C00) or transport mode (motCode ≠ 0) is a part of
 * another row, so it is skipped and counted — each condition on its own, in the CSV and the JSON importer.
 */
import { describe, expect, it } from 'vitest';
import { importComtradeCsv, importComtradeJson } from '../../../../lib/io/importers/comtrade.js';
import { cellsToObject, tmpFile } from '../../../importers/helpers.js';

const BREAKDOWN = 'breakdown by second partner, customs procedure or transport mode (the aggregate row is used)';
const HEADER =
  'freqCode,period,reporterCode,flowCode,partnerCode,partner2Code,customsCode,motCode,cmdCode,primaryValue';

describe('Comtrade breakdown rows', () => {
  it('CSV: motCode ≠ 0 alone, customsCode ≠ C00 alone, partner2Code ≠ 0 alone are each skipped and counted', () => {
    const rows = [
      'M,201501,156,M,392,0,C00,0,010121,1000', // the aggregate row: used
      'M,201501,156,M,392,0,C00,1,010121,600', // by transport mode (sea)
      'M,201501,156,M,392,0,C00,9000,010121,400', // by transport mode (another code)
      'M,201501,156,M,392,0,C01,0,010121,300', // by customs procedure
      'M,201501,156,M,392,344,C00,0,010121,200', // by second partner
      'M,201501,156,M,276,,,,010121,5', // no breakdown columns filled: an aggregate row, used
    ];
    const { cells, report } = importComtradeCsv(tmpFile('breakdown.csv', `${HEADER}\n${rows.join('\n')}\n`));
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 1005 } });
    expect(report.rowsRead).toBe(6);
    expect(report.rowsUsed).toBe(2);
    expect(report.rejected).toEqual({ [BREAKDOWN]: 4 });
  });

  it('CSV: a motCode breakdown row with its own value is not a duplicate of the aggregate row', () => {
    // same code, month and partner as the aggregate row but another value: skipped before the duplicate check
    const { cells, report } = importComtradeCsv(
      tmpFile('mot-only.csv', `${HEADER}\nM,201502,156,M,392,0,C00,2,010121,7\nM,201502,156,M,392,0,C00,0,010121,9\n`),
    );
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-02': 9 } });
    expect(report.rejected).toEqual({ [BREAKDOWN]: 1 });
  });

  it('JSON: motCode 1 (a number) is a breakdown; motCode 0 is the aggregate', () => {
    const rec = (mot: number, value: number) => ({
      freqCode: 'M',
      period: '201503',
      reporterCode: 156,
      flowCode: 'M',
      partnerCode: 392,
      partner2Code: 0,
      customsCode: 'C00',
      motCode: mot,
      cmdCode: '854231',
      primaryValue: value,
    });
    const f = tmpFile('mot.json', JSON.stringify({ data: [rec(0, 50), rec(1, 30), rec(2100, 20)] }));
    const { cells, report } = importComtradeJson(f);
    expect(cellsToObject(cells)).toEqual({ '854231': { '2015-03': 50 } });
    expect(report.rowsUsed).toBe(1);
    expect(report.rejected).toEqual({ [BREAKDOWN]: 2 });
  });
});
