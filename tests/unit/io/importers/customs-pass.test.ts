/**
 * One pass of the China Customs importer (lib/io/importers/customs-pass.ts) on small hand-made downloads: which
 * columns are keys and names (in any order), what makes a total row, the row widths accepted, the period option
 * against a date column, January–February labels, kept partners, and the parts a byte range hands back. The whole
 * import (encodings, fixtures, the parallel read against one thread) is tested in customs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  customsLocalRange,
  customsPass,
  customsRangeTask,
  type CustomsPassResult,
  type PassOptions,
} from '../../../../lib/io/importers/customs-pass.js';
import { importCustomsCsv } from '../../../../lib/io/importers/customs.js';
import { cellsToObject, tmpFile } from '../../../helpers/importers.js';
import { messageOf } from '../../../helpers/thrown.js';
import { downloadLine as line } from '../../../fixtures/customs-fixtures.js';

// the header names of a download (Chinese)
const DATE = '数据年月';
const CODE = '商品编码';
const CNAME = '商品名称';
const P = '贸易伙伴编码';
const PN = '贸易伙伴名称';
const R = '贸易方式编码';
const RN = '贸易方式名称';
const L = '注册地编码';
const LN = '注册地名称';
const UNIT = '第一计量单位';
const USD = '美元';
const TOTAL = 'total/subtotal row (总值/合计/Total)';

/** A download's text: the header and the rows. */
const csv = (header: string[], rows: string[][]): string => line(header) + rows.map(line).join('');

let files = 0;
/** Write a download to a temp file. */
const put = (text: string): string => tmpFile(`pass-${files++}.csv`, text);
/** One pass over a whole download (label a.csv, the hash duplicate check). */
function pass(text: string, opts: PassOptions = {}, fixedMonth = -1): CustomsPassResult {
  return customsPass(put(text), 'a.csv', opts, 'hash', fixedMonth);
}
/** A pass's cells as code → month → value. */
const cellsOf = (r: CustomsPassResult): Record<string, Record<string, number>> =>
  cellsToObject(r.ctx.finish(false).cells);
/** A pass's books. */
const books = (r: CustomsPassResult): unknown => {
  const { rowsRead, rowsUsed, rejected, duplicatesDropped } = r.ctx.report;
  return { rowsRead, rowsUsed, rejected, duplicatesDropped };
};

describe('customsPass: key columns', () => {
  const header = [DATE, CODE, P, PN, R, RN, L, LN, USD];
  const row = (code: string, partner: string, value: string): string[] => [
    '201501',
    code,
    partner,
    'x',
    '10',
    '一般贸易',
    '11000',
    '北京市',
    value,
  ];

  it('digit keys are numbers; text keys are trimmed, numbered apart and counted (a code 00000000 beside one too)', () => {
    const r = pass(
      csv(header, [
        row('01012100', '116', '1'),
        row('01012100', 'DE', '2'),
        row('01012100', ' DE ', '2'), // the same key as DE: an identical duplicate
        row('01012100', 'FR', '3'),
        row('00000000', 'DE', '4'),
      ]),
    );
    expect(r.textKeys).toBe(2);
    expect(books(r)).toEqual({ rowsRead: 5, rowsUsed: 4, rejected: {}, duplicatesDropped: 1 });
    expect(cellsOf(r)).toEqual({ '00000000': { '2015-01': 4 }, '01012100': { '2015-01': 6 } });
  });

  it('digit keys only: no text keys', () => {
    const r = pass(csv(header, [row('01012100', '116', '1'), row('01012100', '0', '2')]));
    expect(r.textKeys).toBe(0);
    expect(books(r)).toEqual({ rowsRead: 2, rowsUsed: 2, rejected: {}, duplicatesDropped: 0 });
  });

  // each key column first in its turn (the others after the date): the key still tells two records apart
  const keyFirst: [string, string[], (k: string) => string[]][] = [
    ['partner', [P, DATE, CODE, USD], (k) => [k, '201501', '01012100']],
    ['regime', [R, DATE, CODE, USD], (k) => [k, '201501', '01012100']],
    ['location', [L, DATE, CODE, USD], (k) => [k, '201501', '01012100']],
  ];
  for (const [name, h, lead] of keyFirst)
    it(`a ${name} key in the first column tells records apart and is named in a conflicting duplicate`, () => {
      const r = pass(
        csv(h, [
          [...lead('116'), '1'],
          [...lead('304'), '2'],
        ]),
      );
      expect(cellsOf(r)).toEqual({ '01012100': { '2015-01': 3 } });
      expect(
        messageOf(() =>
          pass(
            csv(h, [
              [...lead('116'), '1'],
              [...lead('116'), '2'],
            ]),
          ),
        ),
      ).toBe(
        `importCustomsCsv: a.csv, line 3, column "美元": conflicting duplicate: line 2 has the same code, month, ${name} with value 1 (got "2")`,
      );
    });

  it('the key words of a conflicting duplicate: none, or partner, regime, location in that order', () => {
    const none = csv(
      [DATE, CODE, USD],
      [
        ['201501', '01012100', '5'],
        ['201501', '01012100', '6'],
      ],
    );
    expect(messageOf(() => pass(none))).toBe(
      'importCustomsCsv: a.csv, line 3, column "美元": conflicting duplicate: line 2 has the same code, month with value 5 (got "6")',
    );
    const all = csv(
      [L, R, DATE, CODE, P, USD],
      [
        ['11000', '10', '201501', '01012100', '116', '5'],
        ['11000', '10', '201501', '01012100', '116', '6'],
      ],
    );
    expect(messageOf(() => pass(all))).toBe(
      'importCustomsCsv: a.csv, line 3, column "美元": conflicting duplicate: line 2 has the same code, month, partner, regime, location with value 5 (got "6")',
    );
  });
});

