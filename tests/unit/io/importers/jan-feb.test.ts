/**
 * Combined January–February in the importers (lib/io/importers/jan-feb.ts): a 1–2月 label in a customs
 * download, a year-to-date first entry in February, and a Comtrade-like series with no January found by the
 * panel's detection — each in the import report and the manifest, per code and year.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCustomsCsv } from '../../../../lib/io/importers/customs.js';
import { importComtradeJson } from '../../../../lib/io/importers/comtrade.js';
import {
  addJanFebCell,
  denseOf,
  janFebFoundText,
  janFebOfCells,
  parseJanFebLabel,
} from '../../../../lib/io/importers/jan-feb.js';
import { formatImportReport, newReport } from '../../../../lib/io/importers/report.js';
import type { TidyCells } from '../../../../lib/io/importers/aggregate.js';
import { writeImportedPanel } from '../../../../lib/io/imported.js';
import { monthIndex, monthLabel } from '../../../../lib/core/months.js';
import { customsText, type FixtureRow } from '../../../fixtures/customs-fixtures.js';
import { cellsToObject, tmpFile } from '../../../helpers/importers.js';

const row = (ym: string, value: string, code = '84862031', partner = '116'): FixtureRow => ({
  ym,
  code,
  partner,
  value,
});

describe('parseJanFebLabel', () => {
  it('reads the year of 1-2月 / 1–2月 labels and nothing else', () => {
    expect(['2020年1-2月', '2020年1–2月', '2020年01-02月', '202001-02', ' 2022年1~2月 '].map(parseJanFebLabel)).toEqual(
      [2020, 2020, 2020, 2020, 2022],
    );
    expect(['202002', '2020年2月', '2020年1-3月', '1-2月', ''].map(parseJanFebLabel)).toEqual([-1, -1, -1, -1, -1]);
  });
});

describe('parseJanFebLabel: blank space and the ends of the label', () => {
  it('blank space is allowed around the year, the 年, the months and the dash', () => {
    expect(
      ['2020 年1-2月', '2020年 1-2月', '2020年1 -2月', '2020年1- 2月', '2020年1-2 月', ' 2021 年 01 – 02 月 '].map(
        parseJanFebLabel,
      ),
    ).toEqual([2020, 2020, 2020, 2020, 2020, 2021]);
  });

  it('other characters are not: the label must be the whole text', () => {
    expect(['2020x1-2月', '2020年1x-2月', '2020年1-x2月', '2020年1-2x月'].map(parseJanFebLabel)).toEqual([
      -1, -1, -1, -1,
    ]);
    // something before the year (a longer number too) or after the months
    expect(['x2020年1-2月', '12020年1-2月', '2020年1-2月份', '2020年1-23月'].map(parseJanFebLabel)).toEqual([
      -1, -1, -1, -1,
    ]);
  });
});

describe('a year-to-date customs download with a 1–2月 entry', () => {
  // Lithography machines from Japan, 2020 year to date: Jan–Feb 2,000,000 (one label), March 3,500,000, April 5,000,000;
  // 2021 the same way with an en dash: Jan–Feb 1,200,000, March 2,000,000
  const rows = [
    row('2020年1-2月', '2,000,000'),
    row('202003', '3,500,000'),
    row('202004', '5,000,000'),
    row('2021年1–2月', '1,200,000'),
    row('202103', '2,000,000'),
  ];
  const file = tmpFile('ytd-jan-feb.csv', customsText(rows, 'zh'));
  const { cells, report } = importCustomsCsv(file, { cumulative: true });

  it('puts the two months in February and differences the rest (by hand: 1,500,000 and 1,500,000; 800,000)', () => {
    expect(cellsToObject(cells)['84862031']).toEqual({
      '2020-02': 2000000,
      '2020-03': 1500000,
      '2020-04': 1500000,
      '2021-02': 1200000,
      '2021-03': 800000,
    });
    expect(report.notes.join('\n')).not.toMatch(/could not be differenced/);
  });
  it('reports each code and year, found by the label', () => {
    expect(report.janFeb).toEqual({
      text: '2020–2021: January and February combined in 1 code (found: 2 by a 1–2月 label)',
      cells: [
        { code: '84862031', year: 2020, by: 'label' },
        { code: '84862031', year: 2021, by: 'label' },
      ],
    });
    expect(formatImportReport(report)).toContain(
      '  JANUARY–FEBRUARY: 2020–2021: January and February combined in 1 code (found: 2 by a 1–2月 label); by code and year: 84862031 2020, 2021',
    );
  });
  it('the manifest of the imported panel lists them', () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'janfeb-'));
    const w = writeImportedPanel([{ file, cells, report }], { outDir, notes: () => [], manifest: {} });
    const m = JSON.parse(fs.readFileSync(w.manifestFile, 'utf8'));
    expect(m.janFeb).toEqual(report.janFeb);
    fs.rmSync(outDir, { recursive: true, force: true });
  });
  it('a date that is neither YYYYMM nor a 1–2月 label is still an error', () => {
    const bad = tmpFile('ytd-bad.csv', customsText([row('2020年1-3月', '1')], 'zh'));
    expect(() => importCustomsCsv(bad, { cumulative: true })).toThrow(/date must be YYYYMM \(or a 1-2月 label\)/);
  });
});

describe('a year-to-date first entry in February (no January entry)', () => {
  it('from 2020 covers both months: kept as February, reported per code and year', () => {
    const rows = [row('202102', '3,000,000'), row('202103', '4,000,000'), row('202104', '5,500,000')];
    const { cells, report } = importCustomsCsv(tmpFile('ytd-feb-first.csv', customsText(rows, 'en')), {
      cumulative: true,
    });
    expect(cellsToObject(cells)['84862031']).toEqual({ '2021-02': 3000000, '2021-03': 1000000, '2021-04': 1500000 });
    expect(report.janFeb?.cells).toEqual([{ code: '84862031', year: 2021, by: 'year-to-date' }]);
    expect(report.janFeb?.text).toBe(
      '2021: January and February combined in 1 code (found: 1 as a year-to-date first entry in February)',
    );
  });
  it('before 2020 a February without January stays missing, as before', () => {
    const rows = [row('201502', '3,000,000'), row('201503', '4,000,000')];
    const { cells, report } = importCustomsCsv(tmpFile('ytd-feb-2015.csv', customsText(rows, 'en')), {
      cumulative: true,
    });
    expect(cellsToObject(cells)['84862031']).toEqual({ '2015-03': 1000000 });
    expect(report.janFeb).toBeUndefined();
  });
});

/** HS6 cells of `codes` from parallel lists: the code's index, the month index and the value of each cell. */
const hs6Cells = (codes: string[], codeIx: number[], months: number[], values: number[]): TidyCells => ({
  level: 'HS6',
  codes,
  n: months.length,
  code: Int32Array.from(codeIx),
  month: Int32Array.from(months),
  value: Float64Array.from(values),
});

