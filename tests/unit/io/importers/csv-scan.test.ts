/**
 * The CSV byte scanner (lib/io/importers/csv-scan.ts): quoted fields, doubled quotes, embedded commas and
 * newlines, CRLF, the same records for any chunk size, leading # comments, and its errors; the scan's result
 * (BOM, bytes read in chunks, offsets, `from`), fixed and detected encodings, and the encoding errors (which line,
 * what is shown). Files are small hand-made byte sequences; 16-byte chunks put record and line edges where wanted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvRecord, scanCsv, StopScan, type ScanOptions } from '../../../../lib/io/importers/csv-scan.js';
import { FIXTURES, tmpFile } from '../../../helpers/importers.js';
import { messageOf } from '../../../helpers/thrown.js';

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

/** A scan's result and its records (fields, line, offset), with the given options. */
const scan = (
  file: string,
  opts: Partial<ScanOptions> = {},
): { result: ReturnType<typeof scanCsv>; recs: { line: number; offset: number; fields: string[] }[] } => {
  const recs: { line: number; offset: number; fields: string[] }[] = [];
  const result = scanCsv(file, {
    file: 'f',
    fn: 't',
    onRecord: (r) => recs.push({ line: r.line, offset: r.offset, fields: r.texts() }),
    ...opts,
  });
  return { result, recs };
};

/** The message of a scan's error, the file written from the given bytes. */
const scanError = (bytes: Buffer | string, opts: Partial<ScanOptions> = {}): string =>
  messageOf(() => scan(tmpFile('bad.csv', bytes), opts));

/** Bytes from UTF-8 text and raw byte lists. */
const b = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

const NOT_UTF8 = 'line is not valid UTF-8 (shown with the replacement character \uFFFD)';
const NOT_GB = "line is not valid GB18030 (shown with the replacement character \uFFFD); check the file's encoding";

describe('CsvRecord and StopScan', () => {
  it('a fresh record has no fields and is not an unterminated last record', () => {
    const r = new CsvRecord();
    expect([r.n, r.line, r.atEofNoNewline, r.text(0), r.texts()]).toEqual([0, 0, false, '', []]);
  });

  it('text(k) past the last field is empty, even after a record with more fields', () => {
    const f = tmpFile('short.csv', 'a,b,c\nx\n');
    const seen: unknown[] = [];
    scanCsv(f, { file: 'f', fn: 't', onRecord: (r) => seen.push([r.n, r.text(1), r.text(2), r.text(3)]) });
    expect(seen).toEqual([
      [3, 'b', 'c', ''],
      [1, '', '', ''],
    ]);
  });

  it('doubled quotes are undone only in quoted fields', () => {
    expect(scan(tmpFile('dq.csv', 'a""b,"c""d","e"\n')).recs[0].fields).toEqual(['a""b', 'c"d', 'e']);
  });

  it("StopScan's message", () => {
    expect(new StopScan().message).toBe('scan stopped');
  });
});

describe('scanCsv: result, reads and offsets', () => {
  it('reports encoding, BOM, bytes read, lines, comments and stopped', () => {
    expect(scan(tmpFile('sum.csv', 'a,b\n\nc,d\n')).result).toEqual({
      encoding: 'utf-8',
      bom: false,
      bytes: 9,
      lines: 3,
      comments: [],
      stopped: false,
    });
  });

  it('a missing file: the message names the function and the file', () => {
    expect(messageOf(() => scan('/nonexistent/file.csv'))).toBe('t: f: file not found');
  });

  it('reads chunkSize bytes at a time (at least 16, default 4 MiB): bytes read when a callback stops the scan', () => {
    const f = tmpFile('eights.csv', 'aaaaaaa\n'.repeat(10)); // 80 bytes, 8 per record
    const bytesAtStop = (chunkSize: number | undefined, stopAt: number): number => {
      let n = 0;
      const r = scanCsv(f, {
        file: 'f',
        fn: 't',
        chunkSize,
        onRecord: () => {
          if (++n === stopAt) throw new StopScan();
        },
      });
      expect(r.stopped).toBe(true);
      return r.bytes;
    };
    // default: the whole file in one read; 1 → 16; 16 bytes hold two records, so record 5 is in the third read
    expect([bytesAtStop(undefined, 1), bytesAtStop(1, 1), bytesAtStop(16, 1), bytesAtStop(16, 5)]).toEqual([
      80, 16, 16, 48,
    ]);
  });

  it('record offsets are absolute file offsets across chunks, and count from `from`', () => {
    const f = tmpFile('eights.csv', 'aaaaaaa\n'.repeat(6));
    const offsets = (from?: number) => scan(f, { chunkSize: 16, from }).recs.map((r) => [r.line, r.offset]);
    expect(offsets()).toEqual([0, 8, 16, 24, 32, 40].map((o, k) => [k + 1, o]));
    expect(offsets(16)).toEqual([16, 24, 32, 40].map((o, k) => [k + 1, o]));
  });

  it('no byte-order mark is looked for at `from` > 0: a record starting with U+FEFF there keeps its bytes', () => {
    const f = tmpFile('feff.csv', 'a,b\n\uFEFFc,d\n');
    const { result, recs } = scan(f, { from: 4 });
    expect([result.bom, recs.map((r) => [r.offset, r.fields])]).toEqual([false, [[4, ['c', 'd']]]]);
  });
});