describe('customsPass: total rows', () => {
  it('a total marker in a name column alone (code and keys empty) makes a total row, in each of the four names', () => {
    const header = [DATE, CODE, CNAME, P, PN, R, RN, L, LN, USD];
    const r = pass(
      csv(header, [
        ['201501', '01012100', '马', '116', '日本', '10', '一般贸易', '11000', '北京市', '7'],
        ['201501', '', '总值', '', '', '', '', '', '', '100'],
        ['201501', '', '', '', '合计', '', '', '', '', '100'],
        ['201501', '', '', '', '', '', 'Total', '', '', '100'],
        ['201501', '', '', '', '', '', '', '', '小计', '100'],
      ]),
    );
    expect(books(r)).toEqual({ rowsRead: 5, rowsUsed: 1, rejected: { [TOTAL]: 4 }, duplicatesDropped: 0 });
  });

  it('a total marker in the code column, when the code column comes first', () => {
    const r = pass(
      csv(
        [CODE, DATE, P, USD],
        [
          ['01012100', '201501', '116', '7'],
          ['总值', '201501', '', '100'],
        ],
      ),
    );
    expect(books(r)).toEqual({ rowsRead: 2, rowsUsed: 1, rejected: { [TOTAL]: 1 }, duplicatesDropped: 0 });
  });

  it('subtotals: a total marker in the code beside a partner code, in the partner or regime beside a code', () => {
    const header = [DATE, CODE, P, R, USD];
    const r = pass(
      csv(header, [
        ['201501', '01012100', '116', '10', '7'],
        ['201501', '合计', '116', '10', '100'],
        ['201501', '01012100', '全部', '10', '100'],
        ['201501', '01012100', '116', '合计', '100'],
      ]),
    );
    expect(books(r)).toEqual({ rowsRead: 4, rowsUsed: 1, rejected: { [TOTAL]: 3 }, duplicatesDropped: 0 });
    for (const h of [
      [P, DATE, CODE, USD],
      [R, DATE, CODE, USD],
    ]) {
      const first = pass(
        csv(h, [
          ['116', '201501', '01012100', '7'],
          ['全部', '201501', '01012100', '100'],
        ]),
      );
      expect(books(first)).toEqual({ rowsRead: 2, rowsUsed: 1, rejected: { [TOTAL]: 1 }, duplicatesDropped: 0 });
    }
  });

  it('digit keys make a data row even when a name starts like a total ("All other …"), codes and keys 0 too', () => {
    const header = [DATE, CODE, CNAME, P, R, USD];
    const name = 'All other horses';
    const r = pass(
      csv(header, [
        ['201501', '01012100', name, '116', '10', '1'],
        ['201501', '00000000', name, '116', '10', '2'],
        ['201501', '01012100', name, '0', '10', '3'],
        ['201501', '01012100', name, '116', '0', '4'],
      ]),
    );
    expect(books(r)).toEqual({ rowsRead: 4, rowsUsed: 4, rejected: {}, duplicatesDropped: 0 });
    // no partner or regime column
    const bare = pass(csv([DATE, CODE, CNAME, USD], [['201501', '01012100', name, '1']]));
    expect(books(bare)).toEqual({ rowsRead: 1, rowsUsed: 1, rejected: {}, duplicatesDropped: 0 });
  });

  it('a code that is neither digits nor a total: the error names line, column and value', () => {
    expect(messageOf(() => pass(csv([DATE, CODE, P, USD], [['201501', 'ABC', '116', '7']])))).toBe(
      'importCustomsCsv: a.csv, line 2, column "商品编码": commodity code is not a number (got "ABC")',
    );
  });

  it('text elsewhere on the line (a unit "all") does not make a text key row a total', () => {
    // a range that starts at an unquoted record whose unit reads "all"; the next record has a text partner
    const header = [UNIT, DATE, CODE, P, USD, ''];
    const head = `"${UNIT}","${DATE}","${CODE}","${P}","${USD}",\r\n`;
    const text = head + 'all,201501,01012100,116,1,\r\n' + 'kg,201502,01012100,DE,2,\r\n';
    const r = customsPass(
      put(text),
      'a.csv',
      {},
      'stream',
      -1,
      { from: Buffer.byteLength(head), to: Infinity },
      header,
    );
    // the first record's run (2015-01) is the range before's; the second is this range's
    expect(books(r)).toEqual({ rowsRead: 1, rowsUsed: 1, rejected: {}, duplicatesDropped: 0 });
  });
});

