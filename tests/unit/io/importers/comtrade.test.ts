/**
 * The UN Comtrade importer (lib/io/importers/comtrade.ts): bulk CSV and API JSON files, partner 0 (World), tariff
 * lines; and its breakdown rule: a row broken down by second partner (partner2Code ≠ 0), customs procedure
 * (customsCode ≠ C00) or transport mode (motCode ≠ 0) is a part of another row, so it is skipped and counted — each
 * condition on its own, in the CSV and the JSON importer. Tariff-line data (the `tariffline` dataset) instead sums
 * a cell's breakdown rows, or uses its total row checked against them: tests/fixtures/comtrade-tariffline.{json,csv}
 * have the 34 fields of a real tariff-line answer in the API's order (as comtradeapicall's tariff-line example and its
 * issue #22 show them); their values, customs-procedure descriptions and weights are made up.
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

const TL_AGREE =
  'tariff-line breakdown row of a cell that has a total row, which is used (the breakdown rows agree with it within rounding)';
const TL_DIFFER =
  'tariff-line breakdown row of a cell that has a total row, which is used (the breakdown rows differ from it by more than rounding)';

describe('Comtrade tariff lines: breakdown rows', () => {
  // The fixture, by hand (values made up), China's imports:
  //   85423190 2023-01 Korea: no total; C01/Air 300 + C02/Air 200 + C01/Sea 50.5 = 550.5 (3 rows summed)
  //   85423190 2023-01 Japan: total 1000; breakdowns 600 + 400.2 = 1000.2, within rounding (1.5 for 2 rows): total
  //   85423190 2023-02 Korea: total 700; breakdowns 300 + 200 = 500, 200 off: the total, reported
  //   84862090 2023-01 Germany: no total; second partner Austria/Rail 25 + second partner Germany/Air 15 = 40
  //   84862090 2023-02 Japan: total 80 alone; and one export row
  // Partners summed: 85423190 2023-01 = 550.5 + 1000 = 1550.5, 2023-02 = 700; 84862090 2023-01 = 40, 2023-02 = 80.
  const WANT_TL = { '84862090': { '2023-01': 40, '2023-02': 80 }, '85423190': { '2023-01': 1550.5, '2023-02': 700 } };

  for (const [name, load] of [
    ['JSON', () => importComtradeJson(fx('comtrade-tariffline.json'))],
    ['CSV', () => importComtradeCsv(fx('comtrade-tariffline.csv'))],
  ] as const)
    it(`${name}: breakdown rows summed, totals used and checked, every row counted`, () => {
      const { report, cells } = load();
      expect(cells.level).toBe('HS8');
      expect(cellsToObject(cells)).toEqual(WANT_TL);
      // 13 rows = 8 used (3 + 2 summed breakdowns, 3 totals) + 2 agreeing + 2 differing breakdowns + 1 export
      expect(report.rowsRead).toBe(13);
      expect(report.rowsUsed).toBe(8);
      expect(report.rejected).toEqual({ [TL_AGREE]: 2, [TL_DIFFER]: 2, 'not imports (flowCode other than M)': 1 });
      expect(report.duplicatesDropped).toBe(0);
      expect(report.notes).toContain('tariff lines: 5 breakdown rows summed into 2 cells (cells without a total row)');
      const check = report.notes.find((n) => n.startsWith('tariff lines: 2 cells have a total row'))!;
      expect(check).toContain('1 agree with the sum of their breakdown rows within rounding (2 rows)');
      expect(check).toContain('1 differ (2 rows): 85423190 2023-02 partner 410: total 700');
      expect(check).toContain('breakdown rows sum to 500');
      expect(report.notes.join('\n')).toMatch(/tariff-line data \(recognised from its 8-digit codes\)/);
    });

  it('the same records told to be final data: breakdown rows rejected as before, totals alone used', () => {
    const { report, cells } = importComtradeJson(fx('comtrade-tariffline.json'), { dataset: 'final', level: 'HS8' });
    expect(cellsToObject(cells)).toEqual({
      '84862090': { '2023-02': 80 },
      '85423190': { '2023-01': 1000, '2023-02': 700 },
    });
    expect(report.rowsUsed).toBe(3);
    expect(report.rejected).toEqual({ [BREAKDOWN]: 9, 'not imports (flowCode other than M)': 1 });
  });

  it('recognised from the record shape without 8-digit codes; told by the caller; final shape stays final', () => {
    const tl = (cmd: string, customs: string, mot: number, value: number) => ({
      typeCode: 'C',
      freqCode: 'M',
      refPeriodId: 20230301,
      period: '202303',
      reporterCode: 156,
      flowCode: 'M',
      partnerCode: 392,
      partner2Code: 0,
      classificationCode: 'H6',
      cmdCode: cmd,
      customsCode: customs,
      mosCode: '0',
      motCode: mot,
      primaryValue: value,
    });
    // HS6 codes, tariff-line fields (no refYear/refMonth/isAggregate): 7 + 5 summed
    const shape = importComtradeJson(
      tmpFile('tl-shape.json', JSON.stringify({ data: [tl('854231', 'C01', 1000, 7), tl('854231', 'C02', 2100, 5)] })),
    );
    expect(cellsToObject(shape.cells)).toEqual({ '854231': { '2023-03': 12 } });
    expect(shape.report.rowsUsed).toBe(2);
    expect(shape.report.notes.join('\n')).toMatch(/tariff-line data \(recognised from its fields/);
    // the final shape (refYear, refMonth, isAggregate present): the breakdown row is rejected, the aggregate used
    const fin = (customs: string, mot: number, value: number) => ({
      ...tl('854231', customs, mot, value),
      refYear: 2023,
      refMonth: 3,
      isAggregate: false,
    });
    const final = importComtradeJson(
      tmpFile('final-shape.json', JSON.stringify({ data: [fin('C00', 0, 12), fin('C01', 1000, 7)] })),
    );
    expect(cellsToObject(final.cells)).toEqual({ '854231': { '2023-03': 12 } });
    expect(final.report.rejected).toEqual({ [BREAKDOWN]: 1 });
    // told by the caller: a CSV with HS6 codes and only the breakdown columns, summed (4 + 6 = 10)
    const csv = tmpFile(
      'told.csv',
      `${BREAKDOWN_HEADER}\nM,201501,156,M,392,0,C01,0,010121,4\nM,201501,156,M,392,344,C00,0,010121,6\n`,
    );
    const told = importComtradeCsv(csv, { dataset: 'tariffline', level: 'HS6' });
    expect(cellsToObject(told.cells)).toEqual({ '010121': { '2015-01': 10 } });
    expect(told.report.notes.join('\n')).toMatch(/tariff-line data \(as the caller said\)/);
    expect(importComtradeCsv(csv).report.rejected).toEqual({ [BREAKDOWN]: 2 });
  });

  it('tariff-line duplicates and conflicts; a total row without a value: its breakdown rows are summed instead', () => {
    const H = 'period,reporterCode,flowCode,partnerCode,partner2Code,customsCode,motCode,cmdCode,primaryValue';
    // identical breakdown rows are duplicates (dropped, counted); a breakdown row repeated with another value is an error
    const dup = importComtradeCsv(
      tmpFile('tl-dup.csv', `${H}\n202301,156,M,392,0,C01,1000,85423190,3\n202301,156,M,392,0,C01,1000,85423190,3\n`),
    );
    expect(cellsToObject(dup.cells)).toEqual({ '85423190': { '2023-01': 3 } });
    expect(dup.report.duplicatesDropped).toBe(1);
    expect(() =>
      importComtradeCsv(
        tmpFile(
          'tl-conflict.csv',
          `${H}\n202301,156,M,392,0,C01,1000,85423190,3\n202301,156,M,392,0,C01,1000,85423190,4\n`,
        ),
      ),
    ).toThrow(/line 3, column "primaryValue": conflicting duplicate: line 2/);
    // a total with no value: counted as missing, the cell is its breakdown rows 2 + 3 = 5
    const miss = importComtradeCsv(
      tmpFile(
        'tl-miss.csv',
        `${H}\n202301,156,M,392,0,C00,0,85423190,\n202301,156,M,392,0,C01,1000,85423190,2\n202301,156,M,392,0,C02,1000,85423190,3\n`,
      ),
    );
    expect(cellsToObject(miss.cells)).toEqual({ '85423190': { '2023-01': 5 } });
    expect(miss.report.rowsRead).toBe(3);
    expect(miss.report.rowsUsed).toBe(2);
    expect(miss.report.rejected).toEqual({ 'missing value (empty or "-")': 1 });
    expect(miss.report.notes).toContain(
      'tariff lines: 2 breakdown rows summed into 1 cells (cells without a total row)',
    );
  });

  it('World (partner 0) tariff lines: breakdown rows summed, and checked as a sum against the partner rows', () => {
    const H = 'period,reporterCode,flowCode,partnerCode,partner2Code,customsCode,motCode,cmdCode,primaryValue';
    // World only, broken down by transport mode: 4 + 6 = 10
    const alone = importComtradeCsv(
      tmpFile('tl-world.csv', `${H}\n202301,156,M,0,0,C01,1000,85423190,4\n202301,156,M,0,0,C01,2100,85423190,6\n`),
    );
    expect(cellsToObject(alone.cells)).toEqual({ '85423190': { '2023-01': 10 } });
    expect(alone.report.rowsUsed).toBe(2);
    // World rows 4 + 6 = 10 against partner rows 7 + 3 = 10: both World rows agree and are counted, partner rows kept
    const both = importComtradeCsv(
      tmpFile(
        'tl-world-both.csv',
        `${H}\n202301,156,M,0,0,C01,1000,85423190,4\n202301,156,M,0,0,C01,2100,85423190,6\n` +
          `202301,156,M,392,0,C01,1000,85423190,7\n202301,156,M,410,0,C01,2100,85423190,3\n`,
      ),
    );
    expect(cellsToObject(both.cells)).toEqual({ '85423190': { '2023-01': 10 } });
    expect(both.report.rowsUsed).toBe(2);
    expect(both.report.rejected).toEqual({
      'partner 0 (World): a total over the partner rows of the file, which agree with it within rounding (partner rows kept)': 2,
    });
  });
});
