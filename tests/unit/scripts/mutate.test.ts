/**
 * `npm run mutate`'s command line and its choice of files (scripts/mutate.ts mutatedFiles); and that the folders
 * it scores are the ones stryker.config.mjs mutates (the reports' reading: mutate-report.test.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MUTATED_FOLDERS } from '../../../scripts/mutate-report.js';
import { batchFiles, mutatedFiles, parseMutateArgs } from '../../../scripts/mutate.js';

describe('parseMutateArgs', () => {
  it('defaults, --since, repeated --file, --force, --scores, --help', () => {
    expect(parseMutateArgs([])).toEqual({
      help: false,
      since: undefined,
      files: [],
      force: false,
      batch: 4,
      scores: false,
      survivors: undefined,
      static: false,
    });
    expect(parseMutateArgs(['--batch', '1'])).toMatchObject({ batch: 1 });
    expect(parseMutateArgs(['--static', '--file', 'lib/core/codes.ts'])).toMatchObject({
      static: true,
      files: ['lib/core/codes.ts'],
    });
    expect(parseMutateArgs(['--survivors', 'lib/core'])).toMatchObject({ survivors: 'lib/core' });
    expect(parseMutateArgs(['--since', 'main'])).toMatchObject({ since: 'main', files: [] });
    expect(parseMutateArgs(['--file', 'lib/core/months.ts', '--file=lib/core/codes.ts'])).toMatchObject({
      files: ['lib/core/months.ts', 'lib/core/codes.ts'],
    });
    expect(parseMutateArgs(['--force', '--scores'])).toMatchObject({ force: true, scores: true });
    expect(parseMutateArgs(['--since', 'main', '-h'])).toEqual({ help: true });
  });

  it('mistakes are errors naming the option', () => {
    expect(() => parseMutateArgs(['--sinse', 'main'])).toThrow('unknown option --sinse (see npm run mutate -- --help)');
    expect(() => parseMutateArgs(['--since'])).toThrow(/--since/);
    expect(() => parseMutateArgs(['lib/core/months.ts'])).toThrow('unexpected argument lib/core/months.ts');
    expect(() => parseMutateArgs(['--batch', '0'])).toThrow(/--batch/);
    expect(() => parseMutateArgs(['--batch', '2.5'])).toThrow(/--batch/);
    expect(() => parseMutateArgs(['--since', 'main', '--file', 'lib/core/months.ts'])).toThrow(
      '--since and --file choose the files two ways: give one of them',
    );
  });
});

describe('batchFiles', () => {
  it('splits in order into runs of at most the size', () => {
    expect(batchFiles(['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts'], 2)).toEqual([
      ['a.ts', 'b.ts'],
      ['c.ts', 'd.ts'],
      ['e.ts'],
    ]);
    expect(batchFiles(['a.ts', 'b.ts'], 4)).toEqual([['a.ts', 'b.ts']]);
    expect(batchFiles(['a.ts', 'b.ts'], 1)).toEqual([['a.ts'], ['b.ts']]);
    expect(batchFiles([], 4)).toEqual([]);
  });
});

describe('mutatedFiles', () => {
  it('keeps the .ts sources of the four folders, sorted, once each', () => {
    expect(
      mutatedFiles([
        'lib/steps/partition.ts',
        'lib/present/tables.ts', // not mutated
        'lib/io/panel.ts', // lib/io itself is not, only its importers and Comtrade client
        'lib/io/importers/customs.ts',
        'lib/io/comtrade/plan.ts',
        'lib/core/months.ts',
        'lib/core/months.ts',
        path.posix.join('lib/steps', 'types.d.ts'), // (joined: tests/unit/layout.test.ts checks that named files exist)
        'lib/steps/README.md',
        path.posix.join('lib/stepsx', 'a.ts'), // a folder whose name only starts like one
        'tests/unit/steps/partition.test.ts',
      ]),
    ).toEqual([
      'lib/core/months.ts',
      'lib/io/comtrade/plan.ts',
      'lib/io/importers/customs.ts',
      'lib/steps/partition.ts',
    ]);
    expect(mutatedFiles([])).toEqual([]);
  });

  it('the folders are the ones stryker.config.mjs mutates', () => {
    const config = fs.readFileSync('stryker.config.mjs', 'utf8');
    const folders = [...config.matchAll(/(\w+): \{\s*folder: '(lib\/[^']+)'/g)].map((m) => `${m[1]} ${m[2]}`).sort();
    expect(folders).toEqual(MUTATED_FOLDERS.map((f) => `${f.name} ${f.folder}`).sort());
  });
});

describe('stryker.config.mjs', () => {
  let loads = 0;
  const load = async (folder: string | undefined): Promise<Record<string, unknown>> => {
    const before = { folder: process.env.STRYKER_FOLDER, tests: process.env.STRYKER_TESTS };
    if (folder === undefined) delete process.env.STRYKER_FOLDER;
    else process.env.STRYKER_FOLDER = folder;
    try {
      // a fresh module each time: the config reads the environment when it loads
      const url = `${pathToFileURL(path.resolve('stryker.config.mjs')).href}?folder=${folder}&n=${++loads}`;
      const mod = (await import(url)) as { default: Record<string, unknown> };
      return { ...mod.default, tests: process.env.STRYKER_TESTS };
    } finally {
      for (const [k, v] of [
        ['STRYKER_FOLDER', before.folder],
        ['STRYKER_TESTS', before.tests],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  };

  it('each folder mutates its own files against the unit tests that mirror it, reports in its own folder', async () => {
    for (const { name, folder } of MUTATED_FOLDERS) {
      const c = await load(name);
      expect(c.mutate).toEqual([`${folder}/**/*.ts`]);
      expect(c.incrementalFile).toBe(`reports/mutation/${name}/incremental.json`);
      const tests = String(c.tests).split(',');
      expect(tests.at(-1)).toBe('tests/unit/doctest.test.ts');
      // every test glob names tests that exist
      for (const glob of tests) {
        const dir = glob.includes('**') ? glob.slice(0, glob.indexOf('/**')) : glob;
        expect(fs.existsSync(dir), glob).toBe(true);
      }
    }
  });

  it('module-level mutants are ignored, unless STRYKER_STATIC=1 (npm run mutate -- --static)', async () => {
    expect((await load('core')).ignoreStatic).toBe(true);
    process.env.STRYKER_STATIC = '1';
    try {
      expect((await load('core')).ignoreStatic).toBe(false);
    } finally {
      delete process.env.STRYKER_STATIC;
    }
  });

  it('without STRYKER_FOLDER it stops and says how to run it', async () => {
    await expect(load(undefined)).rejects.toThrow(
      'stryker.config.mjs: STRYKER_FOLDER must be one of steps, core, importers, comtrade (got ""): run npm run mutate',
    );
  });
});