describe('customsPass: header, date column and period', () => {
  it('no date column and no period: the error names line 1 and lists the header', () => {
    expect(messageOf(() => pass(csv([CODE, USD], [['01012100', '5']])))).toBe(
      'importCustomsCsv: a.csv, line 1: no date column (数据年月 / Date of data): pass the queried month as the period option (YYYY-MM) (got "商品编码,美元,")',
    );
  });

  it('no date column: the period is every row’s month, January 1900 (month 0) too, without a note', () => {
    const text = csv([CODE, USD], [['01012100', '5']]);
    const r = pass(text, {}, 0);
    expect(cellsOf(r)).toEqual({ '01012100': { '1900-01': 5 } });
    expect(pass(text, {}, 1380).ctx.report.notes).toEqual([]);
  });

  it('a period beside a date column is ignored, with a note (January 1900 too); none without a period', () => {
    const text = csv([DATE, CODE, USD], [['201501', '01012100', '5']]);
    const note = ['the period option was ignored: the file has a date column'];
    for (const fixed of [1380, 0]) {
      const r = pass(text, {}, fixed);
      expect(r.ctx.report.notes).toEqual(note);
      expect(cellsOf(r)).toEqual({ '01012100': { '2015-01': 5 } });
    }
    expect(pass(text).ctx.report.notes).toEqual([]);
  });

  it('a range after the first reads the header it is given, and notes nothing about the period', () => {
    const header = [DATE, CODE, USD, ''];
    const head = line([DATE, CODE, USD]);
    const text = head + line(['201501', '01012100', '5']) + line(['201502', '01012100', '6']);
    const r = customsPass(
      put(text),
      'a.csv',
      {},
      'stream',
      1380,
      { from: Buffer.byteLength(head), to: Infinity },
      header,
    );
    expect(r.ctx.report.notes).toEqual([]);
    expect(books(r)).toEqual({ rowsRead: 1, rowsUsed: 1, rejected: {}, duplicatesDropped: 0 });
    expect(r.header).toEqual(header);
  });

  it('a range from the start reads the file’s header, not the one it is given', () => {
    const text = csv([DATE, CODE, USD], [['201501', '01012100', '5']]);
    const r = customsPass(put(text), 'a.csv', {}, 'stream', -1, { from: 0, to: Infinity }, [CODE, DATE, USD, '']);
    expect(books(r)).toEqual({ rowsRead: 1, rowsUsed: 1, rejected: {}, duplicatesDropped: 0 });
    expect(r.header).toEqual([DATE, CODE, USD, '']);
  });

  it('the header-only pass (a range ending at 0) reads no row', () => {
    const text = csv([DATE, CODE, USD], [['201501', '01012100', '5']]);
    const r = customsPass(put(text), 'a.csv', {}, 'stream', -1, { from: 0, to: 0 });
    expect(books(r)).toEqual({ rowsRead: 0, rowsUsed: 0, rejected: {}, duplicatesDropped: 0 });
    expect(r.header).toEqual([DATE, CODE, USD, '']);
  });

  it('the whole file by default: the range owns from its first record and reads to the end', () => {
    const r = customsPass(put(csv([DATE, CODE, USD], [['201501', '01012100', '5']])), 'a.csv', {}, 'hash', -1);
    expect([r.gate.firstUsed, r.gate.limit, r.gate.endPos]).toEqual([0, Infinity, -1]);
  });

  it('an empty file: the error names the file', () => {
    expect(messageOf(() => pass(''))).toBe('importCustomsCsv: a.csv: file is empty (no header row)');
  });
});

