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
import { cellsToObject, FIXTURES, tmpDir, tmpFile } from '../../../helpers/importers.js';
import { messageOf } from '../../../helpers/thrown.js';

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

// ---- Hand-made records for the rules below (each test writes its own small file) ----

type Rec = Record<string, unknown>;
const NOT_IMPORTS = 'not imports (flowCode other than M)';
const MISSING = 'missing value (empty or "-")';
const AGGREGATE = 'aggregate commodity level (2- or 4-digit code)';
const WORLD_AGREE =
  'partner 0 (World): a total over the partner rows of the file, which agree with it within rounding (partner rows kept)';
const WORLD_DIFFERS =
  'partner 0 (World): differs from the sum of the partner rows by more than rounding (partner rows kept)';
const NOTE_HS6 = 'UN Comtrade: imports (flowCode M) only, HS6 codes, primaryValue in US dollars (CIF)';
const NOTE_NATIONAL =
  'UN Comtrade: imports (flowCode M) only, national (the first code fixes the level) codes, primaryValue in US dollars (CIF)';
const noteTl = (why: string): string =>
  `tariff-line data (${why}): rows of one code, month and partner broken down by second partner, customs procedure or transport mode are summed into the cell`;

/** A final-data API record (imports from Japan of 010121 in January 2015 unless told otherwise). */
const api = (over: Rec = {}): Rec => ({
  freqCode: 'M',
  period: '201501',
  reporterCode: 156,
  flowCode: 'M',
  partnerCode: 392,
  cmdCode: '010121',
  primaryValue: 1,
  ...over,
});
/** A tariff-line record: customsCode C00 (with motCode 0) is the cell's total row, any other a breakdown row. */
const tline = (
  cmdCode: string,
  partnerCode: number,
  customsCode: string,
  primaryValue: number | null,
  period = '202301',
) => ({
  period,
  reporterCode: 156,
  flowCode: 'M',
  partnerCode,
  partner2Code: 0,
  customsCode,
  motCode: customsCode === 'C00' ? 0 : 1000,
  cmdCode,
  primaryValue,
});
const importJson = (name: string, data: unknown[], opts?: Parameters<typeof importComtradeJson>[1]) =>
  importComtradeJson(tmpFile(name, JSON.stringify({ data })), opts);

describe('Comtrade record fields', () => {
  it('JSON nulls are empty fields (no freqCode, no reporter, a missing value) and texts are trimmed', () => {
    const { cells, report } = importJson('nulls.json', [
      api({ freqCode: null, reporterCode: null, cmdCode: ' 010121 ', primaryValue: 7 }),
      api({ period: '201502', primaryValue: null }),
    ]);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 7 } });
    expect(report.rowsUsed).toBe(1);
    expect(report.rejected).toEqual({ [MISSING]: 1 });
  });

  it('a record without reporterCode does not fix the reporter: the first one given does', () => {
    const rows = ['M,201501,,M,392,010121,5', 'M,201502,156,M,392,010121,6'];
    const ok = importComtradeCsv(tmpFile('rep-empty.csv', `${HEADER}\n${rows.join('\n')}\n`));
    expect(cellsToObject(ok.cells)).toEqual({ '010121': { '2015-01': 5, '2015-02': 6 } });
    expect(
      messageOf(() =>
        importComtradeCsv(tmpFile('rep-third.csv', `${HEADER}\n${rows.join('\n')}\nM,201503,842,M,392,010121,7\n`)),
      ),
    ).toBe(
      'importComtradeCsv: rep-third.csv, line 4, column "reporterCode": more than one reporter in the file (first was 156): import one reporter at a time (got "842")',
    );
  });

  it('flowCode Import (any case) is imports like M and 1; Export is not', () => {
    const rows = [
      'M,201501,156,Import,392,010121,5',
      'M,201502,156,import,392,010121,6',
      'M,201503,156,Export,392,010121,9',
    ];
    const { cells, report } = importComtradeCsv(tmpFile('flow-words.csv', `${HEADER}\n${rows.join('\n')}\n`));
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 5, '2015-02': 6 } });
    expect(report.rejected).toEqual({ [NOT_IMPORTS]: 1 });
  });

  it('only the whole word Total is a total row; other codes that are not all digits are errors', () => {
    const total = importJson('total-word.json', [
      api({ cmdCode: 'TOTAL' }),
      api({ cmdCode: '010121', primaryValue: 3 }),
    ]);
    expect(total.report.rejected).toEqual({ 'total/subtotal row (总值/合计/Total)': 1 });
    for (const cmd of ['Subtotal', 'Totals', 'x010121', '010121x'])
      expect(messageOf(() => importJson('cmd-text.json', [api({ cmdCode: cmd })]))).toBe(
        `importComtradeJson: cmd-text.json, column "data[0].cmdCode": commodity code is not a number (got "${cmd}")`,
      );
  });

  it('2- and 4-digit codes are aggregate levels, skipped and counted', () => {
    const { cells, report } = importJson('aggregates.json', [
      api({ cmdCode: '8542', primaryValue: 5 }),
      api({ cmdCode: '85', primaryValue: 5 }),
      api({ cmdCode: '854231', primaryValue: 7 }),
    ]);
    expect(cellsToObject(cells)).toEqual({ '854231': { '2015-01': 7 } });
    expect(report.rejected).toEqual({ [AGGREGATE]: 2 });
  });

  it('a conflicting duplicate names the code, month and partner key', () => {
    expect(
      messageOf(() =>
        importComtradeCsv(
          tmpFile('dup-msg.csv', `${HEADER}\nM,201501,156,M,392,010121,5\nM,201501,156,M,392,010121,6\n`),
        ),
      ),
    ).toBe(
      'importComtradeCsv: dup-msg.csv, line 3, column "primaryValue": conflicting duplicate: line 2 has the same code, month, partner with value 5 (got "6")',
    );
  });
});

