/**
 * lib/io/imported.ts: the imported panel written once for both data scripts — the merge of
 * several imports, the manifest, files replaced whole (a failing or killed run leaves the
 * earlier panel and manifest byte for byte; a kill between the two renames leaves a pair loadPanel refuses). The data:import script writing through it, as a process:
 * tests/study/scripts/data-import.test.ts.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StudyError } from '../../../lib/core/errors.js';
import { monthIndex } from '../../../lib/core/months.js';
import { writeAtomic, writeImportedPanel, type ImportedPart } from '../../../lib/io/imported.js';
import { newReport, type TidyCells } from '../../../lib/io/importers/index.js';
import { loadPanel } from '../../../lib/io/panel.js';
import { tempDir } from '../../helpers/temp.js';

const tmp = (): string => tempDir('imported-test-');

/** A part by hand: [code, 'YYYY-MM', value] rows (any order); the report's period is the rows' first and last month. */
function part(file: string, rows: [string, string, number][], level: 'HS8' | 'HS6' = 'HS8'): ImportedPart {
  const sorted = [...rows].sort((a, b) =>
    a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : monthIndex(a[1]) - monthIndex(b[1]),
  );
  const codes = [...new Set(sorted.map((r) => r[0]))];
  const cells: TidyCells = {
    level,
    codes,
    n: sorted.length,
    code: Int32Array.from(sorted.map((r) => codes.indexOf(r[0]))),
    month: Int32Array.from(sorted.map((r) => monthIndex(r[1]))),
    value: Float64Array.from(sorted.map((r) => r[2])),
  };
  const months = sorted.map((r) => r[1]).sort();
  const report = {
    ...newReport(file, 'customs'),
    level,
    period: months.length ? ([months[0], months[months.length - 1]] as [string, string]) : null,
  };
  return { file, cells, report };
}

const notes = (p: { level: string; period: [string, string] }): string[] => [
  `test panel, ${p.level}, ${p.period[0]} to ${p.period[1]}`,
];
const files = (dir: string): Record<string, string> =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );

/**
 * Run `code` (an ES module; `SIZE` holds a number that grows with each attempt) in a child
 * process and SIGKILL it as soon as a non-empty temp file starting with `tmpPrefix` appears in
 * `dir`. A child that finishes before that is not a kill: `restore()` puts the old files back
 * and the next attempt writes twice as much. Resolves whether a kill landed midway.
 */
async function killWhileWriting(
  code: string,
  dir: string,
  tmpPrefix: string,
  size: number,
  restore: () => void,
): Promise<boolean> {
  const script = path.join(tmp(), 'child.mts');
  for (let attempt = 0; attempt < 5; attempt++, size *= 2) {
    fs.writeFileSync(script, `const SIZE = ${size};\n${code}`);
    const landed = await new Promise<boolean>((resolve) => {
      const p = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'ignore' });
      let killed = false;
      const timer = setInterval(() => {
        const t = fs.readdirSync(dir).find((f) => f.startsWith(tmpPrefix) && f.endsWith('.tmp'));
        if (t && fs.statSync(path.join(dir, t), { throwIfNoEntry: false })?.size) {
          killed = p.kill('SIGKILL');
          clearInterval(timer);
        }
      }, 2);
      p.on('exit', () => {
        clearInterval(timer);
        resolve(killed);
      });
    });
    if (landed) return true;
    restore();
  }
  return false;
}
const libUrl = (f: string): string => JSON.stringify(pathToFileURL(path.resolve(f)).href);

const A = part('a.csv', [
  ['85423100', '2015-01', 10],
  ['85423100', '2015-02', 11],
  ['85423900', '2015-01', 5],
]);
const B = part('b.csv', [
  ['85423100', '2015-02', 11], // also in A, same value: kept once
  ['85423100', '2015-03', 12],
  ['84862000', '2015-03', 7.5],
]);