describe('customsPass: row widths', () => {
  const header = [DATE, CODE, USD];
  it('a record without the trailing comma of the header is read (not as a last record without a line break)', () => {
    const text = line(header) + '"201501","01012100","5"\r\n' + line(['201502', '01012100', '6']);
    expect(cellsOf(pass(text))).toEqual({ '01012100': { '2015-01': 5, '2015-02': 6 } });
    expect(messageOf(() => pass(line(header) + '"201501","01012100","5"'))).toBe(
      'importCustomsCsv: a.csv, line 2: the last record has 3 fields, the header 4: the file ends mid-record (truncated download?) (got "\\"201501\\",\\"01012100\\",\\"5\\"")',
    );
  });

  it('a record with a field too many, or one too few under a header without the trailing comma: the error names the line', () => {
    const extra = line(header) + line(['201501', '01012100', '5', 'x']) + line(['201502', '01012100', '6']);
    expect(messageOf(() => pass(extra))).toBe(
      'importCustomsCsv: a.csv, line 2: expected 4 fields as in the header, found 5 (got "\\"201501\\",\\"01012100\\",\\"5\\",\\"x\\",")',
    );
    const noTrail = '数据年月,商品编码,美元\n201501,01012100\n201502,01012100,6\n';
    expect(messageOf(() => pass(noTrail))).toBe(
      'importCustomsCsv: a.csv, line 2: expected 3 fields as in the header, found 2 (got "201501,01012100")',
    );
  });
});

describe('customsPass: values and dates', () => {
  const header = [DATE, CODE, USD];
  it('a value that is not a number: the error names line, column and value', () => {
    expect(messageOf(() => pass(csv(header, [['201501', '01012100', 'n/a']])))).toBe(
      'importCustomsCsv: a.csv, line 2, column "美元": value is not a number (got "n/a")',
    );
  });

  it('a zero written with a thousands separator counts among the separators parsed', () => {
    const r = pass(csv(header, [['201501', '01012100', '0,000']]));
    expect(r.ctx.separators).toBe(1);
    expect(cellsOf(r)).toEqual({ '01012100': { '2015-01': 0 } });
  });

  it('190001 is January 1900 (month 0)', () => {
    expect(cellsOf(pass(csv(header, [['190001', '01012100', '5']])))).toEqual({ '01012100': { '1900-01': 5 } });
  });

  it('January–February labels of 1900 and 2240 go to February; years outside the months’ range are errors', () => {
    const r = pass(
      csv(header, [
        ['1900年1-2月', '01012100', '5'],
        ['2240年1-2月', '01012100', '6'],
      ]),
    );
    expect(cellsOf(r)).toEqual({ '01012100': { '1900-02': 5, '2240-02': 6 } });
    for (const y of ['1899', '2241', '0000'])
      expect(messageOf(() => pass(csv(header, [[`${y}年1-2月`, '01012100', '5']])))).toBe(
        `importCustomsCsv: a.csv, line 2, column "数据年月": date must be YYYYMM (or a 1-2月 label) (got "${y}年1-2月")`,
      );
  });

  it('a January–February label in an HS6 file records the six-digit code', () => {
    const r = pass(csv(header, [['2020年1-2月', '010121', '5']]));
    expect(r.ctx.report.janFeb?.cells).toEqual([{ code: '010121', year: 2020, by: 'label' }]);
  });
});

