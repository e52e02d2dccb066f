/**
 * China Customs downloads for the parallel-read tests (tests/unit/io/importers/customs.test.ts and
 * tests/study/bench/parallel-import.test.ts): a download with location columns, a grid of rows, and a read as plain
 * data that can be compared across threads.
 */
import { importCustomsCsv } from '../../lib/io/importers/customs.js';
import { downloadLine as line } from '../fixtures/customs-fixtures.js';

/** The header of a download with location columns. */
export const RANGE_HEADER = [
  '数据年月',
  '商品编码',
  '贸易伙伴编码',
  '贸易伙伴名称',
  '注册地编码',
  '注册地名称',
  '美元',
];
const PARTNER_ZH: Record<string, string> = { '116': '日本', '304': '德国' };
const LOCATION_ZH: Record<string, string> = { '11000': '北京市', '31000': '上海市' };
/** A download with location columns: rows [month, code, partner, location, value], names filled in. */
export function download(rows: string[][]): string {
  return (
    line(RANGE_HEADER) +
    rows
      .map(([ym, code, p, loc, v]) => line([ym, code, p, PARTNER_ZH[p] ?? p, loc, LOCATION_ZH[loc] ?? loc, v]))
      .join('')
  );
}
/** Rows code × month × partner × location (grouped by code and month), value i + 1 thousands for row i. */
export function gridRows(
  codes: string[],
  months: string[],
  partners = ['116', '304'],
  locs = ['11000', '31000'],
): string[][] {
  const rows: string[][] = [];
  for (const c of codes)
    for (const m of months)
      for (const p of partners)
        for (const l of locs) rows.push([m, c, p, l, ((rows.length + 1) * 1000).toLocaleString('en-US')]);
  return rows;
}
/** Byte offset of data row k (0-based) of a download's text (its header is line 1). */
export const rowOffset = (text: string, k: number): number =>
  Buffer.byteLength(
    text
      .split('\r\n')
      .slice(0, k + 1)
      .join('\r\n') + '\r\n',
  );
/** A read as plain data: cells (typed arrays as arrays), report, how it was read; or the error's message. */
export function read(
  file: string,
  opts: Parameters<typeof importCustomsCsv>[1],
): {
  error?: string;
  value?: unknown;
  ranges?: number;
  why?: string;
} {
  try {
    const r = importCustomsCsv(file, opts);
    const c = r.cells;
    const cells = {
      codes: c.codes,
      code: Array.from(c.code),
      month: Array.from(c.month),
      value: Array.from(c.value),
      n: c.n,
    };
    return { value: { cells, report: r.report }, ranges: r.threads.ranges, why: r.threads.serialBecause };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
/** A read without how it was read (to compare a parallel read with one on one thread). */
export const same = (o: ReturnType<typeof read>): unknown => ({ ...o, ranges: undefined, why: undefined });