describe('a Comtrade-like monthly series with no January from 2020 (the panel detection)', () => {
  // HS6 848620, 2019-11 … 2021-03, 10 million a month; no January row in 2020 and 2021, February 20 million
  const m0 = monthIndex('2019-11');
  const months: number[] = [];
  const values: number[] = [];
  for (let t = 0; t < 17; t++) {
    const m = m0 + t;
    if (m % 12 === 0 && m >= monthIndex('2020-01')) continue;
    months.push(m);
    values.push(m % 12 === 1 && m >= monthIndex('2020-01') ? 20e6 : 10e6);
  }
  const cells = hs6Cells(['848620'], new Array<number>(months.length).fill(0), months, values);
  it('finds code 848620 in 2020 and 2021 and reports it', () => {
    const r = newReport('comtrade.json', 'comtrade-json');
    janFebOfCells(cells, r);
    expect(r.janFeb).toEqual({
      text: '2020–2021: January and February combined in 1 code (found: 2 by the panel detection)',
      cells: [
        { code: '848620', year: 2020, by: 'ratio' },
        { code: '848620', year: 2021, by: 'ratio' },
      ],
    });
  });
  it('a February at its own size (the two months given at half, January dropped) is not reported', () => {
    const r = newReport('comtrade.json', 'comtrade-json');
    janFebOfCells({ ...cells, value: cells.value.map((v) => (v === 20e6 ? 10e6 : v)) }, r);
    expect(r.janFeb).toBeUndefined();
  });
});

