/**
 * The CSV byte scanner (lib/io/importers/csv-scan.ts): quoted fields, doubled quotes, embedded commas and
 * newlines, CRLF, the same records for any chunk size, leading # comments, and its errors; the scan's result
 * (BOM, bytes read in chunks, offsets, `from`), fixed and detected encodings, and the encoding errors (which line,
 * what is shown). Files are small hand-made byte sequences; 16-byte chunks put record and line edges where wanted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ScanOptions, ScanResult } from '../../../../lib/io/importers/csv-scan.js';
import { freshModule } from '../../../helpers/fresh-module.js';
import { FIXTURES, tmpFile } from '../../../helpers/importers.js';
import { messageOf } from '../../../helpers/thrown.js';

type ScanModule = typeof import('../../../../lib/io/importers/csv-scan.js');
let CsvRecord: ScanModule['CsvRecord'];
let scanCsv: ScanModule['scanCsv'];
let StopScan: ScanModule['StopScan'];
// a new instance of the module for each test: it builds its decoders when it loads (tests/helpers/fresh-module.ts)
beforeEach(async () => {
  ({ CsvRecord, scanCsv, StopScan } = await freshModule<ScanModule>('lib/io/importers/csv-scan.ts'));
});

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

  it('lines that end at a lone CR: the bad one is named, not a valid character before it, and its CRs are not shown', () => {
    // the search for the bad line splits at CR too: "中" (3 bytes) then CR is a whole valid line
    expect(scanError(b('中\rx', [0xff], '\n'), { encoding: 'utf-8' })).toBe(
      `t: f, line 2: ${NOT_UTF8}; check the file's encoding (got "x\uFFFD")`,
    );
    // a bad line followed by an empty CR line: both CRs are left out of the text shown
    expect(scanError(b('x', [0xff], '\r\r\n'), { encoding: 'utf-8' })).toBe(
      `t: f, line 1: ${NOT_UTF8}; check the file's encoding (got "x\uFFFD")`,
    );
    // inside a quoted field the line shown runs to the LF: every CR before it is left out, not only the last
    expect(scanError(b('"x', [0xff], '\r\r\n"\n'), { encoding: 'utf-8' })).toBe(
      `t: f, line 1: ${NOT_UTF8}; check the file's encoding (got "\\"x\uFFFD")`,
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

  it('a file with CR line breaks (old Mac) is validated too: GB18030 is detected, a bad line is named', () => {
    // 中文 in GB18030; before the fix only LF ended a validated line, so these records were scanned unvalidated:
    // decoded as UTF-8 (U+FFFD) with encoding 'utf-8' reported, and the invalid byte passed silently
    const gb = b([0xd6, 0xd0, 0xce, 0xc4], ',1\r2,3\r');
    for (const chunkSize of [undefined, 16]) {
      const { result, recs } = scan(tmpFile('gb-cr.csv', gb), { chunkSize });
      expect([result.encoding, recs.map((r) => [r.line, r.fields])], `chunk ${chunkSize}`).toEqual([
        'gb18030',
        [
          [1, ['中文', '1']],
          [2, ['2', '3']],
        ],
      ]);
    }
    expect(scanError(b('a,b\r1,', [0xff], '\r2,3\r'), { encoding: 'utf-8' })).toBe(
      `t: f, line 2: ${NOT_UTF8}; check the file's encoding (got "1,\uFFFD")`,
    );
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

// Line counting of empty and CR lines, leading
// comments, the onLine fast path, wide records, records and lines cut at chunk edges (including the bytes a shifted
// buffer keeps past its data), and the exact messages of the GB18030, truncation and closing-quote errors.
//
// Chunks of 16 bytes (the smallest size) put chunk edges where a test wants them. After a chunk is consumed the
// unread rest is moved to the buffer's start, so the bytes past the data still hold the old chunk: several tests
// place a `"` or a line feed there to check that the scanner never reads past its data.

interface Rec {
  line: number;
  fields: string[];
  noNl: boolean;
}

/** Scan `content` (written to a temp file) collecting every record; a runaway scan fails fast instead of looping. */
function scanRecs(
  content: string | Buffer,
  opts: Partial<Omit<ScanOptions, 'onRecord'>> = {},
  recs: Rec[] = [],
): { recs: Rec[]; res: ScanResult } {
  const f = tmpFile('part2.csv', content);
  const res = scanCsv(f, {
    file: 'f.csv',
    fn: 'scanCsv',
    ...opts,
    onRecord: (r) => {
      if (recs.length >= 200) throw new Error('runaway scan: more than 200 records');
      recs.push({ line: r.line, fields: r.texts(), noNl: r.atEofNoNewline });
    },
  });
  return { recs, res };
}

