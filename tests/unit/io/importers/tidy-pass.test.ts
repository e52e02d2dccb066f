/**
 * One pass of the tidy importer (lib/io/importers/tidy-pass.ts), called directly: the header check and its
 * messages, the record path's keys and values (lines with a quoted field skip the fast path), a range's pass on
 * this thread (tidyRangeTask, tidyLocalRange: what a worker of the parallel import would send back), and which
 * plain lines the fast path reads (fastLines).
 */
import { describe, expect, it } from 'vitest';
import { monthIndex } from '../../../../lib/core/months.js';
import { parseState } from '../../../../lib/io/importers/fields.js';
import { tidyLocalRange, tidyPass, tidyRangeTask } from '../../../../lib/io/importers/tidy-pass.js';
import { readTidyPanel } from '../../../../lib/io/importers/tidy.js';
import { cellsToObject, quotedLines as quoted, tmpFile } from '../../../helpers/importers.js';

const H6 = 'code,level,month,value_usd,partner,regime';
const H4 = 'code,level,month,value_usd';

/** The file's text: lines ended by a newline. */
const text = (lines: string[]): string => lines.map((l) => `${l}\n`).join('');

/** The byte offset of line k (0-based) of the file made of `lines`. */
const offsetOf = (lines: string[], k: number): number => Buffer.byteLength(text(lines.slice(0, k)));

describe('tidyPass: header', () => {
  it('the report is a tidy panel report', () => {
    const r = tidyPass(tmpFile('fmt.csv', text([H4, '01012100,HS8,2015-01,1'])), 'fmt.csv', 'stream');
    expect([r.ctx.report.format, r.nH, r.ctx.report.rowsRead]).toEqual(['tidy', 4, 1]);
  });

  it('a header of 3 columns, with another name, or with partner but no regime is refused with its line', () => {
    for (const head of ['code,level,month', 'code,lvl,month,value_usd', 'code,level,month,value_usd,partner']) {
      const f = tmpFile('head.csv', text(['# a note', head, '01012100,HS8,2015-01,1,1,1']));
      expect(() => tidyPass(f, 'head.csv', 'stream'), head).toThrow(
        `readTidyPanel: head.csv, line 2: the tidy panel header must be code,level,month,value_usd optionally followed by partner,regime (got "${head}")`,
      );
    }
  });

  it('spaces around the header names are allowed', () => {
    const f = tmpFile('head-sp.csv', text([' code , level ,month,value_usd ', '01012100,HS8,2015-01,1']));
    const r = tidyPass(f, 'head-sp.csv', 'stream');
    expect([r.nH, r.ctx.report.rowsUsed]).toEqual([4, 1]);
  });

  it('an empty file, or one of comments only, has no header row', () => {
    for (const body of ['', '# only a note\n']) {
      expect(() => tidyPass(tmpFile('empty.csv', body), 'empty.csv', 'stream')).toThrow(
        'readTidyPanel: empty.csv: file is empty (no header row)',
      );
    }
  });

  it('a range that ends at byte 0 reads the header only', () => {
    const lines = [H6, '01012100,HS8,2015-01,1,116,10', '01012100,HS8,2015-02,2,116,10'];
    const r = tidyPass(tmpFile('head-only.csv', text(lines)), 'head-only.csv', 'stream', { from: 0, to: 0, nH: 0 });
    expect([r.nH, r.ctx.report.rowsRead, r.fastLines, r.ctx.agg]).toEqual([6, 0, 0, undefined]);
  });
});