describe('a UN Comtrade answer with no January from 2020 (importComtradeJson, World rows)', () => {
  // China's imports of 848620 from the World, 2019-11 … 2021-03, 10 million a month; 2020 and 2021: no January record,
  // February 20 million (records in the shape of tests/fixtures/comtrade-api.json)
  const rec = (y: number, m: number, v: number) => ({
    typeCode: 'C',
    freqCode: 'M',
    refPeriodId: y * 10000 + m * 100 + 1,
    refYear: y,
    refMonth: m,
    period: `${y}${String(m).padStart(2, '0')}`,
    reporterCode: 156,
    flowCode: 'M',
    partnerCode: 0,
    partner2Code: 0,
    classificationCode: 'H5',
    cmdCode: '848620',
    customsCode: 'C00',
    motCode: 0,
    primaryValue: v,
  });
  const data = [];
  for (let k = 0; k < 17; k++) {
    const y = 2019 + Math.floor((10 + k) / 12);
    const m = ((10 + k) % 12) + 1;
    if (y >= 2020 && m === 1) continue;
    data.push(rec(y, m, y >= 2020 && m === 2 ? 20e6 : 10e6));
  }
  const file = tmpFile('comtrade-no-january.json', JSON.stringify({ elapsedTime: '0s', count: data.length, data }));
  it('the import reports 848620 combined in 2020 and 2021, found by the panel detection', () => {
    const { cells, report } = importComtradeJson(file);
    expect(cellsToObject(cells)['848620']['2020-02']).toBe(20e6);
    expect(cellsToObject(cells)['848620']['2020-01']).toBeUndefined();
    expect(report.janFeb).toEqual({
      text: '2020–2021: January and February combined in 1 code (found: 2 by the panel detection)',
      cells: [
        { code: '848620', year: 2020, by: 'ratio' },
        { code: '848620', year: 2021, by: 'ratio' },
      ],
    });
  });
});

describe('addJanFebCell, janFebOfCells and janFebFoundText: once per code and year, sorted, counted', () => {
  it('addJanFebCell starts an empty line and keeps one cell per code and year (4 calls, 3 cells)', () => {
    const r = newReport('a.csv', 'customs');
    addJanFebCell(r, 'a', 2020, 'label');
    expect(r.janFeb).toEqual({ text: '', cells: [{ code: 'a', year: 2020, by: 'label' }] });
    addJanFebCell(r, 'a', 2021, 'label'); // same code, another year
    addJanFebCell(r, 'b', 2020, 'year-to-date'); // another code, same year
    addJanFebCell(r, 'a', 2020, 'year-to-date'); // same code and year: the first way stays
    expect(r.janFeb).toEqual({
      text: '',
      cells: [
        { code: 'a', year: 2020, by: 'label' },
        { code: 'a', year: 2021, by: 'label' },
        { code: 'b', year: 2020, by: 'year-to-date' },
      ],
    });
  });
  it('no imported cells: the cells found while reading are sorted by code, then year, and described', () => {
    const r = newReport('a.csv', 'customs');
    for (const [code, year] of [
      ['b', 2021],
      ['c', 2020],
      ['a', 2022],
      ['b', 2020],
      ['a', 2020],
      ['c', 2022],
      ['a', 2021],
    ] as const)
      addJanFebCell(r, code, year, 'label');
    const empty: TidyCells = {
      level: 'HS8',
      codes: ['x'],
      n: 0,
      code: new Int32Array(0),
      month: new Int32Array(0),
      value: new Float64Array(0),
    };
    janFebOfCells(empty, r);
    expect(r.janFeb?.cells.map((c) => `${c.code} ${c.year}`)).toEqual([
      'a 2020',
      'a 2021',
      'a 2022',
      'b 2020',
      'b 2021',
      'c 2020',
      'c 2022',
    ]);
    // years 2020 … 2022, codes a, b, c: 7 cells by label
    expect(r.janFeb?.text).toBe('2020–2022: January and February combined in 3 codes (found: 7 by a 1–2月 label)');
  });
  it('no imported cells and nothing found: no janFeb in the report', () => {
    const r = newReport('a.csv', 'customs');
    const empty: TidyCells = {
      level: 'HS8',
      codes: ['x'],
      n: 0,
      code: new Int32Array(0),
      month: new Int32Array(0),
      value: new Float64Array(0),
    };
    janFebOfCells(empty, r);
    expect(r.janFeb).toBeUndefined();
  });
  it('janFebFoundText: years from the smallest to the largest whatever the order; codes counted; each way counted', () => {
    expect(
      janFebFoundText([
        { code: 'b', year: 2022, by: 'ratio' },
        { code: 'a', year: 2020, by: 'label' },
        { code: 'b', year: 2021, by: 'year-to-date' },
        { code: 'a', year: 2023, by: 'ratio' },
        { code: 'c', year: 2021, by: 'convention' },
      ]),
    ).toBe(
      '2020–2023: January and February combined in 3 codes (found: 1 by a 1–2月 label, 1 as a year-to-date first entry in February, 2 by the panel detection, 1 by the panel convention)',
    );
    expect(
      janFebFoundText([
        { code: 'a', year: 2021, by: 'ratio' },
        { code: 'a', year: 2020, by: 'ratio' },
      ]),
    ).toBe('2020–2021: January and February combined in 1 code (found: 2 by the panel detection)');
  });
});