describe('customsPass: kept partners', () => {
  const subsOf = (text: string): unknown => importCustomsCsv(put(text), { keepPartners: true }).cells.subs;

  it('partner and regime kept as trimmed text, in any column; absent ones are empty', () => {
    expect(subsOf(csv([DATE, CODE, P, R, USD], [['201501', '01012100', ' 116 ', ' 10 ', '5']]))).toEqual([
      { partner: '116', regime: '10' },
    ]);
    expect(subsOf(csv([P, DATE, CODE, USD], [['116', '201501', '01012100', '5']]))).toEqual([
      { partner: '116', regime: '' },
    ]);
    expect(subsOf(csv([R, DATE, CODE, USD], [['10', '201501', '01012100', '5']]))).toEqual([
      { partner: '', regime: '10' },
    ]);
    expect(subsOf(csv([DATE, CODE, USD], [['201501', '01012100', '5']]))).toEqual([{ partner: '', regime: '' }]);
  });

  it('without keepPartners, partner × regime combinations are not limited (kept: 8192 at most)', () => {
    const rows: string[][] = [];
    for (let p = 1; p <= 8193; p++) rows.push(['201501', '01012100', String(p), '1']);
    const file = put(csv([DATE, CODE, P, USD], rows));
    const r = customsPass(file, 'a.csv', {}, 'stream', -1);
    expect(r.ctx.report.rowsUsed).toBe(8193);
    expect(messageOf(() => customsPass(file, 'a.csv', { keepPartners: true }, 'stream', -1))).toBe(
      'importCustomsCsv: a.csv, line 8194: more than 8192 distinct partner/regime combinations: import without keepPartners',
    );
  });
});

describe('customs range tasks', () => {
  const header = [DATE, CODE, P, USD, ''];
  const head = line([DATE, CODE, P, USD]);

  it('a range holding only a total row of the run before: nothing counted, no grid', () => {
    const first = line(['201501', '01012100', '116', '5']);
    const text = head + first + line(['201501', '总值', '', '5']);
    const file = put(text);
    const from = Buffer.byteLength(head + first);
    const t = customsRangeTask({
      file,
      label: 'a.csv',
      range: { from, to: Infinity },
      opts: {},
      fixedMonth: -1,
      header,
    });
    const p = t.value;
    expect([p.rowsRead, p.rowsUsed, p.rejected, p.grid, t.transfer]).toEqual([0, 0, {}, undefined, []]);
    expect([p.firstRec, p.firstRecLine, p.firstUsed]).toEqual([from, 1, -1]); // lines counted from the range's start
  });

  it('kept partners: no grid to pack', () => {
    const file = put(head + line(['201501', '01012100', '116', '5']));
    const t = customsRangeTask({
      file,
      label: 'a.csv',
      range: { from: 0, to: Infinity },
      opts: { keepPartners: true },
      fixedMonth: -1,
      header,
    });
    expect([t.value.rowsUsed, t.value.grid, t.transfer]).toEqual([1, undefined, []]);
  });

  it('a total row at the range’s end starts its last run (counted here)', () => {
    const a = line(['201501', '01012100', '116', '5']);
    const total = line(['201501', '总值', '', '5']);
    const text = head + a + total + line(['201501', '01012100', '304', '6']) + line(['201502', '01012100', '116', '7']);
    const to = Buffer.byteLength(head + a);
    const r = customsPass(put(text), 'a.csv', {}, 'stream', -1, { from: 0, to });
    expect([r.gate.nextS, r.gate.nextSLine]).toEqual([to, 3]);
    expect(books(r)).toEqual({ rowsRead: 3, rowsUsed: 2, rejected: { [TOTAL]: 1 }, duplicatesDropped: 0 });
  });

  it('the January–February cells a range found, or none', () => {
    const task = (rows: string[][]) => ({
      file: put(csv([DATE, CODE, P, USD], rows)),
      label: 'a.csv',
      range: { from: 0, to: Infinity },
      opts: {},
      fixedMonth: -1,
      header: [],
    });
    expect(customsLocalRange(task([['2020年1-2月', '01012100', '116', '5']])).janFeb).toEqual([
      { code: '01012100', year: 2020, by: 'label' },
    ]);
    expect(customsLocalRange(task([['202003', '01012100', '116', '5']])).janFeb).toEqual([]);
  });
});