describe('writeAtomic', () => {
  it('replaces a file whole and leaves no temp file', () => {
    const dir = tmp();
    const f = path.join(dir, 'sub', 'x.json');
    writeAtomic(f, '{"v":1}');
    writeAtomic(f, Buffer.from('{"v":2}'));
    expect(fs.readFileSync(f, 'utf8')).toBe('{"v":2}');
    expect(fs.readdirSync(path.dirname(f))).toEqual(['x.json']);
  });

  it('a run killed (SIGKILL) while writing leaves the old content', async () => {
    const dir = tmp();
    const f = path.join(dir, 'big.json');
    writeAtomic(f, 'old');
    const landed = await killWhileWriting(
      `import { writeAtomic } from ${libUrl('lib/io/imported.ts')};\nwriteAtomic(${JSON.stringify(f)}, Buffer.alloc(SIZE, 120));`,
      dir,
      'big.json.',
      1 << 26,
      () => {
        for (const x of fs.readdirSync(dir)) fs.rmSync(path.join(dir, x));
        fs.writeFileSync(f, 'old');
      },
    );
    expect(landed).toBe(true);
    expect(fs.readFileSync(f, 'utf8')).toBe('old');
  }, 60_000);

  it('a write that fails leaves the old file and no temp file', () => {
    const dir = tmp();
    const f = path.join(dir, 'x.json');
    writeAtomic(f, 'old');
    fs.mkdirSync(path.join(dir, 'blocked'));
    // renaming onto a folder fails after the temp file was written
    expect(() => writeAtomic(path.join(dir, 'blocked'), 'new')).toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['blocked', 'x.json']);
    expect(fs.readFileSync(f, 'utf8')).toBe('old');
  });
});