describe('Comtrade breakdown rule: a transport-mode row is rejected by itself', () => {
  // the motCode row's month has no aggregate row, so only the rule (not the duplicate check) keeps it out
  it('CSV: motCode 1 with no aggregate row in its month is skipped and counted', () => {
    const rows = ['M,201501,156,M,392,0,C00,0,010121,1000', 'M,201502,156,M,392,0,C00,1,010121,600'];
    const { cells, report } = importComtradeCsv(tmpFile('mot-alone.csv', `${BREAKDOWN_HEADER}\n${rows.join('\n')}\n`));
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 1000 } });
    expect(report.rowsUsed).toBe(1);
    expect(report.rejected).toEqual({ [BREAKDOWN]: 1 });
  });

  it('JSON: motCode 2100 with no aggregate row in its month is skipped and counted', () => {
    const b = { partner2Code: 0, customsCode: 'C00' };
    const { cells, report } = importJson('mot-alone.json', [
      api({ ...b, motCode: 0, primaryValue: 1000 }),
      api({ ...b, motCode: 2100, period: '201502', primaryValue: 600 }),
    ]);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 1000 } });
    expect(report.rejected).toEqual({ [BREAKDOWN]: 1 });
  });
});

describe('Comtrade final or tariff-line data, and the notes that say so', () => {
  it('final data without a level: HS6 codes, and no tariff-line note', () => {
    const { report } = importJson('final-notes.json', [api({ primaryValue: 5 })]);
    expect(report.notes).toEqual([NOTE_HS6]);
  });

  it('an empty answer ({"data": []}) is final HS6 data with nothing in it', () => {
    const { report, cells } = importJson('empty.json', []);
    expect(cells.n).toBe(0);
    expect(report.notes).toEqual([NOTE_HS6]);
  });

  it('tariff lines recognised from 8-digit codes without a level: the first code fixes the level', () => {
    // totals only: no breakdown rows summed, no cell checked, so those two notes are absent
    const { report, cells } = importJson('tl-totals.json', [
      tline('85423190', 392, 'C00', 5),
      tline('85423190', 410, 'C00', 7),
    ]);
    expect(cells.level).toBe('HS8');
    expect(cellsToObject(cells)).toEqual({ '85423190': { '2023-01': 12 } });
    expect(report.notes).toEqual([NOTE_NATIONAL, noteTl('recognised from its 8-digit codes')]);
  });

  it('level HS8 makes tariff lines even when the first record is an aggregate code', () => {
    // no mosCode, so the record shape alone would not say tariff line: the breakdown rows are summed (4 + 6)
    const rec = (cmdCode: string, customsCode: string, primaryValue: number) => ({
      ...api({ cmdCode, primaryValue, period: '202301' }),
      partner2Code: 0,
      customsCode,
      motCode: 1000,
    });
    const { report, cells } = importJson(
      'hs8-first-aggregate.json',
      [rec('8542', 'C01', 9), rec('85423190', 'C01', 4), rec('85423190', 'C02', 6)],
      {
        level: 'HS8',
      },
    );
    expect(cellsToObject(cells)).toEqual({ '85423190': { '2023-01': 10 } });
    expect(report.rejected).toEqual({ [AGGREGATE]: 1 });
    expect(report.notes).toEqual([
      'UN Comtrade: imports (flowCode M) only, HS8 codes, primaryValue in US dollars (CIF)',
      noteTl('recognised from its 8-digit codes'),
      'tariff lines: 2 breakdown rows summed into 1 cells (cells without a total row)',
    ]);
  });

  it('a first code of 9 digits (an export row) is not an 8-digit tariff line: the data stay final', () => {
    const b = { partner2Code: 0, motCode: 0 };
    const { report, cells } = importJson('nine-digits.json', [
      api({ ...b, customsCode: 'C00', flowCode: 'X', cmdCode: '123456789' }),
      api({ ...b, customsCode: 'C00', primaryValue: 10 }),
      api({ ...b, customsCode: 'C01', primaryValue: 4 }),
    ]);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 10 } });
    expect(report.rejected).toEqual({ [NOT_IMPORTS]: 1, [BREAKDOWN]: 1 });
    expect(report.notes).toEqual([NOTE_HS6]);
  });

  it('the tariff-line shape with any one of refYear, refMonth, isAggregate is final data', () => {
    const rec = (customsCode: string, motCode: number, primaryValue: number) =>
      api({ period: '202303', refYear: 2023, partner2Code: 0, customsCode, mosCode: '0', motCode, primaryValue });
    const { report, cells } = importJson('tl-shape-refyear.json', [rec('C00', 0, 12), rec('C01', 1000, 7)]);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2023-03': 12 } });
    expect(report.rejected).toEqual({ [BREAKDOWN]: 1 });
  });
});