const rec = (line: number, fields: string[], noNl = false): Rec => ({ line, fields, noNl });
/** Bytes from latin1 text (one byte per character) and raw byte lists. */
const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const GB_HINT = "(shown with the replacement character \uFFFD); check the file's encoding";
const TRUNCATED = 'the file ends inside a quoted field: the last record is cut off (truncated download?)';
const AFTER_QUOTE = 'unexpected text after a closing quote (a quote inside a field must be doubled)';

describe('scanCsv: empty lines and line breaks', () => {
  it('skips an empty LF line but counts it', () => {
    const { recs, res } = scanRecs('a\n\nb\n');
    expect(recs).toEqual([rec(1, ['a']), rec(3, ['b'])]);
    expect(res.lines).toBe(3);
  });

  it('a bare CR at the start of a line is a line break of its own (the next byte is not skipped)', () => {
    const { recs, res } = scanRecs('a\n\rb\n');
    expect(recs).toEqual([rec(1, ['a']), rec(3, ['b'])]);
    expect(res.lines).toBe(3);
  });

  it('a bare CR ending a record does not swallow the next byte', () => {
    expect(scanRecs('a\rb\n').recs).toEqual([rec(1, ['a']), rec(2, ['b'])]);
  });

  it('a CR LF empty line split by a chunk edge is one line', () => {
    // 16-byte chunk: "abcdefghijklmn\n\r" | "\nx\n"
    const { recs, res } = scanRecs('abcdefghijklmn\n\r\nx\n', { chunkSize: 16 });
    expect(recs).toEqual([rec(1, ['abcdefghijklmn']), rec(3, ['x'])]);
    expect(res.lines).toBe(3);
  });

  it('a CR LF ending a record split by a chunk edge is one line break', () => {
    // 16-byte chunk: "abcdefghijklmno\r" | "\nx\r\n"
    const { recs, res } = scanRecs('abcdefghijklmno\r\nx\r\n', { chunkSize: 16 });
    expect(recs).toEqual([rec(1, ['abcdefghijklmno']), rec(2, ['x'])]);
    expect(res.lines).toBe(2);
  });

  it('a file ending in a bare CR counts that line', () => {
    const { recs, res } = scanRecs('a\n\r');
    expect(recs).toEqual([rec(1, ['a'])]);
    expect(res.lines).toBe(2);
  });

  it('a record ending in a bare CR at the end of the file ends at that CR, not at a stale line feed past the data', () => {
    // chunk 1 "x\n" × 7 + "ab"; "ab" moves to the start, the file's last byte "\r" follows, then the old "\n"
    const f = tmpFile('part2-cr.csv', 'x\nx\nx\nx\nx\nx\nx\nab\r');
    const last: number[] = [];
    scanCsv(f, {
      file: 'f.csv',
      fn: 'scanCsv',
      chunkSize: 16,
      onRecord: (r) => {
        if (r.line === 8) last.push(r.recStart, r.recEnd, r.offset, Number(r.atEofNoNewline));
      },
    });
    expect(last).toEqual([0, 3, 14, 0]);
  });

  it('a record ending in CR LF is handed over before the next chunk is read (a stop reads one chunk)', () => {
    let n = 0;
    const f = tmpFile('part2-stop.csv', 'a\r\nb\r\nc\r\nd\r\ne\r\nf\r\n');
    const res = scanCsv(f, {
      file: 'f.csv',
      fn: 'scanCsv',
      chunkSize: 16,
      onRecord: () => {
        n++;
        throw new StopScan();
      },
    });
    expect([n, res.stopped, res.bytes]).toEqual([1, true, 16]);
  });
});

