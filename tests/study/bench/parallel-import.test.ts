/**
 * The parallel import (lib/io/importers/parallel.ts and readTidyPanel), the heavier checks (seconds: hundreds of
 * reads, each handing ranges to a worker thread): a boundary on every few bytes of a file, and random files (BOM,
 * CRLF, quoted fields and line breaks, lost leading zeros, missing and bad values, duplicates) cut at random
 * boundaries read the same in ranges as on one thread — cells byte for byte, report (rows in = used + rejected +
 * duplicates), notes, or the same first error (file, line, column, value). The hand-computed unit checks are in
 * tests/unit/io/importers/parallel.test.ts. The same property for China Customs downloads (importCustomsCsv: GB18030
 * or UTF-8, totals, January–February labels, line breaks in quoted names) closes the file; its hand-computed checks are
 * in tests/unit/io/importers/customs.test.ts.
 */
import * as fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTidyPanel } from '../../../lib/io/importers/tidy.js';
import { importCustomsCsv, type CustomsImportOptions } from '../../../lib/io/importers/customs.js';
import { encodeGb18030 } from '../../fixtures/gb18030.js';
import { cellsToObject, grouped, H6, outcome, tmpFile, whole } from '../../helpers/importers.js';
import { download, gridRows, read as customsRead, same } from '../../helpers/customs-ranges.js';

/** Rows in = used + rejected + duplicates dropped, in an import's report. */
function expectBooksBalance(value: unknown): void {
  const rep = (
    value as {
      report: { rowsRead: number; rowsUsed: number; duplicatesDropped: number; rejected: Record<string, number> };
    }
  ).report;
  const rejected = Object.values(rep.rejected).reduce((a, b) => a + b, 0);
  expect(rep.rowsRead).toBe(rep.rowsUsed + rejected + rep.duplicatesDropped);
}
describe('readTidyPanel in byte ranges, at random', () => {
  const codes = ['01012100', '01012900', '85423111'];
  const months = ['2015-01', '2015-02', '2015-03', '2015-04'];
  const text = grouped(codes, months, [1, 2, 3], (i) => String(i + 1));

  it('a boundary inside a code × month run: the run stays whole (boundaries on every byte)', () => {
    const file = tmpFile('par-every.csv', text);
    const size = fs.statSync(file).size;
    const one = whole(readTidyPanel(file, { threads: 1 }));
    let parallel = 0;
    for (let b = 1; b < size; b += 7) {
      const r = readTidyPanel(file, { splits: [b] });
      expect(whole(r)).toEqual(one);
      if (r.threads.ranges === 2) parallel++;
    }
    // only boundaries in the comment, the header, the first run or the last run read on one thread
    expect(parallel).toBeGreaterThan(size / 7 / 2);
  });

  it('property: random files (BOM, CRLF, quotes, repairs, missing and bad values, duplicates), random boundaries', () => {
    const row = fc.record({
      value: fc.oneof(
        { weight: 10, arbitrary: fc.integer({ min: 0, max: 1e6 }).map(String) },
        { weight: 4, arbitrary: fc.tuple(fc.nat(999), fc.nat(99)).map(([a, c]) => `${a}.${c}`) },
        { weight: 1, arbitrary: fc.constantFrom('', '-', '-3', 'x', '"1\n2"', '"7"') },
      ),
      partners: fc.integer({ min: 1, max: 3 }),
      dup: fc.boolean(),
    });
    const file = fc.record({
      rows: fc.array(row, { minLength: 4, maxLength: 40 }),
      bom: fc.boolean(),
      crlf: fc.boolean(),
      sevenDigits: fc.boolean(),
      cuts: fc.array(fc.integer({ min: 0, max: 9999 }), { minLength: 1, maxLength: 2 }),
    });
    let parallel = 0;
    let runs = 0;
    fc.assert(
      fc.property(file, (f) => {
        const lines = ['# SYNTHETIC', H6];
        let k = 0;
        for (const r of f.rows) {
          const code = String(1012100 + (k >> 2)).padStart(f.sevenDigits && k % 5 === 0 ? 7 : 8, '0'); // 7: a lost leading zero
          const month = `2015-${String((k % 4) + 1).padStart(2, '0')}`;
          for (let p = 1; p <= r.partners; p++) {
            lines.push(`${code},HS8,${month},${r.value},${p},10`);
            if (r.dup && p === 1) lines.push(`${code},HS8,${month},${r.value},${p},10`);
          }
          k++;
        }
        const body = lines.join(f.crlf ? '\r\n' : '\n') + (f.crlf ? '\r\n' : '\n');
        const bytes = Buffer.from((f.bom ? '\uFEFF' : '') + body, 'utf8');
        const name = tmpFile('par-prop.csv', bytes);
        const splits = [...new Set(f.cuts.map((c) => 1 + Math.floor((c / 10000) * (bytes.length - 2))))].sort(
          (a, b) => a - b,
        );
        const one = outcome(() => readTidyPanel(name, { threads: 1 }));
        const par = outcome(() => readTidyPanel(name, { splits }));
        expect({ ...par, ranges: undefined, why: undefined }).toEqual({ ...one, ranges: undefined, why: undefined });
        if (!one.error) {
          runs++;
          if ((par.ranges ?? 1) > 1) parallel++;
          expectBooksBalance(one.value);
        }
      }),
      { numRuns: 120, seed: 26 },
    );
    // the property is not passed by reading everything on one thread
    expect(parallel).toBeGreaterThan(runs / 4);
  });
});