describe('Comtrade tariff lines: totals against their breakdown rows', () => {
  const A = '85423190';
  const check = (cells: number, agree: number, agreeRows: number, differ = '') =>
    `tariff lines: ${cells} cells have a total row and breakdown rows: the total is used; ${agree} agree with the sum of their breakdown rows within rounding (${agreeRows} rows)${differ}`;

  it('a breakdown row without a value is left out of the sum the total is checked against', () => {
    const { report, cells } = importJson('tl-missing-part.json', [
      tline(A, 392, 'C00', 10),
      tline(A, 392, 'C01', 4),
      tline(A, 392, 'C02', 6),
      tline(A, 392, 'C03', null),
    ]);
    expect(cellsToObject(cells)).toEqual({ [A]: { '2023-01': 10 } });
    expect(report.rejected).toEqual({ [TL_AGREE]: 3 });
    expect(report.notes.slice(2)).toEqual([check(1, 1, 3)]);
  });

  it('within rounding: half a dollar per row plus one (gap 1 for one row agrees, 1.1 not), or 1e-9 of the total', () => {
    const { report, cells } = importJson('tl-rounding.json', [
      tline(A, 392, 'C00', 10),
      tline(A, 392, 'C01', 9), // gap 1 = 0.5 × (1 + 1): agrees
      tline(A, 410, 'C00', 10),
      tline(A, 410, 'C01', 8.9), // gap 1.1: differs
      tline(A, 392, 'C00', 1e10, '202302'),
      tline(A, 392, 'C01', 1e10 - 5, '202302'), // gap 5 ≤ 1e-9 × 1e10 = 10: agrees
    ]);
    expect(cellsToObject(cells)).toEqual({ [A]: { '2023-01': 20, '2023-02': 1e10 } });
    expect(report.rejected).toEqual({ [TL_AGREE]: 2, [TL_DIFFER]: 1 });
    expect(report.notes.slice(2)).toEqual([
      check(
        3,
        2,
        2,
        `, 1 differ (1 rows): ${A} 2023-01 partner 410: total 10 (data[2].primaryValue at 3), breakdown rows sum to 8.9`,
      ),
    ]);
  });

  it('a differing cell is named by its code with leading zeros at HS8 and at HS6', () => {
    const hs8 = importJson('tl-zero-hs8.json', [tline('01012110', 392, 'C00', 10), tline('01012110', 392, 'C01', 3)]);
    expect(hs8.report.notes.slice(2)).toEqual([
      check(
        1,
        0,
        0,
        ', 1 differ (1 rows): 01012110 2023-01 partner 392: total 10 (data[0].primaryValue at 1), breakdown rows sum to 3',
      ),
    ]);
    const hs6 = importJson('tl-zero-hs6.json', [tline('010121', 392, 'C00', 10), tline('010121', 392, 'C01', 3)], {
      dataset: 'tariffline',
      level: 'HS6',
    });
    expect(hs6.report.notes.slice(2)).toEqual([
      check(
        1,
        0,
        0,
        ', 1 differ (1 rows): 010121 2023-01 partner 392: total 10 (data[0].primaryValue at 1), breakdown rows sum to 3',
      ),
    ]);
  });

  it('the first 20 differing cells are named, separated by "; ", the rest counted', () => {
    // partner p's cell: total 10 against one breakdown row of 1 (records 2(p−1) and 2(p−1)+1)
    const data = (n: number) =>
      Array.from({ length: n }, (_, k) => [tline(A, k + 1, 'C00', 10), tline(A, k + 1, 'C01', 1)]).flat();
    const named = (n: number) =>
      Array.from(
        { length: n },
        (_, k) =>
          `${A} 2023-01 partner ${k + 1}: total 10 (data[${2 * k}].primaryValue at ${2 * k + 1}), breakdown rows sum to 1`,
      ).join('; ');
    const twenty = importJson('tl-differ-20.json', data(20));
    expect(twenty.report.notes.slice(2)).toEqual([check(20, 0, 0, `, 20 differ (20 rows): ${named(20)}`)]);
    const more = importJson('tl-differ-21.json', data(21));
    expect(more.report.notes.slice(2)).toEqual([check(21, 0, 0, `, 21 differ (21 rows): ${named(20)}; and 1 more`)]);
  });

  it('a total row without a value and no breakdown rows is a missing value (a repeat of it a duplicate)', () => {
    const { report, cells } = importJson('tl-empty-total.json', [
      tline(A, 392, 'C00', null),
      tline(A, 392, 'C00', null),
      tline(A, 410, 'C00', 5),
    ]);
    expect(cellsToObject(cells)).toEqual({ [A]: { '2023-01': 5 } });
    expect(report.rejected).toEqual({ [MISSING]: 1 });
    expect(report.duplicatesDropped).toBe(1);
  });

  it('cells in descending month order: duplicates are checked with the full key index, and the notes say so', () => {
    // a total-only cell for February, then January's total with a breakdown row: the months go backwards
    const H = 'period,reporterCode,flowCode,partnerCode,partner2Code,customsCode,motCode,cmdCode,primaryValue';
    const rows = [
      `202302,156,M,392,0,C00,0,${A},5`,
      `202301,156,M,392,0,C00,0,${A},10`,
      `202301,156,M,392,0,C01,1000,${A},10`,
    ];
    const { report, cells } = importComtradeCsv(tmpFile('tl-backwards.csv', `${H}\n${rows.join('\n')}\n`));
    expect(cellsToObject(cells)).toEqual({ [A]: { '2023-01': 10, '2023-02': 5 } });
    expect(report.notes).toContain(
      'the file is not sorted, so duplicates were checked with a full key index (memory grows with the rows)',
    );
  });

  it('two total rows of one cell, one with a value, are a conflicting duplicate even with breakdown rows', () => {
    expect(
      messageOf(() =>
        importJson('tl-two-totals.json', [
          tline(A, 392, 'C00', 5),
          tline(A, 392, 'C00', null),
          tline(A, 392, 'C01', 3),
        ]),
      ),
    ).toBe(
      'importComtradeJson: tl-two-totals.json, line 2, column "data[1].primaryValue": conflicting duplicate: line 1 has the same code, month, partner with value 5 (got "")',
    );
  });
});

