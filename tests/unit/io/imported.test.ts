/**
 * lib/io/imported.ts: the imported panel written once for both data scripts — the merge of
 * several imports, the manifest, files replaced whole (a failing or killed run leaves the
 * earlier panel and manifest byte for byte; a kill between the two renames leaves a pair loadPanel refuses). The data:import script writing through it, as a process:
 * tests/study/scripts/data-import.test.ts; runs killed in a child process: tests/study/imported/killed-writes.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudyError } from '../../../lib/core/errors.js';
import { writeAtomic, writeImportedPanel } from '../../../lib/io/imported.js';
import { loadPanel } from '../../../lib/io/panel.js';
import { A, B, files, notes, part, tmp } from '../../helpers/imported-parts.js';

describe('writeAtomic', () => {
  it('replaces a file whole and leaves no temp file', () => {
    const dir = tmp();
    const f = path.join(dir, 'sub', 'x.json');
    writeAtomic(f, '{"v":1}');
    writeAtomic(f, Buffer.from('{"v":2}'));
    expect(fs.readFileSync(f, 'utf8')).toBe('{"v":2}');
    expect(fs.readdirSync(path.dirname(f))).toEqual(['x.json']);
  });

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