describe('janFebOfCells sums partners per code and month before the detection', () => {
  // 2019-11 … 2021-03, 10 million a month per code from two partners; no January in 2020 and 2021, February 20 million.
  // 848620: 6 + 4 million a month, February 12 + 8; 848690: 4 + 6 million a month, February 18 + 2.
  // A third partner's missing (NaN) row in each month changes nothing. Only the sums pass the ratio test
  // (20 ≥ 1.5 × 10) for both codes: the partners' last values (8 vs 4 passes, but 2 vs 6 fails) or their
  // differences (12 − 8 = 4 vs 6 − 4 = 2 passes, but 18 − 2 = 16 vs 4 − 6 = −2 … and 11 − 9 = 2 vs 2 fails) would not.
  const split: Record<string, { feb: number[]; other: number[] }> = {
    0: { feb: [11e6, 9e6, NaN], other: [6e6, 4e6, NaN] },
    1: { feb: [18e6, 2e6, NaN], other: [4e6, 6e6, NaN] },
  };
  const m0 = monthIndex('2019-11');
  const months: number[] = [];
  const values: number[] = [];
  const codeIx: number[] = [];
  for (const k of [0, 1])
    for (let t = 0; t < 17; t++) {
      const m = m0 + t;
      if (m % 12 === 0 && m >= monthIndex('2020-01')) continue;
      const feb = m % 12 === 1 && m >= monthIndex('2020-01');
      for (const v of feb ? split[k].feb : split[k].other) {
        months.push(m);
        values.push(v);
        codeIx.push(k);
      }
    }
  const cells = hs6Cells(['848620', '848690'], codeIx, months, values);
  it('finds both codes in 2020 and 2021 (February 20 million = two months of 10 million)', () => {
    const r = newReport('comtrade.json', 'comtrade-json');
    janFebOfCells(cells, r);
    expect(r.janFeb).toEqual({
      text: '2020–2021: January and February combined in 2 codes (found: 4 by the panel detection)',
      cells: [
        { code: '848620', year: 2020, by: 'ratio' },
        { code: '848620', year: 2021, by: 'ratio' },
        { code: '848690', year: 2020, by: 'ratio' },
        { code: '848690', year: 2021, by: 'ratio' },
      ],
    });
  });
  it('the same detection from rows given whole (as the grid has them): more months and a code with no value change nothing', () => {
    const d = denseOf(cells);
    expect([d.months[0], d.months.at(-1), d.values.map((v) => v[3])]).toEqual(['2019-11', '2021-03', [20e6, 20e6]]);
    // six all-NaN months before, five after; a third code with no value
    const pad = (v: Float64Array): Float64Array =>
      Float64Array.from([...Array(6).fill(NaN), ...v, ...Array(5).fill(NaN)]);
    const months = Array.from({ length: 6 + d.months.length + 5 }, (_, t) => monthLabel(monthIndex('2019-05') + t));
    const values = [...d.values.map(pad), new Float64Array(months.length).fill(NaN)];
    const r = newReport('comtrade.json', 'comtrade-json');
    janFebOfCells(cells, r, { months, codes: ['848620', '848690', '848699'], values });
    const plain = newReport('comtrade.json', 'comtrade-json');
    janFebOfCells(cells, plain);
    expect(r.janFeb).toEqual(plain.janFeb);
    expect(r.janFeb?.cells.length).toBe(4);
  });
  it('a code and year already found while reading is kept once, the way it was found first', () => {
    const r = newReport('comtrade.json', 'comtrade-json');
    addJanFebCell(r, '848620', 2021, 'label');
    janFebOfCells(cells, r);
    expect(r.janFeb).toEqual({
      text: '2020–2021: January and February combined in 2 codes (found: 1 by a 1–2月 label, 3 by the panel detection)',
      cells: [
        { code: '848620', year: 2020, by: 'ratio' },
        { code: '848620', year: 2021, by: 'label' },
        { code: '848690', year: 2020, by: 'ratio' },
        { code: '848690', year: 2021, by: 'ratio' },
      ],
    });
  });
});