describe('Comtrade World rows against partner rows', () => {
  const both = 'the file holds both partner 0 (World) and partner rows: partner rows kept; ';

  it('the note counts agreeing, differing and lone World rows exactly', () => {
    const { report } = importJson('world-note.json', [
      api({ partnerCode: 0, primaryValue: 31 }),
      api({ primaryValue: 10 }),
      api({ partnerCode: 276, primaryValue: 21 }),
      api({ period: '201502', partnerCode: 0, primaryValue: 100 }),
      api({ period: '201502', primaryValue: 50 }),
      api({ period: '201503', partnerCode: 0, primaryValue: 7 }),
    ]);
    expect(report.notes).toEqual([
      NOTE_HS6,
      `${both}1 World rows agree with their partner sums within rounding, 1 differ (largest gap 50 US dollars, data[3].primaryValue at 4), 1 World rows without partner rows used as they are`,
    ]);
  });

  it('within rounding: half a dollar per partner row plus one, or 1e-9 of the World value; a World row without a value agrees', () => {
    const { report, cells } = importJson('world-rounding.json', [
      api({ partnerCode: 0, primaryValue: 10 }),
      api({ primaryValue: 9 }), // gap 1 = 0.5 × (1 + 1)
      api({ period: '201502', partnerCode: 0, primaryValue: null }),
      api({ period: '201502', primaryValue: 5 }),
      api({ period: '201503', partnerCode: 0, primaryValue: 1e10 }),
      api({ period: '201503', primaryValue: 1e10 - 5 }), // gap 5 ≤ 1e-9 × 1e10 = 10
    ]);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 9, '2015-02': 5, '2015-03': 1e10 - 5 } });
    expect(report.rejected).toEqual({ [WORLD_AGREE]: 3 });
    expect(report.notes).toEqual([NOTE_HS6, `${both}3 World rows agree with their partner sums within rounding`]);
  });

  it('the largest gap is named by its first World row', () => {
    // gaps 5, 50, 50, 20
    const pair = (period: string, world: number, partner: number) => [
      api({ period, partnerCode: 0, primaryValue: world }),
      api({ period, primaryValue: partner }),
    ];
    const { report } = importJson('world-worst.json', [
      ...pair('201501', 105, 100),
      ...pair('201502', 150, 100),
      ...pair('201503', 250, 200),
      ...pair('201504', 120, 100),
    ]);
    expect(report.rejected).toEqual({ [WORLD_DIFFERS]: 4 });
    expect(report.notes[1]).toBe(
      `${both}0 World rows agree with their partner sums within rounding, 4 differ (largest gap 50 US dollars, data[2].primaryValue at 3)`,
    );
  });

  it('a row with an empty partnerCode is not the World row of its code and month', () => {
    const { report, cells } = importJson('partner-empty.json', [
      api({ partnerCode: '', primaryValue: null }),
      api({ partnerCode: 0, primaryValue: 5 }),
    ]);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 5 } });
    expect(report.rejected).toEqual({ [MISSING]: 1 });
    expect(report.duplicatesDropped).toBe(0);
  });

  it('with keepPartners a World row used as it is keeps partner 0', () => {
    const { cells } = importJson(
      'world-keep.json',
      [api({ primaryValue: 7 }), api({ period: '201502', partnerCode: 0, primaryValue: 5 })],
      { keepPartners: true },
    );
    expect(cells.subs).toEqual([
      { partner: '392', regime: '' },
      { partner: '0', regime: '' },
    ]);
    expect(Array.from(cells.month)).toEqual([1380, 1381]);
    expect(Array.from(cells.sub!)).toEqual([0, 1]);
  });
});

describe('Comtrade partner rows without a World row', () => {
  // 2015-01 has a World row (30 = 10 + 20); 2015-02 only partner rows: Japan 5 + Argentina 6
  const data = () => [
    api({ partnerCode: 0, partnerDesc: 'World', primaryValue: 30 }),
    api({ partnerCode: 392, partnerDesc: 'Japan', primaryValue: 10 }),
    api({ partnerCode: 276, partnerDesc: 'Germany', primaryValue: 20 }),
    api({ period: '201502', partnerCode: 392, partnerDesc: 'Japan', primaryValue: 5 }),
    api({ period: '201502', partnerCode: 32, partnerDesc: 'Argentina', primaryValue: 6 }),
  ];

  it('the report names the summed partners and the code-months that are their sum', () => {
    const { report, cells } = importJson('partners-some.json', data());
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 30, '2015-02': 11 } });
    expect(report.partners).toEqual({
      codes: ['32', '392'],
      names: ['Argentina', 'Japan'],
      cells: 1,
      ofCells: 2,
      files: ['partners-some.json'],
      text: "sum of 2 partners: Argentina, Japan — not China's total imports (in 1 of 2 code-months; the others have World totals)",
    });
    expect(report.notes.some((n) => n.startsWith('no partner 0 (World) rows'))).toBe(false);
  });

  it('with everyPartner the sum is the total: a note, no partial-partner report', () => {
    const { report } = importJson('partners-every.json', data(), { everyPartner: true });
    expect(report.partners).toBeUndefined();
    expect(report.notes).toContain(
      'no partner 0 (World) rows in 1 code-months: their partner rows (2 partners, every partner of the request) are summed into the total',
    );
  });
});

// A record's month and value, the partner sums, the CSV header and the JSON document

const H = 'period,flowCode,partnerCode,cmdCode,primaryValue';
const csv = (name: string, header: string, rows: string[]): string => tmpFile(name, `${header}\n${rows.join('\n')}\n`);
const json = (name: string, data: unknown[]): string => tmpFile(name, JSON.stringify({ data }));
/** A final-data JSON record: imports of 010121 from partner 392 in 2015-01, 5 US dollars, unless overridden. */
const rec = (o: Record<string, unknown> = {}): Record<string, unknown> => ({
  period: '201501',
  flowCode: 'M',
  partnerCode: 392,
  cmdCode: '010121',
  primaryValue: 5,
  ...o,
});
const PERIOD = 'period must be YYYYMM (or refYear and refMonth 1–12)';