describe('scanCsv: a chunk validated up to its last line break', () => {
  it('a character of several bytes just before a CR at a chunk edge is not cut by the validation', () => {
    // 12 × x, 中 (3 bytes), CR: the 16-byte chunk ends at the CR, the LF starts the next one
    for (const content of ['xxxxxxxxxxxx中\r\nyy\r\n', 'xxxxxxxxxxxx中\ryy\r']) {
      const { recs, res } = scanRecs(content, { chunkSize: 16 });
      expect(recs).toEqual([rec(1, ['xxxxxxxxxxxx中']), rec(2, ['yy'])]);
      expect(res.encoding).toBe('utf-8');
    }
  });
});

describe('scanCsv: leading comments', () => {
  it('a comment line ends at LF, CR LF or a lone CR, as a record line does; comments close at the first record', () => {
    const { recs, res } = scanRecs('#x\r\n#a\rb\r\nh\n#not a comment\n', { comments: true });
    expect(res.comments).toEqual(['x', 'a']);
    expect(recs).toEqual([rec(3, ['b']), rec(4, ['h']), rec(5, ['#not a comment'])]);
  });

  it('a file with lone CR line breaks (old Mac) has its comments one per line, not one swallowing the file', () => {
    const { recs, res } = scanRecs('# note\rcode,v\r1,2\r', { comments: true });
    expect(res.comments).toEqual(['note']);
    expect(recs).toEqual([rec(2, ['code', 'v']), rec(3, ['1', '2'])]);
    expect(res.lines).toBe(3);
  });

  it('an empty line after a comment is a line of its own', () => {
    const { recs, res } = scanRecs('#a\n\nx\n', { comments: true });
    expect(res.comments).toEqual(['a']);
    expect(recs).toEqual([rec(3, ['x'])]);
    expect(res.lines).toBe(3);
  });

  it('a comment line whole in the buffer is read without waiting for more of the file', () => {
    // "#a\nx\n" is in the first 16-byte chunk: stopping at the first record reads that chunk only
    const f = tmpFile('comment-stop.csv', `#a\nx\n${'y\n'.repeat(40)}`);
    let n = 0;
    const res = scanCsv(f, {
      file: 'f.csv',
      fn: 'scanCsv',
      chunkSize: 16,
      comments: true,
      onRecord: () => {
        n++;
        throw new StopScan();
      },
    });
    expect([n, res.comments, res.stopped, res.bytes]).toEqual([1, ['a'], true, 16]);
  });

  it('a CR LF split by a chunk edge after a comment is one line break, not two', () => {
    // "# abcdefghijklm\r" fills the 16-byte chunk; its LF starts the next one
    const { recs, res } = scanRecs('# abcdefghijklm\r\nx\n', { comments: true, chunkSize: 16 });
    expect(res.comments).toEqual(['abcdefghijklm']);
    expect(recs).toEqual([rec(2, ['x'])]);
    expect(res.lines).toBe(2);
    // a comment ending in a lone CR at the end of the file
    expect(scanRecs('#a\r#b\r', { comments: true, chunkSize: 16 }).res.comments).toEqual(['a', 'b']);
  });

  it('a last comment without a line break is not ended by a stale line feed past the data', () => {
    // chunk 1 "#a\n#bb\n#c\n#d\n#e\n" is consumed whole, then "#z" is read to the start: the old "\n" follows it
    const { res } = scanRecs('#a\n#bb\n#c\n#d\n#e\n#z', { comments: true, chunkSize: 16 });
    expect(res.comments).toEqual(['a', 'bb', 'c', 'd', 'e', 'z']);
    expect(res.lines).toBe(6);
  });

  it('a last comment without a line break that fills the chunk is read whole at the end of the file', () => {
    // 16-byte chunk "#a\n#bbbbbbbbbbbb": the second comment has no line feed anywhere in the buffer
    const { recs, res } = scanRecs('#a\n#bbbbbbbbbbbb', { comments: true, chunkSize: 16 });
    expect(res.comments).toEqual(['a', 'bbbbbbbbbbbb']);
    expect(recs).toEqual([]);
    expect(res.lines).toBe(2);
  });

  it('a comment line that is not valid in the encoding is an error naming it', () => {
    const recs: Rec[] = [];
    expect(messageOf(() => scanRecs(bytes('#', [0xff], '\nh\n'), { comments: true }, recs))).toBe(
      `scanCsv: f.csv, line 1: line is not valid GB18030 ${GB_HINT} (got "#\uFFFD")`,
    );
    expect(recs).toEqual([]);
  });
});

