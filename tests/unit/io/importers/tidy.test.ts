/**
 * The tidy panel importer (lib/io/importers/tidy.ts): its plain-line fast path and its record path read a
 * file the same way — same cells, same row accounting, same repairs and the same error messages — since both
 * use the shared field parsers; a line the fast path does not take is read by the record path. And an opt-in
 * throughput check (IMPORT_BENCH=1 npx vitest run tests/unit/io/importers/tidy.test.ts): writes a 2M-row tidy panel
 * to a temp folder, times the streaming reader, and logs rows/s and peak RSS; skipped by default to keep the suite fast.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readTidyPanel } from '../../../../lib/io/importers/tidy.js';
import { tidyPass } from '../../../../lib/io/importers/tidy-pass.js';
import { cellsToObject, quoted, tmpDir, tmpFile, whole } from '../../../helpers/importers.js';

const H6 = 'code,level,month,value_usd,partner,regime';
const H4 = 'code,level,month,value_usd';

/** A read's cells and report, or its error message (without the quotes of the all-quoted copy's raw line). */
function readOrError(file: string, label: string): unknown {
  try {
    const r = readTidyPanel(file, { label });
    return { cells: cellsToObject(r.cells), report: r.report };
  } catch (e) {
    return String((e as Error).message).replace(/\\?"/g, '');
  }
}

describe('readTidyPanel: fast path and record path', () => {
  it('property: a plain file and its all-quoted copy give the same cells and the same report', () => {
    const row = fc.record({
      code: fc.integer({ min: 1012100, max: 1012110 }),
      month: fc.integer({ min: 1, max: 4 }),
      value: fc.option(
        fc.oneof(
          fc.integer({ min: 0, max: 1e9 }).map(String),
          fc.tuple(fc.nat(999), fc.nat(99)).map(([a, c]) => `${a}.${c}`),
        ),
        { nil: '', freq: 8 },
      ),
      partner: fc.constantFrom('116', '304', 'Japan'),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        // identical duplicates (same key and value) are allowed; drop conflicting ones
        const seen = new Map<string, string>();
        const lines = [H6];
        for (const r of rows) {
          const key = `${r.code}|${r.month}|${r.partner}`;
          if (seen.has(key) && seen.get(key) !== r.value) continue;
          seen.set(key, r.value);
          lines.push(`${String(r.code).padStart(8, '0')},HS8,2015-0${r.month},${r.value},${r.partner},10`);
        }
        const text = lines.join('\n') + '\n';
        const a = readTidyPanel(tmpFile('prop-plain.csv', text));
        const b = readTidyPanel(tmpFile('prop-quoted.csv', quoted(text)), { label: 'prop-plain.csv' });
        expect(cellsToObject(a.cells)).toEqual(cellsToObject(b.cells));
        expect(a.report).toEqual(b.report);
        const rejected = Object.values(a.report.rejected).reduce((x, y) => x + y, 0);
        expect(a.report.rowsRead).toBe(lines.length - 1);
        expect(a.report.rowsRead).toBe(a.report.rowsUsed + rejected + a.report.duplicatesDropped);
      }),
      { numRuns: 60 },
    );
  });

  it('a line next to the edge of each rule of the fast path reads as its all-quoted copy (same cells, or the same error)', () => {
    // one change of the third line per check of the fast path: bytes just below '0' ('/') and above '9' (':') in
    // each place a digit is read, a digit more or fewer, months and years at and past their limits, other month
    // spellings (read by the record path); tests/study/imported/tidy-edges.test.ts changes every byte of every field
    const changes: [number, string][] = [
      [0, '0101210'],
      [0, '010121000'],
      [0, '0101/100'],
      [0, '0101:100'],
      [0, ''],
      [1, 'HS6'],
      [1, 'HS9'],
      [1, 'HS80'],
      ...[
        '2015-1/',
        '2015-0:',
        '2015-:1',
        '2015-/1',
        '1:15-01',
        '2/15-01',
        '20:5-01',
        '201:-01',
        '20/5-01',
        '201/-01',
        '2015x03',
        '/015-01',
        '2015-00',
        '2015-13',
        '1899-12',
        '1900-01',
        '2240-12',
        '2241-01',
        '2015/03',
        '201503',
        '2015-012',
        '2015-3',
        '2015-01x',
      ].map((t): [number, string] => [2, t]),
      [3, '1250.5x'],
      [3, ' 1250'],
      [3, ''],
      [4, '1:6'],
      [4, '1/6'],
      [4, ''],
      [4, '116 '],
      [5, '1:'],
      [5, '1/'],
      [5, ''],
    ];
    const base = [
      '01012100,HS8,2015-01,100,116,10',
      '01012100,HS8,2015-02,7,304,10',
      '01012100,HS8,2015-02,1250.5,116,10',
      '01012900,HS8,2015-02,9,116,10',
    ];
    const read: string[] = [];
    for (const [k, text] of changes) {
      const f = base[2].split(',');
      f[k] = text;
      const file = [H6, base[0], base[1], f.join(','), base[3]].join('\n') + '\n';
      const plain = tmpFile('edge-plain.csv', file);
      const a = readOrError(plain, 'edge.csv');
      expect(a, `field ${k}: ${text}`).toEqual(readOrError(tmpFile('edge-quoted.csv', quoted(file)), 'edge.csv'));
      // and how many of the lines after the first took the fast path (3: the changed line too)
      if (typeof a !== 'string') read.push(`${k} ${text} ${tidyPass(plain, 'edge.csv', 'hash').fastLines}`);
    }
    // read: a code that lost its leading zero (repaired), the first and last months, other month spellings, a value
    // with a space or none, text keys (partner, regime) and a key with a space or none; the other 26 fail alike
    // only the first and last months are plain among the lines read: the others take the record path
    expect(read).toEqual([
      '0 0101210 2',
      '2 1900-01 3',
      '2 2240-12 3',
      '2 2015/03 2',
      '2 201503 2',
      '2 2015-3 2',
      '3  1250 2',
      '3  2',
      '4 1:6 2',
      '4 1/6 2',
      '4  2',
      '4 116  2',
      '5 1: 2',
      '5 1/ 2',
      '5  2',
    ]);
    expect(changes.length - read.length).toBe(26);
  });

  it('plain lines take the fast path after the first data line (which fixes the level): 4 and 6 columns, HS8 and HS6', () => {
    const cases: [string, string[], number][] = [
      [H6, ['01012100,HS8,2015-01,100,116,10', '01012100,HS8,2015-01,7.25,304,10', '01012900,HS8,2015-02,9,116,11'], 2],
      [H4, ['01012100,HS8,2015-01,100', '01012100,HS8,2015-02,0.5', '01012900,HS8,2024-12,9'], 2],
      [H6, ['010121,HS6,2015-01,100,116,10', '010121,HS6,2015-02,8,116,10', '010129,HS6,2015-02,9,116,10'], 2],
      [H4, ['010121,HS6,2015-01,100', '010129,HS6,2015-01,3'], 1],
    ];
    for (const [head, lines, fast] of cases) {
      const r = tidyPass(tmpFile('fast.csv', [head, ...lines].join('\n') + '\n'), 'fast.csv', 'stream');
      expect([lines[0], r.fastLines, r.ctx.report.rowsRead]).toEqual([lines[0], fast, lines.length]);
    }
    // the level field's bytes: 'XS8' and 'Hs8' are no level, on either path
    for (const level of ['XS8', 'Hs8', 'HS7']) {
      const text = `${H4}\n01012100,HS8,2015-01,100\n01012100,${level},2015-02,5\n`;
      expect(() => readTidyPanel(tmpFile('level.csv', text))).toThrow(
        `readTidyPanel: level.csv, line 3, column "level": level must be HS8 or HS6 (got "${level}")`,
      );
    }
  });

  it('a partner or regime of 16 digits is a text key on either path: two that are one apart as numbers are not duplicates', () => {
    // 9007199254740992 and 9007199254740993 are the same number in floating point: read as numbers, the second line
    // would be a conflicting duplicate of the first
    for (const [p, q] of [
      ['9007199254740992,10', '9007199254740993,10'],
      ['116,9007199254740992', '116,9007199254740993'],
    ]) {
      const text = `${H6}\n01012100,HS8,2015-01,1,116,10\n01012100,HS8,2015-01,5,${p}\n01012100,HS8,2015-01,7,${q}\n`;
      const r = readTidyPanel(tmpFile('long-partner.csv', text));
      expect(cellsToObject(r.cells)).toEqual({ '01012100': { '2015-01': 13 } });
      expect([r.report.rowsUsed, r.report.duplicatesDropped]).toEqual([3, 0]);
    }
  });

  it('a later line that is not plain (spaces, a lost leading zero, a text partner) is read by the record path', () => {
    const text = [
      H6,
      '01012100,HS8,2015-01,5,116,10',
      ' 01012100 ,HS8,2015-02, 7 ,116,10',
      '1012100,HS8,2015-03,9,116,10',
      '01012100,HS8,2015-03,1,Japan,10',
      '01012100,HS8,2015-03,1,Korea,10',
      '',
    ].join('\n');
    const { cells, report } = readTidyPanel(tmpFile('mixed.csv', text));
    expect(cellsToObject(cells)).toEqual({ '01012100': { '2015-01': 5, '2015-02': 7, '2015-03': 11 } });
    expect(report.rowsRead).toBe(5);
    expect(report.rowsUsed).toBe(5);
    expect(report.duplicatesDropped).toBe(0); // Japan and Korea are different partners
    expect(report.repairs).toEqual(['restored leading zero on 1 codes (7 → 8 digits)']);
  });

  it('a conflicting duplicate on plain lines shows the value as written in the file', () => {
    const text = `${H4}\n01012100,HS8,2015-01,1.50\n01012100,HS8,2015-01,2.50\n`;
    expect(() => readTidyPanel(tmpFile('dup-plain.csv', text))).toThrow(
      'readTidyPanel: dup-plain.csv, line 3, column "value_usd": conflicting duplicate: line 2 has the same code, month with value 1.5 (got "2.50")',
    );
    expect(() => readTidyPanel(tmpFile('dup-quoted.csv', quoted(text)), { label: 'dup-plain.csv' })).toThrow(
      'readTidyPanel: dup-plain.csv, line 3, column "value_usd": conflicting duplicate: line 2 has the same code, month with value 1.5 (got "2.50")',
    );
  });

  it('the same errors, whichever path reads the bad line', () => {
    const bad = [
      ['01012100,HS6,2015-01,1', /line 3, column "level": mixed code levels: earlier rows are HS8 \(got "HS6"\)/],
      ['0101210,HS8,2015-13,1', /line 3, column "month": month must be YYYY-MM \(got "2015-13"\)/],
      ['01012100,HS8,2015-02,1x', /line 3, column "value_usd": value_usd is not a number \(got "1x"\)/],
      ['01012100,HS8,2015-02,-1', /line 3, column "value_usd": negative import value \(got "-1"\)/],
      [
        '010121000,HS8,2015-02,1',
        /line 3, column "code": commodity code must have 8 digits in this HS8 file \(got "010121000"\)/,
      ],
      ['01012100,HS8,2015-02', /line 3: expected 4 fields as in the header, found 3/],
    ] as const;
    for (const [line, want] of bad) {
      const text = `${H4}\n01012100,HS8,2015-01,1\n${line}\n`;
      expect(() => readTidyPanel(tmpFile('bad.csv', text)), line).toThrow(want);
      expect(() => readTidyPanel(tmpFile('bad.csv', quoted(text))), line).toThrow(want);
    }
  });
});

