/**
 * A small RFC 4180 CSV reader for the project's own curated tables (quoted
 * fields, doubled quotes, CRLF or LF, a BOM). Large customs downloads go
 * through the streaming importers instead.
 *
 * @module io/csv
 */
import * as fs from 'node:fs';
import { failAt } from '../core/errors.js';

/** A parsed CSV file: header, records as objects keyed by header, and each record's 1-based line number. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: Record<string, string>[];
  lines: number[];
}

/**
 * Split CSV text into records of fields.
 * Returns each record with the line number it starts on (1-based).
 *
 * @throws {InputError} on an unterminated quoted field
 * @example parseCsvRecords('a,b\n1,"x,y"\n', 'f.csv');
 * // => [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', 'x,y'] }]
 */
export function parseCsvRecords(text: string, file: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    for (;;) {
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) failAt('parseCsvRecords', { file, line: startLine }, 'unterminated quoted field');
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
      }
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      fields.push(field);
      field = '';
      if (i >= n) break;
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) out.push({ line: startLine, fields });
  }
  return out;
}

/**
 * Parse CSV text with a header row into objects. Every record must have as
 * many fields as the header (a trailing empty column is allowed on both).
 *
 * @throws {InputError} naming file and line when a record has the wrong field count
 * @example parseCsv('code,group\n85423111,2\n', 'codes.csv').rows;
 * // => [{ code: '85423111', group: '2' }]
 */
export function parseCsv(text: string, file: string): CsvTable {
  const records = parseCsvRecords(text, file);
  if (records.length === 0) failAt('parseCsv', { file }, 'file is empty (no header row)');
  const header = records[0].fields.map((h) => h.trim());
  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  for (const rec of records.slice(1)) {
    if (rec.fields.length !== header.length)
      failAt(
        'parseCsv',
        { file, line: rec.line },
        `expected ${header.length} fields as in the header, found ${rec.fields.length}`,
        rec.fields.join(','),
      );
    const row: Record<string, string> = {};
    header.forEach((h, k) => {
      if (h !== '') row[h] = rec.fields[k];
    });
    rows.push(row);
    lines.push(rec.line);
  }
  return { file, header: header.filter((h) => h !== ''), rows, lines };
}

/**
 * Read and parse a UTF-8 CSV file with a header row.
 * @throws {InputError} when the file is missing or malformed
 * @example readCsvFile('data/study/groups.csv').rows.length; // => 17
 */
export function readCsvFile(file: string): CsvTable {
  if (!fs.existsSync(file)) failAt('readCsvFile', { file }, 'file not found');
  return parseCsv(fs.readFileSync(file, 'utf8'), file);
}

/**
 * Serialise rows to CSV text (LF line ends, fields quoted only when needed),
 * columns in the order given.
 * @example toCsv([{ a: 1, b: 'x,y' }], ['a', 'b']); // => 'a,b\n1,"x,y"\n'
 */
export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  const q = (v: unknown): string => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => q(r[c])).join(','))].join('\n') + '\n';
}
