import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importCustomsCsv, parseCustomsHeader } from '../../../../lib/io/importers/customs.js';
import {
  customsText,
  cumulativeRows,
  EXPECTED,
  fixtureFiles,
  MONTHLY,
  type FixtureRow,
} from '../../../fixtures/customs-fixtures.js';
import { encodeGb18030 } from '../../../fixtures/gb18030.js';
import { cellsToObject, FIXTURES, tmpFile, type InputErrorLike } from '../../../helpers/importers.js';
import { download, gridRows, read, rowOffset, same } from '../../../helpers/customs-ranges.js';
// (a boundary on every byte of a download: tests/study/bench/parallel-import.test.ts)

const fx = (name: string): string => path.join(FIXTURES, name);
const sumRejected = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);

describe('customs fixtures', () => {
  it('the committed fixtures are what the generator writes', () => {
    for (const [name, bytes] of Object.entries(fixtureFiles()))
      expect(fs.readFileSync(fx(name)).equals(bytes), name).toBe(true);
  });

  for (const [name, enc, lang] of [
    ['customs-zh-gb18030.csv', 'gb18030', 'zh'],
    ['customs-en-gb18030.csv', 'gb18030', 'en'],
    ['customs-zh-utf8-bom.csv', 'utf-8', 'zh'],
  ] as const) {
    it(`${name}: detects ${enc}, ${lang} headers, round-trips to the hand-summed panel`, () => {
      const { report, cells } = importCustomsCsv(fx(name));
      expect(report.encoding).toBe(enc);
      expect(report.headerLanguage).toBe(lang);
      expect(cellsToObject(cells)).toEqual(EXPECTED);
      // 13 data rows (+ a total row in the GB18030 files): 12 used, one "-" missing
      expect(report.rowsUsed).toBe(12);
      expect(report.rejected['missing value (empty or "-")']).toBe(1);
      expect(report.rowsRead).toBe(report.rowsUsed + sumRejected(report.rejected) + report.duplicatesDropped);
      expect(report.period).toEqual(['2015-01', '2015-03']);
      expect(report.codes).toBe(3);
      expect(report.cumulative).toBe(false);
      expect(report.repairs).toContain('parsed thousands separators in 11 values');
    });
  }

  it('total rows (总值 / Total) are skipped and counted', () => {
    expect(importCustomsCsv(fx('customs-zh-gb18030.csv')).report.rejected['total/subtotal row (总值/合计/Total)']).toBe(
      1,
    );
    expect(importCustomsCsv(fx('customs-en-gb18030.csv')).report.rejected['total/subtotal row (总值/合计/Total)']).toBe(
      1,
    );
    const f = tmpFile(
      'subtotal.csv',
      customsText(MONTHLY.slice(0, 2), 'zh').replace(
        /\r\n$/,
        '\r\n"201501","合计","","","","","","","","1,234,567",\r\n',
      ),
    );
    const r = importCustomsCsv(f).report;
    expect(r.rejected['total/subtotal row (总值/合计/Total)']).toBe(1);
    expect(r.rowsUsed).toBe(2);
  });

  it('English UTF-8 without BOM, single month', () => {
    const { report, cells } = importCustomsCsv(fx('customs-en-utf8.csv'));
    expect(report.encoding).toBe('utf-8');
    expect(report.headerLanguage).toBe('en');
    expect(cellsToObject(cells)).toEqual({
      '01012100': { '2015-01': 1234567 },
      '84862031': { '2015-01': 5848714 },
      '85423111': { '2015-01': 123456799 },
    });
  });

  it('year-to-date cumulative: auto-detected, differenced within the year, reported', () => {
    const { report, cells } = importCustomsCsv(fx('customs-cumulative-zh-gb18030.csv'));
    expect(report.cumulative).toBe(true);
    expect(report.notes.join('\n')).toMatch(/converted year-to-date cumulative values to monthly/);
    // the "-" month of 85423111 is 0 in the cumulative series (no trade that month)
    expect(cellsToObject(cells)).toEqual({
      ...EXPECTED,
      '85423111': { '2015-01': 123456799, '2015-02': 0, '2015-03': 100000000 },
    });
    // forcing monthly keeps the cumulative numbers
    const asMonthly = importCustomsCsv(fx('customs-cumulative-zh-gb18030.csv'), { cumulative: false });
    expect(cellsToObject(asMonthly.cells)['01012100']['2015-03']).toBe(1234567 + 2000000 + 1000001);
  });

  it('cumulative: true on monthly data → error naming the line where the value falls', () => {
    expect(() => importCustomsCsv(fx('customs-zh-gb18030.csv'), { cumulative: true })).toThrow(
      /line \d+.*year-to-date value falls/,
    );
  });

  it('a missing previous month leaves a cumulative cell missing, not zero, and says so', () => {
    const rows = cumulativeRows().filter((r) => !(r.ym === '201502' && r.code === '01012100'));
    const { report, cells } = importCustomsCsv(tmpFile('cum-gap.csv', customsText(rows, 'en')), { cumulative: true });
    const o = cellsToObject(cells);
    expect(o['01012100']).toEqual({ '2015-01': 1234567 });
    expect(report.notes.join('\n')).toMatch(/1 cumulative cells could not be differenced/);
  });

  it('no date column: period option required, then used', () => {
    expect(() => importCustomsCsv(fx('customs-noperiod-en-gb18030.csv'))).toThrow(/no date column.*period option/);
    const { cells, report } = importCustomsCsv(fx('customs-noperiod-en-gb18030.csv'), { period: '2015-02' });
    expect(cellsToObject(cells)).toEqual({ '01012100': { '2015-02': 2000000 }, '84862031': { '2015-02': 6012345 } });
    expect(report.period).toEqual(['2015-02', '2015-02']);
    expect(() => importCustomsCsv(fx('customs-noperiod-en-gb18030.csv'), { period: '2015-13' })).toThrow(
      /period must be YYYY-MM/,
    );
  });

  it('keepPartners keeps partner rows', () => {
    const { cells } = importCustomsCsv(fx('customs-zh-gb18030.csv'), { keepPartners: true });
    expect(cells.subs).toBeDefined();
    const jan = [];
    for (let i = 0; i < cells.n; i++)
      if (cells.codes[cells.code[i]] === '01012100' && cells.month[i] === 1380)
        jan.push([cells.subs![cells.sub![i]].partner, cells.value[i]]);
    expect(jan).toEqual([
      ['116', 1000000],
      ['304', 234567],
    ]);
  });
});

