/**
 * The UN Comtrade importer (lib/io/importers/comtrade.ts): bulk CSV and API JSON files, partner 0 (World), tariff
 * lines; and its breakdown rule: a row broken down by second partner (partner2Code ≠ 0), customs procedure
 * (customsCode ≠ C00) or transport mode (motCode ≠ 0) is a part of another row, so it is skipped and counted — each
 * condition on its own, in the CSV and the JSON importer.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importComtradeCsv, importComtradeJson } from '../../../../lib/io/importers/comtrade.js';
import { cellsToObject, FIXTURES, tmpFile } from '../../../helpers/importers.js';

const fx = (name: string): string => path.join(FIXTURES, name);
const WANT = { '010121': { '2015-01': 1234567, '2015-02': 2000000 }, '854231': { '2015-01': 123456789.5 } };
const HEADER = 'freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue';

describe('UN Comtrade CSV', () => {
  it('keeps imports at HS6, skips World, exports, totals, aggregates and breakdowns — each counted', () => {
    const { report, cells } = importComtradeCsv(fx('comtrade-bulk.csv'));
    expect(cells.level).toBe('HS6');
    expect(cellsToObject(cells)).toEqual(WANT);
    expect(report.rowsRead).toBe(9);
    expect(report.rowsUsed).toBe(4);
    expect(report.rejected).toEqual({
      'partner 0 (World): a total over the partner rows of the file, which agree with it within rounding (partner rows kept)': 1,
      'not imports (flowCode other than M)': 1,
      'breakdown by second partner, customs procedure or transport mode (the aggregate row is used)': 1,
      'total/subtotal row (总值/合计/Total)': 1,
      'aggregate commodity level (2- or 4-digit code)': 1,
    });
  });

  it('refYear/refMonth instead of period; legacy column names', () => {
    const f = tmpFile('ref.csv', 'refYear,refMonth,flowCode,partnerCode,cmdCode,primaryValue\n2016,2,M,392,10121,5\n');
    const r = importComtradeCsv(f);
    expect(cellsToObject(r.cells)).toEqual({ '010121': { '2016-02': 5 } });
    expect(r.report.repairs).toContain('restored leading zero on 1 codes (5 → 6 digits)');
    const legacy = tmpFile(
      'legacy.csv',
      'Period,Trade Flow Code,Partner Code,Commodity Code,Trade Value (US$)\n201603,1,392,854231,7\n201603,2,392,854231,9\n',
    );
    expect(cellsToObject(importComtradeCsv(legacy).cells)).toEqual({ '854231': { '2016-03': 7 } });
  });

  it('bad input: missing columns, annual data, negative values, conflicting duplicates, two reporters', () => {
    expect(() => importComtradeCsv(tmpFile('nocol.csv', 'period,cmdCode\n201501,010121\n'))).toThrow(
      /missing the columns flowCode, partnerCode, primaryValue/,
    );
    expect(() => importComtradeCsv(tmpFile('annual.csv', `${HEADER}\nA,2015,156,M,392,010121,5\n`))).toThrow(
      /line 2, column "freqCode": only monthly data/,
    );
    expect(() => importComtradeCsv(tmpFile('neg.csv', `${HEADER}\nM,201501,156,M,392,010121,-5\n`))).toThrow(
      /line 2, column "primaryValue": negative import value \(got "-5"\)/,
    );
    expect(() =>
      importComtradeCsv(tmpFile('dup.csv', `${HEADER}\nM,201501,156,M,392,010121,5\nM,201501,156,M,392,010121,6\n`)),
    ).toThrow(/line 3.*conflicting duplicate: line 2/);
    expect(() =>
      importComtradeCsv(tmpFile('rep.csv', `${HEADER}\nM,201501,156,M,392,010121,5\nM,201501,842,M,392,010121,6\n`)),
    ).toThrow(/line 3, column "reporterCode": more than one reporter/);
    const same = importComtradeCsv(
      tmpFile('dup2.csv', `${HEADER}\nM,201501,156,M,392,010121,5\nM,201501,156,M,392,010121,5\n`),
    );
    expect(same.report.duplicatesDropped).toBe(1);
    const missing = importComtradeCsv(
      tmpFile('miss.csv', `${HEADER}\nM,201501,156,M,392,010121,\nM,201502,156,M,392,010121,3\n`),
    );
    expect(cellsToObject(missing.cells)).toEqual({ '010121': { '2015-02': 3 } });
    expect(missing.report.rejected['missing value (empty or "-")']).toBe(1);
  });

  it('truncated last line is an error naming the line', () => {
    expect(() =>
      importComtradeCsv(tmpFile('cut.csv', `${HEADER}\nM,201501,156,M,392,010121,5\nM,201501,156,M`)),
    ).toThrow(/line 3: the last record has 4 fields, the header 7: the file ends mid-record/);
  });
});

describe('UN Comtrade API JSON', () => {
  it('reads {"data": [...]} like the CSV', () => {
    const { report, cells } = importComtradeJson(fx('comtrade-api.json'));
    expect(cellsToObject(cells)).toEqual(WANT);
    expect(report.rowsUsed).toBe(4);
    expect(report.rejected['not imports (flowCode other than M)']).toBe(1);
    expect(
      report.rejected[
        'partner 0 (World): a total over the partner rows of the file, which agree with it within rounding (partner rows kept)'
      ],
    ).toBe(1);
  });

  it('bad JSON and wrong shapes are clear errors; record errors name the record', () => {
    expect(() => importComtradeJson(tmpFile('bad.json', '{"data":[{"period":"201501"'))).toThrow(
      /not valid JSON.*truncated/,
    );
    expect(() => importComtradeJson(tmpFile('shape.json', '{"rows":[]}'))).toThrow(
      /expected a UN Comtrade API response/,
    );
    const neg = JSON.stringify({
      data: [{ period: '201501', flowCode: 'M', partnerCode: 392, cmdCode: '010121', primaryValue: -1 }],
    });
    expect(() => importComtradeJson(tmpFile('neg.json', neg))).toThrow(
      /column "data\[0\]\.primaryValue": negative import value/,
    );
  });
});

describe('UN Comtrade partner 0 (World)', () => {
  const rec = (period: string, partnerCode: number, cmdCode: string, primaryValue: number) => ({
    freqCode: 'M',
    period,
    reporterCode: 156,
    flowCode: 'M',
    partnerCode,
    cmdCode,
    primaryValue,
  });

  it('World rows are the data when the file has no partner breakdown (the API at partner 0)', () => {
    const f = tmpFile(
      'world.json',
      JSON.stringify({
        count: 3,
        data: [rec('201501', 0, '854231', 10), rec('201502', 0, '854231', 20), rec('201501', 0, '010121', 5)],
      }),
    );
    const { report, cells } = importComtradeJson(f);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 5 }, '854231': { '2015-01': 10, '2015-02': 20 } });
    expect(report.rowsUsed).toBe(3);
    expect(report.rejected).toEqual({});
    expect(report.notes.join('\n')).toMatch(
      /partner 0 \(World\) rows used as the totals: the file has no partner breakdown \(3 rows\)/,
    );
  });

  it('World and partner rows: agreement within rounding is checked, partner rows kept, disagreement reported', () => {
    const data = [
      rec('201501', 0, '854231', 31),
      rec('201501', 392, '854231', 10),
      rec('201501', 276, '854231', 21),
      rec('201502', 0, '854231', 100),
      rec('201502', 392, '854231', 50),
      rec('201503', 0, '854231', 7),
    ];
    const { report, cells } = importComtradeJson(tmpFile('both.json', JSON.stringify({ data })));
    expect(cellsToObject(cells)).toEqual({ '854231': { '2015-01': 31, '2015-02': 50, '2015-03': 7 } });
    expect(
      report.rejected[
        'partner 0 (World): a total over the partner rows of the file, which agree with it within rounding (partner rows kept)'
      ],
    ).toBe(1);
    expect(
      report.rejected[
        'partner 0 (World): differs from the sum of the partner rows by more than rounding (partner rows kept)'
      ],
    ).toBe(1);
    const note = report.notes.find((n) => n.startsWith('the file holds both'))!;
    expect(note).toContain('1 World rows agree');
    expect(note).toContain('1 differ (largest gap 50 US dollars');
    expect(note).toContain('1 World rows without partner rows used as they are');
    expect(report.rowsRead).toBe(
      report.rowsUsed + Object.values(report.rejected).reduce((a, b) => a + b, 0) + report.duplicatesDropped,
    );
  });

  it('tariff lines at HS8 with level HS8', () => {
    const { cells } = importComtradeJson(
      tmpFile(
        'tl.json',
        JSON.stringify({ data: [rec('201501', 392, '85423110', 4), rec('201501', 276, '85423110', 6)] }),
      ),
      { level: 'HS8' },
    );
    expect(cells.level).toBe('HS8');
    expect(cellsToObject(cells)).toEqual({ '85423110': { '2015-01': 10 } });
  });
});

const BREAKDOWN = 'breakdown by second partner, customs procedure or transport mode (the aggregate row is used)';
const BREAKDOWN_HEADER =
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
    const { cells, report } = importComtradeCsv(tmpFile('breakdown.csv', `${BREAKDOWN_HEADER}\n${rows.join('\n')}\n`));
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 1005 } });
    expect(report.rowsRead).toBe(6);
    expect(report.rowsUsed).toBe(2);
    expect(report.rejected).toEqual({ [BREAKDOWN]: 4 });
  });

  it('CSV: a motCode breakdown row with its own value is not a duplicate of the aggregate row', () => {
    // same code, month and partner as the aggregate row but another value: skipped before the duplicate check
    const { cells, report } = importComtradeCsv(
      tmpFile(
        'mot-only.csv',
        `${BREAKDOWN_HEADER}\nM,201502,156,M,392,0,C00,2,010121,7\nM,201502,156,M,392,0,C00,0,010121,9\n`,
      ),
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