describe('Comtrade period', () => {
  it('refPeriodId (YYYYMMDD or YYYY-MM) stands for period; 1900-01 and 2240-12 are the first and last months', () => {
    const ref = importComtradeCsv(
      csv('refperiod.csv', 'refPeriodId,flowCode,partnerCode,cmdCode,primaryValue', [
        '20150101,M,392,010121,5',
        '2015-02,M,392,010121,6',
      ]),
    );
    expect(cellsToObject(ref.cells)).toEqual({ '010121': { '2015-01': 5, '2015-02': 6 } });
    const ends = importComtradeCsv(csv('ends.csv', H, ['190001,M,392,010121,1', '224012,M,392,010121,2']));
    expect(cellsToObject(ends.cells)).toEqual({ '010121': { '1900-01': 1, '2240-12': 2 } });
  });

  it('a period of YYYY takes its month from refMonth, its year from refYear when given; refYear/refMonth alone', () => {
    const f = json('year-period.json', [
      rec({ period: '2015', refMonth: 3 }),
      rec({ period: '2015', refYear: 2016, refMonth: 4, cmdCode: '854231' }),
    ]);
    expect(cellsToObject(importComtradeJson(f).cells)).toEqual({
      '010121': { '2015-03': 5 },
      '854231': { '2016-04': 5 },
    });
    const { period: _p, ...noPeriod } = rec({ refYear: 2016, refMonth: 2 });
    expect(cellsToObject(importComtradeJson(json('ref-only.json', [noPeriod])).cells)).toEqual({
      '010121': { '2016-02': 5 },
    });
  });

  it('a period that is not YYYYMM, YYYY-MM, YYYYMMDD or YYYY is an error naming it, even beside a good refYear/refMonth', () => {
    const header = 'period,refYear,refMonth,flowCode,partnerCode,cmdCode,primaryValue';
    for (const p of ['x2015', '2015x', 'x201501', '201501x', '2015011'])
      expect(messageOf(() => importComtradeCsv(csv('bad-period.csv', header, [`${p},2015,1,M,392,010121,5`])))).toBe(
        `importComtradeCsv: bad-period.csv, line 2, column "period": ${PERIOD} (got "${p}")`,
      );
  });

  it('months 0 and 13, years 1899 and 2241 are errors; without a period the message shows refYear/refMonth', () => {
    for (const p of ['201500', '201513', '189912', '224101'])
      expect(messageOf(() => importComtradeCsv(csv('bounds.csv', H, [`${p},M,392,010121,5`])))).toBe(
        `importComtradeCsv: bounds.csv, line 2, column "period": ${PERIOD} (got "${p}")`,
      );
    const ym = csv('ym.csv', 'refYear,refMonth,flowCode,partnerCode,cmdCode,primaryValue', ['2015,13,M,392,010121,5']);
    expect(messageOf(() => importComtradeCsv(ym))).toBe(
      `importComtradeCsv: ym.csv, line 2, column "period": ${PERIOD} (got "2015/13")`,
    );
    const { period: _p, ...noPeriod } = rec({ refYear: 2015, refMonth: 0 });
    expect(messageOf(() => importComtradeJson(json('ym.json', [noPeriod])))).toBe(
      `importComtradeJson: ym.json, column "data[0].period": ${PERIOD} (got "2015/0")`,
    );
  });
});

describe('Comtrade primaryValue and the places errors name', () => {
  it('JSON numbers: 0 is a value; a negative number or Infinity (1e999) is an error showing the number', () => {
    const zero = importComtradeJson(json('zero.json', [rec({ primaryValue: 0 }), rec({ period: '201502' })]));
    expect(cellsToObject(zero.cells)).toEqual({ '010121': { '2015-01': 0, '2015-02': 5 } });
    expect(zero.report.rowsUsed).toBe(2);
    expect(messageOf(() => importComtradeJson(json('neg.json', [rec({ primaryValue: -1 })])))).toBe(
      'importComtradeJson: neg.json, column "data[0].primaryValue": negative import value (got -1)',
    );
    const inf = tmpFile(
      'inf.json',
      '{"data":[{"period":"201501","flowCode":"M","partnerCode":392,"cmdCode":"010121","primaryValue":1e999}]}',
    );
    expect(messageOf(() => importComtradeJson(inf))).toBe(
      'importComtradeJson: inf.json, column "data[0].primaryValue": value is not a finite number (got Infinity)',
    );
  });

  it('text values: thousands separators are parsed and counted; other text is not a number', () => {
    const r = importComtradeCsv(csv('sep.csv', H, ['201501,M,392,010121,"1,234"', '201502,M,392,010121,5']));
    expect(cellsToObject(r.cells)).toEqual({ '010121': { '2015-01': 1234, '2015-02': 5 } });
    expect(r.report.repairs).toEqual(['parsed thousands separators in 1 values']);
    expect(importComtradeCsv(csv('plain.csv', H, ['201501,M,392,010121,5'])).report.repairs).toEqual([]);
    expect(messageOf(() => importComtradeCsv(csv('abc.csv', H, ['201501,M,392,010121,abc'])))).toBe(
      'importComtradeCsv: abc.csv, line 2, column "primaryValue": value is not a number (got "abc")',
    );
  });

  it('a value of characters outside ASCII is not a number (ĵ, U+0135, is not read as the digit 5)', () => {
    expect(messageOf(() => importComtradeCsv(csv('wide.csv', H, ['201501,M,392,010121,\u0135'])))).toBe(
      'importComtradeCsv: wide.csv, line 2, column "primaryValue": value is not a number (got "\u0135")',
    );
    expect(messageOf(() => importComtradeJson(json('wide.json', [rec({ primaryValue: '1\u012c234' })])))).toBe(
      'importComtradeJson: wide.json, column "data[0].primaryValue": value is not a number (got "1\u012c234")',
    );
  });

  it('a text value has 60 characters at most: 60 are read, 61 are not a number', () => {
    const v60 = '5.' + '0'.repeat(58);
    expect(cellsToObject(importComtradeCsv(csv('v60.csv', H, [`201501,M,392,010121,${v60}`])).cells)).toEqual({
      '010121': { '2015-01': 5 },
    });
    for (const v61 of [v60 + '0', '-' + '1'.repeat(58) + 'e5'])
      expect(messageOf(() => importComtradeCsv(csv('v61.csv', H, [`201501,M,392,010121,${v61}`])))).toBe(
        `importComtradeCsv: v61.csv, line 2, column "primaryValue": value is not a number (got "${v61}")`,
      );
  });

  it('a code of the wrong length names the column: cmdCode in a CSV, data[i].cmdCode in JSON', () => {
    const want =
      'commodity code must have 6 digits in this HS6 file (an aggregate level, or more than one leading zero lost)';
    expect(messageOf(() => importComtradeCsv(csv('code.csv', H, ['201501,M,392,123,5'])))).toBe(
      `importComtradeCsv: code.csv, line 2, column "cmdCode": ${want} (got "123")`,
    );
    expect(messageOf(() => importComtradeJson(json('code.json', [rec(), rec({ cmdCode: '123' })])))).toBe(
      `importComtradeJson: code.json, column "data[1].cmdCode": ${want} (got "123")`,
    );
  });

  it('a JSON conflicting duplicate names records by their 1-based number and the value column data[i].primaryValue', () => {
    const f = json('dup.json', [rec({ period: '201502' }), rec(), rec({ primaryValue: 6 })]);
    expect(messageOf(() => importComtradeJson(f))).toBe(
      'importComtradeJson: dup.json, line 3, column "data[2].primaryValue": conflicting duplicate: line 2 has the same code, month, partner with value 5 (got "6")',
    );
  });
});