describe('customs bad input', () => {
  const base = (rows: FixtureRow[] = MONTHLY.slice(0, 4)): string => customsText(rows, 'zh');

  it('codes that lost a leading zero are repaired and reported', () => {
    const text = base().replace(/"01012100"/g, '"1012100"');
    const { cells, report } = importCustomsCsv(tmpFile('zeros.csv', text));
    expect(cells.codes).toContain('01012100');
    expect(report.repairs).toContain('restored leading zero on 2 codes (7 → 8 digits)');
  });

  it('a code of the wrong length is an error naming line, column and value', () => {
    const text = base().replace('"84862031"', '"848620"');
    expect(() => importCustomsCsv(tmpFile('short.csv', text))).toThrow(
      /short\.csv, line 4, column "商品编码": commodity code must have 8 digits.*\(got "848620"\)/,
    );
  });

  it('empty and "-" values are missing (counted), never zero', () => {
    const text = base().replace('"234,567"', '""');
    const { cells, report } = importCustomsCsv(tmpFile('empty.csv', text));
    expect(report.rejected['missing value (empty or "-")']).toBe(1);
    expect(cellsToObject(cells)['01012100']['2015-01']).toBe(1000000);
  });

  it('identical duplicates are dropped once and counted; conflicting ones name both lines', () => {
    const rows = MONTHLY.slice(0, 4);
    const dup = importCustomsCsv(tmpFile('dup.csv', base([...rows, rows[1]])));
    expect(dup.report.duplicatesDropped).toBe(1);
    expect(cellsToObject(dup.cells)['01012100']['2015-01']).toBe(1234567);
    const conflict = [...rows, { ...rows[1], value: '999' }];
    expect(() => importCustomsCsv(tmpFile('conflict.csv', base(conflict)))).toThrow(
      /line 6, column "美元": conflicting duplicate: line 3 has the same code, month, partner with value 234567 \(got "999"\)/,
    );
  });

  it('negative values are errors', () => {
    const text = base().replace('"234,567"', '"-234,567"');
    expect(() => importCustomsCsv(tmpFile('neg.csv', text))).toThrow(
      /line 3, column "美元": negative import value \(got "-234,567"\)/,
    );
  });

  it('a value that is not a number is an error; bad thousands grouping too', () => {
    expect(() => importCustomsCsv(tmpFile('nan.csv', base().replace('"234,567"', '"n/a"')))).toThrow(
      /value is not a number \(got "n\/a"\)/,
    );
    expect(() => importCustomsCsv(tmpFile('grp.csv', base().replace('"234,567"', '"2,34,567"')))).toThrow(
      /value is not a number/,
    );
  });

  it('a truncated file (last line cut mid-record) is an error naming the line', () => {
    const full = base();
    const cutInField = full.slice(0, full.lastIndexOf('","') + 5);
    expect(() => importCustomsCsv(tmpFile('cut1.csv', cutInField))).toThrow(
      /line 5: the file ends inside a quoted field/,
    );
    const cutAfterField = full.slice(0, full.lastIndexOf('","') + 1);
    expect(() => importCustomsCsv(tmpFile('cut2.csv', cutAfterField))).toThrow(
      /line 5: the last record has \d+ fields, the header 11: the file ends mid-record/,
    );
  });

  it('an unknown header is an error listing the expected headers', () => {
    const text = base().replace('"美元"', '"欧元"');
    expect(() => importCustomsCsv(tmpFile('hdr.csv', text))).toThrow(
      /unknown header: a China Customs download has the headers 数据年月, Date of data, 商品编码.*美元, US dollar/,
    );
    expect(() => parseCustomsHeader(['数据年月', '商品编码', '人民币', ''], 'x.csv')).toThrow(
      /download the values in US dollars/,
    );
  });

  it('a bad date is an error', () => {
    expect(() => importCustomsCsv(tmpFile('date.csv', base().replace('"201501"', '"2015-1X"')))).toThrow(
      /line 2, column "数据年月": date must be YYYYMM/,
    );
  });

  it('wrong encoding: a GB18030 file read as UTF-8 names the line with the replacement character', () => {
    // English headers: the first non-ASCII text is the full-width comma of "Hong Kong，China" on line 4
    try {
      importCustomsCsv(fx('customs-en-gb18030.csv'), { encoding: 'utf-8' });
      expect.unreachable();
    } catch (e) {
      const err = e as InputErrorLike;
      expect(err.line).toBe(4);
      expect(err.message).toMatch(/line 4: line is not valid UTF-8.*\uFFFD.*looks like GB18030/);
    }
    // auto-detect reads it
    expect(importCustomsCsv(fx('customs-en-gb18030.csv')).report.encoding).toBe('gb18030');
  });

  it('a UTF-8 file forced to GB18030 with a BOM is refused', () => {
    expect(() => importCustomsCsv(fx('customs-zh-utf8-bom.csv'), { encoding: 'gb18030' })).toThrow(/byte-order mark/);
  });
});