describe('tidyPass: the record path', () => {
  it('partner and regime: digits are numbers, text (trimmed) is numbered, an empty key is none', () => {
    // quoted: every line takes the record path. Keys: (116, 10), (0, 0), none, (Japan, Customs) twice once trimmed
    const lines = quoted([
      H6,
      '01012100,HS8,2015-01,1,116,10',
      '01012100,HS8,2015-01,2,0,0',
      '01012100,HS8,2015-01,3,,',
      '01012100,HS8,2015-01,4,Japan,Customs',
      '01012100,HS8,2015-01,4, Japan , Customs ',
    ]);
    const r = tidyPass(tmpFile('keys.csv', text(lines)), 'keys.csv', 'hash');
    const rep = r.ctx.report;
    expect([r.textKeys, r.fastLines, rep.rowsRead, rep.rowsUsed, rep.duplicatesDropped]).toEqual([2, 0, 5, 4, 1]);
    expect(cellsToObject(r.ctx.finish(false).cells)).toEqual({ '01012100': { '2015-01': 10 } });
  });

  it('a code of zeros is digits; letters are not', () => {
    const ok = tidyPass(tmpFile('zero.csv', text(quoted([H4, '00000000,HS8,2015-01,5']))), 'zero.csv', 'stream');
    expect(ok.ctx.report.rowsUsed).toBe(1);
    const bad = text(quoted([H4, '01012100,HS8,2015-01,5', 'abc,HS8,2015-01,5']));
    expect(() => tidyPass(tmpFile('letters.csv', bad), 'letters.csv', 'stream')).toThrow(
      'readTidyPanel: letters.csv, line 3, column "code": code must be digits (got "abc")',
    );
  });

  it('an empty value is a missing row, not a number', () => {
    const f = tmpFile('missing.csv', text(quoted([H4, '01012100,HS8,2015-01,', '01012100,HS8,2015-02,3'])));
    const rep = tidyPass(f, 'missing.csv', 'stream').ctx.report;
    expect([rep.rowsRead, rep.rowsUsed, Object.values(rep.rejected)]).toEqual([2, 1, [1]]);
  });
});

describe('tidyPass over a range (from > 0: the header is not read)', () => {
  // lines 0–4; a range from line 1 skips the run of its first code × month (the range before owns it)
  const six = [
    H6,
    '01012100,HS8,2015-01,1,116,10',
    '01012100,HS8,2015-02,2,304,11',
    '01012100,HS8,2015-03,3,304,11',
    '01012900,HS8,2015-03,4,116,10',
  ];

  it('a 6-column range reads partner and regime on the record path (its first key)', () => {
    const lines = quoted(six);
    const p = tidyRangeTask({
      file: tmpFile('r6.csv', text(lines)),
      label: 'r6.csv',
      range: { from: offsetOf(lines, 1), to: Infinity, nH: 6 },
    }).value;
    expect([p.rowsRead, p.firstRecLine, p.firstUsed, p.firstKey, p.textKeys, p.nH]).toEqual([
      3,
      1,
      offsetOf(lines, 2),
      [1012100, monthIndex('2015-02'), 304, 11],
      0,
      6,
    ]);
  });

  it('a 4-column range has no partner or regime', () => {
    const lines = quoted(six.map((l) => l.split(',').slice(0, 4).join(',')));
    const p = tidyRangeTask({
      file: tmpFile('r4.csv', text(lines)),
      label: 'r4.csv',
      range: { from: offsetOf(lines, 1), to: Infinity, nH: 4 },
    }).value;
    expect([p.rowsRead, p.firstKey, p.textKeys, p.nH]).toEqual([3, [1012100, monthIndex('2015-02'), -1, -1], 0, 4]);
  });

  it('a conflicting duplicate in a range names the key columns of its width', () => {
    for (const [head, dupWords] of [
      [H6, ', partner, regime'],
      [H4, ''],
    ]) {
      const n = head.split(',').length;
      const lines = [
        head,
        '01012100,HS8,2015-01,1,116,10',
        '01012100,HS8,2015-02,2,116,10',
        '01012100,HS8,2015-02,3,116,10',
      ].map((l, k) => (k === 0 ? l : l.split(',').slice(0, n).join(',')));
      const f = tmpFile('rdup.csv', text(lines));
      expect(() => tidyPass(f, 'rdup.csv', 'stream', { from: offsetOf(lines, 1), to: Infinity, nH: n })).toThrow(
        `readTidyPanel: rdup.csv, line 3, column "value_usd": conflicting duplicate: line 2 has the same code, month${dupWords} with value 2 (got "3")`,
      );
    }
  });

  it('a range does not read comments: a # line at its start is a record of one field', () => {
    const lines = [H4, '01012100,HS8,2015-01,1', '# not a comment here', '01012100,HS8,2015-02,1'];
    const f = tmpFile('rhash.csv', text(lines));
    expect(() => tidyPass(f, 'rhash.csv', 'stream', { from: offsetOf(lines, 2), to: Infinity, nH: 4 })).toThrow(
      'readTidyPanel: rhash.csv, line 1: expected 4 fields as in the header, found 1 (got "# not a comment here")',
    );
  });

  it('a range with no record left sends no grid', () => {
    const lines = [H6, '01012100,HS8,2015-01,1,116,10'];
    const p = tidyRangeTask({
      file: tmpFile('rnone.csv', text(lines)),
      label: 'rnone.csv',
      range: { from: offsetOf(lines, 2), to: Infinity, nH: 6 },
    });
    expect([p.value.rowsRead, p.value.grid, p.transfer]).toEqual([0, undefined, []]);
  });

  it('the first range ends at a record that starts exactly at its end: it reads that run, and no further', () => {
    // record path (quoted) and fast path (plain) alike
    const plain = [
      H6,
      '01012100,HS8,2015-01,1,116,10',
      '01012100,HS8,2015-01,2,304,10',
      '01012100,HS8,2015-02,3,116,10',
      '01012100,HS8,2015-03,4,116,10',
    ];
    for (const lines of [quoted(plain), plain]) {
      const p = tidyLocalRange({
        file: tmpFile('rend.csv', text(lines)),
        label: 'rend.csv',
        range: { from: 0, to: offsetOf(lines, 3), nH: 0 },
      });
      expect([p.rowsRead, p.rowsUsed, p.nextS, p.nextSLine, p.endPos]).toEqual([
        3,
        3,
        offsetOf(lines, 3),
        4,
        offsetOf(lines, 4),
      ]);
    }
  });
});

