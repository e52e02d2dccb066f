import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as zlib from 'node:zlib';
import { projectRoot, readReferenceText, referenceDir, referenceFile } from '../../../lib/io/paths.js';
import {
  clearCodeListCache,
  codeDescription,
  codeListIndex,
  codeListYears,
  codeYears,
  hasCodeLists,
  loadCodeList,
  searchCodeLists,
} from '../../../lib/io/reference.js';
import { tempDir } from '../../helpers/temp.js';

describe('China Customs code lists (real reference data, data/reference/china-customs)', () => {
  it('the project ships every list, gzip-compressed, in data/reference/china-customs', () => {
    expect(path.relative(projectRoot(), referenceDir())).toBe(path.join('data', 'reference'));
    expect(hasCodeLists()).toBe(true);
    expect(path.basename(referenceFile('china-customs/hs8-en-2025.csv')!)).toBe('hs8-en-2025.csv.gz');
  });
  it('loads every year with the documented line counts', () => {
    expect(loadCodeList(2015, 'zh').length).toBe(8292);
    expect(loadCodeList(2016, 'en').length).toBe(8302);
    expect(loadCodeList(2024, 'zh').length).toBe(8966);
    expect(loadCodeList(2025, 'en').length).toBe(8969);
    expect(codeListYears('zh')).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(codeListYears('en')).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2025]);
  });

  it('keeps codes as 8-digit text (leading zeros) and reads descriptions', () => {
    const first = loadCodeList(2015, 'zh')[0];
    expect(first).toEqual({ code: '01012100', description: '改良种用马', unit1: '千克', unit2: '头' });
    expect(loadCodeList(2016, 'en').every((e) => /^\d{8}$/.test(e.code))).toBe(true);
  });

  it('turns #N/A and ? unit markers into null (2016 English has #N/A in unit columns)', () => {
    const e = codeListIndex(2016, 'en').get('63031210');
    expect(e?.unit2).toBeNull();
    expect(e?.description).toBe('Curtains & interior blinds; valances of synthetic fibres, knitted');
  });

  it('codeYears finds the documented code changes', () => {
    expect(codeYears('84561000')).toEqual([2015, 2016]);
    expect(codeYears('84561100')).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(codeYears('85423100')).toEqual([2015, 2016]);
    expect(codeYears('84775910')).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021]);
    expect(codeYears('84775900')).toEqual([2022, 2023, 2024, 2025]);
    expect(codeYears('99999999')).toEqual([]);
  });

  it('codeDescription takes the latest list that has the code', () => {
    expect(codeDescription('84862031', 'zh')).toEqual({
      description: '制半导体器件或集成电路用的分步重复光刻机',
      year: 2025,
    });
    expect(codeDescription('84561000', 'en')).toEqual({
      description: 'Machine-tools operatd by laser/light/photo beam process',
      year: 2016,
    });
    // no English 2024 list: a code last present in 2023/2025 falls back correctly
    expect(codeDescription('90151010', 'en')?.year).toBe(2025);
    expect(codeDescription('99999999', 'zh')).toBeUndefined();
  });

  it('searchCodeLists: Chinese keyword in one year', () => {
    expect(searchCodeLists({ keywords: ['光刻机'], year: 2020 }).map((h) => h.code)).toEqual(['84862031', '84863031']);
  });

  it('searchCodeLists: English, case-insensitive, all years, years reported', () => {
    expect(searchCodeLists({ keywords: ['LIDAR'], lang: 'en' })).toEqual([
      { code: '90151010', description: 'Lidar(Light Detection and Ranging)', years: [2023, 2025] },
    ]);
  });

  it("searchCodeLists: 'all' needs every keyword, 'any' one; digit keywords are code prefixes", () => {
    const all = searchCodeLists({ keywords: ['8542', '存储器'], year: 2025 }).map((h) => h.code);
    expect(all).toEqual(['85423210', '85423290']);
    const any = searchCodeLists({ keywords: ['85423210', '85423290'], year: 2025, match: 'any' }).map((h) => h.code);
    expect(any).toEqual(['85423210', '85423290']);
    expect(searchCodeLists({ keywords: ['85423210', '85423290'], year: 2025 })).toEqual([]);
  });

  it('searchCodeLists rejects an empty keyword list', () => {
    expect(() => searchCodeLists({ keywords: [' '] })).toThrow(/searchCodeLists: give at least one non-empty keyword/);
  });

  it('rejects English 2024 and out-of-range years clearly', () => {
    expect(() => loadCodeList(2024, 'en')).toThrow(/no English 2024 list/);
    expect(() => loadCodeList(2014, 'zh')).toThrow(/loadCodeList: year must be an integer 2015–2025 \(got 2014\)/);
    expect(() => codeYears('8542310')).toThrow(/codeYears: code must be an 8-digit string/);
  });

  it('property: every code of a year is found by codeYears for that year and by its 4-digit prefix', () => {
    const list = loadCodeList(2020, 'zh');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: list.length - 1 }), (k) => {
        const { code } = list[k];
        expect(codeYears(code)).toContain(2020);
        expect(searchCodeLists({ keywords: [code.slice(0, 4)], year: 2020 }).some((h) => h.code === code)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});