describe('scanCsv: byte-order mark and fixed encodings', () => {
  it('a UTF-8 BOM is skipped and reported; a file of just a BOM has no records', () => {
    const withBom = scan(tmpFile('bom.csv', b([0xef, 0xbb, 0xbf], 'a,b\n')));
    expect([withBom.result.bom, withBom.result.bytes, withBom.recs]).toEqual([
      true,
      7,
      [{ line: 1, offset: 3, fields: ['a', 'b'] }],
    ]);
    const only = scan(tmpFile('bom-only.csv', b([0xef, 0xbb, 0xbf])));
    expect([only.result.bom, only.result.bytes, only.result.lines, only.recs]).toEqual([true, 3, 0, []]);
  });

  it('only EF BB BF is a BOM: files starting with other bytes that share two of the three are read whole', () => {
    // a¿ = 61 C2 BF; 㻿 = E3 BB BF; ＿ = EF BC BF; ﻼ = EF BB BC
    for (const first of ['a¿', '㻿', '＿', 'ﻼ']) {
      const { result, recs } = scan(tmpFile('near-bom.csv', `${first},b\n`));
      expect([result.bom, recs[0].fields], first).toEqual([false, [first, 'b']]);
    }
  });

  it('a BOM with encoding "gb18030" is an error on line 1', () => {
    expect(scanError(b([0xef, 0xbb, 0xbf], 'a,b\n'), { encoding: 'gb18030' })).toBe(
      't: f, line 1: the file starts with a UTF-8 byte-order mark but encoding "gb18030" was given',
    );
  });

  it('a fixed encoding decodes text in it', () => {
    const gb = scan(tmpFile('gb.csv', b([0xd6, 0xd0, 0xce, 0xc4], ',1\n')), { encoding: 'gb18030' }); // 中文
    const utf = scan(tmpFile('utf.csv', 'é,1\n'), { encoding: 'utf-8' });
    expect([gb.result.encoding, gb.recs[0].fields, utf.result.encoding, utf.recs[0].fields]).toEqual([
      'gb18030',
      ['中文', '1'],
      'utf-8',
      ['é', '1'],
    ]);
  });
});