describe('tidyPass: the fast path (plain lines after the first data line)', () => {
  /** Cells and report of a read, or its error message (without the quotes of the all-quoted copy's raw line). */
  const readOrError = (file: string): unknown => {
    try {
      const r = readTidyPanel(file, { label: 'edge.csv' });
      return { cells: cellsToObject(r.cells), report: r.report };
    } catch (e) {
      return String((e as Error).message).replace(/\\?"/g, '');
    }
  };

  it('reads a plain line with the digits 0 and 9 in every field, and each field at its longest', () => {
    const base = [
      '01012100,HS8,2015-01,100,116,10',
      '01012100,HS8,2015-02,7,304,10',
      '',
      '01012900,HS8,2015-02,9,116,10',
    ];
    const edges = [
      '99999999,HS8,1999-09,0,9,9',
      '09090909,HS8,2090-10,0.0,0,0',
      '01012100,HS8,2015-11,90,999999999999999,909090909090909',
      '01012100,HS8,2015-12,5,1,1',
      '00000000,HS8,1909-01,9.9,90,90',
    ];
    for (const edge of edges) {
      const lines = [H6, ...base.map((l) => (l === '' ? edge : l))];
      const plain = tmpFile('edge-plain.csv', text(lines));
      const r = tidyPass(plain, 'edge.csv', 'hash');
      expect([edge, r.fastLines, r.ctx.report.rowsRead, r.textKeys]).toEqual([edge, 3, 4, 0]);
      expect(readOrError(plain), edge).toEqual(readOrError(tmpFile('edge-quoted.csv', text(quoted(lines)))));
    }
    // HS6, 4 columns
    const six = tidyPass(
      tmpFile('edge6.csv', text([H4, '010121,HS6,2015-01,1', '999999,HS6,1999-09,0', '090909,HS6,2015-12,9'])),
      'edge6.csv',
      'hash',
    );
    expect([six.fastLines, six.ctx.report.rowsUsed]).toEqual([2, 3]);
  });

  it('a plain line with a field too many or too few is left to the record path, which refuses it', () => {
    const cases: [string, string, string][] = [
      [
        H6,
        '01012100,HS8,2015-02,5',
        'line 3: expected 6 fields as in the header, found 4 (got "01012100,HS8,2015-02,5")',
      ],
      [
        H6,
        '01012100,HS8,2015-02,5,116',
        'line 3: expected 6 fields as in the header, found 5 (got "01012100,HS8,2015-02,5,116")',
      ],
      [
        H6,
        '01012100,HS8,2015-02,5,116,10,3',
        'line 3: expected 6 fields as in the header, found 7 (got "01012100,HS8,2015-02,5,116,10,3")',
      ],
      [
        H4,
        '01012100,HS8,2015-02,5,116',
        'line 3: expected 4 fields as in the header, found 5 (got "01012100,HS8,2015-02,5,116")',
      ],
    ];
    for (const [head, line, msg] of cases) {
      const n = head.split(',').length;
      const first = '01012100,HS8,2015-01,1,116,10'.split(',').slice(0, n).join(',');
      const f = tmpFile('width.csv', text([head, first, line]));
      expect(() => tidyPass(f, 'width.csv', 'stream'), line).toThrow(`readTidyPanel: width.csv, ${msg}`);
    }
    // a field glued to the next by another byte than a comma: fewer fields
    for (const line of ['01012100,HS8;2015-02,5', '01012100,HS8,2015-02;5']) {
      const f = tmpFile('glued.csv', text([H4, '01012100,HS8,2015-01,1', line]));
      expect(() => tidyPass(f, 'glued.csv', 'stream'), line).toThrow(
        `readTidyPanel: glued.csv, line 3: expected 4 fields as in the header, found 3 (got "${line}")`,
      );
    }
    // the last line, without its newline
    const cut = tmpFile('cut.csv', `${H6}\n01012100,HS8,2015-01,1,116,10\n01012100,HS8,2015-02,5,116`);
    expect(() => tidyPass(cut, 'cut.csv', 'stream')).toThrow(
      'readTidyPanel: cut.csv, line 3: the last line has 5 fields, the header 6: the file ends mid-record (truncated?) (got "01012100,HS8,2015-02,5,116")',
    );
  });

  it('the first data line fixes the level on the record path, even a line of the fast path shape', () => {
    // an empty code and 'XS8' would pass the fast path's checks while no level is fixed (0 digits, level 0)
    const f = tmpFile('first.csv', text([H4, ',XS8,2015-01,5']));
    expect(() => tidyPass(f, 'first.csv', 'stream')).toThrow(
      'readTidyPanel: first.csv, line 2, column "level": level must be HS8 or HS6 (got "XS8")',
    );
  });

  it('a year ending in 000 with a month ending in 0 is plain', () => {
    const r = tidyPass(
      tmpFile('y2000.csv', text([H4, '01012100,HS8,2000-01,1', '01012100,HS8,2000-10,2'])),
      'y.csv',
      'stream',
    );
    expect([r.fastLines, r.ctx.report.rowsUsed]).toEqual([1, 2]);
  });

  it('a value that is not a number is refused whatever end of field an earlier parse left', () => {
    // the fast path reads the value's end from parseState only when the value was read
    const lines = [H4, '01012100,HS8,2015-01,1', '01012100,HS8,2015-02,x'];
    const f = tmpFile('stale.csv', text(lines));
    parseState.end = offsetOf(lines, 3) - 1; // where line 3 ends (before its newline)
    expect(() => tidyPass(f, 'stale.csv', 'stream')).toThrow(
      'readTidyPanel: stale.csv, line 3, column "value_usd": value_usd is not a number (got "x")',
    );
  });
});