describe('readTidyPanel', () => {
  it('the fast line path and the general record path agree (quoted copy forces the general path)', () => {
    const lines = ['code,level,month,value_usd,partner,regime'];
    for (let k = 0; k < 300; k++)
      lines.push(
        `${String(1012100 + (k % 17) * 1000).padStart(8, '0')},HS8,20${15 + (k % 3)}-0${1 + (k % 9)},${k * 37.25},${100 + (k % 5)},${10 + Math.floor(k / 100)}`,
      );
    const plain = tmpFile('fast.csv', lines.join('\n') + '\n');
    const quoted = tmpFile(
      'slow.csv',
      lines
        .map((l) =>
          l
            .split(',')
            .map((f) => `"${f}"`)
            .join(','),
        )
        .join('\n') + '\n',
    );
    const a = readTidyPanel(plain);
    const b = readTidyPanel(quoted);
    expect([...a.cells.value]).toEqual([...b.cells.value]);
    expect(a.cells.codes).toEqual(b.cells.codes);
    expect(a.report.rowsUsed).toBe(300);
    expect(() =>
      readTidyPanel(
        tmpFile('fastdup.csv', `${lines[0]}\n01012100,HS8,2015-01,1,116,10\n01012100,HS8,2015-01,2,116,10\n`),
      ),
    ).toThrow(
      /line 3, column "value_usd": conflicting duplicate: line 2 has the same code, month, partner, regime with value 1 \(got "2"\)/,
    );
  });

  it('bad tidy input: header, level, code length, month, negative, conflicting duplicate, truncated', () => {
    const h = 'code,level,month,value_usd\n';
    expect(() => readTidyPanel(tmpFile('h.csv', 'code,month,value\n1,2,3\n'))).toThrow(
      /header must be code,level,month,value_usd/,
    );
    expect(() => readTidyPanel(tmpFile('l.csv', `${h}01012100,HS4,2015-01,1\n`))).toThrow(
      /line 2, column "level": level must be HS8 or HS6/,
    );
    expect(() => readTidyPanel(tmpFile('c.csv', `${h}010121,HS8,2015-01,1\n`))).toThrow(
      /line 2, column "code": commodity code must have 8 digits/,
    );
    expect(() => readTidyPanel(tmpFile('m.csv', `${h}01012100,HS8,2015-13,1\n`))).toThrow(
      /column "month": month must be YYYY-MM/,
    );
    expect(() => readTidyPanel(tmpFile('n.csv', `${h}01012100,HS8,2015-01,-1\n`))).toThrow(/negative import value/);
    expect(() => readTidyPanel(tmpFile('d.csv', `${h}01012100,HS8,2015-01,1\n01012100,HS8,2015-01,2\n`))).toThrow(
      /line 3, column "value_usd": conflicting duplicate: line 2/,
    );
    expect(() => readTidyPanel(tmpFile('t.csv', `${h}01012100,HS8,2015-01,1\n01012100,HS8`))).toThrow(
      /line 3: the last line has 2 fields/,
    );
    expect(() => readTidyPanel(tmpFile('x.csv', `${h}01012100,HS8,2015-01,1\n010121,HS6,2015-01,1\n`))).toThrow(
      /mixed code levels/,
    );
    const z = readTidyPanel(tmpFile('z.csv', `${h}1012100,HS8,2015-01,1\n`));
    expect(z.cells.codes).toEqual(['01012100']);
    expect(z.report.repairs).toEqual(['restored leading zero on 1 codes (7 → 8 digits)']);
  });
});