describe('scanCsv: encoding errors name the first bad line and show it', () => {
  it('invalid bytes in a fixed encoding', () => {
    expect(scanError(b('a,b\n1,', [0xff], '\n'), { encoding: 'utf-8' })).toBe(
      `t: f, line 2: ${NOT_UTF8}; check the file's encoding (got "1,\uFFFD")`,
    );
    expect(scanError(b('a,b\n1,', [0xff], '\n'), { encoding: 'gb18030' })).toBe(
      `t: f, line 2: ${NOT_GB} (got "1,\uFFFD")`,
    );
  });

  it('auto-detection: bytes invalid in UTF-8 and GB18030 are a GB18030 error; after valid GB18030 lines, the bad one', () => {
    expect(scanError(b('a,b\n1,', [0xff], '\n'))).toBe(`t: f, line 2: ${NOT_GB} (got "1,\uFFFD")`);
    expect(scanError(b([0xd6, 0xd0], ',1\nx,', [0xff], '\n'))).toBe(`t: f, line 2: ${NOT_GB} (got "x,\uFFFD")`);
  });

  it('auto-detection: a UTF-8 file with a bad line in a later chunk mixes encodings', () => {
    expect(scanError(b('a,é\n1,2345678901234\n3,', [0xff], '\n'), { chunkSize: 16 })).toBe(
      `t: f, line 3: ${NOT_UTF8}; earlier lines were valid UTF-8, so the file mixes encodings: ` +
        're-save it in one encoding or pass the encoding option (got "3,\uFFFD")',
    );
  });

  it('a long line is shown from 30 characters before its first bad character', () => {
    const err = (before: number) => scanError(b('x'.repeat(before), [0xff], 'yz\n'), { encoding: 'utf-8' });
    const msg = (shown: string) => `t: f, line 1: ${NOT_UTF8}; check the file's encoding (got "${shown}")`;
    expect(err(30)).toBe(msg('x'.repeat(30) + '\uFFFDyz'));
    expect(err(31)).toBe(msg('…' + 'x'.repeat(30) + '\uFFFDyz'));
  });

  it('in a record over several lines: the bad physical line, and only it, is shown', () => {
    const msg = (line: number, shown: string) =>
      `t: f, line ${line}: ${NOT_UTF8}; check the file's encoding (got ${JSON.stringify(shown)})`;
    const opts = { encoding: 'utf-8' as const };
    expect(scanError(b('a\n"x\ny', [0xff], '"\n'), opts)).toBe(msg(3, 'y\uFFFD"'));
    expect(scanError(b('a\n"x', [0xff], '\ny"\n'), opts)).toBe(msg(2, '"x\uFFFD'));
  });

  it('the shown line ends at a lone CR, keeps a CR inside, drops trailing CRs', () => {
    const msg = (shown: string) =>
      `t: f, line 1: ${NOT_UTF8}; check the file's encoding (got ${JSON.stringify(shown)})`;
    const opts = { encoding: 'utf-8' as const };
    expect(scanError(b('a', [0xff], '\rb\n'), opts)).toBe(msg('a\uFFFD'));
    expect(scanError(b('"a', [0xff], '\rb"\n'), opts)).toBe(msg('"a\uFFFD\rb"'));
    expect(scanError(b('#x', [0xff], '\r\r'), { ...opts, comments: true })).toBe(msg('#x\uFFFD'));
  });

  it('a bad line after a blank first line', () => {
    expect(scanError(b('\na', [0xff], '\n'), { encoding: 'utf-8' })).toBe(
      `t: f, line 2: ${NOT_UTF8}; check the file's encoding (got "a\uFFFD")`,
    );
  });

  it('a bad last line without a line break, after a line the scan has consumed', () => {
    // 16-byte chunks: line 2 (11 bytes) is read in two parts, the bytes after it are left from the first read
    expect(scanError(b('aaaaaaaaa\nbc', [0xff], 'defghijk'), { encoding: 'utf-8', chunkSize: 16 })).toBe(
      `t: f, line 2: ${NOT_UTF8}; check the file's encoding (got "bc\uFFFDdefghijk")`,
    );
  });

  it('a bad line inside a quoted record that spans chunks: the first bad line is named, not a later one', () => {
    expect(scanError(b('abc\n"x', [0xff], '\nyyyyyyyyyy', [0xff], '"\n'), { encoding: 'utf-8', chunkSize: 16 })).toBe(
      `t: f, line 2: ${NOT_UTF8}; check the file's encoding (got "\\"x\uFFFD")`,
    );
  });

  it('a valid quoted field with a line break ending the file, read in 16-byte chunks: no encoding error', () => {
    // the last read is short: only the bytes read are validated, not those left beyond them from the first read
    const { result, recs } = scan(tmpFile('q-end.csv', 'abc\n"xxxxxxxé\ny"'), { chunkSize: 16 });
    expect([result.encoding, recs.map((r) => r.fields)]).toEqual(['utf-8', [['abc'], ['xxxxxxxé\ny']]]);
  });

  it('closes the file, also when the scan fails', () => {
    if (!fs.existsSync('/proc/self/fd')) return;
    const open = (): number => fs.readdirSync('/proc/self/fd').length;
    const good = tmpFile('close.csv', 'a,b\n');
    const bad = tmpFile('close-bad.csv', '"a\n');
    const before = open();
    for (let k = 0; k < 100; k++) {
      scan(good, { chunkSize: 16 });
      messageOf(() => scan(bad, { chunkSize: 16 }));
    }
    expect(open() - before).toBeLessThan(100);
  });
});