describe('Comtrade partner sums', () => {
  it('a partner row without a value is left out of the sum the World row is checked against', () => {
    const f = json('world-missing.json', [
      rec({ partnerCode: 0, primaryValue: 10 }),
      rec({ partnerCode: 392, primaryValue: 10 }),
      rec({ partnerCode: 276, primaryValue: null }),
    ]);
    const { cells, report } = importComtradeJson(f);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 10 } });
    expect(report.rejected).toEqual({ [WORLD_AGREE]: 1, [MISSING]: 1 });
  });

  it('the rounding allowed between a World row and its partner rows is half a dollar per row plus one', () => {
    // two partner rows: 0.5 × (2 + 1) = 1.5 dollars; a gap of 1 agrees, a gap of 2 differs
    const f = json('world-rounding.json', [
      rec({ partnerCode: 0, primaryValue: 10 }),
      rec({ partnerCode: 392, primaryValue: 4 }),
      rec({ partnerCode: 276, primaryValue: 5 }),
      rec({ period: '201502', partnerCode: 0, primaryValue: 10 }),
      rec({ period: '201502', partnerCode: 392, primaryValue: 4 }),
      rec({ period: '201502', partnerCode: 276, primaryValue: 4 }),
    ]);
    const { cells, report } = importComtradeJson(f);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 9, '2015-02': 8 } });
    expect(report.rejected).toEqual({ [WORLD_AGREE]: 1, [WORLD_DIFFERS]: 1 });
  });

  it('report.partners names each summed partner by the first partnerDesc given, else by code (an empty code too)', () => {
    const f = json('descs.json', [
      rec({ partnerCode: 392, partnerDesc: 'Japan' }),
      rec({ period: '201502', partnerCode: 392, partnerDesc: '' }),
      rec({ partnerCode: 276, partnerDesc: 'Germany' }),
      rec({ partnerCode: 32 }),
      rec({ partnerCode: '', partnerDesc: 'Areas, nes' }),
    ]);
    expect(importComtradeJson(f).report.partners).toEqual({
      codes: ['', '32', '276', '392'],
      names: ['Areas, nes', '', 'Germany', 'Japan'],
      cells: 2,
      ofCells: 2,
      files: ['descs.json'],
      text: "sum of 4 partners: Areas, nes, partner 32, Germany, Japan — not China's total imports",
    });
  });

  it('everyPartner: the partner sum is the total, said in a note instead of report.partners (CSV and JSON)', () => {
    const note =
      'no partner 0 (World) rows in 1 code-months: their partner rows (2 partners, every partner of the request) are summed into the total';
    const partners = {
      codes: ['276', '392'],
      names: ['', ''],
      cells: 1,
      ofCells: 1,
      text: "sum of 2 partners: partner 276, 392 — not China's total imports",
    };
    const c = csv('every.csv', H, ['201501,M,392,010121,5', '201501,M,276,010121,7']);
    expect(importComtradeCsv(c).report.partners).toMatchObject({ ...partners, files: ['every.csv'] });
    const ce = importComtradeCsv(c, { everyPartner: true }).report;
    expect([ce.partners, ce.notes.includes(note)]).toEqual([undefined, true]);
    const j = json('every.json', [rec(), rec({ partnerCode: 276, primaryValue: 7 })]);
    expect(importComtradeJson(j).report.partners).toMatchObject({ ...partners, files: ['every.json'] });
    const je = importComtradeJson(j, { everyPartner: true }).report;
    expect([je.partners, je.notes.includes(note)]).toEqual([undefined, true]);
  });

  it('keepPartners: one sub per partner (regime empty), in order of appearance; without it no subs (CSV and JSON)', () => {
    const data = [rec(), rec({ partnerCode: 276, primaryValue: 7 }), rec({ period: '201502', primaryValue: 3 })];
    const want = {
      subs: [
        { partner: '392', regime: '' },
        { partner: '276', regime: '' },
      ],
      sub: [0, 1, 0],
      month: [1380, 1380, 1381],
      value: [5, 7, 3],
    };
    const kept = (c: ReturnType<typeof importComtradeJson>['cells']) => ({
      subs: c.subs,
      sub: c.sub && Array.from(c.sub),
      month: Array.from(c.month),
      value: Array.from(c.value),
    });
    const j = json('keep.json', data);
    expect(kept(importComtradeJson(j, { keepPartners: true }).cells)).toEqual(want);
    expect(importComtradeJson(j).cells.subs).toBeUndefined();
    const c = csv('keep.csv', H, ['201501,M,392,010121,5', '201501,M,276,010121,7', '201502,M,392,010121,3']);
    expect(kept(importComtradeCsv(c, { keepPartners: true }).cells)).toEqual(want);
  });
});

