/**
 * Streaming, byte-level CSV scanning for the importers: reading the file in large
 * chunks, checking its encoding, and splitting it into records of field byte ranges.
 *
 * The file is read synchronously in large chunks into one reusable buffer; records
 * are located byte by byte and handed to a callback as field byte ranges, so no
 * string or object is made per row. Numbers, codes and months are read straight
 * from the bytes by the field parsers (importers/fields); text (headers, rare
 * non-numeric cells) is decoded on demand.
 *
 * Encodings: UTF-8 (with or without BOM) and GB18030. Both keep every byte below
 * 0x80 as ASCII and never use `"`, `,`, CR or LF inside a multi-byte character, so
 * the same byte scanner splits both; the encoding only matters for decoding text
 * and for validation. Each chunk is validated (whole lines at a time) before it is
 * scanned: `isUtf8` for UTF-8, a fatal `TextDecoder('gb18030')` for GB18030.
 *
 * @module io/importers/csv-scan
 */
import * as fs from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { failAt } from '../../core/errors.js';

/** A text encoding the importers read. */
export type Encoding = 'utf-8' | 'gb18030';
/** An encoding option: a fixed encoding, or `'auto'` (BOM → UTF-8; valid UTF-8 → UTF-8; else GB18030). */
export type EncodingOption = 'auto' | Encoding;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const HASH = 35;

/**
 * One CSV record as byte ranges into the scanner's buffer. The object is reused
 * for every record: read what you need inside the callback.
 */
export class CsvRecord {
  /** The buffer the ranges point into. */
  buf: Uint8Array = new Uint8Array(0);
  /** starts[k], ends[k]: byte range of field k (quotes excluded). */
  starts: Int32Array = new Int32Array(64);
  ends: Int32Array = new Int32Array(64);
  /** 0 = unquoted, 1 = quoted, 2 = quoted with doubled quotes inside. */
  quoted: Uint8Array = new Uint8Array(64);
  /** Number of fields. */
  n = 0;
  /** 1-based physical line the record starts on. */
  line = 0;
  /** True for a last record that is not followed by a line break. */
  atEofNoNewline = false;
  /** Absolute file offset of the record's first byte. */
  offset = 0;
  /** Byte range of the whole record (for error messages). */
  recStart = 0;
  recEnd = 0;
  /** Decoder for the file's encoding (set by the scanner). */
  decoder: TextDecoder = new TextDecoder('utf-8');

  /**
   * The text of field k, decoded, with doubled quotes undone.
   * @example
   * const heads: string[] = [];
   * scanCsv('tests/fixtures/customs-zh-utf8-bom.csv', { file: 'a.csv', fn: 'demo', onRecord: (rec) => { if (heads.length === 0) heads.push(rec.text(0)); } });
   * heads[0]; // => '数据年月'
   */
  text(k: number): string {
    if (k >= this.n) return '';
    const s = this.decoder.decode(this.buf.subarray(this.starts[k], this.ends[k]));
    return this.quoted[k] === 2 ? s.replace(/""/g, '"') : s;
  }

  /** All fields as text (for headers and error messages). */
  texts(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.n; k++) out.push(this.text(k));
    return out;
  }

  /** The raw record line, decoded (for error messages). */
  raw(): string {
    let e = this.recEnd;
    while (e > this.recStart && (this.buf[e - 1] === LF || this.buf[e - 1] === CR)) e--;
    return this.decoder.decode(this.buf.subarray(this.recStart, e));
  }
}

/** What a scan found out about the file. */
export interface ScanResult {
  /** The encoding used: detected or given. A pure-ASCII file reports 'utf-8'. */
  encoding: Encoding;
  /** A UTF-8 byte-order mark was present (and skipped). */
  bom: boolean;
  /** Bytes read. */
  bytes: number;
  /** Physical lines seen. */
  lines: number;
  /** Leading `#` comment lines (text after the `#`, trimmed), when `comments` was set. */
  comments: string[];
  /** A callback stopped the scan by throwing {@link StopScan}. */
  stopped: boolean;
}

/**
 * Thrown by an `onLine` or `onRecord` callback to end a scan early (a worker of the
 * parallel import at the end of its byte range); {@link scanCsv} returns normally.
 * @example
 * let n = 0;
 * const r = scanCsv('tests/fixtures/customs-en-utf8.csv', { file: 'a.csv', fn: 'demo', onRecord: () => { if (++n === 2) throw new StopScan(); } });
 * [n, r.stopped]; // => [2, true]
 */