const ON = !!process.env.IMPORT_BENCH;
if (!ON)
  console.warn(
    'tests/unit/io/importers/tidy.test.ts: the throughput check is skipped (set IMPORT_BENCH=1 to measure the streaming reader)',
  );

describe.skipIf(!ON)('streaming tidy reader throughput', () => {
  it('reads 2M rows with bounded memory', () => {
    const file = path.join(tmpDir(), 'bench-2m.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, '# SYNTHETIC throughput file\ncode,level,month,value_usd,partner,regime\n');
    let buf = '';
    let n = 0;
    for (let m = 0; m < 13 && n < 2e6; m++)
      for (let c = 0; c < 8900 && n < 2e6; c++)
        for (let p = 0; p < 18 && n < 2e6; p++) {
          buf += `${String(1012100 + c * 9973).padStart(8, '0')},HS8,${2015 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')},${(c * 7919 + p * 104729 + m) % 10000000},${101 + p},10\n`;
          n++;
          if (buf.length > 1 << 20) {
            fs.writeSync(fd, buf);
            buf = '';
          }
        }
    fs.writeSync(fd, buf);
    fs.closeSync(fd);
    const t0 = performance.now();
    const r = readTidyPanel(file);
    const s = (performance.now() - t0) / 1000;
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(
      `readTidyPanel: ${n} rows in ${s.toFixed(2)} s = ${(n / s / 1e6).toFixed(2)} M rows/s, peak RSS ${rss.toFixed(0)} MB`,
    );
    expect(r.report.rowsUsed).toBe(n);
    expect(n / s).toBeGreaterThan(1e6);
    fs.rmSync(file);
  });
});

describe('readTidyPanel: when the file is read in ranges, and why not', () => {
  // 3 codes × 2 months × 2 partners after a comment and the header; a boundary in the middle
  const rows = (partner: (i: number) => string): string => {
    const out: string[] = [];
    let i = 0;
    for (const c of ['01012100', '01012900', '85423111'])
      for (const m of ['2015-01', '2015-02'])
        for (const p of [1, 2]) out.push(`${c},HS8,${m},${++i},${partner(i) || p},10`);
    return out.join('\n') + '\n';
  };
  const plain = '# note\n' + H6 + '\n' + rows(() => '');
  const mid = (text: string): number => Buffer.byteLength(text.slice(0, Math.round(text.length / 2)));

  const threadsOf = (name: string, text: string | Buffer, opts: Parameters<typeof readTidyPanel>[1]): unknown => {
    const file = tmpFile(name, text);
    const r = readTidyPanel(file, opts);
    expect(whole(r)).toEqual(whole(readTidyPanel(file, { threads: 1 })));
    return r.threads;
  };

  it('a boundary in the middle: two ranges', () => {
    expect(threadsOf('rg-plain.csv', plain, { splits: [mid(plain)] })).toEqual({ ranges: 2 });
  });

  it('the hash duplicate check reads on one thread, as asked (no reason given)', () => {
    expect(threadsOf('rg-hash.csv', plain, { splits: [mid(plain)], dupMode: 'hash' })).toEqual({ ranges: 1 });
  });

  it('a boundary at the end of the file: one thread, and why', () => {
    expect(threadsOf('rg-end.csv', plain, { splits: [Buffer.byteLength(plain)] })).toEqual({
      ranges: 1,
      serialBecause: 'a range starts at the end of the file',
    });
  });

  it('a first range not in UTF-8 (a GB18030 comment): one thread, and why', () => {
    const gb = Buffer.concat([
      Buffer.from('# '),
      Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
      Buffer.from('\n' + H6 + '\n' + rows(() => '')),
    ]);
    expect(threadsOf('rg-gb.csv', gb, { splits: [Math.round(gb.length / 2)] })).toEqual({
      ranges: 1,
      serialBecause: 'not UTF-8 or ASCII',
    });
    expect(readTidyPanel(tmpFile('rg-gb.csv', gb), { splits: [Math.round(gb.length / 2)] }).notes).toEqual(['中文']);
  });

  it('text partner keys in the first range only: one thread, and why', () => {
    const text = '# note\n' + H6 + '\n' + rows((i) => (i <= 2 ? `CN${i}` : ''));
    expect(threadsOf('rg-text.csv', text, { splits: [mid(text)] })).toEqual({
      ranges: 1,
      serialBecause: 'text partner or regime keys',
    });
  });
});