describe('Comtrade CSV header and records', () => {
  it('header names are trimmed and lose a byte-order mark before them; of two columns for one field the first is used', () => {
    // the scanner drops the file's byte-order mark; a second one (a file saved twice with BOM) starts the first name
    const f = tmpFile(
      'names.csv',
      '\uFEFF\uFEFFperiod , flowCode ,partnerCode,\uFEFFcmdCode,primaryValue\n201501,M,392,010121,5\n',
    );
    expect(cellsToObject(importComtradeCsv(f).cells)).toEqual({ '010121': { '2015-01': 5 } });
    // GB18030's byte-order mark (84 31 95 33) is not dropped by its decoder: the importer drops it
    const gb = tmpFile(
      'names-gb.csv',
      Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), Buffer.from(`${H}\n201501,M,392,010121,5\n`)]),
    );
    const gbr = importComtradeCsv(gb);
    expect([gbr.report.encoding, cellsToObject(gbr.cells)]).toEqual(['gb18030', { '010121': { '2015-01': 5 } }]);
    const two = csv('two.csv', 'refYear,refMonth,year,flowCode,partnerCode,cmdCode,primaryValue', [
      '2016,2,2015,M,392,010121,5',
    ]);
    expect(cellsToObject(importComtradeCsv(two).cells)).toEqual({ '010121': { '2016-02': 5 } });
  });

  it('missing columns are listed in the message with the header; a byte-order mark inside a name is kept', () => {
    const missing = (name: string, header: string, cols: string) =>
      expect(messageOf(() => importComtradeCsv(csv(name, header, ['1'])))).toBe(
        `importComtradeCsv: ${name}, line 1: not a UN Comtrade file: missing the columns ${cols} (expected headers like period, cmdCode, flowCode, partnerCode, primaryValue) (got ${JSON.stringify(header)})`,
      );
    missing('year.csv', 'refYear,flowCode,partnerCode,cmdCode,primaryValue', 'period (or refYear and refMonth)');
    missing('month.csv', 'refMonth,flowCode,partnerCode,cmdCode,primaryValue', 'period (or refYear and refMonth)');
    missing('two.csv', 'period,cmdCode,flowCode', 'partnerCode, primaryValue');
    missing('inner.csv', 'period,flowCode,partnerCode,cmd\uFEFFCode,primaryValue', 'cmdCode');
  });

  it('tariff-line data is recognised from the header names in any case (partner2Code, customsCode, mosCode, motCode)', () => {
    const f = csv(
      'tl-fields.csv',
      'period,flowCode,PartnerCode,Partner2Code,CustomsCode,MosCode,MotCode,cmdCode,primaryValue',
      ['201501,M,392,0,C00,0,0,010121,10', '201501,M,392,0,C00,0,1,010121,4', '201501,M,392,0,C00,0,2,010121,6'],
    );
    const { cells, report } = importComtradeCsv(f);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2015-01': 10 } });
    expect(report.rejected).toEqual({
      'tariff-line breakdown row of a cell that has a total row, which is used (the breakdown rows agree with it within rounding)': 2,
    });
    expect(report.notes).toContain(
      'tariff-line data (recognised from its fields: partner2Code, customsCode, mosCode, motCode and no refYear, refMonth or isAggregate): rows of one code, month and partner broken down by second partner, customs procedure or transport mode are summed into the cell',
    );
  });

  it('a record with another number of fields than the header mid-file, and an empty file, are errors', () => {
    expect(
      messageOf(() => importComtradeCsv(csv('fields.csv', H, ['201501,M,392,010121', '201502,M,392,010121,5']))),
    ).toBe(
      'importComtradeCsv: fields.csv, line 2: expected 5 fields as in the header, found 4 (got "201501,M,392,010121")',
    );
    expect(messageOf(() => importComtradeCsv(tmpFile('empty.csv', '')))).toBe(
      'importComtradeCsv: empty.csv: file is empty (no header row)',
    );
  });
});

