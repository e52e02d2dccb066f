/**
 * Importers of customs data into the project's tidy panel: China Customs
 * online-query downloads, UN Comtrade monthly CSV/JSON and the project's own tidy
 * panel file, each returning tidy cells and an import report; and the shared
 * parts they are built from (CSV scanning, field parsing, duplicate guard, cell
 * table, aggregation, the year-to-date rule, the report).
 *
 * @module io/importers
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from '../../core/errors.js';
import { importCustomsCsv, type CustomsImportOptions } from './customs.js';
import { importComtradeCsv, importComtradeJson } from './comtrade.js';
import type { ImportResult } from './common.js';
import type { TidyCells } from './aggregate.js';

export * from './csv-scan.js';
export * from './fields.js';
export * from './report.js';
export * from './cell-table.js';
export * from './cell-grid.js';
export * from './dup-guard.js';
export * from './year-to-date.js';
export * from './aggregate.js';
export * from './common.js';
export * from './customs.js';
export * from './comtrade.js';
export * from './tidy.js';

/** A file format the importers read. */
export type ImportFormat = 'customs' | 'comtrade-csv' | 'comtrade-json';

/**
 * Guess a file's format from its name and first bytes: `.json` → Comtrade JSON;
 * a CSV whose header mentions cmdCode/Commodity Code with flow columns → Comtrade CSV;
 * anything else → a China Customs download.
 * @example detectFormat('tests/fixtures/comtrade-api.json'); // => 'comtrade-json'
 */
export function detectFormat(file: string): ImportFormat {
  if (/\.json$/i.test(file)) return 'comtrade-json';
  let head = '';
  try {
    const fd = fs.openSync(file, 'r');
    const b = Buffer.alloc(4096);
    const n = fs.readSync(fd, b, 0, b.length, 0);
    fs.closeSync(fd);
    head = b.subarray(0, n).toString('latin1');
  } catch {
    fail('detectFormat', 'cannot read the file', file);
  }
  if (head.trimStart().startsWith('{') || head.trimStart().startsWith('[')) return 'comtrade-json';
  const first = head.split(/\r?\n/)[0].toLowerCase();
  if (/cmdcode|commodity code"?,.*trade flow|trade flow code|primaryvalue/.test(first) && /flow/.test(first))
    return 'comtrade-csv';
  return 'customs';
}

/**
 * Import one file with the importer for its format (given or detected).
 * @throws {InputError} as the chosen importer does
 * @example importFile('tests/fixtures/customs-en-utf8.csv').report.format; // => 'customs'
 */
export function importFile(file: string, opts: CustomsImportOptions & { format?: ImportFormat } = {}): ImportResult {
  const format = opts.format ?? detectFormat(file);
  if (format === 'customs') return importCustomsCsv(file, opts);
  const c = { keepPartners: opts.keepPartners, label: opts.label, dupMode: opts.dupMode };
  return format === 'comtrade-csv' ? importComtradeCsv(file, c) : importComtradeJson(file, c);
}

/**
 * Merge the cells of several imports (e.g. one download per year). A cell present
 * in two files must have the same value (it is then kept once); a different value
 * is an error naming both files.
 * @throws {StudyError} for mixed code levels, mixed partner keeping, or conflicting cells
 * @example
 * const a = importFile('tests/fixtures/customs-en-utf8.csv');
 * mergeCells([{ file: 'a.csv', cells: a.cells }, { file: 'a-again.csv', cells: a.cells }]).n === a.cells.n; // => true (equal cells are kept once)
 */
export function mergeCells(parts: { file: string; cells: TidyCells }[]): TidyCells {
  if (parts.length === 0) fail('mergeCells', 'nothing to merge', parts);
  if (parts.length === 1) return parts[0].cells;
  const level = parts[0].cells.level;
  const keep = !!parts[0].cells.sub;
  for (const p of parts) {
    if (p.cells.level !== level)
      fail('mergeCells', `cannot merge ${level} and ${p.cells.level} imports into one panel`, p.file);
    if (!!p.cells.sub !== keep) fail('mergeCells', 'cannot merge imports with and without partners kept', p.file);
  }
  const m = new Map<
    string,
    { v: number; file: string; code: string; month: number; sub: { partner: string; regime: string } | undefined }
  >();
  for (const p of parts) {
    const c = p.cells;
    for (let i = 0; i < c.n; i++) {
      const sub = c.sub && c.subs ? c.subs[c.sub[i]] : undefined;
      const key = `${c.codes[c.code[i]]}|${c.month[i]}|${sub ? `${sub.partner}|${sub.regime}` : ''}`;
      const old = m.get(key);
      if (old) {
        if (old.v !== c.value[i])
          fail(
            'mergeCells',
            `code ${old.code} month index ${old.month} has ${old.v} in ${path.basename(old.file)} but ${c.value[i]} in ${path.basename(p.file)}`,
            key,
          );
        continue;
      }
      m.set(key, { v: c.value[i], file: p.file, code: c.codes[c.code[i]], month: c.month[i], sub });
    }
  }
  const entries = [...m.values()].sort((a, b) =>
    a.code !== b.code
      ? a.code < b.code
        ? -1
        : 1
      : a.month !== b.month
        ? a.month - b.month
        : subKey(a.sub) < subKey(b.sub)
          ? -1
          : subKey(a.sub) > subKey(b.sub)
            ? 1
            : 0,
  );
  const codes: string[] = [];
  const n = entries.length;
  const out: TidyCells = {
    level,
    codes,
    n,
    code: new Int32Array(n),
    month: new Int32Array(n),
    value: new Float64Array(n),
  };
  const subs: { partner: string; regime: string }[] = [];
  const subIds = new Map<string, number>();
  if (keep) out.sub = new Int32Array(n);
  entries.forEach((e, i) => {
    if (codes[codes.length - 1] !== e.code) codes.push(e.code);
    out.code[i] = codes.length - 1;
    out.month[i] = e.month;
    out.value[i] = e.v;
    if (out.sub && e.sub) {
      const k = subKey(e.sub);
      let id = subIds.get(k);
      if (id === undefined) {
        id = subs.length;
        subs.push(e.sub);
        subIds.set(k, id);
      }
      out.sub[i] = id;
    }
  });
  if (keep) out.subs = subs;
  return out;
}

function subKey(s: { partner: string; regime: string } | undefined): string {
  return s ? `${s.partner}\u0000${s.regime}` : '';
}
