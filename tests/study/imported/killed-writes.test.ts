/**
 * lib/io/imported.ts killed midway (SIGKILL, in a child process started with tsx: about a second each, so out of the
 * unit project): a write killed while writing leaves the old content; a run killed between renaming the panel and
 * the manifest leaves a pair loadPanel refuses. The other tests of the module: tests/unit/io/imported.test.ts.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudyError } from '../../../lib/core/errors.js';
import { writeAtomic, writeImportedPanel, type ImportedPart } from '../../../lib/io/imported.js';
import { loadPanel } from '../../../lib/io/panel.js';
import { A, B, files, killWhileWriting, libUrl, notes, tmp } from '../../helpers/imported-parts.js';

describe('writeAtomic, killed', () => {
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
});

describe('writeImportedPanel, killed', () => {
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
});