describe('customs streaming and properties', () => {
  it('stream duplicate mode: a sorted file streams; an unsorted one restarts with the full check and says so', () => {
    const a = importCustomsCsv(fx('customs-zh-gb18030.csv'), { dupMode: 'stream' });
    expect(cellsToObject(a.cells)).toEqual(EXPECTED);
    expect(a.report.notes.join('\n')).not.toMatch(/not sorted/);
    const shuffled = [MONTHLY[5], MONTHLY[0], MONTHLY[12], MONTHLY[3], MONTHLY[1], MONTHLY[5]];
    const b = importCustomsCsv(tmpFile('unsorted.csv', customsText(shuffled, 'zh')), { dupMode: 'stream' });
    expect(b.report.notes.join('\n')).toMatch(/not sorted/);
    expect(b.report.duplicatesDropped).toBe(1);
  });

  it('stream duplicate check finds non-adjacent duplicates within a code × month run', () => {
    const rows: FixtureRow[] = [
      { ym: '201501', code: '01012100', partner: '116', value: '1' },
      { ym: '201501', code: '01012100', partner: '304', value: '2' },
      { ym: '201501', code: '01012100', partner: '116', value: '1' },
      { ym: '201501', code: '84862031', partner: '116', value: '5' },
    ];
    const r = importCustomsCsv(tmpFile('run-dup.csv', customsText(rows, 'en')), { dupMode: 'stream' });
    expect(r.report.duplicatesDropped).toBe(1);
    expect(r.report.notes.join(' ')).not.toMatch(/not sorted/);
  });

  it('property: any partner split of monthly values sums back (GB18030 and UTF-8 alike)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            code: fc.constantFrom('01012100', '84862031', '85423111'),
            m: fc.integer({ min: 1, max: 12 }),
            p: fc.constantFrom('116', '304', '110'),
            v: fc.integer({ min: 0, max: 2e9 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.boolean(),
        (raw, gb) => {
          const seen = new Set<string>();
          const rows: FixtureRow[] = [];
          const want: Record<string, Record<string, number>> = {};
          for (const r of raw) {
            const k = `${r.code}|${r.m}|${r.p}`;
            if (seen.has(k)) continue;
            seen.add(k);
            const ym = `2016${String(r.m).padStart(2, '0')}`;
            rows.push({ ym, code: r.code, partner: r.p, value: r.v.toLocaleString('en-US') });
            const month = `2016-${String(r.m).padStart(2, '0')}`;
            want[r.code] ??= {};
            want[r.code][month] = (want[r.code][month] ?? 0) + r.v;
          }
          const text = customsText(rows, gb ? 'zh' : 'en');
          const f = tmpFile('prop.csv', gb ? encodeGb18030(text) : text);
          const { cells, report } = importCustomsCsv(f, { cumulative: false });
          expect(cellsToObject(cells)).toEqual(want);
          expect(report.rowsUsed).toBe(rows.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});

// The parallel read (importers/ranges): a download in byte ranges gives the single-thread cells and report.

const TOTAL = 'total/subtotal row (总值/合计/Total)';
const booksBalance = (r: {
  rowsRead: number;
  rowsUsed: number;
  duplicatesDropped: number;
  rejected: Record<string, number>;
}): void => expect(r.rowsRead).toBe(r.rowsUsed + sumRejected(r.rejected) + r.duplicatesDropped);

describe('importCustomsCsv in byte ranges', () => {
  const codes = ['01012100', '02012100', '03012100'];
  const months = ['201501', '201502', '201503', '201504'];

  it('three ranges: the single-thread cells and report (totals, a duplicate, a missing value, repairs on both sides)', () => {
    const rows = gridRows(codes, months); // 48 rows, lines 2–49
    rows[20][1] = '2012100'; // lost leading zeros, in the middle and the last range
    rows[40][1] = '3012100';
    rows[22][4] = '-'; // missing
    rows.splice(30, 0, [...rows[29]]); // an identical duplicate (line 32)
    rows.splice(6, 0, ['201501', '合计', '', '', '', '', '9,999,999']); // a total row in the first range (line 8)
    rows.splice(45, 0, ['201504', '03012100', '全部', '', '', '', '5']); // a partner total in the last (line 47)
    const text = download(rows);
    const file = tmpFile('range-books.csv', text);
    const splits = [rowOffset(text, 16), rowOffset(text, 33)];
    const one = read(file, { threads: 1 });
    const three = read(file, { splits });
    expect(three.ranges).toBe(3);
    expect(same(three)).toEqual(same(one));
    const rep = importCustomsCsv(file, { splits }).report;
    // 51 rows read (48 + a duplicate + 2 totals): 47 used, 2 totals, 1 missing, 1 duplicate
    expect([rep.rowsRead, rep.rowsUsed, rep.rejected[TOTAL], rep.rejected['missing value (empty or "-")']]).toEqual([
      51, 47, 2, 1,
    ]);
    expect(rep.duplicatesDropped).toBe(1);
    booksBalance(rep);
    expect(rep.repairs).toEqual([
      'restored leading zero on 2 codes (7 → 8 digits)',
      'parsed thousands separators in 48 values',
    ]);
    // 01012100, 2015-01: rows 1–4 → 1 + 2 + 3 + 4 thousand; 03012100, 2015-04: rows 45–48 (the total row not counted)
    const obj = cellsToObject(importCustomsCsv(file, { splits }).cells);
    expect(obj['01012100']['2015-01']).toBe(10000);
    expect(obj['03012100']['2015-04']).toBe((45 + 46 + 47 + 48) * 1000);
  });

  it('bad rows on both sides of a boundary: the single-thread error (file, line, column, value)', () => {
    const rows = gridRows(codes, months);
    rows[4][4] = '-5'; // line 6, in the first range
    rows[38][0] = '201513'; // line 40, in the second
    const text = download(rows);
    const file = tmpFile('range-bad.csv', text);
    const splits = [rowOffset(text, 20)];
    const e1 = read(file, { threads: 1 });
    expect(read(file, { splits })).toEqual(e1);
    expect(e1.error).toMatch(/range-bad\.csv, line 6, column "美元".*negative import value.*-5/s);
    rows[4][4] = '5';
    const file2 = tmpFile('range-bad2.csv', download(rows));
    const e2 = read(file2, { splits });
    expect(e2).toEqual(read(file2, { threads: 1 }));
    expect(e2.error).toMatch(/range-bad2\.csv, line 40, column "数据年月".*YYYYMM.*201513/s);
  });

  it('year-to-date cumulative: decided and differenced once, after the merge', () => {
    const ms = ['201501', '201502', '201503', '201504', '201505', '201506', '201507'];
    const rows: string[][] = [];
    for (const c of ['01012100', '85423111'])
      for (const [k, m] of ms.entries())
        for (const [j, p] of ['116', '304'].entries())
          rows.push([m, c, p, '11000', String((k + 1) * (k + 2) * 50 * (j + 1))]);
    // monthly value of month k (0-based), partner j: (k + 1) × 100 × (j + 1); cumulative: the sum up to k
    const text = download(rows);
    const file = tmpFile('range-ytd.csv', text);
    const splits = [rowOffset(text, 9), rowOffset(text, 19)];
    const par = read(file, { splits });
    expect(par.ranges).toBe(3);
    expect(same(par)).toEqual(same(read(file, { threads: 1 })));
    const r = importCustomsCsv(file, { splits });
    expect(r.report.cumulative).toBe(true);
    expect(cellsToObject(r.cells)['85423111']).toEqual(
      Object.fromEntries(ms.map((m, k) => [`${m.slice(0, 4)}-${m.slice(4)}`, (k + 1) * 300])),
    );
  });

  it('January–February labels in every range: report.janFeb as on one thread', () => {
    const rows = gridRows(codes, ['2020年1-2月', '202003', '202004']);
    const text = download(rows);
    const file = tmpFile('range-janfeb.csv', text);
    const splits = [rowOffset(text, 12), rowOffset(text, 24)];
    const par = read(file, { splits, cumulative: false });
    expect(par.ranges).toBe(3);
    expect(same(par)).toEqual(same(read(file, { threads: 1, cumulative: false })));
    const jf = importCustomsCsv(file, { splits, cumulative: false }).report.janFeb!;
    expect(jf.cells).toEqual(codes.map((code) => ({ code, year: 2020, by: 'label' })));
  });

  it('GB18030 and UTF-8 with a byte-order mark: the encoding decided once, the note kept', () => {
    const rows = gridRows(codes, months);
    rows.splice(30, 0, ['201503', '合计', '', '', '', '', '1']);
    const text = download(rows);
    const gb = encodeGb18030(text);
    const gbFile = tmpFile('range-gb.csv', gb);
    const splits = [Math.round(gb.length / 3), Math.round((2 * gb.length) / 3)];
    const par = read(gbFile, { splits });
    expect(par.ranges).toBe(3);
    expect(same(par)).toEqual(same(read(gbFile, { threads: 1 })));
    const r = importCustomsCsv(gbFile, { splits });
    expect([r.report.encoding, r.report.headerLanguage, r.report.rejected[TOTAL]]).toEqual(['gb18030', 'zh', 1]);
    const bomFile = tmpFile('range-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const bom = read(bomFile, { splits });
    expect(bom.ranges).toBe(3);
    expect(same(bom)).toEqual(same(read(bomFile, { threads: 1 })));
    expect(importCustomsCsv(bomFile, { splits }).report.notes).toContain('UTF-8 byte-order mark skipped');
    // Chinese text only in the first range: the later ranges read as GB18030 too (not decided again from ASCII)
    const mixed = encodeGb18030(
      download([...gridRows(['01012100'], months), ...gridRows(['02012100', '03012100'], months, ['110'], ['44000'])]),
    );
    const mixedFile = tmpFile('range-gb-ascii.csv', mixed);
    const at = [mixed.indexOf('"02012100"')];
    const m = read(mixedFile, { splits: at });
    expect(m.ranges).toBe(2);
    expect(same(m)).toEqual(same(read(mixedFile, { threads: 1 })));
    expect(importCustomsCsv(mixedFile, { splits: at }).report.encoding).toBe('gb18030');
  });

  it('read on one thread, and why: text keys, kept partners, the hash check, a file not grouped by code × month', () => {
    const text = download(gridRows(codes, months));
    const at = [rowOffset(text, 20)];
    const file = tmpFile('range-why.csv', text);
    expect(read(file, { keepPartners: true, splits: at }).why).toBe(
      'partners kept (keepPartners): their cells are not merged across ranges',
    );
    expect(read(file, { dupMode: 'hash', splits: at }).why).toBe('the hash duplicate check (dupMode: hash)');
    const textKeys = tmpFile('range-text.csv', text.replace(/"304","德国"/g, '"DE","德国"'));
    const t = read(textKeys, { splits: at });
    expect([t.ranges, t.why]).toEqual([1, 'text partner, regime or location keys']);
    expect(same(t)).toEqual(same(read(textKeys, { threads: 1 })));
    // 01012100 2015-01 and 2015-02 for partner 116, then again for 304: sorted by code, partner, month
    const rows = [
      ['201501', '01012100', '116', '11000', '1'],
      ['201502', '01012100', '116', '11000', '2'],
      ['201501', '01012100', '304', '11000', '3'],
      ['201502', '01012100', '304', '11000', '4'],
    ];
    const ungrouped = download(rows);
    const u = tmpFile('range-ungrouped.csv', ungrouped);
    const ur = read(u, { splits: [rowOffset(ungrouped, 1)] });
    expect([ur.ranges, ur.why]).toEqual([
      1,
      'a code × month in two ranges (the file is not grouped by code and month)',
    ]);
    expect(same(ur)).toEqual(same(read(u, { threads: 1 })));
    // a small file stays on one thread unless asked
    expect(importCustomsCsv(file).threads).toEqual({ ranges: 1 });
    expect(importCustomsCsv(file, { threads: 2, minParallelBytes: 0 }).threads).toEqual({ ranges: 2 });
  });
});

describe('importCustomsCsv: the period option and when ranges give way to one thread', () => {
  const noPeriod = fx('customs-noperiod-en-gb18030.csv');

  it('period: YYYY-MM or YYYYMM, nothing around it; month index 0 (1900-01) is a month', () => {
    const dashed = cellsToObject(importCustomsCsv(noPeriod, { period: '2015-02' }).cells);
    expect(cellsToObject(importCustomsCsv(noPeriod, { period: '201502' }).cells)).toEqual(dashed);
    for (const bad of [' 2015-02', '2015-02 ', 'May 2015'])
      expect(() => importCustomsCsv(noPeriod, { period: bad })).toThrow(
        `importCustomsCsv: period must be YYYY-MM (got ${JSON.stringify(bad)})`,
      );
    const first = importCustomsCsv(noPeriod, { period: '1900-01' });
    expect(Array.from(first.cells.month)).toEqual([0, 0]);
    expect(first.report.period).toEqual(['1900-01', '1900-01']);
  });

  it('a split at the end of the file: one thread, and why', () => {
    const file = fx('customs-zh-gb18030.csv');
    const r = importCustomsCsv(file, { splits: [fs.statSync(file).size] });
    expect(r.threads).toEqual({ ranges: 1, serialBecause: 'a range starts at the end of the file' });
    expect(cellsToObject(r.cells)).toEqual(cellsToObject(importCustomsCsv(file, { threads: 1 }).cells));
  });

  const codes = ['01012100', '02012100', '03012100'];
  const months = ['201501', '201502', '201503', '201504'];

  it('the level and encoding options reach every range', () => {
    const text = download(gridRows(codes, months));
    const file = tmpFile('range-level.csv', encodeGb18030(text));
    const splits = [rowOffset(text, 24)];
    // 8-digit codes read as HS6: the single-thread error, not a parallel read that fixed the level from the data
    const hs6 = read(file, { splits, level: 'HS6' });
    expect(hs6.error).toMatch(/commodity code must have 6 digits in this HS6 file/);
    expect(hs6).toEqual(read(file, { threads: 1, level: 'HS6' }));
    const hs8 = read(file, { splits, level: 'HS8' });
    expect(hs8.ranges).toBe(2);
    expect(same(hs8)).toEqual(same(read(file, { threads: 1 })));
    // GB18030 read as UTF-8: the single-thread error, not a parallel read that guessed the encoding
    const utf8 = read(file, { splits, encoding: 'utf-8' });
    expect(utf8.error).toMatch(/not valid UTF-8/);
    expect(utf8).toEqual(read(file, { threads: 1, encoding: 'utf-8' }));
  });

  it('a text partner key in a later range only: one thread, and why', () => {
    const rows = gridRows(codes, months);
    rows[40][2] = 'XX'; // a partner named, not coded, after the split
    const text = download(rows);
    const file = tmpFile('range-text-key.csv', text);
    const r = read(file, { splits: [rowOffset(text, 24)] });
    expect([r.ranges, r.why]).toEqual([1, 'text partner, regime or location keys']);
    expect(same(r)).toEqual(same(read(file, { threads: 1 })));
  });

  it('a file in no sorted order: a range gives up its streamed duplicate check, the file is read on one thread', () => {
    const rows = gridRows(codes, months);
    const text = download(rows.map((_, k) => rows[(k * 7) % rows.length])); // every 7th row: no order at all
    const file = tmpFile('range-shuffled.csv', text);
    const r = read(file, { splits: [rowOffset(text, 24)] });
    expect([r.ranges, r.why]).toEqual([
      1,
      'a range failed (file is not sorted: restart with the hash duplicate check)',
    ]);
    expect(same(r)).toEqual(same(read(file, { threads: 1 })));
  });

  it('errors in ranges are the single-thread errors: an unknown header, monthly data read as year-to-date', () => {
    const text = download(gridRows(codes, months)).replace('美元', '人民币');
    const file = tmpFile('range-bad-header.csv', text);
    const bad = read(file, { splits: [rowOffset(text, 24)] });
    expect(bad.error).toMatch(/^importCustomsCsv: /);
    expect(bad).toEqual(read(file, { threads: 1 }));
    const monthly = fx('customs-zh-gb18030.csv');
    const cum = read(monthly, { splits: [900], cumulative: true });
    expect(cum.error).toMatch(/year-to-date value falls/);
    expect(cum).toEqual(read(monthly, { threads: 1, cumulative: true }));
  });
});
