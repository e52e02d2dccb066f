/**
 * The CSV byte scanner (lib/io/importers/csv-scan.ts): quoted fields, doubled quotes, embedded commas and
 * newlines, CRLF, the same records for any chunk size, leading # comments, and its errors.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanCsv } from '../../../../lib/io/importers/csv-scan.js';
import { FIXTURES, tmpFile } from '../../../helpers/importers.js';

const records = (file: string, chunkSize?: number, comments = false): { line: number; fields: string[] }[] => {
  const out: { line: number; fields: string[] }[] = [];
  scanCsv(file, {
    file: 'f',
    fn: 't',
    chunkSize,
    comments,
    onRecord: (r) => out.push({ line: r.line, fields: r.texts() }),
  });
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
    for (const name of [
      'customs-zh-gb18030.csv',
      'customs-en-gb18030.csv',
      'customs-zh-utf8-bom.csv',
      'comtrade-bulk.csv',
    ]) {
      const f = path.join(FIXTURES, name);
      const whole = records(f);
      for (const chunk of [16, 17, 64, 333]) expect(records(f, chunk), `${name} @${chunk}`).toEqual(whole);
    }
  });

  it('property: random CSV text round-trips through any chunk size', () => {
    const field = fc.string({ maxLength: 6 }).map((s) => s.replace(/\r/g, ''));
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 16, max: 64 }),
        (rows, chunk) => {
          const text = rows.map((r) => r.map((x) => `"${x.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
          const f = tmpFile('prop-scan.csv', text);
          expect(records(f, chunk).map((r) => r.fields)).toEqual(rows);
        },
      ),
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