/** A customs read as plain data (cells byte for byte, report), or its error's message. */
function customsOutcome(
  file: string,
  opts: CustomsImportOptions,
): { error?: string; value?: unknown; ranges?: number } {
  try {
    const r = importCustomsCsv(file, opts);
    const c = r.cells;
    const cells = [
      c.codes,
      Array.from(c.code),
      Array.from(c.month),
      Array.from(c.value).map((v) => (Object.is(v, -0) ? '-0' : v)),
    ];
    return { value: { cells, report: r.report }, ranges: r.threads.ranges };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

describe('importCustomsCsv in byte ranges, at random', () => {
  it('a boundary on every byte of a small GB18030 download: always the single-thread result', () => {
    const rows = gridRows(['01012100', '84862031'], ['201501', '201502', '201503'], ['116']);
    rows.splice(4, 0, ['201502', '合计', '', '', '', '', '7']);
    const bytes = encodeGb18030(download(rows));
    const file = tmpFile('range-every.csv', bytes);
    const one = same(customsRead(file, { threads: 1 }));
    let parallel = 0;
    for (let b = 1; b < bytes.length; b++) {
      const r = customsRead(file, { splits: [b] });
      expect(same(r), `boundary at byte ${b}`).toEqual(one);
      if (r.ranges === 2) parallel++;
    }
    // boundaries in the header, the first or the last code × month run are read on one thread
    expect(parallel).toBeGreaterThan(bytes.length / 2);
  });

  it('property: random downloads (GB18030/UTF-8/BOM, CRLF, totals, labels, line breaks in names, bad values, duplicates), random boundaries', () => {
    const row = fc.record({
      value: fc.oneof(
        { weight: 10, arbitrary: fc.integer({ min: 0, max: 1e9 }).map((v) => v.toLocaleString('en-US')) },
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 999 }).map(String) },
        { weight: 1, arbitrary: fc.constantFrom('', '-', '-3', 'x', '1,23') },
      ),
      partners: fc.integer({ min: 1, max: 3 }),
      dup: fc.boolean(),
      total: fc.integer({ min: 0, max: 9 }), // 0: a total row after the group
      nameBreak: fc.integer({ min: 0, max: 19 }), // 0: a line break inside a quoted name
    });
    const file = fc.record({
      rows: fc.array(row, { minLength: 4, maxLength: 40 }),
      enc: fc.constantFrom('gb18030', 'utf-8', 'bom'),
      crlf: fc.boolean(),
      labels: fc.boolean(),
      sevenDigits: fc.boolean(),
      cuts: fc.array(fc.integer({ min: 0, max: 9999 }), { minLength: 1, maxLength: 2 }),
    });
    const partners = [
      ['116', '日本'],
      ['304', '德国'],
      ['110', '中国香港'],
    ];
    let parallel = 0;
    let runs = 0;
    fc.assert(
      fc.property(file, (f) => {
        const months = f.labels
          ? ['2015年1-2月', '201503', '201504', '201505']
          : ['201501', '201502', '201503', '201504'];
        const nl = f.crlf ? '\r\n' : '\n';
        const line = (fields: string[]): string => fields.map((x) => `"${x}"`).join(',') + ',' + nl;
        let text = line(['数据年月', '商品编码', '商品名称', '贸易伙伴编码', '贸易伙伴名称', '注册地编码', '美元']);
        let k = 0;
        for (const r of f.rows) {
          const code = String(1012100 + (k >> 2)).padStart(f.sevenDigits && k % 5 === 0 ? 7 : 8, '0');
          const ym = months[k % 4];
          for (let p = 0; p < r.partners; p++) {
            const name = r.nameBreak === 0 && p === 0 ? `改良${nl}种用马` : '改良种用马';
            const rec = line([ym, code, name, partners[p][0], partners[p][1], '11000', r.value]);
            text += rec;
            if (r.dup && p === 0) text += rec;
          }
          if (r.total === 0) text += line([ym, '合计', '', '', '', '', '1,000']);
          k++;
        }
        const bytes =
          f.enc === 'gb18030' ? encodeGb18030(text) : Buffer.from((f.enc === 'bom' ? '\uFEFF' : '') + text, 'utf8');
        const name = tmpFile('par-customs-prop.csv', bytes);
        const splits = [...new Set(f.cuts.map((c) => 1 + Math.floor((c / 10000) * (bytes.length - 2))))].sort(
          (a, b) => a - b,
        );
        const one = customsOutcome(name, { threads: 1, cumulative: false });
        const par = customsOutcome(name, { splits, cumulative: false });
        expect({ ...par, ranges: undefined }).toEqual({ ...one, ranges: undefined });
        if (!one.error) {
          runs++;
          if ((par.ranges ?? 1) > 1) parallel++;
          expectBooksBalance(one.value);
        }
      }),
      { numRuns: 120, seed: 26 },
    );
    // the property is not passed by reading everything on one thread
    expect(parallel).toBeGreaterThan(runs / 4);
  });
});