describe('writeImportedPanel', () => {
  it('merges the parts: union of the cells, a shared cell once, sorted by code then month, period over all parts', () => {
    const dir = tmp();
    const w = writeImportedPanel([A, B], { outDir: dir, notes, manifest: { options: { x: 1 }, sources: ['a', 'b'] } });
    expect(fs.readFileSync(path.join(dir, 'panel.csv'), 'utf8')).toBe(
      [
        '# test panel, HS8, 2015-01 to 2015-03',
        `# import ${w.manifest.importId as string}`,
        'code,level,month,value_usd',
        '84862000,HS8,2015-03,7.5',
        '85423100,HS8,2015-01,10',
        '85423100,HS8,2015-02,11',
        '85423100,HS8,2015-03,12',
        '85423900,HS8,2015-01,5',
        '',
      ].join('\n'),
    );
    expect([w.rows, w.codes, w.level, w.period]).toEqual([5, 3, 'HS8', ['2015-01', '2015-03']]);
    expect(w.panelFile).toBe(path.join(dir, 'panel.csv'));
    expect(w.manifestFile).toBe(path.join(dir, 'manifest.json'));
  });

  it("the manifest: the fields of every import first (kind … codes), then the caller's, in order; pretty JSON with a final newline", () => {
    const dir = tmp();
    const extra = {
      options: { format: 'auto', cumulative: 'auto' },
      fetch: { api: 'https://x', keyed: false },
      sources: [{ file: '/d/a.csv', name: 'a.csv' }],
    };
    const w = writeImportedPanel([A, B], { outDir: dir, notes, manifest: extra });
    const text = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    // the import's id, also the panel's `# import <id>` line (after the caller's notes)
    const importId = fs.readFileSync(path.join(dir, 'panel.csv'), 'utf8').split('\n')[1].slice('# import '.length);
    expect(importId).toMatch(/^[0-9a-f]{16}$/);
    const want = {
      kind: 'imported',
      panel: 'panel.csv',
      importId,
      level: 'HS8',
      period: ['2015-01', '2015-03'],
      rows: 5,
      codes: 3,
      ...extra,
    };
    expect(text).toBe(JSON.stringify(want, null, 2) + '\n');
    expect(Object.keys(JSON.parse(text))).toEqual([
      'kind',
      'panel',
      'importId',
      'level',
      'period',
      'rows',
      'codes',
      'options',
      'fetch',
      'sources',
    ]);
    expect(w.manifest).toEqual(want);
  });

  it('an existing panel and manifest are replaced by the new parts (not merged with what is on disk); no temp file stays', () => {
    const dir = tmp();
    writeImportedPanel([A, B], { outDir: dir, notes, manifest: { sources: ['a', 'b'] } });
    writeImportedPanel([B], { outDir: dir, notes, manifest: { sources: ['b'] } });
    const f = files(dir);
    expect(Object.keys(f)).toEqual(['manifest.json', 'panel.csv']);
    expect(f['panel.csv'].split('\n').slice(3, -1)).toEqual([
      '84862000,HS8,2015-03,7.5',
      '85423100,HS8,2015-02,11',
      '85423100,HS8,2015-03,12',
    ]);
    expect(JSON.parse(f['manifest.json'])).toMatchObject({
      period: ['2015-02', '2015-03'],
      rows: 3,
      codes: 2,
      sources: ['b'],
    });
  });

  it('two values for one cell: an error naming both files; the earlier panel and manifest stay byte for byte', () => {
    const dir = tmp();
    writeImportedPanel([A], { outDir: dir, notes, manifest: {} });
    const before = files(dir);
    const C = part('c.csv', [['85423100', '2015-01', 99]]);
    expect(() => writeImportedPanel([A, C], { outDir: dir, notes, manifest: {} })).toThrow(
      /mergeCells: code 85423100 month index \d+ has 10 in a\.csv but 99 in c\.csv/,
    );
    expect(files(dir)).toEqual(before);
  });

  it('a run failing midway through the panel leaves the earlier files byte for byte and no temp file', () => {
    const dir = tmp();
    writeImportedPanel([A], { outDir: dir, notes, manifest: { run: 1 } });
    const before = files(dir);
    // 2000 good rows, then a value panel.csv cannot hold (the writer has flushed rows to the temp file by then)
    const rows: [string, string, number][] = Array.from({ length: 2000 }, (_, k) => [
      String(10000000 + k),
      '2015-01',
      k,
    ]);
    rows.push(['99999999', '2015-01', -1]);
    expect(() => writeImportedPanel([part('big.csv', rows)], { outDir: dir, notes, manifest: { run: 2 } })).toThrow(
      /writePanelCsv: value must be a finite non-negative number/,
    );
    expect(files(dir)).toEqual(before);
  });

  it('a run killed (SIGKILL) while writing the new panel leaves the earlier panel and manifest byte for byte', async () => {
    const dir = tmp();
    writeImportedPanel([A], { outDir: dir, notes, manifest: { run: 'old' } });
    const before = files(dir);
    const landed = await killWhileWriting(
      [
        `import { writeImportedPanel } from ${libUrl('lib/io/imported.ts')};`,
        `const months = 120, n = SIZE * months;`,
        `const cells = { level: 'HS8', codes: Array.from({ length: SIZE }, (_, k) => String(10000000 + k)), n, code: new Int32Array(n), month: new Int32Array(n), value: new Float64Array(n) };`,
        `for (let i = 0; i < n; i++) { cells.code[i] = Math.floor(i / months); cells.month[i] = 1380 + (i % months); cells.value[i] = 1000 + i; }`,
        `const report = { period: ['2015-01', '2024-12'], notes: [] };`,
        `writeImportedPanel([{ file: 'big', cells, report }], { outDir: ${JSON.stringify(dir)}, notes: () => ['new'], manifest: { run: 'new' } });`,
      ].join('\n'),
      dir,
      'panel.csv.',
      4000,
      () => {
        // it finished: put the old files back
        for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
        for (const [f, text] of Object.entries(before)) fs.writeFileSync(path.join(dir, f), text);
      },
    );
    expect(landed).toBe(true);
    const after = files(dir);
    expect(after['panel.csv']).toBe(before['panel.csv']);
    expect(after['manifest.json']).toBe(before['manifest.json']);
    // the killed run's temp file may stay; nothing else changed
    expect(Object.keys(after).filter((f) => !f.endsWith('.tmp'))).toEqual(['manifest.json', 'panel.csv']);
    // the next run writes over it as usual
    writeImportedPanel([B], { outDir: dir, notes, manifest: {} });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')).rows).toBe(3);
  }, 60_000);

  it('a run killed (SIGKILL) between renaming the panel and the manifest: loadPanel refuses the new panel beside the old manifest, saying to run the import again; the next run repairs it', async () => {
    const dir = tmp();
    writeImportedPanel([A], { outDir: dir, notes, manifest: { run: 'old' } });
    const before = files(dir);
    expect(loadPanel({ source: 'imported', file: path.join(dir, 'panel.csv') }).codes).toEqual([
      '85423100',
      '85423900',
    ]);
    // the child writes A and B merged (5 rows, 3 codes) and kills itself when the manifest's rename comes, after the panel's
    const plain = (p: ImportedPart): unknown => ({
      file: p.file,
      report: p.report,
      cells: { ...p.cells, code: [...p.cells.code], month: [...p.cells.month], value: [...p.cells.value] },
    });
    const script = path.join(tmp(), 'child.mts');
    fs.writeFileSync(
      script,
      [
        `import fs from 'node:fs';`,
        `import { syncBuiltinESMExports } from 'node:module';`,
        `const rename = fs.renameSync;`,
        `fs.renameSync = (from, to) => { if (String(to).endsWith('manifest.json')) process.kill(process.pid, 'SIGKILL'); return rename(from, to); };`,
        `syncBuiltinESMExports();`,
        `const { writeImportedPanel } = await import(${libUrl('lib/io/imported.ts')});`,
        `const parts = ${JSON.stringify([A, B].map(plain))}.map((p) => ({ ...p, cells: { ...p.cells, code: Int32Array.from(p.cells.code), month: Int32Array.from(p.cells.month), value: Float64Array.from(p.cells.value) } }));`,
        `writeImportedPanel(parts, { outDir: ${JSON.stringify(dir)}, notes: () => ['new'], manifest: { run: 'new' } });`,
      ].join('\n'),
    );
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'ignore' }).on('exit', (_, sig) => resolve(sig)),
    );
    expect(signal).toBe('SIGKILL');
    const after = files(dir);
    // the new panel, the old manifest (and the killed run's manifest temp file)
    const newLines = after['panel.csv'].split('\n');
    expect(newLines.slice(0, 4)).toEqual([
      '# new',
      expect.stringMatching(/^# import [0-9a-f]{16}$/),
      'code,level,month,value_usd',
      '84862000,HS8,2015-03,7.5',
    ]);
    const newId = newLines[1].slice('# import '.length);
    const oldId = JSON.parse(before['manifest.json']).importId as string;
    expect(oldId).not.toBe(newId);
    expect(after['manifest.json']).toBe(before['manifest.json']);
    expect(Object.keys(after).filter((f) => !f.endsWith('.tmp'))).toEqual(['manifest.json', 'panel.csv']);
    const panelFile = path.join(dir, 'panel.csv');
    const manifestFile = path.join(dir, 'manifest.json');
    expect(() => loadPanel({ source: 'imported', file: panelFile })).toThrow(
      new StudyError(
        'loadPanel',
        `${panelFile} has 5 rows and 3 codes from import ${newId} but ${manifestFile} says 3 rows and 2 codes from import ${oldId}: ` +
          'the last import was interrupted between writing the two files (or one was changed by hand), so the panel is not the one its manifest describes; ' +
          'run the import again (`npm run data:import -- <downloaded files>`, or `npm run data:fetch -- comtrade` for a fetched panel)',
      ),
    );
    // running the import again writes a matching pair, which loads
    writeImportedPanel([A, B], { outDir: dir, notes, manifest: { run: 'again' } });
    const p = loadPanel({ source: 'imported', file: panelFile });
    expect([p.codes, p.months]).toEqual([
      ['84862000', '85423100', '85423900'],
      ['2015-01', '2015-02', '2015-03'],
    ]);
    expect(p.values.map((r) => [...r])).toEqual([
      [NaN, NaN, 7.5],
      [10, 11, 12],
      [5, NaN, NaN],
    ]);
  }, 60_000);

  it('a new panel with the same rows and codes as the old one, beside the old manifest: refused by its import id', () => {
    const dir = tmp();
    writeImportedPanel([A], { outDir: dir, notes, manifest: {} });
    const oldManifest = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    const revised = part('a.csv', [
      ['85423100', '2015-01', 10],
      ['85423100', '2015-02', 99], // a revised value: same rows, same codes
      ['85423900', '2015-01', 5],
    ]);
    writeImportedPanel([revised], { outDir: dir, notes, manifest: {} });
    const panelFile = path.join(dir, 'panel.csv');
    const manifestFile = path.join(dir, 'manifest.json');
    expect(loadPanel({ source: 'imported', file: panelFile }).values[0][1]).toBe(99);
    const newId = JSON.parse(fs.readFileSync(manifestFile, 'utf8')).importId as string;
    const oldId = JSON.parse(oldManifest).importId as string;
    // the id comes from the cells: the same import gives the same id (the files are deterministic)
    expect(writeImportedPanel([A], { outDir: tmp(), notes, manifest: {} }).manifest.importId).toBe(oldId);
    fs.writeFileSync(manifestFile, oldManifest); // as a kill between the two renames would leave it
    expect(() => loadPanel({ source: 'imported', file: panelFile })).toThrow(
      new StudyError(
        'loadPanel',
        `${panelFile} has 3 rows and 2 codes from import ${newId} but ${manifestFile} says 3 rows and 2 codes from import ${oldId}: ` +
          'the last import was interrupted between writing the two files (or one was changed by hand), so the panel is not the one its manifest describes; ' +
          'run the import again (`npm run data:import -- <downloaded files>`, or `npm run data:fetch -- comtrade` for a fetched panel)',
      ),
    );
  });

  it('refuses no parts, parts without a value and parts of two code levels', () => {
    const dir = tmp();
    expect(() => writeImportedPanel([], { outDir: dir, notes, manifest: {} })).toThrow(
      /writeImportedPanel: no imports to write/,
    );
    expect(() => writeImportedPanel([part('empty.csv', [])], { outDir: dir, notes, manifest: {} })).toThrow(
      /writeImportedPanel: no values imported: nothing to write/,
    );
    const hs6 = part('h.json', [['854231', '2015-01', 1]], 'HS6');
    expect(() => writeImportedPanel([A, hs6], { outDir: dir, notes, manifest: {} })).toThrow(
      /mergeCells: cannot merge HS8 and HS6 imports into one panel/,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