describe('scanCsv: the onLine fast path', () => {
  type Call = [start: number, end: number, line: number, offset: number, text: string];
  /** Scan with an onLine that takes every line; returns its calls and the records left to onRecord. */
  function lines(content: string | Buffer, opts: Partial<Omit<ScanOptions, 'onRecord' | 'onLine'>> = {}) {
    const calls: Call[] = [];
    const recs: Rec[] = [];
    const f = tmpFile('part2-lines.csv', content);
    const run = () =>
      scanCsv(f, {
        file: 'f.csv',
        fn: 'scanCsv',
        ...opts,
        onLine: (buf, start, end, line, offset) => {
          if (calls.length >= 50) throw new Error('runaway scan: more than 50 lines');
          calls.push([start, end, line, offset, Buffer.from(buf.subarray(start, end)).toString('latin1')]);
          return true;
        },
        onRecord: (r) => {
          recs.push({ line: r.line, fields: r.texts(), noNl: r.atEofNoNewline });
        },
      });
    return { calls, recs, run };
  }

  it('gets each complete line without its CR LF', () => {
    const t = lines('h\r\nx,1\r\n');
    t.run();
    expect(t.calls).toEqual([
      [0, 1, 1, 0, 'h'],
      [3, 6, 2, 3, 'x,1'],
    ]);
    expect(t.recs).toEqual([]);
  });

  it('does not get a last line without a line break (it goes to onRecord), even when it fills the chunk', () => {
    // 16-byte chunk "a\nbbbbbbbbbbbbbb": no line feed in the buffer after "a\n"
    const t = lines('a\nbbbbbbbbbbbbbb', { chunkSize: 16 });
    t.run();
    expect(t.calls).toEqual([[0, 1, 1, 0, 'a']]);
    expect(t.recs).toEqual([rec(2, ['bbbbbbbbbbbbbb'], true)]);
  });

  it('does not take a stale line feed past the data as the end of the last line', () => {
    // chunk 1 "x\n" × 7 + "yy"; "yy" moves to the start, the file's last byte "z" follows, then the old "\n"
    const t = lines('x\nx\nx\nx\nx\nx\nx\nyyz', { chunkSize: 16 });
    t.run();
    expect(t.calls.map((c) => c[2])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(t.recs).toEqual([rec(8, ['yyz'], true)]);
  });

  it('does not get a line that is not valid in the encoding: the scanner reports it', () => {
    const t = lines(bytes('h\n', [0xff], '\n'));
    expect(messageOf(t.run)).toBe(`scanCsv: f.csv, line 2: line is not valid GB18030 ${GB_HINT} (got "\uFFFD")`);
    expect(t.calls).toEqual([[0, 1, 1, 0, 'h']]);
  });
});

describe('scanCsv: records', () => {
  it('reads a record of more fields than its initial arrays hold (64, grown twice)', () => {
    const fields = Array.from({ length: 130 }, (_, k) => `f${k}`);
    const { recs } = scanRecs(`${fields.join(',')}\nz\n`);
    expect(recs).toEqual([rec(1, fields), rec(2, ['z'])]);
  });

  it('an empty last field after a trailing comma at the end of the file is not taken for a quote past the data', () => {
    // chunk 1 '"q"\n' × 3 + 'abc,'; 'abc,' moves to the start and the old '"' follows it
    const { recs } = scanRecs('"q"\n"q"\n"q"\nabc,', { chunkSize: 16 });
    expect(recs).toEqual([rec(1, ['q']), rec(2, ['q']), rec(3, ['q']), rec(4, ['abc', ''], true)]);
  });

  it('a closing quote that is the last byte of the file is not taken for a doubled quote with a byte past the data', () => {
    // chunk 1 '"q"\n' × 3 + '"ab"'; '"ab"' moves to the start and the old '"' follows it
    const { recs } = scanRecs('"q"\n"q"\n"q"\n"ab"', { chunkSize: 16 });
    expect(recs).toEqual([rec(1, ['q']), rec(2, ['q']), rec(3, ['q']), rec(4, ['ab'], true)]);
  });
});

describe('scanCsv: error messages', () => {
  it('a GB18030 line that does not decode is shown without its trailing line break', () => {
    // the bad line 2 is the first line of a quoted field with a CR inside and CR CR before its line feed
    const recs: Rec[] = [];
    const content = bytes('h\n"a\rb', [0xff], '\r\r\nz"\n');
    expect(messageOf(() => scanRecs(content, {}, recs))).toBe(
      `scanCsv: f.csv, line 2: line is not valid GB18030 ${GB_HINT} (got "\\"a\\rb\uFFFD")`,
    );
    expect(recs).toEqual([rec(1, ['h'])]);
  });

  it('the record just before a bad line is handed over, the bad line is reported', () => {
    const recs: Rec[] = [];
    expect(messageOf(() => scanRecs(bytes('h\n', [0xff], '\n'), {}, recs))).toBe(
      `scanCsv: f.csv, line 2: line is not valid GB18030 ${GB_HINT} (got "\uFFFD")`,
    );
    expect(recs).toEqual([rec(1, ['h'])]);
  });

  it('a cut-off quoted record is shown as read, without bytes past the data', () => {
    expect(messageOf(() => scanRecs('a,b\n"1","2\n'))).toBe(
      `scanCsv: f.csv, line 2: ${TRUNCATED} (got "\\"1\\",\\"2\\n")`,
    );
  });

  it('a cut-off quoted record with a bad line after its first line reports the bad line', () => {
    expect(messageOf(() => scanRecs(bytes('h\n"a\n', [0xff])))).toBe(
      `scanCsv: f.csv, line 3: line is not valid GB18030 ${GB_HINT} (got "\uFFFD")`,
    );
  });

  it('a GB18030 file cut inside a character of a quoted last line is reported as truncated', () => {
    // 中 is D6 D0 in GB18030; the last line is '"' and the first byte of 中
    const recs: Rec[] = [];
    expect(messageOf(() => scanRecs(bytes([0xd6, 0xd0], '\n"', [0xd6]), {}, recs))).toBe(
      `scanCsv: f.csv, line 2: ${TRUNCATED} (got "\\"\uFFFD")`,
    );
    expect(recs).toEqual([rec(1, ['中'])]);
  });

  it('text after a closing quote shows only its own line', () => {
    expect(messageOf(() => scanRecs('"a"b,c\nnext\n'))).toBe(
      `scanCsv: f.csv, line 1: ${AFTER_QUOTE} (got "\\"a\\"b,c")`,
    );
  });

  it('text after a closing quote in a chunk without a line feed shows the whole chunk', () => {
    expect(messageOf(() => scanRecs('"a"bcdefghijklmn', { chunkSize: 16 }))).toBe(
      `scanCsv: f.csv, line 1: ${AFTER_QUOTE} (got "\\"a\\"bcdefghijklmn")`,
    );
  });

  it('text after a closing quote at the end of the data is shown without a stale line past it', () => {
    // chunk 1 "x\n" × 7 + '"a'; '"a' moves to the start, the file's last bytes '"b' follow, then the old "x\n"
    expect(messageOf(() => scanRecs('x\nx\nx\nx\nx\nx\nx\n"a"b', { chunkSize: 16 }))).toBe(
      `scanCsv: f.csv, line 8: ${AFTER_QUOTE} (got "\\"a\\"b")`,
    );
  });

  it('text after a closing quote names the line it is on, after the quoted line breaks', () => {
    expect(messageOf(() => scanRecs('h\n"a\nb"c\n'))).toBe(
      `scanCsv: f.csv, line 3: ${AFTER_QUOTE} (got "\\"a\\nb\\"c")`,
    );
  });
});
