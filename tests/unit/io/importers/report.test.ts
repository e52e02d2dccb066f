/**
 * The import report (lib/io/importers/report.ts): a fresh report, the balance check and its message, reason
 * counts, thousands separators, the combined January–February code-years (sorted, deduplicated, ten codes then a
 * count) and the report as text, line by line, with and without each optional part.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StudyError } from '../../../../lib/core/errors.js';
import {
  assertBalanced,
  countReason,
  fmtCount,
  formatImportReport,
  janFebByCode,
  newReport,
  type ImportReport,
  type JanFebCellFound,
} from '../../../../lib/io/importers/report.js';

describe('newReport', () => {
  it('is a report of zero counts, UTF-8, English headers, HS8, nothing optional', () => {
    expect(newReport('a.csv', 'customs')).toStrictEqual({
      file: 'a.csv',
      format: 'customs',
      encoding: 'utf-8',
      headerLanguage: 'en',
      rowsRead: 0,
      rowsUsed: 0,
      rejected: {},
      repairs: [],
      notes: [],
      duplicatesDropped: 0,
      period: null,
      codes: 0,
      level: 'HS8',
      cells: 0,
      cumulative: false,
    });
    expect(newReport('b.json', 'comtrade-json').format).toBe('comtrade-json');
  });

  it('each report has its own lists', () => {
    const a = newReport('a.csv', 'tidy');
    const b = newReport('a.csv', 'tidy');
    a.notes.push('x');
    a.repairs.push('y');
    a.rejected.z = 1;
    expect([b.notes, b.repairs, b.rejected]).toEqual([[], [], {}]);
  });
});

describe('assertBalanced', () => {
  const report = (read: number, used: number, rejected: Record<string, number>, dups: number): ImportReport => ({
    ...newReport('dir/a.csv', 'customs'),
    rowsRead: read,
    rowsUsed: used,
    rejected,
    duplicatesDropped: dups,
  });

  it('passes when read = used + Σ rejected + duplicates', () => {
    expect(assertBalanced(newReport('a.csv', 'customs'))).toBeUndefined();
    expect(assertBalanced(report(10, 5, { x: 2, y: 1 }, 2))).toBeUndefined();
    expect(assertBalanced(report(10, 10, {}, 0))).toBeUndefined();
    expect(assertBalanced(report(7, 0, { x: 7 }, 0))).toBeUndefined();
    expect(assertBalanced(report(4, 0, {}, 4))).toBeUndefined();
    expect(assertBalanced(report(9, 0, { a: 2, b: 3, c: 4 }, 0))).toBeUndefined();
  });

  it('throws a StudyError naming every term when one row is missing or extra', () => {
    for (const [read, rej] of [
      [11, 3],
      [9, 3],
    ]) {
      const r = report(read, 5, { x: 2, y: 1 }, 2);
      expect(() => assertBalanced(r)).toThrow(
        `assertBalanced: import report does not balance: read ${read} ≠ used 5 + rejected ${rej} + duplicates 2 (got "dir/a.csv")`,
      );
    }
    let err: unknown;
    try {
      assertBalanced(report(1, 0, {}, 0));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StudyError);
    expect((err as StudyError).fn).toBe('assertBalanced');
    expect((err as StudyError).value).toBe('dir/a.csv');
    expect((err as StudyError).message).toBe(
      'assertBalanced: import report does not balance: read 1 ≠ used 0 + rejected 0 + duplicates 0 (got "dir/a.csv")',
    );
  });

  it('property: balances exactly when read equals the sum', () => {
    fc.assert(
      fc.property(
        fc.nat(50),
        fc.array(fc.nat(50), { maxLength: 4 }),
        fc.nat(50),
        fc.integer({ min: -3, max: 3 }),
        (used, rej, dups, off) => {
          const rejected = Object.fromEntries(rej.map((n, i) => [`reason ${i}`, n]));
          const sum = used + rej.reduce((a, b) => a + b, 0) + dups;
          const r = report(sum + off, used, rejected, dups);
          if (off === 0) expect(assertBalanced(r)).toBeUndefined();
          else expect(() => assertBalanced(r)).toThrow(`read ${sum + off} ≠ used ${used} + rejected `);
        },
      ),
    );
  });
});

describe('countReason', () => {
  it('adds one by default, or n, to a reason, starting from zero', () => {
    const r: Record<string, number> = {};
    countReason(r, 'total/subtotal row');
    expect(r).toEqual({ 'total/subtotal row': 1 });
    countReason(r, 'total/subtotal row');
    expect(r).toEqual({ 'total/subtotal row': 2 });
    countReason(r, 'bad code', 5);
    expect(r).toEqual({ 'total/subtotal row': 2, 'bad code': 5 });
    countReason(r, 'bad code', 3);
    countReason(r, 'total/subtotal row', 0);
    expect(r).toEqual({ 'total/subtotal row': 2, 'bad code': 8 });
    countReason(r, 'none yet', 0);
    expect(r['none yet']).toBe(0);
  });
});

describe('fmtCount', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [1234, '1,234'],
    [999999, '999,999'],
    [1000000, '1,000,000'],
    [1234567, '1,234,567'],
    [-1234, '-1,234'],
    [1234.5, '1,234.5'],
  ])('%d → %s', (n, s) => {
    expect(fmtCount(n)).toBe(s);
  });
});

describe('janFebByCode', () => {
  const cell = (code: string, year: number, by: JanFebCellFound['by'] = 'label'): JanFebCellFound => ({
    code,
    year,
    by,
  });

  it('the example: code and years, codes apart by "; "', () => {
    expect(janFebByCode([cell('a', 2020), cell('a', 2021), cell('b', 2020, 'ratio')])).toBe('a 2020, 2021; b 2020');
  });

  it('nothing: an empty string', () => {
    expect(janFebByCode([])).toBe('');
  });

  it('years sorted and once each, codes in order of first appearance', () => {
    expect(
      janFebByCode([
        cell('08', 2023),
        cell('01', 2021, 'ratio'),
        cell('08', 2019, 'year-to-date'),
        cell('08', 2021),
        cell('01', 2020, 'convention'),
        cell('08', 2019, 'ratio'),
        cell('08', 2022),
        cell('08', 2020),
      ]),
    ).toBe('08 2019, 2020, 2021, 2022, 2023; 01 2020, 2021');
    expect(janFebByCode([cell('c', 2010), cell('c', 999), cell('c', 10000)])).toBe('c 999, 2010, 10000');
  });

  const codes = (n: number): JanFebCellFound[] => Array.from({ length: n }, (_, i) => cell(`c${i}`, 2020 + (i % 3)));
  const listed = (n: number): string => Array.from({ length: n }, (_, i) => `c${i} ${2020 + (i % 3)}`).join('; ');

  it('ten codes are all listed', () => {
    expect(janFebByCode(codes(10))).toBe(listed(10));
  });

  it('from eleven codes, the first ten and how many more', () => {
    expect(janFebByCode(codes(11))).toBe(`${listed(10)}; … and 1 more codes`);
    expect(janFebByCode(codes(12))).toBe(`${listed(10)}; … and 2 more codes`);
    expect(janFebByCode(codes(1010))).toBe(`${listed(10)}; … and 1,000 more codes`);
  });
});

describe('formatImportReport', () => {
  it('a fresh report: header, counts, no rejections, level line with no period', () => {
    expect(formatImportReport(newReport('a.csv', 'customs')).split('\n')).toEqual([
      'Imported a.csv (customs, utf-8, en headers)',
      '  rows read 0, used 0, duplicates dropped 0',
      '  rejected: none',
      '  HS8 codes 0, cells 0, period none',
    ]);
  });

  it('every part, in order: partners, January–February, counts, each rejection, repairs, notes, level and period', () => {
    const r: ImportReport = {
      ...newReport('data/x.csv', 'comtrade-csv'),
      encoding: 'gb18030',
      headerLanguage: 'zh',
      rowsRead: 12345,
      rowsUsed: 12000,
      rejected: { 'total/subtotal row': 300, 'bad code': 40 },
      repairs: ['restored leading zero on 1,234 codes (7 → 8 digits)', 'second repair'],
      notes: ['first note', 'second note', 'third note'],
      duplicatesDropped: 5,
      period: ['2015-01', '2024-12'],
      codes: 1234,
      level: 'HS6',
      cells: 1234567,
      cumulative: true,
      partners: {
        codes: ['32'],
        names: ['Argentina'],
        cells: 3,
        ofCells: 4,
        files: ['data/x.csv'],
        text: 'partner text',
      },
      janFeb: {
        text: 'jan-feb text',
        cells: [
          { code: '010121', year: 2021, by: 'label' },
          { code: '010121', year: 2020, by: 'label' },
        ],
      },
    };
    expect(formatImportReport(r).split('\n')).toEqual([
      'Imported data/x.csv (comtrade-csv, gb18030, zh headers)',
      '  PARTNERS: partner text',
      '  JANUARY–FEBRUARY: jan-feb text; by code and year: 010121 2020, 2021',
      '  rows read 12,345, used 12,000, duplicates dropped 5',
      '  rejected 300: total/subtotal row',
      '  rejected 40: bad code',
      '  repair: restored leading zero on 1,234 codes (7 → 8 digits)',
      '  repair: second repair',
      '  note: first note',
      '  note: second note',
      '  note: third note',
      '  HS6 codes 1,234, cells 1,234,567, period 2015-01 to 2024-12 (converted from year-to-date cumulative)',
    ]);
  });

  it('a period without the cumulative conversion; one rejection of thousands; partners or January–February alone', () => {
    const base: ImportReport = {
      ...newReport('t.csv', 'tidy'),
      rowsRead: 2500,
      rowsUsed: 1000,
      rejected: { 'missing month': 1500 },
      period: ['2020-02', '2020-02'],
      codes: 1,
      cells: 1,
    };
    expect(formatImportReport(base)).toBe(
      [
        'Imported t.csv (tidy, utf-8, en headers)',
        '  rows read 2,500, used 1,000, duplicates dropped 0',
        '  rejected 1,500: missing month',
        '  HS8 codes 1, cells 1, period 2020-02 to 2020-02',
      ].join('\n'),
    );
    const partners = { codes: [], names: [], cells: 0, ofCells: 0, files: [], text: 'p' };
    expect(formatImportReport({ ...base, partners }).split('\n')[1]).toBe('  PARTNERS: p');
    expect(formatImportReport({ ...base, partners }).split('\n')).toHaveLength(5);
    const janFeb = { text: 'j', cells: [] };
    expect(formatImportReport({ ...base, janFeb }).split('\n')[1]).toBe('  JANUARY–FEBRUARY: j; by code and year: ');
    expect(formatImportReport({ ...base, janFeb }).split('\n')).toHaveLength(5);
  });
});