export class StopScan extends Error {
  constructor() {
    super('scan stopped');
  }
}

/** Options of {@link scanCsv}. */
export interface ScanOptions {
  /** File name used in error messages. */
  file: string;
  /** Function name used in error messages. */
  fn: string;
  encoding?: EncodingOption;
  /** Read size in bytes (default 4 MiB). */
  chunkSize?: number;
  /** Collect leading lines that start with `#` as comments instead of records. */
  comments?: boolean;
  /**
   * Start reading at this byte offset (default 0), which must be the start of a record;
   * lines are numbered from 1 there. No byte-order mark is looked for after offset 0.
   */
  from?: number;
  /** Called once per record; the record object is reused. */
  onRecord: (rec: CsvRecord) => void;
  /**
   * Optional fast path: called first with the byte range of each complete line
   * (line break excluded); return true when it consumed the line, false to have it
   * parsed as a record and passed to `onRecord`.
   */
  onLine?: (buf: Uint8Array, start: number, end: number, line: number, offset: number) => boolean;
}

const utf8Decoder = new TextDecoder('utf-8');
let gbDecoderCache: TextDecoder | undefined;
function gbDecoder(): TextDecoder {
  return (gbDecoderCache ??= new TextDecoder('gb18030'));
}

/**
 * True when the bytes decode as GB18030 without error. The checking decoder is made per call (a few microseconds,
 * once per chunk or bad line), not kept, so that nothing a scan relies on is built once for the process.
 */