describe('Comtrade JSON document', () => {
  it('a missing file, bad JSON, no data array: messages name the file, or the label when given', () => {
    expect(messageOf(() => importComtradeJson(path.join(tmpDir(), 'nope.json')))).toBe(
      'importComtradeJson: nope.json: file not found',
    );
    expect(messageOf(() => importComtradeJson(tmpFile('null.json', 'null')))).toBe(
      'importComtradeJson: null.json: expected a UN Comtrade API response {"data": [...]} (got null)',
    );
    expect(messageOf(() => importComtradeJson(tmpFile('rows.json', '{"rows":[]}'), { label: 'answer' }))).toBe(
      'importComtradeJson: answer: expected a UN Comtrade API response {"data": [...]} (got {"rows":[]})',
    );
    expect(messageOf(() => importComtradeJson(tmpFile('bad.json', '{"data":[')))).toMatch(
      /^importComtradeJson: bad\.json: not valid JSON \(.+\); a truncated download\?$/,
    );
  });

  it('a byte-order mark starts the file at most: it is dropped there, and is bad JSON elsewhere', () => {
    const body = JSON.stringify({ data: [rec()] });
    expect(cellsToObject(importComtradeJson(tmpFile('bom.json', '\uFEFF' + body)).cells)).toEqual({
      '010121': { '2015-01': 5 },
    });
    const inner = tmpFile('bom-inside.json', body.replace('[', '\uFEFF['));
    expect(messageOf(() => importComtradeJson(inner))).toMatch(/^importComtradeJson: bom-inside\.json: not valid JSON/);
  });

  it('records: not an object, or a first record missing fields, are errors naming data[i]', () => {
    expect(messageOf(() => importComtradeJson(json('num.json', [5])))).toBe(
      'importComtradeJson: num.json, column "data[0]": record is not an object (got 5)',
    );
    expect(messageOf(() => importComtradeJson(json('null-rec.json', [rec(), null])))).toBe(
      'importComtradeJson: null-rec.json, column "data[1]": record is not an object (got null)',
    );
    expect(messageOf(() => importComtradeJson(json('few.json', [{ period: '201501', cmdCode: '010121' }])))).toBe(
      'importComtradeJson: few.json, column "data[0]": not a UN Comtrade record: missing flowCode, partnerCode, primaryValue (got ["period", "cmdCode"])',
    );
    const { period: _p, ...noPeriod } = rec();
    expect(messageOf(() => importComtradeJson(json('noperiod.json', [noPeriod])))).toBe(
      'importComtradeJson: noperiod.json, column "data[0]": not a UN Comtrade record: missing period (got ["flowCode", "partnerCode", "cmdCode", "primaryValue"])',
    );
  });

  it('duplicates are checked with a full key index unless dupMode stream is asked for (then an unsorted file restarts)', () => {
    const unsorted = json('unsorted.json', [
      rec({ cmdCode: '020121', period: '201502' }),
      rec({ cmdCode: '010121', period: '201501' }),
      rec({ cmdCode: '020121', period: '201501' }),
      rec({ cmdCode: '010121', period: '201502' }),
    ]);
    const restart =
      'the file is not sorted, so duplicates were checked with a full key index (memory grows with the rows)';
    expect(importComtradeJson(unsorted).report.notes).not.toContain(restart);
    expect(importComtradeJson(unsorted, { dupMode: 'auto' }).report.notes).not.toContain(restart);
    const streamed = importComtradeJson(unsorted, { dupMode: 'stream' });
    expect(streamed.report.notes).toContain(restart);
    expect(cellsToObject(streamed.cells)).toEqual({
      '010121': { '2015-01': 5, '2015-02': 5 },
      '020121': { '2015-01': 5, '2015-02': 5 },
    });
  });
});

describe('Comtrade column names of the bulk CSV (Comtrade+ and legacy)', () => {
  it('partnerDesc (or legacy Partner) names the summed partners in the report', () => {
    const text = "sum of 2 partners: Germany, Japan — not China's total imports";
    const plus = csv('desc-plus.csv', 'period,flowCode,partnerCode,partnerDesc,cmdCode,primaryValue', [
      '201501,M,392,Japan,010121,5',
      '201501,M,276,Germany,010121,7',
    ]);
    expect(importComtradeCsv(plus).report.partners).toMatchObject({ names: ['Germany', 'Japan'], text });
    const legacy = csv(
      'desc-legacy.csv',
      'Period,Trade Flow Code,Partner Code,Partner,Commodity Code,Trade Value (US$)',
      ['201501,1,392,Japan,010121,5', '201501,1,276,Germany,010121,7'],
    );
    expect(importComtradeCsv(legacy).report.partners).toMatchObject({ names: ['Germany', 'Japan'], text });
  });

  it('legacy Reporter Code: a second reporter is an error', () => {
    const f = csv(
      'reporters-legacy.csv',
      'Period,Reporter Code,Trade Flow Code,Partner Code,Commodity Code,Trade Value (US$)',
      ['201501,156,1,392,010121,5', '201501,410,1,392,010121,7'],
    );
    expect(messageOf(() => importComtradeCsv(f))).toBe(
      'importComtradeCsv: reporters-legacy.csv, line 3, column "reporterCode": more than one reporter in the file (first was 156): import one reporter at a time (got "410")',
    );
  });

  it('legacy Year with refMonth stands for the period', () => {
    const f = csv('year-legacy.csv', 'Year,refMonth,flowCode,partnerCode,cmdCode,primaryValue', [
      '2016,2,M,392,010121,5',
    ]);
    expect(cellsToObject(importComtradeCsv(f).cells)).toEqual({ '010121': { '2016-02': 5 } });
  });
});

describe('Comtrade JSON: the tariff-line fields with refMonth or isAggregate are final data', () => {
  const shaped = (extra: Record<string, unknown>, customsCode: string, motCode: number, primaryValue: number) =>
    api({ period: '202303', partner2Code: 0, customsCode, mosCode: '0', motCode, primaryValue, ...extra });

  it('refMonth: the breakdown row is rejected, the aggregate used', () => {
    const { report, cells } = importJson('tl-shape-refmonth.json', [
      shaped({ refMonth: 3 }, 'C00', 0, 12),
      shaped({ refMonth: 3 }, 'C01', 1000, 7),
    ]);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2023-03': 12 } });
    expect(report.rejected).toEqual({ [BREAKDOWN]: 1 });
    expect(report.notes).toEqual([NOTE_HS6]);
  });

  it('isAggregate: the breakdown row is rejected, the aggregate used', () => {
    const { report, cells } = importJson('tl-shape-isaggregate.json', [
      shaped({ isAggregate: true }, 'C00', 0, 12),
      shaped({ isAggregate: false }, 'C01', 1000, 7),
    ]);
    expect(cellsToObject(cells)).toEqual({ '010121': { '2023-03': 12 } });
    expect(report.rejected).toEqual({ [BREAKDOWN]: 1 });
    expect(report.notes).toEqual([NOTE_HS6]);
  });
});