describe('reference folder handling (no real data needed)', () => {
  const tmp = tempDir('ref-');
  afterAll(() => {
    clearCodeListCache();
  });
  const write = (name: string, text: string): string => {
    const dir = path.join(tmp, name);
    fs.mkdirSync(path.join(dir, 'china-customs'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'china-customs', 'hs8-zh-2015.csv'), text);
    return dir;
  };
  const HEAD =
    '"商品编码","商品名称","年份","第一计量单位编码","第一计量单位名称","第二计量单位编码","第二计量单位名称",\n';

  it('throws (does not return empty) when the reference folder is absent', () => {
    const missing = path.join(tmp, 'nowhere');
    expect(hasCodeLists(missing)).toBe(false);
    expect(() => loadCodeList(2015, 'zh', missing)).toThrow(
      /loadCodeList: the reference folder has no china-customs\/ code lists .*nowhere/,
    );
    expect(() => codeYears('85423100', missing)).toThrow(/codeListYears: the reference folder has no china-customs/);
  });

  it('reads a gzip-compressed list exactly as the plain one, and names a corrupt .gz', () => {
    const text = HEAD + '01012100,"改良种用马",2015,09,"千克",?,"?",\n';
    const plain = write('plain', text);
    const gz = path.join(tmp, 'gz');
    fs.mkdirSync(path.join(gz, 'china-customs'), { recursive: true });
    fs.writeFileSync(path.join(gz, 'china-customs', 'hs8-zh-2015.csv.gz'), zlib.gzipSync(text));
    expect(readReferenceText('china-customs/hs8-zh-2015.csv', gz)).toBe(text);
    expect(loadCodeList(2015, 'zh', gz)).toEqual(loadCodeList(2015, 'zh', plain));
    const bad = path.join(tmp, 'badgz');
    fs.mkdirSync(path.join(bad, 'china-customs'), { recursive: true });
    fs.writeFileSync(path.join(bad, 'china-customs', 'hs8-zh-2015.csv.gz'), 'not gzip');
    expect(() => readReferenceText('china-customs/hs8-zh-2015.csv', bad)).toThrow(
      /readReferenceText: .*not a valid gzip file.*hs8-zh-2015\.csv\.gz/,
    );
    expect(() => readReferenceText('world-bank/none.csv', bad)).toThrow(
      /readReferenceText: no such reference file .*world-bank\/none\.csv/,
    );
  });

  it('reads a well-formed minimal list with trailing column, #N/A and ?', () => {
    const dir = write(
      'ok',
      HEAD + '01012100,"改良种用马",2015,09,"千克",?,"?",\n01012900,"#N/A",2015,09,"千克",01,"头",\n',
    );
    expect(loadCodeList(2015, 'zh', dir)).toEqual([
      { code: '01012100', description: '改良种用马', unit1: '千克', unit2: null },
      { code: '01012900', description: null, unit1: '千克', unit2: '头' },
    ]);
    expect(codeYears('01012100', dir)).toEqual([2015]);
  });

  it('names file, line and column for a code that lost its leading zero', () => {
    const dir = write('badcode', HEAD + '01012100,"a",2015,09,"千克",?,"?",\n1012900,"b",2015,09,"千克",?,"?",\n');
    expect(() => loadCodeList(2015, 'zh', dir)).toThrow(
      /hs8-zh-2015\.csv, line 3, column "商品编码": code is not 8 digits \(got "1012900"\)/,
    );
  });

  it("names the row whose year differs from the file's year", () => {
    const dir = write('badyear', HEAD + '01012100,"a",2016,09,"千克",?,"?",\n');
    expect(() => loadCodeList(2015, 'zh', dir)).toThrow(
      /line 2, column "年份": year differs from the file's year 2015 \(got "2016"\)/,
    );
  });
});