function isGb18030(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Scan a CSV file record by record, streaming, with bounded memory (one buffer
 * of `chunkSize`, grown only for a single record longer than that).
 *
 * @throws {InputError} when the file is missing, is not valid in its encoding
 *   (naming the line and showing it with replacement characters), or ends inside
 *   a quoted field (a truncated download)
 * @example
 * let n = 0;
 * scanCsv('tests/fixtures/customs-en-utf8.csv', { file: 'customs-en-utf8.csv', fn: 'demo', onRecord: () => { n++; } });
 * n; // => 6 (header + 5 records)
 */
export function scanCsv(path: string, opts: ScanOptions): ScanResult {
  const scanner = new Scanner(path, opts);
  return scanner.run();
}

/** The part of a line around its first replacement character (error messages show 80 characters). */
function aroundBad(line: string): string {
  const k = line.indexOf('\uFFFD');
  return k > 30 ? '…' + line.slice(k - 30) : line;
}

class Scanner {
  private readonly rec = new CsvRecord();
  private line = 1;
  private commentsOpen: boolean;
  private readonly comments: string[] = [];
  private enc: Encoding | 'undecided';
  private readonly fixed: boolean;
  private bom = false;
  /** Offset (buffer coordinates) of the first line that failed validation, or +Infinity. */
  private badOffset = Number.POSITIVE_INFINITY;
  private bytes = 0;
  /** Absolute file offset of buf[0]. */
  private base = 0;
  private stopped = false;

  constructor(
    private readonly path: string,
    private readonly opts: ScanOptions,
  ) {
    this.commentsOpen = !!opts.comments;
    const e = opts.encoding ?? 'auto';
    this.enc = e === 'auto' ? 'undecided' : e;
    this.fixed = e !== 'auto';
    this.rec.decoder = this.enc === 'gb18030' ? gbDecoder() : utf8Decoder;
  }

  run(): ScanResult {
    const { file, fn } = this.opts;
    if (!fs.existsSync(this.path)) failAt(fn, { file }, 'file not found');
    const fd = fs.openSync(this.path, 'r');
    try {
      let buf = Buffer.allocUnsafe(Math.max(16, this.opts.chunkSize ?? 4 * 1024 * 1024));
      let len = 0;
      let start = 0;
      let validEnd = 0;
      let eof = false;
      let first = true;
      let pos: number | null = null;
      if (this.opts.from !== undefined && this.opts.from > 0) {
        first = false;
        pos = this.base = this.opts.from;
      }
      for (;;) {
        if (len === buf.length) {
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, len);
          buf = bigger;
        }
        const got = fs.readSync(fd, buf, len, buf.length - len, pos);
        if (pos !== null) pos += got;
        if (got === 0) eof = true;
        len += got;
        this.bytes += got;
        if (first && (len >= 3 || eof)) {
          first = false;
          if (len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
            this.bom = true;
            start = 3;
            validEnd = 3;
            if (this.enc === 'gb18030')
              failAt(
                fn,
                { file, line: 1 },
                'the file starts with a UTF-8 byte-order mark but encoding "gb18030" was given',
              );
            this.enc = 'utf-8';
            this.rec.decoder = utf8Decoder;
          }
        }
        if (first) continue;
        // validate whole lines not yet validated (a line ends at a LF or, as in scan, at a lone CR)
        let vEnd = len;
        if (!eof) {
          while (vEnd > 0 && buf[vEnd - 1] !== LF && buf[vEnd - 1] !== CR) vEnd--;
        }
        if (vEnd > validEnd) {
          this.validate(buf, validEnd, vEnd);
          validEnd = vEnd;
        }
        let consumed: number;
        try {
          consumed = this.scan(buf, start, len, eof);
        } catch (e) {
          if (!(e instanceof StopScan)) throw e;
          this.stopped = true;
          break;
        }
        if (eof) break;
        if (consumed > 0) {
          buf.copyWithin(0, consumed, len);
          this.base += consumed;
          len -= consumed;
          validEnd -= consumed;
          this.badOffset -= consumed;
        }
        start = 0;
      }
    } finally {
      fs.closeSync(fd);
    }
    return {
      encoding: this.enc === 'undecided' ? 'utf-8' : this.enc,
      bom: this.bom,
      bytes: this.bytes,
      lines: this.line - 1,
      comments: this.comments,
      stopped: this.stopped,
    };
  }

  /** Validate bytes [a, b) (whole lines) in the file's encoding; remember the first bad line. */
  private validate(buf: Buffer, a: number, b: number): void {
    if (this.badOffset !== Number.POSITIVE_INFINITY) return;
    const view = buf.subarray(a, b);
    if (isAscii(view)) return;
    if (this.enc === 'undecided') {
      this.enc = isUtf8(view) ? 'utf-8' : 'gb18030';
      this.rec.decoder = this.enc === 'gb18030' ? gbDecoder() : utf8Decoder;
      if (this.enc === 'utf-8') return;
    }
    const ok = this.enc === 'utf-8' ? isUtf8(view) : isGb18030(view);
    if (ok) return;
    // find the first bad line
    let s = a;
    while (s < b) {
      let e = s;
      while (e < b) if (buf[e++] === LF || buf[e - 1] === CR) break;
      const lineBytes = buf.subarray(s, e);
      const good = this.enc === 'utf-8' ? isUtf8(lineBytes) : isGb18030(lineBytes);
      if (!good) {
        this.badOffset = s;
        return;
      }
      s = e;
    }
    this.badOffset = a;
  }

  private badEncoding(buf: Buffer, recStart: number, recEnd: number, recLine: number): never {
    const { file, fn } = this.opts;
    let [line, s] = [recLine, recStart]; // the line shown starts after the last LF before badOffset (lines count LFs)
    for (let k = recStart; k < this.badOffset; k++) if (buf[k] === LF) [line, s] = [line + 1, k + 1];
    let e = buf.indexOf(LF, this.badOffset);
    if (e < 0 || e > recEnd) e = recEnd;
    const bytes = buf.subarray(s, e);
    if (this.enc === 'utf-8') {
      const shown = aroundBad(utf8Decoder.decode(bytes).replace(/[\r\n]+$/, ''));
      const hint = this.fixed
        ? isGb18030(bytes)
          ? 'the file looks like GB18030: drop the encoding option (auto-detect) or pass encoding: "gb18030"'
          : "check the file's encoding"
        : 'earlier lines were valid UTF-8, so the file mixes encodings: re-save it in one encoding or pass the encoding option';
      failAt(
        fn,
        { file, line },
        `line is not valid UTF-8 (shown with the replacement character \uFFFD); ${hint}`,
        shown,
      );
    }
    const shown = aroundBad(
      gbDecoder()
        .decode(bytes)
        .replace(/[\r\n]+$/, ''),
    );
    failAt(
      fn,
      { file, line },
      "line is not valid GB18030 (shown with the replacement character \uFFFD); check the file's encoding",
      shown,
    );
  }

  /** Scan complete records in buf[i, end); return the offset of the first unconsumed byte. */
  private scan(buf: Buffer, i: number, end: number, eof: boolean): number {
    const rec = this.rec;
    const { file, fn } = this.opts;
    const onRecord = this.opts.onRecord;
    const onLine = this.opts.onLine;
    rec.buf = buf;
    let starts = rec.starts;
    let ends = rec.ends;
    let quoted = rec.quoted;
    let line = this.line;
    const badOffset = this.badOffset;
    const base = this.base;
    outer: while (i < end) {
      const recStart = i;
      let c = buf[i];
      if (c === LF) {
        i++;
        line++;
        continue;
      }
      if (c === CR) {
        if (i + 1 < end) {
          i += buf[i + 1] === LF ? 2 : 1;
          line++;
          continue;
        }
        if (!eof) break;
        i++;
        line++;
        continue;
      }
      if (this.commentsOpen) {
        if (c === HASH) {
          // a comment line ends at LF, CR LF or a lone CR (as a record's line does)
          let j = i + 1;
          while (j < end && buf[j] !== LF && buf[j] !== CR) j++;
          // a CR that ends the data may be the first half of a CR LF: read on first
          if (j >= end || (j + 1 === end && !eof)) {
            if (!eof) break;
            j = end;
          }
          if (j >= badOffset) this.badEncoding(buf, recStart, j, line);
          this.comments.push(rec.decoder.decode(buf.subarray(i + 1, j)).trim());
          i = j < end && buf[j] === CR && buf[j + 1] === LF ? j + 2 : j + 1;
          line++;
          continue;
        }
        this.commentsOpen = false;
      }
      if (onLine !== undefined) {
        const j = buf.indexOf(LF, i);
        if (j >= 0 && j < end && j < badOffset) {
          const e = buf[j - 1] === CR ? j - 1 : j;
          if (onLine(buf, i, e, line, base + i)) {
            i = j + 1;
            line++;
            continue;
          }
        }
      }
      let nf = 0;
      let extra = 0;
      let noNewline = false;
      for (;;) {
        if (nf === starts.length) {
          const n2 = starts.length * 2;
          const s2 = new Int32Array(n2);
          s2.set(starts);
          const e2 = new Int32Array(n2);
          e2.set(ends);
          const q2 = new Uint8Array(n2);
          q2.set(quoted);
          rec.starts = starts = s2;
          rec.ends = ends = e2;
          rec.quoted = quoted = q2;
        }
        if (i < end && buf[i] === QUOTE) {
          let j = i + 1;
          let q = 1;
          for (;;) {
            while (j < end && (c = buf[j]) !== QUOTE) {
              if (c === LF) extra++;
              j++;
            }
            if (j >= end) break;
            if (j + 1 < end) {
              if (buf[j + 1] === QUOTE) {
                q = 2;
                j += 2;
                continue;
              }
              break;
            }
            if (!eof) j = end; // cannot tell "" from a closing quote yet
            break;
          }
          if (j >= end) {
            if (!eof) {
              i = recStart;
              break outer;
            }
            if (recStart < badOffset && end > badOffset) this.badEncoding(buf, recStart, end, line);
            const shown = rec.decoder.decode(buf.subarray(recStart, Math.min(end, recStart + 200)));
            failAt(
              fn,
              { file, line },
              'the file ends inside a quoted field: the last record is cut off (truncated download?)',
              shown,
            );
          }
          starts[nf] = i + 1;
          ends[nf] = j;
          quoted[nf] = q;
          nf++;
          i = j + 1;
        } else {
          let j = i;
          while (j < end) {
            c = buf[j];
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          starts[nf] = i;
          ends[nf] = j;
          quoted[nf] = 0;
          nf++;
          i = j;
        }
        if (i >= end) {
          if (!eof) {
            i = recStart;
            break outer;
          }
          noNewline = true;
          break;
        }
        c = buf[i];
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c === LF) {
          i++;
          break;
        }
        if (c === CR) {
          if (i + 1 >= end && !eof) {
            i = recStart;
            break outer;
          }
          i++;
          if (i < end && buf[i] === LF) i++;
          break;
        }
        // text after a closing quote
        let e = buf.indexOf(LF, i);
        if (e < 0 || e > end) e = end;
        rec.buf = buf;
        rec.recStart = recStart;
        rec.recEnd = e;
        failAt(
          fn,
          { file, line: line + extra },
          'unexpected text after a closing quote (a quote inside a field must be doubled)',
          rec.raw(),
        );
      }
      if (i > badOffset) this.badEncoding(buf, recStart, i, line);
      rec.n = nf;
      rec.line = line;
      rec.atEofNoNewline = noNewline;
      rec.recStart = recStart;
      rec.recEnd = i;
      rec.offset = base + recStart;
      onRecord(rec);
      line += 1 + extra;
    }
    this.line = line;
    return i;
  }
}
