import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthIndex, monthLabel } from '../../../../lib/core/months.js';
import fc from 'fast-check';
import { AMOUNT_INVALID, AMOUNT_MISSING, AMOUNT_NEGATIVE, parseAmount, parseDigits, parseMonth, parseState, scanCsv } from '../../../../lib/io/importers/index.js';
import { FIXTURES, tmpFile } from '../../../helpers/importers.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');
const records = (file: string, chunkSize?: number, comments = false): { line: number; fields: string[] }[] => {
  const out: { line: number; fields: string[] }[] = [];
  scanCsv(file, { file: 'f', fn: 't', chunkSize, comments, onRecord: (r) => out.push({ line: r.line, fields: r.texts() }) });
  return out;
};

describe('scanCsv', () => {
  it('splits quoted fields, doubled quotes, embedded commas and newlines, CRLF, trailing commas', () => {
    const f = tmpFile('q.csv', 'a,b,\r\n"x,y","say ""hi""",\r\n"multi\nline",2,\r\n\r\nlast,1');
    expect(records(f)).toEqual([
      { line: 1, fields: ['a', 'b', ''] },
      { line: 2, fields: ['x,y', 'say "hi"', ''] },
      { line: 3, fields: ['multi\nline', '2', ''] },
      { line: 6, fields: ['last', '1'] },
    ]);
  });

  it('gives the same records for any chunk size (records across chunk edges)', () => {
    for (const name of ['customs-zh-gb18030.csv', 'customs-en-gb18030.csv', 'customs-zh-utf8-bom.csv', 'comtrade-bulk.csv']) {
      const f = path.join(FIXTURES, name);
      const whole = records(f);
      for (const chunk of [16, 17, 64, 333]) expect(records(f, chunk), `${name} @${chunk}`).toEqual(whole);
    }
  });

  it('property: random CSV text round-trips through any chunk size', () => {
    const field = fc.string({ maxLength: 6 }).map((s) => s.replace(/\r/g, ''));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 16, max: 64 }), (rows, chunk) => {
        const text = rows.map((r) => r.map((x) => `"${x.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
        const f = tmpFile('prop-scan.csv', text);
        expect(records(f, chunk).map((r) => r.fields)).toEqual(rows);
      }),
      { numRuns: 60 },
    );
  });

  it('collects leading # comments', () => {
    const f = tmpFile('c.csv', '# SYNTHETIC x\n#second\ncode,v\n1,2\n');
    const comments: string[] = [];
    const res = scanCsv(f, { file: 'c.csv', fn: 't', comments: true, onRecord: () => undefined });
    comments.push(...res.comments);
    expect(comments).toEqual(['SYNTHETIC x', 'second']);
  });

  it('an unterminated quote at the end is a truncation error naming the line', () => {
    const f = tmpFile('t.csv', 'a,b\n"1","2\n');
    expect(() => records(f)).toThrow(/t: f, line 2: the file ends inside a quoted field/);
  });

  it('text after a closing quote is an error', () => {
    expect(() => records(tmpFile('x.csv', '"a"b,c\n'))).toThrow(/line 1: unexpected text after a closing quote/);
  });

  it('a missing file is an error', () => {
    expect(() => records('/nonexistent/file.csv')).toThrow(/file not found/);
  });
});

describe('byte parsers', () => {
  it('parseDigits', () => {
    expect(parseDigits(b('01012100'), 0, 8)).toBe(1012100);
    expect(parseState.digits).toBe(8);
    expect(parseDigits(b(' 116 '), 0, 5)).toBe(116);
    expect(parseDigits(b('12a'), 0, 3)).toBe(-1);
    expect(parseDigits(b(''), 0, 0)).toBe(-1);
  });

  it('parseMonth and labels', () => {
    expect(parseMonth(b('2015-01'), 0, 7)).toBe(1380);
    expect(parseMonth(b('201512'), 0, 6)).toBe(1391);
    expect(parseMonth(b('2015/3'), 0, 6)).toBe(1382);
    expect(parseMonth(b('201513'), 0, 6)).toBe(-1);
    expect(parseMonth(b('2015-00'), 0, 7)).toBe(-1);
    expect(parseMonth(b('15-01'), 0, 5)).toBe(-1);
    expect(monthLabel(1380)).toBe('2015-01');
    expect(monthIndex('2025-06')).toBe((2025 - 1900) * 12 + 5);
    fc.assert(fc.property(fc.integer({ min: 0, max: 3000 }), (m) => monthIndex(monthLabel(m)) === m));
  });

  it('parseAmount: separators, decimals, missing, negative, invalid', () => {
    const p = (s: string): number => parseAmount(b(s), 0, s.length);
    expect(p('5,848,714')).toBe(5848714);
    expect(parseState.separators).toBe(true);
    expect(p('5848714')).toBe(5848714);
    expect(parseState.separators).toBe(false);
    expect(p('1,234.5')).toBe(1234.5);
    expect(p('0.1')).toBe(0.1);
    expect(p('1.5e3')).toBe(1500);
    expect(p('')).toBe(AMOUNT_MISSING);
    expect(p(' - ')).toBe(AMOUNT_MISSING);
    expect(p('-5')).toBe(AMOUNT_NEGATIVE);
    expect(p('-0')).toBe(0);
    expect(p('12,34')).toBe(AMOUNT_INVALID);
    expect(p('1234,567')).toBe(AMOUNT_INVALID);
    expect(p('abc')).toBe(AMOUNT_INVALID);
    expect(p('1.2.3')).toBe(AMOUNT_INVALID);
  });

  it('property: parseAmount equals Number() on decimal text, with or without separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.integer({ min: 0, max: 4 }), (n, dec) => {
        const s = (n / 10 ** dec).toFixed(dec);
        expect(parseAmount(b(s), 0, s.length)).toBe(Number(s));
        const [ip, fp] = s.split('.');
        const sep = Number(ip).toLocaleString('en-US') + (fp ? `.${fp}` : '');
        expect(parseAmount(b(sep), 0, sep.length)).toBe(Number(s));
      }),
      { numRuns: 300 },
    );
  });
});
